"""Read a workbook's PDF as LibreOffice printed it: pages by sheet, cell boxes, clipped or overlapping text.

The grid lines LibreOffice draws for cell borders divide each page into boxes; every
character is put in the box that holds its centre. A cell printed whole has its whole
text in one box; a line of wrapped text that does not fit its row lands in the box
below it (or across its border), which is what these checks find.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pdfplumber

FOOTER = re.compile(r"(\S+)\s*第\s*(\d+)\s*页\s*共\s*(\d+)\s*页\s*$")
TOL = 0.8  # points a glyph may stick out of its box (anti-aliasing, rounding)


def convert(files: Sequence[Path], outdir: Path, target: str, profile: Path) -> None:
    """Convert many files in one LibreOffice run with a private profile (no clash with other runs)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe is not None, "LibreOffice (soffice) is not installed: run ./scripts/setup.sh"
    outdir.mkdir(parents=True, exist_ok=True)
    cmd = [exe, f"-env:UserInstallation={profile.resolve().as_uri()}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", str(outdir), *map(str, files)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    missing = [f.name for f in files if not (outdir / f"{f.stem}.{target.split(':')[0]}").exists()]
    assert done.returncode == 0 and not missing, f"LibreOffice failed on {missing}: {done.stderr[-2000:]}"


def squeeze(text: str) -> str:
    return "".join(text.split())


@dataclass(frozen=True)
class Box:
    top: float
    bottom: float
    left: float
    right: float


@dataclass
class Page:
    sheet: str
    number: int
    of: int
    scale: float  # font size of the body text on the page ÷ its size in the workbook
    boxes: dict[Box, str] = field(default_factory=dict)  # cell box -> its text, whitespace removed
    text: str = ""  # everything on the page, whitespace removed
    problems: list[str] = field(default_factory=list)


def _rules(page: Any) -> tuple[list[tuple[float, float, float]], list[tuple[float, float, float]]]:
    """Horizontal rules (y, x0, x1) and vertical rules (x, top, bottom) drawn as lines or thin rectangles."""
    hs: list[tuple[float, float, float]] = []
    vs: list[tuple[float, float, float]] = []
    for obj in [*page.lines, *page.rects]:
        w, h = obj["x1"] - obj["x0"], obj["bottom"] - obj["top"]
        if h < 1.5 and w > 2:
            hs.append(((obj["top"] + obj["bottom"]) / 2, obj["x0"], obj["x1"]))
        elif w < 1.5 and h > 2:
            vs.append(((obj["x0"] + obj["x1"]) / 2, obj["top"], obj["bottom"]))
    return hs, vs


def _box(cx: float, cy: float, hs: list[tuple[float, float, float]], vs: list[tuple[float, float, float]]) -> Box | None:
    above = [y for y, x0, x1 in hs if y <= cy and x0 - 1 <= cx <= x1 + 1]
    below = [y for y, x0, x1 in hs if y > cy and x0 - 1 <= cx <= x1 + 1]
    left = [x for x, t, b in vs if x <= cx and t - 1 <= cy <= b + 1]
    right = [x for x, t, b in vs if x > cx and t - 1 <= cy <= b + 1]
    if not (above and below and left and right):
        return None
    return Box(max(above), min(below), max(left), min(right))


def _overlaps(chars: list[dict[str, Any]]) -> list[str]:
    """Pairs of glyphs drawn over each other (text running into text)."""
    out: list[str] = []
    glyphs = sorted((c for c in chars if c["text"].strip()), key=lambda c: c["x0"])
    starts = [c["x0"] for c in glyphs]
    for i, a in enumerate(glyphs):
        for b in glyphs[i + 1: bisect_right(starts, a["x1"])]:
            w = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            small = min((a["x1"] - a["x0"]) * (a["bottom"] - a["top"]), (b["x1"] - b["x0"]) * (b["bottom"] - b["top"]))
            if w > 0 and h > 0 and w * h > 0.25 * small:
                out.append(f"“{a['text']}” and “{b['text']}” overlap at ({a['x0']:.0f}, {a['top']:.0f})")
    return out


def read_pages(pdf: Path, body_size: float = 11.0) -> list[Page]:
    pages: list[Page] = []
    with pdfplumber.open(pdf) as doc:
        for p in doc.pages:
            text = p.extract_text() or ""
            m = FOOTER.search(text.strip())
            sheet, number, of = (m.group(1), int(m.group(2)), int(m.group(3))) if m else ("?", 0, 0)
            sizes: dict[float, int] = defaultdict(int)
            for c in p.chars:
                sizes[round(c["size"], 1)] += 1
            common = max(sizes, key=lambda s: sizes[s]) if sizes else body_size
            page = Page(sheet, number, of, common / body_size, text=squeeze(text))
            hs, vs = _rules(p)
            parts: dict[Box, list[dict[str, Any]]] = defaultdict(list)
            for c in p.chars:
                box = _box((c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2, hs, vs)
                if box is None:
                    continue
                parts[box].append(c)
                if (c["top"] < box.top - TOL or c["bottom"] > box.bottom + TOL or c["x0"] < box.left - TOL
                        or c["x1"] > box.right + TOL) and c["text"].strip():
                    page.problems.append(f"“{c['text']}” crosses the border of its cell at ({c['x0']:.0f}, {c['top']:.0f})")
            for box, chars in parts.items():
                page.boxes[box] = squeeze("".join(c["text"] for c in _reading_order(chars)))
            page.problems += _overlaps(p.chars)
            pages.append(page)
    return pages


def _reading_order(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lines top to bottom (glyphs whose tops differ by less than half their size share a line), left to right."""
    lines: list[list[dict[str, Any]]] = []
    for c in sorted(chars, key=lambda c: c["top"]):
        if lines and abs(lines[-1][0]["top"] - c["top"]) < c["size"] / 2:
            lines[-1].append(c)
        else:
            lines.append([c])
    return [c for line in lines for c in sorted(line, key=lambda c: c["x0"])]


def by_sheet(pages: Iterable[Page]) -> dict[str, list[Page]]:
    out: dict[str, list[Page]] = defaultdict(list)
    for p in pages:
        out[p.sheet].append(p)
    return dict(out)
