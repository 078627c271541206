/*
 * cmd_cost — `verdict cost PROFILE.yaml`: what building it in Go or in Rust costs a year, each
 * figure with its low/high bounds and the claims (or assumptions) it comes from.
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "cmd.h"
#include "cost.h"
#include "profile.h"
#include "render.h"

static const char usage[] =
    "usage: verdict cost PROFILE.yaml [--years N] [--evidence RESULTS.json] [--long]\n"
    "                    [--format text|json] [-o FILE] [--kb DIR]\n"
    "\n"
    "Prices the language decision per year for Go and for Rust, counting only what differs\n"
    "between them: CI (build minutes and the engineers' waiting time); the Rust salary premium\n"
    "on the engineers who do not write Rust yet and on newcomers hired fluent, never on\n"
    "engineers already paid as Rust engineers; onboarding of the people who do not yet write\n"
    "the language (the current team once, newcomers trained rather than hired fluent); and\n"
    "memory across instances when it runs on your own fleet. A newcomer who replaces a fluent\n"
    "engineer is hired fluent; any other is trained in the middle estimate and hired fluent at\n"
    "the other end of the range. Low and high bounds come from the ranges of the claims used;\n"
    "prices the sources do not give are marked as assumptions and can be set in the profile\n"
    "under `costs:` (engineer_hour_usd, ci_minute_usd, memory_gb_month_usd).\n"
    "\n"
    "  --years N        average over N years (default: the profile's horizon_years)\n"
    "      --long       name the claim behind every line (default: the articles)\n"
    "  -f, --format F   text (default) or json\n"
    "  -o, --output F   write to file F (atomically) instead of standard output\n"
    "      --evidence R price from `verdict lab -o R` measurements: the measured memory\n"
    "                   ratio, and Rust's build time as the measured multiple of Go's\n"
    "      --kb DIR     read the knowledge base from DIR\n"
    "  -h, --help       show this help\n";

static void text_part(FILE *f, const char *name, const struct costs *c,
		      const struct text_options *t)
{
	if (name)
		fprintf(f, "\n── %s\n", name);
	render_costs_text(f, c, t);
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {CLI_OPT_YEARS,  CLI_OPT_FORMAT, CLI_OPT_LONG,
					     CLI_OPT_OUTPUT, CLI_OPT_KB,     CLI_OPT_EVIDENCE,
					     CLI_OPT_HELP,   CLI_OPT_END};
	struct cli_opts opt = cli_opts("cost", usage, 1u << FORMAT_TEXT | 1u << FORMAT_JSON);
	int rc = cli_parse(&opt, argc, argv, ":f:o:h", opts, NULL, NULL);
	if (rc != CLI_NEXT)
		return rc;
	struct kb *kb;
	struct profile *p;
	rc = cli_open_profile(&opt, argc, argv, &kb, &p);
	if (rc != CLI_NEXT)
		return rc;
	struct err e = {0};
	int format = opt.format, years = opt.eo.years;
	const char *output = opt.output;
	/* one estimate for a single profile, one per component for a system */
	size_t n = p->ncomponents ? p->ncomponents : 1;
	struct costs *cs = cost_estimate_all(kb, p, years, &e);
	rc = cs ? 0 : -1;
	struct out o;
	if (rc == 0 && out_open(&o) != 0)
		rc = err_internal(&e, "out of memory");
	if (rc == 0) {
		if (format == FORMAT_JSON) {
			json_t *j = render_cost_report_json(kb, p, cs);
			rc = render_json_dump(o.f, j);
			json_decref(j);
		} else {
			struct text_options t = cli_text_options(&opt);
			fprintf(o.f, "costs of %s\n", p->name[0] ? p->name : argv[optind]);
			for (size_t i = 0; i < n; i++)
				text_part(o.f, p->ncomponents ? p->components[i].name : NULL,
					  &cs[i], &t);
		}
		if (rc == 0)
			rc = out_commit(&o, output, &e);
		else {
			out_discard(&o);
			err_internal(&e, "out of memory rendering JSON");
		}
	}
	free(cs);
	profile_free(p);
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_cost = {
    .name = "cost",
    .summary = "what the decision costs a year, in money, with sources",
    .usage = usage,
    .run = run,
};
