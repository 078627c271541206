/*
 * history — the lab's run history in SQLite (see history.h). The schema is versioned with
 * PRAGMA user_version so a later verdict can migrate it; a database from a newer verdict is
 * refused rather than misread.
 */
#include "lab/history.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "path.h"

#define SCHEMA_VERSION 1

struct history {
	sqlite3 *db; /* NULL: HISTORY_READ of a file that does not exist (no runs) */
	enum history_mode mode;
	char path[4096];
	char notice[1024];
};

int history_default_path(char *buf, size_t size, struct err *e)
{
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && *xdg)
		snprintf(buf, size, "%s/verdict/lab.sqlite", xdg);
	else if (home && *home)
		snprintf(buf, size, "%s/.local/share/verdict/lab.sqlite", home);
	else
		return err_input(e, NULL, 0,
				 "no HOME: name the history database with --history-db");
	return 0;
}

static int fail(struct history *h, struct err *e, const char *what)
{
	return err_input(e, h->path, 0, "%s: %s", what, sqlite3_errmsg(h->db));
}

/* PRAGMA user_version, or -1 when the file cannot be read as a database (*rc says why). */
static int user_version(sqlite3 *db, int *rc)
{
	sqlite3_stmt *st = NULL;
	int version = -1;
	*rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
	if (*rc == SQLITE_OK) {
		*rc = sqlite3_step(st);
		if (*rc == SQLITE_ROW)
			version = sqlite3_column_int(st, 0);
	}
	sqlite3_finalize(st);
	return version;
}

/* 0 when `PRAGMA integrity_check` finds nothing wrong; -1 with its first finding (or the error
 * that stopped it, such as "database disk image is malformed") in why. */
static int damaged(sqlite3 *db, char *why, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check(1)", -1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	const unsigned char *first = rc == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
	int bad = !(first && strcmp((const char *)first, "ok") == 0);
	if (bad)
		snprintf(why, size, "%s", first ? (const char *)first : sqlite3_errmsg(db));
	sqlite3_finalize(st);
	return bad ? -1 : 0;
}

/* Creates the runs table in a database opened to append (a no-op when it exists). */
static int set_up(struct history *h, struct err *e)
{
	static const char schema[] =
	    "CREATE TABLE IF NOT EXISTS runs ("
	    " id INTEGER PRIMARY KEY, started TEXT NOT NULL, host TEXT NOT NULL, cpu TEXT,"
	    " cores INTEGER, kernel TEXT, go TEXT, rust TEXT, quick INTEGER NOT NULL,"
	    " results TEXT NOT NULL);"
	    "PRAGMA user_version = 1;";
	if (sqlite3_exec(h->db, schema, NULL, NULL, NULL) != SQLITE_OK)
		return fail(h, e, "cannot set up the history database");
	return 0;
}

/* Renames from to `to` unless `to` exists. Returns 0, or -1 with errno set. */
static int rename_new(const char *from, const char *to)
{
	if (link(from, to) != 0)
		return -1;
	return unlink(from);
}

/* Moves the damaged database (and its journal, which must not be rolled into a new database)
 * to PATH.corrupt-TIMESTAMP[-N], then opens a new one in its place. Returns 0 with h->notice
 * saying so, or -1 with *e set. */
