/*
 * cmd_claims — `verdict claims [--conflicts] [ID]`: the evidence base, each claim with its
 * source; --conflicts shows where the sources disagree, both sides kept.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cmd.h"
#include "render.h"

static const char usage[] =
    "usage: verdict claims [--conflicts] [ID] [--format text|json] [--kb DIR]\n"
    "\n"
    "Lists the knowledge base's claims grouped by source, shows one claim in full (ID),\n"
    "or lists where the sources disagree (--conflicts).\n"
    "\n"
    "  -c, --conflicts  list disagreements between sources\n"
    "  -f, --format F   text (default) or json\n"
    "      --kb DIR     read the knowledge base from DIR\n"
    "  -h, --help       show this help\n";

static void claim_line(FILE *f, const struct kb_claim *c)
{
	char fig[96];
	kb_claim_figure(c, fig, sizeof fig);
	fprintf(f, "  %-34s %-5s %-18s %s\n", c->id, lang_name(c->lang), fig, c->says);
}

static bool in_conflict(const struct kb_conflict *k, const struct kb_claim *c)
{
	for (size_t i = 0; i < k->nclaims; i++)
		if (k->claims[i] == c)
			return true;
	return false;
}

static void conflict_text(FILE *f, const struct kb_conflict *k)
{
	fprintf(f, "%s\n", k->topic);
	for (size_t i = 0; i < k->nclaims; i++) {
		char fig[96];
		const struct kb_claim *c = k->claims[i];
		kb_claim_figure(c, fig, sizeof fig);
		fprintf(f, "  seed %.3s  %-30s %-16s %s\n", c->source->seed, c->id, fig, c->says);
	}
	fprintf(f, "  why they differ: %s\n\n", k->note);
}

static int list_all(const struct kb *kb, FILE *f, int format)
{
	if (format == FORMAT_JSON) {
		json_t *o = render_claims_json(kb);
		int rc = render_json_dump(f, o);
		json_decref(o);
		return rc;
	}
	size_t assumed = 0, articles = 0, others = 0;
	/* the articles (and other published sources) first, then verdict's own assumptions */
	for (int pass = 0; pass < 2; pass++)
		for (size_t s = 0; s < kb->nsources; s++) {
			const struct kb_source *src = &kb->sources[s];
			if (src->assumption != (pass == 1))
				continue;
			bool seed = strcmp(src->seed, "none") != 0;
			articles += seed;
			others += !seed && !src->assumption;
			if (seed)
				fprintf(f, "%s — %s (%s, %s; seed %s)\n", src->id, src->title,
					src->by, src->date, src->seed);
			else
				fprintf(f, "%s — %s (%s, %s%s%s)\n", src->id, src->title, src->by,
					src->date, src->url ? "; " : "", src->url ? src->url : "");
			for (size_t i = 0; i < kb->nclaims; i++)
				if (kb->claims[i].source == src) {
					claim_line(f, &kb->claims[i]);
					assumed += src->assumption;
				}
			fputc('\n', f);
		}
	char more[64] = "";
	if (others)
		snprintf(more, sizeof more, " and %zu other published source%s", others,
			 others == 1 ? "" : "s");
	fprintf(f,
		"%zu claims: %zu from %zu source articles%s, %zu marked as verdict's assumptions · "
		"%zu conflicts · knowledge base %s\n",
		kb->nclaims, kb->nclaims - assumed, articles, more, assumed, kb->nconflicts,
		kb->version);
	return 0;
}

