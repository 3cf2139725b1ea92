"""A glued 部门整体支出绩效评价指标表: a 分值 after each level's name, the rule text between a row's 分值 and its 得分.

A document-sharing site's copy of a 部门整体 评价指标表 ("一级指标分值二级指标分值三级指标分值评价标准指标说明得分") runs every
cell into the next: "投入13预算配置13在职人员控制率5以100%为标准……编制数。6“三公经费”变动率8……×100%8过程61…". The
grammar of :mod:`jixiao.audit.glued` cannot read it (the rule text holds figures of its own), but its structure is
plain when the names are known: each block label and each indicator row opens with its name and its 分值, a row's
得分 is glued to the end of its text, right before the next name. The names are those of the bundled evaluation
frameworks (``jixiao/frameworks/data``: the national 共性指标框架 and the regional ones), quotes ignored
("“三公”经费变动率" = "“三公经费”变动率"). A name opens a row or a block only

- at the start of the body, or right after a figure (the 分值 of the block label before it, or the 得分 of the row
  before it) — a name inside the rule text ("……在职人员控制率≤100%") follows words;
- when a 分值 follows it: the digits after it cut one way only (no leading zero in what follows, a 分值 above 0, at
  most 100 and at most the 分值 of the block it lies in: "预算完成率5100%" is 5 | 100%), and not followed by a unit
  ("预算完成率100%" in a rule is not a row).

A block label's 分值 is followed by the next name at once; a row's 得分 is the figure run right before the next name,
after a mark that ends its text (。 ; ) % ] or a letter an OCR left: "×100%8", "。6", "%.5", "%o5"); glued after
words or digits it is not known where it begins, and the row's 得分 is left empty. Any text that reads another way
(a block label with text after its 分值, a name no 分值 follows) ends the reading there, and the last row, whose 得分
the text does not close, is not read: the table is then marked ``cut_end`` (its last blocks may miss rows). So is a
"row" with no text before the next name: the table has a block there that the frameworks name as a row.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from jixiao.audit.docmodel import CUT_END, Table, grid

_QUOTES = "“”\"「」『』"
_END_MARKS = frozenset("。；;）)]】」』”\"%％.．")
_UNIT_AFTER = re.compile(r"[%％分个人项次年月日元万倍天]")
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "得分"]
MAX_POINTS = Decimal(100)


@dataclass(frozen=True)
class _Start:
    at: int  # offset of the name
    end: int  # offset after its 分值
    name: str
    level: int  # 1, 2 (block labels) or 3 (rows)
    weight: str
    score: str | None = None  # a row's 得分 when the reading that found the row also cut it (:func:`_bracket_starts`)


@cache
def framework_names() -> dict[str, int]:
    """Name (quotes removed) → level of every indicator of the bundled frameworks: 1 a first-level block, 2 a block
    inside one, 3 a scored row; a name at different levels in different frameworks takes the level most of them give
    it (预算执行: a first-level block in one, a second-level one in five), and is left out on a tie."""
    from collections import Counter

    from jixiao.frameworks.load import bundled_ids, get_framework

    seen: dict[str, Counter[int]] = {}

    def walk(node: object, depth: int) -> None:
        children = getattr(node, "children", ())
        seen.setdefault(_plain(str(getattr(node, "name", ""))), Counter())[3 if not children else min(depth, 2)] += 1
        for child in children:
            walk(child, depth + 1)

    for ref in bundled_ids():
        for top in get_framework(ref).indicators:
            walk(top, 1)
    out: dict[str, int] = {}
    for name, levels in seen.items():
        ranked = levels.most_common()
        if len(name) >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            out[name] = ranked[0][0]
    return out


def _plain(text: str) -> str:
    return "".join(ch for ch in text if ch not in _QUOTES and not ch.isspace())


@cache
def _names_pattern() -> re.Pattern[str]:
    quote = f"[{_QUOTES}]?"
    alts = sorted(framework_names(), key=len, reverse=True)
    return re.compile("(?:" + "|".join(quote + quote.join(re.escape(ch) for ch in n) + quote for n in alts) + r")(?=\d)")


def _weight(s: str, at: int, bound: Decimal | None, row: bool) -> tuple[str, int] | None:
    """The 分值 that opens at ``at`` and where it ends: the one cut of the digits there that is a 分值. A block label's
    分值 is its whole run of digits (the next name follows it); a row's may be cut from the figure its text begins with."""
    run = _DIGITS.match(s, at)
    if run is None:
        return None
    cuts: list[tuple[str, int]] = []
    for end in range(at + 1, run.end() + 1) if row else (run.end(),):
        piece = s[at:end]
        if piece.endswith(".") or (len(piece) > 1 and piece[0] == "0" and piece[1] != "."):
            continue
        if "." in piece and len(piece.partition(".")[2]) > 2:
            continue
        if not Decimal(0) < Decimal(piece) <= (bound if bound is not None else MAX_POINTS):
            continue
        rest = s[end:end + 2]
        if rest[:1] == "0" and rest[1:2].isdigit():
            continue  # "5100%" is not 51 | 00%
        if _UNIT_AFTER.match(rest[:1]):
            continue  # "预算完成率100%": a figure of a rule, not a 分值
        cuts.append((piece, end))
    return cuts[0] if len(cuts) == 1 else None


