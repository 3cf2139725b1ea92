"""Paragraphs of an analysed document and the words that give a figure its role.

A :class:`Para` is one prose paragraph with its sentences and figures; the helpers say whether a
figure is spent or planned (``role``), what it is of (``subject``), whether it can take part in a
sum or ratio (``eligible``) and whether it is last year's (``prior``). The 其中 lists of a paragraph
are found by :mod:`jixiao.audit.clauses`, which builds on these; :mod:`jixiao.audit.context` puts
both together.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace
from functools import cache, cached_property, lru_cache
from importlib import resources

import yaml

from jixiao.audit.bounds import SENTENCE_CHARS, pieces
from jixiao.audit.docmodel import Block
from jixiao.audit.numbers import Figure, bracket_depths

_SENTENCE_END = re.compile(r"[。！？!?]+|(?<=元)(?=(?:19|20)\d{2}年度?[\u4e00-\u9fff])")
# (an amount run straight into a year — "其他资金859.6万元2023年支出2310.4万元": two lines of a web copy joined
# without their full stop; the year opens a new sentence)
ACTUAL_WORDS = ("实际", "支出", "决算", "执行数", "完成数", "花费", "使用", "支付", "拨付", "拨入", "到位", "开支", "执行", "完成投资", "发放")
PLAN_WORDS = ("预算", "批复", "安排", "计划", "核定", "下达", "共有", "年初", "总投资")

def is_prose(text: str) -> bool:
    """Cell text that is a sentence with figures (read by the prose rules), not a label or a figure."""
    return len(text) >= 12 and any(ch.isdigit() for ch in text) and any(p in text for p in "，。；：,;")


# Names of funds and units that contain 预算 without meaning a budget figure.
# 年初结转和结余 is a source of funds (money carried over), not the year's initial budget.
# Programmes named 计划 ("科技计划项目验收经费", "营养改善计划", "计划生育") are names, not a planned figure.
# 转移支付资金 (funds transferred from a higher government) names the funds, not money paid out: "下达中央转移支付资金共X万元"
# is what was allotted.
_NOT_PLAN = re.compile(r"一般公共预算|政府性基金预算|国有资本经营预算|社会保险基金预算|预算单位|预算内|预算外|年初结转|年初结余|转移支付(?:专项)?资金"
                       r"|(?:科技|改善|行动|人才|培训|发展|示范|专项)计划|计划生育")


def without_names(label: str) -> str:
    """``label`` without the fund and unit names that hold 预算/计划/年初 without naming a budget figure."""
    return _NOT_PLAN.sub("", label)


@lru_cache(maxsize=4096)  # labels repeat across the rules that ask
def role(label: str) -> str:
    """"actual", "plan" or "": the keyword nearest to the figure decides (总支出预算 -> plan)."""
    label = _NOT_PLAN.sub("", label)
    best, best_pos = "", -1
    for words, name in ((ACTUAL_WORDS, "actual"), (PLAN_WORDS, "plan")):
        for w in words:
            pos = label.rfind(w)
            if pos >= 0 and pos + len(w) > best_pos:
                best, best_pos = name, pos + len(w)
    return best


@lru_cache(maxsize=4096)
def subject(label: str) -> str:
    """The thing a label names, without role words: "公务用车购置及运行费支出决算为" -> "公务用车购置及运行费"."""
    cut = len(label)
    for w in (*ACTUAL_WORDS, *PLAN_WORDS, "为", "是", "达", "共", "合计", "总计"):
        k = label.find(w)
        if 0 < k < cut:
            cut = k
    return label[:cut].strip("“”\"：: ")


def eligible(f: Figure) -> bool:
    """A level figure that can take part in a sum or ratio (not a gap to the budget: "超收392万元")."""
    return not (f.approx or f.per_unit or f.change or budget_gap(f.label)) and f.kind not in (
        "percent", "points", "bare", "score")


@cache
def _gap_words() -> dict[str, tuple[str, ...]]:
    """The words stating an amount as its gap to the budget, by direction (``data/budget_gaps.yaml``)."""
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("budget_gaps.yaml").read_text(encoding="utf-8"))
    return {"+": tuple(data["over"]), "-": tuple(data["under"])}


_ON_LAST_YEAR = re.compile(r"上年|去年|上一年|同比|同期")


@lru_cache(maxsize=4096)
def budget_gap(label: str) -> str | None:
    """"+" when a figure's label ends in a word saying it is what the amount exceeds its budget by ("超收"), "-" when
    it is what the amount falls short by ("短收"); None for any other label."""
    tail = label.rstrip("了为是")
    if _ON_LAST_YEAR.search(tail[-12:]):
        return None  # "比上年节支5万元": a change on last year, not a gap to the budget
    for sign, words in _gap_words().items():
        if tail.endswith(words):
            return sign
    return None


_PRIOR = re.compile(r"(?:比|较|与)(?:上年|去年|上一年|上年度)|上年度?(?:同期|决算|实际|累计|支出|收入|数)|去年|上一年度"
                    r"|(?:比|较)(?:19|20)\d{2}年度?(?:同期)?的?$")  # "较2014年的5.98亿元": the base of a comparison
_NOT_PRIOR = re.compile(r"上年(?:结转|结余|项目结转)")


def prior(f: Figure) -> bool:
    """A last-year figure stated for comparison ("比上年累计支出433万元"), not this year's (上年结转收入 is)."""
    return _prior_label(f.label)


@lru_cache(maxsize=4096)
def _prior_label(label: str) -> bool:
    return bool(_PRIOR.search(label)) and not _NOT_PRIOR.search(label[-6:])


