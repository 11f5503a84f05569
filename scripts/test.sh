#!/usr/bin/env bash
# Every test (README, « Tests »): installs what is missing, then three builds,
# each made once: warnings as errors, and the whole suite; AddressSanitizer +
# UndefinedBehaviorSanitizer, and the whole suite again; clang's libFuzzer
# targets, every reader's for FUZZ_SECONDS (60) each (scripts/fuzz.sh;
# FUZZ_SECONDS=0 skips them). Test builds keep line tables only as debug
# info (BILAN_FAST_TEST_BUILD); ctest starts the slow tests first. Each phase's
# time is printed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
jobs=$(nproc)

times=()
phase() {  # phase NAME COMMAND...: runs COMMAND, notes its wall time
  local name=$1 start=$SECONDS
  shift
  echo "== $name"
  "$@"
  times+=("$(printf '%-32s %5d s' "$name" $((SECONDS - start)))")
}
report() {
  local status=$?
  echo "== times"
  for t in "${times[@]}"; do echo "$t"; done
  printf '%-32s %5d s\n' total "$SECONDS"
  return $status
}
trap report EXIT

build() {  # build DIR CMAKE_ARGS...
  local dir=$1 generator=()
  shift
  # Ninja (scripts/setup.sh installs it): a fifth less time than make's
  # generator, which spends processor time on its own bookkeeping. A build
  # folder keeps the generator it was made with.
  [ -f "$dir/CMakeCache.txt" ] || ! command -v ninja >/dev/null || generator=(-G Ninja)
  cmake "${generator[@]}" -S . -B "$dir" -DBILAN_FAST_TEST_BUILD=ON -DBILAN_UNITY_BUILD=ON "$@" >/dev/null
  cmake --build "$dir" -j"$jobs"
}
run_ctest() {  # run_ctest DIR
  (cd "$1" && ctest --output-on-failure --no-tests=error -j"$jobs")
}

phase "build (warnings are errors)" build build-test -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBILAN_WERROR=ON
phase "ctest" run_ctest build-test

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
phase "build (ASan + UBSan)" build build-asan -DCMAKE_BUILD_TYPE=Debug -DBILAN_WERROR=ON -DBILAN_SANITIZE=ON
phase "ctest (ASan + UBSan)" run_ctest build-asan
unset ASAN_OPTIONS UBSAN_OPTIONS

# Every reader's fuzz target (issue 9); the seed PDFs are made by the program
# already built, not by a third build of it.
if [ "${FUZZ_SECONDS:-30}" != 0 ]; then
  phase "fuzz (build, ${FUZZ_SECONDS:-30} s per target)" env BILAN_SEED_BINARY=build-test/bilan scripts/fuzz.sh "${FUZZ_SECONDS:-30}"
fi