def _score_before(s: str, at: int, start: int) -> str:
    """The 得分 glued right before offset ``at`` (after the row's text begun at ``start``), or "" when not certain."""
    k = at
    while k > start and s[k - 1].isdigit():
        k -= 1
    if k >= at or k <= start:
        return ""  # no figure there, or no text before it (where the 分值 ends and the 得分 begins is not known)
    before = s[k - 1]
    if before in ".．" and s[k - 2].isdigit():
        return ""  # "……扣0.5" then a name: where the 得分 begins is not known
    if before not in _END_MARKS and not (before.isascii() and before.isalpha()):
        return ""  # glued after words: it may carry on a figure of the text ("第3" + "5")
    piece = s[k:at]
    if len(piece) > 1 and piece[0] == "0":
        return ""
    return piece if Decimal(piece) <= MAX_POINTS else ""


def level_rows_table(body: str, line_at: Callable[[int], int], page: int | None) -> Table | None:
    """The indicator rows of a glued per-level 评价指标表 body (the text after its header), or None; ``line_at``: the
    line number of an offset in the body (the text may run over several pages' lines)."""
    starts, stopped = _starts(body)
    if not starts:
        starts, stopped = _bracket_starts(body)
    rows: list[list[str]] = [list(HEADER)]
    lines: list[list[int | None]] = [[line_at(0)] * len(HEADER)]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    opened: dict[int, tuple[int, _Start]] = {}  # level → (row index where its block opened, -1 before any; label)
    cut_end = stopped
    for k, st in enumerate(starts):
        if st.level < 3:
            opened = {lv: v for lv, v in opened.items() if lv < st.level}
            opened[st.level] = (-1, st)
            continue
        if k + 1 >= len(starts):
            cut_end = True  # the text stops inside this row: its 得分 is not known
            break
        nxt = starts[k + 1].at
        score = st.score if st.score is not None else _score_before(body, nxt, st.end)
        r = len(rows)
        row = ["", "", "", "", st.name, st.weight, body[st.end:nxt - len(score)], score]
        at_name = line_at(st.at)
        row_lines: list[int | None] = [None, None, None, None, at_name, at_name, at_name, line_at(nxt - 1)]
        for lv, col in ((1, 0), (2, 2)):
            if lv not in opened:
                continue
            first, label = opened[lv]
            row[col], row[col + 1] = label.name, label.weight
            row_lines[col] = row_lines[col + 1] = line_at(label.at)
            if first < 0:
                opened[lv] = (r, label)
            else:
                spans[(r, col)], spans[(r, col + 1)] = (first, col), (first, col + 1)
        rows.append(row)
        lines.append(row_lines)
    if len(rows) < 3:
        return None
    return Table(number=0, rows=grid(rows, lines=lines, spans=spans), source="text", page=page,
                 caption="部门整体支出绩效评价指标表", line=line_at(0), rebuilt=True, form="scoring",
                 notes=(CUT_END,) if cut_end else ())


