/*
 * utf8 — the few things we need to know about UTF-8 text: where a character ends, how many
 * characters a string holds (limits are counted in characters, not bytes), where to cut it
 * without splitting one, and how to repair text from outside (a host name, a program's output)
 * that must become a JSON string: jansson refuses anything that is not UTF-8, and the object the
 * string was meant for silently loses the key. Strict, per RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF.
 */
#ifndef VERDICT_UTF8_H
#define VERDICT_UTF8_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes the character at the start of s (n bytes available) into *cp. Returns its length in
 * bytes (1 to 4), or 0 when the bytes are not valid UTF-8 (*cp is then 0xFFFD). */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);

/* The number of characters (code points) in the n bytes of s, or -1 when they are not valid
 * UTF-8. */
long utf8_count(const char *s, size_t n);

/* The length of the longest prefix of the n bytes of s that fits in max bytes without splitting
 * a character (an invalid byte counts as a character of its own). */
size_t utf8_cut(const char *s, size_t n, size_t max);

/* The length of the n bytes of s without a character cut short at their end (what a truncating
 * snprintf can leave): n when the last character is whole. */
size_t utf8_whole(const char *s, size_t n);

/* Copies the NUL-terminated src into dst (size >= 1 bytes) as valid UTF-8: each byte that does not
 * start a valid character becomes '?', and what does not fit is cut between characters. Returns
 * the length written. */
size_t utf8_repair(char *dst, size_t size, const char *src);

/* A JSON string of src repaired as utf8_repair does (new reference; NULL only when out of
 * memory), where json_string(src) would be NULL for text that is not UTF-8. */
json_t *utf8_json_string(const char *src);

#endif