# One space a PDF's text layer leaves inside a word or between a word and a figure ("与 2023年度相比", "2024 年度",
# "基 本支出", "非财 政拨款"): Chinese prose does not space its words, so the space carries nothing. A run of spaces
# (a cell gap of flattened table text) and a space between two figures ("500 520") are kept.
_STRAY_SPACE = re.compile(r"(?<=[\u4e00-\u9fff])[ \u3000](?=[\u4e00-\u9fff\d])|(?<=\d)[ \u3000](?=[\u4e00-\u9fff])")


def unspaced(block: Block) -> Block:
    """The block without stray single spaces (``_STRAY_SPACE``); its line starts move with the text."""
    cuts = [m.start() for m in _STRAY_SPACE.finditer(block.text)]
    if not cuts:
        return block
    text = _STRAY_SPACE.sub("", block.text)
    starts = tuple((o - bisect.bisect_left(cuts, o), n) for o, n in block.line_starts)
    return replace(block, text=text, line_starts=starts)


def spaced_offset(text: str, offset: int) -> int:
    """Where the character at ``offset`` of ``text``'s unspaced form (:func:`unspaced`) stands in ``text``."""
    for m in _STRAY_SPACE.finditer(text):
        if m.start() > offset:
            break
        offset += 1
    return offset


_OPENS_LIST = re.compile(r"其中[:：]\s*$")
_NUMBERED_ITEM = re.compile(r"\s*(?:\d{1,2}[.．、](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])[^\n]*?\d")
_MAX_ITEMS = 12
_ITEM_SEPARATORS = ("；", ";")


def _lines(block: Block, offset: int) -> list[tuple[int, int]]:
    if block.line_starts:
        return [(offset + o, n) for o, n in block.line_starts]
    return [(offset, block.line)] if block.line is not None else []


def joined_breakdowns(blocks: list[Block]) -> list[Block]:
    """A paragraph ending in "其中：" and the numbered paragraphs right after it, each stating a figure ("1.用于建设和维护
    公共体育场地151万元；" / "2.……9万元；"), are one breakdown written one item a line: they are read as one paragraph
    (each part keeps its line). Two numbered items at least, each but the last closed by "；" (numbered paragraphs
    each ending in "。" — a 决算's "1.…（类）…（项）：年初预算为A，支出决算为B。" — are a sequence of paragraphs, not one
    list); table text and table cells are left alone."""
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        head = blocks[i]
        j = i + 1
        if not head.in_table and head.kind != "cell" and _OPENS_LIST.search(head.text):
            while (j < len(blocks) and j - i <= _MAX_ITEMS and not blocks[j].in_table and blocks[j].kind == head.kind
                   and blocks[j].page == head.page and _NUMBERED_ITEM.match(blocks[j].text)
                   and (j == i + 1 or blocks[j - 1].text.rstrip().endswith(_ITEM_SEPARATORS))):
                j += 1  # a list's items go on after "；"; numbered paragraphs each closed by "。" are a sequence
        if j - i < 3:
            out.append(head)
            i += 1
            continue
        text, starts = "", []
        for b in blocks[i:j]:
            starts.extend(_lines(b, len(text)))
            text += b.text
        out.append(replace(head, text=text, line_starts=tuple(starts)))
        i = j
    return out


def same_family(a: Figure, b: Figure) -> bool:
    return a.kind == b.kind


@dataclass
class Para:
    index: int
    block: Block
    text: str
    figures: list[Figure]
    sentences: list[tuple[int, int]]  # [start, end) of each sentence
    is_last: bool = False  # the document's last paragraph (a list running into its end may be cut off)
    prev: Para | None = None  # the prose paragraph before (a list opening a paragraph may break down its figure)
    next: Para | None = None  # the prose paragraph after (numbered paragraphs may break down this one's figure)

    def sentence_of(self, pos: int) -> int:
        return max(bisect.bisect_right(self._sentence_starts, pos) - 1, 0)

    @cached_property
    def _sentence_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_text(self, i: int) -> str:
        s, e = self.sentences[i]
        return self.text[s:e].strip()

    def figures_in(self, i: int) -> list[Figure]:
        s, e = self.sentences[i]
        starts = self._starts
        return self.figures[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]

    @cached_property
    def _starts(self) -> list[int]:
        return [f.start for f in self.figures]

    def line_of(self, f: Figure) -> int | None:
        return self.block.line_at(f.start)

    def quote(self, pos: int) -> str:
        return self.sentence_text(self.sentence_of(pos))

    @cached_property
    def depths(self) -> list[int]:
        """Bracket depth at every character (:func:`jixiao.audit.numbers.bracket_depths`)."""
        return bracket_depths(self.text)

    def depth_at(self, pos: int) -> int:
        return self.depths[pos] if pos < len(self.depths) else 0

    def closing(self, pos: int, depth: int) -> int:
        """Position where the bracket open at ``pos`` (at ``depth``) closes; the end when it never does."""
        text = self.text
        for i in range(pos, len(text)):
            if text[i] in "）)" and self.depths[i] == depth:
                return i
            if self.depths[i] < depth:
                return i
        return len(text)

    def figures_between(self, start: int, end: int) -> list[Figure]:
        starts = self._starts
        return self.figures[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text[m.end():m.end() + 1] in ("）", ")") and bracket_depths(text)[m.start()] > 0:
            continue  # "(……400万元，比上年增加0万元。)比上年……": a full stop closing a bracket ends no sentence
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    capped = []  # a "sentence" longer than any a person writes is cut (jixiao.audit.bounds)
    for s, e in spans or [(0, len(text))]:
        if e - s <= SENTENCE_CHARS:
            capped.append((s, e))
        else:
            capped.extend((s + a, s + b) for a, b in pieces(text[s:e], SENTENCE_CHARS))
    return capped