def _starts(body: str) -> tuple[list[_Start], bool]:
    """The block labels and rows the body opens, in order, and whether the reading stopped before the body's end."""
    names = framework_names()
    starts: list[_Start] = []
    bounds: dict[int, Decimal] = {}
    for m in _names_pattern().finditer(body):
        if not starts and m.start() > 0:
            return [], True  # the body opens with its first name
        if starts and not body[m.start() - 1].isdigit():
            continue  # a name inside a row's text
        level = names[_plain(m.group())]
        bound = next((bounds[lv] for lv in (2, 1) if lv in bounds and lv < level), None)
        cut = _weight(body, m.end(), bound, level == 3)
        if cut is None or (starts and starts[-1].level < 3 and starts[-1].end != m.start()):
            return starts, True  # no 分值 after the name, or a block label with text after its 分值
        if starts and starts[-1].level == 3 and starts[-1].end == m.start():
            return starts[:-1], True  # a row with no text, the next name right after its 分值: a block the names miss
        starts.append(_Start(m.start(), cut[1], m.group(), level, cut[0]))
        if level < 3:
            bounds = {lv: b for lv, b in bounds.items() if lv < level}
            bounds[level] = Decimal(cut[0])
    return starts, False


# A form whose block labels carry their 分值 in brackets ("(20分)项目决策(10分)科学决策必要性5…", "项目决策(10分)…"): the
# labels are found by their brackets, the rows under each by the form's own repeated structure (name, 分值, text, 得分)
_LABEL = re.compile(r"[（(]\s*(\d{1,3}(?:\.\d{1,2})?)\s*分?\s*[)）]")
_CELL = re.compile(r"\d+(?:\.\d+)?")
# a figure of a row's text, not a cell: a unit or sign after it ("计2分", "100%", "2019年") or a word before it ("第3");
# a counter after it ("5项") is no mark (a text may begin with 项目, 人员 …): a figure of the text taken for a cell
# breaks the name / 分值 / text / 得分 turns, and the region is not read
_TEXT_FIGURE_AFTER = re.compile(r"[%％‰分年月日元万亿倍]|[.．]\d")
_TEXT_FIGURE_BEFORE = frozenset("第扣减加得计满于为≥≤>＞<＜=＝+-－×*÷/~～—.．")
_NOT_IN_NAME = re.compile(r"[，,。；;：:！!？?]")
MAX_NAME = 24  # characters of a row name (a block's name glued before it included)
MAX_CHAIN = 2  # block levels above the rows: 一级 and 二级


def _bracket_starts(body: str) -> tuple[list[_Start], bool]:
    """The block labels and rows of a body whose block labels state their 分值 in brackets, before the name ("(20分)项目
    决策") or after it ("项目决策(10分)"), the body opening with the first one; or nothing.

    No list of names is needed: between two labels (or after the last) the rows run name, 分值, text, 得分, each cell a
    run of digits that no unit or sign makes a figure of the text, so the runs alternate 分值 / 得分 and the pieces
    between them name / text. The reading is kept only where the region reads so whole: an even number of cells, every
    name short and without a sentence's punctuation, every text non-empty, every 分值 above 0 and at most its block's,
    every 得分 at most 100, nothing left after the last 得分 but the next label's name. The first region that does not
    read so ends the reading (its label still ends the block before it). Labels with no cell between them are a block and its first inner block; a label alone
    before its rows is an inner block — and when the form has both, which outer block a lone label lies in is not
    known, so no outer block is kept (its sum is not judged). The rows after the last label are read up to the body's
    end (the last of them is dropped by the caller: the text may stop inside it)."""
    labels = list(_LABEL.finditer(body))
    if not labels:
        return [], True
    before = labels[0].start() == 0
    if not before and not _is_name(body[:labels[0].start()]):
        return [], True
    spans = [(m.start(), m.end()) for m in labels]
    cells = [m for m in _CELL.finditer(body) if _is_cell(body, m) and not any(a <= m.start() < b for a, b in spans)]
    heads: list[list[_Start]] = [[]]  # chains of labels, each followed by its rows
    rows: list[list[_Start]] = [[]]
    stopped = False
    for k, lab in enumerate(labels):
        end = labels[k + 1].start() if k + 1 < len(labels) else len(body)
        inside = [c for c in cells if lab.end() <= c.start() < end]
        if before:  # "(10分)科学决策必要性5…": the name runs from the bracket to the first cell (a row's name glued on)
            at, name = lab.start(), body[lab.end():inside[0].start() if inside else end]
        else:  # "…2项目管理(25分)": the name runs from the cell before it to the bracket
            at = _name_start(body, lab.start(), labels[k - 1].end() if k else 0, cells)
            name = body[at:lab.start()]
        if not _is_name(name) or not Decimal(0) < Decimal(lab.group(1)) <= MAX_POINTS:
            stopped = True
            break
        heads[-1].append(_Start(at, lab.end(), name.strip(), 0, lab.group(1)))
        if not inside:  # the next label follows at once: this one is the outer block of the next
            continue
        last = k + 1 >= len(labels)
        got = _rows(body, lab.end(), inside, end if before else inside[-1].end(), Decimal(lab.group(1)), last)
        if got is None:  # the label stays: it ends the block before it
            stopped = True
            break
        rows[-1].extend(got)
        stopped = last
        heads.append([])
        rows.append([])
    chains = [(h, r) for h, r in zip(heads, rows, strict=True) if h]  # a chain with no rows still ends the block before
    if not any(r for _, r in chains) or max(len(h) for h, _ in chains) > MAX_CHAIN:
        return [], True
    depth = max(len(h) for h, _ in chains)
    outer_known = all(len(h) == depth for h, _ in chains)
    out: list[_Start] = []
    for h, r in chains:
        for level, lab_start in zip(range(3 - len(h), 3), h, strict=True):
            if level == 2 or outer_known:
                out.append(_Start(lab_start.at, lab_start.end, lab_start.name, level, lab_start.weight))
        out.extend(r)
    return out, stopped


