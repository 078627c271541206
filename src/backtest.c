/*
 * backtest — the engine against documented decisions (see backtest.h). A case's confidence is
 * the engine's own probability for the answer it gave: the win probability of go, rust, python
 * or keep; for "either", the share of draws whose scores fell within the either margin; for a
 * hybrid, the share of draws in which the parts split. So a wrong answer given with confidence
 * counts against the Brier score, and the bins show whether 0.9 means right nine times in ten.
 */
#include "backtest.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "engine.h"
#include "file.h"
#include "num.h"
#include "profile.h"

#define CASE_MAX_BYTES	    (256u * 1024)
#define CASE_MAX_COMPONENTS 16

/* What a case file's header says. */
struct header {
	int chose;	 /* verdict_kind, -1 until seen */
	unsigned accept; /* 0 until seen */
	char source[300];
	int year;
	char comp[CASE_MAX_COMPONENTS][96]; /* NAME=VERDICT */
	int ncomp;
};

/* The verdict named by the word at *s (advancing *s past it), or -1. */
static int next_verdict(const char **s, char *word, size_t size)
{
	while (**s == ' ' || **s == '\t')
		(*s)++;
	size_t n = strcspn(*s, " \t#");
	if (n == 0 || n >= size)
		return n == 0 ? -2 : -1;
	memcpy(word, *s, n);
	word[n] = '\0';
	*s += n;
	return verdict_parse(word);
}

/* Reads the comment block at the top of a case. Returns 0 or -1 with *e at the bad line. */
static int read_header(const char *path, const char *buf, struct header *h, struct err *e)
{
	memset(h, 0, sizeof *h);
	h->chose = -1;
	int line = 0;
	const char *p = buf;
	while (*p == '#') {
		line++;
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char text[4096];
		if (len >= sizeof text)
			return err_input(e, path, line, "header line is longer than %zu bytes",
					 sizeof text - 1);
		memcpy(text, p, len);
		text[len] = '\0';
		p = end ? end + 1 : p + len;
		char word[32];
		const char *v;
		if (strncmp(text, "# chose:", 8) == 0) {
			v = text + 8;
			h->chose = next_verdict(&v, word, sizeof word);
			if (h->chose < 0 || h->chose == VERDICT_EITHER)
				return err_input(
				    e, path, line,
				    "chose: expected go, rust, python, keep or hybrid");
		} else if (strncmp(text, "# accept:", 9) == 0) {
			v = text + 9;
			int k;
			while ((k = next_verdict(&v, word, sizeof word)) != -2) {
				if (k < 0)
					return err_input(e, path, line,
							 "accept: unknown verdict \"%s\" (go rust "
							 "either python keep hybrid)",
							 word);
				h->accept |= 1u << k;
			}
		} else if (strncmp(text, "# source:", 9) == 0) {
			v = text + 9;
			while (*v == ' ')
				v++;
			snprintf(h->source, sizeof h->source, "%s", v);
		} else if (strncmp(text, "# year:", 7) == 0) {
			long y = 0;
			v = text + 7;
			while (*v == ' ')
				v++;
			char digits[8] = "";
			snprintf(digits, sizeof digits, "%.*s", (int)strcspn(v, " #"), v);
			if (num_parse_long(digits, 1950, 2100, &y) != 0)
				return err_input(e, path, line, "year: expected a year, got \"%s\"",
						 digits);
			h->year = (int)y;
		} else if (strncmp(text, "# expect-component:", 19) == 0) {
			if (h->ncomp == CASE_MAX_COMPONENTS)
				return err_input(e, path, line,
						 "more than %d expect-component lines",
						 CASE_MAX_COMPONENTS);
			v = text + 19;
			while (*v == ' ')
				v++;
			snprintf(h->comp[h->ncomp], sizeof h->comp[0], "%.*s",
				 (int)strcspn(v, " #"), v);
			if (!strchr(h->comp[h->ncomp], '='))
				return err_input(e, path, line,
						 "expect-component: expected NAME=VERDICT");
			h->ncomp++;
		}
	}
	if (h->chose < 0)
		return err_input(e, path, 1, "the header has no '# chose:' line");
	if (!h->accept)
		return err_input(e, path, 1, "the header has no '# accept:' line");
	if (!(h->accept & 1u << h->chose))
		return err_input(e, path, 1, "accept must include what the team chose (%s)",
				 verdict_name((enum verdict_kind)h->chose));
	if (!h->source[0])
		return err_input(e, path, 1, "the header has no '# source:' line");
	return 0;
}

