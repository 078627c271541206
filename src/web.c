/*
 * web — request handling for `verdict serve` (see web.h). Routes:
 *   GET  /                 the page (web/index.html)
 *   GET  /style.css, /app.js
 * The page's forms post application/x-www-form-urlencoded bodies and get a whole page back, so
 * they work without JavaScript; with it, the page's script lifts the answer (#result) into place:
 *   POST /quick            building, team, constraint: the quick verdict (GET with the same
 *                          query arguments too)
 *   POST /decide           the profile form's fields (see form.h): the verdict
 *   POST /learn            background, goal: what to learn
 *   POST /ci-cost, /hiring-cost   the calculators
 *   GET  /evidence?q=&page=       the evidence browser, searched and paged
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
#include "form.h"
#include "label.h"
#include "learn.h"
#include "num.h"
#include "page.h"
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

int web_site_prepare(struct web_site *site)
{
	const struct embedded_file *page =
	    embedded_find(web_embedded_files, web_embedded_count, "index.html");
	if (!page)
		return -1;
	struct page_ctx ctx = {.kb = site->kb,
			       .samples = site->samples,
			       .evidence_json = site->evidence_json,
			       .results_json = site->results_json};
	struct err e = {0};
	FILE *f = open_memstream(&site->page, &site->page_len);
	if (!f)
		return -1;
	int rc = page_expand(f, &ctx, page->data, &e);
	if (fclose(f) != 0 || rc != 0 || (site->results_json && results_chart(site) != 0)) {
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
/* The engine's defaults with the site's sample count. */
static struct engine_options site_options(const struct web_site *site)
{
	struct engine_options o = engine_defaults();
	o.samples = site->samples;
	return o;
}

static int site_decide(const struct web_site *site, const struct profile *p, struct verdict *v,
		       struct err *e)
{
	struct engine_options o = site_options(site);
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

/* GET or POST /api/quick: the quick verdict as JSON. */
static int handle_quick(const struct web_site *site, const struct web_request *req,
			struct web_response *res)
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
	/* the same verdict as `verdict quick --format json`: what would change it is first another
	 * answer to the three questions */
	struct err e = {0};
	struct engine_options o = site_options(site);
	struct verdict v;
	int rc = quick_decide(site->kb, building, team, constraint, &o, &v, &e) == 0
		     ? respond_json(res, 200, render_json(site->kb, &v))
		     : web_error(res, e.kind == ERR_INTERNAL ? 500 : 400, e.msg);
	verdict_free(&v);
	json_decref(j);
	return rc;
}

/* --- pages that answer the page's forms --------------------------------------------------------
 */

struct answer {
	const struct web_site *site;
	const struct web_request *req;
	struct form form;
	char heading[200];
};

typedef int (*answer_fn)(FILE *f, struct answer *a, struct err *e);

/* A whole page answering a form: what fn writes, or its error where the answer would be (400 for
 * bad input, 500 for ours). fn writes nothing when it fails. */
static int answer_page(struct web_response *res, struct answer *a, answer_fn fn)
{
	struct err e = {0};
	char *buf = NULL;
	size_t len = 0;
	int status = 200;
	if (strcmp(a->req->method, "POST") == 0 &&
	    form_parse(&a->form, a->req->body ? a->req->body : "", a->req->body_len, &e) != 0)
		status = e.kind == ERR_INTERNAL ? 500 : 400;
	FILE *f = open_memstream(&buf, &len);
	if (!f) {
		form_free(&a->form);
		return -1;
	}
	/* the heading can depend on the answer, so the answer is written first, then framed */
	char *body = NULL;
	size_t body_len = 0;
	FILE *inner = status == 200 ? open_memstream(&body, &body_len) : NULL;
	if (status == 200 && !inner)
		status = 500;
	if (inner && fn(inner, a, &e) != 0)
		status = e.kind == ERR_INTERNAL ? 500 : 400;
	if (inner && fclose(inner) != 0)
		status = 500;
	page_open(f, a->heading[0] ? a->heading : "Your answer");
	if (status == 200) {
		fwrite(body, 1, body_len, f);
	} else {
		char text[4 * sizeof e.msg];
		page_error(f, e.msg[0] ? utf8_readable(e.msg, text, sizeof text) : "out of memory");
	}
	page_close(f);
	free(body);
	form_free(&a->form);
	return respond_stream(res, status, "text/html; charset=utf-8", f, &buf, &len);
}

/* A form field, or the query argument of that name (GET /quick). */
static const char *field(const struct answer *a, const char *name)
{
	return strcmp(a->req->method, "POST") == 0 ? form_get(&a->form, name) : arg(a->req, name);
}

