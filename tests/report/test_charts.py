"""Charts cannot show boxes: one CJK face found by file, every label's glyphs in it, loud failure without it;
the same data gives the same bytes, and drawing them needs no plotting library."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image

from jixiao.report import fonts
from jixiao.report.charts import COLOURS, chart_labels, render_chart
from jixiao.report.content import build_report
from jixiao.report.model import ChartSpec
from jixiao.textfmt import money, pct, score
from tests.report.report_helpers import EXAMPLES, load_example

EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


def _expected_labels(spec: ChartSpec) -> set[str]:
    """What a reader must find on the chart, from the spec (not from the drawing code)."""
    if spec.kind == "pies":
        out = set()
        for title, labels, values, shares in spec.groups:
            out.add(title)
            out |= {f"{lab} {money(v)}万元（{pct(s)}）" for lab, v, s in zip(labels, values, shares, strict=True)}
            out |= {pct(s) for s in shares if s is not None and s >= 8}
        return out
    out = {spec.unit, *(name for name, _ in spec.series)}
    out |= {(score(v) if spec.unit == "分" else money(v)) for _, column in spec.series for v in column if v is not None}
    out |= {c[i : i + 8] for c in spec.categories for i in range(0, len(c), 8)}
    return out


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_chart_label_is_drawn_with_glyphs_of_the_chart_font(name: str) -> None:
    dy, result, fw = load_example(name)
    report = build_report(dy, result, fw)
    face = fonts.chart_font()
    assert report.charts, "every example has charts"
    for spec in report.charts:
        labels = [label.text for label in chart_labels(spec)]
        assert _expected_labels(spec) <= set(labels), (spec.key, _expected_labels(spec) - set(labels))
        assert any(any("\u4e00" <= c <= "\u9fff" for c in s) for s in labels), labels  # Chinese is drawn
        assert face.missing(labels) == "", (spec.key, face.missing(labels))


def test_chart_is_a_deterministic_print_quality_png() -> None:
    dy, result, fw = load_example("wanzhou-2020")
    for spec in build_report(dy, result, fw).charts:
        data = render_chart(spec)
        assert data == render_chart(spec), spec.key  # byte for byte (batch engines compare files)
        image = Image.open(BytesIO(data))
        assert image.format == "PNG" and image.size == (1050, 540), (spec.key, image.size)
        assert round(image.info["dpi"][0]) == 150, image.info
        assert set(image.info) <= {"dpi"}, image.info  # no software or time stamp in the file
        drawn = {c for _, c in image.convert("RGB").getcolors(maxcolors=1 << 16) or []}
        assert drawn >= {(255, 255, 255), (0, 0, 0), _rgb(COLOURS[0]), _rgb(COLOURS[1])}, spec.key


def test_bars_are_as_tall_as_their_values() -> None:
    """A bar of 40 reaches twice as high as a bar of 20 (measured on the image, from the axis)."""
    spec = ChartSpec(key="t", filename="t.png", title="测试", kind="bars", categories=("甲", "乙"),
                     series=(("得分", (Decimal(20), Decimal(40))),), unit="分")
    image = Image.open(BytesIO(render_chart(spec))).convert("RGB")
    colour = _rgb(COLOURS[0])
    columns = {}
    for x in range(image.width):
        ys = [y for y in range(image.height) if image.getpixel((x, y)) == colour]
        if ys:
            columns[x] = (min(ys), max(ys))
    assert columns, "bars drawn in the first series' colour"
    xs = sorted(columns)
    gap = next(i for i in range(1, len(xs)) if xs[i] != xs[i - 1] + 1)
    (top1, base1), (top2, base2) = columns[xs[gap // 2]], columns[xs[(gap + len(xs)) // 2]]
    assert abs(base1 - base2) <= 1
    assert abs((base2 - top2 + 1) - 2 * (base1 - top1 + 1)) <= 2, (columns[xs[0]], columns[xs[-1]])


def test_the_legend_leaves_room_above_the_bars_under_it() -> None:
    """The last category is the tallest: the axis grows so that its bars and labels stay below the legend."""
    spec = ChartSpec(key="t", filename="t.png", title="测试", kind="bars", categories=("投入", "过程", "产出", "效果"),
                     series=(("满分", (Decimal(20), Decimal(20), Decimal(30), Decimal(30))),
                             ("得分", (Decimal(18), Decimal("19.5"), Decimal(28), Decimal(30)))), unit="分")
    image = Image.open(BytesIO(render_chart(spec))).convert("RGB")
    red = _rgb(COLOURS[1])
    stacked = 0
    for x in range(image.width * 4 // 5, image.width):
        ys = [y for y in range(image.height) if image.getpixel((x, y)) == red]
        runs = [y for i, y in enumerate(ys) if i and y != ys[i - 1] + 1]  # where a second run starts
        if runs:  # the legend's patch above the last bar in this column
            stacked += 1
            patch_end = ys[ys.index(runs[0]) - 1]
            assert runs[0] - patch_end >= 30, (x, patch_end, runs[0])  # room for the bar's label between them
    assert stacked > 10, "the legend's patch stands above the last bar"


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def test_charts_need_no_matplotlib() -> None:
    code = ("import sys\nfrom tests.report.report_helpers import load_example\n"
            "from jixiao.report.content import build_report\nfrom jixiao.report.charts import render_chart\n"
            "dy, result, fw = load_example('wanzhou-2020')\n"
            "assert all(render_chart(s)[:4] == b'\\x89PNG' for s in build_report(dy, result, fw).charts)\n"
            "print('matplotlib' in sys.modules)\n")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True,
                          env={"PYTHONPATH": f"{root / 'src'}:{root}", "PATH": "/usr/bin:/bin"})
    assert done.stdout.strip() == "False", done.stderr


def test_chart_font_is_the_simplified_chinese_face_of_a_real_file() -> None:
    face = fonts.chart_font()
    assert face.path.is_file()
    assert face.family in [family for family, _ in fonts.CHART_FONTS]
    assert any(f.index == face.index and f.family == face.family for f in fonts.faces(face.path))
    assert face.missing(fonts.gb2312_hanzi()) == ""
    assert face.missing(["预算执行率\ue000"]) == "\ue000"  # the check itself can fail


def test_without_fontconfig_the_font_folders_give_the_same_face(monkeypatch: pytest.MonkeyPatch) -> None:
    found = fonts.chart_font()
    monkeypatch.setattr(fonts, "_fc_match", lambda family: None)
    fonts.chart_font.cache_clear()
    try:
        assert fonts.chart_font() == found
    finally:
        fonts.chart_font.cache_clear()


def test_no_cjk_font_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "CHART_FONTS", (("No Such CJK Family", ("no-such-file.ttc",)),))
    fonts.chart_font.cache_clear()
    try:
        with pytest.raises(fonts.ChartFontMissing, match="fonts-noto-cjk"):
            fonts.chart_font()
    finally:
        fonts.chart_font.cache_clear()


def test_a_missing_glyph_is_an_error_not_a_warning() -> None:
    """pyproject's filterwarnings turns the chart's "Glyph … missing" warning into an error."""
    spec = ChartSpec(key="t", filename="t.png", title="测试", kind="bars", categories=("甲\ue000",),
                     series=(("预算数", (Decimal(1),)),))
    with pytest.raises(UserWarning, match="Glyph"):
        render_chart(spec)
