"""Charts with Chinese labels as deterministic PNGs (matplotlib, Agg, no pyplot).

The CJK font is resolved by file (:func:`jixiao.report.fonts.chart_font`) and
registered with matplotlib explicitly, so a font cache built before the fonts were
installed cannot turn the labels into boxes; without a CJK font no chart is drawn
(:class:`~jixiao.report.fonts.ChartFontMissing`). PNG metadata omits the matplotlib
version so the same data gives the same bytes.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING

from jixiao.report.fonts import FontFace, chart_font
from jixiao.report.model import ChartSpec
from jixiao.textfmt import money, pct, score

if TYPE_CHECKING:
    from matplotlib.figure import Figure

COLOURS = ["#1f4e79", "#c0504d", "#7f7f7f", "#9bbb59"]
DPI = 150


@functools.cache
def _setup() -> FontFace:
    """Register the chart font's file and make its family the only one charts use."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager

    face = chart_font()
    font_manager.fontManager.addfont(str(face.path))
    found = font_manager.findfont(font_manager.FontProperties(family=face.family), fallback_to_default=False)
    if str(found) != str(face.path) or getattr(found, "face_index", face.index) != face.index:
        raise RuntimeError(f"matplotlib resolved {face.family!r} to {found}, not {face.path}")
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [face.family],
        "axes.unicode_minus": False,
        "svg.hashsalt": "jixiao",
        "path.simplify": True,
        "text.parse_math": False,  # labels are framework and department text: "$\\frac$" is text, not TeX
    })
    return face


def render_chart(spec: ChartSpec) -> bytes:
    fig = draw_chart(spec)
    buf = BytesIO()
    fig.savefig(buf, format="png", metadata={"Software": None})
    return buf.getvalue()


def draw_chart(spec: ChartSpec) -> Figure:
    """The chart as a matplotlib Figure on an Agg canvas (every label drawn in the chart font)."""
    _setup()
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if spec.kind == "pies":
        fig = Figure(figsize=(7.0, 3.6), dpi=DPI)
        n = len(spec.groups)
        for i, (title, labels, values, stated) in enumerate(spec.groups):
            ax = fig.add_subplot(1, n, i + 1)
            shares = [s for s in stated if s is not None]  # the engine's shares (content.py draws no pie without)
            wedges, _, autotexts = ax.pie(
                [float(v) for v in values], colors=COLOURS[: len(values)], startangle=90, counterclock=False,
                wedgeprops={"linewidth": 1, "edgecolor": "white"}, autopct="%.0f", pctdistance=0.7,
                textprops={"fontsize": 9, "color": "white"})
            for t, share in zip(autotexts, shares, strict=True):
                t.set_text(pct(share) if share >= 8 else "")
            ax.legend(wedges, [f"{lab} {money(v)}万元（{pct(share)}）"
                               for lab, v, share in zip(labels, values, shares, strict=True)],
                      loc="upper center", bbox_to_anchor=(0.5, 0.02), fontsize=9, frameon=False)
            ax.set_title(title, fontsize=11)
            ax.set_aspect("equal")
        fig.subplots_adjust(left=0.05, right=0.95, top=0.9, bottom=0.2, wspace=0.5)
    else:
        fig = Figure(figsize=(7.0, 3.6), dpi=DPI)
        ax = fig.add_subplot(1, 1, 1)
        n_series = len(spec.series)
        width = 0.8 / n_series
        xs = list(range(len(spec.categories)))
        for k, (name, column) in enumerate(spec.series):
            # a category without a value gets no bar and no label (never a 0.00 for a figure never entered)
            drawn = [(x, v) for x, v in zip(xs, column, strict=True) if v is not None]
            pos = [x - 0.4 + width * (k + 0.5) for x, _ in drawn]
            bars = ax.bar(pos, [float(v) for _, v in drawn], width * 0.92, label=name,
                          color=COLOURS[k % len(COLOURS)])
            ax.bar_label(bars, labels=[_label(v, spec.unit) for _, v in drawn], fontsize=8, padding=2)
        ax.set_xticks(xs)
        ax.set_xticklabels([_wrap(c) for c in spec.categories], fontsize=9)
        ax.set_ylabel(spec.unit, fontsize=9)
        ax.tick_params(axis="y", labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.margins(y=0.15)
        ax.legend(fontsize=9, frameon=False, loc="upper right")
        fig.subplots_adjust(left=0.1, right=0.98, top=0.95, bottom=0.18)
    FigureCanvasAgg(fig)
    return fig


def _label(v: Decimal, unit: str) -> str:
    return score(v) if unit == "分" else money(v)


def _wrap(text: str, width: int = 8) -> str:
    return "\n".join(text[i : i + width] for i in range(0, len(text), width))
