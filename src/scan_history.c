/*
 * scan_history — the team's numbers from the history, through libgit2 (never `git log` text).
 * Everything is anchored to HEAD's commit date T, not to today, so an old clone is not a dead
 * team. People are authors and Co-authored-by trailers, after .mailmap, without bots, and one
 * person is one e-mail address (as .mailmap leaves it). With W the window (--since, 90 days):
 *
 *   team.size       people with a commit authored in (T-W, T]
 *   know_go/rust    of them, people whose non-merge commits in the window changed .go/.rs files
 *   background      the language most of them changed most in the window, if more than half
 *   hires_per_year  people whose first commit falls in (T-365d, T]
 *   attrition       of the people active in (T-365d, T], the share silent for longer than both
 *                   90 days and three times their own median gap between active days
 *   merges_per_day  first-parent commits in (T-W, T] per working day of the window, or of the
 *                   history's own span when its first commit falls inside the window
 *
 * The work is bounded: one time-ordered walk back to T minus four years (a returning person
 * counts as a hire after three silent years), tree comparisons only for the window's commits,
 * and one first-parent walk over the window. A shallow clone's history is not walked at all.
 */
#include "scan_int.h"

#include "strset.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DAY		   86400LL
#define YEAR		   (365 * DAY)
#define LOOKBACK	   (4 * YEAR)
#define SILENCE_MIN_DAYS   90
#define SILENCE_GAP_FACTOR 3
#define MAX_WALK	   5000000 /* commits: a larger history is cut here, and says so */
#define MAX_PEOPLE	   200000
#define MAX_CHANGES	   20000 /* files compared in one commit's trees */
#define KEY_MAX		   320

/* --- people ----------------------------------------------------------------------------------- */

struct activity {
	uint32_t person;
	int64_t time;
};

struct hist {
	struct scan_history *h;
	const struct kb *kb;
	git_repository *repo;
	git_mailmap *mailmap;
	const char *dir;
	struct err *e;
	struct strset ids; /* identities (after .mailmap), in the order of h->people */
	size_t cap;
	struct activity *acts;
	size_t nacts, acts_cap;
	struct strset raw; /* addresses (before .mailmap) of the window's people: aliases */
	struct strset hot; /* the window's Go and Rust files, with how many commits changed each */
	int64_t window_start;
};

static bool is_bot(const struct kb *kb, const char *name, const char *email)
{
	for (size_t i = 0; i < kb->scan.nbots; i++) {
		const char *b = kb->scan.bots[i];
		size_t n = strlen(b);
		for (const char *s = name; *s; s++)
			if (strncasecmp(s, b, n) == 0)
				return true;
		for (const char *s = email; *s; s++)
			if (strncasecmp(s, b, n) == 0)
				return true;
	}
	return false;
}

/* The identity of a signature: its e-mail address in lower case, or its name without one. */
static void identity(char *key, size_t size, const char *name, const char *email)
{
	if (email && *email)
		snprintf(key, size, "%s", email);
	else
		snprintf(key, size, "name:%s", name ? name : "");
	for (char *c = key; *c; c++)
		*c = (char)tolower((unsigned char)*c);
}

/* The person for (name, email) after .mailmap, created on first sight (their index in H->ids is
 * their index in h->people); -1 out of memory, -2 too many people. */
static long person(struct hist *H, const char *name, const char *email)
{
	const char *rn = name, *re = email;
	if (H->mailmap)
		git_mailmap_resolve(&rn, &re, H->mailmap, name, email);
	char key[KEY_MAX];
	identity(key, sizeof key, rn, re);
	struct scan_history *h = H->h;
	long i = strset_find(&H->ids, key);
	if (i >= 0)
		return i;
	if (h->npeople == MAX_PEOPLE)
		return -2;
	struct scan_person *people = scan_grow(h->people, &H->cap, h->npeople, sizeof *people);
	if (!people)
		return -1;
	h->people = people;
	struct scan_person *p = &h->people[h->npeople];
	memset(p, 0, sizeof *p);
	p->email = strdup(key);
	p->name = strdup(rn && *rn ? rn : key);
	if (!p->email || !p->name || strset_add(&H->ids, key) != (long)h->npeople) {
		free(p->email);
		free(p->name);
		return -1;
	}
	p->bot = is_bot(H->kb, p->name, key);
	return (long)h->npeople++;
}

