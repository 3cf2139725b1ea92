"""Clause structure: which figures a breakdown lists, and which figure it breaks down.

Four shapes of breakdown are read from a paragraph's sentences:

- **marker lists** — "X万元，……，其中：A a；B b；C c。" (also 包括, 分别为, 按级次划分, 分X看/按X看): the total is the head
  of the clause that introduces the list (the first figure of its clause group, or the nearest one of the same
  role when several subjects are listed side by side), of the same unit kind. One rule binds a list to a head
  when that clause states a figure per role (a budget and a spending): items that state their role break down
  the head of that role; bare items, the head they add up to; else the nearer head, as an assumption the finding
  names. A second breakdown by another aspect ("分征收部门看：…。分收入类别看，…") is of the same total. The items are the
  segments after the marker, split at "；" when the list uses it, else at "，" and "、"; each item counts
  with its first figure of the total's kind and role (an item's budget beside its spending is not a
  part of the spending). An item that opens its own "其中" takes the following items whose names
  continue its name (公务用车购置及运行维护费 → 公务用车购置, 公务用车运行维护费) as a nested list.
- **bracketed lists** — "126.05亿元（县本级98.88亿元，高新区27.17亿元）".
- **closing totals** — "A a；B b；……；收入合计X" and chains "以Y为基础，加上A a、B b，减C c，收入总计X". A chain's terms
  may be joined by 和/及 after a bracketed 其中 ("加B（其中：…）和C，总收入D"), and "D；再加E、F，收入总计H" goes on
  from the stated total D.
- **parallel sums** — when the items of a marker list repeat the shape of the total's clause
  ("决算62.07万元，完成预算84.82万元；其中：甲决算12.02万元，完成预算12.02万元；……"), the items'
  budgets add up to the total's budget, their changes to its change.

A list ends at its clause: the end of the sentence, the closing bracket it is in, a clause that opens a
new subject (另有、此外、现有…) or the next list at its level. A list that runs into the end of the
document unfinished (no full stop) is partial: only parts above the total are judged. "主要包括" and a
trailing "等" make a list partial too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import Para, eligible, prior, role, subject

# "分征收部门看：" / "按收入结构看，" — not "分析来看", "按照……看", "按同口径看" (an analysis or a restatement)
_BY_ASPECT = r"(?:分|按)(?!析|照)(?![\u4e00-\u9fff]{0,6}?(?:口径|分析|总体|整体|趋势))[\u4e00-\u9fff]{1,6}?(?:看|来看)[:：,，]"
_MARKER = re.compile(r"其中[:：,，]?|(?<=[，,])\s?即(?![使便将可])[:：]?(?=[\u4e00-\u9fff\d])|(?<!主要)(?<!主要是)包括[:：]?|(?<=[，,])\s?(?:包含|含)(?!税)[:：]?(?=[\u4e00-\u9fff])|(?:主要|具体)(?:用于|包括)(?!以下|如下)[:：]?|分别(?:为|是)[:：]?|分项(?:看|来看|情况(?:是|为|如下)?)[:：,，]?|分项[:：]"
                     r"|(?:按|从)级次(?:划分|分|看|来看)[:：,，]?|分级次(?:看|来看)?[:：,，]"
                     r"|" + _BY_ASPECT + r"|(?:按|从)(?!照)[\u4e00-\u9fff]{1,6}?(?:分类|划分|分)[:：]"
                     r"|(?<![\u4e00-\u9fff])(?:从)?(?:来源|结构|构成|用途)上[:：，,]"
                     r"|(?:(?<=万元)|(?<=亿元)|(?<=\d元)|(?<=\d人)|(?<=\d个)|(?<=\d户)|(?<=公里)|(?<=千米)|(?<=\dkm))\s?[:：]"
                     r"(?!\s*[\u4e00-\u9fff]{0,4}(?:用于|主要|包括|其中))")
# ("……支出1035.83万元，含人员经费586.27万元、公用经费449.65万元": 含 opening a clause lists the parts like 包括)
# (分征收部门看：, 按收入结构看，, 按功能分：, 来源上，; a colon right after a figure: "总长3.47km：右岸0.98km，左岸2.49km")
_LEVELS = re.compile(r"(?:按|从|分)级次")
_ASPECT_LEAD = re.compile(r"^\s*(?:按|从)(?!照)[\u4e00-\u9fff]{1,8}?(?:分类|划分|构成|结构)(?:看|来看)?\s*[，,：:]?")
# inside an item: a nested list may also open with "主要是：" ("本年收入X万元，主要是：A a、B b；上年结转C c")
_NESTED = re.compile(_MARKER.pattern + r"|主要(?:是|包括|有)[:：]")
_ASPECT = re.compile(r"\s*" + _BY_ASPECT)  # one breakdown of several by aspect
_PARTIAL_MARKER = re.compile(r"主要(?:包括|有|是|用于)|等$")
_LIST_STOP = ("另有", "另外", "此外", "同时")
_THE_OTHER = re.compile(r"另外(?:的)?(?:[一二两三四五六七八九十]|\d{1,2})(?:项|个|类|笔)")
# ("……，其中A a，B b，后调减40万元": a later change of the total is no item of its list)
# ("……，其中行政编制8人，……，年末实有人数23人": the staff at the year's end are no part of the posts either)
_STAFF_NOW = r"(?:(?:19|20)\d{2}年)?(?:年末|年底|年终|期末)?(?:在职|在编)?(?:现有|实有)"
_NEW_SUBJECT = re.compile(r"(?<=[，,；;])\s*(?:" + _STAFF_NOW + r"|目前|截至|截止"
                          r"|(?:后|随后|之后|其后|年中)又?(?:调减|调增|追加|追减|核减|核增|收回))")
# a list after "，年末实有人数23人" breaks down that head count, not the posts stated before it in the clause group
_NEW_STAFF = re.compile(r"(?<=[，,])\s*" + _STAFF_NOW)
# "其中行政编制8人，……，另借调6人": a clause opening with 另 states something besides the list ("另外两项" is the rest of it)
_BESIDES = re.compile(r"(?<=[，,；;])\s*另(?![外一两二三四五六七八九十\d])(?=[\u4e00-\u9fff])")
# "；加上级补助收入……，收入合计X": a chain starts a new statement
# "；共提出问题94个": a clause after a semicolon opening with 共/累计 and a verb states a total of its own, not an item
# (a closing total reads "；共30个" or "；共计…", which this leaves to the list)
_OWN_TOTAL = re.compile(r"[；;]\s*(?:共|累计)(?![计为是达有约])(?=[\u4e00-\u9fff])")
_NEXT_NUMBERED = re.compile(r"[；;]\s*(?:\*{0,2}[①-⑳]|[（(][一二三四五六七八九十\d]{1,2}[)）])")  # the next numbered item of a list
_CHAIN_START = re.compile(r"[；;](?=\s*(?:加上?|减去?|另加|以上|以|在上述|收支相抵))")
_CLOSING_ANY = re.compile(r"合计|总计|共计")
# (also "三批合计批复总投资" / "两项合计建成": a 合计 naming what it adds up, up to eight characters after it)
_CLOSING = re.compile(r"(?:(?:合计|总计|共计)[\u4e00-\u9fff]{0,8}?|小计|总额|总(?:收入|支出|财力|人数)(?:预计)?)(?:为|是|达|达到)?[:：]?$")
# "……，共为特殊群体节约出行成本376.84万元": a clause opening with 共 that closes a list of parallel amounts states their total
_OPEN_TOTAL = re.compile(r"(?:共|累计)(?:为|计|有)?(?!同|享|建|性|识|产|青|和)[\u4e00-\u9fff]{0,14}$")
_PLUS = re.compile(r"加上?|另加")
_GOES_ON = re.compile(r"\s*[，,；;]\s*(?:再|又)?(?:加|减)")  # a stated total a chain goes on from ("D；再加E")
_MINUS = re.compile(r"减去?|扣除")
_BASE = re.compile(r"(?:以|在)(.{2,30}?)(?:为基础|的基础上)")


@dataclass(frozen=True)
class ItemList:
    """A breakdown: a stated total and its parts (``signs`` −1 for subtracted parts)."""

    marker: int
    total: Figure
    parts: tuple[Figure, ...]
    exact: bool = True  # the parts are meant to make up the whole total
    shape: str = "marker"  # "marker" | "bracket" | "closing" | "chain" | "parallel" | "balance" | "wholly"
    signs: tuple[int, ...] = ()
    sure: bool = True  # the items are certainly the list's (a "，" list closed by 合计 is only likely)
    total_para: Para | None = None  # the paragraph of the total when it is not the list's
    assumed: str = ""  # the binding is an assumption (two heads of different roles could be broken down)
    others: tuple[Figure, ...] = ()  # the other heads the list could break down (a share may be of one of them)

    def signed(self) -> list[tuple[int, Figure]]:
        return list(zip(self.signs or (1,) * len(self.parts), self.parts, strict=True))


def depth_at(para: Para, pos: int) -> int:
    return para.depth_at(pos)


def _eligible(f: Figure) -> bool:
    """A level figure of this year (a last-year figure stated for comparison is not a part or a total)."""

    return eligible(f) and not prior(f)


def _role(f: Figure) -> str:

    return role(f.label)


def _split(text: str, start: int, end: int, seps: str, depths: list[int], depth: int) -> list[tuple[int, int]]:
    """Spans of ``text[start:end]`` cut at the separators in ``seps`` that sit at ``depth``."""
    spans: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        if text[i] in seps and depths[i] == depth:
            if i > s:
                spans.append((s, i))
            s = i + 1
    if end > s:
        spans.append((s, end))
    return spans


class _Mismatch(Exception):
    """An item states figures of the list's kind but none of the total's role: the list is not this total's."""


def _head(figs: list[Figure], kind: str, want_role: str | None, strict: bool = False) -> Figure | None:
    """The figure an item counts with: its first eligible figure of the kind and of the total's role
    (an item's budget beside its spending is not a part of the spending)."""
    cands = [f for f in figs if f.kind == kind and _eligible(f)]
    if want_role:
        same = [f for f in cands if _role(f) in (want_role, "")]
        if same:
            return same[0]
        if cands and strict:
            raise _Mismatch
    return cands[0] if cands else None


def _subject(label: str) -> str:

    return re.sub(r"^(?:其中|包括|分别为|分别是)[:：,，]?", "", subject(label)).strip("“”\"：:，, ")


def continues(child: str, parent: str) -> bool:
    """Does an item named ``child`` belong under ``parent`` (公务用车运行维护费 under 公务用车购置及运行维护费)?"""
    if not child or not parent:
        return False
    k = 0
    while k < min(len(child), len(parent)) and child[k] == parent[k]:
        k += 1
    if k < 2:
        return False
    rest = re.sub(r"(?:支出|经费|费)+$", "", child[k:])
    return not rest or rest in parent


@dataclass
class _Item:
    start: int
    end: int
    head: Figure | None
    figures: list[Figure]
    nested_at: int | None  # position of a "其中" inside the item
    text: str = ""  # the item as written (when known)


def _list_end(para: Para, pos: int, depth: int) -> tuple[int, bool]:
    """Where a list that starts at ``pos`` ends, and whether it ends unfinished (document cut)."""
    text = para.text
    si = para.sentence_of(pos)
    end = para.sentences[si][1]
    if depth:
        end = min(end, para.closing(pos, depth))
    for stop in _LIST_STOP:
        k = text.find(stop, pos, end)
        while k >= 0 and _THE_OTHER.match(text, k):  # "另外两项……分别为A和B": the rest of the same list
            k = text.find(stop, k + 1, end)
        if k >= 0:
            end = k
    m = _BESIDES.search(text, pos, end)
    if m:
        end = m.start()
    m = _NEW_SUBJECT.search(text, pos, end)
    if m and not _NEXT_NUMBERED.search(text, m.end(), end):
        end = m.start()  # (inside a numbered item — "②……，目前……；③……" — the list goes on)
    m = _CHAIN_START.search(text, pos, end)
    if m:
        end = m.start()
    m = _OWN_TOTAL.search(text, pos, end)
    if m:
        end = m.start()
    cut = para.is_last and end >= len(text.rstrip()) and not text.rstrip().endswith(("。", "！", "？", "）", ")"))
    return end, cut


