"""The report's charts as deterministic PNGs, drawn with Pillow in the chart font.

Three fixed kinds of chart (two pies side by side, grouped bars of amounts, grouped bars of
scores) do not need a plotting library: each is laid out here in points on a 7 × 3.6 inch
canvas at 150 dpi (text anti-aliased by FreeType; the pies drawn at four times the resolution and
reduced, so their edges are smooth), mapped to a fixed palette of the chart's colours and their
blends and saved without metadata: the same data gives the same bytes, at a tenth of matplotlib's cost.

Every label is drawn with one CJK face found by file (:func:`jixiao.report.fonts.chart_font`);
without one no chart is drawn (:class:`~jixiao.report.fonts.ChartFontMissing`). A label with a
character the face lacks would be drawn as a box: it is reported as a ``UserWarning`` starting
"Glyph" (the tests turn it into an error). Labels are plain text: nothing is read as TeX.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from PIL import Image, ImageDraw, ImageFont

from jixiao.report.fonts import FontFace, chart_font
from jixiao.report.model import ChartSpec
from jixiao.textfmt import money, pct, score

COLOURS = ["#1f4e79", "#c0504d", "#7f7f7f", "#9bbb59"]
DPI = 150
SIZE_IN = (7.0, 3.6)  # the canvas, inches (a 140 mm wide picture in the report)
SUPER = 4  # pies are drawn at this multiple of the final resolution, then reduced (smooth edges)
INK = "#000000"
WHITE = "#ffffff"
PT = DPI / 72  # pixels per point


@dataclass(frozen=True)
class Label:
    """One text drawn on a chart, with its size in points (what the tests inspect)."""

    text: str
    size: float


class _Canvas:
    """A white canvas measured in points from the top left; text in the chart face."""

    def __init__(self, face: FontFace) -> None:
        self.face = face
        self.width = SIZE_IN[0] * 72
        self.height = SIZE_IN[1] * 72
        self.image = Image.new("RGB", (round(self.width * PT), round(self.height * PT)), WHITE)
        self.draw = ImageDraw.Draw(self.image)
        self.labels: list[Label] = []

    def font(self, size: float) -> ImageFont.FreeTypeFont:
        return _font(str(self.face.path), self.face.index, size)

    def text_width(self, text: str, size: float) -> float:
        return self.font(size).getlength(text) / PT

    def text(self, x: float, y: float, text: str, size: float, anchor: str, fill: str = INK) -> None:
        """``anchor``: Pillow's two letters (horizontal l/m/r, vertical a(scender)/m(iddle)/d(escender))."""
        self.labels.append(Label(text, size))
        self.draw.text((x * PT, y * PT), text, font=self.font(size), fill=fill, anchor=anchor)

    def vertical_text(self, x: float, y: float, text: str, size: float) -> None:
        """Text turned a quarter left (read bottom to top), centred on (x, y)."""
        self.labels.append(Label(text, size))
        font = self.font(size)
        left, top, right, bottom = (math.floor(v) for v in font.getbbox(text, anchor="ls"))
        mask = Image.new("L", (right - left + 3, bottom - top + 3), 0)
        ImageDraw.Draw(mask).text((1 - left, 1 - top), text, font=font, fill=255, anchor="ls")
        mask = mask.transpose(Image.Transpose.ROTATE_90)
        ink = Image.new("RGB", mask.size, INK)
        self.image.paste(ink, (round(x * PT - mask.width / 2), round(y * PT - mask.height / 2)), mask)

    def rect(self, x0: float, y0: float, x1: float, y1: float, fill: str) -> None:
        box = (round(x0 * PT), round(min(y0, y1) * PT), round(x1 * PT) - 1, round(max(y0, y1) * PT) - 1)
        if box[2] >= box[0] and box[3] >= box[1]:  # a bar of 0 has no area
            self.draw.rectangle(box, fill=fill)

    def line(self, x0: float, y0: float, x1: float, y1: float, width: float = 0.8, fill: str = INK) -> None:
        self.draw.line((x0 * PT, y0 * PT, x1 * PT, y1 * PT), fill=fill, width=max(1, round(width * PT)))

    def pie(self, cx: float, cy: float, radius: float, values: Sequence[Decimal]) -> list[tuple[float, float]]:
        """Wedges from twelve o'clock clockwise, white lines between them; (start, sweep) of each, degrees."""
        total = sum((float(v) for v in values), 0.0)
        r = math.ceil(radius * PT) + 1  # the square drawn at SUPER times the resolution, then reduced
        big = Image.new("RGB", (2 * r * SUPER, 2 * r * SUPER), WHITE)
        draw = ImageDraw.Draw(big)
        scale = PT * SUPER
        centre = r * SUPER
        box = (centre - radius * scale, centre - radius * scale, centre + radius * scale, centre + radius * scale)
        spans = []
        start = -90.0
        for k, v in enumerate(values):
            sweep = 360.0 * float(v) / total if total else 0.0
            if sweep > 0:
                draw.pieslice(box, start, start + sweep, fill=COLOURS[k % len(COLOURS)])
            spans.append((start, sweep))
            start += sweep
        for a, sweep in spans:
            if 0 < sweep < 360:
                for edge in (a, a + sweep):
                    t = math.radians(edge)
                    draw.line((centre, centre, centre + radius * scale * math.cos(t), centre + radius * scale * math.sin(t)),
                              fill=WHITE, width=round(1.0 * scale))
        self.image.paste(big.reduce(SUPER), (round(cx * PT) - r, round(cy * PT) - r))
        return spans

    def png(self) -> bytes:
        """Mapped to a fixed palette of the chart's colours and their blends (a tenth of the time to encode)."""
        buf = BytesIO()
        self.image.quantize(palette=_palette(), dither=Image.Dither.NONE).save(buf, format="PNG", dpi=(DPI, DPI))
        return buf.getvalue()


