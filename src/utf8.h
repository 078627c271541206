/*
 * utf8 — text that has to be valid UTF-8: JSON strings (jansson refuses anything else, and a
 * refused string silently drops the object it was meant for) and what people read. Text from
 * outside (a host name, a program's output) is repaired, and text cut to fit a buffer is cut on
 * a character boundary, never inside one.
 */
#ifndef VERDICT_UTF8_H
#define VERDICT_UTF8_H

#include <jansson.h>
#include <stddef.h>

/* The length in bytes of the valid UTF-8 sequence starting at s (at most n bytes are read), or 0
 * when s does not start one: a stray continuation byte, a truncated, overlong or surrogate
 * sequence, or a code point above U+10FFFF. */
size_t utf8_char_len(const char *s, size_t n);

/* The longest prefix of the n bytes at s that is at most max bytes and does not end inside a
 * character (s is taken to be valid UTF-8: see utf8_repair). */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* Copies the NUL-terminated src into dst (size >= 1 bytes) as valid UTF-8: each byte that does not
 * start a valid character becomes '?', and what does not fit is cut on a character boundary.
 * Returns the length written. */
size_t utf8_repair(char *dst, size_t size, const char *src);

/* A JSON string of src repaired as utf8_repair does (new reference; NULL only when out of memory):
 * json_string(src) is NULL for text that is not UTF-8, and the object it was meant for loses the
 * key without a word. */
json_t *utf8_json_string(const char *src);

#endif
