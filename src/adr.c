/*
 * adr — Architecture Decision Records in MADR 4 format from a verdict. Records are numbered
 * files (0007-language-for-checkout-api.md) in a directory; a new record never overwrites one:
 * it is written with file_write(FILE_CREATE), which links it into place and fails if the name
 * exists, and then the next number is tried, so parallel runs each get their own. Deciding
 * again for the same subject writes a new record that says it supersedes the last one, and the
 * last one's status becomes "superseded by" the new one (rewritten atomically; a symbolic link
 * or anything but a regular file at its name is refused, never followed).
 */
#include "adr.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "file.h"
#include "path.h"
#include "num.h"
#include "render.h"
#include "utf8.h"

/* ASCII for the Latin letters with diacritics (Latin-1 Supplement and Latin Extended-A), lower
 * case: enough to keep "Zürich" and "Zurich" readable in a file name. */
static const struct {
	uint16_t first, last;
	const char *ascii;
} latin[] = {
    {0xC0, 0xC5, "a"},	 {0xC6, 0xC6, "ae"},   {0xC7, 0xC7, "c"},   {0xC8, 0xCB, "e"},
    {0xCC, 0xCF, "i"},	 {0xD0, 0xD0, "d"},    {0xD1, 0xD1, "n"},   {0xD2, 0xD6, "o"},
    {0xD8, 0xD8, "o"},	 {0xD9, 0xDC, "u"},    {0xDD, 0xDD, "y"},   {0xDE, 0xDE, "th"},
    {0xDF, 0xDF, "ss"},	 {0xE0, 0xE5, "a"},    {0xE6, 0xE6, "ae"},  {0xE7, 0xE7, "c"},
    {0xE8, 0xEB, "e"},	 {0xEC, 0xEF, "i"},    {0xF0, 0xF0, "d"},   {0xF1, 0xF1, "n"},
    {0xF2, 0xF6, "o"},	 {0xF8, 0xF8, "o"},    {0xF9, 0xFC, "u"},   {0xFD, 0xFD, "y"},
    {0xFE, 0xFE, "th"},	 {0xFF, 0xFF, "y"},    {0x100, 0x105, "a"}, {0x106, 0x10D, "c"},
    {0x10E, 0x111, "d"}, {0x112, 0x11B, "e"},  {0x11C, 0x123, "g"}, {0x124, 0x127, "h"},
    {0x128, 0x131, "i"}, {0x132, 0x133, "ij"}, {0x134, 0x135, "j"}, {0x136, 0x138, "k"},
    {0x139, 0x142, "l"}, {0x143, 0x14B, "n"},  {0x14C, 0x151, "o"}, {0x152, 0x153, "oe"},
    {0x154, 0x159, "r"}, {0x15A, 0x161, "s"},  {0x162, 0x167, "t"}, {0x168, 0x173, "u"},
    {0x174, 0x175, "w"}, {0x176, 0x178, "y"},  {0x179, 0x17E, "z"}, {0x17F, 0x17F, "s"},
};

static const char *transliterate(uint32_t cp)
{
	for (size_t i = 0; i < sizeof latin / sizeof latin[0]; i++)
		if (cp >= latin[i].first && cp <= latin[i].last)
			return latin[i].ascii;
	return NULL;
}

/* FNV-1a, 32 bits: a short hash that is the same on every machine and every run. */
static uint32_t fnv1a(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

void adr_slug(const char *name, char *out, size_t size)
{
	if (size < 32) {
		if (size)
			out[0] = '\0';
		return;
	}
	size_t o = 0, room = size - 1 - ADR_HASH_LEN; /* always room for "-" and the hash */
	bool dash = false, dropped = false;
	for (size_t i = 0, n = strlen(name); i < n;) {
		uint32_t cp;
		size_t len = utf8_decode(name + i, n - i, &cp);
		i += len ? len : 1;
		char ascii[2] = {0};
		const char *t = ascii;
		if (cp < 0x80 && len) {
			char c = (char)cp;
			ascii[0] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9'))) {
				dash = true; /* punctuation and spaces separate words */
				continue;
			}
		} else if (!(t = transliterate(cp))) {
			dropped =
			    true; /* no ASCII for it (or not UTF-8): the hash tells names apart */
			dash = true;
			continue;
		}
		size_t tl = strlen(t) + (dash && o > 0);
		if (o + tl > room) {
			dropped =
			    true; /* cut short: the hash tells apart names that differ later */
			break;
		}
		if (dash && o > 0)
			out[o++] = '-';
		memcpy(out + o, t, strlen(t));
		o += strlen(t);
		dash = false;
	}
	out[o] = '\0';
	if (dropped)
		snprintf(out + o, size - o, "%s%08x", o ? "-" : "project-", fnv1a(name));
	else if (o == 0)
		snprintf(out, size, "%s", "project");
}