static int set_aside(struct history *h, const char *why, struct err *e)
{
	sqlite3_close(h->db);
	h->db = NULL;
	char stamp[32], aside[4200];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	int moved = -1;
	for (int n = 1; n < 100 && moved != 0; n++) {
		if (n == 1)
			snprintf(aside, sizeof aside, "%s.corrupt-%s", h->path, stamp);
		else
			snprintf(aside, sizeof aside, "%s.corrupt-%s-%d", h->path, stamp, n);
		moved = rename_new(h->path, aside);
		if (moved != 0 && errno != EEXIST)
			return err_internal(e,
					    "%s: the history database is damaged (%s) and cannot "
					    "be set aside: %s; run with --no-history",
					    h->path, why, strerror(errno));
	}
	if (moved != 0)
		return err_internal(e,
				    "%s: the history database is damaged (%s) and cannot be set "
				    "aside; run with --no-history",
				    h->path, why);
	static const char *const suffixes[] = {"-journal", "-wal", "-shm"};
	for (size_t i = 0; i < sizeof suffixes / sizeof *suffixes; i++) {
		char from[4200], to[4300];
		snprintf(from, sizeof from, "%s%s", h->path, suffixes[i]);
		snprintf(to, sizeof to, "%s%s", aside, suffixes[i]);
		if (rename_new(from, to) != 0 && errno != ENOENT)
			unlink(from);
	}
	snprintf(h->notice, sizeof h->notice,
		 "the history database %s was damaged (%s): it was set aside as %s and a new "
		 "history started (--no-history records nothing)",
		 h->path, why, aside);
	if (sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK)
		return fail(h, e, "cannot open the history database");
	sqlite3_busy_timeout(h->db, 5000);
	return set_up(h, e);
}

/* Opens h->path to append: created when missing, set aside when damaged. Returns 0 or -1. */
static int open_append(struct history *h, struct err *e)
{
	if (path_mkdir_parents(h->path, e) != 0)
		return -1;
	if (sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK)
		return fail(h, e, "cannot open the history database");
	sqlite3_busy_timeout(h->db, 5000);
	int rc;
	int version = user_version(h->db, &rc);
	char why[256];
	if (version < 0 && (rc & 0xff) == SQLITE_CORRUPT)
		return set_aside(h, sqlite3_errmsg(h->db), e);
	if (version < 0)
		return err_input(e, h->path, 0,
				 "not a history database: %s (name another with --history-db, or "
				 "record nothing with --no-history)",
				 sqlite3_errmsg(h->db));
	if (version > SCHEMA_VERSION)
		return err_input(e, h->path, 0,
				 "history schema %d is newer than this verdict's (%d)", version,
				 SCHEMA_VERSION);
	if (damaged(h->db, why, sizeof why) != 0)
		return set_aside(h, why, e);
	return set_up(h, e);
}

