/*
 * svg — inline charts (see svg.h). Fixed widths, computed heights; colours match the page's
 * stylesheet (Go teal, Rust orange), dark enough for 3:1 against a white or a near-black background
 * (WCAG 1.4.11); every coloured mark and legend carries a class (go, rust) so the page's dark theme
 * can recolour text. Scales are linear for values and costs, logarithmic for latency, where the
 * interesting part is the tail.
 */
#include "svg.h"

#include <math.h>

#include "num.h"

#define W	   640
#define LEFT	   190
#define RIGHT	   70
#define GO_COLOR   "#00758f"
#define RUST_COLOR "#b7410e"
#define GRID	   "#dddddd"

void svg_escape(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&':
			fputs("&amp;", f);
			break;
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		case '\'':
			fputs("&#39;", f);
			break;
		default:
			fputc(*s, f);
		}
	}
}

static void open_svg(FILE *f, const char *title, int height)
{
	fprintf(f,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %d %d\" "
		"width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"",
		W, height, W, height);
	svg_escape(f, title);
	fprintf(f, "\"><title>");
	svg_escape(f, title);
	fprintf(f, "</title>\n<text x=\"0\" y=\"16\" font-size=\"14\" font-weight=\"bold\">");
	svg_escape(f, title);
	fprintf(f, "</text>\n");
}

static double nice_max(double v)
{
	if (v <= 0)
		return 1;
	double p = pow(10, floor(log10(v)));
	for (int k = 1; k <= 10; k++)
		if (k * p >= v)
			return k * p;
	return 10 * p;
}

