"""Clause structure: which figures a breakdown lists, and which figure it breaks down.

Four shapes of breakdown are read from a paragraph's sentences:

- **marker lists** — "X万元，……，其中：A a；B b；C c。" (also 包括, 分别为): the total is the head of the
  clause that introduces the list (the first figure of its clause group, or the nearest one of the same
  role when several subjects are listed side by side), of the same unit kind; the items are the
  segments after the marker, split at "；" when the list uses it, else at "，" and "、"; each item counts
  with its first figure of the total's kind and role (an item's budget beside its spending is not a
  part of the spending). An item that opens its own "其中" takes the following items whose names
  continue its name (公务用车购置及运行维护费 → 公务用车购置, 公务用车运行维护费) as a nested list.
- **bracketed lists** — "126.05亿元（县本级98.88亿元，高新区27.17亿元）".
- **closing totals** — "A a；B b；……；收入合计X" and chains "以Y为基础，加上A a、B b，减C c，收入总计X".
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
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jixiao.audit.numbers import Figure

if TYPE_CHECKING:
    from jixiao.audit.context import Para

_MARKER = re.compile(r"其中[:：,，]?|(?<!主要)(?<!主要是)包括[:：]?|分别(?:为|是)[:：]?")
_PARTIAL_MARKER = re.compile(r"主要(?:包括|有|是|用于)|等$")
_LIST_STOP = ("另有", "另外", "此外", "同时")
_NEW_SUBJECT = re.compile(r"(?<=[，,；;])\s*(?:现有|实有|目前|截至|截止)")
_CLOSING = re.compile(r"(?:合计|总计|共计|小计|总额)(?:为|是|达|达到)?[:：]?$")
_PLUS = re.compile(r"加上?|另加")
_MINUS = re.compile(r"减去?|扣除")
_BASE = re.compile(r"以(.{2,30}?)为基础")


@dataclass(frozen=True)
class ItemList:
    """A breakdown: a stated total and its parts (``signs`` −1 for subtracted parts)."""

    marker: int
    total: Figure
    parts: tuple[Figure, ...]
    exact: bool = True  # the parts are meant to make up the whole total
    shape: str = "marker"  # "marker" | "bracket" | "closing" | "chain" | "parallel"
    signs: tuple[int, ...] = ()

    def signed(self) -> list[tuple[int, Figure]]:
        return list(zip(self.signs or (1,) * len(self.parts), self.parts, strict=True))


def depth_at(para: Para, pos: int) -> int:
    return para.depth_at(pos)


def _eligible(f: Figure) -> bool:
    from jixiao.audit.context import eligible

    return eligible(f)


def _role(f: Figure) -> str:
    from jixiao.audit.context import role

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
    from jixiao.audit.context import subject

    return re.sub(r"^(?:其中|包括|分别为|分别是)[:：,，]?", "", subject(label)).strip("“”\"：:，, ")


def _continues(child: str, parent: str) -> bool:
    """Does an item named ``child`` belong under ``parent`` (公务用车运行维护费 under 公务用车购置及运行维护费)?"""
    if not child or not parent:
        return False
    k = 0
    while k < min(len(child), len(parent)) and child[k] == parent[k]:
        k += 1
    if k < 2:
        return False
    rest = child[k:].rstrip("费支出经费")
    return not rest or rest in parent


@dataclass
class _Item:
    start: int
    end: int
    head: Figure | None
    figures: list[Figure]
    nested_at: int | None  # position of a "其中" inside the item


def _list_end(para: Para, pos: int, depth: int) -> tuple[int, bool]:
    """Where a list that starts at ``pos`` ends, and whether it ends unfinished (document cut)."""
    text = para.text
    si = para.sentence_of(pos)
    end = para.sentences[si][1]
    if depth:
        end = min(end, para.closing(pos, depth))
    for stop in _LIST_STOP:
        k = text.find(stop, pos, end)
        if k >= 0:
            end = k
    m = _NEW_SUBJECT.search(text, pos, end)
    if m:
        end = m.start()
    cut = para.is_last and end >= len(text.rstrip()) and not text.rstrip().endswith(("。", "！", "？", "）", ")"))
    return end, cut


def _shape(para: Para, start: int, end: int, depth: int) -> tuple[tuple[str, str, str | None], ...]:
    return tuple((f.kind, _role(f), f.change) for f in para.figures_between(start, end)
                 if f.depth == depth and (_eligible(f) or f.change))


def _continue_list(para: Para, start: int, end: int, depth: int) -> tuple[int, bool]:
    """A "；" list whose items go on past a full stop ("……4.88万元。公务接待费预算33.8万元，实际支出2.19万元。"):
    following sentences that repeat the shape of the list's last item belong to it."""
    text = para.text
    segs = _split(text, start, end, "；;", para.depths, depth)
    if not segs or depth:
        return end, False
    last = _shape(para, *segs[-1], depth)
    if not last:
        return end, False
    si = para.sentence_of(end - 1 if end > 0 else 0)
    cut = False
    while si + 1 < len(para.sentences) and end >= para.sentences[si][1] - 1:
        s, e = para.sentences[si + 1]
        if _shape(para, s, e, depth) != last or _MARKER.search(text, s, e):
            break
        end, si = e, si + 1
    return end, cut


