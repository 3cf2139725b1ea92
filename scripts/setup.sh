#!/usr/bin/env bash
# One-time set-up of a fresh Debian machine for jixiao: system packages, a virtual
# environment and the package itself. Safe to run again; it skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fonts-noto-cjk          # CJK fonts for charts and for rendering reports
  fonts-arphic-ukai       # a free 楷体 (AR PL UKai CN) for 公文 second-level headings
  fonts-arphic-gkai00mp   # a second free 楷体, the fallback
  fonts-liberation2       # Liberation Serif: metric-compatible stand-in for Times New Roman digits
  libreoffice-writer-nogui  # .docx -> .pdf conversion
  libreoffice-calc-nogui    # .xlsx -> .pdf rendering checks of every workbook jixiao writes
  poppler-utils           # pdftotext / pdftoppm for report checks
  postgresql              # the store's shared-deployment database; tests start a private server
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "jixiao setup: installing ${missing[*]}"
  $SUDO apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fc-cache -f >/dev/null 2>&1 || true
fi

# Font aliases so that 公文 font names render with free fonts on Linux.
FONTCONF_DIR=/etc/fonts/conf.d
if [ -w "$FONTCONF_DIR" ] && ! cmp -s scripts/65-jixiao-gongwen.conf "$FONTCONF_DIR/65-jixiao-gongwen.conf"; then
  cp scripts/65-jixiao-gongwen.conf "$FONTCONF_DIR/65-jixiao-gongwen.conf"
  fc-cache -f >/dev/null 2>&1 || true
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.jixiao-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip
  .venv/bin/pip install -q -e '.[dev]'
  touch "$stamp"
fi