/* Remembers an address seen in the window, as written (before .mailmap). */
static int remember_raw(struct hist *H, const char *name, const char *email)
{
	char key[KEY_MAX];
	identity(key, sizeof key, name, email);
	return strset_add(&H->raw, key) < 0 ? -1 : 0;
}

static int add_activity(struct hist *H, long who, int64_t when)
{
	struct activity *a = scan_grow(H->acts, &H->acts_cap, H->nacts, sizeof *a);
	if (!a)
		return -1;
	H->acts = a;
	H->acts[H->nacts].person = (uint32_t)who;
	H->acts[H->nacts++].time = when;
	return 0;
}

/* --- the window's changes --------------------------------------------------------------------- */

struct changes {
	struct hist *H;
	long who[16]; /* the commit's people */
	int nwho;
	size_t files;
	bool counted[SCAN_LANGS]; /* per commit: a language counted once per person */
	unsigned per_lang[SCAN_LANGS];
};

static int changed(struct changes *ch, const char *path)
{
	if (++ch->files > MAX_CHANGES)
		return 1;
	int lang = scan_lang_of_path(path);
	if (lang < 0 || scan_class_of_path(path, lang) != CLASS_SOURCE)
		return 0;
	ch->per_lang[lang]++;
	const char *name = scan_lang_name(lang);
	if ((strcmp(name, "Go") == 0 || strcmp(name, "Rust") == 0) && !strstr(path, "_test.go"))
		return strset_add(&ch->H->hot, path) < 0 ? -1 : 0;
	return 0;
}

/* Calls changed() for every file of tree (all of it is new or gone). */
static int whole_tree(struct changes *ch, const git_tree *tree, char *path, size_t len, size_t size)
{
	size_t n = git_tree_entrycount(tree);
	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *en = git_tree_entry_byindex(tree, i);
		int rc = snprintf(path + len, size - len, "%s", git_tree_entry_name(en));
		if (rc < 0 || (size_t)rc >= size - len - 1)
			continue;
		git_object_t type = git_tree_entry_type(en);
		if (type == GIT_OBJECT_TREE) {
			git_tree *sub = NULL;
			if (git_tree_lookup(&sub, git_tree_owner(tree), git_tree_entry_id(en)) != 0)
				return -1;
			size_t l = len + (size_t)rc;
			path[l] = '/';
			path[l + 1] = '\0';
			rc = whole_tree(ch, sub, path, l + 1, size);
			git_tree_free(sub);
		} else if (type == GIT_OBJECT_BLOB) {
			rc = changed(ch, path);
		} else {
			rc = 0;
		}
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* Compares trees a (old, may be NULL) and b (new, may be NULL), descending only where they
 * differ; changed() gets each file added, removed or modified. */
static int compare(struct changes *ch, git_repository *repo, const git_tree *a, const git_tree *b,
		   char *path, size_t len, size_t size);

static int compare_entry(struct changes *ch, git_repository *repo, const git_tree_entry *ea,
			 const git_tree_entry *eb, char *path, size_t len, size_t size)
{
	const git_tree_entry *en = eb ? eb : ea;
	if (ea && eb && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb)))
		return 0;
	int w = snprintf(path + len, size - len, "%s", git_tree_entry_name(en));
	if (w < 0 || (size_t)w >= size - len - 1)
		return 0;
	size_t l = len + (size_t)w;
	bool ta = ea && git_tree_entry_type(ea) == GIT_OBJECT_TREE;
	bool tb = eb && git_tree_entry_type(eb) == GIT_OBJECT_TREE;
	int rc = 0;
	if (ta || tb) {
		git_tree *sa = NULL, *sb = NULL;
		if ((ta && git_tree_lookup(&sa, repo, git_tree_entry_id(ea)) != 0) ||
		    (tb && git_tree_lookup(&sb, repo, git_tree_entry_id(eb)) != 0)) {
			git_tree_free(sa);
			return -1;
		}
		path[l] = '/';
		path[l + 1] = '\0';
		rc = compare(ch, repo, sa, sb, path, l + 1, size);
		git_tree_free(sa);
		git_tree_free(sb);
		path[l] = '\0';
	}
	/* a file on either side (a file replaced by a directory is both) */
	if (rc == 0 && ((ea && !ta && git_tree_entry_type(ea) == GIT_OBJECT_BLOB) ||
			(eb && !tb && git_tree_entry_type(eb) == GIT_OBJECT_BLOB))) {
		path[l] = '\0';
		rc = changed(ch, path);
	}
	return rc;
}

