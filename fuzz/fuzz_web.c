/*
 * fuzz_web — libFuzzer harness for the web request handlers (web_check, web_handle): the first
 * byte picks the method and route (bits 0-4; a POST reaches the page's forms and the API, the
 * other methods the pages and the API), whether the request comes over HTTP (bit 5: then
 * bit 6 picks HTTP/1.0 or 1.1) and whether a line of header fields follows the query (bit 7);
 * the next line is the query (key=value pairs split on '&', %00 in it flags a NUL), then the
 * header line ("Name: value" fields split on '\r'), and the rest is the body. Any input must
 * produce a response with a status, never a crash or a leak.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The first line of [*data, *data + *size) as a string (free it), moving past it; with no
 * newline (or when !wanted) an empty string, nothing moved. */
static char *take_line(const uint8_t **data, size_t *size, bool wanted)
{
	const uint8_t *nl = wanted ? memchr(*data, '\n', *size) : NULL;
	size_t n = nl ? (size_t)(nl - *data) : 0;
	char *line = malloc(n + 1);
	memcpy(line, *data, n);
	line[n] = '\0';
	if (nl) {
		*size -= n + 1;
		*data = nl + 1;
	}
	return line;
}

/* Splits s in place on the characters of sep into key/value pairs (split at kv), at most cap;
 * *sent counts them all. Returns how many are in pairs. */
static size_t split(char *s, const char *sep, char kv, struct web_arg *pairs, size_t cap,
		    size_t *sent)
{
	size_t n = 0;
	*sent = 0;
	for (char *save = NULL, *f = strtok_r(s, sep, &save); f; f = strtok_r(NULL, sep, &save)) {
		(*sent)++;
		if (n == cap)
			continue;
		char *mid = strchr(f, kv);
		if (mid)
			*mid = '\0';
		pairs[n].key = f;
		pairs[n].value = mid ? mid + 1 : "";
		n++;
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kb *kb;
	static struct web_site prepared; /* the page, built once like the server does */
	static const char *const methods[] = {"GET", "POST", "HEAD", "PUT"};
	static const char *const paths[2][8] = {{"/", "/quick", "/api/quick", "/api/decide",
						 "/evidence", "/api/claims", "/results", "/../x"},
						{"/quick", "/api/quick", "/api/decide", "/api/cost",
						 "/decide", "/learn", "/ci-cost", "/hiring-cost"}};
	struct err e = {0};
	if (!kb) {
		kb = kb_load(NULL, &e);
		prepared.kb = kb;
		if (!kb || web_site_prepare(&prepared) != 0)
			abort();
	}
	if (size < 1)
		return 0;
	const char *method = methods[data[0] & 3],
		   *path = paths[(data[0] & 3) == 1][(data[0] >> 2) & 7];
	const char *version = data[0] & 0x20 ? (data[0] & 0x40 ? "HTTP/1.0" : "HTTP/1.1") : NULL;
	bool with_headers = data[0] & 0x80;
	size_t args_sent, headers_sent;
	data++;
	size--;
	char *query = take_line(&data, &size, true);
	char *hline = take_line(&data, &size, with_headers);
	bool url_has_nul = strstr(query, "%00") != NULL;
	struct web_arg args[WEB_MAX_ARGS], headers[WEB_MAX_HEADERS];
	size_t nargs = split(query, "&", '=', args, WEB_MAX_ARGS, &args_sent);
	size_t nheaders = split(hline, "\r", ':', headers, WEB_MAX_HEADERS, &headers_sent);
	char *body = malloc(size + 1);
	memcpy(body, data, size);
	size_t body_len = size;
	struct web_site site = prepared;
	site.samples = 100;
	struct web_request req = {.method = method,
				  .version = version,
				  .path = path,
				  .url_has_nul = url_has_nul,
				  .args = args,
				  .nargs = nargs,
				  .args_sent = args_sent,
				  .headers = headers,
				  .nheaders = nheaders,
				  .headers_sent = headers_sent,
				  .body = body,
				  .body_len = body_len};
	struct web_response res;
	if (web_handle(&site, &req, &res) == 0) {
		if (res.status < 200 || res.status > 599)
			abort();
		/* every error says what is wrong: JSON with a message, or, for the page's forms, a
		 * page with the message where the answer would be */
		static const char alert[] = "<p class=\"error\" role=\"alert\">";
		const char *shown =
		    res.status >= 400 && strncmp(res.content_type, "text/html", 9) == 0
			? strstr(res.body, alert)
			: NULL;
		if (res.status >= 400 && strcmp(res.content_type, "application/json") == 0) {
			json_t *j = json_loadb(res.body, res.len, 0, NULL);
			const char *msg = json_string_value(json_object_get(j, "error"));
			if (!msg || !*msg)
				abort();
			json_decref(j);
		} else if (res.status >= 400 &&
			   (!shown || strncmp(shown + sizeof alert - 1, "</p>", 4) == 0)) {
			abort();
		}
		web_response_free(&res);
	}
	free(body);
	free(hline);
	free(query);
	return 0;
}
