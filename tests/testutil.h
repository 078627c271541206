/*
 * testutil — helpers shared by the unit tests: the embedded KB, profiles from strings, a KB
 * with one extra file (to test how bad KB content is reported), and a scratch directory for
 * the tests of files.
 */
#ifndef VERDICT_TESTUTIL_H
#define VERDICT_TESTUTIL_H

#include <dirent.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "engine.h"
#include "kb.h"
#include "embedded.h"
#include "profile.h"

/* The embedded KB; fails the test when it does not load. */
static inline struct kb *test_kb(void)
{
	struct err e = {0};
	struct kb *kb = kb_load(NULL, &e);
	if (!kb)
		fail_msg("embedded KB does not load: %s", e.msg);
	return kb;
}

/* The embedded KB files plus one more (name, text). Returns NULL with *e set on error. */
static inline struct kb *test_kb_plus(const char *name, const char *text, struct err *e)
{
	const char *names[80], *bufs[80];
	char labels[80][96];
	size_t lens[80], n = 0;
	for (size_t i = 0; i < kb_embedded_count && n < 79; i++, n++) {
		snprintf(labels[n], sizeof labels[n], "data/kb/%s", kb_embedded_files[i].name);
		names[n] = labels[n];
		bufs[n] = kb_embedded_files[i].data;
		lens[n] = kb_embedded_files[i].len;
	}
	names[n] = name;
	bufs[n] = text;
	lens[n] = strlen(text);
	n++;
	return kb_load_buffers(names, bufs, lens, n, e);
}

/* A profile parsed from text; fails the test on error. */
static inline struct profile *test_profile(const char *text)
{
	struct err e = {0};
	struct profile *p = profile_parse("test.yaml", text, strlen(text), &e);
	if (!p)
		fail_msg("profile does not parse: %s", e.msg);
	return p;
}

/* The error message for a profile that must not parse. Returns a static buffer. */
static inline const char *test_profile_error(const char *text)
{
	static struct err e;
	memset(&e, 0, sizeof e);
	struct profile *p = profile_parse("test.yaml", text, strlen(text), &e);
	if (p) {
		profile_free(p);
		fail_msg("profile parsed but should not:\n%s", text);
	}
	assert_int_equal(e.kind, ERR_INPUT);
	return e.msg;
}

/* --- a scratch directory (made with mkdtemp) ------------------------------------------------- */

/* dir/name, in one of four rotating buffers (so that one call can take several). */
static inline const char *test_path(const char *dir, const char *name)
{
	static char p[4][320];
	static int i;
	i = (i + 1) % 4;
	snprintf(p[i], sizeof p[i], "%s/%s", dir, name);
	return p[i];
}

/* Writes text to path, created (or truncated) with mode. */
static inline void test_put(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	chmod(path, mode);
}

/* How many entries of dir, . and .. aside, have names that start with prefix ("" for all). */
static inline int test_dir_count(const char *dir, const char *prefix)
{
	int n = 0;
	DIR *d = opendir(dir);
	struct dirent *ent;
	while (d && (ent = readdir(d)) != NULL)
		n += strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0 &&
		     strncmp(ent->d_name, prefix, strlen(prefix)) == 0;
	if (d)
		closedir(d);
	return n;
}

/* Removes the files in dir (not directories), then dir. Returns rmdir's result. */
static inline int test_dir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *ent;
	while (d && (ent = readdir(d)) != NULL)
		if (strcmp(ent->d_name, ".") != 0 && strcmp(ent->d_name, "..") != 0)
			unlink(test_path(dir, ent->d_name));
	if (d)
		closedir(d);
	return rmdir(dir);
}

#endif
