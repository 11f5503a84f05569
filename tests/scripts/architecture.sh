#!/usr/bin/env bash
# Architecture rules (docs/architecture.md): which src/ folder may include which
# other src/ folders (the "may use" column of the stage table, as data below),
# which third-party headers each folder may include, libharu's private members
# in one adapter file only, and each .cpp including its own header first.
# Usage: architecture.sh SOURCE_DIR [BILAN_BINARY]
set -euo pipefail
root="$1"
src="$root/src"
status=0

# The stage table: folder → the src/ folders it may include (besides itself).
# Keep it in step with the "may use" column of docs/architecture.md (checked below).
declare -A may_use=(
  [core]=""
  [image]="core"
  [spec]="core"
  [load]="core spec data image text"
  [data]="core spec image"
  [text]="core"
  [fonts]="core"
  [compose]="core spec data image text fonts"
  [render]="core image fonts compose"
  [pdfread]="core"
  [store]="core"
  [engine]="core image spec load data text fonts compose render pdfread store"
  [serve]="core spec engine store pdfread"
  [cli]="core spec load engine store serve"
)

# Every folder of src/ has a row: a new stage is a decision, not an accident.
for dir in "$src"/*/; do
  folder=$(basename "$dir")
  if [ -z "${may_use[$folder]+set}" ]; then
    echo "FAIL: src/$folder/ has no row in the stage table of tests/scripts/architecture.sh (and docs/architecture.md)"
    status=1
  fi
done

# Every #include "X/..." of src/ against its folder's row.
while IFS= read -r hit; do
  file=${hit%%:*}
  rest=${hit#*:}
  [[ "$rest" =~ \#include\ *\"([^\"]+)\" ]] || continue
  header=${BASH_REMATCH[1]}
  target=${header%%/*}
  rel=${file#"$src"/}
  folder=${rel%%/*}
  [ "$target" = "$folder" ] && continue
  [ -n "${may_use[$target]+set}" ] || continue  # not a src/ folder (a third-party header in quotes)
  case " ${may_use[$folder]-} " in
    *" $target "*) ;;
    *)
      echo "FAIL: src/$rel includes $header ($folder may use: ${may_use[$folder]:-nothing but itself})"
      status=1
      ;;
  esac
done < <(grep -rnE '^#include *"[a-z_]+/' "$src" --include='*.cpp' --include='*.hpp' || true)

# The doc's table says the same as the data above: the src/ folders named in
# each row's "may use" column (or « all »: every other stage but cli).
while IFS='|' read -r _ folder_cell _ uses _; do
  folder=$(sed -nE 's/.*`src\/([a-z_]+)\/`.*/\1/p' <<<"$folder_cell")
  [ -n "$folder" ] || continue
  if [[ "$uses" =~ (^|[^a-z])all([^a-z]|$) ]]; then
    documented=$(for f in "${!may_use[@]}"; do if [ "$f" != "$folder" ] && [ "$f" != cli ]; then echo "$f"; fi; done |
      sort | tr '\n' ' ')
  else
    # Third-party libraries are in bold; what is left names folders.
    documented=$(sed -E 's/\*\*[^*]*\*\*//g' <<<"$uses" | { grep -oE '[a-z_]+' || true; } | while read -r w; do
      if [ -n "${may_use[$w]+set}" ] && [ "$w" != "$folder" ]; then echo "$w"; fi; done | sort -u | tr '\n' ' ')
  fi
  scripted=$(tr ' ' '\n' <<<"${may_use[$folder]-}" | awk NF | sort -u | tr '\n' ' ')
  if [ "$documented" != "$scripted" ]; then
    echo "FAIL: docs/architecture.md says src/$folder/ may use: ${documented:-nothing}; this script says: ${scripted:-nothing}"
    status=1
  fi
done < <(grep -E '^\| `src/' "$root/docs/architecture.md")

