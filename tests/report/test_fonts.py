"""The free stand-ins for the 公文 fonts cover GB 2312, measured on the font files with fontTools."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.report import docx as docx_writer
from jixiao.report.fonts import FontFace, faces, gb2312_chars, gb2312_hanzi
from tests.report import fontconfig_helpers as fc

pytestmark = pytest.mark.skipif(not fc.available(), reason="fontconfig (fc-match, /etc/fonts) is not installed")

FANGSONG_NAMES = ("fangsong", "仿宋")


@pytest.fixture(scope="module")
def config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fc.write_config(tmp_path_factory.mktemp("fontconfig"))


def resolved(config: Path, family: str) -> tuple[FontFace, int]:
    path, index, families, weight = fc.fc_match(config, family)
    return FontFace(Path(path), int(index), families.split(",")[0]), int(weight)


def test_gb2312_repertoire_is_complete() -> None:
    chars = gb2312_chars()
    assert len(chars) == 7445 and len(set(chars)) == 7445
    assert len(gb2312_hanzi()) == 6763
    assert "\u00b7" in chars and "\u2014" in chars  # A1A4 and A1AA in the GB 18030 mapping


@pytest.mark.parametrize("family", [docx_writer.BODY_FONT, docx_writer.H2_FONT, docx_writer.H1_FONT,
                                    docx_writer.TITLE_FONT, docx_writer.PAGE_FONT])
def test_every_gongwen_font_resolves_to_a_face_with_all_of_gb2312(config: Path, family: str) -> None:
    face, _ = resolved(config, family)
    assert face.missing(gb2312_chars()) == "", (family, face)


def test_the_title_is_a_heavy_song(config: Path) -> None:
    face, weight = resolved(config, docx_writer.TITLE_FONT)
    assert face.family == "Noto Serif CJK SC"
    assert weight >= 200  # fontconfig's FC_WEIGHT_BOLD


def test_body_and_headings_use_distinct_styles(config: Path) -> None:
    body, _ = resolved(config, docx_writer.BODY_FONT)
    heading, _ = resolved(config, docx_writer.H1_FONT)
    assert "Sans" in heading.family  # 黑体
    assert "Kai" in body.family or any(n in body.family.lower() for n in FANGSONG_NAMES)


def test_a_fangsong_with_full_gb2312_coverage_would_be_chosen(config: Path) -> None:
    """Kai stands in for 仿宋_GB2312 only while no complete FangSong is installed (cwTeX's lacks 2379 hanzi)."""
    body, _ = resolved(config, docx_writer.BODY_FONT)
    complete = []
    for root in (Path("/usr/share/fonts"), Path("/usr/local/share/fonts")):
        for path in sorted(p for p in root.rglob("*") if p.suffix.lower() in (".ttf", ".otf", ".ttc")):
            for face in faces(path):
                if any(n in face.family.lower() for n in FANGSONG_NAMES):
                    gaps = face.missing(gb2312_hanzi())
                    if not gaps:
                        complete.append(face)
    if complete:
        assert body.family in {f.family for f in complete}
    else:
        assert "Kai" in body.family
