"""The audit's .xlsx export is written row by row (:func:`jixiao.xlsxprint.write_streamed`) and holds what the
workbook main built whole in memory held (before session 9): every cell's value, type, font, fill, alignment,
border and quote prefix, the column widths, row heights, frozen panes, filter, print area and titles, page
set-up, margins and footers — compared cell by cell on the findings of the real corpus documents and the
modelled reports, an unreadable file, third-party texts a spreadsheet could read as formulas or that hold control
characters, and (above the 2,000 wrapped cells where the columns are narrowed proportionally) the same reports
forty times over."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl.styles import Alignment, Font, PatternFill

from jixiao.audit import audit_path
from jixiao.audit.api import AuditReport
from jixiao.audit.export import COLUMNS, FINDINGS_WRAP, rows, summary, write
from jixiao.safeio.inert import cell_value, inert_cells
from jixiao.xlsxprint import Layout, lay_out, new_workbook, rule
from tests.helpers import ROOT
from tests.workbook_view import workbook_view

DOCUMENTS = sorted((ROOT / "tests" / "audit" / "corpus").glob("*/doc.*")) + sorted(
    (ROOT / "tests" / "audit" / "data" / "modelled").glob("*.txt"))


def whole_in_memory(reports: list[AuditReport], target: Path) -> None:
    """The reference: the .xlsx export as main (2d8f43d) built it, every cell an object of one ordinary workbook,
    then :func:`jixiao.xlsxprint.lay_out` on each sheet — with one change: main made formula-like text inert
    after laying the sheet out, so such a text (a quote starting with "-" or "=") was measured and aligned as a
    number (right-aligned, one line, as wide as "99999.99"); here, as in the streamed export, before."""
    def append(ws: Any, row: list[Any]) -> None:
        ws.append([cell_value(v) for v in row])

    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "审核发现"
    append(ws, list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    red = Font(color="C00000")
    for row in rows(reports):
        append(ws, row)
        if row[3] == "错误":
            ws.cell(ws.max_row, 4).font = red
    rule(ws, 1)
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    inert_cells(ws)
    lay_out(ws, Layout(header_rows=(1, 1), wrap=FINDINGS_WRAP, landscape=True))
    s = wb.create_sheet("汇总")
    append(s, ["项目", "数量"])
    for k, v in summary(reports).items():
        append(s, [k, v])
    per = wb.create_sheet("按报告")
    append(per, ["文件", "错误", "提示", "状态"])
    for r in reports:
        append(per, [r.path, r.errors, r.hints, f"无法读取：{r.error}" if r.error else ("有错误" if r.errors else "未发现错误")])
    for sheet in (s, per):
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        rule(sheet, 1)
        sheet.freeze_panes = "A2"
        inert_cells(sheet)
        lay_out(sheet, Layout(header_rows=(1, 1), wrap={1: 40, 4: 40}))
    wb.save(target)


def real_reports(tmp: Path) -> list[AuditReport]:
    """The corpus documents and the modelled reports audited, an unreadable file, and third-party texts a
    spreadsheet could take for formulas or that hold control characters."""
    reports = [audit_path(p) for p in DOCUMENTS]
    broken = tmp / "损坏的报告.docx"
    broken.write_bytes(b"PK\x03\x04 not a zip")
    reports.insert(3, audit_path(broken))
    first = next(i for i, r in enumerate(reports) if len(r.findings) >= 2)
    r = reports[first]
    odd = [dataclasses.replace(r.findings[0], quote="=HYPERLINK(\"http://example.org\",\"点击\") 预算执行率为95%"),
           dataclasses.replace(r.findings[1], quote="-项目支出完成率为98.5%，较上年提高2个百分点",
                               explanation="+按实际支出÷预算计算\x07应为97.20%")]
    reports[first] = dataclasses.replace(r, path="@" + r.path + "\x0b", findings=odd + r.findings[2:])
    return reports


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[AuditReport]:
    return real_reports(tmp_path_factory.mktemp("reports"))


def test_the_streamed_export_of_real_findings_is_the_whole_one(reports: list[AuditReport], tmp_path: Path) -> None:
    write(reports, tmp_path / "streamed.xlsx")
    whole_in_memory(reports, tmp_path / "whole.xlsx")
    streamed, whole = workbook_view(tmp_path / "streamed.xlsx"), workbook_view(tmp_path / "whole.xlsx")
    assert list(streamed) == ["审核发现", "汇总", "按报告"]
    assert streamed == whole
    findings = streamed["审核发现"]
    count = sum(len(r.findings) + (r.error is not None) for r in reports)
    assert count == 65 and findings["size"] == (count + 1, 9)
    assert (findings["panes"], findings["filter"]) == ("A2", f"A1:I{count + 1}")
    cells: Any = findings["cells"]
    broken = next(i for i, row in enumerate(cells) if row[2][0] == "unreadable")
    assert cells[broken][0][0].endswith("损坏的报告.docx") and cells[broken][3][0] == "错误"
    assert "rgb='00C00000'" in cells[broken][3][3] and "rgb='00C00000'" not in cells[broken][4][3]
    assert "style='thin'" in cells[0][0][6] and "style='thin'" in cells[-1][-1][6]
    odd = next(i for i, row in enumerate(cells) if str(row[4][0]).startswith("=HYPERLINK"))
    path, quote, second = cells[odd][0], cells[odd][4], cells[odd + 1]
    assert path[0].startswith("@") and path[0].endswith("\ufffd") and path[8] is True  # inert, control char gone
    assert (quote[1], quote[8]) == ("s", True) and "wrapText=True" in quote[5] and "horizontal='right'" not in quote[5]
    assert second[4][0].startswith("-项目支出") and second[4][8] is True
    assert second[8][0] == "+按实际支出÷预算计算\ufffd应为97.20%" and second[8][8] is True
    assert [[c[0] for c in row] for row in streamed["汇总"]["cells"]] == [
        ["项目", "数量"], *([k, v] for k, v in summary(reports).items())]
    assert summary(reports)["报告数"] == len(DOCUMENTS) + 1 == 56


def test_the_streamed_export_of_many_findings_is_the_whole_one(reports: list[AuditReport], tmp_path: Path) -> None:
    """Forty copies under other names: 2,600 findings, their wrapped cells narrowed proportionally."""
    many = [dataclasses.replace(r, path=f"第{i}批/{r.path}") for i in range(40) for r in reports]
    write(many, tmp_path / "streamed.xlsx")
    whole_in_memory(many, tmp_path / "whole.xlsx")
    streamed, whole = workbook_view(tmp_path / "streamed.xlsx"), workbook_view(tmp_path / "whole.xlsx")
    assert streamed["审核发现"]["size"] == (2601, 9)
    assert streamed == whole


def test_the_json_export_written_in_pieces_is_the_whole_text(reports: list[AuditReport], tmp_path: Path) -> None:
    write(reports, tmp_path / "审核.json")
    whole = json.dumps({"summary": summary(reports), "reports": [r.to_dict() for r in reports]}, ensure_ascii=False,
                       indent=2)
    assert (tmp_path / "审核.json").read_text(encoding="utf-8") == whole
    assert json.loads(whole)["summary"] == {"报告数": 56, "无法读取": 1, "有错误的报告": summary(reports)["有错误的报告"],
                                            "错误": summary(reports)["错误"], "提示": summary(reports)["提示"]}
