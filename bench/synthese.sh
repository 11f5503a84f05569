#!/usr/bin/env bash
# Measures `bilan synthese` over N stored actions of one department (issue 20's
# target: 1,000 actions in ≤ 1 s): the actions are generated (deterministic:
# every kind of answer, some left out), imported with `bilan store import`
# (not measured), then summed up as a PDF and as a CSV, on one thread and on
# every core; wall and CPU time and peak RSS of the whole process (loading the
# forms and fonts included).
# Usage: bench/synthese.sh [BILAN_BINARY]   (default build-release/bilan, else build/bilan)
# Tunables (environment): N (1000), RUNS (5: the best of them is quoted).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bilan=${1:-}
if [ -z "$bilan" ]; then
  bilan="$root/build-release/bilan"
  [ -x "$bilan" ] || bilan="$root/build/bilan"
fi
N=${N:-1000}
RUNS=${RUNS:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mkdir "$tmp/in"
python3 - "$tmp/in" "$N" <<'PY'
import sys
out, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    a = [("structure", "Structure n° %d" % i), ("enfants_elementaire", str(i % 30)),
         ("bonus_enfants", ("oui", "non")[i % 2]), ("bonus_parents", ("oui", "non", "non")[i % 3])]
    if i % 2: a.append(("referent", "Référent %d" % i))
    if i % 3 == 0: a.append(("enfants_college", str(i % 17)))
    if i % 2 == 0: a.append(("heures_salaries", "%d,5" % (i % 7)))
    if i % 4 < 2: a.append(("ecart_calendrier", ("oui", "non")[i % 4]))
    if i % 5 == 0:
        a += [("bonus_enfant_finance", "oui"), ("bonus_enfant_objectifs_atteints", ("atteints", "partiellement_atteints")[i % 2]),
              ("bonus_enfant_objet", ("materiel sorties", "intervenants")[i % 2])]
    with open("%s/a%05d.xml" % (out, i), "w", encoding="utf-8") as f:
        f.write('<bilan form="clas-2024-2025" department="73" action="CLAS-73-%05d">\n' % i)
        for field, value in a:
            f.write('  <answer field="%s">%s</answer>\n' % (field, value))
        f.write("</bilan>\n")
PY
"$bilan" store import "$tmp/in" --db "$tmp/bilan.db" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }

for jobs in 1 "$(nproc)"; do
  for out in synthese.pdf synthese.csv; do
    best=""
    for _ in $(seq "$RUNS"); do
      SOURCE_DATE_EPOCH=1751625000 /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" \
        "$bilan" synthese --department 73 --db "$tmp/bilan.db" --jobs "$jobs" -o "$tmp/$out" 2>"$tmp/err" ||
        { cat "$tmp/err" >&2; exit 1; }
      read -r wall user sys rss < "$tmp/time"
      if [ -z "$best" ] || awk "BEGIN { exit !($wall < $best) }"; then best=$wall; cpu="$user s user, $sys s sys"; mem=$rss; fi
    done
    echo "synthese of $N stored actions, -o $out, --jobs $jobs: ${best} s wall (best of $RUNS; $cpu), peak RSS $((mem / 1024)) MiB"
  done
done
