/*
 * history — every lab run, kept in an SQLite database (default
 * ~/.local/share/verdict/lab.sqlite, or $XDG_DATA_HOME/verdict/lab.sqlite) so runs on different
 * machines and toolchains can be compared: one row per run with its machine and toolchains in
 * columns and the whole results document beside them.
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

/* Opens (creating it and its directories when missing) the database at path. NULL with *e set.
 * Close with history_close. */
struct history *history_open(const char *path, struct err *e);

/* Closes h; NULL is a no-op. */
void history_close(struct history *h);

/* Appends one run's results in a single transaction. Returns its id (> 0), or -1 with *e set
 * (nothing is written). */
long history_add(struct history *h, const json_t *results, struct err *e);

/* Every run, oldest first, as a JSON array of {id, started, host, cpu, cores, go, rust, quick,
 * measures: {id: rust_advantage}}. NULL with *e set. */
json_t *history_list(struct history *h, struct err *e);

#endif
