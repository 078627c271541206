/*
 * fuzz_web — libFuzzer harness for the web request handlers (web_handle): the first byte picks
 * the method (2 bits) and the route (4 bits, the page's forms among them), the next line is the
 * query (key=value pairs split on '&'), the rest is the body. Any input must produce a response
 * with a status, never a crash or a leak.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kb.h"
#include "web.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kb *kb;
	static struct web_site prepared; /* the page, built once like the server does */
	static const char *const methods[] = {"GET", "POST", "HEAD", "PUT"};
	static const char *const paths[] = {
	    "/",	 "/quick",  "/api/quick", "/api/decide", "/api/cost", "/api/claims",
	    "/results",	 "/../x",   "/decide",	  "/learn",	 "/ci-cost",  "/hiring-cost",
	    "/evidence", "/app.js", "/style.css", "/api/results"};
	struct err e = {0};
	if (!kb) {
		kb = kb_load(NULL, &e);
		prepared.kb = kb;
		if (!kb || web_site_prepare(&prepared) != 0)
			abort();
	}
	if (size < 1)
		return 0;
	const char *method = methods[data[0] & 3], *path = paths[(data[0] >> 2) & 15];
	data++;
	size--;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t qlen = nl ? (size_t)(nl - data) : 0;
	char *query = malloc(qlen + 1);
	memcpy(query, data, qlen);
	query[qlen] = '\0';
	struct web_arg args[WEB_MAX_ARGS];
	size_t nargs = 0;
	for (char *save = NULL, *kv = strtok_r(query, "&", &save); kv && nargs < WEB_MAX_ARGS;
	     kv = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(kv, '=');
		if (eq)
			*eq = '\0';
		args[nargs].key = kv;
		args[nargs].value = eq ? eq + 1 : "";
		nargs++;
	}
	size_t body_len = nl ? size - qlen - 1 : size;
	char *body = malloc(body_len + 1);
	memcpy(body, nl ? nl + 1 : data, body_len);
	struct web_site site = prepared;
	site.samples = 100;
	struct web_request req = {.method = method,
				  .path = path,
				  .args = args,
				  .nargs = nargs,
				  .body = body,
				  .body_len = body_len};
	struct web_response res;
	if (web_handle(&site, &req, &res) == 0) {
		if (res.status < 200 || res.status > 599)
			abort();
		web_response_free(&res);
	}
	free(body);
	free(query);
	return 0;
}