/* Today, or SOURCE_DATE_EPOCH when set (reproducible builds' convention), as YYYY-MM-DD. */
static void today(char *buf, size_t size)
{
	time_t t = time(NULL);
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	if (epoch && *epoch)
		t = (time_t)strtoll(epoch, NULL, 10);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, size, "%Y-%m-%d", &tm);
}

/* How a record is written: the template's bullet and the options. */
struct writer {
	FILE *f;
	const struct kb *kb;
	char bullet; /* '*' in MADR 4, '-' for log4brains (markdownlint wants one style a file) */
};

/* "* Good, because TEXT TAIL (`claim`)" with TEXT escaped for Markdown; lead and tail are the
 * caller's own Markdown. */
static void item(const struct writer *w, const char *lead, const char *text, const char *tail,
		 const struct kb_claim *claim)
{
	fprintf(w->f, "%c %s", w->bullet, lead);
	render_md_text(w->f, text);
	fputs(tail, w->f); /* the caller's own Markdown */
	if (claim)
		fprintf(w->f, " (`%s`)", claim->id);
	fputc('\n', w->f);
}

static const char *option_name(enum verdict_kind v)
{
	switch (v) {
	case VERDICT_GO:
		return "Go";
	case VERDICT_RUST:
		return "Rust";
	case VERDICT_EITHER:
		return "Go or Rust (either fits)";
	case VERDICT_PYTHON:
		return "Python";
	case VERDICT_KEEP:
		return "Keep the current language";
	case VERDICT_HYBRID:
		return "a language per component";
	}
	return "?";
}

const char *adr_inputs(const struct kb *kb, const struct profile *p, const struct verdict *v,
		       char *buf, size_t size)
{
	char evidence[192] = "";
	if (kb->measured)
		snprintf(evidence, sizeof evidence, ", evidence \"%s\" of %s", kb->measured->title,
			 kb->measured->date);
	snprintf(buf, size,
		 "profile `%016llx` as parsed, knowledge base `%s`%s, Monte Carlo seed %llu and "
		 "%ld samples",
		 (unsigned long long)profile_fingerprint(p), kb->version, evidence,
		 (unsigned long long)v->overall.seed, v->overall.samples);
	return buf;
}

/* The header: MADR 4 front matter, or log4brains' "- Status:" lines under the title. */
static void header(const struct writer *w, const struct decision *d, const char *subject,
		   const struct adr_options *o)
{
	char date[16];
	today(date, sizeof date);
	const char *status = o->status && *o->status ? o->status : "proposed";
	bool madr = o->template == ADR_MADR4;
	if (madr) {
		fprintf(w->f, "---\nstatus: %s\ndate: %s\n", status, date);
		if (o->deciders && *o->deciders) {
			/* a YAML double-quoted string: only " and \ need escaping (no control
			 * characters get this far) */
			fprintf(w->f, "decision-makers: \"");
			for (const char *c = o->deciders; *c; c++)
				fprintf(w->f, "%s%c", *c == '"' || *c == '\\' ? "\\" : "", *c);
			fprintf(w->f, "\"\n");
		}
		fprintf(w->f, "---\n\n");
	}
	if (d->verdict == VERDICT_HYBRID) {
		fprintf(w->f, "# Use ");
		render_md_text(w->f, d->mix);
		fprintf(w->f, ", each where it fits, for ");
	} else {
		fprintf(w->f, "# Use %s for ", option_name(d->verdict));
	}
	render_md_text(w->f, subject);
	fprintf(w->f, "\n\n");
	if (!madr) {
		fprintf(w->f, "- Status: %s\n", status);
		if (o->deciders && *o->deciders) {
			fprintf(w->f, "- Deciders: ");
			render_md_text(w->f, o->deciders);
			fputc('\n', w->f);
		}
		fprintf(w->f, "- Date: %s\n\n", date);
	}
}