BLENDS = 16  # levels between two colours that meet at an edge (anti-aliased text and shapes)


@functools.cache
def _palette() -> Image.Image:
    """White, black and the series colours, with the blends of each with white and black."""
    def rgb(h: str) -> tuple[int, int, int]:
        return int(h[1:3], 16), int(h[3:5], 16), int(h[5:7], 16)

    white, black = rgb(WHITE), rgb(INK)
    pairs = [(white, black), *((white, rgb(h)) for h in COLOURS), *((black, rgb(h)) for h in COLOURS)]
    colours = dict.fromkeys(tuple(round(a[i] + (b[i] - a[i]) * k / (BLENDS - 1)) for i in range(3))
                            for a, b in pairs for k in range(BLENDS))
    image = Image.new("P", (1, 1))
    image.putpalette([v for c in colours for v in c])
    return image


@functools.cache
def _font(path: str, index: int, size: float) -> ImageFont.FreeTypeFont:
    # BASIC layout: the same glyph positions whether or not libraqm is installed (byte-identical charts)
    return ImageFont.truetype(path, size * PT, index=index, layout_engine=ImageFont.Layout.BASIC)


def render_chart(spec: ChartSpec) -> bytes:
    """The chart as PNG bytes (1050 × 540 pixels, 150 dpi)."""
    return draw_chart(spec).png()


def chart_labels(spec: ChartSpec) -> list[Label]:
    """Every text the chart draws, in drawing order."""
    return draw_chart(spec).labels


def draw_chart(spec: ChartSpec) -> _Canvas:
    canvas = _Canvas(chart_font())
    if spec.kind == "pies":
        _pies(canvas, spec)
    else:
        _bars(canvas, spec)
    _check_glyphs(canvas)
    return canvas


def _check_glyphs(canvas: _Canvas) -> None:
    missing = canvas.face.missing(label.text for label in canvas.labels)
    for ch in missing:
        warnings.warn(f"Glyph {ord(ch)} ({ch!r}) missing from font {canvas.face.family} ({canvas.face.path}); "
                      "the chart shows a box for it", UserWarning, stacklevel=3)


# --- pies -------------------------------------------------------------------------------------

LEGEND_PATCH = (2.0, 0.7)  # em: a legend's colour patch
LEGEND_GAP = 0.8  # em between patch and text
LEGEND_LINE = 1.45  # em: one legend entry's height


def _pies(c: _Canvas, spec: ChartSpec) -> None:
    n = len(spec.groups)
    left, right, top, bottom = 0.05 * c.width, 0.95 * c.width, 0.1 * c.height, 0.8 * c.height
    cell = (right - left) / (n + 0.5 * (n - 1))  # the plots with half a plot between them
    side = min(cell, bottom - top)
    radius = side / 2 / 1.25
    for i, (title, labels, values, stated) in enumerate(spec.groups):
        cx = left + i * cell * 1.5 + cell / 2
        cy = (top + bottom) / 2
        c.text(cx, cy - side / 2 - 4, title, 11, "md")
        shares = [s for s in stated if s is not None]  # the engine's shares (content.py draws no pie without)
        spans = c.pie(cx, cy, radius, values)
        for (a, sweep), share in zip(spans, shares, strict=True):
            if share >= 8:  # a narrow wedge has no room for its share; the legend states it
                t = math.radians(a + sweep / 2)
                c.text(cx + 0.7 * radius * math.cos(t), cy + 0.7 * radius * math.sin(t), pct(share), 9, "mm", WHITE)
        entries = [f"{lab} {money(v)}万元（{pct(share)}）" for lab, v, share in zip(labels, values, shares, strict=True)]
        _legend(c, entries, 9, cx, cy + side / 2 + 6, centre=True)


def _legend_width(c: _Canvas, entries: Sequence[str], size: float) -> float:
    return max((c.text_width(e, size) for e in entries), default=0.0) + (LEGEND_PATCH[0] + LEGEND_GAP) * size