static int run_case(const struct kb *kb, const char *path, long samples, struct backtest_case *c,
		    struct err *e)
{
	/* the profile loader words every problem with the file itself; the header comes after */
	struct profile *p = profile_load(path, e);
	if (!p)
		return -1;
	char *buf = NULL;
	size_t len = 0;
	if (file_read(path, CASE_MAX_BYTES, 0, &buf, &len, e) != 0) {
		profile_free(p);
		return -1;
	}
	struct header h;
	int rc = read_header(path, buf, &h, e);
	free(buf);
	if (rc != 0) {
		profile_free(p);
		return -1;
	}
	struct engine_options o = engine_defaults();
	o.samples = samples;
	o.flips = false;
	o.costs = false;
	struct verdict v;
	if (engine_decide(kb, p, &o, &v, e) != 0) {
		profile_free(p);
		return -1;
	}
	c->file = strdup(path);
	c->source = strdup(h.source);
	c->year = h.year;
	c->chose = (enum verdict_kind)h.chose;
	c->accept = h.accept;
	c->got = v.overall.verdict;
	c->confidence = engine_answer_probability(&v);
	c->ok = (h.accept & 1u << c->got) != 0;
	c->components_expected = h.ncomp;
	for (int i = 0; i < h.ncomp; i++)
		for (size_t k = 0; k < v.ncomponents; k++) {
			char want[128];
			snprintf(want, sizeof want, "%s=%s", v.components[k].name,
				 verdict_name(v.components[k].verdict));
			if (strcmp(want, h.comp[i]) == 0)
				c->components_ok++;
		}
	verdict_free(&v);
	profile_free(p);
	if (!c->file || !c->source)
		return err_internal(e, "out of memory");
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_case(const char *name)
{
	size_t n = strlen(name);
	return name[0] != '.' && n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

/* Appends the case files of one path (a directory's *.yaml in name order, or a file). */
static int collect(const char *path, char ***files, size_t *n, struct err *e)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return err_input(e, path, 0, "cannot read: %s", strerror(errno));
	if (!S_ISDIR(st.st_mode)) {
		if (*n == BACKTEST_MAX_CASES)
			return err_input(e, path, 0, "more than %d cases", BACKTEST_MAX_CASES);
		return ((*files)[(*n)++] = strdup(path)) ? 0 : err_internal(e, "out of memory");
	}
	DIR *dir = opendir(path);
	if (!dir)
		return err_input(e, path, 0, "cannot read: %s", strerror(errno));
	size_t first = *n;
	struct dirent *de;
	int rc = 0;
	while (rc == 0 && (de = readdir(dir))) {
		if (!is_case(de->d_name))
			continue;
		if (*n == BACKTEST_MAX_CASES) {
			rc = err_input(e, path, 0, "more than %d cases", BACKTEST_MAX_CASES);
			break;
		}
		size_t len = strlen(path) + strlen(de->d_name) + 2;
		char *full = malloc(len);
		if (!full) {
			rc = err_internal(e, "out of memory");
			break;
		}
		snprintf(full, len, "%s/%s", path, de->d_name);
		(*files)[(*n)++] = full;
	}
	closedir(dir);
	qsort(*files + first, *n - first, sizeof **files, by_name);
	return rc;
}

static void summarise(struct backtest *b)
{
	static const double edges[BACKTEST_BINS + 1] = {0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0000001};
	for (int i = 0; i < BACKTEST_BINS; i++) {
		b->bins[i].low = edges[i];
		b->bins[i].high = i == BACKTEST_BINS - 1 ? 1 : edges[i + 1];
	}
	double brier = 0;
	for (size_t i = 0; i < b->n; i++) {
		const struct backtest_case *c = &b->cases[i];
		b->agree += c->ok;
		b->class_n[c->chose]++;
		b->class_agree[c->chose] += c->ok;
		b->always_go += (c->accept & 1u << VERDICT_GO) != 0;
		b->always_rust += (c->accept & 1u << VERDICT_RUST) != 0;
		b->confident_wrong += !c->ok && c->confidence >= 0.9;
		double miss = c->confidence - (c->ok ? 1.0 : 0.0);
		brier += miss * miss;
		for (int k = 0; k < BACKTEST_BINS; k++)
			if (c->confidence >= edges[k] && c->confidence < edges[k + 1]) {
				struct backtest_bin *bin = &b->bins[k];
				bin->mean_confidence =
				    (bin->mean_confidence * (double)bin->n + c->confidence) /
				    (double)(bin->n + 1);
				bin->n++;
				bin->right += c->ok;
			}
	}
	b->brier = b->n ? brier / (double)b->n : 0;
}

int backtest_run(const struct kb *kb, const char *const *paths, size_t npaths, long samples,
		 struct backtest *b, struct err *e)
{
	memset(b, 0, sizeof *b);
	char **files = calloc(BACKTEST_MAX_CASES, sizeof *files);
	size_t n = 0;
	int rc = files ? 0 : err_internal(e, "out of memory");
	for (size_t i = 0; rc == 0 && i < npaths; i++)
		rc = collect(paths[i], &files, &n, e);
	if (rc == 0 && n == 0)
		rc = err_input(e, npaths ? paths[0] : NULL, 0, "no case files (*.yaml) found");
	if (rc == 0 && !(b->cases = calloc(n, sizeof *b->cases)))
		rc = err_internal(e, "out of memory");
	for (size_t i = 0; rc == 0 && i < n; i++) {
		rc = run_case(kb, files[i], samples, &b->cases[i], e);
		b->n = i + 1;
	}
	for (size_t i = 0; files && i < n; i++)
		free(files[i]);
	free(files);
	if (rc != 0) {
		backtest_free(b);
		return -1;
	}
	summarise(b);
	return 0;
}

void backtest_free(struct backtest *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->cases[i].file);
		free(b->cases[i].source);
	}
	free(b->cases);
	b->cases = NULL;
	b->n = 0;
}
