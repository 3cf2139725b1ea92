"""Charts cannot show boxes: one CJK face found by file, every label's glyphs in it, loud failure without it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from jixiao.report import fonts
from jixiao.report.charts import draw_chart, render_chart
from jixiao.report.content import build_report
from jixiao.report.model import ChartSpec
from tests.report.report_helpers import EXAMPLES, load_example

EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


def _texts(spec: ChartSpec) -> list[Text]:
    fig = draw_chart(spec)
    fig.canvas.draw()  # tick labels and autotexts exist only after a draw
    return [t for t in fig.findobj(Text) if t.get_text().strip()]


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_every_chart_label_is_drawn_with_glyphs_of_the_chart_font(name: str) -> None:
    dy, result, fw = load_example(name)
    report = build_report(dy, result, fw)
    face = fonts.chart_font()
    assert report.charts, "every example has charts"
    for spec in report.charts:
        texts = _texts(spec)
        labels = [t.get_text() for t in texts]
        assert any(any("\u4e00" <= c <= "\u9fff" for c in s) for s in labels), labels  # Chinese is drawn
        assert face.missing(labels) == "", (spec.key, face.missing(labels))
        for t in texts:  # and drawn with that face, not a fallback
            used = font_manager.findfont(t.get_fontproperties(), fallback_to_default=False)
            assert (str(used), getattr(used, "face_index", 0)) == (str(face.path), face.index), t.get_text()


def test_chart_font_is_the_simplified_chinese_face_of_a_real_file() -> None:
    face = fonts.chart_font()
    assert face.path.is_file()
    assert face.family in [family for family, _ in fonts.CHART_FONTS]
    assert any(f.index == face.index and f.family == face.family for f in fonts.faces(face.path))
    assert face.missing(fonts.gb2312_hanzi()) == ""
    assert face.missing(["预算执行率\ue000"]) == "\ue000"  # the check itself can fail


def test_no_cjk_font_fails_loudly(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fonts, "CHART_FONTS", (("No Such CJK Family", ("no-such-file.ttc",)),))
    fonts.chart_font.cache_clear()
    try:
        with pytest.raises(fonts.ChartFontMissing, match="fonts-noto-cjk"):
            fonts.chart_font()
    finally:
        fonts.chart_font.cache_clear()


def test_a_missing_glyph_is_an_error_not_a_warning() -> None:
    """pyproject's filterwarnings turns matplotlib's "Glyph … missing" into an error."""
    spec = ChartSpec(key="t", filename="t.png", title="测试", kind="bars", categories=("甲\ue000",),
                     series=(("预算数", (Decimal(1),)),))
    with pytest.raises(UserWarning, match="Glyph"):
        render_chart(spec)

