/*
 * num — strict number parsing and compact formatting (see num.h). strtod alone accepts
 * "inf", "0x10" and leading spaces; users' files should not.
 */
#include "num.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool plain_decimal(const char *s)
{
	const char *p = s;
	bool digits = false;
	if (*p == '-' || *p == '+')
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		digits = true;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			p++;
			digits = true;
		}
	}
	if (!digits)
		return false;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return false;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	return *p == '\0';
}

int num_parse_double(const char *s, double *out)
{
	if (!s || !plain_decimal(s))
		return -1;
	errno = 0;
	char *end = NULL;
	double v = strtod(s, &end);
	if (errno == ERANGE || !end || *end != '\0' || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int num_parse_long(const char *s, long min, long max, long *out)
{
	if (!s)
		return -1;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (*p == '\0')
		return -1;
	for (; *p; p++)
		if (*p < '0' || *p > '9')
			return -1;
	errno = 0;
	char *end = NULL;
	long v = strtol(s, &end, 10);
	if (errno == ERANGE)
		return -2;
	if (!end || *end != '\0')
		return -1;
	if (v < min || v > max)
		return -2;
	*out = v;
	return 0;
}

const char *num_grouped(double v, char *buf, unsigned long size)
{
	char digits[32];
	if (size == 0)
		return buf;
	if (!isfinite(v) || fabs(v) >= 1e18) {
		snprintf(buf, size, "%s", "n/a");
		return buf;
	}
	snprintf(digits, sizeof digits, "%.0f", fabs(v));
	size_t n = strlen(digits), o = 0;
	if (v <= -0.5 && o + 1 < size)
		buf[o++] = '-';
	for (size_t i = 0; i < n && o + 2 < size; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[o++] = ',';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}

const char *num_percent(double p, char *buf, unsigned long size)
{
	if (p >= 1)
		snprintf(buf, size, "100%%");
	else if (p > 0.995)
		snprintf(buf, size, ">99%%");
	else if (p <= 0)
		snprintf(buf, size, "0%%");
	else if (p < 0.005)
		snprintf(buf, size, "<1%%");
	else
		snprintf(buf, size, "%.0f%%", 100 * p);
	return buf;
}

const char *num_format(double v, char *buf, unsigned long size)
{
	if (size == 0)
		return buf;
	if (!isfinite(v)) {
		snprintf(buf, size, "%s", "n/a");
		return buf;
	}
	double a = fabs(v);
	if (a >= 1000 || a == floor(a))
		snprintf(buf, size, "%.0f", v);
	else if (a >= 10)
		snprintf(buf, size, "%.1f", v);
	else if (a >= 1)
		snprintf(buf, size, "%.2f", v);
	else
		snprintf(buf, size, "%.3g", v);
	/* drop trailing zeros of a fraction: 2.50 -> 2.5 */
	char *dot = strchr(buf, '.');
	if (dot && !strchr(buf, 'e')) {
		char *end = buf + strlen(buf) - 1;
		while (end > dot && *end == '0')
			*end-- = '\0';
		if (end == dot)
			*end = '\0';
	}
	return buf;
}

const char *num_money(double usd, char *buf, unsigned long size)
{
	if (size == 0)
		return buf;
	double a = fabs(usd);
	const char *sign = usd < 0 && round(a) > 0 ? "-" : "";
	if (!isfinite(usd))
		snprintf(buf, size, "%s", "n/a");
	else if (round(a) < 1000)
		snprintf(buf, size, "%s$%.0f", sign, a);
	else if (round(a / 1e3) < 1000)
		snprintf(buf, size, "%s$%.0fK", sign, a / 1e3);
	else {
		snprintf(buf, size, "%s$%.1fM", sign, a / 1e6);
		char *dot = strstr(buf, ".0M"); /* "$2.0M" reads as "$2M" */
		if (dot)
			memmove(dot, dot + 2, strlen(dot + 2) + 1);
	}
	return buf;
}

const char *num_count(double n, const char *one, const char *many, char *buf, unsigned long size)
{
	char v[32];
	if (size > 0)
		snprintf(buf, size, "%s %s", num_format(n, v, sizeof v), n == 1 ? one : many);
	return buf;
}

int num_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

double num_clamp01(double x)
{
	return x < 0 ? 0 : x > 1 ? 1 : x;
}
