/*
 * label — the names people read for profile fields and their values ("p99 target", "I/O-bound",
 * "runs on users' machines"), kept in one place for the web page and the charts. Project kinds
 * take their labels from the KB (kb_kind_label); everything here is for the profile's own words.
 */
#ifndef VERDICT_LABEL_H
#define VERDICT_LABEL_H

#include "profile.h"

/* The readable name of field f ("p99 target", "Rust-fluent engineers"); never NULL. */
const char *label_field(enum field f);

/* The readable name of value (as written in a profile) of enum field f ("io-bound" -> "I/O-bound");
 * value itself when it needs none. */
const char *label_value(enum field f, const char *value);

/* The readable name of a language as the profile writes it ("cpp" -> "C++", "node" -> "Node.js");
 * lang itself when it needs none. */
const char *label_language(const char *lang);

/* value of enum field f as it reads inside a reason's sentence: like label_value, except that a
 * host is named by its language alone ("loaded into a {embedded_in} process" -> "a JVM process")
 * and a current language the profile does not name reads "its present language", which fits
 * only sentences written for it ("a migration that stays in {current_language}"): a rule that
 * quotes {current_language} in another shape must not match `other`. */
const char *label_in_sentence(enum field f, const char *value);

#endif
