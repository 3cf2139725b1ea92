"""Charts for the pages as inline SVG: no script, no image request, text selectable, CSP-safe.

The report's charts (:class:`jixiao.report.model.ChartSpec`) are drawn here from the
same data as the PNGs in the Word report; the compare page's charts use the same
bar drawing. Every label is escaped; colours come from CSS classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

from markupsafe import Markup

from jixiao.report.model import ChartSpec
from jixiao.textfmt import money, pct, score

WIDTH = 640
HEIGHT = 300
LEFT = 56
BOTTOM = 60
TOP = 28


def _label(v: Decimal, unit: str) -> str:
    return money(v) if unit == "万元" else score(v)


def bars(title: str, categories: Sequence[str], series: Sequence[tuple[str, Sequence[Decimal | None]]],
         unit: str) -> Markup:
    """Grouped vertical bars with value labels and a legend; a value of None draws no bar."""
    values = [v for _, vs in series for v in vs if v is not None]
    top = max([*values, Decimal(0)]) or Decimal(1)
    plot_h = HEIGHT - TOP - BOTTOM
    plot_w = WIDTH - LEFT - 10
    n = max(1, len(categories))
    group = plot_w / n
    width = group * 0.8 / max(1, len(series))
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}">',
             f'<line class="axis" x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - 10}" y2="{HEIGHT - BOTTOM}"/>',
             f'<text x="4" y="{TOP - 10}">{escape(unit)}</text>']
    for k, (name, vs) in enumerate(series):
        for i, v in enumerate(vs):
            if v is None:
                continue
            h = float(v / top) * plot_h if v > 0 else 0.0
            x = LEFT + group * i + group * 0.1 + width * k
            y = HEIGHT - BOTTOM - h
            parts.append(f'<rect class="bar-{k % 3}" x="{x:.1f}" y="{y:.1f}" width="{width * 0.92:.1f}" height="{h:.1f}">'
                         f'<title>{escape(categories[i])} {escape(name)} {escape(_label(v, unit))}</title></rect>')
            parts.append(f'<text x="{x + width * 0.46:.1f}" y="{y - 3:.1f}" text-anchor="middle">'
                         f'{escape(_label(v, unit))}</text>')
    for i, c in enumerate(categories):
        x = LEFT + group * i + group / 2
        text = c if len(c) <= 9 else c[:8] + "…"
        parts.append(f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">{escape(text)}'
                     f'<title>{escape(c)}</title></text>')
    if len(series) > 1:
        for k, (name, _) in enumerate(series):
            x = LEFT + k * 150
            parts.append(f'<rect class="bar-{k % 3}" x="{x}" y="{HEIGHT - 22}" width="12" height="12"/>'
                         f'<text x="{x + 16}" y="{HEIGHT - 12}">{escape(name)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def shares(title: str, groups: Sequence[tuple[str, Sequence[str], Sequence[Decimal], Sequence[Decimal | None]]]) -> Markup:
    """Each group as one 100% stacked horizontal bar (the web form of the report's pie charts)."""
    row_h = 70
    height = TOP + row_h * len(groups)
    plot_w = WIDTH - 20
    parts = [f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">']
    for g, (name, labels, values, stated) in enumerate(groups):
        y = TOP + g * row_h
        parts.append(f'<text x="10" y="{y - 6}">{escape(name)}</text>')
        total = sum(values, Decimal(0))
        x = 10.0
        for k, (label, v, s) in enumerate(zip(labels, values, stated, strict=True)):
            share = s if s is not None else (v / total * 100 if total else Decimal(0))
            w = float(share) / 100 * plot_w
            parts.append(f'<rect class="bar-{k % 3}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="22">'
                         f'<title>{escape(label)} {escape(money(v))}万元（{escape(pct(share))}）</title></rect>')
            parts.append(f'<text x="{x + 2:.1f}" y="{y + 38}">{escape(label)} {escape(money(v))}万元（{escape(pct(share))}）</text>'
                         if w > 120 or k == 0 else "")
            x += w
    parts.append("</svg>")
    return Markup("".join(parts))


def from_spec(spec: ChartSpec) -> Markup:
    if spec.kind == "pies":
        return shares(spec.title, spec.groups)
    return bars(spec.title, spec.categories, spec.series, spec.unit)
