/*
 * test_conn — the serve connection table with made-up sockets and clocks: every step of an
 * exchange has its deadline, a connection is cut once, and one remote address cannot take
 * every slot while loopback clients share them all.
 */
#include "testutil.h"

#include <arpa/inet.h>

#include "conn.h"

#define LOOPBACK 0x7f000001u /* 127.0.0.1 */
#define REMOTE	 0x0a000005u /* 10.0.0.5 */

struct cuts {
	int fd[16];
	enum conn_phase phase[16];
	int n;
};

static void record_cut(int fd, enum conn_phase phase, void *ctx)
{
	struct cuts *c = ctx;
	if (c->n < 16) {
		c->fd[c->n] = fd;
		c->phase[c->n] = phase;
	}
	c->n++;
}

static void every_step_has_a_deadline(void **state)
{
	(void)state;
	struct conn_table *t = conn_table_new(8, 2, 1000);
	assert_non_null(t);
	struct conn *idle = conn_open(t, 10, htonl(LOOPBACK), 0),
		    *slow = conn_open(t, 11, htonl(LOOPBACK), 0),
		    *busy = conn_open(t, 12, htonl(LOOPBACK), 0),
		    *reader = conn_open(t, 13, htonl(LOOPBACK), 0);
	assert_non_null(idle);
	assert_non_null(slow);
	assert_non_null(busy);
	assert_non_null(reader);
	/* a request line at 500 ms gives the rest of the request until 1500 ms */
	conn_enter(t, slow, CONN_RECEIVING, 500);
	conn_enter(t, busy, CONN_WORKING, 500); /* answering: no deadline */
	conn_enter(t, reader, CONN_SENDING, 800);
	struct cuts cuts = {0};
	assert_int_equal(conn_expire(t, 999, record_cut, &cuts), 1); /* idle's, in 1 ms */
	assert_int_equal(cuts.n, 0);
	assert_int_equal(conn_expire(t, 1000, record_cut, &cuts), 500);
	assert_int_equal(cuts.n, 1);
	assert_int_equal(cuts.fd[0], 10);
	assert_int_equal(cuts.phase[0], CONN_IDLE);
	assert_int_equal(conn_expire(t, 1600, record_cut, &cuts), 200); /* reader's at 1800 */
	assert_int_equal(cuts.n, 2);
	assert_int_equal(cuts.fd[1], 11);
	assert_int_equal(cuts.phase[1], CONN_RECEIVING);
	/* each is cut once, however long its socket takes to close; working is never cut */
	assert_int_equal(conn_expire(t, 5000, record_cut, &cuts), 1000);
	assert_int_equal(cuts.n, 3);
	assert_int_equal(cuts.fd[2], 13);
	assert_int_equal(cuts.phase[2], CONN_SENDING);
	/* back to idle after its answer: a fresh deadline */
	conn_enter(t, busy, CONN_IDLE, 5000);
	assert_int_equal(conn_expire(t, 5999, record_cut, &cuts), 1);
	assert_int_equal(conn_expire(t, 6000, record_cut, &cuts), 1000);
	assert_int_equal(cuts.n, 4);
	assert_int_equal(cuts.fd[3], 12);
	conn_close(t, idle);
	conn_close(t, slow);
	conn_close(t, busy);
	conn_close(t, reader);
	conn_close(t, NULL);
	conn_enter(t, NULL, CONN_IDLE, 0);
	conn_table_free(t);
	conn_table_free(NULL);
}

static void one_remote_address_cannot_take_every_slot(void **state)
{
	(void)state;
	struct conn_table *t = conn_table_new(4, 2, 1000);
	struct conn *a = conn_open(t, 1, htonl(REMOTE), 0), *b = conn_open(t, 2, htonl(REMOTE), 0);
	assert_non_null(a);
	assert_non_null(b);
	assert_null(conn_open(t, 3, htonl(REMOTE), 0)); /* a third from 10.0.0.5 */
	struct conn *other = conn_open(t, 4, htonl(REMOTE + 1), 0);
	assert_non_null(other);
	conn_close(t, a);
	struct conn *again = conn_open(t, 5, htonl(REMOTE), 0); /* a slot of its own freed */
	assert_non_null(again);
	/* the table is full now: 3 used, and loopback gets the last one */
	struct conn *local = conn_open(t, 6, htonl(LOOPBACK), 0);
	assert_non_null(local);
	assert_null(conn_open(t, 7, htonl(LOOPBACK), 0));
	conn_close(t, b);
	conn_close(t, other);
	conn_close(t, again);
	conn_close(t, local);
	conn_table_free(t);
}

static void loopback_clients_share_every_slot(void **state)
{
	(void)state;
	/* every local client is 127.0.0.1: a per-address limit would shut out the user too */
	struct conn_table *t = conn_table_new(8, 2, 1000);
	struct conn *c[8];
	for (int i = 0; i < 8; i++) {
		c[i] = conn_open(t, i, htonl(LOOPBACK + (i & 1)), 0);
		assert_non_null(c[i]);
	}
	assert_null(conn_open(t, 8, htonl(LOOPBACK), 0));
	for (int i = 0; i < 8; i++)
		conn_close(t, c[i]);
	conn_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(every_step_has_a_deadline),
	    cmocka_unit_test(one_remote_address_cannot_take_every_slot),
	    cmocka_unit_test(loopback_clients_share_every_slot),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