static void context(const struct writer *w, const struct profile *p, const struct verdict *v,
		    const char *subject)
{
	const struct decision *d = &v->overall;
	char team[48], go[48], rust[48], years[48];
	double know_go = p->v[F_TEAM_KNOW_GO], know_rust = p->v[F_TEAM_KNOW_RUST];
	bool shipping = (int)p->v[F_STAGE] == profile_enum_index(F_STAGE, "shipping");
	char what[160];
	if (v->ncomponents)
		snprintf(what, sizeof what, "system of %zu parts", v->ncomponents);
	else
		snprintf(what, sizeof what, "%s", kb_kind_label(w->kb, d->building));
	fprintf(w->f, "## Context and Problem Statement\n\nWhich language should ");
	render_md_text(w->f, subject);
	fprintf(w->f,
		", %s %s, be built in, Go or Rust, for a team of %s (%s Go, %s Rust) over %s? "
		"The answer must rest on sourced evidence and say how sure it is.\n\n",
		shipping ? "a shipping" : "a new", what,
		num_count(p->v[F_TEAM_SIZE], "engineer", "engineers", team, sizeof team),
		know_go > 0 ? num_count(know_go, "writes", "write", go, sizeof go) : "none writes",
		know_rust > 0 ? num_count(know_rust, "writes", "write", rust, sizeof rust)
			      : "none writes",
		num_count(p->v[F_HORIZON_YEARS], "year", "years", years, sizeof years));
}

/* Criteria by weight, heaviest first. */
static void drivers(const struct writer *w, const struct decision *d)
{
	const struct kb *kb = w->kb;
	size_t order[KB_MAX_CRITERIA], n = 0;
	double total = 0;
	for (size_t c = 0; c < kb->ncriteria; c++) {
		total += d->weight[c];
		if (d->weight[c] <= 0)
			continue;
		size_t i = n++;
		for (; i > 0 && d->weight[order[i - 1]] < d->weight[c]; i--)
			order[i] = order[i - 1];
		order[i] = c;
	}
	char wt[32], tot[32];
	fprintf(w->f, "## Decision Drivers\n\n");
	for (size_t i = 0; i < n; i++)
		fprintf(w->f, "%c %s (weight %s of %s)\n", w->bullet, kb->criteria[order[i]].name,
			num_format(d->weight[order[i]], wt, sizeof wt),
			num_format(total, tot, sizeof tot));
	fputc('\n', w->f);
}

/* The cost as a consequence of the choice, from the chosen language's side. */
static void cost_consequence(const struct writer *w, const struct decision *d)
{
	if (!d->has_costs)
		return;
	const struct costs *c = &d->costs;
	char text[512];
	bool scored = d->verdict == VERDICT_GO || d->verdict == VERDICT_RUST;
	enum lang chosen = d->verdict == VERDICT_RUST ? LANG_RUST : LANG_GO;
	render_cost_compare(c, scored ? chosen : LANG_RUST, text, sizeof text);
	double diff = c->usd[COST_TOTAL][chosen].mid - c->usd[COST_TOTAL][lang_other(chosen)].mid;
	const char *lead = !scored     ? "Neutral, because "
			   : diff <= 0 ? "Good, because "
				       : "Bad, because ";
	item(w, lead, text,
	     ": CI, the Rust salary premium, onboarding and memory (`verdict cost` itemises it)",
	     NULL);
}

/* The changes to watch: each profile input that would flip the verdict, as a trigger. */
static size_t triggers(const struct writer *w, const struct decision *d, const char *part,
		       size_t max)
{
	size_t shown = 0;
	for (size_t i = 0; i < d->nflips && shown < max; i++) {
		const struct flip *fl = &d->flips[i];
		if (!fl->when[0])
			continue; /* weights are the model's judgement, not something to watch */
		char text[320];
		snprintf(text, sizeof text, "%s%s%s (then %s)", part ? part : "", part ? ": " : "",
			 fl->when, verdict_outcome(fl->to));
		item(w, "", text, "", NULL);
		shown++;
	}
	return shown;
}

