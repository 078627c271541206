/*
 * test_adr — Architecture Decision Records on disk: slugs that keep different names apart,
 * numbering that reads only NNNN-*.md, superseding that never follows a planted link, no new
 * record for unchanged inputs, and both templates (MADR 4, log4brains' MADR 2).
 */
#include "testutil.h"

#include <stdlib.h>

#include "adr.h"
#include "file.h"

static const char *slug(const char *name)
{
	static char out[ADR_SLUG_MAX + 1];
	adr_slug(name, out, sizeof out);
	return out;
}

static void slugs_of_ascii_names(void **state)
{
	(void)state;
	assert_string_equal(slug("Checkout API"), "checkout-api");
	assert_string_equal(slug("  payments / v2 "), "payments-v2");
	assert_string_equal(slug(""), "project");
	assert_string_equal(slug("!!!"), "project");
}

/* Regression: two non-ASCII names collapsed to one slug ("project"), so the second record
 * superseded the first. Letters with diacritics become their base letters; a character with no
 * ASCII form adds a hash of the whole name. */
static void slugs_keep_non_ascii_names_apart(void **state)
{
	(void)state;
	assert_string_equal(slug("Zürich Café"), "zurich-cafe");
	assert_string_equal(slug("Łódź Straße"), "lodz-strasse");
	char a[ADR_SLUG_MAX + 1], b[ADR_SLUG_MAX + 1];
	adr_slug("日本", a, sizeof a);
	adr_slug("中国", b, sizeof b);
	assert_string_not_equal(a, b);
	assert_string_equal(a, "project-9f26ee51"); /* stable: the same on every machine */
	assert_string_equal(slug("api 日本"), "api-b9227f71");
	adr_slug("api 日本", a, sizeof a);
	adr_slug("api 中国", b, sizeof b);
	assert_string_not_equal(a, b);
	adr_slug("x\xff", a, sizeof a); /* not UTF-8 either */
	adr_slug("x\xfe", b, sizeof b);
	assert_string_not_equal(a, b);
	/* names too long for a file name differ after the cut: the hash keeps them apart */
	char long1[300], long2[300];
	memset(long1, 'a', 299);
	long1[299] = '\0';
	memcpy(long2, long1, sizeof long2);
	long2[298] = 'b';
	adr_slug(long1, a, sizeof a);
	adr_slug(long2, b, sizeof b);
	assert_string_not_equal(a, b);
	assert_true(strlen(a) <= ADR_SLUG_MAX);
}

/* --- records in a directory ------------------------------------------------------------------ */

static char dir[64];
static struct kb *kb;
static struct profile *prof;
static struct verdict v;

