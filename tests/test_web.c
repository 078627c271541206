/*
 * test_web — the web handlers without sockets: every route, the same JSON as the CLI, and bad
 * or hostile requests answered with 4xx and a JSON error.
 */
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>

#include "web.h"

static struct kb *kb;
static struct web_site site;

static int setup(void **state)
{
	(void)state;
	kb = test_kb();
	site.kb = kb;
	site.results_json = NULL;
	return web_site_prepare(&site);
}

static int teardown(void **state)
{
	(void)state;
	web_site_release(&site);
	kb_free(kb);
	return 0;
}

static struct web_response call(const char *method, const char *path, const char *body,
				const struct web_arg *args, size_t nargs)
{
	struct web_request req = {.method = method,
				  .path = path,
				  .args = args,
				  .nargs = nargs,
				  .body = body,
				  .body_len = body ? strlen(body) : 0};
	struct web_response res;
	assert_int_equal(web_handle(&site, &req, &res), 0);
	return res;
}

static json_t *json_of(const struct web_response *r)
{
	json_error_t je;
	json_t *j = json_loadb(r->body, r->len, 0, &je);
	if (!j)
		fail_msg("not JSON (%s): %.200s", je.text, r->body);
	return j;
}

static void page_and_assets(void **state)
{
	(void)state;
	struct web_response r = call("GET", "/", NULL, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_non_null(
	    strstr(r.body, "<form id=\"quick-form\" method=\"get\" action=\"/quick\">"));
	/* seed 000's table, computed: a web service is Go's, embedded Rust's, ML inference Python's
	 */
	assert_non_null(strstr(r.body, "<tr><td>web-service</td><td><span class=\"pick go\">go"));
	assert_non_null(strstr(r.body, "<tr><td>embedded</td><td><span class=\"pick rust\">rust"));
	assert_non_null(
	    strstr(r.body, "<tr><td>ml-inference</td><td><span class=\"pick python\">python"));
	assert_null(strstr(r.body, "<!--USECASES-->"));
	web_response_free(&r);
	r = call("GET", "/style.css", NULL, NULL, 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "text/css; charset=utf-8");
	web_response_free(&r);
}

static void quick_page_without_javascript(void **state)
{
	(void)state;
	struct web_arg args[] = {{"building", "proxy"}, {"team", "go"}, {"constraint", "latency"}};
	struct web_response r = call("GET", "/quick", NULL, args, 3);
	if (r.status != 200)
		fail_msg("status %d: %.300s", r.status, r.body);
	assert_non_null(strstr(r.body, "id=\"verdict\">Rust</span>"));
	assert_non_null(strstr(r.body, "<svg"));
	web_response_free(&r);
}

static void api_answers_like_the_cli(void **state)
{
	(void)state;
	struct web_response r = call("POST", "/api/quick",
				     "{\"building\": \"web-service\", \"team\": \"go\", "
				     "\"constraint\": \"ship-fast\"}",
				     NULL, 0);
	assert_int_equal(r.status, 200);
	json_t *j = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(j, "verdict")), "go");
	assert_non_null(json_object_get(j, "win_probability"));
	assert_non_null(json_object_get(j, "flips"));
	assert_string_equal(json_string_value(json_object_get(j, "kb_version")), kb->version);
	json_decref(j);
	web_response_free(&r);
	r = call("POST", "/api/decide", "{\"building\": \"embedded\", \"team\": {\"size\": 3}}",
		 NULL, 0);
	assert_int_equal(r.status, 200);
	j = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(j, "verdict")), "rust");
	json_decref(j);
	web_response_free(&r);
	struct web_arg html[] = {{"format", "html"}};
	r = call("POST", "/api/decide", "{\"building\": \"cache\", \"p99_ms\": 2}", html, 1);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<svg"));
	web_response_free(&r);
	r = call("POST", "/api/cost", "{\"building\": \"web-service\", \"team\": {\"size\": 5}}",
		 NULL, 0);
	assert_int_equal(r.status, 200);
	j = json_of(&r);
	json_t *hiring =
	    json_object_get(json_object_get(json_object_get(j, "costs"), "hiring"), "rust");
	assert_true(json_number_value(json_object_get(hiring, "low")) == 125000);
	json_decref(j);
	web_response_free(&r);
	r = call("GET", "/api/claims", NULL, NULL, 0);
	assert_int_equal(r.status, 200);
	j = json_of(&r);
	assert_true(json_array_size(json_object_get(j, "claims")) >= 150);
	json_decref(j);
	web_response_free(&r);
}

