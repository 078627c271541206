/*
 * web — what `verdict serve` answers, as a pure function of the request: the page and its
 * assets (embedded in the binary; nothing is ever read from disk), the no-JavaScript quick
 * verdict, and the JSON API (the same JSON as the CLI). The HTTP server itself (cmd_serve.c,
 * libmicrohttpd) only moves bytes, so this module is tested and fuzzed without sockets.
 */
#ifndef VERDICT_WEB_H
#define VERDICT_WEB_H

#include <stddef.h>

#include "kb.h"

#define WEB_MAX_BODY 65536 /* request bodies: a profile is far smaller */
#define WEB_MAX_ARGS 16

struct web_arg {
	const char *key, *value; /* query arguments, already decoded (borrowed) */
};

struct web_request {
	const char *method; /* "GET", "POST", ... */
	const char *path;   /* without the query */
	const struct web_arg *args;
	size_t nargs;
	const char *body; /* NULL or body_len bytes (not NUL-terminated) */
	size_t body_len;
};

struct web_response {
	int status;
	const char *content_type; /* static */
	char *body;		  /* owned: free with web_response_free */
	size_t len;
};

struct web_site {
	const struct kb *kb;
	const char *results_json; /* a `verdict load --format json` file to show, or NULL */
	const char
	    *evidence_json; /* the `verdict lab` results in use (serve --evidence), or NULL */
	long samples;	    /* Monte Carlo samples per verdict; 0 = the KB's default */
	char *page;	    /* the page, use-case table filled in: web_site_prepare */
	size_t page_len;
};

/* Builds what depends only on the KB and the files given (the page, every section computed) once,
 * before serving. Returns 0, or -1 when out of memory or when the page cannot be built. Release
 * with web_site_release. */
int web_site_prepare(struct web_site *site);

/* Frees what web_site_prepare built. */
void web_site_release(struct web_site *site);

/* Answers one request. Always fills *res (4xx with a JSON error for bad input); returns -1
 * only when out of memory. */
int web_handle(const struct web_site *site, const struct web_request *req,
	       struct web_response *res);

/* Frees the body of a response. */
void web_response_free(struct web_response *res);

#endif