_CONTINUATION = re.compile(r"\s*(?:占|较|比|与|同比|增|减|下降|上升|降低|提高|完成|为|是|达|约|共|合计|主要|用于|其中|"
                           r"扣除|含|分别|均|全部|全年|预算|实际|决算|执行|支出|收入|年初预算|调整后预算|差值|差额(?!拨款|补助|事业|单位)|相差)")
# ("差额拨款事业单位1个" names a kind of unit — 差额拨款, partly funded — and opens an item)
# "支出2.05万元，年初预算为2.95万元，差值为0.9万元": a gap is a magnitude (parts over and under their budgets), no part of a sum
GAP_LABEL = re.compile(r"(?:差值|差额|相差)(?:为|是)?$")


def _merge_continuations(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """In a list cut at "，": a segment opening with a verb or relation (占…, 较上年…, 增收…) goes on
    with the item before it; an item starts where a new name does."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and _CONTINUATION.match(text, s):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def _shape(para: Para, start: int, end: int, depth: int) -> tuple[tuple[str, str, str | None], ...]:
    return tuple((f.kind, _role(f), "change" if f.change else None) for f in para.figures_between(start, end)
                 if f.depth == depth and (_eligible(f) or f.change))


def _continue_list(para: Para, start: int, end: int, depth: int) -> tuple[int, bool]:
    """A list whose items go on past a full stop ("……4.88万元。公务接待费预算33.8万元，实际支出2.19万元。"):
    following sentences of the paragraph that repeat the shape of the list's last item belong to it
    (sentences without figures between them are passed over)."""
    text = para.text
    if depth or end < para.sentences[para.sentence_of(max(end - 1, 0))][1] - 1:
        return end, False
    segs = _split(text, start, end, "；;。", para.depths, depth)
    if not segs:
        return end, False
    last = _shape(para, *segs[-1], depth)
    if not last:
        return end, False
    # a list of one item closed by a full stop ("其中：因公出国费0万元。购置费204.78万元，同比减少……") goes on
    # with sentences whose items open with a figure like it, whatever else they state
    s_open = para.sentences[para.sentence_of(start)][0]
    single = len(segs) == 1 and bool(_MARKER.fullmatch(text[s_open:start].strip(" *")))
    si = para.sentence_of(max(end - 1, 0))
    k = si + 1
    while k < len(para.sentences):
        s, e = para.sentences[k]
        shapes = [x for x in (_shape(para, a, b, depth) for a, b in _split(text, s, e, "；;。", para.depths, depth)) if x]
        if not shapes and not _ENUM.match(text, s):
            k += 1
            continue
        # (a rate stated by one item and not by another does not make them differ: "……增加12000元，上年无此项。
        # ……同比增加36600元，增长9.4%")
        same = bool(shapes) and all(_core(x) == _core(last) for x in shapes)
        opens_alike = single and bool(shapes) and all(x[:1] == last[:1] for x in shapes)
        if not (same or opens_alike) or _MARKER.search(text, s, e) or _CLOSING_ANY.search(text, s, e):
            break
        last = shapes[-1]
        single = False
        end = e
        k += 1
    return end, False


def _core(shape: tuple[tuple[str, str, str | None], ...]) -> tuple[tuple[str, str, str | None], ...]:
    return tuple(t for t in shape if t[0] not in ("percent", "points"))


_CIRCLED = re.compile(r"\s*\*{0,2}[①-⑳]")
_ENUM = re.compile(r"\s*(?:\*{0,2}[①-⑳]|[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}(?:[.．](?!\d)|、))")
PCT_RUNON = re.compile(r"(?<=[%％])(?=[\u4e00-\u9fff])(?![以左上下的])")


def _items(para: Para, start: int, end: int, depth: int) -> list[tuple[int, int]]:
    """The items of a list body: cut at "；" (and at a full stop inside a list that goes on past it), then
    at "，" and "、"; a "，" segment that opens with a verb or relation goes on with the item before it.
    A percentage run on into the next name ("…的98.74%公务用车…", a separator lost in the source) cuts too."""
    text, depths = para.text, para.depths
    out: list[tuple[int, int]] = []
    segs = _split(text, start, end, "；;。", depths, depth)
    if len(segs) >= 2 and all(_CIRCLED.match(text, s) for s, _ in segs):
        return segs  # "①A……；②B……；③C……": each numbered item is one item, whatever its clauses say
    for seg in segs:
        cuts = [seg[0]] + [m.start() for m in PCT_RUNON.finditer(text, seg[0], seg[1]) if depths[m.start()] == depth]
        for a, b in zip(cuts, [*cuts[1:], seg[1]], strict=True):
            for s, e in _merge_continuations(text, _comma_items(para, a, b, depth)):
                out.extend(_split_and(para, s, e, depth))
    return out


_INCLUDES = re.compile(r"\s*(?:包含|含)(?!税)")


def _comma_items(para: Para, start: int, end: int, depth: int) -> list[tuple[int, int]]:
    """Spans cut at "，" and "、"; a "，含A a、B b" clause stays whole: its amounts break down the item before it
    ("财政拨款支出X，含人员经费a、公用经费b"), they are not items of the list."""
    out: list[tuple[int, int]] = []
    for s, e in _split(para.text, start, end, "，,", para.depths, depth):
        out.extend([(s, e)] if _INCLUDES.match(para.text, s) else _split(para.text, s, e, "、", para.depths, depth))
    return out


def _included(para: Para, it: _Item, kind: str, want: str | None, depth: int) -> list[Figure]:
    """The parts a "，含A a、B b" clause closing an item names: the first figure of the kind of each "、" segment."""
    assert it.nested_at is not None
    out: list[Figure] = []
    for s, e in _split(para.text, it.nested_at, it.end, "、", para.depths, depth):
        figs = [f for f in it.figures if s <= f.start < e and f.kind == kind and _eligible(f)]
        head = _head(figs, kind, want) if figs else None
        if head is not None:
            out.append(head)
    return out


_AND = re.compile(r"和|及|以及|与")


def _split_and(para: Para, start: int, end: int, depth: int) -> list[tuple[int, int]]:
    """"3个行政部门（…）和7个事业单位": an item joined by 和/及 to another item with its own figure."""
    text = para.text
    for m in _AND.finditer(text, start, end):
        if para.depths[m.start()] != depth:
            continue
        left = [f for f in para.figures_between(start, m.start()) if f.depth == depth and _eligible(f)]
        right = [f for f in para.figures_between(m.end(), end) if f.depth == depth and _eligible(f)]
        if len(left) == 1 and len(right) == 1 and left[0].kind == right[0].kind:
            return [(start, m.start()), (m.end(), end)]
    return [(start, end)]


@dataclass
class _Reading:
    """One reading of a marker list: its items up to a given end."""

    partial: bool
    spans: list[tuple[int, int]]
    total: Figure
    total_para: Para | None
    parts: list[Figure]
    nested: list[tuple[int, Figure, list[Figure]]]
    top: list[_Item]
    assumed: str = ""
    others: tuple[Figure, ...] = ()


def _read_list(para: Para, m: re.Match[str], end: int, cut: bool, depth: int,
               found: tuple[Figure, Para | None]) -> _Reading | None:
    """The list at ``m`` (see :func:`_read_list_to`), gone on past its full stop when the sentences after it repeat
    its items' shape — unless the items up to the full stop already add up to the head and the longer list does not
    ("其中：行政单位0个，事业单位1个，其他单位0个。设有机构1个，……": the next sentence is no item)."""
    # a breakdown by 级次 (市级、县级) ends at its sentence: what follows is about other groupings (中心城区……)
    longer, cut2 = (end, False) if _LEVELS.match(m.group()) else _continue_list(para, m.end(), end, depth)
    reading = _read_list_to(para, m, longer, cut or cut2, depth, found)
    if longer == end or reading is None or not reading.parts or _sum_holds(reading.parts, reading.total):
        return reading
    short = _read_list_to(para, m, end, cut, depth, found)
    holds = short is not None and len(short.parts) >= 2 and _sum_holds(short.parts, short.total)
    # a sentence after the full stop that states the total again ("……。年底决算支出Y" after "支出总额Y。其中……") is no
    # item of the list: the list ends at its full stop
    again = any(p.start >= end and p.value == reading.total.value and p.unit == reading.total.unit for p in reading.parts)
    return short if holds or (again and short is not None) else reading


def _unit_lost(figs: list[Figure], kind: str, depth: int) -> bool:
    """An item that states a figure without a unit and none of the list's kind ("图书资料馆4员人" among 人)."""
    mine = [f for f in figs if f.depth == depth]
    return any(f.kind == "bare" for f in mine) and not any(f.kind == kind for f in mine)


def _read_list_to(para: Para, m: re.Match[str], end: int, cut: bool, depth: int,
                  found: tuple[Figure, Para | None]) -> _Reading | None:
    """The list at ``m`` up to ``end`` read as the breakdown of one head — the one rule of head binding. ``found`` is
    the head of the clause that introduces the list (:func:`_total_for`); when that clause also states a figure of
    another role (a budget beside the spending), the items decide which one they break down: (1) the role they
    state, (2) else the head they add up to, (3) else the nearer head, an assumption the finding names. None when no
    head fits (items stating figures of the kind but none of the head's role)."""
    text = para.text
    partial = bool(_PARTIAL_MARKER.search(text[max(0, m.start() - 4):m.end()])) or cut
    spans = _items(para, m.end(), end, depth)
    if spans and re.search(r"等[。；;]?$", text[spans[-1][0]:spans[-1][1]].strip()):
        partial = True
    total, total_para = found
    home = total_para or para
    total = _of_items_kind(home, total, para, spans, depth)
    if any(_unit_lost(para.figures_between(s, e), total.kind, depth) for s, e in spans):
        partial = True  # "图书资料馆4员人": an item whose figure lost its unit cannot be counted, only an excess judged
    heads = _clause_heads(home, total, para, m.start())
    counted = [(s, e) for s, e in spans if any(f.depth == depth and f.kind == total.kind and _eligible(f)
                                               for f in para.figures_between(s, e))]
    if counted and counted[0] != spans[0] and any(
            _CLOSING.search(f.label) for f in para.figures_between(*counted[0]) if f.kind == total.kind):
        # "……支出19.9983万元，内容包括吊顶、硬化……，总计支出69.9776万元；……10.98万元": the items named carry no amount;
        # the first amount after them is a total of its own, and what follows it are other things
        return None
    stating = [r for r in (_stated_roles(para, s, e, depth, total.kind) for s, e in counted) if r]

    def by(head: Figure) -> _Reading | None:
        return _reading(para, spans, depth, head, total_para, partial)

    # 1. items that state their role break down the head of that role: half of the items with a figure or more,
    # each stating the head's own role, keep it; most of them stating one other role, none the head's, take the
    # head of theirs
    if stating:
        common = set.intersection(*stating)
        if _role(total) and _role(total) not in set.union(*stating) and 2 * len(stating) > len(counted):
            named = [h for h in heads if _role(h) in common]
            if not named and len(heads) == 1:
                # "项目支出预算469500元……其中：工资福利支出12000元；……": item names that end in 支出 under a budget head;
                # with no head of their role the list is the head's; an assumption when it does not add up to it
                loose = _reading(para, spans, depth, total, total_para, partial, strict=False)
                if loose is not None and len(loose.parts) >= 2 and not _sum_holds(loose.parts, total):
                    name = _ENUM.sub("", total.label).strip().rstrip("为是") or "该数"
                    loose.assumed = (f"所列各项写作支出，前文只有{name}{total.text()}，"
                                     "按其分项计，请核实。")
                return loose
            return by(named[0]) if len(named) == 1 else None
        if 2 * len(stating) >= len(counted) and (_role(total) in common or not _role(total)):
            return by(total)
    # 2. bare items break down the head they add up to
    readings = [(h, by(h)) for h in heads]
    for _h, r in readings:
        if r is not None and len(r.parts) >= 2 and _sum_holds(r.parts, r.total):
            if not stating:
                r.others = tuple(h for h in heads if h is not r.total and _role(h))
            return r
    first = readings[0][1]
    roles = [h for h in heads if _role(h)]
    if stating or len(roles) < 2 or first is None or len(first.parts) < 2:
        return first
    # 3. else the nearer head, and the finding says the other one was possible
    chosen = max(roles, key=lambda h: h.start)
    reading = next(r for h, r in readings if h is chosen) or first
    reading.assumed = _assumption(reading.total, [h for h in roles if h is not reading.total])
    reading.others = tuple(h for h in roles if h is not reading.total)
    return reading


def _reading(para: Para, spans: list[tuple[int, int]], depth: int, total: Figure, total_para: Para | None,
             partial: bool, strict: bool = True) -> _Reading | None:
    """The list's items read as parts of ``total``; None when an item states figures of the total's kind but
    none of its role (the list is then not this head's)."""
    text = para.text
    kind, want = total.kind, _role(total) or None
    items: list[_Item] = []
    try:
        for s, e in spans:
            figs = [f for f in para.figures_between(s, e) if f.depth == depth]
            inner = _NESTED.search(text, s, e)
            items.append(_Item(s, e, _head(figs, kind, want if strict else None, strict=strict), figs,
                               inner.start() if inner and para.depths[inner.start()] == depth else None, text[s:e]))
    except _Mismatch:
        return None
    parts, nested, top = _nest(items, para, kind, want, depth)
    return _Reading(partial, spans, total, total_para, _without_restatement(parts, total), nested, top)


def _stated_roles(para: Para, start: int, end: int, depth: int, kind: str) -> set[str]:
    """The roles (budget, spending) an item states for its figures of the list's kind."""
    return {_role(f) for f in para.figures_between(start, end)
            if f.depth == depth and f.kind == kind and _eligible(f) and _role(f)}


def _clause_heads(home: Para, total: Figure, para: Para, marker: int) -> list[Figure]:
    """The figures a list may break down: ``total`` (the head of the clause that introduces it) first, then the
    last figure of each other role (a budget beside the spending) from the total's clause group to the end of
    its sentence (or the marker), of the total's kind and depth, in their order."""
    text = home.text
    s, e = home.sentences[home.sentence_of(total.start)]
    s = max(s, text.rfind("；", s, total.start) + 1, text.rfind(";", s, total.start) + 1)
    if home is para:
        e = min(e, marker)
    last: dict[str, Figure] = {}
    for f in home.figures_between(s, e):
        if f.kind == total.kind and f.depth == total.depth and _eligible(f) and _role(f) and _role(f) != _role(total):
            last[_role(f)] = f
    return [total, *sorted(last.values(), key=lambda f: f.start)]


def _assumption(chosen: Figure, others: list[Figure]) -> str:
    other = "、".join(f"{o.label.rstrip('为是') or '另一数'}{o.text()}" for o in others)
    return (f"所列各项按{chosen.label.rstrip('为是') or '前一数'}{chosen.text()}的分项计；前文另有{other}，"
            "所列各项之和与二者都不相等，“其中”细分的是哪一个未写明，请核实。")


def marker_lists(para: Para, singles: list[ItemList] | None = None) -> list[ItemList]:
    """The 其中 lists of a paragraph; a complete 其中 of one item ("收入792.22万元。其中：财政拨款收入792.22万元")
    goes to ``singles`` (shape "single": a part that cannot exceed its total, not a sum)."""
    text = para.text
    out: list[ItemList] = []
    depths = para.depths
    consumed: set[int] = set()  # markers already read as nested lists
    for m in _MARKER.finditer(text):
        pos = m.start()
        if pos in consumed:
            continue
        depth = depths[pos] if pos < len(depths) else 0
        end, cut = _list_end(para, m.end(), depth)
        if m.group().strip() in ("：", ":"):  # a colon after a figure: its list ends at the next colon
            colon = min((k for k in (text.find("：", m.end(), end), text.find(":", m.end(), end)) if k >= 0), default=end)
            end, cut = (colon, False) if colon < end else (end, cut)
        found = _total_for(para, pos, depth)
        if found is None:
            end, cut2 = _continue_list(para, m.end(), _before_next_list(para, m.end(), end, depth), depth)
            spans = _items(para, m.end(), end, depth)
            partial = bool(_PARTIAL_MARKER.search(text[max(0, pos - 4):m.end()])) or cut or cut2
            out.extend(_change_lists(para, pos, depth, spans, partial))
            continue
        short = _before_restatement(para, m.end(), _before_next_list(para, m.end(), end, depth), depth, found[0])
        reading = _read_list(para, m, short, cut, depth, found)
        if short != end and (reading is None or not reading.parts or not _sum_holds(reading.parts, reading.total)):
            # "；车辆费1618万元，其中：……" may open a list of its own or be an item with a nested list:
            # the reading whose parts make up the total is taken
            whole = _read_list(para, m, end, cut, depth, found)
            if whole is not None and len(whole.parts) >= 2 and _sum_holds(whole.parts, whole.total):
                reading = whole
        if reading is not None and len(reading.parts) >= 2 and not _sum_holds(reading.parts, reading.total):
            # "其中A 3.133km，B 0.671km；C工程1段，长0.23km；……": items cut at "，" end at the first "；" (what follows
            # is another statement) — read so when the whole reading does not add up either
            first = _first_comma_segment(para, m.end(), short, depth)
            if first is not None:
                comma = _read_list(para, m, first, False, depth, found)
                if comma is not None and len(comma.parts) >= 2:
                    reading = comma
        if reading is None:
            continue
        for n_marker, n_total, n_parts in reading.nested:
            consumed.add(n_marker)
            if len(n_parts) >= 2:
                sample = bool(_PARTIAL_MARKER.match(text, n_marker))  # "主要是：": the sources named may be a sample
                out.append(ItemList(n_marker, n_total, tuple(n_parts), not reading.partial and not sample, "marker"))
        parts, total, total_para = reading.parts, reading.total, reading.total_para
        want = _role(total) or None
        roles = {_role(p) for p in parts} - {""}
        if (len(parts) == 1 and singles is not None and not reading.partial and parts[0].unit == total.unit
                and "其中" in m.group() and not any(c in text[m.end():parts[0].start] for c in "；;。")):
            singles.append(ItemList(pos, total, tuple(parts), True, "single", total_para=total_para))
        if len(parts) < 2 or (len(roles) > 1 and want is None):
            continue
        out.append(ItemList(pos, total, tuple(parts), not reading.partial, "marker", total_para=total_para,
                            assumed=reading.assumed, others=reading.others))
        out.extend(_parallel(total_para or para, pos, depth, total, reading.top, reading.partial, total_para))
    return out


def _of_items_kind(home: Para, total: Figure, para: Para, spans: list[tuple[int, int]], depth: int) -> Figure:
    """"……部门共127个，财政供养人员共计9,244人。其中：……1,845人，……": when the items count another kind
    than the head, the total is the figure of their kind in the head's sentence."""
    kind = next((f.kind for s, e in spans for f in para.figures_between(s, e) if f.depth == depth and _eligible(f)),
                None)
    if kind is None or kind == total.kind:
        return total
    s, e = home.sentences[home.sentence_of(total.start)]
    cands = [f for f in home.figures_between(s, e) if f.kind == kind and f.depth == total.depth and _eligible(f)
             and (home is not para or f.start < spans[0][0])]
    return _pick(cands) if cands else total


def _without_restatement(parts: list[Figure], total: Figure) -> list[Figure]:
    """An item equal to the total is the total said again ("调整后年度预算373.93万元" after the parts that
    make it up) when the other items add up to it; otherwise it is a part (the only nonzero category)."""
    from jixiao.audit.tolerance import sum_consistent

    if len(parts) <= 2:
        return parts
    same = [p for p in parts if p.wan == total.wan and p.unit == total.unit]
    rest = [p for p in parts if not any(p is q for q in same)]
    if same and len(rest) >= 2 and sum_consistent(rest, total):
        return rest
    return parts


def _change_lists(para: Para, pos: int, depth: int, spans: list[tuple[int, int]], partial: bool) -> list[ItemList]:
    """A list after a sentence that states only changes ("……较上年减少2.97万元，……，较年初预算数减少0.36万元。
    其中：……较上年减少1.33万元……"): the items' changes add up to the sentence's, each with its direction."""
    text = para.text
    si = para.sentence_of(pos)
    s0 = para.sentences[si][0]
    semi = max(text.rfind("；", s0, pos), text.rfind(";", s0, pos))
    group = [f for f in para.figures_between(s0 if semi < 0 else semi + 1, pos) if f.depth == depth]
    if group:  # "一是收入增加3627万元，其中：本级收入增加365万元、……": the clause's changes are broken down
        money = [f for f in group if f.kind == "money" and not f.approx and not f.per_unit]
        if not money or any(not f.change for f in money):
            return []
        return _parallel_sums(pos, money, money, _change_items(para, spans, depth), partial, None)
    if text[s0:pos].strip(" ，,：:*"):
        return []
    for back in range(si - 1, max(si - 4, -1), -1):
        ps, pe = para.sentences[back]
        figs = [f for f in para.figures_between(ps, pe) if f.depth == depth]
        if not figs:
            continue
        money = [f for f in figs if f.kind == "money" and not f.approx and not f.per_unit]
        if not money or any(not f.change for f in money):
            return []
        return _parallel_sums(pos, money, money, _change_items(para, spans, depth), partial, None)
    return []


def _change_items(para: Para, spans: list[tuple[int, int]], depth: int) -> list[_Item]:
    """The items of a list of changes: the spans that state an amount, each running up to the next one (a rate cut
    off from its amount, "……支出决算174,732.10元" / "增长176.55%", stays with it)."""
    starts = [s for s, e in spans if any(f.kind == "money" for f in para.figures_between(s, e) if f.depth == depth)]
    ends = [*starts[1:], spans[-1][1]] if starts else []  # no span states an amount: no items
    return [_Item(s, e, None, [f for f in para.figures_between(s, e) if f.depth == depth], None, para.text[s:e])
            for s, e in zip(starts, ends, strict=True)]


def _first_comma_segment(para: Para, start: int, end: int, depth: int) -> int | None:
    """The end of the first "；" segment of a list body when that segment alone holds two items or more cut at "，"/"、"
    (a list whose items a comma separates) and more follows; None otherwise, or when the segment opens a nested list."""
    text = para.text
    segs = _split(text, start, end, "；;", para.depths, depth)
    if len(segs) < 2:
        return None
    s, e = segs[0]
    if _NESTED.search(text, s, e):
        return None  # "当年收入A，主要是：……；上年结转B": the "；" separates the top-level items
    items = [x for x in _merge_continuations(text, _split(text, s, e, "，,、", para.depths, depth))
             if any(f.depth == depth and _eligible(f) for f in para.figures_between(*x))]
    return e if len(items) >= 2 else None


def _before_restatement(para: Para, start: int, end: int, depth: int, total: Figure) -> int:
    """A list ends before a closing "；" segment that only states its total again, in another role
    ("其中省内资金312万元，中央资金1777万元；全年预算执行数合计2089万元", "……12万元；到位资金48万元")."""
    text = para.text
    segs = _split(text, start, end, "；;", para.depths, depth)
    if len(segs) < 2:
        return end
    s, e = segs[-1]
    own = [f for f in para.figures_between(s, e) if f.depth == depth and f.kind == total.kind and _eligible(f)]
    if len(own) == 1 and own[0].value == total.value and own[0].unit == total.unit and not _NESTED.search(text, s, e):
        return s - 1
    return end


def _before_next_list(para: Para, start: int, end: int, depth: int) -> int:
    """A list ends before the "；" segment that introduces a list of its own ("；核定限额X万元，其中：…")."""
    text = para.text
    nxt = _MARKER.search(text, start, end)
    while nxt is not None and para.depths[nxt.start()] != depth:
        nxt = _MARKER.search(text, nxt.end(), end)
    if nxt is None:
        return end
    seg_start = max(text.rfind("；", start, nxt.start()), text.rfind(";", start, nxt.start()))
    if seg_start < 0:
        return end
    own = [f for f in para.figures_between(seg_start, nxt.start()) if f.depth == depth and _eligible(f)]
    return seg_start if own else end


def _total_for(para: Para, pos: int, depth: int, allow_text: bool = False) -> tuple[Figure, Para | None] | None:
    """The figure a list at ``pos`` breaks down, and its paragraph when it is an earlier one: in the
    clause group before the marker (back to the last "；" or the sentence start), the head, or — when
    several figures of the head's role are listed side by side — the nearest of them. A marker opening a
    sentence breaks down the previous sentence's subject; one opening a paragraph, the previous
    paragraph's; one opening a bracket, the figure or clause the bracket follows."""
    text = para.text
    if depth and text[:pos].rstrip()[-1:] in ("（", "("):
        opening = text[:pos].rstrip()
        lost = _unit_lost_head(para, len(opening) - 1, pos, depth)
        if lost is not None:
            return lost, None
        head = _group_head(para, opening[:-1].rstrip(), depth - 1)
        return (head, None) if head is not None else None
    si = para.sentence_of(pos)
    s0 = para.sentences[si][0]
    group_start = max(text.rfind("；", s0, pos), text.rfind(";", s0, pos))
    group_start = s0 if group_start < 0 else group_start + 1
    for staff in _NEW_STAFF.finditer(text, group_start, pos):
        group_start = staff.start()
    cands = [f for f in para.figures_between(group_start, pos) if f.depth == depth and _eligible(f)]
    if cands:
        return _pick(cands), None
    if _ASPECT_LEAD.sub("", text[s0:pos]).strip(" ，,：:*") and not allow_text:
        return None  # ("按经济分类，其中：" names only the aspect of the breakdown: the list is the head's before)
    for back in range(si - 1, max(si - 4, -1), -1):  # sentences without figures (reasons) are passed over
        ps, pe = para.sentences[back]
        if allow_text and _MARKER.match(text[ps:pe].strip(" *")):
            continue  # "X万元。其中，A a，B b。比上年减少…": the change is the total's, not the breakdown's
        if _ASPECT.match(text, s0) and _ASPECT.match(text[ps:pe].lstrip(" *")):
            continue  # "X。分征收部门看：A a；B b。分收入类别看，C c；D d。": a second breakdown of the same total
        head = _first_group_head(para, ps, pe, depth)
        if head is not None and _spending_under_balance(para, head, pos):
            continue  # "支出合计X。年末结转结余Y。其中，基本支出a、项目支出b": the parts are the spending's
        if head is not None:
            return _same_flow(para, head, ps, pe, pos, depth), None
        if any(f.depth == depth and f.kind not in ("percent", "points") for f in para.figures_between(ps, pe)):
            return None  # a sentence with other figures: the list is not about an earlier one
    if si > 0:
        return None
    prev = para.prev
    if prev is not None and depth == 0 and prev.sentences:
        ps, pe = prev.sentences[0]
        head = _first_group_head(prev, ps, pe, 0)
        if head is not None:
            return head, prev
    return None


_FLOWS = ("收入", "支出")


def _flow(label: str) -> str:
    """收入 or 支出: the money flow a label names last ("" when it names neither)."""
    at = {w: label.rfind(w) for w in _FLOWS}
    best = max(at, key=lambda w: at[w])
    return best if at[best] >= 0 else ""


def _same_flow(para: Para, head: Figure, start: int, end: int, pos: int, depth: int) -> Figure:
    """The total of a sentence ``start``–``end`` that a list opening the next sentence at ``pos`` breaks down: its head,
    unless the head is income and the list's first part spending (or the other way round) and the sentence states a
    total of the part's flow beside it ("决算收入总额X，支出总额Y。其中财政拨款支出a……": the parts are Y's)."""
    own = _flow(head.label)
    first = next((f for f in para.figures_between(pos, para.sentences[para.sentence_of(pos)][1])
                  if f.depth == depth and _eligible(f)), None)
    want = _flow(first.label) if first is not None else ""
    if not own or not want or own == want:
        return head
    other = [f for f in para.figures_between(start, end)
             if f.depth == depth and _eligible(f) and f.kind == head.kind and _flow(f.label) == want]
    return other[0] if other else head


def _unit_lost_head(para: Para, bracket: int, pos: int, depth: int) -> Figure | None:
    """"离退休人员62（其中：离休人员8人，退休人员13人……）": a whole number right before the bracket that lost its unit in
    copying is the head the bracket breaks down, counted in the unit of the bracket's first figure (a head count or
    other count; not money, whose unit sets its scale) — not an earlier figure of the clause."""
    before = [f for f in para.figures_between(0, bracket) if f.depth == depth - 1]
    if not before or before[-1].kind != "bare" or before[-1].decimals or para.text[before[-1].end:bracket].strip():
        return None
    first = next((f for f in para.figures_between(pos, para.closing(pos, depth)) if f.depth == depth), None)
    if first is None or not (first.kind == "person" or first.kind.startswith("count:")) or not _eligible(first):
        return None
    return replace(before[-1], unit=first.unit)


def _spending_under_balance(para: Para, head: Figure, pos: int) -> bool:
    """A year-end balance cannot be broken down into spending: the list's first part is spending
    ("基本支出a") and names no balance ("基本支出结转a" would be a part of the balance)."""
    if not _CLOSING_BALANCE.search(head.label):
        return False
    end = para.sentences[para.sentence_of(pos)][1]
    first = next((f for f in para.figures_between(pos, end) if _eligible(f)), None)
    return first is not None and role(first.label) == "actual" and not any(w in first.label for w in _balance_words())


@cache
def _balance_words() -> tuple[str, ...]:
    """Words naming money left over, a balance (``data/funding.yaml``)."""
    return tuple(_funding_data()["balance"])


def subject_of(para: Para, pos: int, depth: int, allow_text: bool = False) -> Figure | None:
    """The figure the clause at ``pos`` is about when it states none itself (see :func:`_total_for`);
    ``allow_text``: the clause may open with words that name no figure ("收支较上年…")."""
    found = _total_for(para, pos, depth, allow_text)
    return found[0] if found is not None else None


def _pick(cands: list[Figure]) -> Figure:
    totals = [f for f in cands if re.search(r"(?:合计|总计|共计|总额|总数|共有|共)(?:为|是|达)?$", f.label)]
    if totals:
        return totals[-1]
    head = cands[0]
    same = [f for f in cands if f.kind == head.kind and _role(f) == _role(head)]
    return same[-1]


def _first_group_head(para: Para, start: int, end: int, depth: int) -> Figure | None:
    text = para.text
    semi = [k for k in (text.find("；", start, end), text.find(";", start, end)) if k >= 0]
    cands = [f for f in para.figures_between(start, min(semi) if semi else end) if f.depth == depth and _eligible(f)]
    return cands[0] if cands else None


def _group_head(para: Para, before: str, depth: int) -> Figure | None:
    """The figure a bracket at the end of ``before`` follows: the figure just before it when eligible,
    else the head of its clause group."""
    end = len(before)
    text = para.text
    figs = [f for f in para.figures_between(0, end) if f.depth == depth]
    if figs and figs[-1].end >= end - 2 and _eligible(figs[-1]):
        return figs[-1]
    si = para.sentence_of(end)
    s0 = para.sentences[si][0]
    semi = max(text.rfind("；", s0, end), text.rfind(";", s0, end))
    cands = [f for f in para.figures_between(s0 if semi < 0 else semi + 1, end) if f.depth == depth and _eligible(f)]
    return cands[0] if cands else None


def _nest(items: list[_Item], para: Para, kind: str, want: str | None, depth: int = 0
          ) -> tuple[list[Figure], list[tuple[int, Figure, list[Figure]]], list[_Item]]:
    """Top-level parts, the nested lists ("其中" inside an item, or opening the item after its parent),
    and the top-level items. A nested list takes the following items whose names continue its parent's; in a
    list cut at "；", the items up to the next "；" too ("本年收入X，主要是：A a、B b；上年结转C c": A, B are X's)."""
    parts: list[Figure] = []
    nested: list[tuple[int, Figure, list[Figure]]] = []
    top: list[_Item] = []
    text = para.text
    k = 0
    while k < len(items):
        it = items[k]
        opens = it.nested_at is not None and not text[it.start:it.nested_at].strip(" ，,、")
        if opens and top and top[-1].head is not None:
            parent = top[-1]
            sub = [it.head] if it.head is not None else []
            first = k + 1
        elif it.nested_at is not None and it.head is not None and it.head.start < it.nested_at:
            parent = it
            parts.append(it.head)
            top.append(it)
            inner = [f for f in it.figures if f.start > it.nested_at and f.kind == kind and _eligible(f)]
            sub = [h] if inner and (h := _head(inner, kind, want)) is not None else []
            if _INCLUDES.match(text, it.nested_at) and len(inner) > 1:
                sub = _included(para, it, kind, want, depth)  # "X，含A a、B b": each named part of X
            first = k + 1
        else:
            if it.head is not None:
                parts.append(it.head)
                top.append(it)
            k += 1
            continue
        assert parent.head is not None and it.nested_at is not None
        parent_name = _subject(parent.head.label)
        group_end = _group_end(para, items[0].start, it.nested_at, items[-1].end, depth)
        j = first
        while j < len(items):
            nxt = items[j]
            if nxt.head is None:
                j += 1
                continue
            if not (group_end is not None and nxt.start < group_end) and not continues(_subject(nxt.head.label),
                                                                                         parent_name):
                break
            sub.append(nxt.head)
            j += 1
        nested.append((it.nested_at, parent.head, sub))
        k = j
    return parts, nested, top


def _group_end(para: Para, start: int, at: int, end: int, depth: int) -> int | None:
    """In a list cut at "；" (one between ``start`` and ``end`` at ``depth``), where the "；" group holding ``at`` ends;
    None when the list uses no "；"."""
    text = para.text
    semis = [k for k in _SEMI.finditer(text, start, end) if para.depths[k.start()] == depth]
    if not semis:
        return None
    return next((k.start() for k in semis if k.start() > at), end)


_SEMI = re.compile(r"[；;]")


def _key(f: Figure) -> tuple[str, str | None, bool]:
    """What a figure of a clause states: its role, whether it is a change (of either direction: items may
    rise while their total falls) and whether it is last year's."""
    return (_role(f), "change" if f.change else None, _is_prior(f) or bool(f.change and _ON_LAST_YEAR.search(f.label)))


_BASIS = re.compile(r"比|较|与|同比|相比")
# a change on last year named otherwise: "同比增加", "较2024年的2190万元减少" (not "较2024年预算")
_ON_LAST_YEAR = re.compile(r"同比|(?:比|较|与)(?:19|20)\d{2}年度?(?!度?(?:的)?(?:年初|调整后?)?预算)")


def _same_key(a: tuple[str, str | None, bool], b: tuple[str, str | None, bool]) -> bool:
    """Do two figures state the same thing? A change's role may be left unsaid ("比上年减少" under
    "与上年决算相比增加")."""
    if a == b:
        return True
    loose = a[1] == b[1] == "change" or a[2] is b[2] is True  # a change's or last year's role may go unsaid
    return loose and a[1] == b[1] and a[2] == b[2] and "" in (a[0], b[0])


def _parallel(para: Para, pos: int, depth: int, total: Figure, items: list[_Item], partial: bool,
              total_para: Para | None) -> list[ItemList]:
    """Items that repeat the total clause's shape: their k-th figures add up to the clause's k-th
    (budgets to the budget, last year's to last year's). Changes add up with their directions: an item
    that rose counts against a total that fell ("减支1122万元……增支816万元……" against "减支433万元"),
    and an item that states no change leaves the sum uncertain (only a 提示). ``para`` holds the total."""
    if len(items) < 2:
        return []
    end = pos if total_para is None else len(para.text)
    end = _clause_end(para, total.start, end)
    clause = [f for f in para.figures_between(total.start, end) if f.depth == depth and f.kind == total.kind
              and not f.approx and not f.per_unit and not GAP_LABEL.search(f.label)]
    return _parallel_sums(pos, clause[1:], clause, items, partial, total_para)


def _clause_end(para: Para, start: int, end: int) -> int:
    """The end of the clause group from ``start``: the next "；" unless what follows it goes on about the
    same subject ("……62.07万元，完成预算的73.2%；与上年决算数相比增加38.97万元……")."""
    text = para.text
    k = start
    while True:
        semi = [j for j in (text.find("；", k, end), text.find(";", k, end)) if j >= 0]
        if not semi:
            return end
        k = min(semi) + 1
        if not _CONTINUATION.match(text, k):
            return k - 1


def _parallel_sums(pos: int, wholes: list[Figure], clause: list[Figure], items: list[_Item], partial: bool,
                   total_para: Para | None) -> list[ItemList]:
    """For every figure of ``wholes``, the items' figures stating the same thing (see :func:`_parallel`);
    ``clause`` is every figure of the total's clause (their keys must tell them apart)."""
    shape = [_key(f) for f in clause]
    if not wholes or len(set(shape)) != len(shape):
        return []
    out: list[ItemList] = []
    unchanged = _unchanged_items(items)
    for whole in wholes:
        key = _key(whole)
        parts: list[Figure] = []
        missing = 0
        for it in items:
            same = [f for f in it.figures if f.kind == whole.kind and _same_key(_key(f), key) and not f.approx
                    and not f.per_unit]
            if not same and key[1] == "change" and key[2]:  # "支出比去年增加A，其中基本支出增加a": the basis inherited
                same = [f for f in it.figures if f.kind == whole.kind and f.change and not f.approx and not f.per_unit
                        and not _BASIS.search(f.label) and _same_key(_key(f), (key[0], key[1], False))]
            if len(same) > 1 or (not same and not whole.change):
                parts = []
                break
            if not same and any(f.kind == "percent" and f.change and f.value for f in it.figures):
                parts = []  # "支出决算174,732.10元,增长176.55%": the item changed by an amount it does not state
                break
            if same:
                parts.append(same[0])
            elif not (whole.change and any(it is u for u in unchanged)):  # "与上年持平": a change of 0
                missing += 1
        steady = sum(1 for it in items if any(it is u for u in unchanged)) if whole.change else 0
        if not parts or len(parts) + steady < 2 or missing >= max(len(parts), 2):
            continue  # (one changed item beside items all unchanged: its change is the whole's)
        signs = tuple(1 if not whole.change or f.change == whole.change else -1 for f in parts)
        out.append(ItemList(pos, whole, tuple(parts), not partial, "parallel", signs, sure=not missing,
                            total_para=total_para))
    return out


_UNCHANGED = re.compile(r"持平|没有变化|无变化|未发生变化")
_ALL_UNCHANGED = re.compile(r"均[^，,；;。]{0,8}(?:持平|没有变化|无变化|未发生变化)")


def _unchanged_items(items: list[_Item]) -> list[_Item]:
    """Items stated unchanged: "与上年持平" in the item, or "均与去年持平" closing a run of items that state no
    change ("分别为A和B，均与去年持平")."""
    out: list[_Item] = []
    run: list[_Item] = []
    for it in items:
        if any(f.change for f in it.figures):
            run = []
            continue
        run.append(it)
        if _ALL_UNCHANGED.search(it.text):
            out.extend(run)
            run = []
        elif _UNCHANGED.search(it.text):
            out.append(it)
    return out


def implicit_lists(para: Para) -> list[ItemList]:
    """A total sentence followed, with no 其中, by one sentence (or one numbered paragraph, after "具体如下：")
    per category: "“三公”经费共支出X万元，比上年减支A万元。车辆费支出x1万元，比上年减支a1万元。……". The
    categories are recognised only when their amounts make up X; their changes, budgets and last-year
    figures are then checked against the total's (the amounts themselves are not counted as checked)."""
    out: list[ItemList] = []
    if not para.sentences:
        return out
    if not para.figures and _AS_FOLLOWS.search(para.text):
        return _numbered_breakdown(para)
    s0, e0 = para.sentences[0]
    clause = [f for f in para.figures_between(s0, _clause_end(para, s0, e0)) if f.depth == 0]
    total = next((f for f in clause if f.kind == "money" and _eligible(f)), None)
    if total is None or not any(f.kind == "money" and (f.change or _is_prior(f) or _role(f) != _role(total))
                                for f in clause if f is not total):
        return out
    segments: list[tuple[Para, int, int]] = []
    text = para.text
    for s, e in para.sentences[1:]:
        if _MARKER.match(text[s:e].strip(" *")):
            continue  # a nested breakdown of the item before
        cuts = [s] + [m.start() for m in PCT_RUNON.finditer(text, s, e) if para.depths[m.start()] == 0]
        for a, b in zip(cuts, [*cuts[1:], e], strict=True):
            segments.extend((para, x, y) for x, y in _split(text, a, b, "；;", para.depths, 0))
    if not any(f.kind == "money" for home, a, b in segments for f in home.figures_between(a, b)) \
            and _AS_FOLLOWS.search(text):
        segments = _numbered(para)
    items: list[_Item] = []
    heads: list[Figure] = []
    for home, s, e in segments:
        figs = [f for f in home.figures_between(s, e) if f.depth == 0]
        head = _head(figs, total.kind, _role(total) or None)
        if head is None:
            continue
        items.append(_Item(s, e, head, figs, None, home.text[s:e]))
        heads.append(head)
        if len(heads) >= 2 and _sum_holds(heads, total):
            return _parallel_sums(total.start, [f for f in clause if f is not total and f.kind == total.kind
                                                and not f.approx and not f.per_unit],
                                  [f for f in clause if f.kind == total.kind and not f.approx and not f.per_unit],
                                  items, False, None)
    return out


_AS_FOLLOWS = re.compile(r"(?:如下|情况是|具体是)[:：]\s*$")


def _numbered(para: Para) -> list[tuple[Para, int, int]]:
    """The first sentences of the numbered paragraphs after ``para``."""
    out: list[tuple[Para, int, int]] = []
    nxt = para.next
    while nxt is not None and _ENUM.match(nxt.text) and len(out) < 12:
        out.append((nxt, *nxt.sentences[0]))
        nxt = nxt.next
    return out


def _numbered_breakdown(para: Para) -> list[ItemList]:
    """"……地方财政收入11489万元，占年度预算12000万元……。\n分项完成情况如下：\n1.税收收入7236万元，……\n2.非税
    收入4253万元，……": numbered paragraphs after a heading that states no figure break down the amount of the
    paragraph before that they add up to; their budgets, last-year figures and changes are then checked."""
    prev = para.prev
    segments = _numbered(para)
    if prev is None or len(segments) < 2:
        return []
    items: list[_Item] = []
    for home, s, e in segments:
        figs = [f for f in home.figures_between(s, e) if f.depth == 0]
        head = next((f for f in figs if f.kind == "money" and _eligible(f)), None)
        if head is None:
            return []
        items.append(_Item(s, e, head, figs, None, home.text[s:e]))
    heads = [it.head for it in items if it.head is not None]
    total = next((f for f in reversed(prev.figures) if f.kind == "money" and _eligible(f) and f.depth == 0
                  and not _is_prior(f) and _sum_holds(heads, f)), None)
    if total is None:
        return []
    s, e = prev.sentences[prev.sentence_of(total.start)]
    clause = [f for f in prev.figures_between(total.start, _clause_end(prev, total.start, e))
              if f.depth == 0 and f.kind == total.kind and not f.approx and not f.per_unit]
    return _parallel_sums(0, clause[1:], clause, items, False, prev)


def _signed_holds(parts: list[Figure], signs: list[int], total: Figure) -> bool:
    """Do the parts, each added or taken away, make the total (within half a unit of every term's last place)?"""
    if all(g > 0 for g in signs):
        return _sum_holds(parts, total)
    from jixiao.audit.tolerance import half_unit, parts_sum

    s = sum((g * parts_sum([p], total) for p, g in zip(parts, signs, strict=True)), Decimal(0))
    tol = half_unit(total) + sum((half_unit(p) * (p.scale / total.scale if total.kind == "money" else 1) for p in parts),
                                 Decimal(0))
    return abs(s - total.value) <= tol


def _sum_holds(parts: list[Figure], total: Figure) -> bool:
    from jixiao.audit.tolerance import sum_consistent

    return sum_consistent(parts, total)


def _is_prior(f: Figure) -> bool:

    return prior(f)


_COUNTED_NOUN = re.compile(r"[\u4e00-\u9fff]{1,6}")
_INCLUDING = re.compile(r"\s*(?:包含|含)?")
def _including(inner: str) -> str:
    m = _INCLUDING.match(inner)
    return m.group() if m else ""


_SAME_BELOW = re.compile(r"\s*(?:下同|以下同|同上)\s*")  # a note closing the bracket, no item


def bracket_lists(para: Para) -> list[ItemList]:
    """"X（A a，B b）": a figure followed at once by a bracket holding two or more figures of its kind."""
    text = para.text
    out: list[ItemList] = []
    for f in para.figures:
        if not _eligible(f) and not (f.change and f.kind == "money"):
            continue
        k = f.end
        while k < len(text) and text[k] in " ":
            k += 1
        if f.kind.startswith("count:") or f.kind == "person":  # "100个县区(含41个县和县级市、59个区)": the noun between
            noun = _COUNTED_NOUN.match(text, k)
            if noun is not None and noun.end() < len(text) and text[noun.end()] in "（(":
                k = noun.end()
        if k >= len(text) or text[k] not in "（(":
            continue
        if not _eligible(f):
            out.extend(_bracket_after_change(para, f, k))
            continue
        close = para.closing(k + 1, f.depth + 1)
        inner = text[k + 1:close]
        if re.match(r"\s*(?:其中|包括|主要|不含|占|同比|比|较|增|减|下降|上升)", inner):
            continue  # 其中 is a marker list; 占/同比 are not breakdowns
        including = _including(inner)
        # items closed by "；" may state more than their amount ("（购置费100万元,比上年增加0万元；运行维护费400万元,比上年
        # 增加0万元。）"): then the bracket is cut at "；" only
        seps = "；;" if re.search(r"[；;]", inner) else "，,、；;"
        spans = [(s, e) for s, e in _split(text, k + 1 + len(including), close, seps,
                                           para.depths, f.depth + 1) if not _SAME_BELOW.fullmatch(text, s, e)]
        parts = []
        for s, e in spans:
            h = _head([x for x in para.figures_between(s, e) if x.depth == f.depth + 1], f.kind, _role(f) or None)
            if h is not None:
                parts.append(h)
        if len(parts) >= 2 and len(parts) == len(spans):
            including = including.strip()
            out.append(ItemList(k, f, tuple(parts), "等" not in inner[-3:], "bracket",
                                assumed=f"括号内“{including}”后所列各项按全部分项计（“{including}”不一定列全），请核实。"
                                if including else ""))
    return out


def _bracket_after_change(para: Para, change: Figure, k: int) -> list[ItemList]:
    """"X万元，同比减少A万元（B b，同比减少a；C c，同比减少c）": the bracket breaks down the clause's
    amount X (its levels add up to X) and, item by item, its change A."""
    text = para.text
    depth = change.depth
    close = para.closing(k + 1, depth + 1)
    if re.match(r"\s*(?:其中|包括|主要|不含|占)", text[k + 1:close]):
        return []
    head = _group_head(para, text[:change.start], depth)
    if head is None or head.kind != change.kind:
        return _changes_in_bracket(para, change, k, close)
    items = []
    for s, e in _items(para, k + 1, close, depth + 1):
        figs = [x for x in para.figures_between(s, e) if x.depth == depth + 1]
        items.append(_Item(s, e, _head(figs, head.kind, _role(head) or None), figs, None))
    items = [it for it in items if it.head is not None]
    if len(items) < 2:
        return []
    partial = "等" in text[max(k, close - 3):close]
    parts = tuple(it.head for it in items if it.head is not None)
    return [ItemList(k, head, parts, not partial, "bracket"), *_parallel(para, k, depth, head, items, partial, None)]


def _changes_in_bracket(para: Para, change: Figure, k: int, close: int) -> list[ItemList]:
    """"本级收入增加365万元（税收增加146万元、非税增加219万元）": a change broken down into changes."""
    parts: list[Figure] = []
    for s, e in _split(para.text, k + 1, close, "，,、；;", para.depths, change.depth + 1):
        figs = [x for x in para.figures_between(s, e) if x.depth == change.depth + 1 and x.kind == change.kind]
        if len(figs) != 1 or not figs[0].change or figs[0].approx or figs[0].per_unit:
            return []
        parts.append(figs[0])
    if len(parts) < 2:
        return []
    signs = tuple(1 if p.change == change.change else -1 for p in parts)
    return [ItemList(k, change, tuple(parts), True, "bracket", signs)]


def closing_lists(para: Para) -> list[ItemList]:
    """"A a；B b；收入合计X" and "Y，加上A a、B b，减C c，收入总计X" (the base Y before 加, or named by
    "以Y为基础"/"在Y的基础上" in an earlier sentence)."""
    text = para.text
    out: list[ItemList] = []
    for f in para.figures:
        opening = not _CLOSING.search(f.label) and _OPEN_TOTAL.match(f.label) is not None
        if not _eligible(f) or f.depth != 0 or not (_CLOSING.search(f.label) or _closing_lead(para, f) or opening):
            continue
        si = para.sentence_of(f.start)
        s0 = para.sentences[si][0]
        lead = max(text.rfind(c, s0, f.start) for c in "，,；;、")  # the clause holding the total is no part
        if not any(x.kind == f.kind and _eligible(x) and x.depth == 0 for x in para.figures_between(s0, f.start)):
            across = _list_before(para, si, f)
            if across is not None:
                out.append(across)
            continue
        if lead < s0:
            continue
        chain = _PLUS.search(text, s0, lead)
        if chain and opening:
            continue
        parts: list[Figure] = []
        signs: list[int] = []
        colon = -1
        if chain:
            base = [x for x in para.figures_between(s0, chain.start())
                    if x.kind == f.kind and _eligible(x) and x.depth == 0]
            if base:
                # "省级拨付62万元，中央拨付16万元，再加上年度结余6.47万元，合计84.47万元": several amounts before 加 are
                # all added to (read only when they then make the total: which of them is the base is not said)
                parts.extend(base if len(base) > 1 else base[-1:])
            else:
                named = _chain_base(para, si, text[s0:chain.start()], f.kind)
                if named is None and not text[s0:chain.start()].strip(" ，,"):
                    named = _previous_head(para, si, f.kind)  # "……收入633.8亿元。其中，……。加上级补助……"
                if named is None:
                    continue
                parts.append(named)
            signs.extend([1] * len(parts))
            start = chain.start()
            stated = [x for x in para.figures_between(start, lead)
                      if x.kind == f.kind and _eligible(x) and x.depth == 0 and _CLOSING.search(x.label)
                      and _GOES_ON.match(text, x.end)]
            if stated:  # "……，一般预算总收入D；再加E、F，收入总计H": 再加 goes on from the last stated total
                parts, signs, start = [stated[-1]], [1], stated[-1].end
            spans = _split_joined(para, _split(text, start, lead, "，,、；;", para.depths, 0), f.kind)
            strong = True
        else:
            colon = max(text.rfind("：", s0, f.start), text.rfind(":", s0, f.start))
            start = colon + 1 if colon >= 0 else s0
            before = text[start:lead]
            strong = "；" in before or ";" in before
            if opening and strong:
                continue  # "……；共30个": a closing total after "；" is the 其中 list's, read with it
            spans = _split(text, start, lead, "；;" if strong else "，,、", para.depths, 0)
            spans = spans if strong else _merge_continuations(text, spans)
        for s, e in spans:
            h = _head([x for x in para.figures_between(s, e) if x.depth == 0], f.kind, None)
            if h is None or (chain and _OPENS_PART.match(text, s)):
                continue  # ("加上级转移支付收入B，其中一般转移支付收入b（含……），上年结转C": b is a part of B, no term)
            parts.append(h)
            cut_down = _CUT_DOWN.search(h.label) is not None and not chain  # "，年中调减中央资金300万，全年预算合计X"
            signs.append(-1 if _MINUS.match(text[s:e].strip().lstrip("再")) or cut_down else 1)
        two_named = colon >= 0 and not opening and len(spans) == 2  # "戏曲演出补助：甲剧院50万元，乙局50万元，合计100万元"
        if len(parts) == 2 and not strong and _signed_holds(parts, signs, f) and _CLOSING_ANY.search(f.label):
            two_named = True  # "中央下达2077万元，省内安排312万元，年初预算合计2389万元": two amounts that make the 合计
        if len(parts) < 2 or (not strong and len(parts) < 3 and not two_named):
            continue
        if chain and sum(1 for x in parts if x.start < chain.start()) > 1 and not _sum_holds(parts, f):
            # the last amount before 加 alone as the base, when that makes the total; else nothing is judged
            rest = [(x, g) for x, g in zip(parts, signs, strict=True) if x.start > chain.start()]
            base_last = max((x for x in parts if x.start < chain.start()), key=lambda x: x.start)
            if len(rest) < 1 or not _sum_holds([base_last, *(x for x, _ in rest)], f):
                continue
            parts, signs = [base_last, *(x for x, _ in rest)], [1, *(g for _, g in rest)]
        if not chain and not _signed_holds(parts, signs, f):
            # "事业编制人数91人，在职实有81人，离休人员1人，退休人员67人，总人数149人": the clauses that add up to the
            # total close the sentence; one before them may state something beside it (the posts, not people)
            k = next((k for k in range(1, len(parts) - 1) if _signed_holds(parts[k:], signs[k:], f)), None)
            if k is not None:
                parts, signs = parts[k:], signs[k:]
        out.append(ItemList(f.start, f, tuple(parts), True, "chain" if chain else "closing", tuple(signs), strong))
        bracketed = [b for b in (_bracketed_part(para, x) for x in (f, *parts)) if b is not None]
        if not chain and len(bracketed) == len(parts) + 1 and len({name for _, name in bracketed}) == 1:
            # "第一批……3374.3万元(其中建筑工程3292万元),……,三批合计……6222.4万元(其中建筑工程6025.215万元)": the
            # total's bracketed part is the sum of the items' parts of the same name
            subs = [sub for sub, _ in bracketed]
            out.append(ItemList(subs[0].start, subs[0], tuple(subs[1:]), True, "parallel", (), strong))
    return out


# "……；三次合计，2021年某资金共671037万元": a clause that only says the items are added up, right before the clause
# holding the total
_CLOSING_LEAD = re.compile(r"(?:以上|上述|[一二两三四五六七八九十\d]{1,2}(?:次|批|项|笔))?(?:合计|总计|共计)")


def _closing_lead(para: Para, f: Figure) -> bool:
    """The clause before the total's own clause is a bare closing word ("三次合计，……共X万元")."""
    text = para.text
    cut = max(text.rfind(c, 0, f.start) for c in "，,")
    if cut < 0 or para.figures_between(cut, f.start)[:-1] or f.label != text[cut + 1:f.start].strip():
        return False
    lead = max(text.rfind(c, 0, cut) for c in "，,；;。：:")
    return _CLOSING_LEAD.fullmatch(text[lead + 1:cut].strip()) is not None


def _list_before(para: Para, si: int, f: Figure) -> ItemList | None:
    """"……有：A项目a万元；B项目b万元；C项目c万元。中央、市级资金合计下达X万元。": a sentence that only states the total of
    the list the sentence before gives item by item, each item one amount, the items cut at "；" (three or more)."""
    text = para.text
    own = text[para.sentences[si][0]:f.start].strip()
    if si == 0 or not _CLOSING.search(f.label) or any(c in own for c in "，,；;：:") or _MARKER.match(own):
        return None  # the total's sentence says more than the total ("其中，……资金合计X" breaks down another)
    s, e = para.sentences[si - 1]
    colon = max(text.rfind("：", s, e), text.rfind(":", s, e))
    start = colon + 1 if colon >= 0 else s
    if not any(c in text[start:e] for c in "；;") or any(
            x.kind == f.kind and x.depth == 0 for x in para.figures_between(s, start)):
        return None
    parts: list[Figure] = []
    for a, b in _split(text, start, e, "；;。", para.depths, 0):
        figs = [x for x in para.figures_between(a, b) if x.depth == 0 and x.kind == f.kind]
        if len(figs) != 1 or not _eligible(figs[0]) or _CLOSING_ANY.search(text, a, figs[0].start):
            return None  # an item without its amount, or with more than one, or a total: not a plain list of amounts
        parts.append(figs[0])
    if len(parts) < 3:
        return None
    return ItemList(f.start, f, tuple(parts), True, "closing", (), True)


_JOIN = re.compile(r"以及|及|和")
_OPENS_PART = re.compile(r"\s*其中")


def _split_joined(para: Para, spans: list[tuple[int, int]], kind: str) -> list[tuple[int, int]]:
    """A chain's terms joined by 和/及 ("加上级补助收入B（其中：……）和债券转贷收入C"): each term is cut where a
    join word at the top level follows a figure of ``kind`` and comes before another."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        figs = [x for x in para.figures_between(s, e) if x.depth == 0 and x.kind == kind]
        for m in _JOIN.finditer(para.text, s, e):
            k = m.start()
            if para.depths[k] == 0 and any(s <= x.start and x.end <= k for x in figs) \
                    and any(x.start >= m.end() for x in figs):
                out.append((s, k))
                s = m.end()
        out.append((s, e))
    return out


def _bracketed_part(para: Para, f: Figure) -> tuple[Figure, str] | None:
    """The one part a bracket right after ``f`` names ("3374.3万元(其中建筑工程3292万元)"): the figure and its name."""
    text = para.text
    k = f.end
    if k >= len(text) or text[k] not in "（(":
        return None
    close = para.closing(k + 1, f.depth + 1)
    figs = [x for x in para.figures_between(k + 1, close) if x.depth == f.depth + 1]
    m = _ONE_PART.fullmatch(figs[0].label) if len(figs) == 1 else None
    if m is None or figs[0].kind != f.kind or not _eligible(figs[0]):
        return None
    return figs[0], m.group(1)


_ONE_PART = re.compile(r"其中[:：]?\s*([\u4e00-\u9fff]{2,12}?)(?:为|是)?")


def _previous_head(para: Para, si: int, kind: str) -> Figure | None:
    """The figure a chain opening a sentence ("加上级补助收入……") adds to: the head of the sentence before,
    passing over the sentences that break it down ("其中……")."""
    text = para.text
    for k in range(si - 1, max(si - 4, -1), -1):
        s, e = para.sentences[k]
        if _MARKER.match(text[s:e].strip(" *")):
            continue
        head = _first_group_head(para, s, e, 0)
        return head if head is not None and head.kind == kind else None
    return None


def _chain_base(para: Para, si: int, sentence: str, kind: str) -> Figure | None:
    """"以全区一般公共预算收入为基础，加上……" / "在上述地方财政收入的基础上，加……": the first figure after
    that name in the sentences before."""
    m = _BASE.search(sentence)
    if not m:
        return None
    name = re.sub(r"^(?:上述|前述|以上|全区|全县|全市)", "", m.group(1))
    text = para.text
    for k in range(si - 1, max(si - 4, -1), -1):
        s, e = para.sentences[k]
        at = text.find(name, s, e)
        if at < 0:
            continue
        after = [f for f in para.figures_between(at, e) if f.kind == kind and _eligible(f) and f.depth == 0]
        if after:
            return after[0]
    return None


_BALANCE = re.compile(r"(?:^|财政|预算)(?:当年|年终|年末|年底)?(?:结余|结转|滚存结余|净结余)(?:为|是)?$")
# "收入总计A减去支出总计B，财政滚存结余C": the subtraction written out, as "收支相抵" says it
_NETTED = re.compile(r"收支相抵|减去")
_INCOME_TOTAL = re.compile(r"收入(?:合计|总计)(?:为|是)?$|总收入(?:为|是)?$")
_SPENDING_TOTAL = re.compile(r"支出(?:合计|总计)(?:为|是)?$|总支出(?:为|是)?$")


def balance_lists(para: Para) -> list[ItemList]:
    """"以上收支相抵，年终结余X": X = the income total − the spending total stated just before (this
    paragraph's earlier sentences or the two paragraphs before); without totals, X = every income,
    carried-over and subsidy amount − every spending amount of those lines, when each figure says which
    it is (then only likely: a 提示)."""
    out: list[ItemList] = []
    for f in para.figures:
        if f.kind != "money" or not _eligible(f) or f.depth != 0 or not _BALANCE.search(f.label.strip()):
            continue
        s0 = para.sentences[para.sentence_of(f.start)][0]
        netted = _NETTED.search(para.text, s0, f.start)
        if not netted:
            continue
        pool: list[Figure] = [x for x in para.figures_between(0, f.start) if x.depth == 0]
        back = para.prev
        for _ in range(2):
            if back is None or (any(_INCOME_TOTAL.search(x.label) for x in pool)
                                and any(_SPENDING_TOTAL.search(x.label) for x in pool)):
                break
            if _ENUM.match(back.text) and not back.figures:
                break  # a heading: the section starts here
            pool = [x for x in back.figures if x.depth == 0] + pool
            back = back.prev
        money = [x for x in pool if x.kind == "money" and _eligible(x) and not _is_prior(x)]
        income = [x for x in money if _INCOME_TOTAL.search(x.label)]
        spending = [x for x in money if _SPENDING_TOTAL.search(x.label)]
        if income and spending:
            out.append(ItemList(f.start, f, (income[-1], spending[-1]), True, "balance", (1, -1)))
            continue
        if netted.group() != "收支相抵":
            continue  # "以A减去B，得出C" without the two totals is a formula in words (word_formulas)
        signs = [(-1 if "支出" in x.label or "调出" in x.label else 1 if re.search(r"收入|结余|结转|补助", x.label) else 0)
                 for x in money]
        if len(money) >= 2 and all(signs) and 1 in signs and -1 in signs:
            out.append(ItemList(f.start, f, tuple(money), True, "balance", tuple(signs), sure=False))
    return out


_UNSPENT = re.compile(r"(?:余下|剩余|尚)?未(?:执行|支出|使用|支付)(?:完)?的?(?:资金|部分|金额)?(?:为|是|共)?$"
                      r"|^(?:资金)?(?:结余|剩余|节余)(?:资金)?(?:为|是|共)?$")
# a first amount that names no role may still be the funds ("补助资金2.00万元，已使用2.00万元，结余0万元") —
# not when it is money carried over (上年结转, 结余), which other income may join
_CARRIED = re.compile(r"结转|结余|余额")


def unspent_lists(para: Para) -> list[ItemList]:
    """"实际下达预算2596万元,全年实际总支出2595.6208万元……。余下未执行的0.3792万元" / "补助资金2.00万元，已使用2.00万元，
    结余0万元": what is left unspent is the budget (or the funds, the first amount, naming no role) less the spending
    stated after it in its sentence or the one before — when exactly one of each is stated there. Other money
    (上年结转, 收回) may go unsaid, so a difference is only likely (a 提示)."""
    out: list[ItemList] = []
    for f in para.figures:
        if f.kind != "money" or not _eligible(f) or f.depth != 0 or not _UNSPENT.search(f.label.strip()):
            continue
        si = para.sentence_of(f.start)
        start = para.sentences[max(si - 1, 0)][0]
        money = [x for x in para.figures_between(start, f.start)
                 if x.kind == "money" and _eligible(x) and x.depth == 0 and not _is_prior(x)]
        plans = [x for x in money if _role(x) == "plan"]
        spent = [x for x in money if _role(x) == "actual"]
        if not plans and len(money) == 2 and _role(money[1]) == "actual" and not _role(money[0]) \
                and not _CARRIED.search(money[0].label):
            plans = money[:1]
        if len(plans) == 1 and len(spent) == 1 and len(money) == 2:
            out.append(ItemList(f.start, f, (plans[0], spent[0]), True, "chain", (1, -1), sure=False))
    judged = {id(lst.total) for lst in out}
    out.extend(lst for lst in _left_after_spending(para) if id(lst.total) not in judged)
    return out


# what is left of the funds, named right after the amount spent: "已拨付a万元，结转b万元" / "支付a万元，未支b万元" /
# "实际执行a万元，还有b万元未付" / "收回a万元，余下指标b万元"
_LEFT = re.compile(r"^(?:资金|年末|年底)?(?:结转|结余|结转结余|剩余|节余|余下|尚余)(?:资金|指标|部分|金额)?(?:为|是|共)?$"
                   r"|^(?:尚)?未(?:支|付|支付|拨付|使用|执行)(?:资金|部分|金额)?(?:为|是|共)?$|^(?:还有|尚有)$")
_LEFT_AFTER = re.compile(r"\s*(?:尚)?未(?:支付|付|拨付|使用|执行|支出)")
_LEFT_FROM = re.compile(r"^\s*[，,]\s*$")


def _left_after_spending(para: Para) -> list[ItemList]:
    """"……资金共计X万元……。已实际拨付a万元，结转b万元": what is left (``_LEFT``) right after an amount spent, paid or
    taken back (the clause before, a comma apart) is the funds less that amount — the funds being an amount stated before
    it (in its sentence, the sentences before or the two paragraphs before). Several amounts may be the funds (a total
    and its parts, a budget and an allotment): read only when exactly one of them less the amount spent leaves what is
    stated, so nothing is judged (a checked relation or none)."""
    out: list[ItemList] = []
    text = para.text
    money = [f for f in para.figures if f.kind == "money" and f.depth == 0]
    for k, f in enumerate(money):
        if k == 0 or not _eligible(f) or not (_LEFT.search(f.label.strip()) or (
                f.label.strip() in ("还有", "尚有") and _LEFT_AFTER.match(text, f.end))):
            continue
        spent = money[k - 1]
        if not _eligible(spent) or not _LEFT_FROM.match(text[spent.end:f.start - len(f.label)]) or not (
                _role(spent) == "actual" or _CUT_DOWN.search(spent.label)):
            continue
        cands = [x for x in _funds_before(para, spent) if x.value > spent.value and x.unit == spent.unit == f.unit]
        fits = [x for x in cands if _signed_holds([x, spent], [1, -1], f)]
        if len({x.value for x in fits}) == 1:  # (one amount stated twice is one amount)
            out.append(ItemList(f.start, f, (fits[0], spent), True, "chain", (1, -1), sure=False))
    return out


def _funds_before(para: Para, spent: Figure) -> list[Figure]:
    """The amounts stated before ``spent``: in its paragraph, else in the two paragraphs with amounts before it."""
    def level(x: Figure) -> bool:
        return x.kind == "money" and x.depth == 0 and _eligible(x) and not _is_prior(x)

    here = [x for x in para.figures if x.start < spent.start and level(x)]
    if here:
        return here
    out: list[Figure] = []
    back, seen = para.prev, 0
    while back is not None and seen < 2:
        found = [x for x in back.figures if level(x)]
        if found:
            out.extend(found)
            seen += 1
        back = back.prev
    return out


# a cut of the amount listed before ("年中调减中央财政资金300万"): taken away in a closing list
_CUT_DOWN = re.compile(r"(?:调减|追减|核减|收回|扣减)(?:了)?(?:[\u4e00-\u9fff]{0,8}?(?:资金|预算|指标|经费))?$")
_ADJUSTMENT = re.compile(r"(调减|调增|追加|追减|核减|核增|收回)(?:了)?(?:资金|预算|指标)?$")
_ADJUSTED = re.compile(r"(?:调整后|变动后|最终|全年实际|全年|实际)(?:共|累计)?(?:下达|安排|到位|分配|预算|资金)")


def adjusted_lists(para: Para, lists: list[ItemList]) -> list[ItemList]:
    """"……资金下达我区111万元（文号），其中……，后调减40万元（文号），全年实际下达71万元": the amount after the changes
    is the first amount of the sentence (a budget or allotment) with each change added or taken away — when the
    changes follow one another and the result comes right after the last (only the items of the amount's ``lists``
    between it and the first change). Other changes may go unsaid (a 提示)."""
    out: list[ItemList] = []
    for si in range(len(para.sentences)):
        figs = [f for f in para.figures_in(si) if f.kind == "money" and f.depth == 0]
        first = next((k for k, f in enumerate(figs) if _eligible(f)), None)
        if first is None or _role(figs[first]) != "plan":
            continue
        listed = [p for lst in lists if lst.total is figs[first] for p in lst.parts]
        k = first + 1
        while k < len(figs) and any(p is figs[k] for p in listed):
            k += 1  # (the items of the amount's 其中 list)
        changes: list[Figure] = []
        signs = [1]
        while k < len(figs) and (m := _ADJUSTMENT.search(figs[k].label)) is not None:
            changes.append(figs[k])
            signs.append(1 if m.group(1) in ("调增", "追加", "核增") else -1)
            k += 1
        if not changes or k >= len(figs) or not _eligible(figs[k]) or not _ADJUSTED.search(figs[k].label):
            continue
        base, result = figs[first], figs[k]
        out.append(ItemList(result.start, result, (base, *changes), True, "chain", tuple(signs), sure=False))
    return out


_MADE_OF = re.compile(r"\s*[，,]?\s*(?:主要)?由")
_MADE_END = re.compile(r"(?:等)?(?:共同)?(?:构成|组成)")


def composed_lists(para: Para) -> list[ItemList]:
    """"财力X万元，由收入A万元，加上级补助……等B万元构成": the total first, its parts after 由 up to 构成/组成
    (加 adds, 减 subtracts)."""
    text = para.text
    out: list[ItemList] = []
    for f in para.figures:
        if not _eligible(f) or f.depth != 0:
            continue
        m = _MADE_OF.match(text, f.end)
        if m is None:
            continue
        e = para.sentences[para.sentence_of(f.start)][1]
        close = _MADE_END.search(text, m.end(), e)
        if close is None:
            continue
        parts: list[Figure] = []
        signs: list[int] = []
        for s, t in _split(text, m.end(), close.start(), "，,、；;", para.depths, 0):
            for a, b in _split_and(para, s, t, 0):
                h = _head([x for x in para.figures_between(a, b) if x.depth == 0], f.kind, None)
                if h is not None:
                    parts.append(h)
                    signs.append(-1 if _MINUS.match(text[a:b].strip()) else 1)
        if len(parts) >= 2:  # "……等构成" after the last figure: the parts may be a sample (only excess is judged)
            partial = close.group().startswith("等") and text[parts[-1].end:close.start()].strip(" ，,") == ""
            out.append(ItemList(f.start, f, tuple(parts), not partial, "chain", tuple(signs)))
    return out


_IN_WORDS = ("转贷", "举借", "发行", "新增", "借入")
_OUT_WORDS = ("偿还", "还本", "归还")


_OPENING = re.compile(r"(?:上年|年初)(?:结转和结余|结转结余|结转|结余)(?:资金)?(?:合计)?(?:为|是|共)?$")
_YEAR_INCOME = re.compile(r"本年(?:度)?(?:收入|收入合计|总收入)(?:为|是|共)?$")
_YEAR_SPENDING = re.compile(r"本年(?:度)?(?:支出|支出合计|总支出)(?:为|是|共)?$")
_CLOSING_BALANCE = re.compile(r"(?:年末|年终|年底|结转下年(?:的)?)(?:结转和结余|结转结余|结转|结余)?(?:资金)?(?:合计)?(?:为|是|共)?$")


def carryover_lists(para: Para) -> list[ItemList]:
    """"上年结转10万元，本年收入90万元，本年支出85万元，年末结余15万元": in one sentence, the closing balance is the
    opening balance plus the year's income less its spending (the 收入支出决算总表 identity). Items the text does not
    name (用事业基金弥补收支差额, 结余分配) may stand between, so a difference is a 提示."""
    out: list[ItemList] = []
    for si in range(len(para.sentences)):
        money = [f for f in para.figures_in(si) if f.kind == "money" and _eligible(f) and f.depth == 0]
        named = [[f for f in money if rx.search(f.label)] for rx in (_OPENING, _YEAR_INCOME, _YEAR_SPENDING, _CLOSING_BALANCE)]
        if any(len(n) != 1 for n in named):
            continue
        opening, income, spending, closing = (n[0] for n in named)
        if not opening.start < closing.start or not income.start < closing.start or not spending.start < closing.start:
            continue
        out.append(ItemList(closing.start, closing, (opening, income, spending), True, "chain", (1, 1, -1), sure=False,
                            assumed="按年初结转结余＋本年收入－本年支出计；用事业基金弥补收支差额、结余分配等未写明的项目"
                                    "可使二者不同，请核实。"))
    return out


def stock_lists(para: Para) -> list[ItemList]:
    """"年初债务余额A，……转贷（举借、发行）B，偿还本金C，年末债务余额D": D = A + B − C, in one sentence. Other
    movements (置换、调整) may go unsaid, so a difference is only likely (a 提示)."""
    out: list[ItemList] = []
    for si in range(len(para.sentences)):
        money = [f for f in para.figures_in(si) if f.kind == "money" and _eligible(f) and f.depth == 0]
        opening = [f for f in money if re.search(r"年初.*余额", f.label)]
        closing = [f for f in money if re.search(r"年末.*余额|年底.*余额", f.label)]
        inflow = [f for f in money if any(w in f.label for w in _IN_WORDS) and "余额" not in f.label]
        outflow = [f for f in money if any(w in f.label for w in _OUT_WORDS) and "余额" not in f.label]
        if len(opening) == 1 and len(closing) == 1 and inflow and outflow:
            parts = (opening[0], *inflow, *outflow)
            signs = (1, *(1 for _ in inflow), *(-1 for _ in outflow))
            out.append(ItemList(closing[0].start, closing[0], parts, True, "chain", signs, sure=False))
    return out


_WORD_FORMULA = re.compile(r"(?:以|用|由)(?P<a>[^，,。；;]{2,20}?)(?P<op>减去|扣除|减|加上|加)(?P<b>[^，,。；;]{1,20}?)"
                           r"[，,]?\s*(?:得出|得到|后为|后|为)")


def word_formulas(para: Para) -> list[ItemList]:
    """"以预算总收入减去支出，得出一般公共预算结余50亿元": the named figures stated before, combined as the words say."""
    out: list[ItemList] = []
    text = para.text
    for m in _WORD_FORMULA.finditer(text):
        result = next((f for f in para.figures_between(m.end(), len(text)) if f.depth == 0), None)
        if result is None or not _eligible(result) or para.sentence_of(result.start) != para.sentence_of(m.start()):
            continue
        a = _named_figure(para, m.start(), m.group("a"), result.kind)
        b = _named_figure(para, m.start(), m.group("b"), result.kind)
        if a is None or b is None or a is b:
            continue
        sign = -1 if m.group("op") in ("减去", "扣除", "减") else 1
        out.append(ItemList(result.start, result, (a, b), True, "chain", (1, sign)))
    return out


def _named_figure(para: Para, pos: int, name: str, kind: str) -> Figure | None:
    """The nearest figure before ``pos`` (this paragraph, then the one before) whose label ends with ``name``."""
    name = name.strip(" “”\"")
    for p, end in ((para, pos), (para.prev, None)):
        if p is None:
            continue
        figs = p.figures if end is None else p.figures_between(0, end)
        for f in reversed(figs):
            if f.kind == kind and _eligible(f) and f.depth == 0 and re.sub(r"(?:为|是|达|共|合计)+$", "", f.label).endswith(name):
                return f
    return None


_WHOLLY = re.compile(r"[，,]\s*(?:全部|均|全额)(?:为|是|用于|系)")


def wholly_lists(para: Para) -> list[ItemList]:
    """"决算11.9万元，全部为公务用车运行维护费11.9万元": one part that is the whole total."""
    out: list[ItemList] = []
    text = para.text
    for m in _WHOLLY.finditer(text):
        before = [f for f in para.figures_between(para.sentences[para.sentence_of(m.start())][0], m.start())
                  if f.depth == para.depth_at(m.start()) and _eligible(f)]
        if not before or before[-1].end < m.start() - 1:
            continue  # the words follow the total at once
        total = before[-1]
        clause_end = min((k for k in (text.find(c, m.end()) for c in "，,；;。") if k >= 0), default=len(text))
        part = next((f for f in para.figures_between(m.end(), clause_end) if f.depth == total.depth), None)
        if part is not None and part.kind == total.kind and _eligible(part):
            out.append(ItemList(m.start(), total, (part,), True, "wholly"))
    return out


@cache
def _funding_data() -> dict[str, list[str]]:
    """The words of ``data/funding.yaml``: sources of funds, their totals, balances."""
    data: dict[str, list[str]] = yaml.safe_load(
        resources.files("jixiao.audit.data").joinpath("funding.yaml").read_text(encoding="utf-8"))
    return data


@cache
def _funding() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The label of a source of funds and the label of their total (``data/funding.yaml``)."""
    data = _funding_data()

    def alt(words: list[str]) -> str:
        return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))

    tail = r"(?:为|是|达|[:：])?"
    source = rf"(?:{alt(data['levels'])})(?:{alt(data['funds'])})|{alt(data['own'])}"
    return re.compile(rf"(?:{source}){tail}"), re.compile(rf"(?:{alt(data['totals'])}){tail}$")


