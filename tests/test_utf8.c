/*
 * test_utf8 — validating, cutting and repairing UTF-8: what RFC 3629 refuses is refused, a cut
 * never lands inside a character, and a repair always yields text jansson accepts.
 */
#include "testutil.h"

#include <jansson.h>

#include "utf8.h"

static void char_lengths(void **state)
{
	(void)state;
	assert_int_equal(utf8_char_len("a", 1), 1);
	assert_int_equal(utf8_char_len("\xc3\xa9", 2), 2);	   /* é */
	assert_int_equal(utf8_char_len("\xe2\x82\xac", 3), 3);	   /* € */
	assert_int_equal(utf8_char_len("\xf0\x9f\x98\x80", 4), 4); /* 😀 */
	assert_int_equal(utf8_char_len("\xc3\xa9", 1), 0);	   /* cut short */
	assert_int_equal(utf8_char_len("\xa9", 1), 0);		   /* a lone continuation byte */
	assert_int_equal(utf8_char_len("\xc0\xaf", 2), 0);	   /* overlong '/' */
	assert_int_equal(utf8_char_len("\xed\xa0\x80", 3), 0);	   /* a surrogate, U+D800 */
	assert_int_equal(utf8_char_len("\xf4\x90\x80\x80", 4), 0); /* above U+10FFFF */
	assert_int_equal(utf8_char_len("\xff", 1), 0);
}

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
	    cmocka_unit_test(char_lengths),
	    cmocka_unit_test(cuts_land_between_characters),
	    cmocka_unit_test(repairs_give_valid_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
