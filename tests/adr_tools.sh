#!/bin/sh
# The records `verdict adr` writes, read by the tools teams publish ADRs with: log4brains 1.1.0
# (tests/log4brains, installed by `make node-deps`) must list each record of the log4brains
# template with its status as written (proposed, accepted, superseded), and list the MADR 4
# records too; markdownlint-cli2 (tests/browser) must find nothing to fix in either template.
# No network: the tools were installed before.
# Usage: tests/adr_tools.sh path/to/verdict   (run from the repository root)
bin=${1:?usage: adr_tools.sh VERDICT}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. tests/lib.sh
l4b=$(pwd)/tests/log4brains/node_modules/.bin/log4brains
lint=tests/browser/node_modules/.bin/markdownlint-cli2
[ -x "$l4b" ] || { echo "adr_tools: $l4b is missing: run make node-deps"; exit 1; }
[ -x "$lint" ] || { echo "adr_tools: $lint is missing: run make node-deps"; exit 1; }
export SOURCE_DATE_EPOCH=1795392000

sed 's/^p99_ms: 150$/p99_ms: 120/' examples/crud-api.yaml >"$tmp/crud-changed.yaml"

# Writes the same history in template $1 into project $2: checkout-api proposed, then decided
# again on a changed profile and accepted (superseding the first), gpu-platform proposed, and
# the low-latency service accepted.
history() {
	mkdir -p "$2/docs/adr"
	printf 'project:\n  name: verdict-adr-test\n  tz: Etc/UTC\n  adrFolder: ./docs/adr\n' >"$2/.log4brains.yml"
	"$bin" adr examples/crud-api.yaml -o "$2/docs/adr" --template "$1" >/dev/null &&
		"$bin" adr "$tmp/crud-changed.yaml" -o "$2/docs/adr" --template "$1" --status accepted --deciders "Ann Lee, Bob Roe" >/dev/null &&
		"$bin" adr examples/hybrid-platform.yaml -o "$2/docs/adr" --template "$1" >/dev/null &&
		"$bin" adr examples/low-latency.yaml -o "$2/docs/adr" --template "$1" --status accepted >/dev/null ||
		bad "adr --template $1 failed"
}

# log4brains' view of project $1: "slug,STATUS,title" a line, sorted.
listing() {
	(cd "$1" && "$l4b" adr list --raw) 2>"$tmp/l4b.err" | cut -d, -f1,2,4- | sort
}

history log4brains "$tmp/l4b"
low=$(ls "$tmp/l4b/docs/adr" | grep -v checkout | grep -v gpu | sed 's/\.md$//')
listing "$tmp/l4b" >"$tmp/got"
cat >"$tmp/want" <<EOF
0001-language-for-checkout-api,SUPERSEDED,Use Go for checkout-api
0002-language-for-checkout-api,ACCEPTED,Use Go for checkout-api
0003-language-for-gpu-platform,PROPOSED,Use Go and Rust, each where it fits, for gpu-platform
$low,ACCEPTED,$(sed -n 's/^# //p' "$tmp/l4b/docs/adr/$low.md")
EOF
if cmp -s "$tmp/got" "$tmp/want"; then ok; else
	bad "log4brains adr list (log4brains template): $(diff "$tmp/want" "$tmp/got") $(cat "$tmp/l4b.err")"
fi
# log4brains reads who decided from the same header
if grep -q '^- Deciders: Ann Lee, Bob Roe$' "$tmp/l4b/docs/adr/0002-language-for-checkout-api.md"; then ok; else bad "no Deciders line"; fi

# MADR 4 keeps status in front matter, which log4brains 1.1.0 does not read (it shows every such
# record as accepted): it must still list every record, by its title
history madr4 "$tmp/madr4"
listing "$tmp/madr4" | cut -d, -f1,3- >"$tmp/got4"
cut -d, -f1,3- "$tmp/want" >"$tmp/want4"
if cmp -s "$tmp/got4" "$tmp/want4"; then ok; else bad "log4brains adr list (madr4 template): $(diff "$tmp/want4" "$tmp/got4")"; fi
for want in '0001-language-for-checkout-api.md:status: "superseded by [0002](0002-language-for-checkout-api.md)"' \
	'0002-language-for-checkout-api.md:status: accepted' '0003-language-for-gpu-platform.md:status: proposed'; do
	if grep -qxF "${want#*:}" "$tmp/madr4/docs/adr/${want%%:*}"; then ok; else bad "madr4 ${want%%:*} lacks ${want#*:}"; fi
done

# markdownlint-clean, both templates, with the project's configuration
if "$lint" --config .markdownlint-cli2.jsonc "$tmp/l4b/docs/adr/*.md" "$tmp/madr4/docs/adr/*.md" >"$tmp/lint" 2>&1; then ok; else
	bad "markdownlint: $(cat "$tmp/lint")"
fi

echo "adr_tools: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
