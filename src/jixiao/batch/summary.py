"""The summary of an evaluation batch: one row per input, as table rows and as ``summary.xlsx``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
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
    """``summary.xlsx``: 汇总表 (every input), 失败 (each reason on its own row), 统计. Each sheet is written
    row by row (:func:`jixiao.xlsxprint.write_streamed`), so the workbook's cells are never all in memory
    however large the batch."""
    from io import BytesIO

    from openpyxl.styles import Alignment, Font, PatternFill

    from jixiao.safeio.ooxml import normalize_zip
    from jixiao.xlsxprint import Layout, Look, new_workbook, write_streamed

    head = Look(font=Font(bold=True), fill=PatternFill("solid", fgColor="DDEBF7"))
    body = Look(alignment=Alignment(wrap_text=True, vertical="top"))
    amount = Look(alignment=body.alignment, number_format="0.00")  # 总分, 满分
    looks = (body,) * 5 + (amount, amount) + (body,) * 5
    failed = (*looks[:-1], Look(font=Font(color="C00000"), alignment=body.alignment))  # its 说明 in red

    def summary_cells() -> Iterator[list[tuple[object, Look]]]:
        yield [(h, head) for h in COLUMNS]
        for i, row in enumerate(rows, 1):
            yield list(zip(row.cells(i), looks if row.outcome.ok else failed, strict=True))

    def failure_cells() -> Iterator[list[tuple[object, Look]]]:
        yield [(h, head) for h in ("序号", "输入文件", "原因")]
        for i, row in enumerate(rows, 1):
            for reason in () if row.outcome.ok else row.outcome.reasons:
                yield [(i, body), (row.outcome.name, body), (reason, body)]

    def count_cells() -> Iterator[list[tuple[object, Look]]]:
        yield [(h, head) for h in ("项目", "数量")]
        for k, v in counts(rows).items():
            yield [(k, body), (v, body)]

    wb = new_workbook(write_only=True)
    wraps = {2: 30, 3: 24, 5: 20, 9: 40, 10: 24, 12: 50}
    write_streamed(wb, "汇总表", summary_cells, Layout(header_rows=(1, 1), wrap=wraps, landscape=True), freeze="A2")
    write_streamed(wb, "失败", failure_cells, Layout(header_rows=(1, 1), wrap={2: 30, 3: 70}, landscape=False),
                   freeze="A2")
    write_streamed(wb, "统计", count_cells, Layout(header_rows=(1, 1), landscape=False), freeze="A2")
    buf = BytesIO()
    wb.save(buf)
    return normalize_zip(buf.getvalue(), when)
