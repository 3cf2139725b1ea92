"""评分表.xlsx and 数据表.xlsx (:mod:`jixiao.report.xlsx`)."""

from __future__ import annotations

from jixiao.report.writers import Package

SCORING_XLSX = "评分表.xlsx"
DATA_XLSX = "数据表.xlsx"


def write(package: Package) -> dict[str, bytes]:
    from jixiao.report.xlsx import data_workbook, scoring_workbook

    return {
        SCORING_XLSX: scoring_workbook(package.result, package.when),
        DATA_XLSX: data_workbook(package.department, package.result, package.when),
    }
