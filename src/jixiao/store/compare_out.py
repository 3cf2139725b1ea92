"""Writing a comparison: an Excel workbook with a native chart sheet, and PNG charts with Chinese labels."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.safeio.atomic import atomic_write
from jixiao.safeio.inert import inert_cells
from jixiao.safeio.outdir import check_output_dir, record
from jixiao.store.compare import Comparison, Group
from jixiao.textfmt import pct, q2, score

CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei", "DejaVu Sans"]


def _f(value: Decimal | None) -> float | None:
    """A figure as Excel stores numbers (presentation only)."""
    return None if value is None else float(q2(value))


def _title(c: Comparison, g: Group) -> str:
    where = f"{c.region} " if c.region else ""
    return f"{where}{c.year} 年度部门整体支出绩效评价比较 — {g.framework_name}"


def workbook_bytes(c: Comparison) -> bytes:
    """排名 / 一级指标 / 等级分布 / 异常值 sheets per framework group, and a chart sheet of the totals."""
    import jixiao.xlsxlib  # noqa: F401, I001  (first: openpyxl without numpy)
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill

    from jixiao.xlsxprint import Layout, lay_out, lay_out_chart, new_workbook, rule

    header_font = Font(name="宋体", bold=True)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    wb = new_workbook()
    for default in list(wb.worksheets):
        wb.remove(default)
    notes = wb.create_sheet("说明")
    notes.append([f"{c.region or '全部地区'} {c.year} 年度：{c.count} 个部门年度，按评价框架分组比较"])
    notes.append([c.method])
    notes["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    lay_out(notes, Layout(wrap={1: 66}, landscape=False))
    for i, g in enumerate(c.groups, start=1):
        suffix = f"{i}" if len(c.groups) > 1 else ""
        ws = wb.create_sheet(f"排名{suffix}")
        ws.append([_title(c, g)])
        ws["A1"].font = Font(name="宋体", bold=True, size=13)
        header = ["名次", "部门", "地区", "预算编码", "总分", "等级", *g.indicator_names]
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
        ws.append(header)
        for cell in ws[2]:
            cell.font, cell.fill = header_font, header_fill
        for r in g.ranking:
            scores = {n: s for n, _, s in r.peer.tops}
            ws.append([r.rank, r.peer.department, r.peer.region, r.peer.code, _f(r.peer.total), r.peer.grade,
                       *[_f(scores.get(n)) for n in g.indicator_names]])
        for p in g.incomplete:
            scores = {n: s for n, _, s in p.tops}
            ws.append(["不排名", p.department, p.region, p.code, _f(p.total), f"缺 {p.missing_count} 项数据",
                       *[_f(scores.get(n)) for n in g.indicator_names]])
        rule(ws, 2)
        _formats(ws, 3, (5, *range(7, len(header) + 1)))
        lay_out(ws, Layout(header_rows=(2, 2), wrap={2: 30, 3: 16}))
        ws.freeze_panes = "C3"
        ranked = len(g.ranking)
        if ranked:
            chart = BarChart()
            chart.type = "bar"
            chart.title = f"总分排名（{g.framework_name}）"
            chart.y_axis.title = "总分"
            shown = min(ranked, 50)
            data = Reference(ws, min_col=5, min_row=2, max_row=2 + shown)
            cats = Reference(ws, min_col=2, min_row=3, max_row=2 + shown)
            chart.add_data(data, titles_from_data=True)
            chart.set_categories(cats)
            chart.x_axis.scaling.orientation = "maxMin"
            chart.legend = None
            sheet = wb.create_chartsheet(f"总分图{suffix}")
            sheet.add_chart(chart)
            lay_out_chart(sheet)
        ind = wb.create_sheet(f"一级指标{suffix}")
        ind.append(["一级指标", "名次", "部门", "得分"])
        for cell in ind[1]:
            cell.font, cell.fill = header_font, header_fill
        for name, ranking in g.by_indicator:
            for r in ranking:
                ind.append([name, r.rank, r.peer.department, _f(r.value)])
        rule(ind, 1)
        _formats(ind, 2, (4,))
        ind.freeze_panes = "A2"
        lay_out(ind, Layout(header_rows=(1, 1), wrap={3: 30}))
        grades = wb.create_sheet(f"等级分布{suffix}")
        grades.append(["等级", "部门数"])
        for gr, n in g.grades:
            grades.append([gr, n])
        rule(grades, 1)
        lay_out(grades, Layout(header_rows=(1, 1)))
        bar = BarChart()
        bar.title = "等级分布"
        bar.add_data(Reference(grades, min_col=2, min_row=1, max_row=1 + len(g.grades)), titles_from_data=True)
        bar.set_categories(Reference(grades, min_col=1, min_row=2, max_row=1 + len(g.grades)))
        bar.legend = None
        grades.add_chart(bar, "D2")
        out = wb.create_sheet(f"异常值{suffix}")
        out.append(["部门", "指标", "数值", "同组中位数", "稳健 z 分数", "判断"])
        for cell in out[1]:
            cell.font, cell.fill = header_font, header_fill
        for o in g.outliers:
            out.append([o.department, o.measure, _f(o.value * (100 if o.measure.endswith("得分率") else 1)),
                        _f(o.median * (100 if o.measure.endswith("得分率") else 1)), _f(o.z), o.direction])
        rule(out, 1)
        _formats(out, 2, (3, 4, 5))
        out.freeze_panes = "A2"
        lay_out(out, Layout(header_rows=(1, 1), wrap={1: 30, 2: 24}))
    # Chart sheets go last: openpyxl numbers the print titles and areas of worksheets as if no chart
    # sheet stood between them, so a chart sheet in the middle gives the next sheets the wrong ones.
    for cs in wb.chartsheets:
        wb.move_sheet(cs.title, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index(cs.title))
    for ws_ in wb.worksheets:
        inert_cells(ws_)  # department and framework names are imported text (jixiao.safeio.inert)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _formats(ws: Any, first_row: int, columns: tuple[int, ...]) -> None:
    """Scores and figures with two fixed decimals."""
    for row in ws.iter_rows(min_row=first_row):
        for cell in row:
            if cell.column in columns:
                cell.number_format = "0.00"


def measure_text(measure: str, value: Decimal) -> str:
    """An outlier's value as shown: score rates and ratios in percent."""
    return pct(value * 100) if measure.endswith("得分率") else pct(value)


