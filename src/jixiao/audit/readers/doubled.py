"""Text a PDF extraction printed twice over ("69.23%69.23%", "(1)(1)", "1313 个" for 13).

Some PDFs draw each run of text twice (a shadow or a fake bold); their extraction then repeats every figure and
list number, and an amount like "1313 个" reads as 1313 instead of 13. A rule comparing such figures reports
errors the document does not contain. The doubling is proved by list markers repeated back to back ("(1)(1)",
"（2）（2）": no report numbers a list that way) together with figures no single number can be ("36.9436.94",
two decimal points; "69.23%69.23%"). Only then are the text's repeated runs read once (:func:`undoubled`),
in the lines that show such a figure; every other text is left as it is.
"""

from __future__ import annotations

import re

# a list marker repeated back to back: "(1)(1)", "（2） （2）"
_MARKER = re.compile(r"([（(]\d{1,2}[)）])\s?\1")
# a figure that cannot be one number: a decimal or a percentage repeated ("36.9436.94", "69.23%,69.23%")
_PROOF = re.compile(r"(?<![\d.])(\d+\.\d+%?|\d+%)[,，]?\1(?![\d.])")
# any figure repeated, back to back or after one space or comma ("1313 个", "9 9 个", "7070 万元")
_TWICE = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?%?)([ ,，]?)\1(?![\d.%])")
_YEAR = re.compile(r"(?:19|20)\d{2}年")  # "2020年": a year, never a doubled 20
MIN_MARKERS = 2  # repeated list markers in the text: fewer is no proof
MIN_PROOFS = 2  # repeated decimals or percentages in the text


def doubled(lines: list[str]) -> bool:
    """Does the text show the doubling of a twice-printed extraction (markers and figures both repeated)?"""
    markers = sum(len(_MARKER.findall(line)) for line in lines)
    proofs = sum(len(_PROOF.findall(line)) for line in lines)
    return markers >= MIN_MARKERS and proofs >= MIN_PROOFS


def _once(m: re.Match[str]) -> str:
    if _YEAR.match(m.string, m.start()) and not m.group(2):
        return m.group(0)  # "2020年" is a year
    return m.group(1)  # "69.23%,69.23%,": the comma after the second copy stays


def undoubled(lines: list[str]) -> list[str]:
    """The lines with each repeated run read once, when the text is proved doubled; else the lines unchanged.
    Only lines showing a repeated decimal, percentage or list marker are changed; their count is kept."""
    if not doubled(lines):
        return lines
    out: list[str] = []
    for line in lines:
        if _PROOF.search(line) or _MARKER.search(line):
            line = _TWICE.sub(_once, _MARKER.sub(r"\1", line))
        out.append(line)
    return out