def _legend(c: _Canvas, entries: Sequence[str], size: float, x: float, y: float, centre: bool) -> None:
    """Colour patches and their texts, one entry a line; (x, y): the top centre (``centre``) or the top right."""
    em = size
    width = _legend_width(c, entries, size)
    x0 = x - width / 2 if centre else x - width
    for k, entry in enumerate(entries):
        mid = y + (k + 0.5) * LEGEND_LINE * em
        c.rect(x0, mid - LEGEND_PATCH[1] * em / 2, x0 + LEGEND_PATCH[0] * em, mid + LEGEND_PATCH[1] * em / 2,
               COLOURS[k % len(COLOURS)])
        c.text(x0 + (LEGEND_PATCH[0] + LEGEND_GAP) * em, mid, entry, size, "lm")


# --- bars -------------------------------------------------------------------------------------

def _bars(c: _Canvas, spec: ChartSpec) -> None:
    left, right, top, bottom = 0.1 * c.width, 0.98 * c.width, 0.05 * c.height, 0.82 * c.height
    values = [float(v) for _, column in spec.series for v in column if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    span = (high - low) or 1.0
    if high > 0 or not values:
        high += 0.15 * span
    if low < 0:
        low -= 0.15 * span
    if high == low:
        high = low + 1.0
    ncat = max(1, len(spec.categories))
    x_low, x_high = -0.4 - 0.04 * ncat, ncat - 0.6 + 0.04 * ncat  # the bars with a margin either side

    def x_of(v: float) -> float:
        return left + (v - x_low) / (x_high - x_low) * (right - left)

    n_series = max(1, len(spec.series))
    width = 0.8 / n_series
    # a category without a value gets no bar and no label (never a 0.00 for a figure never entered)
    bars = [(k, x, value, x - 0.4 + width * (k + 0.5), _bar_label(value, spec.unit))
            for k, (_, column) in enumerate(spec.series) for x, value in enumerate(column) if value is not None]
    # the legend sits in the top right corner: a bar (or its label) under it makes room by a higher axis
    names = [name for name, _ in spec.series]
    legend_left = right - 4 - _legend_width(c, names, 9)
    room = (bottom - (top + 2 + len(names) * LEGEND_LINE * 9) - 14) / (bottom - top)  # below the legend
    for _, _, value, centre, label in bars:
        if value > 0 and room > 0 and x_of(centre) + c.text_width(label, 8) / 2 >= legend_left:
            high = max(high, low + (float(value) - low) / room)

    def y_of(v: float) -> float:
        return bottom - (v - low) / (high - low) * (bottom - top)

    # y axis: ticks at a round step, their labels, the unit
    step, places = _step(high - low)
    widest = 0.0
    k = math.ceil(low / step - 1e-9)
    while k * step <= high + 1e-9:
        text = f"{Decimal(k) * Decimal(repr(step)):.{places}f}"
        y = y_of(k * step)
        c.line(left - 3.5, y, left, y)
        c.text(left - 5.5, y, text, 8, "rm")
        widest = max(widest, c.text_width(text, 8))
        k += 1
    c.vertical_text(left - 5.5 - widest - 8, (top + bottom) / 2, spec.unit, 9)
    c.line(left, top, left, bottom)
    c.line(left, bottom, right, bottom)
    if low < 0:
        c.line(left, y_of(0.0), right, y_of(0.0), width=0.5)

    for k, _, value, centre, label in bars:
        half = width * 0.92 / 2
        c.rect(x_of(centre - half), y_of(0.0), x_of(centre + half), y_of(float(value)), COLOURS[k % len(COLOURS)])
        if value >= 0:
            c.text(x_of(centre), y_of(float(value)) - 2, label, 8, "md")
        else:
            c.text(x_of(centre), y_of(float(value)) + 2, label, 8, "ma")
    for x, category in enumerate(spec.categories):
        cx = x_of(x)
        c.line(cx, bottom, cx, bottom + 3.5)
        for i, line in enumerate(_wrap(category)):
            c.text(cx, bottom + 5 + i * 9 * 1.2, line, 9, "ma")
    if names:
        _legend(c, names, 9, right - 4, top + 2, centre=False)


def _bar_label(value: Decimal, unit: str) -> str:
    return score(value) if unit == "分" else money(value)


def _step(span: float, most: int = 7) -> tuple[float, int]:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving at most ``most`` intervals; its decimals."""
    power = 10.0 ** math.floor(math.log10(span / most))
    for mult, places in ((1, 0), (2, 0), (2.5, 1), (5, 0), (10, 0)):
        step = mult * power
        if span / step <= most + 1e-9:
            exponent = -math.floor(math.log10(power))
            return step, max(0, exponent + places)
    return 10 * power, max(0, -math.floor(math.log10(power)) - 1)


def _wrap(text: str, width: int = 8) -> list[str]:
    return [text[i : i + width] for i in range(0, len(text), width)] or [""]
