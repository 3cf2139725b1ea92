"""Numbered items that break down an amount stated before them.

"……共投入中央福彩公益金870.2万元，……主要用在以下三个方面：" and then "1.老年福利类资金675.2万元，……" "2.……90万元……"
"3.……105万元……" (in the same paragraph or one item a paragraph after it); "资金用于三项内容：1.……16万元；2.……31万元；3.……13万元"
after the paragraph stating the 60万元; "2016年预算33万元，2015年预算57.55万元，……。其中：1、公务接待费2016年预算8万元，2015年预算
12.5万元；……。2、公务车辆运行2016年预算25万元，2015年预算45.2万元……" (each item states one level per year: the item's
amount of the total's own year counts).

A clause announces the items (其中, 如下, 以下N个方面, 用于, 包括, 分配, …) and ends in a colon; the items are numbered
1, 2, 3, … in one style (1. / 1、 / （1） / （一） / ① / 一、 / 一是), each counted with its first amount (both amounts
of "……分别为3万元和10万元"). The amount they break down is the one of the announcing sentence, else of the sentence or
the paragraph before. A reading whose items add up to that amount is taken (a checked relation); one that does not is
judged only when something else proves the items complete: the same items make up the amount of the other year the
clause states, or the clause announces as many items as are numbered and states the amount itself (then a 提示:
numbered items need not name every use).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from jixiao import numbering
from jixiao.audit.bounds import PARA_MARKERS
from jixiao.audit.clauses import ItemList
from jixiao.audit.numbers import Figure, parse_chinese_number
from jixiao.audit.paragraphs import Para, eligible, prior
from jixiao.audit.tolerance import sum_consistent

_CN = numbering.CN
_STYLES: dict[str, Callable[[int], str]] = {  # item n written in each style, as a pattern source
    "dot": lambda n: rf"{n}[.．、](?!\d)",
    "paren": lambda n: rf"[（(]{n}[)）]",
    "cn_paren": lambda n: rf"[（(]{_cn(n)}[)）]",
    "circled": lambda n: chr(0x245F + n),
    "cn": lambda n: rf"{_cn(n)}(?:、|是)",
}
_MAX_ITEMS = 12
_ANNOUNCES = re.compile(r"其中|如下|方面|内容|用于|用在|用途|情况|分配|安排|包括|分别|具体|下列|以下")
_COUNT = re.compile(rf"([{_CN}两\d]{{1,2}})(?:个|项|类|批|笔|部分)")
_BOUNDARY = "。；;，, \t\u3000"
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_EACH = re.compile(r"分别(?:为|是)?")
_COLON = re.compile(r"[：:]")


def _cn(n: int) -> str:
    return _CN[n - 1] if n <= 10 else "十" + _CN[n - 11]


@dataclass(frozen=True)
class _Item:
    home: Para
    start: int
    end: int


def _year(f: Figure) -> str | None:
    years = _YEAR.findall(f.label)
    return years[-1] if years else None


def _amounts(para: Para, start: int, end: int) -> list[Figure]:
    return [f for f in para.figures_between(start, end)
            if f.kind == "money" and f.depth == 0 and eligible(f) and not prior(f)]


def _style_at(text: str, pos: int) -> str | None:
    rest = text[pos:pos + 8].lstrip()
    return next((name for name in _STYLES if _mark(name, 1).match(rest)), None)


@cache
def _mark(style: str, n: int) -> re.Pattern[str]:
    return re.compile(_STYLES[style](n))


def _next_mark(para: Para, style: str, n: int, after: int) -> int | None:
    """Where item ``n`` starts in ``para`` after ``after``: its number at bracket depth 0 after a separator."""
    for m in _mark(style, n).finditer(para.text, after):
        k = m.start()
        if para.depths[k] == 0 and (k == 0 or para.text[k - 1] in _BOUNDARY):
            return k
    return None


def _items(para: Para, first: int, style: str) -> list[_Item]:
    """The numbered items from item 1 at ``first``: further items in the same paragraph, else one a paragraph in the
    paragraphs right after; an item ends where the next starts, the last at the end of its sentence."""
    out: list[_Item] = []
    home, pos, n = para, first, 1
    while n <= _MAX_ITEMS:
        nxt = _next_mark(home, style, n + 1, pos + 1)
        if nxt is not None:
            out.append(_Item(home, pos, nxt))
            pos, n = nxt, n + 1
            continue
        out.append(_Item(home, pos, home.sentences[home.sentence_of(pos)][1]))
        after = home.next
        if after is None or not _mark(style, n + 1).match(after.text.lstrip()):
            break
        home, pos, n = after, len(after.text) - len(after.text.lstrip()), n + 1
    while out and not _amounts(out[-1].home, out[-1].start, out[-1].end):
        out.pop()  # "三、请你局继续做好……": a closing item that states no amount is no part
    return out


def _parts(items: list[_Item], total: Figure) -> list[Figure] | None:
    """Each item's amount (of the total's year when the item states amounts of several years); None when an item
    states none."""
    year = _year(total)
    out: list[Figure] = []
    for it in items:
        figs = _amounts(it.home, it.start, it.end)
        if year is not None and any(_year(f) not in (None, year) for f in figs):
            figs = [f for f in figs if _year(f) == year]
        if not figs:
            return None
        each = _EACH.search(it.home.text, it.start, figs[0].start)
        if each is not None:
            end = it.home.sentences[it.home.sentence_of(figs[0].start)][1]
            out.extend(f for f in figs if f.start < end)
        else:
            out.append(figs[0])
    return out


def _totals(para: Para, colon: int) -> tuple[list[Figure], Para | None, bool]:
    """The amounts the items may break down, their paragraph (None: ``para``) and whether the announcing sentence
    states them itself."""
    si = para.sentence_of(colon)
    own = _amounts(para, para.sentences[si][0], colon)
    if own:
        return own, None, True
    for k in range(si - 1, -1, -1):
        before = _amounts(para, *para.sentences[k])
        if before:
            return before, None, False
        if para.figures_between(*para.sentences[k]):
            return [], None, False
    if si > 0 and any(para.figures_between(*para.sentences[k]) for k in range(si)):
        return [], None, False
    back = para.prev
    for _ in range(2):  # a heading without figures between them is passed over
        if back is None:
            break
        found = _amounts(back, 0, len(back.text))
        if found:
            return found, back, False
        if back.figures:
            break
        back = back.prev
    return [], None, False


def _announced(clause: str) -> int | None:
    m = _COUNT.search(clause)
    if m is None:
        return None
    word = m.group(1)
    return int(word) if word.isdigit() else int(parse_chinese_number(word) or 0) or None


def _holds(parts: list[Figure], total: Figure) -> bool:
    return len(parts) >= 2 and sum_consistent(parts, total)


def enumerated_lists(para: Para) -> list[tuple[ItemList, bool]]:
    """The numbered breakdowns of the paragraph, each with whether the list is shown complete (the other year's
    total adds up from the same items, or the sentence states one amount and announces as many items as follow)."""
    text = para.text
    out: list[tuple[ItemList, bool]] = []
    for m in list(_COLON.finditer(text))[:PARA_MARKERS]:
        colon = m.start()
        if para.depths[colon]:
            continue
        lead = max(text.rfind(c, 0, colon) for c in "，,；;。") + 1
        clause = text[lead:colon]
        if not _ANNOUNCES.search(clause):
            continue
        start = m.end() + len(text[m.end():]) - len(text[m.end():].lstrip())
        home = para
        if start >= len(text):
            if para.next is None:
                continue
            home, start = para.next, len(para.next.text) - len(para.next.text.lstrip())
        style = _style_at(home.text, start)
        if style is None:
            continue
        items = _items(home, start, style)
        if len(items) < 2:
            continue
        totals, total_para, own = _totals(para, colon)
        readings = [(t, _parts(items, t)) for t in totals]
        held = [(t, p) for t, p in readings if p is not None and _holds(p, t)]
        years = {_year(t) for t in totals}
        dated = len(years) == len(totals) > 1 and None not in years  # one amount a year ("2016年…，2015年…")
        count = _announced(clause)
        complete = bool(dated and held) or (own and len(totals) == 1 and count == len(items))
        for t, parts in held:
            out.append((ItemList(colon, t, tuple(parts), True, "marker", total_para=total_para), complete))
        for t, read in readings:
            if read is None or len(read) < 2 or any(t is h for h, _ in held):
                continue
            if complete:
                out.append((ItemList(colon, t, tuple(read), True, "marker", sure=False, total_para=total_para), True))
    return out


def with_enumerated(para: Para, lists: list[ItemList]) -> list[ItemList]:
    """``lists`` (the paragraph's other breakdowns) with its numbered breakdowns: a numbered reading whose items make
    up an amount replaces another reading of that amount that does not add up (a 其中 list that took an item's other
    year for a part); one of an amount another reading already breaks down is left out."""
    out = list(lists)
    for e, complete in enumerated_lists(para):
        if e.sure:
            out = [x for x in out if x.total is not e.total or _holds(list(x.parts), x.total)]
        # a reading found only because it adds up could never report that it does not: it is read (and counted as
        # checked) only when the list is shown complete, else it only rules out the other reading
        if complete and not any(x.total is e.total for x in out):
            out.append(e)
    return out
