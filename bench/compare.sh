#!/usr/bin/env bash
# Builds Release in build-release/ and prints, as markdown, the performance table of
# docs/performance.md and the issue 8 targets with PASS/FAIL. About 5 minutes on 2 cores.
# Usage: bench/compare.sh [--no-install]
# Tunables (environment): REPS (Google Benchmark repetitions, 10), RUNS (whole-process runs, 20),
# RSS_RUNS (peak-memory runs, 5), INSTR (0: no callgrind), JOBS (build jobs, nproc),
# BATCH (0: without the batch measure of issue 10, bench/batch.sh: 1,000 then 10,000 files),
# IMPORT (0: without the store import measure of issue 18, bench/store-import.sh),
# SYNTH (0: without the synthesis measure of issue 20, bench/synthese.sh).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build="$root/build-release"
REPS=${REPS:-10}
RUNS=${RUNS:-20}
RSS_RUNS=${RSS_RUNS:-5}
INSTR=${INSTR:-1}
JOBS=${JOBS:-$(nproc)}

# ---- Packages (Debian 12), installed only when missing -----------------------------
if [ "${1:-}" != "--no-install" ]; then
  packages=(
    build-essential cmake pkg-config libhpdf-dev libpugixml-dev libicu-dev
    libharfbuzz-dev libdeflate-dev nettle-dev libpng-dev
    fonts-liberation2 fonts-dejavu-core
    libbenchmark-dev python3   # bench/fill_bench.cpp, bench/make-long-answers.py
    hyperfine time valgrind    # whole process, peak RSS, instructions (callgrind)
  )
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -ne 0 ]; then
    echo "compare: installing ${missing[*]}" >&2
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# ---- Build -----------------------------------------------------------------------
echo "compare: building Release in $build" >&2
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBILAN_BENCH=ON -DBILAN_TESTS=OFF >/dev/null
cmake --build "$build" -j"$JOBS" >/dev/null
bilan="$build/bilan"
bench="$build/bench/bilan_bench"
data="$build/bench/data"  # written by the build (bench/CMakeLists.txt)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Rows: name, label, the input (a form id for blank, else an answer file), callgrind renders.
names=(blank urbaine urbaine-sans-images urbaine-x10 urbaine-x100 questionnaire)
declare -A label input calls
label[blank]="blank 2024/25 form";              input[blank]="clas-2024-2025";                                      calls[blank]=3
label[urbaine]="urban sample";                  input[urbaine]="$root/samples/association-urbaine-2024-2025.xml";   calls[urbaine]=3
label[urbaine-sans-images]="urban, no images";  input[urbaine-sans-images]="$data/urbaine-sans-images.xml";         calls[urbaine-sans-images]=3
label[urbaine-x10]="urban, text ×10";           input[urbaine-x10]="$data/urbaine-x10.xml";                         calls[urbaine-x10]=2
label[urbaine-x100]="urban, text ×100";         input[urbaine-x100]="$data/urbaine-x100.xml";                       calls[urbaine-x100]=1
label[questionnaire]="questionnaire (Savoie)";  input[questionnaire]="$root/samples/questionnaire-clas-2023-2024-savoie.xml"; calls[questionnaire]=3

fmt() { awk -v v="$1" -v p="$2" 'BEGIN { printf "%.*f", p, v }'; }
thousands() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# ---- Warm per document: Google Benchmark, median of REPS repetitions ---------------
load_start=$(cut -d' ' -f1 /proc/loadavg)
echo "compare: warm per document (Google Benchmark, $REPS repetitions)" >&2
"$bench" --benchmark_filter='^document/' --benchmark_repetitions="$REPS" --benchmark_report_aggregates_only=true \
  --benchmark_format=json --benchmark_out="$tmp/gbench.json" --benchmark_out_format=json >/dev/null 2>"$tmp/gbench.err" \
  || { cat "$tmp/gbench.err" >&2; exit 1; }
declare -A warm warm_cpu
while read -r name real cpu; do
  warm[$name]=$real
  warm_cpu[$name]=$cpu
