/*
 * http — an incremental HTTP/1.1 response parser for the load generator. Bytes arrive in any
 * split; the parser finds where each response ends (Content-Length, chunked, or end of
 * connection), its status, and whether the server will close. Hostile input is bounded: a
 * status line and headers of at most 16 KB, chunk sizes of at most 15 hex digits.
 */
#ifndef VERDICT_HTTP_H
#define VERDICT_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HTTP_MAX_HEAD 16384 /* status line + headers */
#define HTTP_LINE_MAX 8192  /* one line */

enum http_state {
	HTTP_STATUS,	  /* reading the status line */
	HTTP_HEADER,	  /* reading header lines */
	HTTP_BODY,	  /* Content-Length body */
	HTTP_CHUNK_SIZE,  /* a chunk-size line */
	HTTP_CHUNK_DATA,  /* chunk data */
	HTTP_CHUNK_CRLF,  /* the CRLF after chunk data */
	HTTP_TRAILER,	  /* trailer lines after the last chunk */
	HTTP_UNTIL_CLOSE, /* body delimited by the end of the connection */
	HTTP_DONE,	  /* a response ended */
	HTTP_FAILED,	  /* malformed; see error */
};

struct http_parser {
	enum http_state state;
	bool head_request; /* responses to HEAD have no body */
	int status;	   /* e.g. 200 */
	bool keep_alive;   /* false when the server said Connection: close or HTTP/1.0 */
	bool chunked, has_length;
	uint64_t remaining; /* body or chunk bytes still to come */
	size_t head_bytes;  /* bytes of status line and headers so far */
	size_t line_len;
	char line[HTTP_LINE_MAX];
	const char *error; /* static text when state is HTTP_FAILED */
};

/* Prepares p for a new response. */
void http_parser_reset(struct http_parser *p, bool head_request);

/* Feeds up to len bytes. Returns how many were consumed: all of them, or fewer when a response
 * ended (state HTTP_DONE: call http_parser_reset and feed the rest) or the input is malformed
 * (state HTTP_FAILED). */
size_t http_parser_feed(struct http_parser *p, const char *buf, size_t len);

/* Tells the parser the connection ended. Returns true when that completes the response (a body
 * delimited by the end of the connection); false when the response was cut short. */
bool http_parser_eof(struct http_parser *p);

#endif
