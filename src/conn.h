/*
 * conn — the connection table of `verdict serve`: who is connected, what each connection is
 * doing and by when it must be done. libmicrohttpd only cuts connections that are idle, so a
 * client sending one byte a second would keep its slot for ever; here each step of an exchange
 * has a deadline (to start a request, to finish sending it, to take the answer) and the
 * server's main thread cuts whoever is past theirs. It also caps connections per remote
 * address. Thread-safe: libmicrohttpd's threads update it while the main thread sweeps it.
 */
#ifndef VERDICT_CONN_H
#define VERDICT_CONN_H

#include <stddef.h>
#include <stdint.h>

enum conn_phase {
	CONN_IDLE,	/* connected, or between requests: a request line is due */
	CONN_RECEIVING, /* the request line came: the rest of the request is due */
	CONN_WORKING,	/* the request is whole and being answered: no deadline */
	CONN_SENDING,	/* the answer is queued: the client must take it */
};

struct conn_table;
struct conn;

/* Called by conn_expire for a connection past its deadline, with the table locked, so fd is
 * still that connection's socket. */
typedef void conn_cut_fn(int fd, enum conn_phase phase, void *ctx);

/* A table of at most cap connections, at most per_remote of them from one address other than
 * loopback (every local client is 127.0.0.1: a limit there would shut out the user along with
 * the offender), each step given timeout_ms. Returns NULL when out of memory. */
struct conn_table *conn_table_new(size_t cap, size_t per_remote, uint64_t timeout_ms);

/* Frees the table; NULL is a no-op. */
void conn_table_free(struct conn_table *t);

/* Registers socket fd, connected from IPv4 address addr (network byte order) at now_ms, as
 * idle. Returns its entry (owned by the table until conn_close), or NULL when it must be
 * refused: the table is full or its address already has per_remote connections. */
struct conn *conn_open(struct conn_table *t, int fd, uint32_t addr, uint64_t now_ms);

/* Forgets c (once its socket is closed, or about to be); NULL is a no-op. */
void conn_close(struct conn_table *t, struct conn *c);

/* Moves c to phase p at now_ms: its deadline becomes now_ms + timeout_ms (none while working).
 * NULL is a no-op. */
void conn_enter(struct conn_table *t, struct conn *c, enum conn_phase p, uint64_t now_ms);

/* Calls cut once for each connection past its deadline at now_ms. Returns the milliseconds
 * until the next deadline, between 1 and the timeout. */
uint64_t conn_expire(struct conn_table *t, uint64_t now_ms, conn_cut_fn *cut, void *ctx);

/* Milliseconds on the monotonic clock. */
uint64_t conn_now_ms(void);

#endif
