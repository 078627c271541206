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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "engine.h"
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
	if (fclose(f) != 0) {
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
	} else if (page) {
		/* the no-JavaScript answer: a whole page */
		struct err de = {0};
		struct verdict v;
		if (site_decide(site, p, &v, &de) != 0) {
			rc = respond_error(res, 400, de.msg);
		} else {
			char *buf = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&buf, &len);
			rc = f ? 0 : -1;
			if (f) {
				char title[200];
				snprintf(title, sizeof title,
					 "a %s, team writes %s, hardest constraint %s", building,
					 team ? team : "neither", constraint ? constraint : "none");
				fprintf(f,
					"<!doctype html>\n<html lang=\"en\"><head><meta "
					"charset=\"utf-8\">"
					"<title>verdict</title><link rel=\"stylesheet\" "
					"href=\"/style.css\"></head><body>\n<nav><a href=\"/\">"
					"&larr; verdict</a></nav>\n<main id=\"quick-result\">\n");
				render_html_body(f, site->kb, &v, title);
				fprintf(f, "</main>\n</body></html>\n");
				rc = respond_stream(res, 200, "text/html; charset=utf-8", f, &buf,
						    &len);
			}
			verdict_free(&v);
		}
	} else {
		rc = respond_verdict(site, res, p, false, "quick");
	}
	profile_free(p);
	json_decref(j);
	return rc;
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