static int compare(struct changes *ch, git_repository *repo, const git_tree *a, const git_tree *b,
		   char *path, size_t len, size_t size)
{
	if (!a || !b) {
		const git_tree *t = a ? a : b;
		return t ? whole_tree(ch, t, path, len, size) : 0;
	}
	size_t nb = git_tree_entrycount(b), na = git_tree_entrycount(a);
	for (size_t i = 0; i < nb; i++) {
		const git_tree_entry *eb = git_tree_entry_byindex(b, i);
		const git_tree_entry *ea = git_tree_entry_byname(a, git_tree_entry_name(eb));
		int rc = compare_entry(ch, repo, ea, eb, path, len, size);
		if (rc != 0)
			return rc;
	}
	for (size_t i = 0; i < na; i++) {
		const git_tree_entry *ea = git_tree_entry_byindex(a, i);
		if (git_tree_entry_byname(b, git_tree_entry_name(ea)))
			continue;
		int rc = compare_entry(ch, repo, ea, NULL, path, len, size);
		if (rc != 0)
			return rc;
	}
	return 0;
}

/* The files a non-merge commit changed, credited to its people by language. */
static int window_changes(struct hist *H, git_commit *c, const long *who, int nwho)
{
	struct changes ch = {.H = H, .nwho = nwho};
	memcpy(ch.who, who, (size_t)nwho * sizeof *who);
	git_tree *tb = NULL, *ta = NULL;
	if (git_commit_tree(&tb, c) != 0)
		return scan_git_error(H->e, H->dir, "cannot read a commit's tree");
	if (git_commit_parentcount(c) == 1) {
		git_commit *parent = NULL;
		int rc = git_commit_parent(&parent, c, 0);
		if (rc == 0)
			rc = git_commit_tree(&ta, parent);
		git_commit_free(parent);
		if (rc != 0) {
			git_tree_free(tb);
			return scan_git_error(H->e, H->dir, "cannot read a commit's parent");
		}
	}
	char path[4096];
	path[0] = '\0';
	int rc = compare(&ch, H->repo, ta, tb, path, 0, sizeof path);
	git_tree_free(ta);
	git_tree_free(tb);
	if (rc < 0)
		return git_error_last() ? scan_git_error(H->e, H->dir, "cannot compare trees")
					: err_internal(H->e, "out of memory");
	for (int i = 0; i < nwho; i++) {
		struct scan_person *p = &H->h->people[who[i]];
		for (int l = 0; l < SCAN_LANGS; l++)
			p->lang_changes[l] += ch.per_lang[l];
	}
	return 0;
}

/* --- the walk --------------------------------------------------------------------------------- */

/* "Name <email>" of a Co-authored-by trailer into name and email. */
static bool parse_signature(const char *v, char *name, size_t nsize, char *email, size_t esize)
{
	const char *lt = strchr(v, '<'), *gt = lt ? strchr(lt, '>') : NULL;
	if (!lt || !gt)
		return false;
	const char *s = v, *end = lt;
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	snprintf(name, nsize, "%.*s", (int)(end - s), s);
	snprintf(email, esize, "%.*s", (int)(gt - lt - 1), lt + 1);
	return *email != '\0';
}

static bool mentions_coauthor(const char *msg)
{
	for (const char *s = msg; *s; s++)
		if ((*s == 'c' || *s == 'C') && strncasecmp(s, "co-authored-by:", 15) == 0)
			return true;
	return false;
}

/* The people of commit c: its author, then its co-authors. */
static int people_of(struct hist *H, git_commit *c, long *who, int *nwho, bool in_window)
{
	const git_signature *a = git_commit_author(c);
	*nwho = 0;
	long p = person(H, a->name, a->email);
	if (p < 0)
		return p == -2 ? err_input(H->e, H->dir, 0, "more than %d people in the history",
					   MAX_PEOPLE)
			       : err_internal(H->e, "out of memory");
	who[(*nwho)++] = p;
	if (in_window && !H->h->people[p].bot && remember_raw(H, a->name, a->email) != 0)
		return err_internal(H->e, "out of memory");
	const char *msg = git_commit_message(c);
	if (!msg || !mentions_coauthor(msg))
		return 0;
	git_message_trailer_array tr = {0};
	if (git_message_trailers(&tr, msg) != 0)
		return 0; /* a message libgit2 cannot split: its trailers are not counted */
	for (size_t i = 0; i < tr.count && *nwho < 16; i++) {
		char name[256], email[256];
		if (strcasecmp(tr.trailers[i].key, "Co-authored-by") != 0 ||
		    !parse_signature(tr.trailers[i].value, name, sizeof name, email, sizeof email))
			continue;
		long q = person(H, name, email);
		if (q < 0) {
			git_message_trailer_array_free(&tr);
			return q == -2 ? err_input(H->e, H->dir, 0,
						   "more than %d people in the history", MAX_PEOPLE)
				       : err_internal(H->e, "out of memory");
		}
		bool dup = false;
		for (int k = 0; k < *nwho; k++)
			dup |= who[k] == q;
		if (dup)
			continue;
		who[(*nwho)++] = q;
		if (in_window && !H->h->people[q].bot && remember_raw(H, name, email) != 0) {
			git_message_trailer_array_free(&tr);
			return err_internal(H->e, "out of memory");
		}
	}
	git_message_trailer_array_free(&tr);
	return 0;
}

