# An ADR's life (issue 13): written (proposed), decided again on the unchanged profile (no new
# record), then decided on a changed profile and accepted (the first is superseded). Both
# records as they stand at the end. Usage: sh tests/golden/adr-history.sh VERDICT [TEMPLATE]
bin=$1 template=${2:-madr4}
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
mkdir "$d/adr"
sed 's/^p99_ms: 150$/p99_ms: 120/' examples/crud-api.yaml >"$d/changed.yaml"
{
	"$bin" adr examples/crud-api.yaml -o "$d/adr" --template "$template"
	"$bin" adr examples/crud-api.yaml -o "$d/adr" --template "$template"
	"$bin" adr "$d/changed.yaml" -o "$d/adr" --template "$template" --status accepted --deciders "Ann Lee, Bob Roe"
	for f in "$d"/adr/*.md; do
		echo "==> ${f##*/}"
		cat "$f"
	done
} 2>&1 | sed "s|$d/|TMP/|g"
