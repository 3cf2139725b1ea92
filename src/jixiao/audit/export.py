"""Writing findings for a reviewer: .xlsx, .csv, .json, .html.

Findings quote third-party text (report sentences, file names): every text cell is
written inert (:mod:`jixiao.safeio.inert`), HTML is escaped, and the file is written
through the atomic writer, never over an existing file without ``force``.
"""

from __future__ import annotations

import csv
import html
import json
from pathlib import Path
from typing import Any

from jixiao.audit.api import AuditReport
from jixiao.safeio.atomic import atomic_output
from jixiao.safeio.inert import cell_value as storable
from jixiao.safeio.inert import csv_text, inert_cells

COLUMNS = ("文件", "位置", "规则", "严重程度", "原文", "报告值", "复算值", "所用数据", "说明")


def rows(reports: list[AuditReport]) -> list[list[str]]:
    out: list[list[str]] = []
    for r in reports:
        if r.error:
            out.append([r.path, "", "unreadable", "错误", "", "", "", "", f"文件无法读取：{r.error}"])
        for f in r.findings:
            out.append([r.path, f.location, f"{f.rule}（{f.title}）", f.severity, f.quote, f.stated, f.expected,
                        "；".join(f.figures), f.explanation])
    return out


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
            tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
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
    from openpyxl.styles import Alignment, Font, PatternFill

    from jixiao.xlsxprint import Layout, lay_out, new_workbook, rule

    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "审核发现"
    _append(ws, list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    red = Font(color="C00000")
    for row in rows(reports):
        _append(ws, row)
        if row[3] == "错误":
            ws.cell(ws.max_row, 4).font = red
    rule(ws, 1)
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    lay_out(ws, Layout(header_rows=(1, 1), wrap=FINDINGS_WRAP, landscape=True))
    s = wb.create_sheet("汇总")
    _append(s, ["项目", "数量"])
    for k, v in summary(reports).items():
        _append(s, [k, v])
    per = wb.create_sheet("按报告")
    _append(per, ["文件", "错误", "提示", "状态"])
    for r in reports:
        _append(per, [r.path, r.errors, r.hints, f"无法读取：{r.error}" if r.error else ("有错误" if r.errors else "未发现错误")])
    for sheet in (s, per):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        rule(sheet, 1)
        sheet.freeze_panes = "A2"
        lay_out(sheet, Layout(header_rows=(1, 1), wrap={1: 40, 4: 40}))
    for sheet in wb.worksheets:
        inert_cells(sheet)
    wb.save(target)


def _append(ws: Any, row: list[Any]) -> None:
    ws.append([storable(v) for v in row])


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