def _is_cell(body: str, m: re.Match[str]) -> bool:
    """Is the run of digits a cell of the form (a 分值 or 得分), not a figure of a row's text?"""
    if m.start() > 0 and body[m.start() - 1] in _TEXT_FIGURE_BEFORE:
        return False
    return not _TEXT_FIGURE_AFTER.match(body, m.end())


def _name_start(body: str, at: int, floor: int, cells: list[re.Match[str]]) -> int:
    """Where the name that ends at ``at`` begins: right after the last cell before it (not before ``floor``)."""
    return max([floor, *(c.end() for c in cells if floor <= c.end() <= at)])


def _is_name(piece: str) -> bool:
    s = piece.strip()
    return (0 < len(s) <= MAX_NAME and any("\u4e00" <= ch <= "\u9fff" for ch in s) and not _NOT_IN_NAME.search(s)
            and not any(ch.isdigit() for ch in s))


def _points(piece: str, low: Decimal, high: Decimal, above: bool) -> bool:
    """Is the piece a 分值 (``above``: more than ``low``) or 得分 figure written as a form writes one?"""
    if (len(piece) > 1 and piece[0] == "0" and piece[1] != ".") or len(piece.partition(".")[2]) > 2:
        return False
    value = Decimal(piece)
    return (value > low if above else value >= low) and value <= high


def _rows(body: str, start: int, cells: list[re.Match[str]], tail_at: int, bound: Decimal,
          last: bool) -> list[_Start] | None:
    """The rows of one block's region (``start`` to the next label's name at ``tail_at``): name, 分值, text, 得分 in
    turn; None when the region does not read so whole. After the last label the text may stop anywhere: a 分值 without
    its 得分 at the end is left, and what follows the last 得分 is not asked to be empty."""
    pairs = len(cells) // 2
    if not last and (len(cells) % 2 or body[cells[-1].end():tail_at].strip()):
        return None
    out: list[_Start] = []
    at = start
    for j in range(pairs):
        weight, score = cells[2 * j], cells[2 * j + 1]
        name, text = body[at:weight.start()], body[weight.end():score.start()]
        if (not _is_name(name) or not text.strip() or not _points(weight.group(), Decimal(0), bound, True)
                or not _points(score.group(), Decimal(0), MAX_POINTS, False)):
            return None
        out.append(_Start(at, weight.end(), name.strip(), 3, weight.group(), score.group()))
        at = score.end()
    return out
