"""PDF conversion with LibreOffice, when it is installed.

Each conversion uses its own temporary LibreOffice profile (``-env:UserInstallation``)
so that it neither touches the user's profile nor collides with a running office.

LibreOffice ignores ``w:autoSpaceDE``/``w:autoSpaceDN`` when it imports a .docx (7.4, Debian 12):
it would set a quarter-em gap between every digit and the Chinese character beside it, which Word
and WPS do not. So the .docx goes to ODT first, the ODT's ``style:text-autospace`` is turned off
(the same setting, in LibreOffice's own format), and the ODT becomes the PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path

TIMEOUT_S = 120
AUTOSPACE = re.compile(rb'style:text-autospace="[^"]*"')


class PdfUnavailable(Exception):
    """LibreOffice is absent or the conversion failed; the message says which, in Chinese."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _convert(exe: str, profile: str, fmt: str, files: Sequence[Path], outdir: Path,
             env: Mapping[str, str] | None, timeout: float) -> subprocess.CompletedProcess[str]:
    cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
           "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False,
                              env=None if env is None else {**os.environ, **env})
    except subprocess.TimeoutExpired:
        raise PdfUnavailable(f"LibreOffice 转换超时（超过 {int(timeout)} 秒）") from None


def tighten(odt: Path) -> None:
    """No automatic gap between Chinese and Latin letters or digits, in every style of the ODT."""
    with zipfile.ZipFile(odt) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    tmp = odt.with_suffix(".tmp")
    with zipfile.ZipFile(tmp, "w") as out:
        for info, data in items:
            if info.filename in ("styles.xml", "content.xml"):
                data = AUTOSPACE.sub(b'style:text-autospace="none"', data)
            out.writestr(info, data)  # the mimetype entry keeps its stored (uncompressed) form
    os.replace(tmp, odt)


def docx_files_to_pdf(files: Sequence[Path], outdir: Path, env: Mapping[str, str] | None = None,
                      timeout: float = TIMEOUT_S) -> list[Path]:
    """Convert .docx files to PDF (one LibreOffice start per step for all of them)."""
    exe = soffice()
    if exe is None:
        raise PdfUnavailable("未找到 LibreOffice（soffice），无法生成 PDF；请先运行 ./scripts/setup.sh 安装")
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix="jixiao-odt-") as work:
        proc = _convert(exe, profile, "odt", files, Path(work), env, timeout)
        odts = [Path(work) / (f.stem + ".odt") for f in files]
        if proc.returncode == 0 and all(p.exists() for p in odts):
            for odt in odts:
                tighten(odt)
            proc = _convert(exe, profile, "pdf", odts, outdir, env, timeout)
    pdfs = [outdir / (f.stem + ".pdf") for f in files]
    if proc.returncode != 0 or not all(p.exists() for p in pdfs):
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise PdfUnavailable("LibreOffice 转换 PDF 失败" + (f"：{detail[-1]}" if detail else ""))
    return pdfs


def docx_to_pdf(docx: Path, outdir: Path) -> Path:
    return docx_files_to_pdf([docx], outdir)[0]
