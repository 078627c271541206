/*
 * test_evidence — lab measurements as evidence: a measurement equal to the articles changes
 * nothing, one that disagrees moves the criterion towards the language that measured better,
 * the cost model takes the measured ratios, and a bad file changes nothing at all.
 */
#include "testutil.h"

#include <jansson.h>
#include <math.h>

#include "cost.h"
#include "evidence.h"

/* A results document with one measure of Rust's advantage a (low = high = a). */
static void results_with(char *buf, size_t size, const char *id, double a, bool higher)
{
	double go = higher ? 1000 : 2 * a, rust = higher ? 1000 * a : 2;
	snprintf(buf, size,
		 "{\"results_version\": 1, \"started\": \"2026-11-23T10:00:00Z\","
		 " \"machine\": {\"host\": \"test-host\"},"
		 " \"toolchains\": {\"go\": {\"version\": \"go1.26.8\"},"
		 " \"rustc\": {\"version\": \"rustc 1.95.0\"}},"
		 " \"measures\": [{\"id\": \"%s\", \"rust_advantage\": %.17g, \"low\": %.17g,"
		 " \"high\": %.17g, \"go\": {\"median\": %.17g}, \"rust\": {\"median\": %.17g}}]}",
		 id, a, a, a, go, rust);
}

static struct kb *kb_with(const char *id, double a, bool higher)
{
	struct kb *kb = test_kb();
	char buf[1024];
	results_with(buf, sizeof buf, id, a, higher);
	struct err e = {0};
	if (evidence_apply_buffer(kb, "test.json", buf, strlen(buf), &e) != 0)
		fail_msg("evidence_apply_buffer: %s", e.msg);
	return kb;
}

/* Property: measuring exactly the articles' central ratio reproduces the published scores. */
static void published_ratio_keeps_published_scores(void **state)
{
	(void)state;
	struct kb *pub = test_kb();
	for (size_t i = 0; i < pub->nmeasures; i++) {
		const struct kb_measure *m = &pub->measures[i];
		if (m->criterion < 0 || !m->has_published)
			continue;
		double a = sqrt(m->published.low * m->published.high);
		struct kb *kb = kb_with(m->id, a, m->higher_better);
		const struct kb_criterion *before = &pub->criteria[m->criterion];
		const struct kb_criterion *after = &kb->criteria[m->criterion];
		for (int l = 0; l < LANG_SCORED; l++) {
			double was = kb_mid(before->score[l]), now = kb_mid(after->score[l]);
			if (fabs(was - now) > 0.03)
				fail_msg("%s: %s score %.3f, published %.3f", m->id,
					 lang_name((enum lang)l), now, was);
		}
		char id[64];
		snprintf(id, sizeof id, "lab-%s", m->id);
		assert_string_equal(after->claims[0]->id, id); /* reasons cite the measurement */
		assert_true(after->claims[0]->source->measured);
		kb_free(kb);
	}
	kb_free(pub);
}

/* Go measuring better on the CPU kernels makes the CPU criterion favour Go. */
static void go_faster_here_favours_go(void **state)
{
	(void)state;
	struct kb *kb = kb_with("cpu", 0.8, false);
	int c = kb_criterion_index(kb, "cpu");
	assert_true(kb_mid(kb->criteria[c].score[LANG_GO]) >
		    kb_mid(kb->criteria[c].score[LANG_RUST]));
	assert_string_equal(kb->criteria[c].claims[0]->id, "lab-cpu");
	assert_int_equal(kb->criteria[c].claims[0]->lang, LANG_GO);
	assert_non_null(strstr(kb->criteria[c].claims[0]->says, "Go 1.2x better"));
	assert_string_equal(kb->measured_criteria, "cpu");
	kb_free(kb);
}

/* A larger measured advantage never lowers the better language's lead (monotone). */
static void larger_advantage_wider_gap(void **state)
{
	(void)state;
	double last = -1;
	for (double a = 1.0; a <= 16; a *= 2) {
		struct kb *kb = kb_with("footprint-holding", a, false);
		int c = kb_criterion_index(kb, "memory");
		double gap = kb_mid(kb->criteria[c].score[LANG_RUST]) -
			     kb_mid(kb->criteria[c].score[LANG_GO]);
		assert_true(gap >= last - 1e-12);
		last = gap;
		kb_free(kb);
	}
}

/* The cost model prices Rust's memory with the measured ratio, and Rust's build time as the
 * measured multiple of the published Go time. */
static void costs_use_measured_ratios(void **state)
{
	(void)state;
	struct kb *kb = kb_with("footprint-holding", 4, false);
	struct profile *p = test_profile("building: web-service\nmemory_mb: 800\n");
	struct costs c;
	struct err e = {0};
	assert_int_equal(cost_estimate(kb, p, 0, &c, &e), 0);
	assert_true(fabs(c.memory_mb[LANG_RUST].mid - 200) < 1e-6);
	kb_free(kb);
	kb = kb_with("build-own-code", 0.5, false); /* Rust builds twice as long as Go */
	assert_int_equal(cost_estimate(kb, p, 0, &c, &e), 0);
	assert_true(fabs(c.build_seconds[LANG_RUST].low - 2 * 2) < 1e-9); /* Go: 2–10 s */
	assert_true(fabs(c.build_seconds[LANG_RUST].high - 2 * 10) < 1e-9);
	assert_true(fabs(c.build_seconds[LANG_RUST].mid - 2 * 5) < 1e-9); /* Go typical: 5 s */
	profile_free(p);
	kb_free(kb);
}

