/*
 * test_file — the one input reader and the one output writer: what they refuse (FIFOs that
 * would block, devices, links), what they keep (an existing file's mode, another run's
 * temporary file) and what they clean up (a killed run's temporary file).
 */
#define _XOPEN_SOURCE 700 /* mknod, for a device node of our own */
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

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
	DIR *d = opendir(dir);
	struct dirent *ent;
	while (d && (ent = readdir(d)) != NULL) {
		char p[320];
		snprintf(p, sizeof p, "%s/%s", dir, ent->d_name);
		if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0)
			unlink(p);
	}
	if (d)
		closedir(d);
	return rmdir(dir);
}

static const char *at(const char *name)
{
	static char p[4][320];
	static int i;
	i = (i + 1) % 4;
	snprintf(p[i], sizeof p[i], "%s/%s", dir, name);
	return p[i];
}

static void put(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
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
	assert_int_equal(mkfifo(at("fifo"), 0600), 0);
	/* no writer exists: a blocking open() would never return */
	expect_read_error(at("fifo"), 0, "not a regular file (a FIFO)");
	expect_read_error(dir, 0, "not a regular file (a directory)");
	expect_read_error("/dev/null", 0, "not a regular file (a character device)");
	expect_read_error(at("none"), 0, "cannot open: No such file or directory");
}

static void read_bounds_size_and_reads_to_the_end(void **state)
{
	(void)state;
	put(at("big"), "0123456789ABCDEF", 0644);
	char *buf;
	size_t len;
	struct err e = {0};
	assert_int_equal(file_read(at("big"), 10, 0, &buf, &len, &e), -1);
	assert_string_equal(strstr(e.msg, ": ") + 2, "file is 16 bytes; the limit is 10 bytes");
	assert_int_equal(file_read(at("big"), 16, 0, &buf, &len, &e), 0);
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
	put(at("secret"), "secret\n", 0600);
	assert_int_equal(symlink(at("secret"), at("record.md")), 0);
	expect_read_error(at("record.md"), FILE_NOFOLLOW, "not a regular file (a symbolic link)");
	char *buf;
	size_t len;
	struct err e = {0};
	assert_int_equal(file_read(at("record.md"), 100, 0, &buf, &len, &e), 0); /* followed */
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
	assert_int_equal(mkfifo(at("fifo"), 0600), 0);
	expect_write_error(at("fifo"), "not a regular file (a FIFO)");
	assert_true(S_ISFIFO(mode_of(at("fifo"))));
	put(at("secret"), "secret\n", 0600);
	assert_int_equal(symlink(at("secret"), at("link")), 0);
	expect_write_error(at("link"), "not a regular file (a symbolic link)");
	assert_true(S_ISLNK(mode_of(at("link"))));
	assert_int_equal(mkdir(at("sub"), 0700), 0);
	expect_write_error(at("sub"), "not a regular file (a directory)");
	rmdir(at("sub"));
	/* a device of our own (never /dev/null itself: a broken writer would replace it) */
	if (mknod(at("null"), S_IFCHR | 0666, makedev(1, 3)) == 0) {
		expect_write_error(at("null"), "not a regular file (a character device)");
		assert_true(S_ISCHR(mode_of(at("null"))));
	}
}

static void write_keeps_the_mode_of_the_file_it_replaces(void **state)
{
	(void)state;
	put(at("private.json"), "old\n", 0600);
	struct err e = {0};
	assert_int_equal(file_write(at("private.json"), "new\n", 4, FILE_REPLACE, &e), 0);
	assert_int_equal(mode_of(at("private.json")) & 07777, 0600);
	char *buf;
	size_t len;
	assert_int_equal(file_read(at("private.json"), 100, 0, &buf, &len, &e), 0);
	assert_string_equal(buf, "new\n");
	free(buf);
	/* a new file gets what a plain create gives it */
	mode_t mask = umask(022);
	assert_int_equal(file_write(at("fresh.json"), "x", 1, FILE_REPLACE, &e), 0);
	umask(mask);
	assert_int_equal(mode_of(at("fresh.json")) & 07777, 0644);
}

static void create_never_overwrites(void **state)
{
	(void)state;
	put(at("0001-a.md"), "first\n", 0644);
	struct err e = {0};
	assert_int_equal(file_write(at("0001-a.md"), "second\n", 7, FILE_CREATE, &e), FILE_EXISTS);
	assert_int_equal(file_write(at("0002-a.md"), "second\n", 7, FILE_CREATE, &e), 0);
	char *buf;
	size_t len;
	assert_int_equal(file_read(at("0001-a.md"), 100, 0, &buf, &len, &e), 0);
	assert_string_equal(buf, "first\n");
	free(buf);
}

static int count_temps(void)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *ent;
	while ((ent = readdir(d)) != NULL)
		n += strncmp(ent->d_name, ".verdict-tmp.", 13) == 0;
	closedir(d);
	return n;
}

/* Regression: a killed run left its temporary file behind for good (`.adr.tmp*`). The next
 * write removes it, but never one that a live run holds. */
static void write_removes_only_stale_temporary_files(void **state)
{
	(void)state;
	put(at(".verdict-tmp.kILLed"), "half a file", 0600); /* nobody holds it: stale */
	put(at(".verdict-tmp.aLIVe0"), "being written", 0600);
	int held = open(at(".verdict-tmp.aLIVe0"), O_RDONLY);
	assert_true(held >= 0);
	assert_int_equal(flock(held, LOCK_EX), 0); /* as a live writer holds its own */
	struct err e = {0};
	assert_int_equal(file_write(at("out.json"), "{}", 2, FILE_REPLACE, &e), 0);
	assert_int_equal(access(at(".verdict-tmp.kILLed"), F_OK), -1);
	assert_int_equal(access(at(".verdict-tmp.aLIVe0"), F_OK), 0);
	assert_int_equal(count_temps(), 1); /* and the write left none of its own */
	close(held);
	assert_int_equal(file_write(at("out.json"), "{}", 2, FILE_REPLACE, &e), 0);
	assert_int_equal(count_temps(), 0);
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
