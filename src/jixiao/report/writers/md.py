"""自评报告.md (:mod:`jixiao.report.markdown`)."""

from __future__ import annotations

from jixiao.report.writers import Package

REPORT_MD = "自评报告.md"


def write(package: Package) -> dict[str, bytes]:
    from jixiao.report.markdown import render_markdown

    return {REPORT_MD: render_markdown(package.report).encode("utf-8")}
