#!/usr/bin/env bash
# Every test: installs what is missing, builds with warnings as errors and runs
# the whole suite, then again under AddressSanitizer + UndefinedBehaviorSanitizer.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)

echo "== build (warnings are errors)"
cmake -S . -B build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBILAN_WERROR=ON >/dev/null
cmake --build build-test -j"$jobs"
(cd build-test && ctest --output-on-failure --no-tests=error -j"$jobs")

echo "== build with ASan + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBILAN_WERROR=ON -DBILAN_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs"
(cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --output-on-failure --no-tests=error -j"$jobs")

# Every reader's fuzz target, 60 s each (issue 9): FUZZ_SECONDS=0 skips them.
if [ "${FUZZ_SECONDS:-60}" != 0 ]; then
  echo "== fuzz targets, ${FUZZ_SECONDS:-60} s each"
  scripts/fuzz.sh "${FUZZ_SECONDS:-60}"
fi
