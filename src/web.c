/*
 * web — request handling for `verdict serve` (see web.h). Routes:
 *   GET  /                 the page (web/index.html)
 *   GET  /style.css, /app.js
 *   GET  /quick?building=&team=&constraint=   the quick verdict as a page (works without JS)
 *   GET  /api/quick?...    and POST /api/quick {"building","team","constraint"}: verdict JSON
 *   POST /api/decide       a profile as JSON with the YAML's keys: verdict JSON
 *                          (?format=html: the report's body, charts included)
 *   POST /api/cost         a profile: cost JSON
 *   GET  /api/claims       the evidence base
 *   GET  /api/results      the measurements given with --results, if any
 *   GET  /results          the same as a chart
 * A JSON profile is read by the YAML profile parser (JSON is YAML's flow syntax), so the web
 * and the CLI accept and reject exactly the same profiles, with the same messages.
 */
#include "web.h"

#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "embedded.h"
#include "engine.h"
#include "profile.h"
#include "quick.h"
#include "render.h"
#include "svg.h"
#include "utf8.h"

static const char *arg(const struct web_request *r, const char *key)
{
	for (size_t i = 0; i < r->nargs; i++)
		if (r->args[i].key && strcmp(r->args[i].key, key) == 0)
			return r->args[i].value;
	return NULL;
}

/* Takes the bytes of an in-memory stream as the response body. open_memstream publishes the
 * buffer only on fclose, so the caller's variables are read after it. */
static int respond_stream(struct web_response *res, int status, const char *type, FILE *f,
			  char **buf, size_t *len)
{
	if (fclose(f) != 0) {
		free(*buf);
		return -1;
	}
	res->status = status;
	res->content_type = type;
	res->body = *buf;
	res->len = *len;
	return 0;
}

static int respond_text(struct web_response *res, int status, const char *type, const char *text,
			size_t len)
{
	res->status = status;
	res->content_type = type;
	res->body = malloc(len + 1);
	if (!res->body)
		return -1;
	memcpy(res->body, text, len);
	res->body[len] = '\0';
	res->len = len;
	return 0;
}

static int respond_json(struct web_response *res, int status, json_t *j)
{
	if (!j)
		return -1;
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(j);
	if (!s)
		return -1;
	res->status = status;
	res->content_type = "application/json";
	res->body = s;
	res->len = strlen(s);
	return 0;
}

/* Copies s into buf (size bytes), each byte that is not part of valid UTF-8 written as \xHH,
 * so a message quoting what a client sent is always a JSON string and readable. */
static const char *utf8_readable(const char *s, char *buf, size_t size)
{
	size_t o = 0, left = strlen(s);
	while (left && o + 5 < size) {
		uint32_t cp;
		size_t n = utf8_decode(s, left, &cp);
		if (n == 0) {
			snprintf(buf + o, size - o, "\\x%02x", (unsigned char)*s);
			o += 4;
			n = 1;
		} else if (o + n < size) {
			memcpy(buf + o, s, n);
			o += n;
		} else {
			break;
		}
		s += n;
		left -= n;
	}
	buf[o] = '\0';
	return buf;
}

int web_error(struct web_response *res, int status, const char *message)
{
	char text[4 * sizeof(((struct err *)0)->msg)];
	if (!message || !*message)
		message = status == 413 ? "the request is too large" : "the request was refused";
	json_t *j = json_object();
	if (!j)
		return -1;
	json_object_set_new(j, "error", json_string(utf8_readable(message, text, sizeof text)));
	json_object_set_new(j, "status", json_integer(status));
	return respond_json(res, status, j);
}

/* Fills *res with a refusal after which the connection is closed. Returns 1 (web_check's
 * "refused"), or -1 when out of memory. */
