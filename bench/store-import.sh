#!/usr/bin/env bash
# Measures `bilan store import` of one CSV file of N rows (bench/make-import-csv.py,
# 99,999 actions by default: the most a CSV may hold with its header): wall time
# (and CPU time: on a machine others load too, wall time says little) and peak
# RSS of the whole process, into a new database. Issue 18's target: ≤ 5 s and
# ≤ 100 MB on a 2-core machine. Then the same import again, into the
# now full database (every action replaced), and a check that the store holds
# every action.
# Usage: bench/store-import.sh [BILAN_BINARY]   (default build-release/bilan, else build/bilan)
# Tunables (environment): N (99999).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bilan=${1:-}
if [ -z "$bilan" ]; then
  bilan="$root/build-release/bilan"
  [ -x "$bilan" ] || bilan="$root/build/bilan"
fi
N=${N:-99999}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

python3 "$root/bench/make-import-csv.py" --rows "$N" "$tmp/actions.csv"
for run in "new database" "replacing every action"; do
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$bilan" store import "$tmp/actions.csv" --db "$tmp/bilan.db" 2>"$tmp/err" ||
    { cat "$tmp/err" >&2; exit 1; }
  read -r wall user sys rss < "$tmp/time"
  echo "store import of $N CSV rows, $run: ${wall} s wall (${user} s user, ${sys} s sys), peak RSS $((rss / 1024)) MiB ($(tail -1 "$tmp/err"))"
done
stored=$("$bilan" store list --db "$tmp/bilan.db" | wc -l)
[ "$stored" -eq "$N" ] || { echo "store-import: $stored actions stored, $N expected" >&2; exit 1; }