/* The walk's frontier: commits by committer time, newest on top (what GIT_SORT_TIME gives), each
 * read once (libgit2's revwalk would parse every commit a second time for us). */
struct frontier {
	git_commit **heap;
	size_t n, cap;
	git_oid *seen; /* open addressing; an all-zero id marks a free slot */
	size_t nseen, seen_slots;
};

static size_t oid_slot(const git_oid *id, size_t slots)
{
	uint64_t h;
	memcpy(&h, id->id, sizeof h);
	return (size_t)h & (slots - 1);
}

/* Marks id seen; false when it already was. -1 out of memory. */
static int mark_seen(struct frontier *f, const git_oid *id)
{
	if ((f->nseen + 1) * 2 > f->seen_slots) {
		size_t ns = f->seen_slots ? f->seen_slots * 2 : 4096;
		git_oid *t = calloc(ns, sizeof *t);
		if (!t)
			return -1;
		for (size_t i = 0; i < f->seen_slots; i++)
			if (!git_oid_is_zero(&f->seen[i])) {
				size_t at = oid_slot(&f->seen[i], ns);
				while (!git_oid_is_zero(&t[at]))
					at = (at + 1) & (ns - 1);
				t[at] = f->seen[i];
			}
		free(f->seen);
		f->seen = t;
		f->seen_slots = ns;
	}
	size_t at = oid_slot(id, f->seen_slots);
	while (!git_oid_is_zero(&f->seen[at])) {
		if (git_oid_equal(&f->seen[at], id))
			return 0;
		at = (at + 1) & (f->seen_slots - 1);
	}
	f->seen[at] = *id;
	f->nseen++;
	return 1;
}

static bool newer(git_commit *a, git_commit *b)
{
	return git_commit_time(a) > git_commit_time(b);
}

/* Reads commit id (once) onto the frontier. Returns 0 or -1 with *e set. */
static int push(struct hist *H, struct frontier *f, const git_oid *id)
{
	int fresh = mark_seen(f, id);
	if (fresh <= 0)
		return fresh < 0 ? err_internal(H->e, "out of memory") : 0;
	git_commit **heap = scan_grow(f->heap, &f->cap, f->n, sizeof *heap);
	if (!heap)
		return err_internal(H->e, "out of memory");
	f->heap = heap;
	git_commit *c = NULL;
	if (git_commit_lookup(&c, H->repo, id) != 0)
		return scan_git_error(H->e, H->dir, "cannot read a commit");
	size_t i = f->n++;
	for (; i > 0 && newer(c, heap[(i - 1) / 2]); i = (i - 1) / 2)
		heap[i] = heap[(i - 1) / 2];
	heap[i] = c;
	return 0;
}

/* The newest commit of the frontier (the caller frees it), or NULL. */
static git_commit *pop(struct frontier *f)
{
	if (!f->n)
		return NULL;
	git_commit **heap = f->heap, *top = heap[0], *last = heap[--f->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= f->n)
			break;
		if (c + 1 < f->n && newer(heap[c + 1], heap[c]))
			c++;
		if (!newer(heap[c], last))
			break;
		heap[i] = heap[c];
		i = c;
	}
	if (f->n)
		heap[i] = last;
	return top;
}

/* One commit of the walk: its people, their activity, and in the window what it changed. */
static int visit(struct hist *H, git_commit *c)
{
	struct scan_history *h = H->h;
	h->commits++;
	int64_t at = git_commit_author(c)->when.time;
	if (at < h->first_time)
		h->first_time = at;
	bool in_window = at > H->window_start && at <= h->head_time;
	long who[16];
	int nwho = 0;
	int rc = people_of(H, c, who, &nwho, in_window);
	for (int i = 0; rc == 0 && i < nwho; i++)
		if (add_activity(H, who[i], at) != 0)
			rc = err_internal(H->e, "out of memory");
	if (rc == 0 && in_window) {
		for (int i = 0; i < nwho; i++)
			h->people[who[i]].window_commits++;
		if (git_commit_parentcount(c) <= 1)
			rc = window_changes(H, c, who, nwho);
	}
	return rc;
}

