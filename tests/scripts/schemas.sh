#!/usr/bin/env bash
# Validates layouts, samples and golden inputs against schemas/layout.xsd and
# schemas/answers.xsd, and proves the schemas reject a few invalid documents.
# Usage (from ctest): bash tests/scripts/schemas.sh SOURCE_DIR BILAN_BINARY
# The second argument is unused.
set -euo pipefail
shopt -s nullglob globstar

if [[ $# -lt 1 ]]; then
  echo "usage: $0 SOURCE_DIR [BILAN_BINARY]" >&2
  exit 2
fi
src=$1

if ! command -v xmllint >/dev/null 2>&1; then
  echo "FAIL: xmllint not found; install the Debian package libxml2-utils (apt-get install libxml2-utils)" >&2
  exit 1
fi

layout_xsd="$src/schemas/layout.xsd"
answers_xsd="$src/schemas/answers.xsd"
for xsd in "$layout_xsd" "$answers_xsd"; do
  if [[ ! -f $xsd ]]; then
    echo "FAIL: schema not found: $xsd" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failures=0
layouts=0

# validate SCHEMA FILE: prints OK/FAIL with xmllint's messages on failure.
validate() {
  local xsd=$1 file=$2 out
  if out=$(xmllint --noout --schema "$xsd" "$file" 2>&1); then
    echo "OK    $file"
  else
    echo "FAIL  $file"
    printf '%s\n' "$out" | sed 's/^/      /'
    failures=$((failures + 1))
  fi
}

# root_of FILE: name of the root element, empty if the file is not well-formed.
root_of() {
  xmllint --xpath 'name(/*)' "$1" 2>/dev/null || true
}

echo "== layouts"
for f in "$src"/layouts/**/*.xml; do
  root=$(root_of "$f")
  case $root in
    form|library)
      layouts=$((layouts + 1))
      validate "$layout_xsd" "$f" ;;
    "")
      echo "FAIL  $f"
      xmllint --noout "$f" 2>&1 | sed 's/^/      /' || true
      failures=$((failures + 1)) ;;
    *)
      echo "SKIP  $f (root <$root> is not a layout)" ;;
  esac
done

echo "== golden layouts"
for f in "$src"/tests/golden/*/layout.xml; do
  layouts=$((layouts + 1))
  validate "$layout_xsd" "$f"
done

echo "== answer files"
for f in "$src"/samples/**/*.xml "$src"/tests/golden/*/answers.xml; do
  validate "$answers_xsd" "$f"
done

# Negative checks: each document must be rejected by its schema.
echo "== schemas reject invalid documents"
reject() {
  local xsd=$1 name=$2 body=$3 file="$tmp/$2.xml"
  printf '%s\n' "$body" >"$file"
  if ! xmllint --noout "$file" 2>/dev/null; then
    echo "FAIL  negative check '$name' is not well-formed XML (test bug)"
    failures=$((failures + 1))
  elif xmllint --noout --schema "$xsd" "$file" >/dev/null 2>&1; then
    echo "FAIL  schema accepts invalid document: $name"
    failures=$((failures + 1))
  else
    echo "OK    rejected: $name"
  fi
}
# The same documents, corrected, must be accepted (so a rejection above is
# for the intended reason, not a broken schema).
accept() {
  local xsd=$1 name=$2 body=$3 file="$tmp/$2.xml"
  printf '%s\n' "$body" >"$file"
  if xmllint --noout --schema "$xsd" "$file" >/dev/null 2>&1; then
    echo "OK    accepted: $name"
  else
    echo "FAIL  schema rejects valid document: $name"
    xmllint --noout --schema "$xsd" "$file" 2>&1 | sed 's/^/      /' || true
    failures=$((failures + 1))
  fi
}

accept "$layout_xsd" valid-layout \
'<form id="essai"><section title="A"><field id="nb" type="integer" label="Nombre"/></section></form>'
reject "$layout_xsd" layout-unknown-element \
'<form id="essai"><section title="A"><checkbox id="nb" label="Nombre"/></section></form>'
reject "$layout_xsd" layout-unknown-attribute \
'<form id="essai"><section title="A" colour="red"><field id="nb" label="Nombre"/></section></form>'
reject "$layout_xsd" layout-bad-field-type \
'<form id="essai"><section title="A"><field id="nb" type="number" label="Nombre"/></section></form>'
reject "$layout_xsd" layout-bad-id \
'<form id="essai"><field id="Nombre-1" label="Nombre"/></form>'
reject "$layout_xsd" layout-signature-child \
'<form id="essai"><signature><p>texte</p></signature></form>'
reject "$layout_xsd" layout-bad-root \
'<section title="A"><field id="nb" label="Nombre"/></section>'

accept "$answers_xsd" valid-answers \
'<bilan form="essai" department="2A"><answer field="c.autres">x</answer><table field="t"><row id="r"><cell column="c">1</cell></row></table><signature name="M"/></bilan>'
reject "$answers_xsd" answer-without-field \
'<bilan form="essai"><answer>oui</answer></bilan>'
reject "$answers_xsd" bad-department \
'<bilan form="essai" department="96"><answer field="x">oui</answer></bilan>'
reject "$answers_xsd" two-signatures \
'<bilan form="essai"><signature name="A"/><signature name="B"/></bilan>'
accept "$answers_xsd" valid-attachments \
'<bilan form="essai"><action rural="oui"/><attachment file="bilan-qualitatif.pdf" description="Bilan"/><attachment file="annexes/photo.JPEG"/><answer field="x">oui</answer></bilan>'
reject "$answers_xsd" attachment-bad-type \
'<bilan form="essai"><attachment file="programme.exe"/><answer field="x">oui</answer></bilan>'
reject "$answers_xsd" attachment-without-file \
'<bilan form="essai"><attachment description="Bilan"/><answer field="x">oui</answer></bilan>'
reject "$answers_xsd" answers-unknown-element \
'<bilan form="essai"><reponse field="x">oui</reponse></bilan>'

echo
if (( layouts == 0 )); then
  echo "FAIL: no layout found under $src/layouts or $src/tests/golden" >&2
  exit 1
fi
if (( failures > 0 )); then
  echo "FAIL: $failures check(s) failed" >&2
  exit 1
fi
echo "all schema checks passed ($layouts layout(s))"
