"""The .docx opens in LibreOffice and converts to PDF with the expected text (needs soffice; a failure in CI)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from jixiao.report.package import write_package
from tests.helpers import needs_tool
from tests.report.report_helpers import load_example

pytestmark = needs_tool("soffice", "pdftotext", "pdfinfo")


def test_report_converts_to_pdf_with_title_score_and_grade(tmp_path: Path) -> None:
    dy, result, fw = load_example("wanzhou-2020")
    written = write_package(dy, result, fw, tmp_path, formats=("docx",), pdf=True)
    assert not written.notes or all("PDF" not in n for n in written.notes), written.notes
    pdf = tmp_path / "自评报告.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 8 <= pages <= 30, pages  # LibreOffice substitutes the 公文 fonts: a range, not an exact count
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = "".join(text.split())
    assert "重庆市万州区人民政府外事办公室" in flat
    assert "2020年度部门整体支出绩效自评报告" in flat
    assert "总分94分，评价等级为“优”" in flat
    assert "—1—" in flat  # page number footer
    assert "\ufffd" not in text  # no replacement characters
