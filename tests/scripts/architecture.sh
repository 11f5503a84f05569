#!/usr/bin/env bash
# Architecture rules (docs/architecture.md): each third-party library is seen by
# one stage only, and each .cpp includes its own header first.
# Usage: architecture.sh SOURCE_DIR [BILAN_BINARY]
set -euo pipefail
src="$1/src"
status=0

only_in() {  # only_in PATTERN FOLDER...: PATTERN may be included only under the FOLDERs
  local pattern="$1"; shift
  local allowed=("$@")
  while IFS= read -r file; do
    local ok=1
    for dir in "${allowed[@]}"; do
      case "$file" in "$src/$dir"/*) ok=0 ;; esac
    done
    if [ $ok -ne 0 ]; then
      echo "FAIL: ${file#$1/} includes $pattern (allowed only in: ${allowed[*]})"
      status=1
    fi
  done < <(grep -rlE "#include *[<\"]$pattern" "$src" || true)
}

only_in 'pugixml' load
only_in 'unicode/' text
only_in 'hpdf' render/pdf
only_in 'hb[-.]|harfbuzz/' fonts
only_in 'libdeflate' render/pdf
only_in 'nettle/' core
only_in 'qpdf/' pdfread
only_in 'png\.h' image
only_in 'sqlite3' store

# The composer sees neither XML nor PDF, even indirectly through a stage's header.
if grep -rnE '#include *"(load|render|engine)/' "$src/image" "$src/compose" "$src/data" "$src/spec" "$src/text" "$src/core" "$src/fonts"; then
  echo "FAIL: a lower stage includes load/, render/ or engine/"
  status=1
fi

# Each .cpp includes its own header first (when it has one).
while IFS= read -r cpp; do
  header="${cpp%.cpp}.hpp"
  [ -f "$header" ] || continue
  rel="${header#$src/}"
  first=$(grep -m1 -E '^#include' "$cpp" || true)
  if [ "$first" != "#include \"$rel\"" ]; then
    echo "FAIL: ${cpp#$src/} should include \"$rel\" first (found: $first)"
    status=1
  fi
done < <(find "$src" -name '*.cpp')

[ $status -eq 0 ] && echo "architecture: OK"
exit $status