static int refuse(struct web_response *res, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int refuse(struct web_response *res, int status, const char *fmt, ...)
{
	char msg[sizeof(((struct err *)0)->msg)];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (web_error(res, status, msg) != 0)
		return -1;
	res->close = true;
	return 1;
}

/* A header value without the spaces and tabs around it (RFC 9110 5.5), as [*start, *end). */
static void field_trim(const char *v, const char **start, const char **end)
{
	*start = v;
	*end = v + strlen(v);
	while (**start == ' ' || **start == '\t')
		(*start)++;
	while (*end > *start && ((*end)[-1] == ' ' || (*end)[-1] == '\t'))
		(*end)--;
}

int web_check(const struct web_request *req, struct web_response *res)
{
	memset(res, 0, sizeof *res);
	if (req->url_has_nul)
		return refuse(res, 400, "the URL holds a NUL byte (%%00)");
	size_t nargs = req->args_sent > req->nargs ? req->args_sent : req->nargs;
	if (nargs > WEB_MAX_ARGS)
		return refuse(res, 400, "%zu query arguments; at most %d", nargs, WEB_MAX_ARGS);
	size_t nheaders = req->headers_sent > req->nheaders ? req->headers_sent : req->nheaders;
	if (nheaders > WEB_MAX_HEADERS)
		return refuse(res, 431, "%zu header fields; at most %d", nheaders, WEB_MAX_HEADERS);
	if (!req->version)
		return 0; /* not from HTTP: no Host or framing to check */
	size_t hosts = 0, lengths = 0, codings = 0;
	const char *length = NULL, *coding = NULL;
	for (size_t i = 0; i < req->nheaders; i++) {
		const char *k = req->headers[i].key ? req->headers[i].key : "",
			   *v = req->headers[i].value ? req->headers[i].value : "";
		if (strcasecmp(k, "Host") == 0) {
			hosts++;
		} else if (strcasecmp(k, "Content-Length") == 0) {
			if (lengths++ && strcmp(v, length) != 0)
				return refuse(res, 400,
					      "two different Content-Lengths ('%s' and '%s')",
					      length, v);
			length = v;
		} else if (strcasecmp(k, "Transfer-Encoding") == 0) {
			codings++;
			coding = v;
		}
	}
	bool http10 = strcmp(req->version, "HTTP/1.0") == 0;
	if (hosts > 1)
		return refuse(res, 400, "%zu Host headers; a request has one", hosts);
	if (hosts == 0 && !http10)
		return refuse(res, 400, "an HTTP/1.1 request needs a Host header");
	if (lengths > 1)
		return refuse(res, 400, "Content-Length given %zu times", lengths);
	if (codings && lengths)
		return refuse(res, 400,
			      "both Content-Length and Transfer-Encoding: the body's length is "
			      "ambiguous");
	if (codings && http10)
		return refuse(res, 400, "Transfer-Encoding in an HTTP/1.0 request");
	if (codings > 1)
		return refuse(res, 400, "Transfer-Encoding given %zu times", codings);
	if (codings) {
		static const char chunked[] = "chunked";
		const char *a, *b;
		field_trim(coding, &a, &b);
		if ((size_t)(b - a) != sizeof chunked - 1 ||
		    strncasecmp(a, chunked, sizeof chunked - 1) != 0)
			return refuse(res, 501,
				      "Transfer-Encoding '%.100s' is not supported: only chunked",
				      coding);
	}
	if (length) {
		const char *a, *b;
		field_trim(length, &a, &b);
		unsigned long long n = 0;
		for (const char *p = a; p < b && n <= WEB_MAX_BODY; p++)
			n = *p >= '0' && *p <= '9' ? n * 10 + (unsigned)(*p - '0') : ULLONG_MAX;
		if (a == b || n == ULLONG_MAX)
			return refuse(res, 400,
				      "Content-Length must be a number of bytes, got '%.100s'",
				      length);
		if (n > WEB_MAX_BODY)
			return refuse(res, 413, "the request body is over 64 KB (%d bytes)",
				      WEB_MAX_BODY);
	}
	return 0;
}

static void spectrum_points(json_t *spec, struct svg_point *pts, int *n, int cap)
{
	size_t i;
	json_t *pt;
	*n = 0;
	json_array_foreach(spec, i, pt)
	{
		if (*n == cap)
			break;
		json_t *p = json_object_get(pt, "percentile"), *ms = json_object_get(pt, "ms");
		if (json_is_number(p) && json_is_number(ms)) {
			pts[*n].percentile = json_number_value(p);
			pts[*n].ms = json_number_value(ms);
			(*n)++;
		}
	}
}

/* The chart of the --results measurements, drawn once by web_site_prepare: a large file must
 * not cost its parse on every request. */
static int results_chart(struct web_site *site)
{
	json_t *j = json_loads(site->results_json, 0, NULL);
	struct svg_point *pts = malloc(4096 * sizeof *pts);
	FILE *f = pts ? open_memstream(&site->results_svg, &site->results_svg_len) : NULL;
	if (!f) {
		free(pts);
		json_decref(j);
		return -1;
	}
	int n = 0;
	spectrum_points(json_object_get(j, "spectrum"), pts, &n, 4096);
	const char *of = json_string_value(json_object_get(j, "spectrum_of"));
	const char *names[] = {of ? of : "latency"};
	const struct svg_point *series[] = {pts};
	int counts[] = {n};
	svg_latency(f, "Measured latency by percentile", names, series, counts, 1);
	json_decref(j);
	free(pts);
	return fclose(f) == 0 ? 0 : -1;
}

/* The use-case table of the page: the point verdict for each project kind, team new to both,
 * no hard constraint, with its first reason. Computed, not copied, so it always agrees with
 * what the engine answers. */
static void usecase_table(const struct web_site *site, FILE *f)
{
	static const char *const cls[] = {"go", "rust", "either", "python", "keep", "hybrid"};
	fprintf(f, "<table id=\"usecases\"><tr><th>if you are building</th><th>pick</th>"
		   "<th>why</th></tr>\n");
	const char *const *kinds = profile_field(F_BUILDING)->values;
	for (size_t i = 0; kinds[i]; i++) {
		struct err e = {0};
		struct profile *p = quick_profile(site->kb, kinds[i], "neither", "none", &e);
		struct decision *d = p ? malloc(sizeof *d) : NULL;
		if (d && engine_decide_one(site->kb, p, d, &e) == 0) {
			fprintf(f, "<tr><td>%s</td><td><span class=\"pick %s\">%s</span></td><td>",
				kinds[i], cls[d->verdict], verdict_name(d->verdict));
			if (d->nreasons) {
				svg_escape(f, d->reasons[0].text);
				if (d->reasons[0].claim) {
					fprintf(f, " <span class=\"cite\">[");
					svg_escape(f, d->reasons[0].claim->id);
					fprintf(f, "]</span>");
				}
			}
			fprintf(f, "</td></tr>\n");
		}
		free(d);
		profile_free(p);
	}
	fprintf(f, "</table>\n");
}

int web_site_prepare(struct web_site *site)
{
	const struct embedded_file *page =
	    embedded_find(web_embedded_files, web_embedded_count, "index.html");
	const char *mark = page ? strstr(page->data, "<!--USECASES-->") : NULL;
	if (!mark)
		return -1;
	FILE *f = open_memstream(&site->page, &site->page_len);
	if (!f)
		return -1;
	fwrite(page->data, 1, (size_t)(mark - page->data), f);
	usecase_table(site, f);
	fputs(mark + strlen("<!--USECASES-->"), f);
	if (fclose(f) != 0 || (site->results_json && results_chart(site) != 0)) {
		web_site_release(site);
		return -1;
	}
	return 0;
}

void web_site_release(struct web_site *site)
{
	free(site->page);
	site->page = NULL;
	site->page_len = 0;
	free(site->results_svg);
	site->results_svg = NULL;
	site->results_svg_len = 0;
}

static int respond_asset(struct web_response *res, const char *name, const char *type)
{
	const struct embedded_file *f = embedded_find(web_embedded_files, web_embedded_count, name);
	if (!f)
		return web_error(res, 404, "no such page");
	return respond_text(res, 200, type, f->data, f->len);
}

/* Decides for p with the site's Monte Carlo settings. */
static int site_decide(const struct web_site *site, const struct profile *p, struct verdict *v,
		       struct err *e)
{
	struct engine_options o = engine_defaults();
	o.samples = site->samples;
	return engine_decide(site->kb, p, &o, v, e);
}

/* The verdict for a profile as JSON, or the report body as HTML. */
static int respond_verdict(const struct web_site *site, struct web_response *res,
			   const struct profile *p, bool html, const char *title)
{
	struct err e = {0};
	struct verdict v;
	if (site_decide(site, p, &v, &e) != 0)
		return web_error(res, e.kind == ERR_INTERNAL ? 500 : 400, e.msg);
	int rc;
	if (html) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		if (!f) {
			verdict_free(&v);
			return -1;
		}
		render_html_body(f, site->kb, &v, title);
		rc = respond_stream(res, 200, "text/html; charset=utf-8", f, &buf, &len);
	} else {
		rc = respond_json(res, 200, render_json(site->kb, &v));
	}
	verdict_free(&v);
	return rc;
}