done < <(python3 - "$tmp/gbench.json" <<'EOF'
import json, sys
scale = {"ns": 1e-6, "us": 1e-3, "ms": 1.0, "s": 1e3}
rows = {}
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    agg = b.get("aggregate_name")  # the median; with REPS=1 there is no aggregate, the one run stands
    if agg not in (None, "median"):
        continue
    name = b["run_name"].split("/", 1)[1]
    if agg == "median" or name not in rows:
        k = scale[b["time_unit"]]
        rows[name] = (b["real_time"] * k, b["cpu_time"] * k)
for name, (real, cpu) in rows.items():
    print(name, real, cpu)
EOF
)

# ---- Whole process, bytes, peak RSS, instructions --------------------------------
declare -A whole whole_cpu bytes rss instr
for n in "${names[@]}"; do
  echo "compare: $n" >&2
  out="$tmp/$n.pdf"
  if [ "$n" = blank ]; then cmd=("$bilan" blank "${input[$n]}" -o "$out"); else cmd=("$bilan" fill "${input[$n]}" -o "$out"); fi
  "${cmd[@]}" 2>"$tmp/$n.err" || { cat "$tmp/$n.err" >&2; exit 1; }
  bytes[$n]=$(stat -c %s "$out")

  if command -v hyperfine >/dev/null; then
    hyperfine -N --warmup 2 --runs "$RUNS" --export-json "$tmp/$n.hf.json" "$(printf '%q ' "${cmd[@]}")" >/dev/null 2>&1
    read -r "whole[$n]" "whole_cpu[$n]" < <(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(r["median"] * 1e3, (r["user"] + r["system"]) * 1e3)' "$tmp/$n.hf.json")
  else  # a plain loop: two warm-up runs, then RUNS timed with the monotonic-enough wall clock
    "${cmd[@]}" 2>/dev/null; "${cmd[@]}" 2>/dev/null
    whole[$n]=$(for _ in $(seq "$RUNS"); do
      t0=$(date +%s%N); "${cmd[@]}" 2>/dev/null; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000 ))
    done | median | awk '{ print $1 / 1000 }')
    whole_cpu[$n]=nan
  fi

  rss[$n]=$(for _ in $(seq "$RSS_RUNS"); do
    /usr/bin/time -f %M -o "$tmp/time.txt" "${cmd[@]}" 2>/dev/null; cat "$tmp/time.txt"
  done | median | awk '{ print $1 / 1024 }')

  if [ "$INSTR" = 0 ]; then instr[$n]=nan; continue; fi
  # callgrind counts only inside bilan_bench_measured: calls[n] warm renders of the document.
  valgrind --tool=callgrind --toggle-collect=bilan_bench_measured --callgrind-out-file="$tmp/callgrind.out" \
    "$bench" --instructions "$n" "${calls[$n]}" >/dev/null 2>"$tmp/$n.cg"
  instr[$n]=$(awk -v n="${calls[$n]}" '/Collected :/ { print $NF / n / 1e6 }' "$tmp/$n.cg")
done

# ---- Typst beside it (only when a typst binary is on PATH) -----------------------
typst_row=""
if command -v typst >/dev/null; then
  echo "compare: typst" >&2
  python3 "$root/bench/make-typst.py" "$root/samples/association-urbaine-2024-2025.xml" "$tmp/urbaine.typ"
  tcmd=(typst compile "$tmp/urbaine.typ" "$tmp/urbaine-typst.pdf")
  if "${tcmd[@]}" 2>"$tmp/typst.err"; then
    hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/typst.json" "$(printf '%q ' "${tcmd[@]}")" >/dev/null 2>&1 || true
    t_whole=$(python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"] * 1e3))' "$tmp/typst.json" 2>/dev/null || echo "–")
    t_rss=$(/usr/bin/time -f %M "${tcmd[@]}" 2>&1 >/dev/null | tail -1 | awk '{ printf "%.1f", $1 / 1024 }')
    typst_row="| Typst $(typst --version | awk '{ print $2 }'), urban text (bench/make-typst.py) | – | $t_whole | $(thousands "$(stat -c %s "$tmp/urbaine-typst.pdf")") | $t_rss | – |"
  fi
fi

# ---- Tables ----------------------------------------------------------------------
echo
load=$(printf '%s\n' "$load_start" "$(cut -d' ' -f1 /proc/loadavg)" | sort -g | tail -1)
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores, commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), load average $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
echo
echo "| document | warm per document, ms (wall / CPU) | whole process, ms (wall / CPU) | bytes | peak RSS, MiB | instructions per document, M |"
echo "|---|---|---|---|---|---|"
for n in "${names[@]}"; do
  echo "| ${label[$n]} | $(fmt "${warm[$n]}" 1) / $(fmt "${warm_cpu[$n]}" 1) | $(fmt "${whole[$n]}" 1) / $(fmt "${whole_cpu[$n]}" 1) | $(thousands "${bytes[$n]}") | $(fmt "${rss[$n]}" 1) | $(fmt "${instr[$n]}" 1) |"