/* The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least v. */
static double nice_step(double v)
{
	if (v <= 0)
		return 1;
	double p = pow(10, floor(log10(v)));
	static const double steps[] = {1, 2, 2.5, 5, 10};
	for (size_t i = 0; i < sizeof steps / sizeof *steps; i++)
		if (steps[i] * p >= v * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

static void axis_label(FILE *f, double x, double y, double v, const char *unit)
{
	char buf[32];
	if (fabs(v) >= 1e6)
		snprintf(buf, sizeof buf, "%.3g M", v / 1e6);
	else if (fabs(v) >= 1e3)
		snprintf(buf, sizeof buf, "%.3g K", v / 1e3);
	else
		snprintf(buf, sizeof buf, "%.3g", v);
	fprintf(f,
		"<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" text-anchor=\"middle\">%s%s</text>\n",
		x, y, buf, unit && *unit ? "" : "");
}

void svg_bars(FILE *f, const char *title, const struct svg_bar *bars, int n, double max,
	      const char *unit)
{
	const int row = 34, top = 30;
	int height = top + n * row + 34;
	if (max <= 0)
		for (int i = 0; i < n; i++)
			for (int s = 0; s < 2; s++)
				max = fmax(max, fmax(bars[i].high[s], bars[i].value[s]));
	max = nice_max(max);
	double span = W - LEFT - RIGHT;
	open_svg(f, title, height);
	for (int t = 0; t <= 4; t++) {
		double x = LEFT + span * t / 4;
		fprintf(f,
			"<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"" GRID "\"/>\n",
			x, top, x, top + n * row);
		axis_label(f, x, top + n * row + 14, max * t / 4, unit);
	}
	if (unit && *unit) {
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"end\">", W - 4,
			top + n * row + 28);
		svg_escape(f, unit);
		fprintf(f, "</text>\n");
	}
	for (int i = 0; i < n; i++) {
		double y = top + i * row;
		fprintf(f, "<text x=\"%d\" y=\"%.1f\" font-size=\"12\" text-anchor=\"end\">",
			LEFT - 8, y + row / 2.0 + 4);
		svg_escape(f, bars[i].label);
		fprintf(f, "</text>\n");
		for (int s = 0; s < 2; s++) {
			double by = y + 4 + s * 13;
			double w = span * fmax(0, bars[i].value[s]) / max;
			fprintf(f,
				"<rect class=\"bar %s\" x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
				"height=\"11\" "
				"fill=\"%s\"><title>%s %.3g</title></rect>\n",
				s ? "rust" : "go", LEFT, by, w, s ? RUST_COLOR : GO_COLOR,
				s ? "Rust" : "Go", bars[i].value[s]);
			if (bars[i].high[s] > bars[i].low[s]) {
				double x1 = LEFT + span * bars[i].low[s] / max;
				double x2 = LEFT + span * bars[i].high[s] / max;
				fprintf(
				    f,
				    "<line class=\"whisker\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
				    "y2=\"%.1f\" stroke=\"#333\" stroke-width=\"1.5\"/>\n",
				    x1, by + 5.5, x2, by + 5.5);
			}
		}
	}
	fprintf(f, "</svg>\n");
}

void svg_tornado(FILE *f, const char *title, const struct svg_flip *flips, int n)
{
	const int row = 24, top = 30;
	int height = top + n * row + 30;
	double max = 0;
	for (int i = 0; i < n; i++)
		max = fmax(max, flips[i].distance);
	max = nice_max(max);
	double span = W - 330 - 20;
	open_svg(f, title, height);
	for (int i = 0; i < n; i++) {
		double y = top + i * row;
		fprintf(f, "<text x=\"322\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">",
			y + 15);
		svg_escape(f, flips[i].label);
		fprintf(f, "</text>\n");
		const char *color = flips[i].to_rust > 0    ? RUST_COLOR
				    : flips[i].to_rust == 0 ? GO_COLOR
							    : "#767676";
		const char *cls = flips[i].to_rust > 0	  ? "rust"
				  : flips[i].to_rust == 0 ? "go"
							  : "other";
		fprintf(f,
			"<rect class=\"flip %s\" x=\"330\" y=\"%.1f\" width=\"%.1f\" "
			"height=\"16\" fill=\"%s\"/>\n",
			cls, y + 3, fmax(1, span * flips[i].distance / max), color);
	}
	fprintf(f,
		"<text x=\"330\" y=\"%d\" font-size=\"10\">nearer the left: a smaller change flips "
		"the verdict</text>\n</svg>\n",
		top + n * row + 16);
}

/* x position of a percentile on the nines scale: 0% -> 0, 90% -> 1, 99% -> 2, ... */
static double nines(double p)
{
	if (p >= 100)
		p = 99.9999;
	return -log10(1 - p / 100);
}

void svg_latency(FILE *f, const char *title, const char *const *names,
		 const struct svg_point *const *points, const int *counts, int series)
{
	const int top = 30, h = 220, bottom = 40;
	double xmax = nines(99.999), ymin = 1e9, ymax = 0;
	for (int s = 0; s < series; s++)
		for (int i = 0; i < counts[s]; i++) {
			ymin = fmin(ymin, fmax(points[s][i].ms, 0.001));
			ymax = fmax(ymax, points[s][i].ms);
		}
	if (ymax <= 0) {
		ymin = 0.01;
		ymax = 1;
	}
	double lmin = floor(log10(ymin)), lmax = ceil(log10(ymax));
	if (lmax <= lmin)
		lmax = lmin + 1;
	double span = W - LEFT - RIGHT;
	open_svg(f, title, top + h + bottom);
	const double ticks[] = {0, 90, 99, 99.9, 99.99, 99.999};
	const char *tick_names[] = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
	for (int t = 0; t < 6; t++) {
		double x = LEFT + span * nines(ticks[t]) / xmax;
		fprintf(
		    f,
		    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"" GRID "\"/>\n"
		    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%s</text>\n",
		    x, top, x, top + h, x, top + h + 14, tick_names[t]);
	}
	for (double l = lmin; l <= lmax; l++) {
		double y = top + h - h * (l - lmin) / (lmax - lmin);
		fprintf(
		    f,
		    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"" GRID "\"/>\n"
		    "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%g ms</text>\n",
		    LEFT, y, W - RIGHT, y, LEFT - 6, y + 3, pow(10, l));
	}
	const char *colors[] = {RUST_COLOR, GO_COLOR}, *classes[] = {"rust", "go"};
	for (int s = 0; s < series && s < 2; s++) {
		fprintf(f,
			"<polyline class=\"latency %s\" fill=\"none\" stroke=\"%s\" "
			"stroke-width=\"2\" points=\"",
			classes[s], colors[s]);
		for (int i = 0; i < counts[s]; i++) {
			double x = LEFT + span * fmin(nines(points[s][i].percentile), xmax) / xmax;
			double v = log10(fmax(points[s][i].ms, pow(10, lmin)));
			double y = top + h - h * (v - lmin) / (lmax - lmin);
			fprintf(f, "%.1f,%.1f ", x, y);
		}
		fprintf(f,
			"\"/>\n<text class=\"%s\" x=\"%d\" y=\"%d\" font-size=\"11\" "
			"fill=\"%s\">",
			classes[s], LEFT + 8, top + 14 + 14 * s, colors[s]);
		svg_escape(f, names[s]);
		fprintf(f, "</text>\n");
	}
	fprintf(f,
		"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">percentile "
		"(log scale of nines)</text>\n</svg>\n",
		LEFT + (int)span / 2, top + h + 32);
}

void svg_cost_horizon(FILE *f, const char *title, int years, const double per_year[2],
		      const double low[2], const double high[2])
{
	const int top = 30, h = 180, bottom = 40;
	if (years < 1)
		years = 1;
	/* four ticks a round step apart: $0, $1M, $2M, ... */
	double step = nice_step(fmax(high[0], high[1]) * years / 4), max = 4 * step;
	double span = W - LEFT - RIGHT;
	open_svg(f, title, top + h + bottom);
	for (int t = 0; t <= 4; t++) {
		double y = top + h - h * t / 4.0;
		fprintf(f,
			"<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"" GRID "\"/>\n",
			LEFT, y, W - RIGHT, y);
		char tick[24];
		fprintf(f,
			"<text x=\"%d\" y=\"%.1f\" font-size=\"10\" "
			"text-anchor=\"end\">%s</text>\n",
			LEFT - 6, y + 3, num_money(max * t / 4, tick, sizeof tick));
	}
	for (int yr = 0; yr <= years; yr++)
		fprintf(
		    f,
		    "<text x=\"%.1f\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">%d</text>\n",
		    LEFT + span * yr / years, top + h + 14, yr);
	const char *colors[] = {GO_COLOR, RUST_COLOR};
	const char *names[] = {"Go", "Rust"}, *classes[] = {"go", "rust"};
	for (int l = 0; l < 2; l++) {
		/* the band from low to high, then the middle line */
		fprintf(f,
			"<polygon class=\"band %s\" fill=\"%s\" fill-opacity=\"0.15\" "
			"points=\"%d,%d ",
			classes[l], colors[l], LEFT, top + h);
		for (int yr = 1; yr <= years; yr++)
			fprintf(f, "%.1f,%.1f ", LEFT + span * yr / years,
				top + h - h * high[l] * yr / max);
		for (int yr = years; yr >= 1; yr--)
			fprintf(f, "%.1f,%.1f ", LEFT + span * yr / years,
				top + h - h * low[l] * yr / max);
		fprintf(f,
			"\"/>\n<polyline class=\"cost %s\" fill=\"none\" stroke=\"%s\" "
			"stroke-width=\"2\" points=\"%d,%d ",
			classes[l], colors[l], LEFT, top + h);
		for (int yr = 1; yr <= years; yr++)
			fprintf(f, "%.1f,%.1f ", LEFT + span * yr / years,
				top + h - h * per_year[l] * yr / max);
		fprintf(f,
			"\"/>\n<text class=\"%s\" x=\"%d\" y=\"%d\" font-size=\"11\" "
			"fill=\"%s\">%s</text>\n",
			classes[l], LEFT + 8, top + 14 + 14 * l, colors[l], names[l]);
	}
	fprintf(f,
		"<text x=\"%d\" y=\"%d\" font-size=\"10\" text-anchor=\"middle\">years "
		"(cumulative cost, band: low to high)</text>\n</svg>\n",
		LEFT + (int)span / 2, top + h + 32);
}
