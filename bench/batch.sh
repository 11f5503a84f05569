#!/usr/bin/env bash
# Measures `bilan batch` on N different answer files (the samples with distinct
# action ids) with --jobs J: wall time and peak RSS, and the same for 10×N to
# show both grow as they should (time ×10, memory flat). Issue 10's target:
# 1,000 files, --jobs 2, ≤ 4 s wall, ≤ 60 MiB.
# Usage: bench/batch.sh [BILAN_BINARY]   (default build-release/bilan, else build/bilan)
# Tunables (environment): N (1000), JOBS (2).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bilan=${1:-}
if [ -z "$bilan" ]; then
  bilan="$root/build-release/bilan"
  [ -x "$bilan" ] || bilan="$root/build/bilan"
fi
N=${N:-1000}
JOBS=${JOBS:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make_files() {  # make_files COUNT DIR
  python3 - "$root/samples" "$1" "$2" <<'PY'
import glob, os, re, shutil, sys
src, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
shutil.copytree(os.path.join(src, "images"), os.path.join(out, "images"), dirs_exist_ok=True)
texts = [open(f, encoding="utf-8").read() for f in sorted(glob.glob(os.path.join(src, "*.xml")))]
for i in range(count):
    t = texts[i % len(texts)]
    if 'action="' in t:
        t = re.sub(r'action="[^"]*"', 'action="B-%06d"' % i, t, count=1)
    else:
        t = t.replace("<bilan ", '<bilan action="B-%06d" ' % i, 1)
    open(os.path.join(out, "B-%06d.xml" % i), "w", encoding="utf-8").write(t)
PY
}

for count in "$N" "$((N * 10))"; do
  make_files "$count" "$tmp/in-$count"
  rm -rf "$tmp/out"
  /usr/bin/time -f "%e %M" -o "$tmp/time" "$bilan" batch "$tmp/in-$count" --out "$tmp/out" --jobs "$JOBS" 2>/dev/null
  read -r wall rss < "$tmp/time"
  echo "batch of $count files, --jobs $JOBS: ${wall} s wall, peak RSS $((rss / 1024)) MiB"
  rm -rf "$tmp/in-$count" "$tmp/out"
done