/* A profile from a JSON body, parsed by the profile parser. */
static struct profile *body_profile(const struct web_request *req, struct err *e)
{
	if (!req->body || req->body_len == 0) {
		err_input(e, "request", 0, "the body must be a profile as JSON");
		return NULL;
	}
	json_error_t je;
	json_t *j = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		err_input(e, "request", je.line, "not valid JSON: %s", je.text);
		return NULL;
	}
	bool object = json_is_object(j);
	json_decref(j);
	if (!object) {
		err_input(e, "request", 1, "the profile must be a JSON object");
		return NULL;
	}
	return profile_parse("request", req->body, req->body_len, e);
}

/* The no-JavaScript quick answer is a whole page; so is its refusal, with the message where the
 * answer would be (#quick-result, which the page's script also reads). */
static void quick_page_open(FILE *f)
{
	fprintf(f,
		"<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<title>verdict</title><link rel=\"stylesheet\" href=\"/style.css\"></head><body>\n"
		"<nav><a href=\"/\">&larr; verdict</a></nav>\n<main id=\"quick-result\">\n");
}

static int quick_page_error(struct web_response *res, int status, const char *message)
{
	char text[4 * sizeof(((struct err *)0)->msg)];
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return -1;
	quick_page_open(f);
	fprintf(f, "<p class=\"error\">");
	svg_escape(f, utf8_readable(message, text, sizeof text));
	fprintf(f, "</p>\n</main>\n</body></html>\n");
	return respond_stream(res, status, "text/html; charset=utf-8", f, &buf, &len);
}

