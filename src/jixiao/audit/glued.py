"""Table text whose separators were all lost, rebuilt into rows where one reading is certain.

Some published 自评表 reach the web as one run of characters: every cell glued to the next
("全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:202010100.00%10", where the row is
20 | 20 | 10 | 100.00% | 10). Such a run is recognised by a header sequence of a known form written
without separators (the words of ``data/forms.yaml``), and the text after it is read under a grammar:

- the body is cut into atoms: text, block labels ("产出指标(70分)"), dashes, and figure runs (an optional
  sign ≥ ≤ …, digits, an optional "%" or unit). A figure run may hold several cells ("20100%" is
  20 | 100%); it can be cut only between digits;
- a row is one or more names, then cells for the form's columns in header order, each column filled
  at most once; every piece must be a well-formed figure of its column's type: no leading zero, 分值
  and 得分 from 0 to 100 with at most two decimals (a 分值 above 0), rates a percentage, amounts at most four decimals,
  指标值 / 完成值 a figure with a sign, unit or "%", or text (a bare number is not accepted there: glued
  to other digits it cannot be told apart);
- the form's structure: an indicator row carries its 分值 and 得分 (a 总分 row at least one of them); a
  资金 row that states 执行率 states the amounts it is computed from, one that states 得分 states 分值;
- a header that states its column's figure ("分值(10分)") holds that figure in every row;
- "指标N" right after a category ("数量指标指标1…") or a row ("…8指标2…") is the form's numbered indicator name, not a
  category stating N points; a unit may carry 万 ("550万粒");
- a body that does not read whole because the text stops inside its last row loses that row (up to two); a body
  running to the line's end whose last row lacks a column every other row fills lost its end too: that row is
  not read, and the table is marked ``incomplete``;
- a cut inside a figure run is a boundary the text does not show, so readings with fewest cuts are kept;
- a 分值 cut from a figure run is at most the 分值 its block label states ("产出指标(40分)" over "8550万粒": 8 | 550万粒);
- "任务1:" is a numbered name, "95%以上" one cell, and a first-level label whose characters the OCR of a vertical
  cell reordered ("出标产指30") a block label (words in ``data/glued.yaml``);
- a document-sharing site's copy puts each page on a line opened by its page number ("2、…"): those lines carry
  the header line's text on and are read with it (:func:`page_chunks`), each cell located on its own line;
- an OCR reading of an attached form may keep a line per row: a line that ends in the header is read with the row
  lines below it (:func:`row_lines`), a line's end being a cell's end; an amount may carry its money unit ("50万元"),
  a column headed 权重 may state its figures in per cent of a 100-point form ("20%"), and a total row whose label
  names a column ("得分合计") holds that column's figure;
- in a plain form (names then figure columns) a body that no reading fits whole may leave rows unread (OCR noise:
  "8O%"): readings leave the fewest atoms unread; the rows after an unread stretch are left unread with it up to
  the next block label (where a row begins after garbled text is not known), and the table is ``incomplete``.

Every reading the grammar allows with fewest cuts is enumerated. A row enters the table only when
every such reading gives it the same cells; any other row is left out and the table is marked
``incomplete`` (no sum is judged over it). No arithmetic relation that the rules check is used to choose
a reading — with one stated exception: when the readings of a 资金 row differ only in how its amounts
are cut, the row's own stated 执行率 may pick the reading (amounts that give that rate); if that is not
enough, its 得分 under the form's rule (执行率 × 分值). A relation used to read a row is not checked on
that row (the notes ``read_by_rate:<row>`` and ``read_by_rule:<row>`` tell the rules), and a finding
that depends on such a row is a 提示 that says so. When no cut gives the stated rate (or only a spurious one: a 0 % of
a tiny amount over a huge one), the one cut whose ratio is near
it (``NEAR``: a wrong cut moves a digit between the amounts and changes their ratio many times over) is read
(``read_near:<row>``) and the rate found off is a 提示 that says the cut may be wrong. A 资金 block of three columns
(全年预算数 全年执行数 执行率, no 分值/得分) is a form of its own.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import cache, partial
from importlib import resources
from typing import TypeVar

import yaml

from jixiao.audit.docmodel import INCOMPLETE, UNSUMMED, Cell, Table, grid
from jixiao.audit.forms import Form, Vocabulary, header_matches, row_label, vocabulary
from jixiao.audit.gluedlevels import level_rows_table
from jixiao.audit.tables import cell_value, cell_value_text, half
from jixiao.audit.tolerance import quantize, rate_verdict, ratio_bounds

READ_BY_RATE = "read_by_rate:"  # + row number: the row's 执行率 chose how its amounts were cut
READ_BY_RULE = "read_by_rule:"  # + row number: so did its 得分 rule (执行率 × 分值)
READ_NEAR = "read_near:"  # + row number: the only cut of its amounts near its stated 执行率; a rate found off is a 提示
NEAR = (Decimal("0.8"), Decimal("1.25"))  # a cut "near" a stated rate: amounts whose ratio is within this factor of it

_SIGNS = "≥≤><=＞＜≧≦＝"
# letter labels "(B/A)", units, "(20分)", the rule "得分(20分*执行率)"; also a ratio's label whose closing bracket an OCR
# read as "1" before the next header word ("执行率(B/A1得分"): a header word never ends in a letter and a 1; a
# converted .docx may leave a space before the bracket ("年初目标值 (A)")
_HEADER_NOISE = re.compile(r"\s?[（(](?:[A-Za-z](?:[/÷×*+\-][A-Za-z])*(?:[×*][1１]00[%％])?|万?元|%|％|\d{0,3}分|个|人"
                           r"|\d{1,3}分\s*[*×xX]\s*(?:预算|资金)?执行率|公式[^()（）]{0,12})[)）]|[:：]"
                           r"|\s?[（(][A-Za-z][/÷][A-Za-z]1(?=[\u4e00-\u9fff])")
_OCR_BRACKET = re.compile(r"(?<=[（(][A-Za-z][/÷][A-Za-z])1$")
_BLOCK = re.compile(r"[（(]\s*(\d{1,3}(?:\.\d+)?)\s*分\s*[)）]")
_FIGURE = re.compile(rf"([{_SIGNS}]?)(\d[\d.,]*)")
_BARE_BLOCK = re.compile(r"([1-9]\d?|100)(?=[\u4e00-\u9fff])(?!人|个|次|项|万|元|年|月|天|家|户|台|件)")
_BLOCK_WORDS = ("指标",)  # a category of indicators (产出指标, 管理指标, 满意度指标): never a row's own name
_DASH = re.compile(r"[…—]+|-{2,}")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# the numbered indicator slots a template leaves empty ("指标1:指标2:"), glued before the next row's name
_EMPTY_SLOTS = re.compile(r"^(?:指标\d{1,2}[:：] ?)+")
_LABEL_NUMBER = re.compile(r"\d{1,2}[:：](?!\d)")  # "任务1:", "指标2：": a name's number before its colon
_UNITS = sorted(("%", "％", "万元", "亿元", "千元", "元", "厘米", "平方米", "公里", "千米", "米", "人次", "万人", "人", "个", "次", "项",
                 "家", "天", "月", "年", "小时", "台", "套", "件", "份", "户", "辆", "亩", "场", "篇", "条", "册", "所", "吨", "公斤",
                 "千克", "株", "棵", "只", "头", "粒", "座", "处", "间", "本", "期", "批", "课时", "学时", "分钟", "日", "倍", "km", "m"),
                key=len, reverse=True)
_STOP = ("评价结论", "存在问题", "改进措施", "注:", "注：", "说明:", "说明：", "填表人", "项目负责人", "财务负责人", "单位负责人",
         "联系电话", "年度总体目标", "总体目标", "年度绩效指标完成情况", "备注:", "备注：")
_FIRST_LEVEL = ("产出", "效益", "效果", "满意度", "决策", "过程", "管理", "投入", "履职", "绩效", "成本", "预算", "资金")
_TEXT_COLUMNS = frozenset({"target", "achieved"})
_PERCENT_COLUMNS = frozenset({"rate", "share", "change_rate", "completion"})
_SCORE_COLUMNS = frozenset({"weight", "score"})
_TRAILING_TEXT = frozenset({"reason", "criteria"})
_NUMBER = re.compile(r"(?:0|[1-9]\d*|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d+))?$")
MIN_HEADER_WORDS = 3
MAX_HEADER_WORDS = 16
MAX_READINGS = 256  # more readings than this with fewest cuts: too ambiguous to read at all
MAX_ATOMS = 400
MAX_PIECE = 16  # digits in one cell
MAX_CUT_ROWS = 2  # rows dropped from the end of a body that does not read whole (a cut table)
SKIP = 1000  # the cost of one atom left unread: more than every cut of a body, so readings leave the fewest unread
MAX_SKIP = 12  # atoms one unread stretch may span
_SKIPPED = "文字表格中{}一行的文字无法按表头各列读出，未读，其所在指标组和总分不判断合计"
_CUT_ROW = "文字表格的最后一行可能不完整（换行或截断处），未读"
MAX_STATES = 50_000  # a body whose readings need more states than this is not read (bounded time)
_ANCHORS = ("得分", "分值", "执行数", "预算数", "指标值", "执行率", "权重", "完成值", "实际值", "指标名称")  # a glued header has two


@dataclass(frozen=True)
class Atom:
    kind: str  # "T" text, "B" block label, "F" figure run, "D" dash
    text: str
    sign: str = ""
    digits: str = ""
    suffix: str = ""  # "%" or a unit
    at: int = 0  # offset of the atom's first character in the text it was read from


@dataclass
class GluedHeader:
    start: int  # character offsets in the line
    end: int
    roles: list[str]
    texts: list[str]
    form: Form


# ---------------------------------------------------------------- header


def _header_runs(s: str, vocab: Vocabulary) -> list[GluedHeader]:
    """Runs of header words written with no separator, that identify a money or scores form."""
    out: list[GluedHeader] = []
    i, n = 0, len(s)
    sizes = _word_sizes(vocab)
    while i < n:
        if s[i] not in sizes:
            i += 1
            continue
        roles: list[str] = []
        texts: list[str] = []
        k = i
        while k < n:
            hit = _word_at(s, k, sizes, vocab)
            if hit is None:
                break
            end = k + hit[1]
            m = _HEADER_NOISE.match(s, end)
            while m:
                end = m.end()
                m = _HEADER_NOISE.match(s, end)
            roles.append(hit[0])
            texts.append(_OCR_BRACKET.sub(")", s[k:end]))  # the header's words as printed: "执行率(B/A)"
            k = end
        form = _form_of(roles, vocab) if MIN_HEADER_WORDS <= len(roles) <= MAX_HEADER_WORDS else None
        if form is None:
            i = max(k, i + 1)  # a header inside this run would have matched from its start: linear
            continue
        out.append(GluedHeader(i, k, roles, texts, form))
        i = k
    return out


def _word_at(s: str, k: int, sizes: dict[str, tuple[int, ...]], vocab: Vocabulary) -> tuple[str, int] | None:
    """The header word at ``s[k]`` (its role and the characters it spans), longest first; a word a PDF's narrow cell
    wrapped may hold one space ("分 值得 分", "实际 完成值"): a word of at least two characters either side of it."""
    n = len(s)
    for size in sizes.get(s[k], ()):
        role = vocab.roles.get(s[k:k + size]) if k + size <= n else None  # a shorter word at the end
        if role is not None:
            return role, size
        gap = s.find(" ", k + 1, k + size)
        if gap > 0 and k + size < n and (role := vocab.roles.get(s[k:gap] + s[gap + 1:k + size + 1])) is not None:
            return role, size + 1
    return None


@cache
def _word_sizes(vocab: Vocabulary) -> dict[str, tuple[int, ...]]:
    """For each first character, the lengths of the header words that start with it, longest first."""
    out: dict[str, set[int]] = {}
    for w in vocab.roles:
        if len(w) >= 2:
            out.setdefault(w[0], set()).add(len(w))
    return {c: tuple(sorted(v, reverse=True)) for c, v in out.items()}


_TRIO = (("budget_initial", "budget_final"), ("actual",), ("rate",))  # 预算数 执行数 执行率: a 资金 block on its own


def _form_of(roles: list[str], vocab: Vocabulary) -> Form | None:
    """The form a glued header run names: the best match among the money and scores forms; or the 资金 block of a
    form without 分值/得分 columns (全年预算数 全年执行数 执行率, three words in that order and nothing else)."""
    forms = [f for f in vocab.forms if f.kind in ("money", "scores")]
    best = max(forms, key=lambda f: (header_matches(f, roles), -len(f.header)))
    if header_matches(best, roles) >= best.min:
        return best
    if len(roles) == len(_TRIO) and all(r in want for r, want in zip(roles, _TRIO, strict=True)):
        return next((f for f in forms if f.kind == "money"), None)
    return None


# ---------------------------------------------------------------- atoms


def _unit_at(s: str, q: int) -> str:
    """The unit written at ``q``: one of ``_UNITS``, or 万 before one ("550万粒", "3.2万亩")."""
    unit = next((u for u in _UNITS if s.startswith(u, q)), "")
    if not unit and s.startswith("万", q):
        unit = next((f"万{u}" for u in _UNITS if u not in ("%", "％", "元") and s.startswith(u, q + 1)), "")
        if not unit and q + 1 < len(s) and (s[q + 1].isdigit() or s[q + 1] in _SIGNS):
            unit = "万"  # "10万10万100%": an amount's bare 万 glued before the next cell, never a row's name
    return unit


def atoms(s: str, limit: int = 10**9) -> list[Atom]:
    """The atoms of a glued body: text, block labels, dashes and figure runs (reading stops after
    ``limit`` atoms)."""
    out: list[Atom] = []
    pending: list[str] = []
    words = _words()
    start = 0  # offset of the pending text

    def flush() -> None:
        if pending:
            out.append(Atom("T", "".join(pending), at=start))
            pending.clear()

    def block(label: str) -> None:  # the pending text ends in a block's name: the text before it is its own atom
        name = "".join(pending)
        cut = min((at for at in (name.find(w) for w in _FIRST_LEVEL) if at >= 0), default=0)
        cut = min(cut, _anagram_at(name, words.block_names))
        pending.clear()
        if name[:cut]:
            out.append(Atom("T", name[:cut], at=start))
        out.append(Atom("B", name[cut:] + label, at=start + cut))

    i, n = 0, len(s)
    while i < n and len(out) <= limit:
        c = s[i]
        m = _BLOCK.match(s, i)
        if m:
            block(m.group(0))
            i = m.end()
            continue
        m = _BARE_BLOCK.match(s, i)
        if m and _numbered_name("".join(pending)):
            # "数量指标指标1免费发放…", "…8指标2企业自行采购…": the form's numbered indicator name "指标N", not a category
            # with its 分值
            pending.extend(m.group(1))
            i = m.end(1)
            continue
        if m and ("".join(pending).endswith(_BLOCK_WORDS) or _anagram_at("".join(pending), words.block_names) < len(pending)):
            # "管理指标30预算编审…": an indicator category followed by its 分值 and then a name, as printed when
            # the "（30分）" of a block label was a cell of its own (also with the category's characters reordered by
            # the OCR of a vertical cell: "出标产指25数量指标…")
            block(f"({m.group(1)}分)")
            i = m.end(1)
            continue
        m = _FIGURE.match(s, i)
        if m and not m.group(1) and _LABEL_NUMBER.match(s, i):
            # "任务1:门诊人次", "指标2：…": the number of a numbered name, written before its colon
            if not pending:
                start = i
            pending.extend(m.group(2))
            i += len(m.group(2))
            continue
        if m and (m.group(1) or c.isdigit()):
            digits = m.group(2).rstrip(".,")
            q = i + len(m.group(1)) + len(digits)
            unit = _unit_at(s, q)
            after = q + len(unit)
            if unit and unit not in ("%", "％") and not m.group(1) and after < n and not (
                    s[after].isdigit() or s[after] in _SIGNS or s[after] in "%％" or s[after].isspace()):
                unit = ""  # "10人均…": the characters after the figure may open a name (not after a space: "8000亩 ")
            end = q + len(unit)
            if unit or m.group(1):
                # "95%以上": a qualifier after the unit is part of the same cell
                end += next((len(w) for w in words.qualifiers if s.startswith(w, end)), 0)
            flush()
            out.append(Atom("F", s[i:end], m.group(1), digits, "%" if unit in ("%", "％") else unit, at=i))
            i = end
            continue
        d = _DASH.match(s, i)
        if d:
            flush()
            out.append(Atom("D", d.group(0), at=i))
            i = d.end()
            continue
        if c.isspace():
            flush()
        else:
            if not pending:
                start = i
            pending.append(c)
        i += 1
    flush()
    return out


@dataclass(frozen=True)
class _Words:
    qualifiers: tuple[str, ...]
    block_names: tuple[str, ...]
    amount_roles: frozenset[str]
    money_units: frozenset[str]
    total_columns: dict[str, tuple[str, ...]]


@cache
def _words() -> _Words:
    data = yaml.safe_load(
        resources.files("jixiao.audit.data").joinpath("glued.yaml").read_text(encoding="utf-8"))
    return _Words(tuple(sorted(data["qualifiers"], key=len, reverse=True)), tuple(data["block_names"]),
                  frozenset(data["amount_roles"]), frozenset(data["money_units"]),
                  {role: tuple(words) for role, words in data["total_columns"].items()})


def _anagram_at(text: str, names: tuple[str, ...]) -> int:
    """Where ``text`` ends in a block name with its characters reordered ("…出标产指"); ``len(text)`` if it does not.
    The name as written ends in "指标" and is found by the first-level words: only a reordering counts here."""
    for name in names:
        tail = text[-len(name):]
        if len(text) >= len(name) and tail != name and sorted(tail) == sorted(name):
            return len(text) - len(name)
    return len(text)


def _numbered_name(text: str) -> bool:
    """Does ``text`` end in the "指标" of a numbered indicator name ("指标" alone, or after a category: "数量指标指标")?"""
    return text.endswith("指标") and (text == "指标" or text[:-2].endswith("指标"))


# ---------------------------------------------------------------- pieces


def _number_ok(digits: str, max_decimals: int) -> Decimal | None:
    m = _NUMBER.match(digits)
    if not m or len(m.group(1) or "") > max_decimals:
        return None
    try:
        return Decimal(digits.replace(",", ""))
    except InvalidOperation:
        return None


def fits(role: str, sign: str, digits: str, suffix: str, percent_weight: bool = False) -> bool:
    """Can this piece (sign, digits, suffix) be a cell of a column of this role? (``percent_weight``: the column is a
    权重, whose cells may be written in per cent of a 100-point form.)"""
    if role in _TEXT_COLUMNS:
        return bool(sign or suffix) and _number_ok(digits, 4) is not None
    if sign:
        return False
    if role in _PERCENT_COLUMNS:
        v = _number_ok(digits, 4)
        return suffix == "%" and v is not None and v <= 1000
    if role == "weight" and suffix == "%" and percent_weight:  # "20%20": 权重 20%, 得分 20
        v = _number_ok(digits, 2)
        return v is not None and 0 < v <= 100
    if suffix:  # an amount's money unit ("50万元"); no other figure column carries a unit
        return role in _words().amount_roles and suffix in _words().money_units and _number_ok(digits, 4) is not None
    if role in _SCORE_COLUMNS:
        v = _number_ok(digits, 2)
        # a row weighted 0 points is not a scored row: a 分值 of 0 is a cut in the wrong place
        return v is not None and v <= 100 and (role != "weight" or v > 0)
    return _number_ok(digits, 4) is not None


# ---------------------------------------------------------------- readings


@dataclass(frozen=True)
class GluedRow:
    start: int  # first atom of the row (its names)
    end: int  # atom after the row (position; a row may end inside a figure run)
    end_off: int
    label: str
    block: str
    total: bool
    cells: tuple[tuple[int, str], ...]  # (column index in the form's value columns, text)
    skipped: bool = False  # atoms no row of the form can be read from (OCR noise, a row the grammar does not know)
    where: tuple[tuple[int, int], ...] = ()  # (column, offset of the cell's atom in the body)


@dataclass
class _Reading:
    rows: list[GluedRow] = field(default_factory=list)


_Action = tuple[str, int, str, int]  # (what, atom or column, text, atom read)


class _TooComplex(Exception):
    pass


class _Grammar:
    """Readings of the atoms of one body under a form's value columns (see the module docstring)."""

    def __init__(self, body: list[Atom], cols: list[str], kind: str, vocab: Vocabulary,
                 stated: dict[int, Decimal] | None = None, skip: bool = False,
                 percent: Collection[int] = ()) -> None:
        self.body = body
        self.percent = frozenset(percent)  # the 权重 columns, whose cells may be per cent ("20%")
        self.skip = skip  # may atoms that no row reads be left unread (at a cost)
        self.cols = cols
        self.stated = stated or {}  # column -> the value its header states ("分值(10分)": every 分值 cell is 10)
        self.kind = kind
        self.vocab = vocab
        self.memo: dict[tuple[int, int, int, int, int, int], tuple[int, int]] = {}
        self.need: dict[int, list[int]] = {}
        self.cap = _block_points(body) if kind == "scores" else [None] * len(body)
        if kind == "money":
            at = {r: k for k, r in enumerate(cols)}
            funds = _funds(at)
            if funds is not None:
                self.need[funds[0]] = [funds[1], funds[2]]
            if "score" in at and "weight" in at:
                self.need[at["score"]] = [at["weight"]]

    def _over_block(self, i: int, role: str, digits: str) -> bool:
        """Is this piece cut from a figure run a 分值 above the 分值 its block states ("产出指标(40分)" over
        "…原原种8550万粒": 85 | 50万粒 is no cut of it)? A whole figure above it is read as written (a real error), a
        总分 row is not in the block, and a 得分 is not held to it (a 得分 above its 分值 is what the rules look for)."""
        cap = self.cap[i]
        return cap is not None and role == "weight" and Decimal(digits.replace(",", "")) > cap

    def row_ok(self, mask: int, total: bool) -> bool:
        if mask == 0:
            return False
        if self.kind == "scores":
            w = [k for k, r in enumerate(self.cols) if r == "weight"]
            s = [k for k, r in enumerate(self.cols) if r == "score"]
            have_w = any(mask >> k & 1 for k in w)
            have_s = any(mask >> k & 1 for k in s)
            return (have_w or have_s) if total else (have_w and have_s)
        return all(not mask >> k & 1 or all(mask >> x & 1 for x in deps) for k, deps in self.need.items())

    def moves(self, state: tuple[int, int, int, int, int, int]
              ) -> list[tuple[tuple[int, int, int, int, int, int], int, _Action | None]]:
        """(next state, cost, action) — action: ("name", atom, ""), ("block", atom, ""),
        ("cell", column, text), ("end", 0, ""), ("skip", atom, "") or None (no action); the last item of an action
        is the atom it reads."""
        i, off, j, mask, named, total = state
        body, n = self.body, len(self.body)
        out: list[tuple[tuple[int, int, int, int, int, int], int, _Action | None]] = []
        if j < 0:  # reading names
            if i >= n:
                return out
            a = body[i]
            if a.kind == "T" and not named and self.skip:
                # a row no reading fits (OCR noise): its atoms are left unread, up to the next text or block label
                for m in range(i + 1, min(n, i + MAX_SKIP) + 1):
                    if m == n or body[m].kind in ("T", "B"):
                        out.append(((m, 0, -1, 0, 0, 0), SKIP * (m - i), ("skip", i, "", i)))
            if a.kind == "T" and self.skip and not named and not _CJK.search(a.text):
                return out  # "O%": OCR noise left from a row that is not read, not the name of a row
            if a.kind == "T":
                is_total = int(self.vocab.is_total_label(a.text) or row_label(a.text).endswith(("总分", "合计", "总计")))
                out.append(((i + 1, 0, -1, 0, 1, is_total or total), 0, ("name", i, "", i)))
            elif a.kind == "B":
                out.append(((i + 1, 0, -1, 0, 0, 0), 0, ("block", i, "", i)))
            elif a.kind == "D":
                out.append(((i + 1, 0, -1, 0, named, total), 0, None))
            elif a.kind == "F" and named:
                out.append(((i, 0, 0, 0, 1, total), 0, None))
            return out
        # reading cells: column j next
        if off == 0 and j >= len(self.cols) and self.row_ok(mask, bool(total)) and (i >= n or body[i].kind != "F"):
            out.append(((i, 0, -1, 0, 0, 0), 0, ("end", 0, "", i)))
        if j >= len(self.cols):
            return out
        out.append(((i, off, j + 1, mask, named, total), 0, None))
        if i >= n:
            return out
        a = body[i]
        role = self.cols[j]
        if a.kind == "F":
            digits = a.digits
            for e in range(off + 1, min(len(digits), off + MAX_PIECE) + 1):
                last = e == len(digits)
                sign = a.sign if off == 0 else ""
                suffix = a.suffix if last else ""
                if not last and digits[e] in ".,":
                    continue
                if fits(role, sign, digits[off:e], suffix, j in self.percent) and (
                        j not in self.stated or Decimal(digits[off:e]) == self.stated[j]) and (
                        total or (last and off == 0) or not self._over_block(i, role, digits[off:e])):
                    text = sign + digits[off:e] + suffix
                    nxt = (i + 1, 0, j + 1, mask | 1 << j, named, total) if last else (i, e, j + 1, mask | 1 << j, named, total)
                    out.append((nxt, 0 if last else 1, ("cell", j, text, i)))
        elif off == 0 and a.kind == "T" and role in _TEXT_COLUMNS:
            out.append(((i + 1, 0, j + 1, mask | 1 << j, named, total), 0, ("cell", j, a.text, i)))
        elif off == 0 and a.kind == "D":
            out.append(((i + 1, 0, j + 1, mask, named, total), 0, ("cell", j, "", i)))
        return out

    def best(self, state: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
        """(fewest cuts from this state to the end, number of readings with that many), iteratively."""
        stack = [state]
        while stack:
            if len(self.memo) > MAX_STATES:
                raise _TooComplex
            s = stack[-1]
            if s in self.memo:
                stack.pop()
                continue
            nexts = self.moves(s)
            todo = [t for t, _, _ in nexts if t not in self.memo]
            if todo:
                stack.extend(todo)
                continue
            stack.pop()
            if s[2] < 0 and s[0] >= len(self.body):
                self.memo[s] = (0, 1)
                continue
            cost, count = 10**9, 0
            for t, c, _ in nexts:
                tc, tn = self.memo[t]
                if tc + c < cost:
                    cost, count = tc + c, tn
                elif tc + c == cost:
                    count = min(count + tn, MAX_READINGS + 1)
            self.memo[s] = (cost, count)
        return self.memo[state]

    def readings(self) -> list[list[GluedRow]] | None:
        start = (0, 0, -1, 0, 0, 0)
        try:
            cost, count = self.best(start)
        except _TooComplex:
            return None
        if cost >= 10**9 or count > MAX_READINGS:
            return None
        out: list[list[GluedRow]] = []
        stack: list[tuple[tuple[int, int, int, int, int, int], tuple[_Action, ...]]] = [(start, ())]
        while stack:
            state, path = stack.pop()
            if state[2] < 0 and state[0] >= len(self.body):
                out.append(self._rows(list(path)))
                continue
            here = self.memo[state][0]
            for t, c, action in self.moves(state):
                if t in self.memo and self.memo[t][0] + c == here:
                    stack.append((t, (*path, action) if action is not None else path))
        out.reverse()
        return out

    def _rows(self, path: list[_Action]) -> list[GluedRow]:
        rows: list[GluedRow] = []
        names: list[int] = []
        cells: list[tuple[int, str]] = []
        where: list[tuple[int, int]] = []
        block = ""
        lost = False  # after a stretch left unread, until the next block label: where a row starts is not known
        for what, k, text, atom in path:
            if what == "block":
                block, names, lost = self.body[k].text, [], False
            elif what == "name":
                names.append(k)
            elif what == "cell":
                if text:
                    cells.append((k, text))
                    where.append((k, self.body[atom].at))
            elif what == "skip" or (what == "end" and names and lost):
                # the rows read after an unread stretch may begin inside it (its garbled cells read as a row of
                # their own): they are left unread with it, up to the next block label
                if not (rows and rows[-1].skipped):  # one unread stretch, however many skips
                    rows.append(GluedRow(k if what == "skip" else names[0], 0, 0, self.body[k if what == "skip" else names[0]].text,
                                         block, False, (), skipped=True))
                names, cells, where, lost = [], [], [], True
            elif what == "end" and names:
                label = "".join(self.body[x].text for x in names)
                total = self.vocab.is_total_label(label) or row_label(label).endswith(("总分", "合计", "总计"))
                if total:
                    label = _EMPTY_SLOTS.sub("", label) or label  # "指标2:总分": the empty slots before the 总分 row
                rows.append(GluedRow(names[0], 0, 0, label, block, total, tuple(cells), where=tuple(where)))
                names, cells, where = [], [], []
        return rows


# ---------------------------------------------------------------- tables


_T = TypeVar("_T")


def _funds(at: dict[str, _T]) -> tuple[_T, _T, _T] | None:
    """A 资金 row's 执行率, 执行数 and the budget the rate is of (全年预算数, else 年初预算数), from what ``at`` holds
    under each column's name (a cell's text, a column's index); None when one of them is not there."""
    rate, num = at.get("rate"), at.get("actual")
    den = at.get("budget_final", at.get("budget_initial"))
    return None if rate is None or num is None or den is None else (rate, num, den)


def _cells(row: GluedRow, cols: list[str]) -> dict[str, str]:
    """A reading of a row: each filled cell's text under its column's name."""
    return {cols[k]: t for k, t in row.cells}


def _numbers(*texts: str) -> list[Decimal] | None:
    """The texts as plain numbers ("4.91" of a rate written "4.91%" passed without its sign, "50" of an amount
    written "50万元"); None when one is not."""
    out = [cell_value_text(t) for t in texts]
    return None if any(v is None for v in out) else [v for v in out if v is not None]


def _rate_ok(row: GluedRow, cols: list[str]) -> bool:
    """Does this reading of a 资金 row give amounts whose ratio is the row's own stated 执行率?"""
    funds = _funds(_cells(row, cols))
    if funds is None:
        return True
    vals = [cell_value(Cell(t, 1, 1)) for t in funds]
    r, a, b = vals
    if r is None or a is None or b is None or b.value <= 0:
        return False
    lo, hi = ratio_bounds(a.value, half(a), b.value, half(b))
    return rate_verdict(r.value, r.decimals, a.value / b.value * 100, lo, hi) is None


def _near_ok(row: GluedRow, cols: list[str]) -> bool:
    """Does this reading of a 资金 row give amounts whose ratio is near its stated 执行率 (within ``NEAR``)? A cut in
    the wrong place moves a digit from one amount to the other, which changes their ratio many times over; a
    figure written wrong (an amount off by a few per cent) does not."""
    funds = _funds(_cells(row, cols))
    if funds is None:
        return True
    rate, num, den = funds
    numbers = _numbers(rate.rstrip("%"), num, den)
    if numbers is None:
        return False
    r, a, b = numbers
    if r <= 0 or b <= 0 or len(rate.rstrip("%").partition(".")[2]) > 2:
        return False  # a rate is printed with two decimals at most: "4.9100%" is a cut in the wrong place
    return NEAR[0] <= a / b * 100 / r <= NEAR[1]


def _block_points(body: list[Atom]) -> list[Decimal | None]:
    """For each atom, the 分值 its block label states ("产出指标(40分)"), or None before any block label."""
    out: list[Decimal | None] = []
    cap: Decimal | None = None
    for a in body:
        if a.kind == "B":
            m = _BLOCK.search(a.text)
            cap = Decimal(m.group(1)) if m else None
        out.append(cap)
    return out


def _short_last(rows: list[GluedRow]) -> bool:
    """Does the last row (not a 总分) leave empty a column that every row before it fills?"""
    if len(rows) < 2 or rows[-1].total:
        return False
    filled = set.intersection(*({k for k, _ in r.cells} for r in rows[:-1] if not r.total))
    return bool(filled - {k for k, _ in rows[-1].cells})


def _figures(row: GluedRow, cols: list[str]) -> tuple[tuple[int, str], ...]:
    """The cells a row must give alike in every reading; 指标值 / 完成值 cells (figures or words) are kept only
    where every reading puts them in the same column ("…增372人次55": 372人次 is the 指标值 or the 完成值 — the
    row's 分值 5 and 得分 5 are certain either way)."""
    return tuple(c for c in row.cells if cols[c[0]] not in _TEXT_COLUMNS)


def _key(row: GluedRow, cols: list[str]) -> tuple[int, str, str, bool, bool, tuple[tuple[int, str], ...]]:
    return (row.start, row.label, row.block, row.total, row.skipped, _figures(row, cols))


def _rule_ok(row: GluedRow, cols: list[str]) -> bool:
    """Does this reading of a 资金 row give a 得分 equal to 执行率 × 分值 (the national form's rule)?"""
    got = _cells(row, cols)
    rate, weight, score = got.get("rate"), got.get("weight"), got.get("score")
    if rate is None or weight is None or score is None:
        return True
    numbers = _numbers(rate.rstrip("%"), weight, score)
    if numbers is None:
        return False
    r, w, sc = numbers
    decimals = len(score.partition(".")[2])
    return quantize(min(r, Decimal(100)) / 100 * w, decimals) == sc


def _named_total_ok(row: GluedRow, cols: list[str]) -> bool:
    """Does this reading of a total row fill the column its label names ("得分合计100": the 100 is the 得分, not the
    分值)? A row whose label names no column, or two, is not held to any."""
    if not row.total:
        return True
    named = [role for role, words in _words().total_columns.items() if any(w in row.label for w in words)]
    return len(named) != 1 or not row.cells or any(cols[k] == named[0] for k, _ in row.cells)


def _certain(readings: list[list[GluedRow]], cols: list[str]) -> list[GluedRow]:
    """The rows every reading gives with the same figures; a 指标值 / 完成值 cell is kept where every reading
    puts it in the same column, else left empty."""
    keyed = [{_key(row, cols): row for row in r} for r in readings]
    out: list[GluedRow] = []
    for row in readings[0]:
        k = _key(row, cols)
        if not all(k in d for d in keyed):
            continue
        texts = set(row.cells) - set(k[5])
        for d in keyed[1:]:
            texts &= set(d[k].cells)
        cells = tuple(c for c in row.cells if c in texts or c in k[5])
        out.append(replace(row, cells=cells))
    return out


def _body_end(s: str, start: int, stop_at: int) -> int:
    end = stop_at
    first = next((k for k in range(start, stop_at) if s[k].isdigit()), stop_at)  # a header's own words may say 改进措施
    for w in _STOP:
        at = s.find(w, first, end)
        if 0 <= at < end:
            end = at
    return end


def glued_header(line: str) -> bool:
    """Does the line hold a glued header run of a known form (whether or not its body can be read)?"""
    if len(line) < 40 or sum(a in line for a in _ANCHORS) < 2:
        return False
    return bool(_header_runs(line, vocabulary()))


_PROSE_MARKS = ("。", "，", ",", "；")


def glued_continuation(line: str) -> bool:
    """A line that goes on with a glued table (the next page of an OCR'd form): long, with figures, and
    without the punctuation of a sentence."""
    s = line.strip()
    return len(s) >= 20 and any(ch.isdigit() for ch in s) and not any(m in s for m in _PROSE_MARKS)


PAGE_CHUNK = re.compile(r"\s*(\d{1,3})、")  # "2、…": the page number a document-sharing site puts before each page's text
MAX_PAGE_GAP = 3  # blank lines a copy may leave between two of its pages


def page_chunks(lines: list[str], k: int, taken: Collection[int] = ()) -> list[int]:
    """The lines after ``lines[k]`` that carry its text on as the next numbered pages of a document-sharing site's
    copy ("1、…自评表…按规定公" then "2、开已公开44…"): each begins with the next page number. Empty when line ``k``
    does not begin with a page number."""
    m = PAGE_CHUNK.match(lines[k])
    if m is None:
        return []
    out: list[int] = []
    n, j = int(m.group(1)), k + 1
    while True:
        gap = j
        while gap < len(lines) and gap - j < MAX_PAGE_GAP and gap not in taken and not lines[gap].strip():
            gap += 1  # a copy that leaves blank lines between its pages ("…“三公" / "" / "2、经费”变动率…")
        if gap >= len(lines) or gap in taken or not (mm := PAGE_CHUNK.match(lines[gap])) or int(mm.group(1)) != n + 1:
            return out
        out.append(gap)
        n, j = n + 1, gap + 1


MAX_ROW_LINES = 30  # row lines read under a header line of their own
MAX_ROW_LINE = 120  # characters of one such row line


def _header_alone(line: str) -> bool:
    """Does the line end in a glued header run of a known form, with nothing after it (its rows on the next lines)?"""
    s = line.strip()
    return sum(a in s for a in _ANCHORS) >= 2 and any(h.end == len(s) for h in _header_runs(s, vocabulary()))


def row_lines(lines: list[str], k: int, taken: Collection[int] = ()) -> list[int]:
    """The lines after ``lines[k]`` that hold the rows of the glued header that ends it: an OCR reading that kept one
    line per row of the form, each row's cells glued ("项目资金(万元)全年预算数全年执行数执行率" then
    "年度资金总额50万元47.6895.00%", "其中:中央财政补助50万元47.6895.00%", "地方资金"). They run up to a blank line, a
    sentence, a closing label (``_STOP``), another glued header or a long line, and end with the last one holding a
    figure (a row of empty cells after it cannot be told from the next part's title). Empty when line ``k`` does not
    end in a header, or when the header goes on on the next line (header words and no figure: the columns are not
    known)."""
    if not _header_alone(lines[k]):
        return []
    out: list[int] = []
    j = k + 1
    while j < len(lines) and j not in taken and len(out) < MAX_ROW_LINES:
        s = lines[j].strip()
        if (not s or len(s) > MAX_ROW_LINE or any(m in s for m in _PROSE_MARKS) or any(w in s for w in _STOP)
                or _header_runs(s, vocabulary())):
            break
        if sum(a in s for a in _ANCHORS) >= 2 and not any(ch.isdigit() for ch in s):
            # header words on a line of their own: the header goes on ("…年度指标值" then "全年完成值分值得分"), so the
            # columns are not known from line k alone; after rows, the next table's header
            return [] if not any(any(ch.isdigit() for ch in lines[x]) for x in out) else out
        out.append(j)
        j += 1
    while out and not any(ch.isdigit() for ch in lines[out[-1]]):
        out.pop()
    return out


def join_pages(lines: list[str], k: int, chunks: list[int], first_line: int,
               sep: str = "") -> tuple[str, tuple[tuple[int, int], ...]]:
    """Line ``k`` and its page chunks as one text (page numbers dropped: a page break cuts the glued text anywhere,
    inside a cell as often as between two), with where each page starts: ((offset, line number), …). Row lines
    (:func:`row_lines`) are joined with ``sep`` " ": a line's end is a cell's end there."""
    text = lines[k].strip()
    breaks: list[tuple[int, int]] = []
    for j in chunks:
        m = None if sep else PAGE_CHUNK.match(lines[j])
        text += sep
        breaks.append((len(text), first_line + j))
        text += lines[j][m.end() if m else 0:].strip()
    return text, tuple(breaks)


def glued_tables(line: str, line_no: int, page: int | None, breaks: tuple[tuple[int, int], ...] = ()) -> list[Table]:
    """Every glued table of one line (``line_no`` is its number in the document; ``breaks``: the offsets where the
    text goes on from a later line, with that line's number)."""
    if len(line) < 40 or sum(a in line for a in _ANCHORS) < 2:
        return []
    vocab = vocabulary()
    headers = _header_runs(line, vocab)
    out: list[Table] = []
    for k, h in enumerate(headers):
        nxt = headers[k + 1].start if k + 1 < len(headers) else len(line)
        end = _body_end(line, h.end, nxt)
        body = atoms(line[h.end:end], MAX_ATOMS)
        if not body or len(body) > MAX_ATOMS:
            continue
        table = _rebuild(h, body, line, (line_no, breaks), page, vocab, open_end=end == len(line))
        for cut in _per_level_bodies(h, line, vocab) if table is None else ():
            # its rows hold rule text with figures of its own: read by their names or their blocks' bracketed 分值
            table = level_rows_table(line[cut:end], partial(_body_line, cut, (line_no, breaks)), page)
            if table is not None:
                break
        if table is not None:
            out.append(table)
    return out


def _body_line(base: int, where: tuple[int, tuple[tuple[int, int], ...]], offset: int) -> int:
    """The line number of a character of a body that begins at ``base`` of the joined text."""
    return _line_at(base + offset, where)


def _per_level(roles: list[str]) -> bool:
    """Are the header's roles a 评价指标表's with a 分值 after each level and rule text before the 得分 ("…三级指标分值
    评价标准指标说明得分")?"""
    return ("level3" in roles and roles.index("level3") + 1 < len(roles) and roles[roles.index("level3") + 1] == "weight"
            and "criteria" in roles and roles[-1] == "score")


def _per_level_bodies(h: GluedHeader, line: str, vocab: Vocabulary) -> list[int]:
    """Where the body of a per-level 评价指标表 header may begin (empty when the header is no such one): after the
    header, or right after its 得分 word when the first block label's bracketed 分值 follows that word ("…得分(20分)项目
    决策…"): that reads as the word's unit note, and the label's name may begin with a header word ("项目")."""
    if "score" not in h.roles:
        return []
    last = len(h.roles) - 1 - h.roles[::-1].index("score")
    if not _per_level(h.roles[:last + 1]):
        return []
    at = h.start + sum(len(t) for t in h.texts[:last])
    word = _word_at(line, at, _word_sizes(vocab), vocab)
    ends = [h.end] if last == len(h.roles) - 1 else []
    if word is not None and at + word[1] != h.end:
        ends.append(at + word[1])
    return ends


_PERCENT_WEIGHT = "权重"  # a column headed 权重 (not 分值) may state its figures in per cent: "20%"
_HEADER_WEIGHT = re.compile(r"[（(]\s*(\d{1,3})\s*分\s*[)）]")


def _stated_weights(h: GluedHeader, value_idx: list[int]) -> dict[int, Decimal]:
    """Value columns whose header states the one figure they hold: "分值(10分)" over the 项目资金 row."""
    out: dict[int, Decimal] = {}
    for j, k in enumerate(value_idx):
        m = _HEADER_WEIGHT.search(h.texts[k])
        if h.roles[k] == "weight" and m:
            out[j] = Decimal(m.group(1))
    return out


def _line_at(offset: int, where: tuple[int, tuple[tuple[int, int], ...]]) -> int:
    """The line number of a character of a text joined from several lines (:func:`join_pages`)."""
    line_no, breaks = where
    return next((n for at, n in reversed(breaks) if offset >= at), line_no)


def _plain(h: GluedHeader, first_value: int) -> bool:
    """Is the header the plain form whose rows the grammar knows: names, then figure columns (no 分值 between two
    levels, "一级指标分值二级指标分值…", whose rows give a figure after each name; no 评分标准 column, whose text holds
    figures)? Only in it may a row that no reading fits be left unread: elsewhere the rows read around it could be
    read in the wrong columns. (A 权重 before the levels is the block labels' own: "管理指标30".)"""
    names = [k for k, r in enumerate(h.roles[:first_value]) if r in ("level1", "level2", "level3", "name")]
    between = h.roles[names[0]:first_value] if names else []
    return all(r in ("level1", "level2", "level3", "name") for r in between) and "criteria" not in h.roles


def _rebuild(h: GluedHeader, body: list[Atom], line: str, where: tuple[int, tuple[tuple[int, int], ...]],
             page: int | None, vocab: Vocabulary, open_end: bool = False) -> Table | None:
    """The table of one glued header and its body; ``where``: the line number of the text and the later lines it
    goes on in (:func:`join_pages`); ``open_end``: the body runs to the line's end (no closing label, no next header),
    so the text may stop inside its last row."""
    line_no = where[0]
    levels = [k for k, r in enumerate(h.roles) if r in ("level1", "level2", "level3", "name")]
    first_value = max(levels) + 1 if levels else 0
    value_idx = [k for k in range(first_value, len(h.roles))]
    while value_idx and h.roles[value_idx[-1]] in _TRAILING_TEXT:
        value_idx.pop()  # a reason column at the row's end: its text cannot be told from the next row's names
    cols = [h.roles[k] for k in value_idx]
    if not cols or any(r in ("level1", "level2", "level3", "name") for r in cols):
        return None
    stated = _stated_weights(h, value_idx)
    percent = [j for j, k in enumerate(value_idx) if h.roles[k] == "weight" and h.texts[k].startswith(_PERCENT_WEIGHT)]
    readings = _Grammar(body, cols, h.form.kind, vocab, stated, percent=percent).readings()
    full = body
    notes: list[str] = []
    for _ in range(MAX_CUT_ROWS):
        if readings or len(body) < 2:
            break
        # the text may stop inside a row (the page goes on on the next line): read the rows before that row
        last = max((k for k, a in enumerate(body[:-1]) if a.kind in ("T", "B") and body[k + 1].kind == "F"), default=0)
        if last == 0:
            break
        body = body[:last]
        readings = _Grammar(body, cols, h.form.kind, vocab, stated, percent=percent).readings()
        if readings:
            notes.extend([_CUT_ROW, INCOMPLETE])
    if not readings and _plain(h, first_value):
        # a row in the middle that no reading fits (OCR noise, a layout the grammar does not know): leave it unread
        body = full
        readings = _Grammar(body, cols, h.form.kind, vocab, stated, skip=True, percent=percent).readings()
    readings = [r for r in readings or [] if r]  # a body read as no row at all (a header's own words after it) holds no table
    if not readings:
        return None
    readings = [r for r in readings if all(_named_total_ok(row, cols) for row in r)] or readings
    rows = _certain(readings, cols)
    read_by: dict[int, str] = {}  # row start -> the relations used to read it ("rate", "rate+rule")
    if len(rows) < len(readings[0]) and h.form.kind == "money":
        # a 资金 row whose amounts can be cut several ways: its own 执行率, then its 得分 rule, pick the cut
        known = {row.start for row in rows}
        used: list[str] = []
        every = readings
        for name, test in (("rate", _rate_ok), ("rule", _rule_ok)):
            fitting = [r for r in readings if all(test(row, cols) for row in r)]
            if not fitting or fitting == readings:
                continue
            readings = fitting
            used.append(name)
            better = _certain(readings, cols)
            read_by.update({row.start: "+".join(used) for row in better if row.start not in known and row.start not in read_by})
            rows = better
            if len(rows) == len(readings[0]):
                break
        near = [r for r in every if all(_near_ok(row, cols) for row in r)]
        if len(rows) < len(readings[0]) and near and near != every and len(_certain(near, cols)) > len(rows):
            # no cut gives the stated rate (or a spurious one does: "…10|90.0|0%" of 10 ÷ 5045.5): the one cut near it
            readings, rows = near, _certain(near, cols)
            read_by = {row.start: "rate" if _rate_ok(row, cols) else "near" for row in rows if row.start not in known}
    if any(len(r) != len(readings[0]) for r in readings) or len(rows) < len(readings[0]):
        kept = {row.start for row in rows}
        lost = [row.label for row in readings[0] if row.start not in kept]
        notes.append(f"文字表格中{'、'.join(f'“{x}”' for x in lost[:5]) or '部分行'}的数字有多种读法，未判断")
        notes.append(INCOMPLETE)
    if open_end and h.form.kind == "scores" and _CUT_ROW not in notes and not readings[0][-1].skipped and _short_last(readings[0]):
        # nothing after the last row, which lacks a column every other row fills: the text stopped inside it
        # ("…指标3推广面积10" read as 分值 1, 得分 0) — its figures are not read, and no sum is judged
        last = readings[0][-1].start
        rows = [r for r in rows if r.start != last]
        notes.extend([_CUT_ROW, INCOMPLETE])
    skipped = [r.label for r in readings[0] if r.skipped]
    if skipped:
        notes.append(_SKIPPED.format("、".join(f"“{x}”" for x in skipped[:3])))
        if h.form.kind != "scores":
            notes.append(INCOMPLETE)
            rows = [r for r in rows if not r.skipped]
    if all(r.skipped for r in rows):
        return None
    # the grid: header row, then one row per certain reading row
    if h.form.kind == "money":
        head = ["项目", *h.texts]
        name_col = 0
        value_cols = [1 + k for k in value_idx]
    else:
        head = list(h.texts)
        name_col = max(levels) if levels else 0
        value_cols = list(value_idx)
    l1 = h.roles.index("level1") if "level1" in h.roles and h.form.kind != "money" else None
    if h.form.kind == "scores" and l1 is None and any(r.block for r in rows):
        # block labels read ("管理指标30") under a header that lost its 一级指标 word: they get a column of their own
        head, name_col, value_cols, l1 = ["一级指标", *head], name_col + 1, [c + 1 for c in value_cols], 0
    grid_rows: list[list[str]] = [head]
    lines: list[list[int | None]] = [[line_no] * len(head)]
    for n, row in enumerate(rows, start=2):
        cells = [""] * len(head)
        name_line = _line_at(h.end + body[row.start].at, where)
        at = dict(row.where)
        lines.append([_line_at(h.end + at[k], where) if k in at else name_line for k in
                      (value_cols.index(c) if c in value_cols else -1 for c in range(len(head)))])
        cells[name_col] = row.label
        if l1 is not None and l1 != name_col and row.block and not row.total:
            cells[l1] = row.block
        if row.skipped:  # a stretch left unread: a row of unknown 分值, so its block is not summed (nor the 总分)
            notes.append(f"{UNSUMMED}{n}")
        for k, text in row.cells:
            cells[value_cols[k]] = text
        grid_rows.append(cells)
        if row.start in read_by and read_by[row.start].endswith("near"):
            notes.append(f"{READ_NEAR}{n}")
        elif row.start in read_by:
            notes.append(f"{READ_BY_RATE}{n}")
            if "rule" in read_by[row.start]:
                notes.append(f"{READ_BY_RULE}{n}")
    unit = "（万元）" if "(万元)" in line[max(0, h.start - 12):h.start] or "（万元）" in line[max(0, h.start - 12):h.start] else ""
    return Table(number=0, rows=grid(grid_rows, lines=lines), source="text", page=page,
                 caption=f"{h.form.name}{unit}（据无分隔的文字还原）", line=line_no, rebuilt=True, form=h.form.id,
                 notes=tuple(notes))
