/*
 * test_file — the one input reader and the one output writer: what they refuse (FIFOs that
 * would block, devices, links), what they keep (an existing file's mode, another run's
 * temporary file) and what they clean up (a killed run's temporary file).
 */
#define _XOPEN_SOURCE 700 /* mknod, for a device node of our own */
#include "testutil.h"

#include <stdlib.h>
#include <sys/file.h>
#include <sys/sysmacros.h>

#include "file.h"

/* A fresh directory for one test; removed (with what is in it) by cleanup(). */
static char dir[64];

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/verdict-test-file.XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int cleanup(void **state)
{
	(void)state;
	return test_dir_remove(dir);
}

static void expect_read_error(const char *path, unsigned flags, const char *what)
{
	char *buf = (char *)1, want[512];
	size_t len = 99;
	struct err e = {0};
	assert_int_equal(file_read(path, 1000, flags, &buf, &len, &e), -1);
	assert_null(buf);
	snprintf(want, sizeof want, "%s: %s", path, what);
	assert_string_equal(e.msg, want);
	assert_int_equal(e.kind, ERR_INPUT);
}

/* Regression: a FIFO given as a profile, --evidence or a KB file blocked in open() forever. */
static void read_refuses_a_fifo_without_blocking(void **state)
{
	(void)state;
	assert_int_equal(mkfifo(test_path(dir, "fifo"), 0600), 0);
	/* no writer exists: a blocking open() would never return */
	expect_read_error(test_path(dir, "fifo"), 0, "not a regular file (a FIFO)");
	expect_read_error(dir, 0, "not a regular file (a directory)");
	expect_read_error("/dev/null", 0, "not a regular file (a character device)");
	expect_read_error(test_path(dir, "none"), 0, "cannot open: No such file or directory");
}

static void read_bounds_size_and_reads_to_the_end(void **state)
{
	(void)state;
	test_put(test_path(dir, "big"), "0123456789ABCDEF", 0644);
	char *buf;
	size_t len;
	struct err e = {0};
	assert_int_equal(file_read(test_path(dir, "big"), 10, 0, &buf, &len, &e), -1);
	assert_string_equal(strstr(e.msg, ": ") + 2, "file is 16 bytes; the limit is 10 bytes");
	assert_int_equal(file_read(test_path(dir, "big"), 16, 0, &buf, &len, &e), 0);
	assert_int_equal(len, 16);
	assert_string_equal(buf, "0123456789ABCDEF");
	free(buf);
	/* /proc files say they are 0 bytes long: the reader goes by what read() returns */
	assert_int_equal(file_read("/proc/self/status", 1 << 20, 0, &buf, &len, &e), 0);
	assert_true(len > 0 && strstr(buf, "Pid:") != NULL);
	free(buf);
}

/* Regression: `adr` followed a symbolic link planted at the record it supersedes. */
static void read_nofollow_refuses_a_link(void **state)
{
	(void)state;
	test_put(test_path(dir, "secret"), "secret\n", 0600);
	assert_int_equal(symlink(test_path(dir, "secret"), test_path(dir, "record.md")), 0);
	expect_read_error(test_path(dir, "record.md"), FILE_NOFOLLOW,
			  "not a regular file (a symbolic link)");
	char *buf;
	size_t len;
	struct err e = {0};
	assert_int_equal(file_read(test_path(dir, "record.md"), 100, 0, &buf, &len, &e),
			 0); /* followed */
	free(buf);
}

static mode_t mode_of(const char *path)
{
	struct stat st;
	assert_int_equal(lstat(path, &st), 0);
	return st.st_mode;
}

static void expect_write_error(const char *path, const char *what)
{
	struct err e = {0};
	char want[512];
	assert_int_equal(file_write(path, "new\n", 4, FILE_REPLACE, &e), -1);
	snprintf(want, sizeof want, "%s: cannot write: %s", path, what);
	assert_string_equal(e.msg, want);
	assert_int_equal(e.kind, ERR_INPUT);
}

/* Regression: -o renamed its output over a device, a FIFO or a link, and made a 0600 file
 * 0644. */