struct bad {
	const char *method, *path, *body;
	int status;
	const char *error;
};

static const struct bad bads[] = {
    {"POST", "/api/decide", "{\"building\": \"web-servce\"}", 400,
     "request:1: building: unknown value \"web-servce\" (did you mean \"web-service\"?)"},
    {"POST", "/api/decide", "{\"building\": \"cli\", \"team\": {\"size\": \"six\"}}", 400,
     "request:1: team.size must be a whole number of engineers, got \"six\""},
    {"POST", "/api/decide", "{\"building\": \"cli\",", 400, "request:1: not valid JSON"},
    {"POST", "/api/decide", "[1, 2]", 400, "request:1: the profile must be a JSON object"},
    {"POST", "/api/decide", "{\"building\": \"cli\", \"building\": \"proxy\"}", 400,
     "request:1: not valid JSON: duplicate object key"},
    {"POST", "/api/decide", "", 400, "request: the body must be a profile as JSON"},
    {"POST", "/api/decide", "{\"bulding\": \"cli\"}", 400,
     "request:1: unknown key 'bulding' (did you mean 'building'?)"},
    {"GET", "/api/decide", NULL, 405, "POST a profile as JSON"},
    {"POST", "/api/quick", "{\"building\": 3}", 400, "only \"building\", \"team\""},
    {"POST", "/api/quick", "{\"building\": \"cli\", \"team\": \"cobol\"}", 400,
     "team: unknown answer \"cobol\""},
    {"GET", "/../../etc/passwd", NULL, 404, "no such page"},
    {"GET", "/web/index.html", NULL, 404, "no such page"},
    {"GET", "/%2e%2e/data/kb/rules.yaml", NULL, 404, "no such page"},
    {"DELETE", "/", NULL, 405, "only GET and POST"},
    {"GET", "/api/results", NULL, 404, "no measurements were given"},
};

static void bad_requests_get_4xx_with_json(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof bads / sizeof bads[0]; i++) {
		struct web_response r = call(bads[i].method, bads[i].path, bads[i].body, NULL, 0);
		if (r.status != bads[i].status)
			fail_msg("%s %s: status %d, want %d: %.200s", bads[i].method, bads[i].path,
				 r.status, bads[i].status, r.body);
		json_t *j = json_of(&r);
		const char *e = json_string_value(json_object_get(j, "error"));
		if (!e || strncmp(e, bads[i].error, strlen(bads[i].error)) != 0)
			fail_msg("%s %s: error '%s', want it to start '%s'", bads[i].method,
				 bads[i].path, e ? e : "(none)", bads[i].error);
		json_decref(j);
		web_response_free(&r);
	}
	/* an oversized body is refused before it is read */
	struct web_request req = {
	    .method = "POST", .path = "/api/decide", .body = "{}", .body_len = WEB_MAX_BODY + 1};
	struct web_response r;
	assert_int_equal(web_handle(&site, &req, &r), 0);
	assert_int_equal(r.status, 413);
	web_response_free(&r);
}

static void measured_results_are_charted(void **state)
{
	(void)state;
	/* drawn once, before serving: a large file must not cost its parse on every request */
	struct web_site with = {
	    .kb = kb,
	    .results_json = "{\"requests\": 10, \"spectrum_of\": \"corrected\", \"spectrum\": ["
			    "{\"percentile\": 0, \"ms\": 0.08, \"count\": 1},"
			    "{\"percentile\": 90, \"ms\": 3.3, \"count\": 9},"
			    "{\"percentile\": 99, \"ms\": 90.4, \"count\": 10},"
			    "{\"percentile\": 100, \"ms\": 100, \"count\": 10}]}"};
	assert_int_equal(web_site_prepare(&with), 0);
	assert_non_null(with.results_svg);
	struct web_request req = {.method = "GET", .path = "/results"};
	struct web_response r;
	assert_int_equal(web_handle(&with, &req, &r), 0);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "image/svg+xml");
	assert_non_null(strstr(r.body, "<polyline class=\"latency\""));
	assert_non_null(strstr(r.body, ">corrected</text>"));
	assert_int_equal(r.len, with.results_svg_len);
	web_response_free(&r);
	req.path = "/api/results";
	assert_int_equal(web_handle(&with, &req, &r), 0);
	assert_int_equal(r.status, 200);
	json_t *j = json_of(&r);
	assert_int_equal(json_array_size(json_object_get(j, "spectrum")), 4);
	json_decref(j);
	web_response_free(&r);
	web_site_release(&with);
	assert_null(with.results_svg);
}

