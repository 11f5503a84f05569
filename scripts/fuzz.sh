#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) in build-fuzz and runs
# each for SECONDS (default 30) of processor time on a seed corpus made from
# samples/, layouts/ and tests/. Corpora grow in build-fuzz/corpus/TARGET;
# crashes are written to build-fuzz/crashes/ and fail the script.
# Usage: scripts/fuzz.sh [SECONDS]
# The seed PDFs are made by $BILAN_SEED_BINARY when given (scripts/test.sh
# gives the bilan it has built), else by a bilan built in build-fuzz.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-30}
jobs=$(nproc)
targets=(layout answers expr compose image csv pdf archive import_pdf serve)

start=$SECONDS
# Ninja when there is one (scripts/setup.sh installs it): a fifth less time
# than make's generator, which spends processor time on its own bookkeeping.
# A build folder keeps the generator it was made with.
generator=()
[ -f build-fuzz/CMakeCache.txt ] || ! command -v ninja >/dev/null || generator=(-G Ninja)
CC=clang CXX=clang++ cmake "${generator[@]}" -S . -B build-fuzz -DBILAN_FUZZ=ON -DBILAN_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DBILAN_FAST_TEST_BUILD=ON -DBILAN_UNITY_BUILD=ON >/dev/null
bilan=${BILAN_SEED_BINARY:-build-fuzz/bilan}
build_targets=("${targets[@]/%/_fuzz}" make_hostile_pdfs)
[ -n "${BILAN_SEED_BINARY:-}" ] || build_targets+=(bilan_cli)
cmake --build build-fuzz -j"$jobs" --target "${build_targets[@]}"
echo "== fuzz targets built in $((SECONDS - start)) s"

