#!/usr/bin/env bash
# outputs.sh BILAN OUTDIR — every output of every sample and form, for proving that a
# refactoring changes no byte (issue 19): fill, --strict, --pdfa, --partial,
# --partial --fillable, check (text and JSON), extract, import-pdf, blank, blank
# --fillable, --all-departments, list, and the bad inputs of tests/inputs, each with
# its stdout, stderr and exit code. Run it from the source tree with the program
# before and after, then compare:
#   scripts/dev/outputs.sh /tmp/before/bilan /tmp/out-before
#   scripts/dev/outputs.sh build/bilan /tmp/out-after
#   diff -r /tmp/out-before /tmp/out-after     # prints nothing when no byte changed
# About 1,150 files in a few seconds. Dates are pinned (SOURCE_DATE_EPOCH).
set -u
[ $# -eq 2 ] || { echo "usage: scripts/dev/outputs.sh BILAN OUTDIR" >&2; exit 2; }
bin=$(readlink -f "$1")
out=$(readlink -m "$2")
cd "$(dirname "$0")/../.."
rm -rf "$out"
mkdir -p "$out"
export SOURCE_DATE_EPOCH=1767225600
run() {  # run NAME ARGS...: the command's stdout, stderr and exit code as NAME.*
  local name="$1"
  shift
  "$bin" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr"
  echo $? >"$out/$name.rc"
}
for s in samples/*.xml; do
  b=$(basename "$s" .xml)
  run "fill-$b" fill "$s" -o "$out/fill-$b.pdf"
  run "fillstrict-$b" fill "$s" --strict -o "$out/fillstrict-$b.pdf"
  run "pdfa-$b" fill "$s" --pdfa -o "$out/pdfa-$b.pdf"
  run "partial-$b" fill "$s" --partial -o "$out/partial-$b.pdf"
  run "partialf-$b" fill "$s" --partial --fillable -o "$out/partialf-$b.pdf"
  run "check-$b" check "$s"
  run "checkjson-$b" check "$s" --format json
  run "extract-$b" extract "$out/pdfa-$b.pdf"
  [ -f "$out/partialf-$b.pdf" ] && run "importpdf-$b" import-pdf "$out/partialf-$b.pdf" --partial
done
for f in layouts/*.xml; do
  id=$(basename "$f" .xml)
  [ "$id" = departments ] && continue
  run "blank-$id" blank "$id" -o "$out/blank-$id.pdf"
  run "blankf-$id" blank "$id" --fillable -o "$out/blankf-$id.pdf"
  run "alldep-$id" blank "$id" --all-departments --out "$out/alldep-$id"
  run "list-$id" list "$id"
done
run list list
for t in tests/inputs/*.xml; do
  b=$(basename "$t" .xml)
  run "in-check-$b" check "$t" --format json
  run "in-fill-$b" fill "$t" -o "$out/in-fill-$b.pdf"
done
# Messages name the output folder: the same name in both runs.
sed -i "s#$out#OUT#g" "$out"/*.stdout "$out"/*.stderr
