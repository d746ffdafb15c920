#!/usr/bin/env bash
# Set up sitrep on a fresh Debian machine and render the bundled example to PDF and DOCX.
# Installs the system packages it needs (as root, or with sudo), a virtual environment in
# .venv with sitrep and its test tools, then writes out/north-korea-russia-summit.{pdf,docx}.
set -euo pipefail
cd "$(dirname "$0")/.."

# Pango for WeasyPrint; fonts with Cyrillic, Hangul and CJK glyphs; HarfBuzz's fast font
# subsetter; poppler and LibreOffice, which the tests use to look at PDF and DOCX as a reader would.
PACKAGES=(
  libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig
  fonts-dejavu-core fonts-noto-core fonts-noto-cjk
  poppler-utils libreoffice-writer-nogui pandoc
)
missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"

mkdir -p out
.venv/bin/sitrep render examples/north-korea-russia-summit/brief.yaml -o out/ \
  --format pdf --format docx
echo "setup: done. Try: .venv/bin/sitrep --help"