def write_charts(c: Comparison, folder: Path, *, force: bool = False) -> list[Path]:
    """PNG charts per framework group: totals ranking, grade distribution, indicator score rates (box plot).

    Each file is written atomically; the folder may hold only charts jixiao wrote there before
    (:mod:`jixiao.safeio.outdir`), anything else stops the run unless ``force``."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"font.family": "sans-serif", "font.sans-serif": CJK_FONTS, "axes.unicode_minus": False,
                                "text.parse_math": False})  # department names are text, never TeX
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    folder = folder.absolute()
    check_output_dir(folder, [], [], force=force)
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(fig: Figure, name: str) -> None:
        FigureCanvasAgg(fig)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        path = folder / name
        atomic_write(path, buffer.getvalue(), force=True)  # checked above: only jixiao's own charts are replaced
        written.append(path)

    for i, g in enumerate(c.groups, start=1):
        suffix = f"-{i}" if len(c.groups) > 1 else ""
        if g.ranking:
            top = g.ranking[:30]
            fig = Figure(figsize=(8, max(3.0, 0.28 * len(top) + 1.2)))
            ax = fig.add_subplot()
            ax.barh([f"{r.rank}. {r.peer.department}" for r in top], [float(r.value) for r in top], color="#1f4e79")
            ax.invert_yaxis()
            ax.set_xlabel("总分")
            ax.set_title(f"{c.year} 年度总分排名（前 {len(top)} 名，共 {len(g.ranking)} 个）")
            fig.tight_layout()
            save(fig, f"总分排名{suffix}.png")
        fig = Figure(figsize=(6, 3.5))
        ax = fig.add_subplot()
        ax.bar([gr for gr, _ in g.grades], [n for _, n in g.grades], color="#c0504d")
        ax.set_ylabel("部门数")
        ax.set_title(f"{c.year} 年度等级分布")
        fig.tight_layout()
        save(fig, f"等级分布{suffix}.png")
        rates = []
        for name in g.indicator_names:
            rates.append([float(s / w * 100) for p in g.peers for n, w, s in p.tops if n == name and s is not None and w])
        if any(rates):
            fig = Figure(figsize=(max(5.0, 1.2 * len(rates) + 2), 4))
            ax = fig.add_subplot()
            ax.boxplot(rates, tick_labels=list(g.indicator_names), whis=(0, 100) if len(g.peers) < 5 else 1.5)
            ax.set_ylabel("得分率（%）")
            ax.set_title(f"{c.year} 年度一级指标得分率分布")
            fig.tight_layout()
            save(fig, f"一级指标得分率{suffix}.png")
    record(folder, written)
    return written


__all__ = ["score", "workbook_bytes", "write_charts"]
