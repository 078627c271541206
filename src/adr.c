/*
 * adr — Architecture Decision Records in MADR 4 format from a verdict. Records are numbered
 * files (0007-language-for-checkout-api.md) in a directory; a new record never overwrites one:
 * it is written to a temporary file and linked into place, which fails if the name exists.
 * Deciding again for the same subject writes a new record that says it supersedes the last
 * one, and the last one's status becomes "superseded by" the new one (rewritten atomically).
 */
#include "adr.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "path.h"
#include "render.h"

void adr_slug(const char *name, char *out, size_t size)
{
	size_t o = 0;
	bool dash = false;
	for (const char *p = name; *p && o + 1 < size; p++) {
		char c = *p;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && o > 0 && o + 2 < size)
				out[o++] = '-';
			out[o++] = c;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[o] = '\0';
	if (o == 0)
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

struct record {
	int number;
	char name[256];
};

/* The records in dir: highest number, and the newest one about `slug` that is not superseded. */
static int scan(const char *dir, const char *slug, int *highest, struct record *latest,
		struct err *e)
{
	*highest = 0;
	latest->number = 0;
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0
				       : err_input(e, dir, 0, "cannot read: %s", strerror(errno));
	char suffix[160];
	snprintf(suffix, sizeof suffix, "-language-for-%s.md", slug);
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL) {
		const char *n = ent->d_name;
		if (strlen(n) < 8 || !(n[0] >= '0' && n[0] <= '9') || n[4] != '-' ||
		    strcmp(n + strlen(n) - 3, ".md") != 0)
			continue;
		int num =
		    (n[0] - '0') * 1000 + (n[1] - '0') * 100 + (n[2] - '0') * 10 + (n[3] - '0');
		if (num > *highest)
			*highest = num;
		if (strcmp(n + 4, suffix) == 0 && num > latest->number) {
			latest->number = num;
			snprintf(latest->name, sizeof latest->name, "%s", n);
		}
	}
	closedir(d);
	return 0;
}

/* Marks the old record superseded: its front matter's status line is replaced, atomically. */
static int supersede(const char *dir, const char *old, const char *new_name, struct err *e)
{
	char path[1024], tmp[1100];
	snprintf(path, sizeof path, "%s/%s", dir, old);
	FILE *in = fopen(path, "r");
	if (!in)
		return err_input(e, path, 0, "cannot read: %s", strerror(errno));
	snprintf(tmp, sizeof tmp, "%s.tmpXXXXXX", path);
	int fd = mkstemp(tmp);
	FILE *out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!out) {
		fclose(in);
		if (fd >= 0)
			close(fd);
		return err_input(e, path, 0, "cannot rewrite: %s", strerror(errno));
	}
	char line[4096];
	bool done = false;
	while (fgets(line, sizeof line, in)) {
		if (!done && strncmp(line, "status:", 7) == 0) {
			fprintf(out, "status: \"superseded by [%.4s](%s)\"\n", new_name, new_name);
			done = true;
		} else {
			fputs(line, out);
		}
	}
	fclose(in);
	int rc = (fflush(out) == 0 && fsync(fileno(out)) == 0) ? 0 : -1;
	fclose(out);
	chmod(tmp, 0644);
	if (rc != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		return err_input(e, path, 0, "cannot rewrite: %s", strerror(errno));
	}
	return 0;
}

int adr_record(const char *dir, const struct kb *kb, const struct profile *p,
	       const struct verdict *v, const char *subject, char *written, size_t size,
	       struct err *e)
{
	char slug[128];
	adr_slug(subject, slug, sizeof slug);
	if (strlen(dir) > 700)
		return err_input(e, NULL, 0, "the record directory's path is over 700 characters");
	if (path_mkdirs(dir, e) != 0)
		return -1;
	int highest = 0;
	struct record latest;
	if (scan(dir, slug, &highest, &latest, e) != 0)
		return -1;
	if (highest >= 9999)
		return err_input(e, dir, 0, "already holds record 9999: no number is left");
	char name[256], path[1024], tmp[1100];
	snprintf(name, sizeof name, "%04d-language-for-%s.md", highest + 1, slug);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	snprintf(tmp, sizeof tmp, "%s/.adr.tmpXXXXXX", dir);
	int fd = mkstemp(tmp);
	if (fd < 0)
		return err_input(e, dir, 0, "cannot write: %s", strerror(errno));
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return err_internal(e, "out of memory");
	}
	adr_write(f, kb, p, v, subject, latest.number ? latest.name : NULL);
	int rc = (fflush(f) == 0 && fsync(fileno(f)) == 0) ? 0 : -1;
	fclose(f);
	chmod(tmp, 0644);
	/* link() refuses an existing name: a record is never overwritten */
	if (rc != 0 || link(tmp, path) != 0) {
		int saved = errno;
		unlink(tmp);
		return err_input(e, path, 0, "cannot write: %s", strerror(saved));
	}
	unlink(tmp);
	if (latest.number && supersede(dir, latest.name, name, e) != 0)
		return -1;
	snprintf(written, size, "%s", path);
	return 0;
}
