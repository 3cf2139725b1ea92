"""PDF conversion with LibreOffice, when it is installed.

Each conversion uses its own temporary LibreOffice profile (``-env:UserInstallation``)
so that it neither touches the user's profile nor collides with a running office.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_S = 120


class PdfUnavailable(Exception):
    """LibreOffice is absent or the conversion failed; the message says which, in Chinese."""


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: Path, outdir: Path) -> Path:
    exe = soffice()
    if exe is None:
        raise PdfUnavailable("未找到 LibreOffice（soffice），无法生成 PDF；请先运行 ./scripts/setup.sh 安装")
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), str(docx)]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise PdfUnavailable(f"LibreOffice 转换超时（超过 {TIMEOUT_S} 秒）") from None
    pdf = outdir / (docx.stem + ".pdf")
    if proc.returncode != 0 or not pdf.exists():
        detail = (proc.stderr or proc.stdout).strip().splitlines()
        raise PdfUnavailable("LibreOffice 转换 PDF 失败" + (f"：{detail[-1]}" if detail else ""))
    return pdf
