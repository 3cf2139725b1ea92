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

from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import Para, eligible, prior, role, subject

_MARKER = re.compile(r"其中[:：,，]?|(?<!主要)(?<!主要是)包括[:：]?|分别(?:为|是)[:：]?|分项(?:看|来看|情况(?:是|为|如下)?)[:：,，]?")
_PARTIAL_MARKER = re.compile(r"主要(?:包括|有|是|用于)|等$")
_LIST_STOP = ("另有", "另外", "此外", "同时")
_NEW_SUBJECT = re.compile(r"(?<=[，,；;])\s*(?:现有|实有|目前|截至|截止)")
# "；加上级补助收入……，收入合计X": a chain starts a new statement
_CHAIN_START = re.compile(r"[；;](?=\s*(?:加上?|减去?|另加|以上|以|在上述|收支相抵))")
_CLOSING_ANY = re.compile(r"合计|总计|共计")
_CLOSING = re.compile(r"(?:合计|总计|共计|小计|总额)(?:为|是|达|达到)?[:：]?$")
_PLUS = re.compile(r"加上?|另加")
_MINUS = re.compile(r"减去?|扣除")
_BASE = re.compile(r"(?:以|在)(.{2,30}?)(?:为基础|的基础上)")


@dataclass(frozen=True)
class ItemList:
    """A breakdown: a stated total and its parts (``signs`` −1 for subtracted parts)."""

    marker: int
    total: Figure
    parts: tuple[Figure, ...]
    exact: bool = True  # the parts are meant to make up the whole total
    shape: str = "marker"  # "marker" | "bracket" | "closing" | "chain" | "parallel"
    signs: tuple[int, ...] = ()
    sure: bool = True  # the items are certainly the list's (a "，" list closed by 合计 is only likely)
    total_para: Para | None = None  # the paragraph of the total when it is not the list's

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
    m = _CHAIN_START.search(text, pos, end)
    if m:
        end = m.start()
    cut = para.is_last and end >= len(text.rstrip()) and not text.rstrip().endswith(("。", "！", "？", "）", ")"))
    return end, cut