/* One request line and header block, as cmd_serve.c hands it over before reading the body. */
struct head {
	const char *name;
	const char *version;
	struct web_arg headers[4];
	size_t nheaders, headers_sent, args_sent;
	bool url_has_nul;
	int status; /* 0: passes */
	const char *error;
};

static const struct head heads[] = {
    {"ordinary", "HTTP/1.1", {{"Host", "x"}, {"Content-Length", "12"}}, 2, 0, 0, false, 0, NULL},
    {"chunked",
     "HTTP/1.1",
     {{"host", "x"}, {"transfer-encoding", " Chunked "}},
     2,
     0,
     0,
     false,
     0,
     NULL},
    {"HTTP/1.0 without Host", "HTTP/1.0", {{"Accept", "*/*"}}, 1, 0, 0, false, 0, NULL},
    {"equal Content-Lengths",
     "HTTP/1.1",
     {{"Host", "x"}, {"Content-Length", "2"}, {"Content-Length", "2"}},
     3,
     0,
     0,
     false,
     400,
     "Content-Length given 2 times"},
    {"different Content-Lengths",
     "HTTP/1.1",
     {{"Host", "x"}, {"Content-Length", "0"}, {"content-length", "30"}},
     3,
     0,
     0,
     false,
     400,
     "two different Content-Lengths ('0' and '30')"},
    {"Content-Length and chunked",
     "HTTP/1.1",
     {{"Host", "x"}, {"Content-Length", "4"}, {"Transfer-Encoding", "chunked"}},
     3,
     0,
     0,
     false,
     400,
     "both Content-Length and Transfer-Encoding: the body's length is ambiguous"},
    {"gzip, chunked",
     "HTTP/1.1",
     {{"Host", "x"}, {"Transfer-Encoding", "gzip, chunked"}},
     2,
     0,
     0,
     false,
     501,
     "Transfer-Encoding 'gzip, chunked' is not supported: only chunked"},
    {"two Transfer-Encodings",
     "HTTP/1.1",
     {{"Host", "x"}, {"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}},
     3,
     0,
     0,
     false,
     400,
     "Transfer-Encoding given 2 times"},
    {"Transfer-Encoding on HTTP/1.0",
     "HTTP/1.0",
     {{"Transfer-Encoding", "chunked"}},
     1,
     0,
     0,
     false,
     400,
     "Transfer-Encoding in an HTTP/1.0 request"},
    {"no Host",
     "HTTP/1.1",
     {{"Accept", "*/*"}},
     1,
     0,
     0,
     false,
     400,
     "an HTTP/1.1 request needs a Host header"},
    {"two Hosts",
     "HTTP/1.1",
     {{"Host", "a"}, {"HOST", "b"}},
     2,
     0,
     0,
     false,
     400,
     "2 Host headers; a request has one"},
    {"NUL in the URL",
     "HTTP/1.1",
     {{"Host", "x"}},
     1,
     0,
     0,
     true,
     400,
     "the URL holds a NUL byte (%00)"},
    {"500 arguments",
     "HTTP/1.1",
     {{"Host", "x"}},
     1,
     0,
     500,
     false,
     400,
     "500 query arguments; at most 16"},
    {"150 header fields",
     "HTTP/1.1",
     {{"Host", "x"}},
     1,
     150,
     0,
     false,
     431,
     "150 header fields; at most 100"},
    {"absurd Content-Length",
     "HTTP/1.1",
     {{"Host", "x"}, {"Content-Length", "99999999999999"}},
     2,
     0,
     0,
     false,
     413,
     "the request body is over 64 KB (65536 bytes)"},
    {"Content-Length not a number",
     "HTTP/1.1",
     {{"Host", "x"}, {"Content-Length", "1e3"}},
     2,
     0,
     0,
     false,
     400,
     "Content-Length must be a number of bytes, got '1e3'"},
    {"empty Content-Length",
     "HTTP/1.1",
     {{"Host", "x"}, {"Content-Length", " "}},
     2,
     0,
     0,
     false,
     400,
     "Content-Length must be a number of bytes, got ' '"},
};

static void head_checks_refuse_ambiguous_requests(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
		const struct head *h = &heads[i];
		struct web_request req = {.method = "POST",
					  .version = h->version,
					  .path = "/api/decide",
					  .url_has_nul = h->url_has_nul,
					  .args_sent = h->args_sent,
					  .headers = h->headers,
					  .nheaders = h->nheaders,
					  .headers_sent = h->headers_sent};
		struct web_response r;
		int rc = web_check(&req, &r);
		if (h->status == 0) {
			if (rc != 0)
				fail_msg("%s: refused (%d): %.200s", h->name, r.status, r.body);
			continue;
		}
		if (rc != 1 || r.status != h->status || !r.close)
			fail_msg("%s: rc %d, status %d (want %d), close %d", h->name, rc, r.status,
				 h->status, r.close);
		json_t *j = json_of(&r);
		const char *e = json_string_value(json_object_get(j, "error"));
		if (!e || strcmp(e, h->error) != 0)
			fail_msg("%s: error '%s', want '%s'", h->name, e ? e : "(none)", h->error);
		json_decref(j);
		/* web_handle refuses the same way */
		struct web_response again;
		assert_int_equal(web_handle(&site, &req, &again), 0);
		assert_int_equal(again.status, h->status);
		web_response_free(&again);
		web_response_free(&r);
	}
}

static void errors_quote_bytes_that_are_not_utf8(void **state)
{
	(void)state;
	/* %ff%fe once gave {"status": 400} with no message: JSON strings must be UTF-8 */
	struct web_arg args[] = {{"building", "\xff\xfe"}, {"team", "go\xc3"}};
	struct web_response r = call("GET", "/api/quick", NULL, args, 1);
	assert_int_equal(r.status, 400);
	json_t *j = json_of(&r);
	const char *e = json_string_value(json_object_get(j, "error"));
	assert_non_null(e);
	assert_non_null(strstr(e, "building: unknown value \"\\xff\\xfe\""));
	json_decref(j);
	web_response_free(&r);
	/* valid UTF-8 stays as it is; a cut sequence shows its bytes */
	assert_int_equal(web_error(&r, 400, "caf\xc3\xa9 \xe2\x82 \xf0\x9f\x98\x80 \xed\xa0\x80"),
			 0);
	j = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(j, "error")),
			    "caf\xc3\xa9 \\xe2\\x82 \xf0\x9f\x98\x80 \\xed\\xa0\\x80");
	json_decref(j);
	web_response_free(&r);
	/* and there is always a message */
	assert_int_equal(web_error(&r, 400, ""), 0);
	j = json_of(&r);
	assert_string_equal(json_string_value(json_object_get(j, "error")),
			    "the request was refused");
	json_decref(j);
	web_response_free(&r);
}

static void quick_page_errors_are_readable(void **state)
{
	(void)state;
	/* the no-JavaScript form answers with a page; so does its refusal, message where the
	 * answer would be (the page's script reads #quick-result too) */
	struct web_arg args[] = {{"building", "spaceship<b>"}};
	struct web_response r = call("GET", "/quick", NULL, args, 1);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.content_type, "text/html; charset=utf-8");
	assert_non_null(strstr(r.body, "<main id=\"quick-result\">\n<p class=\"error\">building: "
				       "unknown value &quot;spaceship&lt;b&gt;&quot;"));
	web_response_free(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(page_and_assets),
	    cmocka_unit_test(quick_page_without_javascript),
	    cmocka_unit_test(api_answers_like_the_cli),
	    cmocka_unit_test(bad_requests_get_4xx_with_json),
	    cmocka_unit_test(measured_results_are_charted),
	    cmocka_unit_test(head_checks_refuse_ambiguous_requests),
	    cmocka_unit_test(errors_quote_bytes_that_are_not_utf8),
	    cmocka_unit_test(quick_page_errors_are_readable),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
