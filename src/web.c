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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "engine.h"
#include "num.h"
#include "form.h"
#include "label.h"
#include "learn.h"
#include "page.h"
#include "profile.h"
#include "quick.h"
#include "render.h"
#include "svg.h"

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

static int respond_error(struct web_response *res, int status, const char *message)
{
	json_t *j = json_object();
	json_object_set_new(j, "error", json_string(message));
	json_object_set_new(j, "status", json_integer(status));
	return respond_json(res, status, j);
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
	if (fclose(f) != 0 || rc != 0) {
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
}

static int respond_asset(struct web_response *res, const char *name, const char *type)
{
	const struct embedded_file *f = embedded_find(web_embedded_files, web_embedded_count, name);
	if (!f)
		return respond_error(res, 404, "no such page");
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
		return respond_error(res, e.kind == ERR_INTERNAL ? 500 : 400, e.msg);
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
			return respond_error(
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
				return respond_error(
				    res, 400,
				    "only \"building\", \"team\" and \"constraint\", "
				    "as strings");
			}
			*vals[k] = json_string_value(value);
		}
	}
	struct err e = {0};
	struct profile *p = quick_profile(site->kb, building, team, constraint, &e);
	int rc;
	if (!p) {
		rc = respond_error(res, e.kind == ERR_INTERNAL ? 500 : 400, e.msg);
	} else {
		rc = respond_verdict(site, res, p, false, "quick");
	}
	profile_free(p);
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
	if (status == 200)
		fwrite(body, 1, body_len, f);
	else
		page_error(f, e.msg[0] ? e.msg : "out of memory");
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
	struct profile *p = quick_profile(a->site->kb, building, team, constraint, e);
	char title[300];
	int rc = p ? summary(f, a, p,
			     page_quick_title(a->site->kb, building, team, constraint, title,
					      sizeof title),
			     e)
		   : -1;
	profile_free(p);
	return rc;
}

static int learn_answer(FILE *f, struct answer *a, struct err *e)
{
	const char *background = field(a, "background"), *goal = field(a, "goal");
	snprintf(a->heading, sizeof a->heading, "What to learn");
	struct engine_options o = engine_defaults();
	o.samples = a->site->samples;
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
	const char *kind = kb_kind_label(a->site->kb, profile_enum_name(p, F_BUILDING));
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

static int handle_results(const struct web_site *site, struct web_response *res, bool chart)
{
	if (!site->results_json)
		return respond_error(res, 404,
				     "no measurements were given (verdict serve --results "
				     "FILE)");
	if (!chart)
		return respond_text(res, 200, "application/json", site->results_json,
				    strlen(site->results_json));
	json_t *j = json_loads(site->results_json, 0, NULL);
	struct svg_point *pts =
	    malloc(4096 * sizeof *pts); /* per request: handlers run in parallel */
	int n = 0;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = pts ? open_memstream(&buf, &len) : NULL;
	if (!f) {
		free(pts);
		json_decref(j);
		return -1;
	}
	spectrum_points(json_object_get(j, "spectrum"), pts, &n, 4096);
	const char *names[] = {json_string_value(json_object_get(j, "spectrum_of"))
				   ? json_string_value(json_object_get(j, "spectrum_of"))
				   : "latency"};
	const struct svg_point *series[] = {pts};
	int counts[] = {n};
	svg_latency(f, "Measured latency by percentile", names, series, counts, 1);
	json_decref(j);
	int rc = respond_stream(res, 200, "image/svg+xml", f, &buf, &len);
	free(pts);
	return rc;
}

int web_handle(const struct web_site *site, const struct web_request *req, struct web_response *res)
{
	memset(res, 0, sizeof *res);
	const char *m = req->method, *path = req->path;
	bool get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0, post = strcmp(m, "POST") == 0;
	if (req->body_len > WEB_MAX_BODY)
		return respond_error(res, 413, "the request body is over 64 KB");
	if (!get && !post)
		return respond_error(res, 405, "only GET and POST");
	if (get && strcmp(path, "/") == 0)
		return site->page ? respond_text(res, 200, "text/html; charset=utf-8", site->page,
						 site->page_len)
				  : respond_error(res, 500, "the page was not prepared");
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
				return respond_error(res, 405,
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
			return respond_error(res, 405, "POST a profile as JSON");
		struct err e = {0};
		struct profile *p = body_profile(req, &e);
		if (!p)
			return respond_error(res, e.kind == ERR_INTERNAL ? 500 : 400, e.msg);
		int rc;
		if (strcmp(path, "/api/decide") == 0) {
			const char *format = arg(req, "format");
			rc = respond_verdict(site, res, p, format && strcmp(format, "html") == 0,
					     p->name[0] ? p->name : "your project");
		} else {
			struct costs *cs = cost_estimate_all(site->kb, p, 0, &e);
			rc = cs ? respond_json(res, 200, render_cost_report_json(site->kb, p, cs))
				: respond_error(res, 400, e.msg);
			free(cs);
		}
		profile_free(p);
		return rc;
	}
	return respond_error(res, 404, "no such page");
}

void web_response_free(struct web_response *res)
{
	free(res->body);
	res->body = NULL;
}
