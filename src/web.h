/*
 * web — what `verdict serve` answers, as a pure function of the request: the page and its
 * assets (embedded in the binary; nothing is ever read from disk), the no-JavaScript quick
 * verdict, and the JSON API (the same JSON as the CLI). The HTTP server itself (cmd_serve.c,
 * libmicrohttpd) only moves bytes, so this module is tested and fuzzed without sockets.
 */
#ifndef VERDICT_WEB_H
#define VERDICT_WEB_H

#include <stdbool.h>
#include <stddef.h>

#include "kb.h"

#define WEB_MAX_BODY	65536	   /* request bodies: a profile is far smaller */
#define WEB_MAX_ARGS	16	   /* query arguments: the quick form sends three */
#define WEB_MAX_HEADERS 100	   /* header fields: a browser sends about twenty */
#define WEB_MAX_RESULTS (1u << 20) /* serve --results: a load result is 5 to 30 KB */

struct web_arg {
	const char *key, *value; /* a query argument or a header field (borrowed) */
};

struct web_request {
	const char *method;  /* "GET", "POST", ... */
	const char *version; /* "HTTP/1.1", "HTTP/1.0"; NULL: not from HTTP (no Host or
			      * framing to check) */
	const char *path;    /* decoded, without the query */
	bool url_has_nul;    /* the URL held %00 (decoding stops there): refused */
	const struct web_arg *args;
	size_t nargs;
	size_t args_sent;	       /* how many the URL held, when more than nargs: refused */
	const struct web_arg *headers; /* header fields as received, repeats kept */
	size_t nheaders;
	size_t headers_sent; /* how many the client sent, when more than nheaders: refused */
	const char *body;    /* NULL or body_len bytes (not NUL-terminated) */
	size_t body_len;
};

struct web_response {
	int status;
	const char *content_type; /* static */
	char *body;		  /* owned: free with web_response_free */
	size_t len;
	bool close; /* close the connection after it: the request's framing is not to be trusted */
};

struct web_site {
	const struct kb *kb;
	const char *results_json; /* a `verdict load --format json` file to show, or NULL */
	const char
	    *evidence_json; /* the `verdict lab` results in use (serve --evidence), or NULL */
	long samples;	    /* Monte Carlo samples per verdict; 0 = the KB's default */
	char *page;	    /* the page, every section filled in: web_site_prepare */
	size_t page_len;
	char *results_svg; /* the chart of results_json, or NULL: web_site_prepare */
	size_t results_svg_len;
};

/* Builds what does not change while serving once, before serving: the page, every section
 * computed from the KB and the files given, and the chart of results_json. Returns 0, or -1 when
 * out of memory or when the page cannot be built. Release with web_site_release. */
int web_site_prepare(struct web_site *site);

/* Frees what web_site_prepare built. */
void web_site_release(struct web_site *site);

/* Checks what can be checked before the body is read: the URL, the number of arguments and
 * header fields, Host, and the framing (Content-Length, Transfer-Encoding), refusing what a
 * proxy in front could read differently. Returns 0 when the request may go on, 1 when *res
 * holds the refusal (a JSON error, close set), -1 when out of memory. */
int web_check(const struct web_request *req, struct web_response *res);

/* Answers one request (web_check first). Always fills *res: 4xx with a JSON error for bad
 * input, an HTML page for the no-JavaScript form's; returns -1 only when out of memory. */
int web_handle(const struct web_site *site, const struct web_request *req,
	       struct web_response *res);

/* Fills *res with {"error": message, "status": status}; bytes of message that are not UTF-8
 * show as \xHH. Returns 0, or -1 when out of memory. */
int web_error(struct web_response *res, int status, const char *message);

/* Frees the body of a response. */
void web_response_free(struct web_response *res);

#endif