done
[ -n "$typst_row" ] && echo "$typst_row"

verdict() { awk -v v="$1" -v t="$2" 'BEGIN { print (v <= t) ? "PASS" : "FAIL" }'; }
row() { echo "| $1 | $2 | $3 | $(verdict "$4" "$5") |"; }
# Linearity is about cost: CPU time (the wall time of a shared machine adds others' work), and
# the instruction counts beside it.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > 0) ? a / b : "nan" }'; }
x10=$(ratio "${warm_cpu[urbaine-x10]}" "${warm_cpu[urbaine]}")
x100=$(ratio "${warm_cpu[urbaine-x100]}" "${warm_cpu[urbaine]}")
echo
echo "| target (issue 8) | goal | measured | |"
echo "|---|---|---|---|"
row "urban sample, warm, one thread" "≤ 5 ms" "$(fmt "${warm[urbaine]}" 1) ms (CPU $(fmt "${warm_cpu[urbaine]}" 1) ms)" "${warm[urbaine]}" 5
row "urban sample, whole process" "≤ 20 ms" "$(fmt "${whole[urbaine]}" 1) ms (CPU $(fmt "${whole_cpu[urbaine]}" 1) ms)" "${whole[urbaine]}" 20
row "urban sample bytes (two images)" "≤ 90 KB" "$(fmt "$(( bytes[urbaine] ))e-3" 1) KB" "${bytes[urbaine]}" 90000
row "urban sample without images" "≤ 50 KB" "$(fmt "$(( bytes[urbaine-sans-images] ))e-3" 1) KB" "${bytes[urbaine-sans-images]}" 50000
row "blank 2024/25 form" "≤ 32 KB" "$(fmt "$(( bytes[blank] ))e-3" 1) KB" "${bytes[blank]}" 32000
row "peak memory, urban sample" "≤ 20 MiB" "$(fmt "${rss[urbaine]}" 1) MiB" "${rss[urbaine]}" 20
row "text ×10, warm cost vs urban" "≤ 10×" "$(fmt "$x10" 2)× CPU time ($(fmt "$(ratio "${instr[urbaine-x10]}" "${instr[urbaine]}")" 2)× instructions)" "$x10" 10
row "text ×100, warm cost vs urban" "≤ 100×" "$(fmt "$x100" 2)× CPU time ($(fmt "$(ratio "${instr[urbaine-x100]}" "${instr[urbaine]}")" 2)× instructions)" "$x100" 100
if awk -v l="$load" -v c="$(nproc)" 'BEGIN { exit !(l > c) }'; then
  echo
  echo "The machine was busy (load average $load on $(nproc) cores): wall times are inflated; the CPU times and instruction counts are the steadier figures."
fi

# ---- Batch (issue 10): 1,000 answer files with --jobs 2, then 10,000 ---------------
if [ "${BATCH:-1}" != 0 ]; then
  echo
  echo "Batch (issue 10: 1,000 files with --jobs 2 in ≤ 4 s, ≤ 60 MiB, flat as the batch grows), bench/batch.sh:"
  echo
  N=1000 JOBS=2 bash "$root/bench/batch.sh" "$bilan" | sed 's/^/    /'
fi

# ---- Store import (issue 18): a CSV of 99,999 rows -----------------------------------
if [ "${IMPORT:-1}" != 0 ]; then
  echo
  echo "Store import (issue 18: a CSV of 100,000 rows with its header in ≤ 5 s, ≤ 100 MB), bench/store-import.sh:"
  echo
  bash "$root/bench/store-import.sh" "$bilan" | sed 's/^/    /'
fi

# ---- Synthesis (issue 20): 1,000 stored actions summed up ----------------------------
if [ "${SYNTH:-1}" != 0 ]; then
  echo
  echo "Synthesis (issue 20: 1,000 stored actions in ≤ 1 s), bench/synthese.sh:"
  echo
  bash "$root/bench/synthese.sh" "$bilan" | sed 's/^/    /'
fi
