/*
 * test_http — the response parser: every way a response can end, fed in every split, and the
 * malformed or hostile responses it must refuse.
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#include "lab/http.h"

/* Feeds text in pieces of `step` bytes; returns the number of complete responses, and the
 * parser state after the last byte (or at the failure). */
static int feed(const char *text, size_t step, bool head, struct http_parser *p)
{
	size_t len = strlen(text), off = 0;
	int done = 0;
	http_parser_reset(p, head);
	while (off < len) {
		size_t n = len - off < step ? len - off : step;
		size_t used = 0;
		while (used < n) {
			used += http_parser_feed(p, text + off + used, n - used);
			if (p->state == HTTP_FAILED)
				return done;
			if (p->state == HTTP_DONE) {
				done++;
				http_parser_reset(p, head);
			}
		}
		off += n;
	}
	return done;
}

struct good {
	const char *text;
	int responses, status;
	bool keep_alive;
};

static const struct good goods[] = {
    {"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello, World!", 1, 200, true},
    {"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n", 1, 200, true},
    {"HTTP/1.1 404 Not Found\r\nContent-Length: 2\r\n\r\nnoHTTP/1.1 200 OK\r\n"
     "Content-Length: 2\r\n\r\nok",
     2, 200, true},
    {"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nHello\r\n8\r\n, World!"
     "\r\n0\r\nX-Trailer: yes\r\n\r\n",
     1, 200, true},
    {"HTTP/1.1 204 No Content\r\n\r\n", 1, 204, true},
    {"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx", 1, 201,
     true},
    {"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok", 1, 200, false},
    {"HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 1, 200, false},
    {"HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 1, 200, true}, /* bare LF, tolerated */
};

static void good_responses_in_every_split(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof goods / sizeof goods[0]; i++)
		for (size_t step = 1; step <= strlen(goods[i].text); step++) {
			struct http_parser p;
			int n = feed(goods[i].text, step, false, &p);
			if (n != goods[i].responses)
				fail_msg("response %zu, step %zu: %d responses, state %d (%s)", i,
					 step, n, p.state, p.error ? p.error : "");
		}
	/* the status and keep-alive of the last response, in one piece */
	for (size_t i = 0; i < sizeof goods / sizeof goods[0]; i++) {
		struct http_parser p;
		http_parser_reset(&p, false);
		const char *t = goods[i].text;
		size_t len = strlen(t), off = 0;
		int status = 0;
		bool keep = false;
		while (off < len) {
			off += http_parser_feed(&p, t + off, len - off);
			if (p.state == HTTP_DONE) {
				status = p.status;
				keep = p.keep_alive;
				http_parser_reset(&p, false);
			}
		}
		assert_int_equal(status, goods[i].status);
		assert_int_equal(keep, goods[i].keep_alive);
	}
}

static void body_until_close(void **state)
{
	(void)state;
	struct http_parser p;
	assert_int_equal(feed("HTTP/1.1 200 OK\r\n\r\nsome body", 3, false, &p), 0);
	assert_int_equal(p.state, HTTP_UNTIL_CLOSE);
	assert_true(http_parser_eof(&p));
	/* cut short: not a complete response */
	assert_int_equal(feed("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", 7, false, &p),
			 0);
	assert_false(http_parser_eof(&p));
	/* HEAD: headers only, whatever Content-Length says */
	assert_int_equal(feed("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", 5, true, &p), 1);
}

static void hostile_responses_fail(void **state)
{
	(void)state;
	const char *bad[] = {
	    "SPDY/9 banana\r\n\r\n",
	    "HTTP/1.1 2000 OK\r\n\r\n",
	    "HTTP/2.0 200 OK\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok",
	    "HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n8000000000000000\r\nabc",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
	    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n",
	    "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
	    /* regression: a status beyond 5xx indexed past the load generator's status classes */
	    "HTTP/1.1 999 Nope\r\nContent-Length: 0\r\n\r\n",
	    "HTTP/1.1 099 Nope\r\nContent-Length: 0\r\n\r\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct http_parser p;
		assert_int_equal(feed(bad[i], 4, false, &p), 0);
		if (p.state != HTTP_FAILED)
			fail_msg("hostile response %zu was accepted (state %d)", i, p.state);
		assert_non_null(p.error);
	}
	/* 64 KB of headers: refused once past 16 KB, without reading on */
	size_t n = 70000;
	char *big = malloc(n + 1);
	size_t off = (size_t)snprintf(big, n, "HTTP/1.1 200 OK\r\n");
	while (off + 20 < n)
		off += (size_t)snprintf(big + off, n - off, "X-Filler: 0123456\r\n");
	big[off] = '\0';
	struct http_parser p;
	assert_int_equal(feed(big, 1000, false, &p), 0);
	assert_int_equal(p.state, HTTP_FAILED);
	assert_string_equal(p.error, "response headers over 16 KB");
	free(big);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(good_responses_in_every_split),
	    cmocka_unit_test(body_until_close),
	    cmocka_unit_test(hostile_responses_fail),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