static int walk_all(struct hist *H, const git_oid *head)
{
	struct scan_history *h = H->h;
	int64_t bound = h->head_time - LOOKBACK;
	struct frontier f = {0};
	h->first_time = h->head_time;
	h->reached_root = true;
	int rc = push(H, &f, head);
	git_commit *c;
	while (rc == 0 && (c = pop(&f)) != NULL) {
		if (git_commit_time(c) < bound || h->commits == MAX_WALK) {
			h->reached_root = false;
			git_commit_free(c);
			break;
		}
		rc = visit(H, c);
		unsigned parents = git_commit_parentcount(c);
		for (unsigned i = 0; rc == 0 && i < parents; i++)
			rc = push(H, &f, git_commit_parent_id(c, i));
		git_commit_free(c);
	}
	while ((c = pop(&f)) != NULL)
		git_commit_free(c);
	free(f.heap);
	free(f.seen);
	return rc;
}

/* First-parent commits in the window: what landed on HEAD's branch. */
static int walk_first_parent(struct hist *H, const git_oid *head)
{
	git_revwalk *walk = NULL;
	if (git_revwalk_new(&walk, H->repo) != 0 || git_revwalk_simplify_first_parent(walk) != 0 ||
	    git_revwalk_push(walk, head) != 0) {
		git_revwalk_free(walk);
		return scan_git_error(H->e, H->dir, "cannot walk the history");
	}
	git_oid oid;
	int rc = 0;
	while (git_revwalk_next(&oid, walk) == 0) {
		git_commit *c = NULL;
		if (git_commit_lookup(&c, H->repo, &oid) != 0) {
			rc = scan_git_error(H->e, H->dir, "cannot read a commit");
			break;
		}
		int64_t ct = git_commit_time(c);
		bool in = ct > H->window_start;
		if (in) {
			H->h->integrations++;
			H->h->window_merges += git_commit_parentcount(c) > 1;
		}
		git_commit_free(c);
		if (!in)
			break;
	}
	git_revwalk_free(walk);
	return rc;
}

/* --- the numbers ------------------------------------------------------------------------------ */