static void pros_and_cons(const struct writer *w, const struct verdict *v)
{
	const struct decision *d = &v->overall;
	fprintf(w->f, "## Pros and Cons of the Options\n");
	for (int l = 0; l < LANG_SCORED; l++) {
		fprintf(w->f, "\n### %s\n\n", lang_title((enum lang)l));
		size_t n = 0;
		/* a system: the parts each language fits, each for its strongest reason */
		for (size_t i = 0; i < v->ncomponents; i++) {
			const struct decision *c = &v->components[i];
			if ((int)c->in_system != l)
				continue;
			char lead[PROFILE_NAME_BYTES + 64];
			snprintf(lead, sizeof lead, "Good, because it fits %s: ", c->name);
			item(w, lead, c->nreasons ? c->reasons[0].text : "the evidence favours it",
			     "", NULL);
			n++;
		}
		for (size_t i = 0; i < d->nreasons; i++)
			if (d->reasons[i].favours == l ||
			    (d->reasons[i].favours < 0 && l == (int)d->leader &&
			     d->verdict <= VERDICT_RUST)) {
				item(w, "Good, because ", d->reasons[i].text, "", NULL);
				n++;
			}
		/* the option that loses, argued in its own words */
		for (size_t i = 0; i < d->nagainst; i++)
			if (d->against[i].favours == l) {
				item(w, "Good, because ", d->against[i].text, "", NULL);
				n++;
			}
		if (d->has_costs) {
			char text[512];
			const struct costs *c = &d->costs;
			double diff = c->usd[COST_TOTAL][l].mid -
				      c->usd[COST_TOTAL][lang_other((enum lang)l)].mid;
			item(w, diff > 0 ? "Bad, because " : "Good, because ",
			     render_cost_compare(c, (enum lang)l, text, sizeof text), "", NULL);
			n++;
		}
		if (d->excluded[l])
			item(w, "Bad, because it is ruled out for this project", "", "", NULL);
		else if (n == 0)
			item(w, "Neutral, because no evidence singles it out here", "", "", NULL);
	}
}

void adr_write(FILE *f, const struct kb *kb, const struct profile *p, const struct verdict *v,
	       const char *subject, const char *supersedes, const struct adr_options *opts)
{
	static const struct adr_options defaults = {NULL, NULL, ADR_MADR4};
	const struct adr_options *o = opts ? opts : &defaults;
	struct writer w = {f, kb, o->template == ADR_MADR4 ? '*' : '-'};
	const struct decision *d = &v->overall;
	header(&w, d, subject, o);
	context(&w, p, v, subject);
	if (d->verdict <= VERDICT_EITHER && !v->ncomponents)
		drivers(&w, d);
	fprintf(f, "## Considered Options\n\n%c Go\n%c Rust\n", w.bullet, w.bullet);
	if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP ||
	    d->verdict == VERDICT_HYBRID)
		fprintf(f, "%c %s\n", w.bullet, option_name(d->verdict));
	fprintf(f, "\n## Decision Outcome\n\nChosen option: \"%s\", because ",
		option_name(d->verdict));
	if (d->nreasons) {
		render_md_text(f, d->reasons[0].text);
		fprintf(f, " (`%s`).", d->reasons[0].claim ? d->reasons[0].claim->id : "-");
	} else {
		fprintf(f, "the evidence favours it.");
	}
	if (d->samples > 0 && d->verdict <= VERDICT_RUST) {
		char pc[16], n[32];
		fprintf(f, " It leads in %s of %s Monte Carlo samples%s.",
			num_percent(d->win_probability[d->verdict], pc, sizeof pc),
			num_grouped(d->samples, n, sizeof n),
			d->close_call ? "; this is a close call" : "");
	}
	fprintf(f, "\n\n### Consequences\n\n");
	for (size_t i = 0; i < d->nreasons && i < 4; i++)
		item(&w, "Good, because ", d->reasons[i].text, "", d->reasons[i].claim);
	cost_consequence(&w, d);
	if (d->verdict == VERDICT_GO || d->verdict == VERDICT_RUST) {
		char tail[96];
		snprintf(tail, sizeof tail, ", which choosing %s gives up",
			 option_name(d->verdict));
		for (size_t i = 0; i < d->nagainst && i < 3; i++)
			item(&w, "Bad, because ", d->against[i].text, tail, d->against[i].claim);
	}
	fprintf(f,
		"\n### Confirmation\n\nRevisit this decision when any of these becomes true, and "
		"run `verdict adr` on the updated profile:\n\n");
	size_t shown = triggers(&w, d, NULL, 5);
	for (size_t i = 0; i < v->ncomponents && shown < 6; i++)
		shown += triggers(&w, &v->components[i], v->components[i].name, 2);
	if (shown == 0)
		item(&w, "the project's kind, stage or constraints change", "", "", NULL);
	fputc('\n', f);
	pros_and_cons(&w, v);
	if (v->ncomponents) {
		fprintf(f, "\n### Per component\n\n| component | kind | verdict | margin |\n"
			   "| --- | --- | --- | ---: |\n");
		for (size_t i = 0; i < v->ncomponents; i++) {
			fprintf(f, "| ");
			render_md_text(f, v->components[i].name);
			const struct decision *c = &v->components[i];
			fprintf(f, " | %s | %s%s%s | %.2f |\n", kb_kind_label(kb, c->building),
				option_name(c->verdict), c->in_system != c->verdict ? ": " : "",
				c->in_system != c->verdict ? option_name(c->in_system) : "",
				c->margin);
		}
	}
	fprintf(f, "\n## More Information\n\n");
	if (supersedes && o->template == ADR_MADR4)
		fprintf(f, "Supersedes [%.4s](%s).\n\n", supersedes, supersedes);
	char inputs[400];
	fprintf(f, "Decided by verdict from %s.\n\n", adr_inputs(kb, p, v, inputs, sizeof inputs));
	fprintf(f, "Deciding again on the same inputs points to this record instead of writing "
		   "another. Every claim id is shown in full, with its source, by `verdict claims "
		   "ID`. Sources:\n\n");
	for (size_t i = 0; i < kb_source_count(kb); i++) {
		const struct kb_source *src = kb_source_at(kb, i);
		if (!render_cites_source(v, src))
			continue;
		fprintf(f, "%c ", w.bullet);
		render_md_source(f, src);
		fprintf(f, "%s\n",
			src->assumption ? ", verdict's own assumptions"
			: src->measured ? ", measured on this machine"
					: "");
	}
	if (supersedes && o->template == ADR_LOG4BRAINS) {
		char slug[256];
		snprintf(slug, sizeof slug, "%.*s", (int)strcspn(supersedes, "."), supersedes);
		fprintf(f, "\n## Links\n\n- Supersedes [%s](%s)\n", slug, supersedes);
	}
}

