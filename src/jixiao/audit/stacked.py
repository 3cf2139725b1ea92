"""Header cells whose words wrap onto the next line in a copy that separates cells by spaces.

A form's header row pasted as text keeps each cell's first line on the header line and puts the rest of the
cells that wrapped on a line of their own::

    绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施
    指标值 完成值

"年度" and "实际" name no column, "年度指标值" and "实际完成值" do. The two lines are one header row when the words of
the header line that name no column — those between its first and its last column word — are exactly as many as
the words of the next line, and each of them joined with the next line's word in the same order names a column.
The header line is then rewritten with the joined words and the next line emptied (so that every other line keeps
its number); anything else is left as written.
"""

from __future__ import annotations

from jixiao.audit.align import kind
from jixiao.audit.forms import Vocabulary
from jixiao.audit.tokens import words

MIN_COLUMNS = 3  # column words on the header line: fewer is a sentence or a label/value pair, not a header


def _joined(words: list[str], below: list[str], vocab: Vocabulary) -> list[str] | None:
    """The header line's words with its wrapped cells completed by ``below``, or None when they do not fit."""
    named = [k for k, w in enumerate(words) if vocab.role(w) is not None]
    if len(named) < MIN_COLUMNS or not below or any(kind(w) in ("N", "P") for w in below):
        return None
    bare = [k for k in range(named[0], named[-1] + 1) if vocab.role(words[k]) is None]
    if len(bare) != len(below):
        return None
    out = list(words)
    for k, rest in zip(bare, below, strict=True):
        if vocab.role(words[k] + rest) is None:
            return None
        out[k] = words[k] + rest
    return out


def join_stacked_headers(lines: list[str], skip: frozenset[int], vocab: Vocabulary) -> list[str]:
    """``lines`` with each header row whose cells wrapped onto the next line joined onto one line (see above)."""
    out = list(lines)
    for i in range(len(lines) - 1):
        if i in skip or i + 1 in skip or "|" in lines[i] or "|" in lines[i + 1]:
            continue
        joined = _joined(words(lines[i]), words(lines[i + 1]), vocab)
        if joined is not None:
            out[i], out[i + 1] = " ".join(joined), ""
    return out