static int summary(FILE *f, struct answer *a, const struct profile *p, const char *title,
		   struct err *e)
{
	struct verdict v;
	if (site_decide(a->site, p, &v, e) != 0)
		return -1;
	render_html_summary(f, a->site->kb, &v, title);
	verdict_free(&v);
	return 0;
}

static int quick_answer(FILE *f, struct answer *a, struct err *e)
{
	const char *building = field(a, "building"), *team = field(a, "team"),
		   *constraint = field(a, "constraint");
	snprintf(a->heading, sizeof a->heading, "Your verdict");
	struct engine_options o = site_options(a->site);
	struct verdict v;
	if (quick_decide(a->site->kb, building, team, constraint, &o, &v, e) != 0)
		return -1;
	char title[300];
	render_html_summary(
	    f, a->site->kb, &v,
	    page_quick_title(a->site->kb, building, team, constraint, title, sizeof title));
	verdict_free(&v);
	return 0;
}

static int learn_answer(FILE *f, struct answer *a, struct err *e)
{
	const char *background = field(a, "background"), *goal = field(a, "goal");
	snprintf(a->heading, sizeof a->heading, "What to learn");
	struct engine_options o = site_options(a->site);
	struct verdict v;
	if (learn_decide(a->site->kb, background ? background : "", goal ? goal : "", &o, &v, e) !=
	    0)
		return -1;
	char title[200];
	snprintf(title, sizeof title, "You know %s; you want %s",
		 strcmp(background, "none") == 0 ? "no language yet"
						 : label_value(F_TEAM_BACKGROUND, background),
		 goal);
	render_html_summary(f, a->site->kb, &v, title);
	verdict_free(&v);
	return 0;
}

static int decide_answer(FILE *f, struct answer *a, struct err *e)
{
	snprintf(a->heading, sizeof a->heading, "Your verdict");
	char *json = form_profile_json(&a->form, e);
	struct profile *p = json ? profile_parse(FORM_NAME_PREFIX, json, strlen(json), e) : NULL;
	free(json);
	if (!p)
		return -1;
	char title[300];
	const char *kind = kb_kind_title(a->site->kb, profile_enum_name(p, F_BUILDING));
	if (p->name[0])
		snprintf(title, sizeof title, "%s · %s", p->name, kind);
	else if ((int)p->v[F_STAGE] == profile_enum_index(F_STAGE, "shipping"))
		snprintf(title, sizeof title, "%s, already shipping in %s · what hurts: %s", kind,
			 label_value(F_CURRENT_LANGUAGE, profile_enum_name(p, F_CURRENT_LANGUAGE)),
			 label_value(F_PAIN, profile_enum_name(p, F_PAIN)));
	else
		snprintf(title, sizeof title, "%s", kind);
	int rc = summary(f, a, p, title, e);
	profile_free(p);
	return rc;
}

static int ci_answer(FILE *f, struct answer *a, struct err *e)
{
	snprintf(a->heading, sizeof a->heading, "What CI costs");
	return page_ci_cost(f, a->site->kb, &a->form, e);
}

static int hiring_answer(FILE *f, struct answer *a, struct err *e)
{
	snprintf(a->heading, sizeof a->heading, "What hiring costs");
	return page_hiring_cost(f, a->site->kb, &a->form, e);
}

static int evidence_answer(FILE *f, struct answer *a, struct err *e)
{
	(void)e;
	const char *q = arg(a->req, "q"), *page = arg(a->req, "page");
	long n = 1;
	if (page && num_parse_long(page, 1, 100000, &n) != 0)
		n = 1;
	snprintf(a->heading, sizeof a->heading, "The evidence");
	page_evidence(f, a->site->kb, q, n);
	return 0;
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
	static const struct {
		const char *path;
		bool post, get;
		answer_fn fn;
	} answers[] = {
	    {"/quick", true, true, quick_answer},
	    {"/decide", true, false, decide_answer},
	    {"/learn", true, false, learn_answer},
	    {"/ci-cost", true, false, ci_answer},
	    {"/hiring-cost", true, false, hiring_answer},
	    {"/evidence", false, true, evidence_answer},
	};
	for (size_t i = 0; i < sizeof answers / sizeof answers[0]; i++)
		if (strcmp(path, answers[i].path) == 0) {
			if (!(post ? answers[i].post : answers[i].get))
				return web_error(res, 405,
						 answers[i].post ? "the form is sent with POST"
								 : "only GET");
			struct answer a = {.site = site, .req = req};
			return answer_page(res, &a, answers[i].fn);
		}
	if (strcmp(path, "/api/quick") == 0)
		return handle_quick(site, req, res);
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
