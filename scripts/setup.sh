#!/usr/bin/env bash
# Installs, with apt-get, the Debian 12 packages bilan needs to build, run and
# test; does nothing when they are already there. Run as root (or with sudo).
set -euo pipefail

packages=(
  build-essential cmake pkg-config ninja-build  # toolchain (Ninja: scripts/test.sh's builds)
  libhpdf-dev libpugixml-dev libicu-dev      # libharu 2.3.0, pugixml, ICU
  libharfbuzz-dev libdeflate-dev             # our own fonts (shaping, subsets) and deflate
  nettle-dev                                 # SHA-256 (fingerprints, archive)
  icc-profiles-free                          # the sRGB output intent of PDF/A files
  libqpdf-dev                                # reading PDFs that come back (bilan extract)
  libpng-dev                                 # PNG decoding (src/image)
  libsqlite3-dev                             # the answers store (src/store)
  libmicrohttpd-dev                          # bilan serve: HTTP (src/serve/http_server.cpp)
  libcli11-dev                               # the command line (src/cli, header-only)
  nlohmann-json3-dev                         # JSON output (check --format json)
  libgtest-dev                               # GoogleTest
  fonts-liberation2 fonts-dejavu-core        # the embedded fonts (fonts/fonts.conf)
  poppler-utils qpdf libxml2-utils           # readers used by the tests: pdftotext, qpdf, xmllint
  libbenchmark-dev hyperfine time valgrind   # bench/ and bench/compare.sh
  clang libclang-rt-14-dev                   # libFuzzer targets (tests/fuzz, scripts/fuzz.sh)
  chromium                                   # pdf.js's viewer with scripting, headless (tests/pdfjs/browser.mjs)
)
# Node.js and npm for the pdf.js tests: Debian's own (18) when the machine has none.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

# pdf.js, a real client of the fillable bilans (tests/e2e/fillable_test.cpp):
# pdfjs-dist and puppeteer-core (which drives Debian's chromium; it downloads
# no browser) at the versions pinned in tests/pdfjs/package.json, with npm, no
# lock file; node_modules is not committed.
install_pdfjs() {
  local root
  root="$(cd "$(dirname "$0")/.." && pwd)"
  if [ ! -f "$root/tests/pdfjs/node_modules/pdfjs-dist/package.json" ] ||
     [ ! -f "$root/tests/pdfjs/node_modules/puppeteer-core/package.json" ]; then
    echo "setup: installing pdfjs-dist and puppeteer-core in tests/pdfjs" >&2
    (cd "$root/tests/pdfjs" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >/dev/null)
  fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  install_pdfjs
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
install_pdfjs