def marker_lists(para: Para) -> list[ItemList]:
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
        partial = bool(_PARTIAL_MARKER.search(text[max(0, pos - 4):m.end()])) or cut
        # the items: split at "；" when the list uses it (then at "、" inside a segment), else at "，" and "、"
        body = text[m.end():end]
        semi = any(c in "；;" and depths[m.end() + k] == depth for k, c in enumerate(body))
        if semi:
            end, cut2 = _continue_list(para, m.end(), end, depth)
            cut = cut or cut2
            spans = [sub for seg in _split(text, m.end(), end, "；;。", depths, depth)
                     for sub in _split(text, seg[0], seg[1], "、", depths, depth)]
        else:
            spans = _split(text, m.end(), end, "，,、", depths, depth)
        if spans and re.search(r"等[。；;]?$", text[spans[-1][0]:spans[-1][1]].strip()):
            partial = True
        partial = partial or cut
        # the total: head of the introducing clause group
        total = _total_for(para, pos, depth)
        if total is None:
            continue
        kind, want = total.kind, _role(total) or None
        items: list[_Item] = []
        try:
            for s, e in spans:
                figs = [f for f in para.figures_between(s, e) if f.depth == depth]
                inner = _MARKER.search(text, s, e)
                items.append(_Item(s, e, _head(figs, kind, want, strict=True), figs,
                                   inner.start() if inner and depths[inner.start()] == depth else None))
        except _Mismatch:
            continue
        parts, nested, top = _nest(items, para, kind, want)
        for n_marker, n_total, n_parts in nested:
            consumed.add(n_marker)
            if len(n_parts) >= 2:
                out.append(ItemList(n_marker, n_total, tuple(n_parts), not partial, "marker"))
        parts = [p for p in parts if not (p.wan == total.wan and p.unit == total.unit)] if len(parts) > 2 else parts
        roles = {_role(p) for p in parts} - {""}
        if len(parts) < 2 or (len(roles) > 1 and want is None):
            continue
        out.append(ItemList(pos, total, tuple(parts), not partial, "marker"))
        out.extend(_parallel(para, pos, depth, total, top, partial=partial))
    return out


def _total_for(para: Para, pos: int, depth: int) -> Figure | None:
    """The figure a list at ``pos`` breaks down: in the clause group before the marker (back to the last
    "；" or the sentence start; the previous sentence when the marker opens one), the head, or — when
    several figures of the head's role are listed side by side — the nearest of them."""
    text = para.text
    si = para.sentence_of(pos)
    s0 = para.sentences[si][0]
    group_start = max(text.rfind("；", s0, pos), text.rfind(";", s0, pos))
    group_start = s0 if group_start < 0 else group_start + 1
    cands = [f for f in para.figures_between(group_start, pos) if f.depth == depth and _eligible(f)]
    if not cands and si > 0 and not text[s0:pos].strip(" ，,：:*"):
        # "……。其中：" breaks down the previous sentence's subject: the head of its first clause group
        ps, pe = para.sentences[si - 1]
        semi = [k for k in (text.find("；", ps, pe), text.find(";", ps, pe)) if k >= 0]
        cands = [f for f in para.figures_between(ps, min(semi) if semi else pe) if f.depth == depth and _eligible(f)]
    if not cands:
        return None
    totals = [f for f in cands if re.search(r"(?:合计|总计|共计|总额|总数|共有|共)(?:为|是|达)?$", f.label)]
    if totals:
        return totals[-1]
    head = cands[0]
    same = [f for f in cands if f.kind == head.kind and _role(f) == _role(head)]
    return same[-1]


def _nest(items: list[_Item], para: Para, kind: str, want: str | None
          ) -> tuple[list[Figure], list[tuple[int, Figure, list[Figure]]], list[_Item]]:
    """Top-level parts, the nested lists opened by items with their own "其中", and the top-level items."""
    parts: list[Figure] = []
    nested: list[tuple[int, Figure, list[Figure]]] = []
    top: list[_Item] = []
    k = 0
    while k < len(items):
        it = items[k]
        if it.head is None:
            k += 1
            continue
        parts.append(it.head)
        top.append(it)
        if it.nested_at is not None:
            parent_name = _subject(it.head.label)
            sub: list[Figure] = []
            # figures after the inner marker within the item start the nested list
            first = [f for f in it.figures if f.start > it.nested_at and f.kind == kind and _eligible(f)]
            if first:
                sub.append(_head(first, kind, want) or first[0])
            j = k + 1
            while j < len(items):
                nxt = items[j]
                if nxt.head is None:
                    j += 1
                    continue
                if not _continues(_subject(nxt.head.label), parent_name):
                    break
                sub.append(nxt.head)
                j += 1
            nested.append((it.nested_at, it.head, sub))
            k = j
            continue
        k += 1
    return parts, nested, top


