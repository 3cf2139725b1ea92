"""A fontconfig set-up with the repository's 公文 font aliases, whatever /etc/fonts holds.

The machine-wide copy of ``65-jixiao-gongwen.conf`` is whatever the last ``scripts/setup.sh``
installed (possibly another checkout's). Tests that judge fonts point ``FONTCONFIG_FILE`` at a
copy of the system configuration in which that one file is replaced by this checkout's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REPO_CONF = ROOT / "scripts" / "65-jixiao-gongwen.conf"
SYSTEM_CONF = Path("/etc/fonts/fonts.conf")


def available() -> bool:
    return SYSTEM_CONF.is_file() and shutil.which("fc-match") is not None


def write_config(folder: Path) -> Path:
    """A fonts.conf equal to the system's, with conf.d listed file by file and our aliases in place."""
    text = SYSTEM_CONF.read_text(encoding="utf-8")
    conf_d = SYSTEM_CONF.parent / "conf.d"
    names = sorted({p.name for p in conf_d.glob("*.conf")} | {REPO_CONF.name})
    includes = "\n".join(
        f'\t<include ignore_missing="yes">{REPO_CONF if n == REPO_CONF.name else conf_d / n}</include>'
        for n in names)
    text, count = re.subn(r'<include ignore_missing="yes">conf\.d</include>', lambda _: includes, text)
    assert count == 1, "unexpected /etc/fonts/fonts.conf layout"
    path = folder / "fonts.conf"
    path.write_text(text, encoding="utf-8")
    return path


def fc_match(config: Path, pattern: str, fmt: str = "%{file}\t%{index}\t%{family}\t%{weight}") -> list[str]:
    out = subprocess.run(["fc-match", "-f", fmt, pattern], capture_output=True, text=True, check=True,
                         env={"FONTCONFIG_FILE": str(config), "PATH": "/usr/bin:/bin"}).stdout
    return out.split("\t")
