"""CJK fonts by file: the GB2312 repertoire, glyph coverage, and the chart font.

The chart font is found by its file (through fontconfig, or by looking in the usual
font folders; never through a font cache that may predate the fonts the set-up installed)
and, inside a .ttc collection, by the face whose family is the simplified-Chinese one. No CJK font means an error that
says what to install: a chart with boxes instead of Chinese is never written.

Coverage is measured with fontTools on the font's own character map, the same
check ``tests/report/test_fonts.py`` applies to the 公文 fonts of the report.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Families tried for charts, best first, with the file names Debian and the font vendors use.
# A TTC holds several faces; the family selects the simplified-Chinese one.
CHART_FONTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Noto Sans CJK SC", ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf",
                          "NotoSansCJK-Regular.otf")),
    ("Source Han Sans SC", ("SourceHanSans-Regular.ttc", "SourceHanSansSC-Regular.otf")),
    ("WenQuanYi Zen Hei", ("wqy-zenhei.ttc",)),
    ("WenQuanYi Micro Hei", ("wqy-microhei.ttc",)),
    ("SimHei", ("simhei.ttf", "SimHei.ttf")),
    ("Microsoft YaHei", ("msyh.ttc", "msyh.ttf")),
)


class ChartFontMissing(RuntimeError):
    """No usable CJK font for charts; the message (Chinese) says what to install."""


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int  # face index inside a .ttc (0 for .ttf/.otf)
    family: str

    def codepoints(self) -> frozenset[int]:
        return _codepoints(str(self.path), self.index)

    def missing(self, text: Iterable[str]) -> str:
        """The characters of ``text`` (whitespace aside) that this face has no glyph for, in order, once each."""
        have = self.codepoints()
        return "".join(dict.fromkeys(c for s in text for c in s if not c.isspace() and ord(c) not in have))


@functools.cache
def _codepoints(path: str, index: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    font = TTFont(path, fontNumber=index, lazy=True)
    try:
        cmap = font.getBestCmap() or {}
        return frozenset(cmap)
    finally:
        font.close()


def faces(path: Path) -> list[FontFace]:
    """Every face of a font file with its family name (name ID 1, or 16 where present)."""
    from fontTools.ttLib import TTCollection, TTFont

    collection = TTCollection(str(path), lazy=True) if path.suffix.lower() in (".ttc", ".otc") else None
    fonts = collection.fonts if collection is not None else [TTFont(str(path), lazy=True)]
    out: list[FontFace] = []
    try:
        for i, font in enumerate(fonts):
            name = font["name"]
            names = {n for n in (name.getDebugName(16), name.getDebugName(1)) if n}
            out.extend(FontFace(path, i, fam) for fam in sorted(names))
    finally:
        (collection or fonts[0]).close()
    return out


def gb2312_chars() -> str:
    """The 7445 characters of GB 2312 (682 symbols, 6763 hanzi) in code order.

    Two symbols map to different code points depending on the table: A1A4 (middle dot)
    and A1AA (dash). We use the GB 18030 mapping (U+00B7, U+2014), which Windows and
    font vendors follow, rather than Python's gb2312 codec (U+30FB, U+2015).
    """
    out: list[str] = []
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            raw = bytes([hi, lo])
            try:
                raw.decode("gb2312")
            except UnicodeDecodeError:
                continue
            out.append(raw.decode("gb18030"))
    return "".join(out)


def gb2312_hanzi() -> str:
    return "".join(c for c in gb2312_chars() if "\u4e00" <= c <= "\u9fff")


FONT_DIRS = ("/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",  # Linux
             "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts",  # macOS
             "%WINDIR%/Fonts", "%LOCALAPPDATA%/Microsoft/Windows/Fonts")  # Windows
FONT_SUFFIXES = frozenset({".ttf", ".otf", ".ttc", ".otc"})


def _font_files() -> list[Path]:
    """Every font file in the usual font folders of Linux, macOS and Windows (for machines without
    fontconfig; where ``fc-match`` exists it answers first)."""
    out: list[Path] = []
    for folder in FONT_DIRS:
        root = Path(os.path.expandvars(os.path.expanduser(folder)))
        if "%" in str(root) or not root.is_dir():
            continue
        out += [p for p in root.rglob("*") if p.suffix.lower() in FONT_SUFFIXES and p.is_file()]
    return out


def _fc_match(family: str) -> FontFace | None:
    """Ask fontconfig (fast, where present) for the file and face of exactly ``family``."""
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run([exe, "-f", "%{file}\t%{index}\t%{family}", family], capture_output=True,
                             text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("\t")
    if len(parts) != 3 or family not in parts[2].split(",") or not Path(parts[0]).is_file():
        return None
    return FontFace(Path(parts[0]), int(parts[1] or 0), family)


def _scan(family: str, files: tuple[str, ...]) -> FontFace | None:
    """Look for the family's usual file names among the system's font files."""
    wanted = {f.lower() for f in files}
    for path in sorted(p for p in _font_files() if p.name.lower() in wanted):
        for face in faces(path):
            if face.family == family:
                return face
    return None


@functools.cache
def chart_font() -> FontFace:
    """The CJK face used for every chart label; :class:`ChartFontMissing` if there is none."""
    for family, files in CHART_FONTS:
        face = _fc_match(family) or _scan(family, files)
        if face is not None:
            return face
    raise ChartFontMissing(
        "未找到可显示中文的字体（需要 Noto Sans CJK SC、思源黑体或文泉驿黑体之一），图表无法生成；"
        "请运行 ./scripts/setup.sh 安装 fonts-noto-cjk")
