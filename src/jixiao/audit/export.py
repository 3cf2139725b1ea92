"""Writing findings for a reviewer: .xlsx, .csv, .json, .html.

Findings quote third-party text (report sentences, file names): every text cell is
written inert (:mod:`jixiao.safeio.inert`), HTML is escaped, and the file is written
through the atomic writer, never over an existing file without ``force``.
"""

from __future__ import annotations

import csv
import html
import json
from collections.abc import Iterator
from pathlib import Path

from jixiao.audit.api import AuditReport
from jixiao.safeio.atomic import atomic_output
from jixiao.safeio.inert import csv_text

COLUMNS = ("文件", "位置", "规则", "严重程度", "原文", "报告值", "复算值", "所用数据", "说明")


def rows(reports: list[AuditReport]) -> Iterator[list[str]]:
    """One row per finding (and per unreadable file), in :data:`COLUMNS`, made as they are written."""
    for r in reports:
        if r.error:
            yield [r.path, "", "unreadable", "错误", "", "", "", "", f"文件无法读取：{r.error}"]
        for f in r.findings:
            yield [r.path, f.location, f"{f.rule}（{f.title}）", f.severity, f.quote, f.stated, f.expected,
                   "；".join(f.figures), f.explanation]


def summary(reports: list[AuditReport]) -> dict[str, int]:
    return {
        "报告数": len(reports),
        "无法读取": sum(r.error is not None for r in reports),
        "有错误的报告": sum(r.errors > 0 for r in reports),
        "错误": sum(r.errors for r in reports),
        "提示": sum(r.hints for r in reports),
    }


SUFFIXES = (".xlsx", ".csv", ".json", ".html", ".htm")


def write(reports: list[AuditReport], target: Path, *, force: bool = False) -> None:
    """Write by extension, atomically; raises ValueError (Chinese) for an unknown one and
    :class:`jixiao.safeio.WouldOverwrite` for an existing file without ``force``."""
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"不支持的输出格式 {suffix or '（无扩展名）'}，应为 .xlsx、.csv、.json 或 .html")
    with atomic_output(target, force=force) as tmp:
        if suffix == ".json":
            data = {"summary": summary(reports), "reports": [r.to_dict() for r in reports]}
            with tmp.open("w", encoding="utf-8") as fh:  # written in pieces, not made one text first
                json.dump(data, fh, ensure_ascii=False, indent=2)
        elif suffix == ".csv":
            with tmp.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
                w = csv.writer(fh)
                w.writerow(COLUMNS)
                w.writerows([csv_text(v) for v in row] for row in rows(reports))
        elif suffix == ".xlsx":
            _xlsx(reports, tmp)
        else:
            tmp.write_text(_html(reports), encoding="utf-8")


# Findings columns wrap inside these widths; the sheet prints landscape, one page wide.
FINDINGS_WRAP = {1: 24, 2: 12, 3: 18, 5: 40, 8: 30, 9: 40}


def _xlsx(reports: list[AuditReport], target: Path) -> None:
    """审核发现 (every finding, errors' severity in red, a filter on every column), 汇总 and 按报告, each sheet
    written row by row (:func:`jixiao.xlsxprint.write_streamed`): the findings' cells are never all in memory,
    however large the batch. Every text is written inert, every cell ruled."""
    from openpyxl.styles import Alignment, Font, PatternFill

    from jixiao.xlsxprint import GRID, Layout, Look, new_workbook, write_streamed

    head = Look(font=Font(bold=True), fill=PatternFill("solid", fgColor="DDEBF7"), border=GRID)
    plain = Look(border=GRID)
    top = Alignment(wrap_text=True, vertical="top")
    body = Look(alignment=top, border=GRID)
    error = Look(font=Font(color="C00000"), alignment=top, border=GRID)
    looks = {False: (body,) * len(COLUMNS), True: (body,) * 3 + (error,) + (body,) * (len(COLUMNS) - 4)}

    def findings() -> Iterator[list[tuple[object, Look]]]:
        yield [(c, head) for c in COLUMNS]
        for row in rows(reports):
            yield list(zip(row, looks[row[3] == "错误"], strict=True))

    def totals() -> Iterator[list[tuple[object, Look]]]:
        yield [("项目", head), ("数量", head)]
        for k, v in summary(reports).items():
            yield [(k, plain), (v, plain)]

    def per_report() -> Iterator[list[tuple[object, Look]]]:
        yield [(c, head) for c in ("文件", "错误", "提示", "状态")]
        for r in reports:
            status = f"无法读取：{r.error}" if r.error else ("有错误" if r.errors else "未发现错误")
            yield [(r.path, plain), (r.errors, plain), (r.hints, plain), (status, plain)]

    wb = new_workbook(write_only=True)
    write_streamed(wb, "审核发现", findings, Layout(header_rows=(1, 1), wrap=FINDINGS_WRAP, landscape=True),
                   freeze="A2", auto_filter=True)
    for title, cells in (("汇总", totals), ("按报告", per_report)):
        write_streamed(wb, title, cells, Layout(header_rows=(1, 1), wrap={1: 40, 4: 40}), freeze="A2")
    wb.save(target)


def _html(reports: list[AuditReport]) -> str:
    e = html.escape
    parts = ["<!doctype html><html lang='zh-CN'><meta charset='utf-8'><title>绩效自评报告审核结果</title>",
             "<style>body{font-family:'Noto Sans CJK SC',sans-serif;margin:2em}table{border-collapse:collapse}"
             "td,th{border:1px solid #bbb;padding:4px 8px;vertical-align:top}th{background:#ddebf7}"
             ".错误{color:#c00000;font-weight:bold}.提示{color:#9c6500}</style>",
             "<h1>绩效自评报告审核结果</h1><p>",
             "；".join(f"{k} {v}" for k, v in summary(reports).items()), "</p><table><tr>",
             "".join(f"<th>{c}</th>" for c in COLUMNS), "</tr>"]
    for row in rows(reports):
        parts.append("<tr>" + "".join(f"<td class='{e(row[3]) if i == 3 else ''}'>{e(v)}</td>" for i, v in enumerate(row)) + "</tr>")
    parts.append("</table></html>")
    return "".join(parts)
