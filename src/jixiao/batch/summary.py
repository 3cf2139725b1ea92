"""The summary of an evaluation batch: one row per input, as table rows and as ``summary.xlsx``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from jixiao.batch.evaluation import Evaluated
from jixiao.textfmt import score

COLUMNS = ("序号", "输入文件", "部门", "年度", "评价框架", "总分", "满分", "等级", "一级指标得分", "报告文件夹", "入库", "说明")
GRADES = ("优", "良", "中", "差")


@dataclass(frozen=True)
class Row:
    """One input as the summary shows it; ``folder`` and ``stored`` are filled by the client."""

    outcome: Evaluated
    folder: str = ""
    stored: str = ""

    def cells(self, index: int) -> list[object]:
        o = self.outcome
        if not o.ok:
            return [index, o.name, "", "", "", "", "", "", "", "", self.stored, "失败：" + "；".join(o.reasons)]
        grade = o.grade or (f"未定级（缺 {o.missing} 项数据）" if o.missing else "未定级")
        parts = "；".join(f"{s.name} {score(s.score) if s.score is not None else '缺数据'}/{score(s.weight)}"
                         for s in o.scores)
        remarks = "；".join((*o.warnings, *o.notes))
        return [index, o.name, o.department, o.year, o.framework_name or o.framework_id,
                float(o.total) if o.total is not None else "", float(o.max_total) if o.max_total is not None else "",
                grade, parts, self.folder, self.stored, remarks]


def counts(rows: Sequence[Row]) -> dict[str, int]:
    grades = Counter(r.outcome.grade for r in rows if r.outcome.ok)
    out = {"输入": len(rows), "已评价": sum(r.outcome.ok for r in rows), "失败": sum(not r.outcome.ok for r in rows)}
    out.update({f"等级{g}": grades.get(g, 0) for g in GRADES})
    out["未定级"] = grades.get(None, 0)
    return out


def summary_workbook(rows: Sequence[Row], when: date) -> bytes:
    """``summary.xlsx``: 汇总表 (every input), 失败 (each reason on its own row), 统计."""
    from io import BytesIO

    from openpyxl.styles import Alignment, Font, PatternFill

    from jixiao.safeio.ooxml import normalize_zip
    from jixiao.xlsxprint import Layout, lay_out, new_workbook

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
    return normalize_zip(buf.getvalue(), when)