only_in() {  # only_in PATTERN FOLDER...: PATTERN may be included only under the FOLDERs
  local pattern="$1"; shift
  local allowed=("$@")
  while IFS= read -r file; do
    local ok=1
    for dir in "${allowed[@]}"; do
      case "$file" in "$src/$dir"/*) ok=0 ;; esac
    done
    if [ $ok -ne 0 ]; then
      echo "FAIL: ${file#"$root"/} includes $pattern (allowed only in: ${allowed[*]})"
      status=1
    fi
  done < <(grep -rlE "#include *[<\"]$pattern" "$src" || true)
}

# Third-party headers: each library is seen by the stage that owns it.
only_in 'pugixml' load
only_in 'unicode/' text
only_in 'hpdf' render/pdf
only_in 'hb[-.]|harfbuzz/' fonts
only_in 'libdeflate' render/pdf
only_in 'nettle/' core
only_in 'qpdf/' pdfread
only_in 'png\.h' image
only_in 'sqlite3' store
only_in 'CLI/' cli
only_in 'nlohmann/' engine serve
only_in 'microhttpd' serve

# libharu's private struct members only in the adapter, behind its version guard
# (issue 19, point 5): its struct fields (->mmgr, ->xref, ->attr, ->catalog,
# ->trailer, ->pdf_version, ->filter, ->write_fn, ->before_write_fn, ->obj_class)
# and its private page attributes (HPDF_PageAttr).
adapter="$src/render/pdf/hpdf_adapter.cpp"
if [ ! -f "$adapter" ]; then
  echo "FAIL: src/render/pdf/hpdf_adapter.cpp is missing (libharu's private members go there)"
  status=1
fi
private_hits=$(grep -rnE --include='*.cpp' --include='*.hpp' \
  -e '->(mmgr|xref|attr|catalog|trailer|pdf_version|filter|write_fn|before_write_fn|obj_class)\b' -e 'HPDF_PageAttr' "$src" |
  grep -v "^$adapter:" || true)
if [ -n "$private_hits" ]; then
  while IFS= read -r hit; do
    echo "FAIL: ${hit%%:*}:$(cut -d: -f2 <<<"$hit"): libharu private member outside src/render/pdf/hpdf_adapter.cpp: $(cut -d: -f3- <<<"$hit" | sed -E 's/^ +//')" |
      sed "s|$root/||"
  done <<<"$private_hits"
  status=1
fi

# The composer prints the bound form only (issue 19, point 1): it reads none of
# the layout's nodes nor the form spec, whose types it may still name for plain
# values (spec::RichText, spec::FieldType, spec::Expr).
compose_hits=$(grep -rnE --include='*.cpp' --include='*.hpp' \
  -e 'spec::(Node|FormSpec|Question|Section|Paragraph|List|Field|TextArea|YesNo|Choice|Table|Group|Signature|Footnote|PageBreak|DepartmentBlocks|Check|Department)\b' \
  "$src/compose" || true)
if [ -n "$compose_hits" ]; then
  while IFS= read -r hit; do
    echo "FAIL: ${hit%%:*}:$(cut -d: -f2 <<<"$hit"): compose reads the spec, not the bound form: $(cut -d: -f3- <<<"$hit" | sed -E 's/^ +//')" |
      sed "s|$root/||"
  done <<<"$compose_hits"
  status=1
fi

# Each .cpp includes its own header first (when it has one).
while IFS= read -r cpp; do
  header="${cpp%.cpp}.hpp"
  [ -f "$header" ] || continue
  rel="${header#"$src"/}"
  first=$(grep -m1 -E '^#include' "$cpp" || true)
  if [ "$first" != "#include \"$rel\"" ]; then
    echo "FAIL: ${cpp#"$src"/} should include \"$rel\" first (found: $first)"
    status=1
  fi
done < <(find "$src" -name '*.cpp')

[ $status -eq 0 ] && echo "architecture: OK"
exit $status