static int handle_quick(const struct web_site *site, const struct web_request *req,
			struct web_response *res, bool page)
{
	const char *building = arg(req, "building"), *team = arg(req, "team"),
		   *constraint = arg(req, "constraint");
	json_t *j = NULL;
	if (strcmp(req->method, "POST") == 0) {
		json_error_t je;
		j = req->body ? json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je)
			      : NULL;
		if (!json_is_object(j)) {
			json_decref(j);
			return web_error(
			    res, 400, "the body must be {\"building\", \"team\", \"constraint\"}");
		}
		const char *keys[] = {"building", "team", "constraint"};
		const char **vals[] = {&building, &team, &constraint};
		const char *key;
		json_t *value;
		json_object_foreach(j, key, value)
		{
			size_t k = 0;
			while (k < 3 && strcmp(keys[k], key) != 0)
				k++;
			if (k == 3 || !json_is_string(value)) {
				json_decref(j);
				return web_error(res, 400,
						 "only \"building\", \"team\" and \"constraint\", "
						 "as strings");
			}
			*vals[k] = json_string_value(value);
		}
	}
	struct err e = {0};
	struct profile *p = quick_profile(site->kb, building, team, constraint, &e);
	struct verdict v;
	int rc;
	if (!p) {
		int status = e.kind == ERR_INTERNAL ? 500 : 400;
		rc = page ? quick_page_error(res, status, e.msg) : web_error(res, status, e.msg);
	} else if (!page) {
		rc = respond_verdict(site, res, p, false, "quick");
	} else if (site_decide(site, p, &v, &e) != 0) {
		rc = quick_page_error(res, e.kind == ERR_INTERNAL ? 500 : 400, e.msg);
	} else {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		rc = f ? 0 : -1;
		if (f) {
			char title[200];
			snprintf(title, sizeof title, "a %s, team writes %s, hardest constraint %s",
				 building, team ? team : "neither",
				 constraint ? constraint : "none");
			quick_page_open(f);
			render_html_body(f, site->kb, &v, title);
			fprintf(f, "</main>\n</body></html>\n");
			rc = respond_stream(res, 200, "text/html; charset=utf-8", f, &buf, &len);
		}
		verdict_free(&v);
	}
	profile_free(p);
	json_decref(j);
	return rc;
}

