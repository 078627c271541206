/*
 * cmd_backtest — `verdict backtest PATH...`: how often the engine agrees with decisions real
 * teams documented, and whether its confidence means what it says (backtest.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtest.h"
#include "cli.h"
#include "cmd.h"

static const char usage[] =
    "usage: verdict backtest PATH... [--format text|json] [--samples N] [-o FILE]\n"
    "                        [--min-agreement PCT] [--max-confident-wrong N] [--kb DIR]\n"
    "\n"
    "Runs the engine on documented real-world decisions and says how often it agrees with\n"
    "the answers a reasonable expert accepts. PATH is a directory of case files (*.yaml, read\n"
    "in name order; tests/realworld holds ours) or a case file. A case is a profile of the\n"
    "situation before the decision, headed by comments:\n"
    "  # chose: go | rust | python | keep | hybrid     what the team did\n"
    "  # accept: go either                            answers an expert accepts\n"
    "  # source: https://...                          where the decision is documented\n"
    "  # year: 2021                                   (optional)\n"
    "  # expect-component: NAME=VERDICT               (optional, for systems)\n"
    "\n"
    "It prints agreement overall and by what the team chose, what answering go or rust every\n"
    "time would get, the wrong answers given with 0.9 confidence or more, the Brier score of the\n"
    "confidence, and how often answers at each confidence level were right.\n"
    "\n"
    "  -f, --format F            text (default) or json\n"
    "  -o, --output F            write to file F (atomically) instead of standard output\n"
    "      --samples N           Monte Carlo samples per case (default 2000)\n"
    "      --min-agreement PCT   exit 1 when fewer than PCT% of the cases agree\n"
    "      --max-confident-wrong N  exit 1 when more than N wrong answers had confidence >= 0.9\n"
    "      --kb DIR              read the knowledge base from DIR\n"
    "  -h, --help                show this help\n"
    "\n"
    "Exit status: 0 done (and the requirements met), 1 a requirement not met or an internal\n"
    "failure, 2 bad input (FILE:LINE: message on stderr).\n";

enum { OPT_MIN_AGREEMENT = 1000, OPT_MAX_WRONG };

struct own {
	long min_agreement; /* percent, -1 when not asked */
	long max_wrong;	    /* -1 when not asked */
};

static int own_option(void *ctx, int c, const char *arg)
{
	struct own *w = ctx;
	switch (c) {
	case OPT_MIN_AGREEMENT:
		return cli_number("backtest", "--min-agreement", arg, 0, 100, &w->min_agreement)
			   ? 2
			   : CLI_NEXT;
	case OPT_MAX_WRONG:
		return cli_number("backtest", "--max-confident-wrong", arg, 0, 1000000,
				  &w->max_wrong)
			   ? 2
			   : CLI_NEXT;
	}
	return CLI_NOT_MINE;
}

static double pct(size_t k, size_t n)
{
	return n ? 100.0 * (double)k / (double)n : 0;
}

/* "go either" from an accept mask. */
static void accept_text(unsigned mask, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int k = VERDICT_GO; k <= VERDICT_HYBRID; k++) {
		if (!(mask & 1u << k))
			continue;
		int n = snprintf(buf + used, size - used, "%s%s", used ? " " : "",
				 verdict_name((enum verdict_kind)k));
		if (n < 0 || (size_t)n >= size - used)
			return;
		used += (size_t)n;
	}
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static void text(FILE *f, const void *ctx)
{
	const struct backtest *b = ctx;
	fprintf(f, "backtest: %zu documented decision%s\n", b->n, b->n == 1 ? "" : "s");
	fprintf(f, "  agreement        %zu of %zu  %.0f%%\n", b->agree, b->n, pct(b->agree, b->n));
	fprintf(f,
		"  answering go every time would agree with %zu (%.0f%%), rust every time with "
		"%zu (%.0f%%)\n",
		b->always_go, pct(b->always_go, b->n), b->always_rust, pct(b->always_rust, b->n));
	fprintf(f, "  by what the team chose\n");
	for (int k = VERDICT_GO; k <= VERDICT_HYBRID; k++)
		if (b->class_n[k])
			fprintf(f, "    %-7s %3zu of %3zu  %3.0f%%\n",
				verdict_name((enum verdict_kind)k), b->class_agree[k],
				b->class_n[k], pct(b->class_agree[k], b->class_n[k]));
	fprintf(f, "  wrong with confidence >= 0.9: %zu\n", b->confident_wrong);
	fprintf(f, "  Brier score %.3f (0 is perfect; a constant 0.5 scores 0.250)\n", b->brier);
	fprintf(f, "  calibration: how often answers at each confidence were right\n");
	fprintf(f, "    confidence   answers  right        mean confidence\n");
	for (int i = 0; i < BACKTEST_BINS; i++) {
		const struct backtest_bin *bin = &b->bins[i];
		if (!bin->n)
			continue;
		fprintf(f, "    %.2f-%.2f    %5zu    %3zu (%3.0f%%)   %.2f\n", bin->low, bin->high,
			bin->n, bin->right, pct(bin->right, bin->n), bin->mean_confidence);
	}
	fprintf(f, "  cases (wrong ones first)\n");
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < b->n; i++) {
			const struct backtest_case *c = &b->cases[i];
			if (c->ok != (pass == 1))
				continue;
			char acc[64];
			accept_text(c->accept, acc, sizeof acc);
			fprintf(f, "    %-5s %-40s %-7s %.2f  (accept: %s)\n",
				c->ok ? "ok" : "WRONG", base_name(c->file), verdict_name(c->got),
				c->confidence, acc);
		}
}

