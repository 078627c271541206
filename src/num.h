/*
 * num — the one place numbers are parsed from text. Strict: the whole string must be a
 * number (no units, no trailing junk), finite, and inside the caller's range.
 */
#ifndef VERDICT_NUM_H
#define VERDICT_NUM_H

#include <stdbool.h>

/* Parses s as a finite decimal number into *out. Returns 0, or -1 when s is not a plain
 * number (empty, trailing text, hex, inf/nan, overflow); *out is untouched on failure. */
int num_parse_double(const char *s, double *out);

/* Parses s as a whole number (no fraction, no exponent) within [min, max] into *out.
 * Returns 0, -1 when s is not a whole number, -2 when it is out of range. */
int num_parse_long(const char *s, long min, long max, long *out);

/* Formats v rounded to a whole number with thousands separators ("1,234,567") into buf.
 * Returns buf. */
const char *num_grouped(double v, char *buf, unsigned long size);

/* Formats a probability p (0..1) as a percentage that never rounds a near-certainty to 100% or
 * 0%: "100%", ">99%", "42%", "<1%", "0%". Returns buf. */
const char *num_percent(double p, char *buf, unsigned long size);

/* Formats v with up to 3 significant decimals and no trailing zeros into buf. Returns buf. */
const char *num_format(double v, char *buf, unsigned long size);

/* Formats US dollars at a glance into buf: "$0", "$950", "$12K", "$516K", "$1.5M", "$2M"
 * (rounded to what is shown, so 999,999 is "$1M", never "$1000K"). Returns buf. */
const char *num_money(double usd, char *buf, unsigned long size);

/* Formats a count with its noun in the right number into buf: "1 person", "1.8 people",
 * "0 people" (one is used for exactly 1). Returns buf. */
const char *num_count(double n, const char *one, const char *many, char *buf, unsigned long size);

/* x limited to 0..1: a score after a rule has shifted it. */
double num_clamp01(double x);

/* The value of hexadecimal digit c (0-9, a-f, A-F), or -1 when c is not one. */
int num_hex_digit(int c);

#endif