static int handle_results(const struct web_site *site, struct web_response *res, bool chart)
{
	if (!site->results_json)
		return web_error(res, 404,
				 "no measurements were given (verdict serve --results "
				 "FILE)");
	if (!chart)
		return respond_text(res, 200, "application/json", site->results_json,
				    strlen(site->results_json));
	if (!site->results_svg)
		return web_error(res, 500, "the chart was not prepared");
	return respond_text(res, 200, "image/svg+xml", site->results_svg, site->results_svg_len);
}

int web_handle(const struct web_site *site, const struct web_request *req, struct web_response *res)
{
	int checked = web_check(req, res);
	if (checked != 0)
		return checked < 0 ? -1 : 0;
	const char *m = req->method, *path = req->path;
	bool get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0, post = strcmp(m, "POST") == 0;
	if (req->body_len > WEB_MAX_BODY)
		return web_error(res, 413, "the request body is over 64 KB (65536 bytes)");
	if (!get && !post)
		return web_error(res, 405, "only GET and POST");
	if (get && strcmp(path, "/") == 0)
		return site->page ? respond_text(res, 200, "text/html; charset=utf-8", site->page,
						 site->page_len)
				  : web_error(res, 500, "the page was not prepared");
	if (get && strcmp(path, "/style.css") == 0)
		return respond_asset(res, "style.css", "text/css; charset=utf-8");
	if (get && strcmp(path, "/app.js") == 0)
		return respond_asset(res, "app.js", "text/javascript; charset=utf-8");
	if (get && strcmp(path, "/quick") == 0)
		return handle_quick(site, req, res, true);
	if (strcmp(path, "/api/quick") == 0)
		return handle_quick(site, req, res, false);
	if (get && strcmp(path, "/api/claims") == 0)
		return respond_json(res, 200, render_claims_json(site->kb));
	if (get && strcmp(path, "/api/results") == 0)
		return handle_results(site, res, false);
	if (get && strcmp(path, "/results") == 0)
		return handle_results(site, res, true);
	if (strcmp(path, "/api/decide") == 0 || strcmp(path, "/api/cost") == 0) {
		if (!post)
			return web_error(res, 405, "POST a profile as JSON");
		struct err e = {0};
		struct profile *p = body_profile(req, &e);
		if (!p)
			return web_error(res, e.kind == ERR_INTERNAL ? 500 : 400, e.msg);
		int rc;
		if (strcmp(path, "/api/decide") == 0) {
			const char *format = arg(req, "format");
			rc = respond_verdict(site, res, p, format && strcmp(format, "html") == 0,
					     p->name[0] ? p->name : "your project");
		} else {
			struct costs *cs = cost_estimate_all(site->kb, p, 0, &e);
			rc = cs ? respond_json(res, 200, render_cost_report_json(site->kb, p, cs))
				: web_error(res, 400, e.msg);
			free(cs);
		}
		profile_free(p);
		return rc;
	}
	return web_error(res, 404, "no such page");
}

void web_response_free(struct web_response *res)
{
	free(res->body);
	res->body = NULL;
}