static int show_one(const struct kb *kb, FILE *f, int format, const struct kb_claim *c)
{
	if (format == FORMAT_JSON) {
		json_t *o = render_claim_json(kb, c), *k = json_array();
		for (size_t i = 0; i < kb->nconflicts; i++)
			if (in_conflict(&kb->conflicts[i], c))
				json_array_append_new(k,
						      render_conflict_json(kb, &kb->conflicts[i]));
		json_object_set_new(o, "conflicts", k);
		json_object_set_new(o, "kb_version", json_string(kb->version));
		int rc = render_json_dump(f, o);
		json_decref(o);
		return rc;
	}
	char fig[96];
	kb_claim_figure(c, fig, sizeof fig);
	fprintf(f, "%s\n  %s\n", c->id, c->says);
	if (*fig)
		fprintf(f, "  figure:    %s\n", fig);
	fprintf(f, "  language:  %s\n  criterion: %s\n", lang_name(c->lang),
		kb->criteria[c->criterion].name);
	fprintf(f, "  source:    %s (%s, %s)\n  seed file: %s\n", c->source->title, c->source->by,
		c->source->date, c->source->seed);
	if (c->source->url)
		fprintf(f, "  url:       %s\n", c->source->url);
	if (c->via)
		fprintf(f, "  cites:     %s\n", c->via);
	fprintf(f, "  defined:   %s:%d\n", c->file, c->line);
	for (size_t i = 0; i < kb->nconflicts; i++)
		if (in_conflict(&kb->conflicts[i], c)) {
			fprintf(f, "\nDisagreement: ");
			conflict_text(f, &kb->conflicts[i]);
		}
	return 0;
}

/* claims' own option: --conflicts. */
static int own_option(void *ctx, int c, const char *arg)
{
	(void)arg;
	if (c != 'c')
		return CLI_NOT_MINE;
	*(bool *)ctx = true;
	return CLI_NEXT;
}

static int run(int argc, char **argv)
{
	static const struct option opts[] = {{"conflicts", no_argument, NULL, 'c'},
					     CLI_OPT_FORMAT,
					     CLI_OPT_KB,
					     CLI_OPT_HELP,
					     CLI_OPT_END};
	struct cli_opts o = cli_opts("claims", usage, 1u << FORMAT_TEXT | 1u << FORMAT_JSON);
	bool conflicts = false;
	int rc = cli_parse(&o, argc, argv, ":cf:h", opts, own_option, &conflicts);
	if (rc != CLI_NEXT)
		return rc;
	int format = o.format;
	if (argc - optind > 1)
		return cli_usage_error("claims", "one claim id at a time");
	const char *id = optind < argc ? argv[optind] : NULL;
	if (id && conflicts)
		return cli_usage_error("claims", "give either an ID or --conflicts");
	struct err e = {0};
	struct kb *kb = cli_kb(o.kbdir, &e);
	if (!kb)
		return cli_fail(&e);
	const struct kb_claim *claim = id ? kb_claim(kb, id) : NULL;
	if (id && !claim) {
		kb_free(kb);
		fprintf(stderr, "verdict claims: no claim '%s'; 'verdict claims' lists them all\n",
			id);
		return 2;
	}
	struct out out;
	rc = out_open(&out) == 0 ? 0 : err_internal(&e, "out of memory");
	if (rc == 0) {
		if (claim) {
			rc = show_one(kb, out.f, format, claim);
		} else if (conflicts && format == FORMAT_JSON) {
			json_t *a = json_array();
			for (size_t i = 0; i < kb->nconflicts; i++)
				json_array_append_new(a,
						      render_conflict_json(kb, &kb->conflicts[i]));
			json_t *obj =
			    json_pack("{s:o, s:s}", "conflicts", a, "kb_version", kb->version);
			rc = render_json_dump(out.f, obj);
			json_decref(obj);
		} else if (conflicts) {
			for (size_t i = 0; i < kb->nconflicts; i++)
				conflict_text(out.f, &kb->conflicts[i]);
			fprintf(out.f, "%zu disagreements between sources · knowledge base %s\n",
				kb->nconflicts, kb->version);
		} else {
			rc = list_all(kb, out.f, format);
		}
		if (rc == 0)
			rc = out_commit(&out, NULL, &e);
		else {
			out_discard(&out);
			err_internal(&e, "out of memory rendering");
		}
	}
	kb_free(kb);
	return rc == 0 ? 0 : cli_fail(&e);
}

const struct cmd cmd_claims = {
    .name = "claims",
    .summary = "the evidence base: claims, sources, conflicts",
    .usage = usage,
    .run = run,
};