/* --- the directory of records ------------------------------------------------------------------
 */

#define ADR_MAX_BYTES (1u << 20) /* a record of ours is a few KB */
#define ADR_TRIES     1000	 /* numbers taken by parallel runs before we give up */

struct record {
	int number;
	char name[256];
};

/* The record number of a directory entry: NNNN-*.md with four digits, else -1. */
static int record_number(const char *n)
{
	size_t len = strlen(n);
	if (len < 8 || n[4] != '-' || strcmp(n + len - 3, ".md") != 0)
		return -1;
	int num = 0;
	for (int i = 0; i < 4; i++) {
		if (n[i] < '0' || n[i] > '9')
			return -1;
		num = num * 10 + (n[i] - '0');
	}
	return num;
}

/* The records in dir: highest number, and the newest one about `slug`. */
static int scan(const char *dir, const char *slug, int *highest, struct record *latest,
		struct err *e)
{
	*highest = 0;
	latest->number = 0;
	latest->name[0] = '\0';
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0
				       : err_input(e, dir, 0, "cannot read: %s", strerror(errno));
	char suffix[ADR_SLUG_MAX + 32];
	snprintf(suffix, sizeof suffix, "-language-for-%s.md", slug);
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL) {
		int num = record_number(ent->d_name);
		if (num < 0)
			continue;
		if (num > *highest)
			*highest = num;
		if (strcmp(ent->d_name + 4, suffix) == 0 && num > latest->number) {
			latest->number = num;
			snprintf(latest->name, sizeof latest->name, "%s", ent->d_name);
		}
	}
	closedir(d);
	return 0;
}

/* old's text with its status saying it is superseded by new_name, in a new buffer (free it):
 * the front matter's "status:" line (MADR 4) or the "- Status:" line under the title (MADR 2,
 * as log4brains writes it), whichever comes first. NULL when out of memory. */
