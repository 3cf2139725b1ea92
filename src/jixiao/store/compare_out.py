"""Writing a comparison: an Excel workbook with a native chart sheet, and PNG charts with Chinese labels."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

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
    from openpyxl import Workbook
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Alignment, Font, PatternFill

    import jixiao.xlsxlib  # noqa: F401  (openpyxl without numpy)

    header_font = Font(name="宋体", bold=True)
    header_fill = PatternFill("solid", fgColor="D9E1F2")
    wb = Workbook()
    wb.remove(wb.active)  # type: ignore[arg-type]
    notes = wb.create_sheet("说明")
    notes.append([f"{c.region or '全部地区'} {c.year} 年度：{c.count} 个部门年度，按评价框架分组比较"])
    notes.append([c.method])
    notes["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    notes.column_dimensions["A"].width = 120
    for i, g in enumerate(c.groups, start=1):
        suffix = f"{i}" if len(c.groups) > 1 else ""
        ws = wb.create_sheet(f"排名{suffix}")
        ws.append([_title(c, g)])
        ws["A1"].font = Font(name="宋体", bold=True, size=13)
        header = ["名次", "部门", "地区", "预算编码", "总分", "等级", *g.indicator_names]
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
        ws.column_dimensions["B"].width = 40
        ws.column_dimensions["C"].width = 16
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
        ind = wb.create_sheet(f"一级指标{suffix}")
        ind.append(["一级指标", "名次", "部门", "得分"])
        for cell in ind[1]:
            cell.font, cell.fill = header_font, header_fill
        for name, ranking in g.by_indicator:
            for r in ranking:
                ind.append([name, r.rank, r.peer.department, _f(r.value)])
        ind.column_dimensions["C"].width = 40
        grades = wb.create_sheet(f"等级分布{suffix}")
        grades.append(["等级", "部门数"])
        for gr, n in g.grades:
            grades.append([gr, n])
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
        out.column_dimensions["A"].width = 40
        out.column_dimensions["B"].width = 24
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def measure_text(measure: str, value: Decimal) -> str:
    """An outlier's value as shown: score rates and ratios in percent."""
    return pct(value * 100) if measure.endswith("得分率") else pct(value)


def write_charts(c: Comparison, folder: Path) -> list[Path]:
    """PNG charts per framework group: totals ranking, grade distribution, indicator score rates (box plot)."""
    import matplotlib

    matplotlib.use("Agg")
    matplotlib.rcParams.update({"font.family": "sans-serif", "font.sans-serif": CJK_FONTS, "axes.unicode_minus": False})
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def save(fig: Figure, name: str) -> None:
        FigureCanvasAgg(fig)
        path = folder / name
        fig.savefig(path, dpi=150, metadata={"Software": None})
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
    return written


__all__ = ["score", "workbook_bytes", "write_charts"]