seeds=build-fuzz/seeds
rm -rf "$seeds" && mkdir -p "$seeds"/{layout,answers,expr,compose,image,csv,pdf,archive,import_pdf,serve} build-fuzz/crashes
cp layouts/*.xml layouts/shared/*.xml "$seeds"/layout/
for f in tests/golden/*/layout.xml; do cp "$f" "$seeds/layout/$(basename "$(dirname "$f")").xml"; done
cp samples/*.xml tests/inputs/*.xml tests/fuzz/seeds/answers/*.xml "$seeds"/answers/
# One expression per file: every when, computed and test of the layouts.
i=0
grep -rhoE '(when|computed|expected-when|test)="[^"]*"' layouts tests/golden | sed -E 's/^[a-z-]+="//; s/"$//' | sort -u |
  while IFS= read -r e; do i=$((i + 1)); printf '%s' "$e" >"$seeds/expr/$i"; done
cp samples/*.xml "$seeds"/compose/
cp samples/images/* tests/inputs/images/* tests/unit/image/data/* "$seeds"/image/ 2>/dev/null || true
find tests -name '*.csv' -exec cp {} "$seeds"/csv/ \;
# PDFs of ours: a plain one and an archival one (its answers attached).
"$bilan" blank tne-parentalite-numerique -o "$seeds"/pdf/vierge.pdf >/dev/null 2>&1 || true
SOURCE_DATE_EPOCH=0 "$bilan" fill samples/tne-parentalite-numerique-2024-2025.xml --pdfa -o "$seeds"/pdf/archive.pdf >/dev/null 2>&1 || true
# The archive's canonical answers and version names.
printf '@action\tA\n@form\tclas-2024-2025\nobjectifs\tl1\\nl2 \\\\ fin\n' >"$seeds"/archive/canonical
printf 'CLAS-47-2024-018@12' >"$seeds"/archive/name
printf '2025-07-04T10:30:00Z' >"$seeds"/archive/time
# A chain of 11 records, a version of it moved to the last place there is.
printf '\013\000\377\377\377\377\377\377\377\177' >"$seeds"/archive/chain
"$bilan" blank clas-2024-2025 --department 47 --fillable -o "$seeds"/import_pdf/vierge.pdf >/dev/null 2>&1 || true
"$bilan" fill samples/minimal-2024-2025.xml --partial --fillable -o "$seeds"/import_pdf/pre-rempli.pdf >/dev/null 2>&1 || true
"$bilan" blank questionnaire-clas-2023-2024 --fillable -o "$seeds"/import_pdf/questionnaire.pdf >/dev/null 2>&1 || true  # grids: a radio group per row
cp tests/pdfjs/data/*.pdf "$seeds"/import_pdf/ 2>/dev/null || true
# bilan serve's requests (tests/fuzz/serve_fuzz.cpp): a line for the method and path, one
# for the Content-Type, then the body.
printf 'GET /api/v1/forms\n\n' >"$seeds"/serve/forms
printf 'GET /api/v1/blank/tne-parentalite-numerique?fillable=true&department=47\n\n' >"$seeds"/serve/blank
printf 'POST /api/v1/fill?partial=true&fillable=1\napplication/xml\n' | cat - samples/minimal-2024-2025.xml >"$seeds"/serve/fill
printf 'POST /api/v1/check\ntext/xml; charset=utf-8\n' | cat - samples/commune-rurale-2024-2025.xml >"$seeds"/serve/check
{ printf 'POST /api/v1/check\nmultipart/form-data; boundary=x\nanswers\nreponses.xml\n'; cat samples/association-urbaine-2024-2025.xml
  printf '\n--\ncachet\nimages/cachet-association.png\n'; cat samples/images/cachet-association.png; } >"$seeds"/serve/multipart
printf 'DELETE /api/v1/fill?x=1\n\n' >"$seeds"/serve/method
# Hostile PDFs (issue 18): attachments, metadata, object and cross-reference streams that
# inflate far past their limits, a field with too many widgets.
build-fuzz/tests/fuzz/make_hostile_pdfs "$seeds"/pdf
cp "$seeds"/pdf/bombe-flux-objets.pdf "$seeds"/pdf/bombe-references.pdf "$seeds"/pdf/flux-objets.pdf \
  "$seeds"/pdf/widgets-101.pdf "$seeds"/import_pdf/

# Every target gets SECONDS of processor time, the cores kept busy to the end:
# the targets run in rounds of equal length, each round as many targets as
# make the rounds come out even, sharing the cores. 9 targets on 2 cores: 3
# rounds of 3 targets, each running 1.5 x SECONDS (two cores for three), so
# 30 s each take 135 s; one per core would take 5 rounds, the last half idle.
# -timeout (one input) is stretched the same way.
n=${#targets[@]}
rounds=$((n / jobs))
[ "$rounds" -ge 1 ] || rounds=1
per_round=$(((n + rounds - 1) / rounds))
wall=$(((seconds * per_round + jobs - 1) / jobs))
[ "$wall" -ge "$seconds" ] || wall=$seconds
timeout=$(((10 * per_round + jobs - 1) / jobs))
[ "$timeout" -ge 10 ] || timeout=10
run_target() {
  local target=$1 corpus=build-fuzz/corpus/$1
  mkdir -p "$corpus"
  if ! ASAN_OPTIONS=detect_leaks=1 build-fuzz/tests/fuzz/${target}_fuzz -rss_limit_mb=2048 -timeout="$timeout" \
      -max_total_time="$wall" -print_final_stats=1 -artifact_prefix=build-fuzz/crashes/${target}- \
      "$corpus" "$seeds/$target" 2>build-fuzz/${target}.log; then
    echo "${target}_fuzz FAILED: see build-fuzz/${target}.log and build-fuzz/crashes/" >&2
    tail -30 build-fuzz/${target}.log >&2
    return 1
  fi
}
echo "== fuzz targets, ${seconds} s of processor time each: ${per_round} at a time on ${jobs} cores, ${wall} s each"
status=0
start=$SECONDS
for ((i = 0; i < n; i += per_round)); do
  pids=()
  for target in "${targets[@]:i:per_round}"; do
    run_target "$target" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || status=1; done
done
echo "== fuzz targets ran in $((SECONDS - start)) s"
for target in "${targets[@]}"; do
  echo "${target}_fuzz: $(grep -E 'stat::number_of_executed_units' build-fuzz/${target}.log | awk '{print $2}') executions"
done
exit $status