static char *superseded(const char *old, size_t len, const char *new_name, size_t *out_len)
{
	char status[320], slug[256];
	snprintf(slug, sizeof slug, "%.*s", (int)strcspn(new_name, "."), new_name);
	const char *at = NULL, *end = NULL;
	bool list = false;
	for (const char *l = old; l < old + len; l = end) {
		const char *nl = memchr(l, '\n', (size_t)(old + len - l));
		end = nl ? nl + 1 : old + len;
		size_t n = (size_t)(end - l);
		if (n >= 7 && strncmp(l, "status:", 7) == 0) {
			at = l;
			break;
		}
		if (n >= 9 && strncmp(l, "- Status:", 9) == 0) {
			at = l;
			list = true;
			break;
		}
	}
	int sl = list ? snprintf(status, sizeof status, "- Status: superseded by [%s](%s)\n", slug,
				 new_name)
		      : snprintf(status, sizeof status, "status: \"superseded by [%.4s](%s)\"\n",
				 new_name, new_name);
	size_t keep = at ? (size_t)(at - old) : len, rest = at ? (size_t)(old + len - end) : 0;
	char *out = malloc(keep + (size_t)sl + rest + 1);
	if (!out)
		return NULL;
	memcpy(out, old, keep);
	*out_len = keep;
	if (at) {
		memcpy(out + keep, status, (size_t)sl);
		memcpy(out + keep + (size_t)sl, end, rest);
		*out_len += (size_t)sl + rest;
	}
	out[*out_len] = '\0';
	return out;
}

/* Whether a record's text says it was decided from these inputs. */
static bool same_inputs(const char *text, const char *inputs)
{
	char mark[480];
	snprintf(mark, sizeof mark, "\nDecided by verdict from %s.\n", inputs);
	return strstr(text, mark) != NULL;
}

/* Renders the record into a new buffer (free it). Returns 0 or -1 with *e set. */
static int render(const struct kb *kb, const struct profile *p, const struct verdict *v,
		  const char *subject, const char *supersedes, const struct adr_options *o,
		  char **buf, size_t *len, struct err *e)
{
	*buf = NULL;
	FILE *f = open_memstream(buf, len);
	if (!f)
		return err_internal(e, "out of memory");
	adr_write(f, kb, p, v, subject, supersedes, o);
	if (fclose(f) != 0) {
		free(*buf);
		*buf = NULL;
		return err_internal(e, "out of memory");
	}
	return 0;
}

int adr_record(const char *dir, const struct kb *kb, const struct profile *p,
	       const struct verdict *v, const char *subject, const struct adr_options *o,
	       char *written, size_t size, struct err *e)
{
	char slug[ADR_SLUG_MAX + 1];
	adr_slug(subject, slug, sizeof slug);
	if (strlen(dir) > 700)
		return err_input(e, NULL, 0, "the record directory's path is over 700 characters");
	if (path_mkdirs(dir, e) != 0)
		return -1;
	for (int attempt = 0; attempt < ADR_TRIES; attempt++) {
		int highest = 0;
		struct record latest;
		if (scan(dir, slug, &highest, &latest, e) != 0)
			return -1;
		if (highest >= 9999)
			return err_input(e, dir, 0, "already holds record 9999: no number is left");
		char name[256], path[1024], old_path[1024];
		snprintf(name, sizeof name, "%04d-language-for-%s.md", highest + 1, slug);
		snprintf(path, sizeof path, "%s/%s", dir, name);
		snprintf(old_path, sizeof old_path, "%s/%s", dir, latest.name);
		/* the record to supersede is read first, so that one we must not touch (a link
		 * planted at its name, a FIFO) stops us before anything is written */
		char *old = NULL, *text = NULL;
		size_t old_len = 0, len = 0;
		if (latest.number &&
		    file_read(old_path, ADR_MAX_BYTES, FILE_NOFOLLOW, &old, &old_len, e) != 0)
			return -1;
		/* the same profile and KB decided again: the last record still says it all */
		char inputs[400];
		if (old && same_inputs(old, adr_inputs(kb, p, v, inputs, sizeof inputs))) {
			free(old);
			snprintf(written, size, "%s", old_path);
			return ADR_UNCHANGED;
		}
		int rc = render(kb, p, v, subject, latest.number ? latest.name : NULL, o, &text,
				&len, e);
		if (rc == 0)
			rc = file_write(path, text, len, FILE_CREATE, e);
		free(text);
		if (rc == FILE_EXISTS) {
			free(old); /* a parallel run took the number: look again */
			continue;
		}
		if (rc == 0 && latest.number) {
			char *upd = superseded(old, old_len, name, &len);
			rc = upd ? file_write(old_path, upd, len, FILE_REPLACE, e)
				 : err_internal(e, "out of memory");
			free(upd);
		}
		free(old);
		if (rc != 0)
			return -1;
		snprintf(written, size, "%s", path);
		return 0;
	}
	return err_input(e, dir, 0, "every record number tried was taken by another run (%d tries)",
			 ADR_TRIES);
}
