/*
 * test_utf8 — cutting and repairing UTF-8: a cut never lands inside a character, and a repair
 * always yields text jansson accepts (decoding and counting are tested with the profile's names,
 * tests/test_profile.c).
 */
#include "testutil.h"

#include <jansson.h>

#include "utf8.h"

static void cuts_land_between_characters(void **state)
{
	(void)state;
	const char *s = "ab\xc3\xa9"
			"cd"; /* a b é c d: é is bytes 2 and 3 */
	assert_int_equal(utf8_cut(s, 6, 10), 6);
	assert_int_equal(utf8_cut(s, 6, 4), 4);
	assert_int_equal(utf8_cut(s, 6, 3), 2); /* not inside the é */
	assert_int_equal(utf8_cut(s, 6, 2), 2);
}

static void repairs_give_valid_text(void **state)
{
	(void)state;
	char out[16];
	assert_int_equal(utf8_repair(out, sizeof out, "ok \xc3\xa9"), 5);
	assert_string_equal(out, "ok \xc3\xa9");
	utf8_repair(out, sizeof out,
		    "a\xff"
		    "b\xe2\x82");
	assert_string_equal(out, "a?b??");
	utf8_repair(out, 5, "abc\xc3\xa9"); /* room for 4 bytes: the é does not fit whole */
	assert_string_equal(out, "abc");
	json_t *j = utf8_json_string("host\xfe\xff");
	assert_non_null(j);
	assert_string_equal(json_string_value(j), "host??");
	json_decref(j);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(cuts_land_between_characters),
	    cmocka_unit_test(repairs_give_valid_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
