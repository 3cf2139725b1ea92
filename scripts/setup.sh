#!/usr/bin/env bash
# One-time set-up of a fresh Debian machine for jixiao: system packages, a virtual
# environment and the package itself. Safe to run again; it skips what is present.
#   scripts/setup.sh        everything: the tests' tools too (LibreOffice, PostgreSQL, Chromium, dev packages)
#   scripts/setup.sh demo   only what `make demo` needs: fonts and the package with its runtime dependencies
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-full}
case "$MODE" in full|demo) ;; *) echo "用法：scripts/setup.sh [demo]" >&2; exit 2 ;; esac

APT_PACKAGES=(
  fonts-noto-cjk          # CJK fonts for charts and for rendering reports
  fonts-arphic-ukai       # a free 楷体 (AR PL UKai CN) for 公文 second-level headings
  fonts-arphic-gkai00mp   # AR PL KaitiM GB: the 楷体 for headings and the stand-in for 仿宋_GB2312 (no free
                          # FangSong in Debian covers GB 2312: cwTeX FangSong lacks 2379 simplified hanzi)
  fontconfig              # fc-match: the chart font and the 公文 aliases are resolved through it
  fonts-liberation2       # Liberation Serif: metric-compatible stand-in for Times New Roman digits
  libreoffice-writer-nogui  # .docx -> .pdf conversion
  libreoffice-calc-nogui    # .xlsx -> .pdf rendering checks of every workbook jixiao writes
  poppler-utils           # pdftotext / pdftoppm for report checks
  postgresql              # the store's shared-deployment database; tests start a private server
  chromium                # headless browser for the web app's browser tests (Playwright drives it)
)
DEMO_PACKAGES=(fonts-noto-cjk fonts-arphic-ukai fonts-arphic-gkai00mp fontconfig fonts-liberation2)
[ "$MODE" = demo ] && APT_PACKAGES=("${DEMO_PACKAGES[@]}")

fonts_changed=0
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
  fonts_changed=1
fi

# Font aliases so that 公文 font names render with free fonts on Linux.
FONTCONF_DIR=/etc/fonts/conf.d
if [ -w "$FONTCONF_DIR" ] && ! cmp -s scripts/65-jixiao-gongwen.conf "$FONTCONF_DIR/65-jixiao-gongwen.conf"; then
  cp scripts/65-jixiao-gongwen.conf "$FONTCONF_DIR/65-jixiao-gongwen.conf"
  fc-cache -f >/dev/null 2>&1 || true
  fonts_changed=1
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.jixiao-installed-$MODE
full=.venv/.jixiao-installed-full  # a full install also serves the demo
if { [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; } && { [ ! -f "$full" ] || [ pyproject.toml -nt "$full" ]; }; then
  .venv/bin/pip install -q --upgrade pip
  if [ "$MODE" = demo ]; then .venv/bin/pip install -q -e .; else .venv/bin/pip install -q -e '.[dev]'; fi
  touch "$stamp"
  fonts_changed=1
fi

# Bytecode for jixiao's own modules: an editable install leaves none, and with PYTHONDONTWRITEBYTECODE
# set (as on the development machines) every command would compile its modules again on every run
# (~70 ms of `jixiao evaluate FILE`; docs/scale.md). Only changed files are compiled again.
.venv/bin/python -m compileall -q src/jixiao >/dev/null

# matplotlib keeps a list of the system's fonts in its cache; one built before the CJK fonts
# were installed draws boxes for Chinese. Rebuild it whenever fonts or the environment changed.
if [ "$fonts_changed" -eq 1 ]; then
  .venv/bin/python - <<'EOF'
import glob, os
import matplotlib
for f in glob.glob(os.path.join(matplotlib.get_cachedir(), "fontlist-*.json")):
    os.remove(f)
from matplotlib import font_manager  # noqa: E402,F401  (importing rebuilds the list)
EOF
fi