static int by_person_time(const void *a, const void *b)
{
	const struct activity *x = a, *y = b;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return x->time < y->time ? -1 : x->time > y->time;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* First and last activity and the median gap between active days, per person. */
static int summarise(struct hist *H)
{
	struct scan_history *h = H->h;
	qsort(H->acts, H->nacts, sizeof *H->acts, by_person_time);
	double *gaps = malloc((H->nacts + 1) * sizeof *gaps);
	if (!gaps)
		return err_internal(H->e, "out of memory");
	for (size_t i = 0; i < H->nacts;) {
		size_t j = i;
		struct scan_person *p = &h->people[H->acts[i].person];
		p->first = H->acts[i].time;
		size_t ng = 0;
		int64_t prev_day = H->acts[i].time / DAY;
		for (; j < H->nacts && H->acts[j].person == H->acts[i].person; j++) {
			int64_t day = H->acts[j].time / DAY;
			if (day != prev_day)
				gaps[ng++] = (double)(day - prev_day);
			prev_day = day;
			p->last = H->acts[j].time;
			p->commits++;
		}
		qsort(gaps, ng, sizeof *gaps, by_double);
		p->gap_days = ng == 0  ? 0
			      : ng % 2 ? gaps[ng / 2]
				       : (gaps[ng / 2 - 1] + gaps[ng / 2]) / 2;
		i = j;
	}
	free(gaps);
	return 0;
}

static void count(struct hist *H)
{
	struct scan_history *h = H->h;
	int64_t T = h->head_time, year_start = T - YEAR;
	/* the whole last year was walked: the history starts before it, or the walk was cut
	 * at its bound (four years back) */
	h->year_known = h->first_time <= year_start || !h->reached_root;
	unsigned votes[SCAN_LANGS] = {0};
	for (size_t i = 0; i < h->npeople; i++) {
		struct scan_person *p = &h->people[i];
		if (p->commits == 0)
			continue;
		p->in_window = p->window_commits > 0;
		if (p->in_window) {
			if (p->bot) {
				h->window_bots++;
				continue;
			}
			h->window_people++;
			int best = -1;
			for (int l = 0; l < SCAN_LANGS; l++) {
				if (!p->lang_changes[l])
					continue;
				const char *n = scan_lang_name(l);
				p->go |= strcmp(n, "Go") == 0;
				p->rust |= strcmp(n, "Rust") == 0;
				if (best < 0 || p->lang_changes[l] > p->lang_changes[best])
					best = l;
			}
			h->know_go += p->go;
			h->know_rust += p->rust;
			if (best >= 0) {
				votes[best]++;
				h->people_with_lang++;
			}
		}
		if (p->bot)
			continue;
		p->active_year = p->last > year_start;
		if (p->active_year) {
			h->active_year++;
			double limit = SILENCE_GAP_FACTOR * p->gap_days;
			if (limit < SILENCE_MIN_DAYS)
				limit = SILENCE_MIN_DAYS;
			p->silent = (double)(T - p->last) > limit * (double)DAY;
			h->silent += p->silent;
			p->hire = p->first > year_start && h->year_known;
			h->hires += p->hire;
		}
	}
	h->background_lang = -1;
	for (int l = 0; l < SCAN_LANGS; l++)
		if (votes[l] > h->background_people) {
			h->background_people = votes[l];
			h->background_lang = l;
		}
	h->window_aliases = H->raw.n > h->window_people ? (unsigned)H->raw.n - h->window_people : 0;
	/* the most changed Go and Rust files, for --build's incremental edit */
	for (int k = 0; k < 2; k++) {
		unsigned best = 0;
		for (size_t i = 0; i < H->hot.n; i++) {
			const char *path = H->hot.keys[i];
			size_t n = strlen(path);
			bool go = n > 3 && strcmp(path + n - 3, ".go") == 0;
			if (go != (k == 0) || H->hot.counts[i] < best ||
			    (H->hot.counts[i] == best && strcmp(path, h->hot[k]) > 0))
				continue;
			best = H->hot.counts[i];
			snprintf(h->hot[k], sizeof h->hot[k], "%s", path);
		}
	}
}

int scan_history_read(git_repository *repo, const char *dir, git_commit *head, const struct kb *kb,
		      long since_days, struct scan_history *h, struct err *e)
{
	memset(h, 0, sizeof *h);
	h->window_days = since_days;
	h->background_lang = -1;
	h->head_time = git_commit_time(head);
	h->head_offset = git_commit_time_offset(head);
	const struct kb_claim *wd = kb_claim(kb, "a000-working-days");
	h->working_days_per_year = wd ? kb_mid((struct kb_range){wd->low, wd->high}) : 230;
	h->rate_days = (double)since_days;
	h->working_days = h->rate_days * h->working_days_per_year / 365;
	h->shallow = git_repository_is_shallow(repo) == 1;
	if (h->shallow)
		return 0;
	struct hist H = {.h = h, .kb = kb, .repo = repo, .dir = dir, .e = e};
	H.window_start = h->head_time - since_days * DAY;
	if (git_mailmap_from_repository(&H.mailmap, repo) != 0)
		H.mailmap = NULL; /* no readable .mailmap: addresses stay as written */
	int rc = walk_all(&H, git_commit_id(head));
	if (rc == 0)
		rc = walk_first_parent(&H, git_commit_id(head));
	/* a history younger than the window: its merges a day are over the days it has existed
	 * (at least one), not over days before its first commit */
	if (rc == 0 && h->reached_root && h->first_time > H.window_start) {
		double days = (double)(h->head_time - h->first_time) / DAY;
		h->rate_days = days < 1 ? 1 : days;
		h->working_days = h->rate_days * h->working_days_per_year / 365;
		if (h->working_days < 1)
			h->working_days = 1; /* a day's work is a day, whatever the calendar says */
	}
	if (rc == 0)
		rc = summarise(&H);
	if (rc == 0)
		count(&H);
	git_mailmap_free(H.mailmap);
	strset_free(&H.ids);
	free(H.acts);
	strset_free(&H.raw);
	strset_free(&H.hot);
	if (rc != 0)
		scan_history_free(h);
	return rc;
}

void scan_history_free(struct scan_history *h)
{
	for (size_t i = 0; i < h->npeople; i++) {
		free(h->people[i].name);
		free(h->people[i].email);
	}
	free(h->people);
	h->people = NULL;
	h->npeople = 0;
}
