/*
 * history — the lab's run history in SQLite (see history.h). The schema is versioned with
 * PRAGMA user_version so a later verdict can migrate it; a database from a newer verdict is
 * refused rather than misread.
 */
#include "lab/history.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "path.h"

#define SCHEMA_VERSION 1

struct history {
	sqlite3 *db;
	char path[4096];
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

struct history *history_open(const char *path, struct err *e)
{
	struct history *h = calloc(1, sizeof *h);
	if (!h) {
		err_internal(e, "out of memory");
		return NULL;
	}
	snprintf(h->path, sizeof h->path, "%s", path);
	if (path_mkdir_parents(path, e) != 0) {
		free(h);
		return NULL;
	}
	if (sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) !=
	    SQLITE_OK) {
		fail(h, e, "cannot open the history database");
		history_close(h);
		return NULL;
	}
	sqlite3_busy_timeout(h->db, 5000);
	sqlite3_stmt *st = NULL;
	int version = -1;
	if (sqlite3_prepare_v2(h->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (version < 0) {
		fail(h, e, "not a history database");
		history_close(h);
		return NULL;
	}
	if (version > SCHEMA_VERSION) {
		err_input(e, path, 0, "history schema %d is newer than this verdict's (%d)",
			  version, SCHEMA_VERSION);
		history_close(h);
		return NULL;
	}
	static const char schema[] =
	    "CREATE TABLE IF NOT EXISTS runs ("
	    " id INTEGER PRIMARY KEY, started TEXT NOT NULL, host TEXT NOT NULL, cpu TEXT,"
	    " cores INTEGER, kernel TEXT, go TEXT, rust TEXT, quick INTEGER NOT NULL,"
	    " results TEXT NOT NULL);"
	    "PRAGMA user_version = 1;";
	if (sqlite3_exec(h->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		fail(h, e, "cannot set up the history database");
		history_close(h);
		return NULL;
	}
	return h;
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