def names_source(label: str) -> bool:
    """Does ``label`` name a source of funds ("中央财政资金", "省级资金：", "自筹资金"; ``data/funding.yaml``)?"""
    return _funding()[0].fullmatch(label.strip(" ，,")) is not None


def source_lists(para: Para) -> list[ItemList]:
    """"批复总投资61.8万元,中央财政资金30.9万元,县财政配套资金30.6万元": a total of funds followed in its sentence, with
    no 其中, by two or more amounts each named only as a source of funds (``data/funding.yaml``). That the sources make
    up the total is read from the order alone, so a gap is a 提示 that says so."""
    source, whole = _funding()
    out: list[ItemList] = []
    for si in range(len(para.sentences)):
        figs = [f for f in para.figures_in(si) if f.depth == 0]
        for k, total in enumerate(figs):
            if total.kind != "money" or not _eligible(total) or not whole.search(total.label):
                continue
            parts: list[Figure] = []
            for f in figs[k + 1:]:
                if f.kind != total.kind or not _eligible(f) or not source.fullmatch(f.label):
                    break
                parts.append(f)
            if len(parts) >= 2 and not _MARKER.search(para.text, total.end, parts[0].start):
                out.append(ItemList(total.end, total, tuple(parts), True, "sources",
                                    assumed="文中未写“其中”，按所列各来源资金构成总额计（可能另有未列的来源），请核实。"))
    return out


