"""自评报告.docx in 公文 layout (:mod:`jixiao.report.docx`)."""

from __future__ import annotations

from jixiao.report.writers import Package

REPORT_DOCX = "自评报告.docx"


def write(package: Package) -> dict[str, bytes]:
    from jixiao.report.docx import render_docx

    return {REPORT_DOCX: render_docx(package.report, package.charts)}