static int setup(void **state)
{
	(void)state;
	snprintf(dir, sizeof dir, "/tmp/verdict-test-adr.XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	kb = test_kb();
	prof = test_profile("name: checkout-api\nbuilding: web-service\n");
	struct engine_options o = engine_defaults();
	o.samples = 200;
	struct err e = {0};
	return engine_decide(kb, prof, &o, &v, &e);
}

static int cleanup(void **state)
{
	(void)state;
	verdict_free(&v);
	profile_free(prof);
	kb_free(kb);
	return test_dir_remove(dir);
}

static const struct adr_options madr4 = {"proposed", NULL, ADR_MADR4};
static const struct adr_options log4brains = {"accepted", "Ann, Bob", ADR_LOG4BRAINS};

/* Writes a record (rc: what adr_record must return) and gives its file name. */
static const char *record_as(const char *subject, const struct adr_options *o, int rc)
{
	static char written[1024];
	struct err e = {0};
	int got = adr_record(dir, kb, prof, &v, subject, o, written, sizeof written, &e);
	if (got != rc)
		fail_msg("adr_record returned %d, not %d: %s", got, rc, e.msg);
	return strrchr(written, '/') + 1;
}

static const char *record(const char *subject)
{
	return record_as(subject, &madr4, 0);
}

/* The text of record `name` in dir (a static buffer). */
static const char *text_of(const char *name)
{
	static char text[1 << 16];
	char *buf;
	size_t len;
	struct err e = {0};
	if (file_read(test_path(dir, name), 1 << 20, 0, &buf, &len, &e) != 0)
		fail_msg("%s", e.msg);
	snprintf(text, sizeof text, "%s", buf);
	free(buf);
	return text;
}

/* Regression: `9zzz-notes.md` was read as record 9999 ("no number is left"). */
static void numbering_reads_only_four_digit_records(void **state)
{
	(void)state;
	test_put(test_path(dir, "9zzz-notes.md"), "notes\n", 0644);
	test_put(test_path(dir, "12345-x.md"), "not ours\n", 0644);
	test_put(test_path(dir, "0041-language-for-other.txt"), "not a record\n", 0644);
	assert_string_equal(record("checkout-api"), "0001-language-for-checkout-api.md");
	test_put(test_path(dir, "0007-something-else.md"), "a record of another kind\n", 0644);
	prof->v[F_P99_MS] = 20; /* decided again from a changed profile */
	assert_string_equal(record("checkout-api"), "0008-language-for-checkout-api.md");
}

/* Regression: superseding followed a symbolic link planted at the last record's name and
 * copied its target (a 0600 secret) into the directory as 0644. */
static void superseding_refuses_a_planted_link(void **state)
{
	(void)state;
	test_put(test_path(dir, "secret"), "the secret\n", 0600);
	assert_int_equal(
	    symlink(test_path(dir, "secret"), test_path(dir, "0001-language-for-checkout-api.md")),
	    0);
	char written[1024];
	struct err e = {0};
	assert_int_equal(
	    adr_record(dir, kb, prof, &v, "checkout-api", &madr4, written, sizeof written, &e), -1);
	char want[512];
	snprintf(want, sizeof want, "%s: not a regular file (a symbolic link)",
		 test_path(dir, "0001-language-for-checkout-api.md"));
	assert_string_equal(e.msg, want);
	assert_int_equal(test_dir_count(dir, ""),
			 2); /* nothing written: no record 0002, no temporary file */
}

/* Regression: a SIGKILL left hidden temporary files that no later run removed. */
static void a_killed_runs_temporary_file_is_removed(void **state)
{
	(void)state;
	test_put(test_path(dir, ".verdict-tmp.KiLLed"), "half a record", 0600);
	record("checkout-api");
	assert_int_equal(access(test_path(dir, ".verdict-tmp.KiLLed"), F_OK), -1);
	assert_int_equal(test_dir_count(dir, ""), 1);
}

static void non_ascii_subjects_get_their_own_records(void **state)
{
	(void)state;
	assert_string_equal(record("日本"), "0001-language-for-project-9f26ee51.md");
	assert_string_not_equal(record("中国"), "0002-language-for-project-9f26ee51.md");
	/* neither supersedes the other */
	char *buf;
	size_t len;
	struct err e = {0};
	assert_int_equal(file_read(test_path(dir, "0001-language-for-project-9f26ee51.md"), 1 << 20,
				   0, &buf, &len, &e),
			 0);
	assert_non_null(strstr(buf, "\nstatus: proposed\n"));
	free(buf);
}

/* Issue 13: deciding again on an unchanged profile and KB wrote 0002 superseding 0001. */
static void unchanged_inputs_point_to_the_last_record(void **state)
{
	(void)state;
	assert_string_equal(record("checkout-api"), "0001-language-for-checkout-api.md");
	assert_string_equal(record_as("checkout-api", &madr4, ADR_UNCHANGED),
			    "0001-language-for-checkout-api.md");
	assert_string_equal(record_as("checkout-api", &log4brains, ADR_UNCHANGED),
			    "0001-language-for-checkout-api.md");
	assert_int_equal(test_dir_count(dir, ""), 1);
	assert_non_null(
	    strstr(text_of("0001-language-for-checkout-api.md"), "\nstatus: proposed\n"));
}

/* A changed profile, or a changed knowledge base, still supersedes. */
static void changed_profile_or_kb_supersedes(void **state)
{
	(void)state;
	record("checkout-api");
	prof->v[F_TEAM_SIZE] = 9;
	assert_string_equal(record("checkout-api"), "0002-language-for-checkout-api.md");
	assert_non_null(
	    strstr(text_of("0001-language-for-checkout-api.md"),
		   "\nstatus: \"superseded by [0002](0002-language-for-checkout-api.md)\"\n"));
	kb->version[0] = kb->version[0] == '0' ? '1' : '0'; /* a new edition of the KB */
	assert_string_equal(record("checkout-api"), "0003-language-for-checkout-api.md");
	assert_non_null(strstr(text_of("0003-language-for-checkout-api.md"),
			       "\nSupersedes [0002](0002-language-for-checkout-api.md).\n"));
}

/* log4brains reads MADR 2's "- Status:" line under the title and ignores front matter: that
 * template's records say their status there, and their supersede links the way log4brains
 * writes them. */
static void log4brains_records_say_status_under_the_title(void **state)
{
	(void)state;
	assert_string_equal(record_as("checkout-api", &log4brains, 0),
			    "0001-language-for-checkout-api.md");
	const char *t = text_of("0001-language-for-checkout-api.md");
	assert_true(strncmp(t, "# Use ", 6) == 0); /* no front matter */
	assert_non_null(strstr(t, "\n\n- Status: accepted\n- Deciders: Ann, Bob\n- Date: "));
	prof->v[F_TEAM_SIZE] = 9;
	assert_string_equal(record_as("checkout-api", &log4brains, 0),
			    "0002-language-for-checkout-api.md");
	assert_non_null(strstr(text_of("0001-language-for-checkout-api.md"),
			       "\n- Status: superseded by [0002-language-for-checkout-api]"
			       "(0002-language-for-checkout-api.md)\n"));
	assert_non_null(strstr(text_of("0002-language-for-checkout-api.md"),
			       "\n## Links\n\n- Supersedes [0001-language-for-checkout-api]"
			       "(0001-language-for-checkout-api.md)\n"));
	/* a MADR 4 record superseding a log4brains one marks it in the old one's own style */
	prof->v[F_TEAM_SIZE] = 10;
	record("checkout-api");
	assert_non_null(strstr(text_of("0002-language-for-checkout-api.md"),
			       "\n- Status: superseded by [0003-language-for-checkout-api]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(slugs_of_ascii_names),
	    cmocka_unit_test(slugs_keep_non_ascii_names_apart),
	    cmocka_unit_test_setup_teardown(numbering_reads_only_four_digit_records, setup,
					    cleanup),
	    cmocka_unit_test_setup_teardown(superseding_refuses_a_planted_link, setup, cleanup),
	    cmocka_unit_test_setup_teardown(a_killed_runs_temporary_file_is_removed, setup,
					    cleanup),
	    cmocka_unit_test_setup_teardown(non_ascii_subjects_get_their_own_records, setup,
					    cleanup),
	    cmocka_unit_test_setup_teardown(unchanged_inputs_point_to_the_last_record, setup,
					    cleanup),
	    cmocka_unit_test_setup_teardown(changed_profile_or_kb_supersedes, setup, cleanup),
	    cmocka_unit_test_setup_teardown(log4brains_records_say_status_under_the_title, setup,
					    cleanup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
