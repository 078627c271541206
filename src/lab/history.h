/*
 * history — every lab run, kept in an SQLite database (default
 * ~/.local/share/verdict/lab.sqlite, or $XDG_DATA_HOME/verdict/lab.sqlite) so runs on different
 * machines and toolchains can be compared: one row per run with its machine and toolchains in
 * columns and the whole results document beside them. Listing opens it read-only; appending
 * checks it first, and sets a damaged one aside (renamed, never deleted) rather than writing into
 * it, so one bad file cannot make every later listing fail.
 */
#ifndef VERDICT_HISTORY_H
#define VERDICT_HISTORY_H

#include <jansson.h>
#include <stddef.h>

#include "err.h"

struct history;

/* The default database path, written into buf. Returns 0, or -1 with *e set when there is no
 * HOME to put it under. */
int history_default_path(char *buf, size_t size, struct err *e);

enum history_mode {
	HISTORY_READ,	/* list the runs: opened read-only, nothing created; a missing file has
			   no runs */
	HISTORY_APPEND, /* record runs: created (with its directories) when missing; a damaged
			   database is set aside (see history_notice) */
};

/* Opens the database at path. In HISTORY_APPEND mode it is checked first (PRAGMA
 * integrity_check): a damaged one is renamed PATH.corrupt-YYYYMMDDTHHMMSSZ and a new one started,
 * which history_notice then reports. NULL with *e set (a file that is not a history database, a
 * newer schema, a damaged database opened to read). Close with history_close. */
struct history *history_open(const char *path, enum history_mode mode, struct err *e);

/* What the user should know about the last history_open or history_add even though it succeeded
 * (a damaged history set aside), or "" when nothing. Borrowed from h. */
const char *history_notice(const struct history *h);

/* Closes h; NULL is a no-op. */
void history_close(struct history *h);

/* Appends one run's results in a single transaction, after checking the database again (one
 * damaged meanwhile is set aside as history_open does, and the run goes into a new one). Returns
 * its id (> 0), or -1 with *e set (nothing is written). */
long history_add(struct history *h, const json_t *results, struct err *e);

/* Every run, oldest first, as a JSON array of {id, started, host, cpu, cores, go, rust, quick,
 * measures: {id: rust_advantage}}. NULL with *e set. */
json_t *history_list(struct history *h, struct err *e);

#endif
