/*
 * http — incremental response parsing (see http.h). Lines are gathered in a fixed buffer;
 * bodies are skipped by count, never copied.
 */
#include "http.h"

#include <string.h>

void http_parser_reset(struct http_parser *p, bool head_request)
{
	p->state = HTTP_STATUS;
	p->head_request = head_request;
	p->status = 0;
	p->keep_alive = true;
	p->chunked = p->has_length = false;
	p->remaining = 0;
	p->head_bytes = 0;
	p->line_len = 0;
	p->error = NULL;
}

static size_t fail(struct http_parser *p, const char *why, size_t consumed)
{
	p->state = HTTP_FAILED;
	p->error = why;
	return consumed;
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Case-insensitive: does line start with the header name `name` followed by ':'? Returns the
 * value (leading spaces skipped) or NULL. */
static const char *header_value(const char *line, size_t len, const char *name)
{
	size_t n = strlen(name);
	if (len <= n || line[n] != ':')
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (lower(line[i]) != name[i])
			return NULL;
	const char *v = line + n + 1;
	while (*v == ' ' || *v == '\t')
		v++;
	return v;
}

static bool contains_token(const char *v, const char *token)
{
	size_t n = strlen(token);
	for (; *v; v++) {
		size_t i = 0;
		while (i < n && v[i] && lower(v[i]) == token[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static bool parse_status(struct http_parser *p)
{
	const char *l = p->line;
	if (p->line_len < 12 || memcmp(l, "HTTP/1.", 7) != 0 || (l[7] != '0' && l[7] != '1') ||
	    l[8] != ' ')
		return false;
	for (int i = 9; i < 12; i++)
		if (l[i] < '0' || l[i] > '9')
			return false;
	if (p->line_len > 12 && l[12] != ' ')
		return false;
	p->status = (l[9] - '0') * 100 + (l[10] - '0') * 10 + (l[11] - '0');
	p->keep_alive = l[7] == '1';
	return p->status >= 100 && p->status <= 599; /* the five classes HTTP defines */
}

/* Handles one complete header line; returns false when it is malformed. */
static bool parse_header(struct http_parser *p)
{
	const char *v;
	if ((v = header_value(p->line, p->line_len, "content-length")) != NULL) {
		uint64_t n = 0;
		int digits = 0;
		for (; *v >= '0' && *v <= '9'; v++, digits++) {
			if (digits == 18)
				return false; /* beyond any body we would accept */
			n = n * 10 + (uint64_t)(*v - '0');
		}
		while (*v == ' ' || *v == '\t')
			v++;
		if (digits == 0 || *v)
			return false;
		if (p->has_length && p->remaining != n)
			return false; /* conflicting lengths: a smuggling pattern */
		p->has_length = true;
		p->remaining = n;
	} else if ((v = header_value(p->line, p->line_len, "transfer-encoding")) != NULL) {
		p->chunked = contains_token(v, "chunked");
	} else if ((v = header_value(p->line, p->line_len, "connection")) != NULL) {
		if (contains_token(v, "close"))
			p->keep_alive = false;
		else if (contains_token(v, "keep-alive"))
			p->keep_alive = true;
	} else if (!memchr(p->line, ':', p->line_len)) {
		return false;
	}
	return true;
}

/* Where the body starts, once the empty line after the headers is seen. */
static void end_of_head(struct http_parser *p)
{
	bool no_body = p->head_request || p->status == 204 || p->status == 304 ||
		       (p->status >= 100 && p->status < 200);
	if (p->status >= 100 && p->status < 200 && p->status != 101) {
		/* an interim response: the real one follows */
		bool head = p->head_request;
		http_parser_reset(p, head);
		return;
	}
	if (no_body)
		p->state = HTTP_DONE;
	else if (p->chunked)
		p->state = HTTP_CHUNK_SIZE;
	else if (p->has_length)
		p->state = p->remaining ? HTTP_BODY : HTTP_DONE;
	else
		p->state = HTTP_UNTIL_CLOSE;
}

static bool parse_chunk_size(struct http_parser *p)
{
	uint64_t n = 0;
	size_t i = 0;
	for (; i < p->line_len; i++) {
		char c = lower(p->line[i]);
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			break;
		if (i == 15)
			return false; /* a chunk of 2^60 bytes or more is an attack, not a response
				       */
		n = n * 16 + (uint64_t)d;
	}
	if (i == 0 || (i < p->line_len && p->line[i] != ';' && p->line[i] != ' '))
		return false;
	p->remaining = n;
	p->state = n ? HTTP_CHUNK_DATA : HTTP_TRAILER;
	return true;
}

size_t http_parser_feed(struct http_parser *p, const char *buf, size_t len)
{
	size_t i = 0;
	while (i < len) {
		switch (p->state) {
		case HTTP_STATUS:
		case HTTP_HEADER:
		case HTTP_CHUNK_SIZE:
		case HTTP_TRAILER: {
			char c = buf[i++];
			if (p->state == HTTP_STATUS || p->state == HTTP_HEADER) {
				if (++p->head_bytes > HTTP_MAX_HEAD)
					return fail(p, "response headers over 16 KB", i);
			}
			if (c != '\n') {
				if (p->line_len == HTTP_LINE_MAX - 1)
					return fail(p, "a response line over 8 KB", i);
				p->line[p->line_len++] = c;
				continue;
			}
			if (p->line_len && p->line[p->line_len - 1] == '\r')
				p->line_len--;
			p->line[p->line_len] = '\0';
			if (p->state == HTTP_STATUS) {
				if (!parse_status(p))
					return fail(p, "malformed status line", i);
				p->state = HTTP_HEADER;
			} else if (p->state == HTTP_HEADER) {
				if (p->line_len == 0)
					end_of_head(p);
				else if (!parse_header(p))
					return fail(p, "malformed header", i);
			} else if (p->state == HTTP_CHUNK_SIZE) {
				if (!parse_chunk_size(p))
					return fail(p, "malformed chunk size", i);
			} else if (p->line_len == 0) {
				p->state = HTTP_DONE; /* end of trailers */
			}
			p->line_len = 0;
			if (p->state == HTTP_DONE)
				return i;
			break;
		}
		case HTTP_BODY:
		case HTTP_CHUNK_DATA: {
			uint64_t take = len - i;
			if (take > p->remaining)
				take = p->remaining;
			i += (size_t)take;
			p->remaining -= take;
			if (p->remaining == 0) {
				if (p->state == HTTP_BODY) {
					p->state = HTTP_DONE;
					return i;
				}
				p->state = HTTP_CHUNK_CRLF;
				p->line_len = 0;
			}
			break;
		}
		case HTTP_CHUNK_CRLF: {
			char c = buf[i++];
			if (c == '\r' && p->line_len == 0) {
				p->line_len = 1;
			} else if (c == '\n') {
				p->line_len = 0;
				p->state = HTTP_CHUNK_SIZE;
			} else {
				return fail(p, "chunk data longer than its size", i);
			}
			break;
		}
		case HTTP_UNTIL_CLOSE:
			return len; /* everything until the end of the connection is body */
		case HTTP_DONE:
		case HTTP_FAILED:
			return i;
		}
	}
	return i;
}

bool http_parser_eof(struct http_parser *p)
{
	if (p->state == HTTP_UNTIL_CLOSE) {
		p->state = HTTP_DONE;
		p->keep_alive = false;
		return true;
	}
	return p->state == HTTP_DONE;
}