_CONTINUATION = re.compile(r"\s*(?:占|较|比|与|同比|增|减|下降|上升|降低|提高|完成|为|是|达|约|共|合计|主要|用于|其中|"
                           r"扣除|含|分别|均|全部|全年|预算|实际|决算|执行|支出|收入)")


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
    return tuple((f.kind, _role(f), f.change) for f in para.figures_between(start, end)
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
    si = para.sentence_of(max(end - 1, 0))
    k = si + 1
    while k < len(para.sentences):
        s, e = para.sentences[k]
        shape = _shape(para, s, e, depth)
        if not shape and not _ENUM.match(text, s):
            k += 1
            continue
        if shape != last or _MARKER.search(text, s, e) or _CLOSING_ANY.search(text, s, e):
            break
        end = e
        k += 1
    return end, False


_ENUM = re.compile(r"\s*(?:\*{0,2}[①-⑳]|[一二三四五六七八九十]+[是、]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.．、])")
_PCT_RUNON = re.compile(r"(?<=[%％])(?=[\u4e00-\u9fff])(?![以左上下的])")


def _items(para: Para, start: int, end: int, depth: int) -> list[tuple[int, int]]:
    """The items of a list body: cut at "；" (and at a full stop inside a list that goes on past it), then
    at "，" and "、"; a "，" segment that opens with a verb or relation goes on with the item before it.
    A percentage run on into the next name ("…的98.74%公务用车…", a separator lost in the source) cuts too."""
    text, depths = para.text, para.depths
    out: list[tuple[int, int]] = []
    for seg in _split(text, start, end, "；;。", depths, depth):
        cuts = [seg[0]] + [m.start() for m in _PCT_RUNON.finditer(text, seg[0], seg[1]) if depths[m.start()] == depth]
        for a, b in zip(cuts, [*cuts[1:], seg[1]], strict=True):
            for s, e in _merge_continuations(text, _split(text, a, b, "，,、", depths, depth)):
                out.extend(_split_and(para, s, e, depth))
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
        end = _before_next_list(para, m.end(), end, depth)
        end, cut2 = _continue_list(para, m.end(), end, depth)
        partial = bool(_PARTIAL_MARKER.search(text[max(0, pos - 4):m.end()])) or cut or cut2
        spans = _items(para, m.end(), end, depth)
        if spans and re.search(r"等[。；;]?$", text[spans[-1][0]:spans[-1][1]].strip()):
            partial = True
        found = _total_for(para, pos, depth)
        if found is None:
            continue
        total, total_para = found
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
        out.append(ItemList(pos, total, tuple(parts), not partial, "marker", total_para=total_para))
        out.extend(_parallel(total_para or para, pos, depth, total, top, partial, total_para))
    return out


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
        head = _group_head(para, opening[:-1].rstrip(), depth - 1)
        return (head, None) if head is not None else None
    si = para.sentence_of(pos)
    s0 = para.sentences[si][0]
    group_start = max(text.rfind("；", s0, pos), text.rfind(";", s0, pos))
    group_start = s0 if group_start < 0 else group_start + 1
    cands = [f for f in para.figures_between(group_start, pos) if f.depth == depth and _eligible(f)]
    if cands:
        return _pick(cands), None
    if text[s0:pos].strip(" ，,：:*") and not allow_text:
        return None
    for back in range(si - 1, max(si - 4, -1), -1):  # sentences without figures (reasons) are passed over
        ps, pe = para.sentences[back]
        head = _first_group_head(para, ps, pe, depth)
        if head is not None:
            return head, None
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


def _nest(items: list[_Item], para: Para, kind: str, want: str | None
          ) -> tuple[list[Figure], list[tuple[int, Figure, list[Figure]]], list[_Item]]:
    """Top-level parts, the nested lists ("其中" inside an item, or opening the item after its parent),
    and the top-level items. A nested list takes the following items whose names continue its parent's."""
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
            first = k + 1
        else:
            if it.head is not None:
                parts.append(it.head)
                top.append(it)
            k += 1
            continue
        assert parent.head is not None and it.nested_at is not None
        parent_name = _subject(parent.head.label)
        j = first
        while j < len(items):
            nxt = items[j]
            if nxt.head is None:
                j += 1
                continue
            if not continues(_subject(nxt.head.label), parent_name):
                break
            sub.append(nxt.head)
            j += 1
        nested.append((it.nested_at, parent.head, sub))
        k = j
    return parts, nested, top


def _parallel(para: Para, pos: int, depth: int, total: Figure, items: list[_Item], partial: bool,
              total_para: Para | None) -> list[ItemList]:
    """Items that repeat the total clause's shape: their k-th figures add up to the clause's k-th
    (budgets to the budget, changes to the change). ``para`` holds the total."""
    if len(items) < 2:
        return []
    end = pos if total_para is None else len(para.text)
    semi = [k for k in (para.text.find("；", total.start, end), para.text.find(";", total.start, end)) if k >= 0]
    end = min([end, *semi])
    clause = [f for f in para.figures_between(total.start, end) if f.depth == depth and f.kind == total.kind
              and not f.approx and not f.per_unit]
    shape = [(_role(f), f.change, _is_prior(f)) for f in clause]
    if len(clause) < 2 or len(set(shape)) != len(shape):
        return []
    out: list[ItemList] = []
    for k, key in enumerate(shape[1:], start=1):
        parts: list[Figure] = []
        for it in items:
            same = [f for f in it.figures if f.kind == total.kind and (_role(f), f.change, _is_prior(f)) == key
                    and not f.approx and not f.per_unit]
            if len(same) != 1:
                parts = []
                break
            parts.append(same[0])
        if len(parts) >= 2:
            out.append(ItemList(pos, clause[k], tuple(parts), not partial, "parallel", total_para=total_para))
    return out


def _is_prior(f: Figure) -> bool:

    return prior(f)


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
        if re.match(r"\s*(?:其中|包括|主要|不含|占|同比|比|较|增|减|下降|上升)", inner):
            continue  # 其中 is a marker list; 占/同比 are not breakdowns
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
    """"A a；B b；收入合计X" and "Y，加上A a、B b，减C c，收入总计X" (the base Y before 加, or named by
    "以Y为基础"/"在Y的基础上" in an earlier sentence)."""
    text = para.text
    out: list[ItemList] = []
    for f in para.figures:
        if not _eligible(f) or f.depth != 0 or not _CLOSING.search(f.label):
            continue
        si = para.sentence_of(f.start)
        s0 = para.sentences[si][0]
        lead = max(text.rfind(c, s0, f.start) for c in "，,；;、")  # the clause holding the total is no part
        if lead < s0:
            continue
        chain = _PLUS.search(text, s0, lead)
        parts: list[Figure] = []
        signs: list[int] = []
        if chain:
            base = [x for x in para.figures_between(s0, chain.start())
                    if x.kind == f.kind and _eligible(x) and x.depth == 0]
            if base:
                parts.append(base[-1])
            else:
                named = _chain_base(para, si, text[s0:chain.start()], f.kind)
                if named is None:
                    continue
                parts.append(named)
            signs.append(1)
            spans = _split(text, chain.start(), lead, "，,、；;", para.depths, 0)
            strong = True
        else:
            colon = max(text.rfind("：", s0, f.start), text.rfind(":", s0, f.start))
            start = colon + 1 if colon >= 0 else s0
            before = text[start:lead]
            strong = "；" in before or ";" in before
            spans = _split(text, start, lead, "；;" if strong else "，,、", para.depths, 0)
            spans = spans if strong else _merge_continuations(text, spans)
        for s, e in spans:
            h = _head([x for x in para.figures_between(s, e) if x.depth == 0], f.kind, None)
            if h is None:
                continue
            parts.append(h)
            signs.append(-1 if _MINUS.match(text[s:e].strip()) else 1)
        if len(parts) < 2 or (not strong and len(parts) < 3):
            continue
        out.append(ItemList(f.start, f, tuple(parts), True, "chain" if chain else "closing", tuple(signs), strong))
    return out


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