static json_t *to_json(const struct backtest *b)
{
	json_t *j = json_object(), *classes = json_object(), *bins = json_array(),
	       *cases = json_array();
	if (!j || !classes || !bins || !cases) {
		json_decref(j);
		json_decref(classes);
		json_decref(bins);
		json_decref(cases);
		return NULL;
	}
	json_object_set_new(j, "cases", json_integer((json_int_t)b->n));
	json_object_set_new(j, "agree", json_integer((json_int_t)b->agree));
	json_object_set_new(j, "agreement", json_real(pct(b->agree, b->n) / 100));
	for (int k = VERDICT_GO; k <= VERDICT_HYBRID; k++)
		if (b->class_n[k])
			json_object_set_new(classes, verdict_name((enum verdict_kind)k),
					    json_pack("{s:I, s:I, s:f}", "cases",
						      (json_int_t)b->class_n[k], "agree",
						      (json_int_t)b->class_agree[k], "agreement",
						      pct(b->class_agree[k], b->class_n[k]) / 100));
	json_object_set_new(j, "by_choice", classes);
	json_object_set_new(j, "baselines",
			    json_pack("{s:f, s:f}", "go", pct(b->always_go, b->n) / 100, "rust",
				      pct(b->always_rust, b->n) / 100));
	json_object_set_new(j, "confident_wrong", json_integer((json_int_t)b->confident_wrong));
	json_object_set_new(j, "brier", json_real(b->brier));
	for (int i = 0; i < BACKTEST_BINS; i++) {
		const struct backtest_bin *bin = &b->bins[i];
		json_array_append_new(
		    bins, json_pack("{s:f, s:f, s:I, s:I, s:f}", "low", bin->low, "high", bin->high,
				    "answers", (json_int_t)bin->n, "right", (json_int_t)bin->right,
				    "mean_confidence", bin->mean_confidence));
	}
	json_object_set_new(j, "calibration", bins);
	for (size_t i = 0; i < b->n; i++) {
		const struct backtest_case *c = &b->cases[i];
		json_t *acc = json_array();
		for (int k = VERDICT_GO; acc && k <= VERDICT_HYBRID; k++)
			if (c->accept & 1u << k)
				json_array_append_new(
				    acc, json_string(verdict_name((enum verdict_kind)k)));
		json_array_append_new(
		    cases,
		    json_pack("{s:s, s:s, s:o*, s:s, s:f, s:b, s:s, s:i, s:i, s:i}", "file",
			      c->file, "chose", verdict_name(c->chose), "accept", acc, "verdict",
			      verdict_name(c->got), "confidence", c->confidence, "ok", c->ok,
			      "source", c->source, "year", c->year, "components_expected",
			      c->components_expected, "components_agree", c->components_ok));
	}
	json_object_set_new(j, "results", cases);
	return j;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {
	    CLI_OPT_FORMAT,
	    CLI_OPT_OUTPUT,
	    CLI_OPT_KB,
	    CLI_OPT_SAMPLES,
	    {"min-agreement", required_argument, NULL, OPT_MIN_AGREEMENT},
	    {"max-confident-wrong", required_argument, NULL, OPT_MAX_WRONG},
	    CLI_OPT_HELP,
	    CLI_OPT_END};
	struct cli_opts o = cli_opts("backtest", usage, 1u << FORMAT_TEXT | 1u << FORMAT_JSON);
	o.eo.samples = 2000;
	struct own w = {-1, -1};
	int rc = cli_parse(&o, argc, argv, ":f:o:h", opts, own_option, &w);
	if (rc != CLI_NEXT)
		return rc;
	if (optind >= argc)
		return cli_usage_error("backtest", "name a directory of cases or a case file");
	struct err e = {0};
	struct kb *kb = cli_kb(o.kbdir, &e);
	if (!kb)
		return cli_fail(&e);
	struct backtest b;
	rc = backtest_run(kb, (const char *const *)argv + optind, (size_t)(argc - optind),
			  o.eo.samples, &b, &e);
	kb_free(kb);
	if (rc != 0)
		return cli_fail(&e);
	json_t *j = o.format == FORMAT_JSON ? to_json(&b) : NULL;
	rc = cli_emit(o.format, j, text, &b, o.output, &e);
	json_decref(j);
	if (rc != 0) {
		backtest_free(&b);
		return cli_fail(&e);
	}
	int status = 0;
	if (w.min_agreement >= 0 && pct(b.agree, b.n) < (double)w.min_agreement) {
		fprintf(stderr, "verdict backtest: agreement %.1f%% is below the required %ld%%\n",
			pct(b.agree, b.n), w.min_agreement);
		status = 1;
	}
	if (w.max_wrong >= 0 && b.confident_wrong > (size_t)w.max_wrong) {
		fprintf(stderr,
			"verdict backtest: %zu wrong answers with confidence >= 0.9; at most %ld "
			"allowed\n",
			b.confident_wrong, w.max_wrong);
		status = 1;
	}
	backtest_free(&b);
	return status;
}

const struct cmd cmd_backtest = {
    .name = "backtest",
    .summary = "check the engine against documented real-world decisions",
    .usage = usage,
    .run = run,
};