def _parallel(para: Para, pos: int, depth: int, total: Figure, items: list[_Item], partial: bool) -> list[ItemList]:
    """Items that repeat the total clause's shape: their k-th figures add up to the clause's k-th."""
    start = total.start
    clause = [f for f in para.figures_between(start, pos) if f.depth == depth and f.kind == total.kind]
    shape = [(_role(f), f.change) for f in clause]
    if len(clause) < 2 or len(set(shape)) != len(shape):
        return []
    out: list[ItemList] = []
    heads = [it for it in items if it.head is not None]
    if len(heads) < 2:
        return []
    for k, (role_k, change_k) in enumerate(shape[1:], start=1):
        parts: list[Figure] = []
        for it in heads:
            same = [f for f in it.figures if f.kind == total.kind and (_role(f), f.change) == (role_k, change_k)
                    and not f.approx and not f.per_unit]
            if len(same) != 1:
                parts = []
                break
            parts.append(same[0])
        if len(parts) >= 2:
            out.append(ItemList(pos, clause[k], tuple(parts), not partial, "parallel"))
    return out


def bracket_lists(para: Para) -> list[ItemList]:
    """"X（A a，B b）": a figure followed at once by a bracket holding two or more figures of its kind."""
    text = para.text
    out: list[ItemList] = []
    for f in para.figures:
        if not _eligible(f):
            continue
        k = f.end
        while k < len(text) and text[k] in " ":
            k += 1
        if k >= len(text) or text[k] not in "（(":
            continue
        close = para.closing(k + 1, f.depth + 1)
        inner = text[k + 1:close]
        if re.match(r"\s*(?:含|其中|包括|主要|不含|占|同比|比|较|增|减|下降|上升)", inner):
            continue  # 其中 is a marker list; 含/占/同比 are not breakdowns
        spans = _split(text, k + 1, close, "，,、；;", para.depths, f.depth + 1)
        parts = []
        for s, e in spans:
            h = _head([x for x in para.figures_between(s, e) if x.depth == f.depth + 1], f.kind, _role(f) or None)
            if h is not None:
                parts.append(h)
        if len(parts) >= 2 and len(parts) == len(spans):
            out.append(ItemList(k, f, tuple(parts), "等" not in inner[-3:], "bracket"))
    return out


def closing_lists(para: Para) -> list[ItemList]:
    """"A a；B b；收入合计X" and "以Y为基础，加上A a、B b，减C c，收入总计X"."""
    text = para.text
    out: list[ItemList] = []
    for f in para.figures:
        if not _eligible(f) or f.depth != 0 or not _CLOSING.search(f.label):
            continue
        si = para.sentence_of(f.start)
        s0 = para.sentences[si][0]
        colon = max(text.rfind("：", s0, f.start), text.rfind(":", s0, f.start))
        start = colon + 1 if colon >= 0 else s0
        # the clause holding the total is not a part
        lead = max(text.rfind(c, start, f.start) for c in "，,；;、")
        if lead < start:
            continue
        before = text[start:lead]
        chain = _PLUS.search(before)
        seps = "；;" if ("；" in before or ";" in before) and not chain else "，,、；;"
        spans = _split(text, start, lead, seps, para.depths, 0)
        parts: list[Figure] = []
        signs: list[int] = []
        for s, e in spans:
            seg = text[s:e]
            h = _head(para.figures_between(s, e), f.kind, None)
            if h is None:
                continue
            if _MINUS.match(seg.strip()):
                signs.append(-1)
            else:
                signs.append(1)
            parts.append(h)
        if chain and not [p for p in parts if p.start < start + chain.start()]:
            base = _chain_base(para, si, text[s0:f.start], f.kind)
            if base is not None:
                parts.insert(0, base)
                signs.insert(0, 1)
        if len(parts) < 2 or (not chain and seps != "；;" and len(parts) < 3):
            continue
        out.append(ItemList(f.start, f, tuple(parts), True, "chain" if chain else "closing", tuple(signs)))
    return out


def _chain_base(para: Para, si: int, sentence: str, kind: str) -> Figure | None:
    """"以全区一般公共预算收入为基础，加上……": the figure of that name in the sentences before."""
    m = _BASE.search(sentence)
    if not m:
        return None
    name = m.group(1)
    for k in range(si - 1, max(si - 3, -1), -1):
        s, e = para.sentences[k]
        for f in reversed(para.figures_between(s, e)):
            core = _subject(f.label)
            if f.kind == kind and _eligible(f) and core and (core in name or name in f.label):
                return f
    return None


def item_lists(para: Para) -> list[ItemList]:
    found = marker_lists(para) + bracket_lists(para) + closing_lists(para)
    seen: set[tuple[int, tuple[int, ...]]] = set()
    out: list[ItemList] = []
    for lst in found:
        key = (lst.total.start, tuple(p.start for p in lst.parts))
        if key not in seen:
            seen.add(key)
            out.append(lst)
    return out

