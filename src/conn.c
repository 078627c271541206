/*
 * conn — the connection table (see conn.h): a fixed array of entries under one mutex. Sweeps
 * and opens scan it whole; at 512 entries that is far cheaper than one request.
 */
#include "conn.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <time.h>

struct conn {
	bool used, cut;
	int fd;
	uint32_t addr; /* network byte order */
	enum conn_phase phase;
	uint64_t deadline_ms; /* 0: none */
};

struct conn_table {
	pthread_mutex_t lock;
	size_t cap, per_remote;
	uint64_t timeout_ms;
	struct conn *c;
};

struct conn_table *conn_table_new(size_t cap, size_t per_remote, uint64_t timeout_ms)
{
	struct conn_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->c = calloc(cap, sizeof *t->c);
	if (!t->c || pthread_mutex_init(&t->lock, NULL) != 0) {
		free(t->c);
		free(t);
		return NULL;
	}
	t->cap = cap;
	t->per_remote = per_remote;
	t->timeout_ms = timeout_ms;
	return t;
}

void conn_table_free(struct conn_table *t)
{
	if (!t)
		return;
	pthread_mutex_destroy(&t->lock);
	free(t->c);
	free(t);
}

static bool loopback(uint32_t addr)
{
	return (ntohl(addr) >> 24) == 127;
}

struct conn *conn_open(struct conn_table *t, int fd, uint32_t addr, uint64_t now_ms)
{
	pthread_mutex_lock(&t->lock);
	struct conn *free_slot = NULL;
	size_t same = 0;
	for (size_t i = 0; i < t->cap; i++) {
		if (!t->c[i].used && !free_slot)
			free_slot = &t->c[i];
		else if (t->c[i].used && t->c[i].addr == addr)
			same++;
	}
	if (free_slot && (loopback(addr) || same < t->per_remote))
		*free_slot = (struct conn){.used = true,
					   .fd = fd,
					   .addr = addr,
					   .phase = CONN_IDLE,
					   .deadline_ms = now_ms + t->timeout_ms};
	else
		free_slot = NULL;
	pthread_mutex_unlock(&t->lock);
	return free_slot;
}

void conn_close(struct conn_table *t, struct conn *c)
{
	if (!c)
		return;
	pthread_mutex_lock(&t->lock);
	c->used = false;
	pthread_mutex_unlock(&t->lock);
}

void conn_enter(struct conn_table *t, struct conn *c, enum conn_phase p, uint64_t now_ms)
{
	if (!c)
		return;
	pthread_mutex_lock(&t->lock);
	c->phase = p;
	c->deadline_ms = p == CONN_WORKING ? 0 : now_ms + t->timeout_ms;
	pthread_mutex_unlock(&t->lock);
}

uint64_t conn_expire(struct conn_table *t, uint64_t now_ms, conn_cut_fn *cut, void *ctx)
{
	uint64_t next = t->timeout_ms;
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->cap; i++) {
		struct conn *c = &t->c[i];
		if (!c->used || c->cut || c->deadline_ms == 0)
			continue;
		if (c->deadline_ms <= now_ms) {
			cut(c->fd, c->phase, ctx);
			c->cut = true;
		} else if (c->deadline_ms - now_ms < next) {
			next = c->deadline_ms - now_ms;
		}
	}
	pthread_mutex_unlock(&t->lock);
	return next ? next : 1;
}

uint64_t conn_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}
