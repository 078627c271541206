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

static void bullets(FILE *f, const char *prefix, const struct reason *r, size_t n, size_t max)
{
	for (size_t i = 0; i < n && i < max; i++) {
		fprintf(f, "* %s", prefix);
		render_md_text(f, r[i].text);
		if (r[i].claim)
			fprintf(f, " (`%s`)", r[i].claim->id);
		fputc('\n', f);
	}
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

void adr_write(FILE *f, const struct kb *kb, const struct profile *p, const struct verdict *v,
	       const char *subject, const char *supersedes)
{
	const struct decision *d = &v->overall;
	char date[16];
	today(date, sizeof date);
	fprintf(f, "---\nstatus: accepted\ndate: %s\n---\n\n", date);
	if (d->verdict == VERDICT_HYBRID) {
		fprintf(f, "# Use ");
		render_md_text(f, d->mix);
		fprintf(f, ", each where it fits, for ");
	} else {
		fprintf(f, "# Use %s for ", option_name(d->verdict));
	}
	render_md_text(f, subject);
	fprintf(f, "\n\n## Context and Problem Statement\n\n");
	fprintf(f, "Which language should ");
	render_md_text(f, subject);
	fprintf(f,
		" (a %s, %s) be built in, Go or Rust, for a team of %g (%g writing Go, %g "
		"writing Rust) over %g years? The answer must rest on sourced evidence and say "
		"how sure it is.\n\n",
		profile_enum_name(p, F_BUILDING), profile_enum_name(p, F_STAGE), p->v[F_TEAM_SIZE],
		p->v[F_TEAM_KNOW_GO], p->v[F_TEAM_KNOW_RUST], p->v[F_HORIZON_YEARS]);
	if (d->verdict <= VERDICT_EITHER && !v->ncomponents) {
		fprintf(f, "## Decision Drivers\n\n");
		for (size_t c = 0; c < kb->ncriteria; c++)
			if (d->weight[c] > 0)
				fprintf(f, "* %s (weight %.2f of the decision's total)\n",
					kb->criteria[c].name, d->weight[c]);
		fputc('\n', f);
	}
	fprintf(f, "## Considered Options\n\n* Go\n* Rust\n");
	if (d->verdict == VERDICT_PYTHON || d->verdict == VERDICT_KEEP ||
	    d->verdict == VERDICT_HYBRID)
		fprintf(f, "* %s\n", option_name(d->verdict));
	fprintf(f, "\n## Decision Outcome\n\nChosen option: \"%s\", because ",
		option_name(d->verdict));
	if (d->nreasons) {
		render_md_text(f, d->reasons[0].text);
		fprintf(f, " (`%s`).", d->reasons[0].claim ? d->reasons[0].claim->id : "-");
	} else {
		fprintf(f, "the evidence favours it.");
	}
	if (d->samples > 0 && d->verdict <= VERDICT_RUST)
		fprintf(f, " It wins in %.1f%% of %ld Monte Carlo samples%s.",
			100 * d->win_probability[d->verdict], d->samples,
			d->close_call ? "; this is a close call" : "");
	fprintf(f, "\n\n### Consequences\n\n");
	bullets(f, "Good, because ", d->reasons, d->nreasons, 5);
	bullets(f, "Bad, because the other side holds that ", d->against, d->nagainst, 3);
	if (d->has_costs) {
		const struct costs *c = &d->costs;
		double diff = c->usd[COST_TOTAL][LANG_RUST].mid - c->usd[COST_TOTAL][LANG_GO].mid;
		fprintf(f,
			"* Neutral, because Rust costs about $%.0f a year %s than Go here (CI, "
			"hiring, onboarding, memory; see `verdict cost`)\n",
			diff < 0 ? -diff : diff, diff < 0 ? "less" : "more");
	}
	fprintf(f, "\n### Confirmation\n\nRevisit this decision if any of these becomes true:\n\n");
	size_t shown = 0;
	for (size_t i = 0; i < d->nflips && shown < 5; i++, shown++) {
		fprintf(f, "* ");
		render_md_text(f, d->flips[i].text);
		fputc('\n', f);
	}
	if (shown == 0)
		fprintf(f, "* the project's kind, stage or constraints change\n");
	fprintf(f, "\n## Pros and Cons of the Options\n");
	for (int l = 0; l < LANG_SCORED; l++) {
		fprintf(f, "\n### %s\n\n", lang_title((enum lang)l));
		size_t n = 0;
		for (size_t i = 0; i < d->nreasons; i++)
			if (d->reasons[i].favours == l ||
			    (d->reasons[i].favours < 0 && l == (int)d->leader &&
			     d->verdict <= VERDICT_RUST)) {
				fprintf(f, "* Good, because ");
				render_md_text(f, d->reasons[i].text);
				fputc('\n', f);
				n++;
			}
		for (size_t i = 0; i < d->nagainst; i++)
			if (d->against[i].favours == l) {
				fprintf(f, "* Good, because ");
				render_md_text(f, d->against[i].text);
				fputc('\n', f);
				n++;
			}
		if (d->excluded[l])
			fprintf(f, "* Bad, because it is ruled out for this project\n");
		else if (n == 0)
			fprintf(f, "* Neutral, because no evidence singles it out here\n");
	}
	if (v->ncomponents) {
		fprintf(f, "\n### Per component\n\n| component | kind | verdict | margin |\n"
			   "| --- | --- | --- | ---: |\n");
		for (size_t i = 0; i < v->ncomponents; i++) {
			fprintf(f, "| ");
			render_md_text(f, v->components[i].name);
			fprintf(f, " | %s | %s | %.2f |\n", v->components[i].building,
				verdict_name(v->components[i].verdict), v->components[i].margin);
		}
	}
	fprintf(f, "\n## More Information\n\n");
	if (supersedes)
		fprintf(f, "Supersedes [%.4s](%s).\n\n", supersedes, supersedes);
	fprintf(f,
		"Decided by verdict with knowledge base `%s`; every claim id is shown in full, "
		"with its source, by `verdict claims ID`. Sources:\n\n",
		kb->version);
	for (size_t i = 0; i < kb_source_count(kb); i++) {
		const struct kb_source *s = kb_source_at(kb, i);
		fprintf(f, "* ");
		render_md_text(f, s->title);
		fprintf(f, ", ");
		render_md_text(f, s->by);
		fprintf(f, " (%s)%s\n", s->date,
			s->assumption ? ", verdict's own assumptions"
			: s->measured ? ", measured on this machine"
				      : "");
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

/* old's text with its front matter's status line saying it is superseded by new_name, in a new
 * buffer (free it). NULL when out of memory. */
static char *superseded(const char *old, size_t len, const char *new_name, size_t *out_len)
{
	char status[320];
	int sl = snprintf(status, sizeof status, "status: \"superseded by [%.4s](%s)\"\n", new_name,
			  new_name);
	const char *at = NULL, *end = NULL;
	for (const char *l = old; l < old + len; l = end) {
		const char *nl = memchr(l, '\n', (size_t)(old + len - l));
		end = nl ? nl + 1 : old + len;
		if ((size_t)(end - l) >= 7 && strncmp(l, "status:", 7) == 0) {
			at = l;
			break;
		}
	}
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

/* Renders the record into a new buffer (free it). Returns 0 or -1 with *e set. */
static int render(const struct kb *kb, const struct profile *p, const struct verdict *v,
		  const char *subject, const char *supersedes, char **buf, size_t *len,
		  struct err *e)
{
	*buf = NULL;
	FILE *f = open_memstream(buf, len);
	if (!f)
		return err_internal(e, "out of memory");
	adr_write(f, kb, p, v, subject, supersedes);
	if (fclose(f) != 0) {
		free(*buf);
		*buf = NULL;
		return err_internal(e, "out of memory");
	}
	return 0;
}

int adr_record(const char *dir, const struct kb *kb, const struct profile *p,
	       const struct verdict *v, const char *subject, char *written, size_t size,
	       struct err *e)
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
		int rc =
		    render(kb, p, v, subject, latest.number ? latest.name : NULL, &text, &len, e);
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