/* Opens h->path to list it, read-only: nothing is created or written. Returns 0 or -1. */
static int open_read(struct history *h, struct err *e)
{
	struct stat st;
	if (stat(h->path, &st) != 0 && errno == ENOENT)
		return 0; /* no history yet */
	if (sqlite3_open_v2(h->path, &h->db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return fail(h, e, "cannot open the history database");
	sqlite3_busy_timeout(h->db, 5000);
	int rc;
	int version = user_version(h->db, &rc);
	char why[256];
	if (version < 0 && (rc & 0xff) != SQLITE_CORRUPT)
		return fail(h, e, "not a history database");
	if (version > SCHEMA_VERSION)
		return err_input(e, h->path, 0,
				 "history schema %d is newer than this verdict's (%d)", version,
				 SCHEMA_VERSION);
	if (version < 0 || damaged(h->db, why, sizeof why) != 0)
		return err_input(e, h->path, 0,
				 "the history database is damaged (%s): the next `verdict lab` "
				 "sets it aside and starts a new one",
				 version < 0 ? sqlite3_errmsg(h->db) : why);
	if (version == 0) { /* created, never written: no runs */
		sqlite3_close(h->db);
		h->db = NULL;
	}
	return 0;
}

struct history *history_open(const char *path, enum history_mode mode, struct err *e)
{
	struct history *h = calloc(1, sizeof *h);
	if (!h) {
		err_internal(e, "out of memory");
		return NULL;
	}
	h->mode = mode;
	snprintf(h->path, sizeof h->path, "%s", path);
	/* SQLite would block forever opening a FIFO, and call a directory "disk I/O error" */
	struct stat st;
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		err_input(e, path, 0, "not a regular file (%s): the history is an SQLite file",
			  file_kind(st.st_mode));
		history_close(h);
		return NULL;
	}
	if ((mode == HISTORY_APPEND ? open_append(h, e) : open_read(h, e)) != 0) {
		history_close(h);
		return NULL;
	}
	return h;
}

const char *history_notice(const struct history *h)
{
	return h->notice;
}

void history_close(struct history *h)
{
	if (!h)
		return;
	sqlite3_close(h->db);
	free(h);
}

static const char *str_at(const json_t *o, const char *a, const char *b)
{
	const json_t *x = json_object_get(o, a);
	return json_string_value(b ? json_object_get(x, b) : x);
}

long history_add(struct history *h, const json_t *results, struct err *e)
{
	char *text = json_dumps(results, JSON_COMPACT);
	if (!text) {
		err_internal(e, "out of memory");
		return -1;
	}
	const json_t *tc = json_object_get(results, "toolchains");
	sqlite3_stmt *st = NULL;
	long id = -1;
	char why[256];
	h->notice[0] = '\0';
	if (h->mode != HISTORY_APPEND) {
		free(text);
		return err_internal(e, "%s: the history was opened to read", h->path);
	}
	/* checked again: damaged since the run began (or it would be appended to blindly) */
	if (damaged(h->db, why, sizeof why) != 0 && set_aside(h, why, e) != 0) {
		free(text);
		return -1;
	}
	if (sqlite3_exec(h->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK) {
		fail(h, e, "cannot write the history");
		free(text);
		return -1;
	}
	if (sqlite3_prepare_v2(
		h->db,
		"INSERT INTO runs (started, host, cpu, cores, kernel, go, rust, quick,"
		" results) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
		-1, &st, NULL) == SQLITE_OK) {
		const json_t *m = json_object_get(results, "machine");
		sqlite3_bind_text(st, 1, str_at(results, "started", NULL), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 2, str_at(m, "host", NULL), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, str_at(m, "cpu", NULL), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int64(st, 4, json_integer_value(json_object_get(m, "cores")));
		sqlite3_bind_text(st, 5, str_at(m, "kernel", NULL), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 6, str_at(tc, "go", "version"), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 7, str_at(tc, "rustc", "version"), -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 8, json_is_true(json_object_get(results, "quick")));
		sqlite3_bind_text(st, 9, text, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_DONE)
			id = (long)sqlite3_last_insert_rowid(h->db);
	}
	sqlite3_finalize(st);
	if (id > 0 && sqlite3_exec(h->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		id = -1;
	if (id < 0) {
		fail(h, e, "cannot write the history");
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	}
	free(text);
	return id;
}

static json_t *column_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? json_string((const char *)t) : json_null();
}

json_t *history_list(struct history *h, struct err *e)
{
	if (!h->db)
		return json_array(); /* no database yet: no runs */
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h->db,
			       "SELECT id, started, host, cpu, cores, go, rust, quick, results"
			       " FROM runs ORDER BY id",
			       -1, &st, NULL) != SQLITE_OK) {
		fail(h, e, "cannot read the history");
		return NULL;
	}
	json_t *list = json_array();
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_t *run = json_object();
		json_object_set_new(run, "id", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(run, "started", column_text(st, 1));
		json_object_set_new(run, "host", column_text(st, 2));
		json_object_set_new(run, "cpu", column_text(st, 3));
		json_object_set_new(run, "cores", json_integer(sqlite3_column_int64(st, 4)));
		json_object_set_new(run, "go", column_text(st, 5));
		json_object_set_new(run, "rust", column_text(st, 6));
		json_object_set_new(run, "quick", json_boolean(sqlite3_column_int(st, 7)));
		json_t *adv = json_object();
		const unsigned char *text = sqlite3_column_text(st, 8);
		json_t *r = text ? json_loads((const char *)text, 0, NULL) : NULL;
		size_t i;
		json_t *m;
		json_array_foreach(json_object_get(r, "measures"), i, m)
		{
			const char *id = json_string_value(json_object_get(m, "id"));
			const json_t *a = json_object_get(m, "rust_advantage");
			if (id && json_is_number(a))
				json_object_set_new(adv, id, json_real(json_number_value(a)));
		}
		json_decref(r);
		json_object_set_new(run, "measures", adv);
		json_array_append_new(list, run);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		json_decref(list);
		fail(h, e, "cannot read the history");
		return NULL;
	}
	return list;
}