/* A bad file leaves the knowledge base exactly as it was; a second run is refused. */
static void bad_file_changes_nothing(void **state)
{
	(void)state;
	struct kb *kb = test_kb(), *ref = test_kb();
	char buf[1024];
	results_with(buf, sizeof buf, "cpu", 1.5, false);
	char *broken = strstr(buf, "\"rust\": {\"median\"");
	memcpy(broken, "\"rust\": {\"mediam\"", 17);
	struct err e = {0};
	assert_int_equal(evidence_apply_buffer(kb, "bad.json", buf, strlen(buf), &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_null(kb->measured);
	for (size_t c = 0; c < kb->ncriteria; c++)
		for (int l = 0; l < LANG_SCORED; l++)
			assert_true(kb->criteria[c].score[l].low == ref->criteria[c].score[l].low &&
				    kb->criteria[c].score[l].high ==
					ref->criteria[c].score[l].high);
	results_with(buf, sizeof buf, "cpu", 1.5, false);
	assert_int_equal(evidence_apply_buffer(kb, "a.json", buf, strlen(buf), &e), 0);
	assert_int_equal(evidence_apply_buffer(kb, "b.json", buf, strlen(buf), &e), -1);
	assert_string_equal(e.msg, "b.json: evidence from a lab run is already applied");
	kb_free(kb);
	kb_free(ref);
}

/* A run on a Go older than 1.26 says so wherever the run is cited. */
static void old_go_is_named(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	char buf[1024];
	results_with(buf, sizeof buf, "cpu", 1.5, false);
	char *go = strstr(buf, "\"go1.26.8\"}");
	assert_non_null(go);
	char doc[1200];
	snprintf(doc, sizeof doc, "%.*s\"go1.22.3\", \"green_tea_gc\": false}%s", (int)(go - buf),
		 buf, go + strlen("\"go1.26.8\"}"));
	struct err e = {0};
	if (evidence_apply_buffer(kb, "old.json", doc, strlen(doc), &e) != 0)
		fail_msg("%s", e.msg);
	assert_string_equal(
	    kb->measured->title,
	    "measured on test-host, 2026-11-23, go1.22.3 (before Go 1.26's Green Tea "
	    "GC), rustc 1.95.0");
	kb_free(kb);
}

/* Regression (issue 10): go 1e9 s against rust 1e-320 s passed as "Rust 5x better" (the ratio
 * overflowed to infinity, and no comparison with infinity fails). Implausible figures are
 * refused and the knowledge base is left alone. */
static void implausible_figures_are_refused(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	char buf[1024];
	results_with(buf, sizeof buf, "cpu", 5, false); /* go 10 s, rust 2 s */
	char doc[1200];
	char *go = strstr(buf, "\"go\": {\"median\": ");
	assert_non_null(go);
	snprintf(doc, sizeof doc,
		 "%.*s\"go\": {\"median\": 1e9}, \"rust\": {\"median\": 1e-320}}]}",
		 (int)(go - buf), buf);
	struct err e = {0};
	assert_int_equal(evidence_apply_buffer(kb, "forged.json", doc, strlen(doc), &e), -1);
	assert_int_equal(e.kind, ERR_INPUT);
	assert_string_equal(e.msg, "forged.json: measures[0] ('cpu'): go.median 1e+09 s is not a "
				   "plausible measurement (1 µs to a day)");
	assert_null(kb->measured);
	kb_free(kb);
}

/* Regression (issue 10): a host name of 63 ASCII bytes and an "é" was cut at 64 bytes, inside the
 * "é": the source's title was not UTF-8, and the JSON verdict silently lost its `measured`
 * object (jansson refuses such a string). The name is now cut before the character. */
static void host_is_cut_on_a_character_boundary(void **state)
{
	(void)state;
	struct kb *kb = test_kb();
	char buf[1024], host[80], doc[1300];
	results_with(buf, sizeof buf, "cpu", 1.5, false);
	memset(host, 'a', 63);
	snprintf(host + 63, sizeof host - 63,
		 "\xc3\xa9"
		 "bc"); /* "é" straddles byte 64 */
	char *at = strstr(buf, "test-host");
	assert_non_null(at);
	snprintf(doc, sizeof doc, "%.*s%s%s", (int)(at - buf), buf, host, at + strlen("test-host"));
	struct err e = {0};
	if (evidence_apply_buffer(kb, "host.json", doc, strlen(doc), &e) != 0)
		fail_msg("%s", e.msg);
	char want[160];
	snprintf(want, sizeof want, "measured on %.63s, 2026-11-23, go1.26.8, rustc 1.95.0", host);
	assert_string_equal(kb->measured->title, want);
	json_t *j = json_string(kb->measured->title); /* NULL for text that is not UTF-8 */
	assert_non_null(j);
	json_decref(j);
	int c = kb_criterion_index(kb, "cpu");
	j = json_string(kb->criteria[c].claims[0]->says);
	assert_non_null(j);
	json_decref(j);
	kb_free(kb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(published_ratio_keeps_published_scores),
	    cmocka_unit_test(go_faster_here_favours_go),
	    cmocka_unit_test(larger_advantage_wider_gap),
	    cmocka_unit_test(costs_use_measured_ratios),
	    cmocka_unit_test(bad_file_changes_nothing),
	    cmocka_unit_test(old_go_is_named),
	    cmocka_unit_test(implausible_figures_are_refused),
	    cmocka_unit_test(host_is_cut_on_a_character_boundary),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
