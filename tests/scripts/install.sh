#!/usr/bin/env bash
# `cmake --install` gives a complete program that runs where it is installed
# (issue 18). Installed to a temporary prefix, the prefix is copied to a fresh
# folder (nothing may point back at where it was installed) and every command
# runs there with the source and build trees out of sight: a tmpfs over them
# in a mount namespace (root), else under strace, where no file access may
# name them. Outputs are compared byte for byte with the build tree's binary.
# Usage: install.sh SOURCE_DIR BILAN_BINARY
set -euo pipefail
src=$(realpath "$1")
bin=$(realpath "$2")
build=$(dirname "$bin")
tmp=$(mktemp -d -p /tmp bilan-install-XXXXXX)
trap 'rm -rf "$tmp"' EXIT
case "$tmp/" in "$src/"* | "$build/"*) echo "install.sh: $tmp is inside the trees it must hide" >&2; exit 1 ;; esac

cmake --install "$build" --prefix "$tmp/prefix" >/dev/null
mkdir -p "$tmp/ailleurs" "$tmp/run"
cp -a "$tmp/prefix" "$tmp/ailleurs/bilan"
rm -rf "$tmp/prefix"
module=
[ -e "$build/libbilan_pdfread.so" ] && module=lib/bilan/libbilan_pdfread.so  # -DBILAN_PDFREAD_MODULE=OFF: linked in
for f in bin/bilan $module share/bilan/layouts/clas-2024-2025.xml share/bilan/layouts/departments.xml \
  share/bilan/layouts/shared/clas-questions.xml share/bilan/fonts/fonts.conf share/bilan/schemas/answers.xsd \
  share/doc/bilan/README.md share/doc/bilan/docs/cli.md share/doc/bilan/samples/minimal-2024-2025.xml; do
  [ -e "$tmp/ailleurs/bilan/$f" ] || { echo "install.sh: the install lacks $f" >&2; exit 1; }
done
cp -a "$src/samples" "$tmp/run/samples"

# What the build tree's binary writes, to compare with the installed one.
mkdir -p "$tmp/attendu"
(
  cd "$tmp/run"
  export SOURCE_DATE_EPOCH=1751292300
  "$bin" blank clas-2024-2025 --department 47 -o "$tmp/attendu/vierge.pdf"
  "$bin" fill samples/association-urbaine-2024-2025.xml -o "$tmp/attendu/bilan.pdf"
  "$bin" fill samples/association-urbaine-2024-2025.xml --pdfa -o "$tmp/attendu/archive.pdf"
  "$bin" list >"$tmp/attendu/list.txt"
) 2>/dev/null

# Every command, run by the copied install from $tmp/run.
cat >"$tmp/commands.sh" <<'EOF'
set -euo pipefail
tmp=$1
b=$tmp/ailleurs/bilan/bin/bilan
cd "$tmp/run"
unset BILAN_SOURCE_DIR BILAN_LAYOUTS BILAN_FONTS BILAN_DATA_DIR
export SOURCE_DATE_EPOCH=1751292300
step() { echo "== $*" >&2; }
step list; "$b" list >list.txt; cmp list.txt "$tmp/attendu/list.txt"
step list FORM; "$b" list clas-2024-2025 >champs.txt; grep -q "^clas-2024-2025 — champs" champs.txt
step blank; "$b" blank clas-2024-2025 --department 47 -o vierge.pdf; cmp vierge.pdf "$tmp/attendu/vierge.pdf"
step blank --fillable; "$b" blank clas-2024-2025 --department 47 --fillable -o a-remplir.pdf
step fill; "$b" fill samples/association-urbaine-2024-2025.xml -o bilan.pdf 2>/dev/null; cmp bilan.pdf "$tmp/attendu/bilan.pdf"
step fill --pdfa; "$b" fill samples/association-urbaine-2024-2025.xml --pdfa -o archive.pdf 2>/dev/null
cmp archive.pdf "$tmp/attendu/archive.pdf"
step check; "$b" check samples/minimal-2024-2025.xml
step extract; "$b" extract archive.pdf -o reponses.xml; cmp reponses.xml samples/association-urbaine-2024-2025.xml
step fill --partial --fillable; "$b" fill samples/minimal-2024-2025.xml --partial --fillable -o pre-rempli.pdf
step import-pdf; "$b" import-pdf pre-rempli.pdf --partial -o importe.xml; grep -q '<bilan form="clas-2024-2025"' importe.xml
step store import
"$b" store import samples/association-urbaine-2024-2025.xml samples/commune-rurale-2024-2025.xml --db bilan.db 2>/dev/null
step store list; [ "$("$b" store list --db bilan.db | wc -l)" = 2 ]
step batch; "$b" batch --db bilan.db --out bilans/ --jobs 2 >/dev/null 2>&1; [ "$(ls bilans/*.pdf | wc -l)" = 2 ]
step archive submit; "$b" archive submit samples/association-urbaine-2024-2025.xml --db archive.db >/dev/null 2>&1
step archive verify; "$b" archive verify --db archive.db >/dev/null
step BILAN_DATA_DIR; cp -a "$tmp/ailleurs/bilan/share/bilan" donnees
mv "$tmp/ailleurs/bilan/share/bilan" "$tmp/ailleurs/bilan/share/cache"
msg=$("$b" list 2>&1 >/dev/null) && exit 1
[ "$msg" = "bilan: erreur: données de bilan introuvables : pas de $tmp/ailleurs/bilan/share/bilan/layouts (à côté de $b) ; installez bilan avec « cmake --install build --prefix DOSSIER » ou indiquez le dossier de ses données (layouts/, fonts/fonts.conf) par BILAN_DATA_DIR" ] || { echo "$msg" >&2; exit 1; }
BILAN_DATA_DIR=$PWD/donnees "$b" list >list2.txt; cmp list2.txt "$tmp/attendu/list.txt"
mv "$tmp/ailleurs/bilan/share/cache" "$tmp/ailleurs/bilan/share/bilan"
echo "every command ran from the copied install" >&2
EOF

if [ "$(id -u)" = 0 ] && unshare --mount --propagation private true 2>/dev/null; then
  # Out of sight: an empty tmpfs over each tree (the build first: it may be inside the source).
  hide="mount -t tmpfs none '$build' &&"
  [ "$build" = "$src" ] || hide="$hide mount -t tmpfs none '$src' &&"
  unshare --mount --propagation private bash -c "$hide [ ! -e '$bin' ] && bash '$tmp/commands.sh' '$tmp'"
elif command -v strace >/dev/null; then
  strace -f -qq -e trace=file -o "$tmp/strace.log" bash "$tmp/commands.sh" "$tmp"
  if grep -F -e "\"$src/" -e "\"$build/" "$tmp/strace.log"; then
    echo "install.sh: the installed program reached into the source or build tree (above)" >&2
    exit 1
  fi
else
  echo "install.sh: neither a mount namespace (root) nor strace to hide the trees from the program" >&2
  exit 1
fi
