#!/usr/bin/env bash
# The main job: installs what is missing, builds bilan, and renders the blank
# forms (printable and fillable) and every sample answer file into out/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBILAN_TESTS=OFF -DBILAN_WERROR=OFF >/dev/null
cmake --build build -j"$(nproc)" >/dev/null
mkdir -p out
status=0
for form in $(build/bilan list | awk '/^Départements/{exit} /^  /{print $1}'); do
  echo "blank  $form -> out/$form-vierge.pdf"
  build/bilan blank "$form" -o "out/$form-vierge.pdf" || status=1
  echo "blank  $form --fillable -> out/$form-a-remplir.pdf"
  build/bilan blank "$form" --fillable -o "out/$form-a-remplir.pdf" || status=1
done
for answers in samples/*.xml; do
  name=$(basename "$answers" .xml)
  echo "fill   $answers -> out/$name.pdf"
  build/bilan fill "$answers" -o "out/$name.pdf" || status=1
done
exit $status