_ORDINALS = "一二三四五六七八九十"
# "区直文博系统项目有：一是……": a name, then 有/包括 and a colon opening an enumeration by 一是, 二是, …
_ENUMERATES = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,20}?)(?:项目|资金|单位|部门)?(?:主要)?(?:有|包括)[:：]\s*一是")


def ordinal_lists(para: Para) -> list[ItemList]:
    """"区直文博系统12774.00万元。区直文博系统项目有：一是布达拉宫管理处，下达预算资金9378万元。分别为：……。二是西藏博物馆，
    下达预算资金5009万元，……": an enumeration by 一是, 二是, … that a clause opens by naming what it lists ("X有：")
    breaks down the amount stated just before under that name (the one amount of the sentence before, or of the
    clause before the name, whose label ends in it). Each item counts with its first amount; what stands between
    the items (a list of one item's own projects) is passed over. The enumeration goes on to the next ordinal in
    order, within the paragraph."""
    text = para.text
    out: list[ItemList] = []
    for m in _ENUMERATES.finditer(text):
        name = m.group("name")
        si = para.sentence_of(m.start())
        s0 = para.sentences[si][0]
        if text[s0:m.start()].strip(" *，,"):
            continue  # the name opens its sentence
        ps = para.sentences[si - 1][0] if si > 0 else s0
        named = [f for f in para.figures_between(ps, m.start()) if f.depth == 0 and f.kind == "money" and _eligible(f)
                 and f.label.rstrip("为是共计：: ").endswith(name)]
        if len(named) != 1:
            continue
        total = named[0]
        starts = [m.end() - 2]
        for n in _ORDINALS[1:]:
            k = text.find(n + "是", starts[-1] + 2)
            if k < 0 or para.depths[k] != 0 or text[k - 1:k] not in ("。", "；", ";", "，", ",", " "):
                break
            starts.append(k)
        if len(starts) < 2:
            continue
        ends = [*starts[1:], para.sentences[para.sentence_of(starts[-1])][1]]
        heads = [next((f for f in para.figures_between(a, b) if f.depth == 0 and f.kind == "money" and _eligible(f)),
                      None) for a, b in zip(starts, ends, strict=True)]
        parts = [f for f in heads if f is not None]
        if len(parts) != len(heads):
            continue  # an item states no amount: the enumeration is not of amounts
        cut = para.is_last and ends[-1] >= len(text.rstrip()) and not text.rstrip().endswith("。")
        out.append(ItemList(starts[0], total, tuple(parts), not cut, "marker"))
    return out


def item_lists(para: Para, singles: list[ItemList] | None = None) -> list[ItemList]:
    markers = marker_lists(para, singles)
    found = (markers + bracket_lists(para) + closing_lists(para) + balance_lists(para) + composed_lists(para)
             + implicit_lists(para) + stock_lists(para) + word_formulas(para) + wholly_lists(para) + source_lists(para) + unspent_lists(para)
             + adjusted_lists(para, markers) + carryover_lists(para) + ordinal_lists(para))
    seen: set[tuple[int, tuple[int, ...]]] = set()
    out: list[ItemList] = []
    for lst in found:
        key = (lst.total.start, tuple(p.start for p in lst.parts))
        if key not in seen:
            seen.add(key)
            out.append(lst)
    return out