static void write_refuses_what_is_not_a_regular_file(void **state)
{
	(void)state;
	assert_int_equal(mkfifo(test_path(dir, "fifo"), 0600), 0);
	expect_write_error(test_path(dir, "fifo"), "not a regular file (a FIFO)");
	assert_true(S_ISFIFO(mode_of(test_path(dir, "fifo"))));
	test_put(test_path(dir, "secret"), "secret\n", 0600);
	assert_int_equal(symlink(test_path(dir, "secret"), test_path(dir, "link")), 0);
	expect_write_error(test_path(dir, "link"), "not a regular file (a symbolic link)");
	assert_true(S_ISLNK(mode_of(test_path(dir, "link"))));
	assert_int_equal(mkdir(test_path(dir, "sub"), 0700), 0);
	expect_write_error(test_path(dir, "sub"), "not a regular file (a directory)");
	rmdir(test_path(dir, "sub"));
	/* a device of our own (never /dev/null itself: a broken writer would replace it) */
	if (mknod(test_path(dir, "null"), S_IFCHR | 0666, makedev(1, 3)) == 0) {
		expect_write_error(test_path(dir, "null"),
				   "not a regular file (a character device)");
		assert_true(S_ISCHR(mode_of(test_path(dir, "null"))));
	}
}

static void write_keeps_the_mode_of_the_file_it_replaces(void **state)
{
	(void)state;
	test_put(test_path(dir, "private.json"), "old\n", 0600);
	struct err e = {0};
	assert_int_equal(file_write(test_path(dir, "private.json"), "new\n", 4, FILE_REPLACE, &e),
			 0);
	assert_int_equal(mode_of(test_path(dir, "private.json")) & 07777, 0600);
	char *buf;
	size_t len;
	assert_int_equal(file_read(test_path(dir, "private.json"), 100, 0, &buf, &len, &e), 0);
	assert_string_equal(buf, "new\n");
	free(buf);
	/* a new file gets what a plain create gives it */
	mode_t mask = umask(022);
	assert_int_equal(file_write(test_path(dir, "fresh.json"), "x", 1, FILE_REPLACE, &e), 0);
	umask(mask);
	assert_int_equal(mode_of(test_path(dir, "fresh.json")) & 07777, 0644);
}

static void create_never_overwrites(void **state)
{
	(void)state;
	test_put(test_path(dir, "0001-a.md"), "first\n", 0644);
	struct err e = {0};
	assert_int_equal(file_write(test_path(dir, "0001-a.md"), "second\n", 7, FILE_CREATE, &e),
			 FILE_EXISTS);
	assert_int_equal(file_write(test_path(dir, "0002-a.md"), "second\n", 7, FILE_CREATE, &e),
			 0);
	char *buf;
	size_t len;
	assert_int_equal(file_read(test_path(dir, "0001-a.md"), 100, 0, &buf, &len, &e), 0);
	assert_string_equal(buf, "first\n");
	free(buf);
}

/* Regression: a killed run left its temporary file behind for good (`.adr.tmp*`). The next
 * write removes it, but never one that a live run holds. */
static void write_removes_only_stale_temporary_files(void **state)
{
	(void)state;
	test_put(test_path(dir, ".verdict-tmp.kILLed"), "half a file",
		 0600); /* nobody holds it: stale */
	test_put(test_path(dir, ".verdict-tmp.aLIVe0"), "being written", 0600);
	int held = open(test_path(dir, ".verdict-tmp.aLIVe0"), O_RDONLY);
	assert_true(held >= 0);
	assert_int_equal(flock(held, LOCK_EX), 0); /* as a live writer holds its own */
	struct err e = {0};
	assert_int_equal(file_write(test_path(dir, "out.json"), "{}", 2, FILE_REPLACE, &e), 0);
	assert_int_equal(access(test_path(dir, ".verdict-tmp.kILLed"), F_OK), -1);
	assert_int_equal(access(test_path(dir, ".verdict-tmp.aLIVe0"), F_OK), 0);
	assert_int_equal(test_dir_count(dir, ".verdict-tmp."),
			 1); /* and the write left none of its own */
	close(held);
	assert_int_equal(file_write(test_path(dir, "out.json"), "{}", 2, FILE_REPLACE, &e), 0);
	assert_int_equal(test_dir_count(dir, ".verdict-tmp."), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(read_refuses_a_fifo_without_blocking, setup, cleanup),
	    cmocka_unit_test_setup_teardown(read_bounds_size_and_reads_to_the_end, setup, cleanup),
	    cmocka_unit_test_setup_teardown(read_nofollow_refuses_a_link, setup, cleanup),
	    cmocka_unit_test_setup_teardown(write_refuses_what_is_not_a_regular_file, setup,
					    cleanup),
	    cmocka_unit_test_setup_teardown(write_keeps_the_mode_of_the_file_it_replaces, setup,
					    cleanup),
	    cmocka_unit_test_setup_teardown(create_never_overwrites, setup, cleanup),
	    cmocka_unit_test_setup_teardown(write_removes_only_stale_temporary_files, setup,
					    cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
