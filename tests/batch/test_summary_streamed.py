"""``summary.xlsx`` is written row by row (:func:`jixiao.xlsxprint.write_streamed`) and holds what the
workbook built whole in memory held: every cell's value and style, the column widths, the row heights, the
frozen panes and the page set-up, compared cell by cell on the outcomes of real files (the examples as
YAML and as workbooks, a file with a bad value, a missing file, a refused folder, generated departments)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from openpyxl.styles import Alignment, Font, PatternFill

from jixiao.batch.evaluation import Evaluated, EvaluateOptions, evaluate_input, failed
from jixiao.batch.runner import Input
from jixiao.batch.summary import COLUMNS, Row, counts, summary_workbook
from jixiao.xlsxprint import Layout, lay_out, new_workbook
from tests.helpers import EXAMPLES
from tests.store.generate import as_json, generate
from tests.workbook_view import workbook_view

WHEN = date(2026, 12, 1)


def whole_in_memory(rows: Sequence[Row]) -> bytes:
    """The reference: summary.xlsx as main built it before (9902dfe), every cell an object of one ordinary
    workbook, then :func:`jixiao.xlsxprint.lay_out` on each sheet."""
    head_font, head_fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "汇总表"
    ws.append(list(COLUMNS))
    for i, row in enumerate(rows, 1):
        ws.append(row.cells(i))
        if not row.outcome.ok:
            ws.cell(ws.max_row, len(COLUMNS)).font = Font(color="C00000")
    for col in (6, 7):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = "0.00"
    failures = wb.create_sheet("失败")
    failures.append(["序号", "输入文件", "原因"])
    for i, row in enumerate(rows, 1):
        for reason in () if row.outcome.ok else row.outcome.reasons:
            failures.append([i, row.outcome.name, reason])
    stats = wb.create_sheet("统计")
    stats.append(["项目", "数量"])
    for k, v in counts(rows).items():
        stats.append([k, v])
    wraps = {ws.title: {2: 30, 3: 24, 5: 20, 9: 40, 10: 24, 12: 50}, failures.title: {2: 30, 3: 70}, stats.title: {}}
    for sheet in (ws, failures, stats):
        for cell in sheet[1]:
            cell.font, cell.fill = head_font, head_fill
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        lay_out(sheet, Layout(header_rows=(1, 1), wrap=wraps[sheet.title], landscape=sheet is ws))
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _evaluated(name: str, data: bytes) -> Evaluated:
    return evaluate_input(Input(name, data), EvaluateOptions())


def _real_rows(tmp: Path) -> list[Row]:
    rows = [Row(_evaluated(str(f), f.read_bytes()), f"{f.stem}-包", "")
            for f in sorted(EXAMPLES.glob("*.yaml")) + sorted(EXAMPLES.glob("*.xlsx"))]
    bad = b"profile:\n  name: \xe6\xb5\x8b\xe8\xaf\x95\xe5\xb1\x80\n  year: 2023\nbudget:\n  initial: \xe4\xb8\x89\xe7\x99\xbe\n"
    rows.insert(2, Row(_evaluated(str(tmp / "bad.yaml"), bad)))
    rows.append(Row(failed(Input(str(tmp / "absent.yaml"), b""), "文件不存在或无法读取")))
    rows.append(Row(Evaluated(str(tmp / "refused.yaml"), False, (f"{tmp}/某局-2024：输出文件夹中已有不是 jixiao 写出的内容",
                                                                  "第二个原因"))))
    rows[3] = Row(rows[3].outcome, rows[3].folder, "新增（第 1 版）")
    return rows


def test_the_streamed_summary_of_real_files_is_the_whole_one(tmp_path: Path) -> None:
    rows = _real_rows(tmp_path)
    assert sum(not r.outcome.ok for r in rows) == 3 and sum(r.outcome.ok for r in rows) == 10
    streamed, whole = workbook_view(summary_workbook(rows, WHEN)), workbook_view(whole_in_memory(rows))
    assert list(streamed) == ["汇总表", "失败", "统计"]
    assert streamed == whole
    summary = streamed["汇总表"]
    assert summary["size"] == (14, 12) and summary["panes"] == "A2"
    cells: Any = summary["cells"]
    assert [c[0] for c in cells[3][:3]] == [3, rows[2].outcome.name, None]  # the bad file: its reason in red
    assert "rgb='00C00000'" in cells[3][11][3] and cells[3][11][0].startswith("失败：[错误] 文件")
    assert "rgb='00C00000'" not in cells[1][11][3]
    assert cells[1][5][2] == "0.00" and "horizontal='right'" in cells[1][5][5] and "wrapText=None" in cells[1][5][5]
    assert "wrapText=True" in cells[1][1][5] and "vertical='top'" in cells[1][1][5]
    assert [c[0] for c in cells[4][10:11]] == ["新增（第 1 版）"]
    assert [[c[0] for c in r] for r in streamed["统计"]["cells"]] == [
        ["项目", "数量"], ["输入", 13], ["已评价", 10], ["失败", 3], ["等级优", counts(rows)["等级优"]],
        ["等级良", counts(rows)["等级良"]], ["等级中", counts(rows)["等级中"]], ["等级差", counts(rows)["等级差"]],
        ["未定级", counts(rows)["未定级"]]]
    assert [[c[0] for c in r] for r in streamed["失败"]["cells"]][1:] == [
        [3, rows[2].outcome.name, rows[2].outcome.reasons[0]], [12, rows[11].outcome.name, "文件不存在或无法读取"],
        [13, rows[12].outcome.name, rows[12].outcome.reasons[0]], [13, rows[12].outcome.name, "第二个原因"]]
    widths: Any = summary["widths"]
    assert widths["I"][0] == widths["I"][0] // 1 and widths["I"][0] <= 40  # 一级指标得分 wraps at 40 units


@pytest.mark.parametrize("count", [60, 1100])
def test_the_streamed_summary_of_generated_departments_is_the_whole_one(count: int) -> None:
    """1,100 rows: more than GREEDY_CELLS wrapped cells, so the columns are narrowed proportionally."""
    rows = [Row(_evaluated(f"/in/{dy.profile.code}-{dy.profile.year}.json", as_json(dy).encode()),
                f"{dy.profile.code}-{dy.profile.year}") for dy in generate(count, seed=21)]
    rows[7] = Row(failed(Input("/in/broken.json", b""), "无法读取数据"))
    assert sum(r.outcome.ok for r in rows) == count - 1
    assert workbook_view(summary_workbook(rows, WHEN)) == workbook_view(whole_in_memory(rows))
