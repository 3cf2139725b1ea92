"""Year-on-year statements: "X万元，比上年减少A万元，下降B%" -> B = A / (X ± A)."""

from __future__ import annotations

import itertools
import re
from dataclasses import replace
from decimal import Decimal

from jixiao.audit.clauses import PCT_RUNON
from jixiao.audit.context import Context, Para
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.paragraphs import Para as BasePara
from jixiao.audit.paragraphs import eligible, prior, role, subject
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, quantize, rate_verdict, ratio_bounds

_MARKER = re.compile(r"(?:比|较|与)(?:疫情前的?)?(?:上年|去年|上一年|上年度|(?:19|20)\d{2}年度?)(?:决算数?|预算数?|同期|实际|支出)?"
                     r"(?:数)?(?:相比)?"
                     r"|同比")


_SIDE = re.compile(r"[^，,。；;]*?(增支|减支|增收|减收)")
_ITEM = re.compile(r"其中")


def _subject_figures(para: Para, si: int, pos: int, marker: str, last_role: str = "") -> list[Figure]:
    """The figure a change refers to: the head of its clause group (back to the last "；" or the
    sentence start), of the role the comparison names (上年决算 → spending, 上年预算 → budget)."""
    text = para.text
    s0 = para.sentences[si][0]
    semi = max(text.rfind("；", s0, pos), text.rfind(";", s0, pos))
    start = s0 if semi < 0 else semi + 1
    for run_on in PCT_RUNON.finditer(text, start, pos):  # "…的98.74%公务用车…": a separator lost in the source
        start = run_on.end()
    depth = para.depth_at(pos)
    cands = [f for f in para.figures_between(start, pos) if f.kind == "money" and eligible(f) and f.depth == depth]
    if not cands and start > s0:  # "……62.07万元，完成预算…；与上年相比增加…": the sentence's subject
        semi = min((k for k in (text.find("；", s0, pos), text.find(";", s0, pos)) if k >= 0), default=pos)
        cands = [f for f in para.figures_between(s0, semi) if f.kind == "money" and eligible(f) and f.depth == depth]
    if not cands and depth:  # "收入完成503.7亿元(比上年同期增加85.8亿元，增长20.6%)": the figure the bracket follows
        opening = max(text.rfind("（", 0, pos), text.rfind("(", 0, pos))
        before = [f for f in para.figures_between(s0, opening) if f.depth == depth - 1]
        if opening > 0 and before and before[-1].end >= opening - 1 and before[-1].kind == "money" and eligible(before[-1]):
            cands = before[-1:]
    clause = re.split(r"[，,：:]", text[start:pos])[-1]
    plain = not re.search(r"[（()）]", clause) and not para.figures_between(pos - len(clause), pos)
    named = _ROLE_WORDS.sub("", _name(clause)) if plain else ""
    if cands and len(named) >= 2:
        # "收入100亿元，税收收入比上年增加5亿元" / "4月当月较上年同期增长8%": the change is of what its clause
        # names, not of the clause group's head — the figure stated under that name, else nothing is judged
        # (a figure stated as last year's, "上年度收入合计B元", is the base, never the level)
        same = [f for f in cands if named in _canon(_NOT_NAME.sub("", f.label)) and not prior(f)]
        found = same[-1] if same else _named_before(para, start, named)
        if found is None or found.depth != depth:
            return []
        cands = [found]
    if not cands:
        name = _name(re.split(r"[，,：:]", text[start:pos])[-1])
        if name:  # "基本支出比上年减少28.56万元": the figure stated for that name before
            clause = re.split(r"[，,：:]", text[start:pos])[-1]
            found = _named_before(para, start, name) or _named_in_sentence(para, start, clause)
            if found is None:
                return []
            cands = [found]
        else:  # "收支较上年减少…", "与上年相比增加…": the subject of the sentence or paragraph before
            from jixiao.audit.clauses import subject_of

            head = subject_of(para, pos, depth, allow_text=True)
            if head is None or head.kind != "money":
                return []
            cands = [head]
    side = _SIDE.match(text, pos, min(len(text), pos + 16))
    if side is not None and len(cands) > 1:  # "收入100亿元，支出90亿元，增支9亿元": 增支 speaks of the spending
        sided = [f for f in cands if ("支出" if side.group(1) in ("增支", "减支") else "收入") in f.label]
        cands = sided or cands
    item = _ITEM.search(text, max(start, text.rfind("，", start, cands[-1].start)), cands[-1].start) if cands else None
    if len(cands) > 1 and not last_role and item is not None and cands[-2].start < item.start():
        cands = cands[-1:]  # "收入100亿元，其中税收收入80亿元，增收8亿元": the change follows the one item it is about
    roles = {role(f.label) for f in cands}
    # a change the comparison does not qualify speaks of what was spent when the clause group states both the
    # budget and the spending ("预算为1.00万元，支出决算为0.42万元，……比上年减少0.18万元")
    unsaid = "actual" if {"plan", "actual"} <= roles else role(cands[0].label)
    want = "plan" if "预算" in marker else "actual" if any(w in marker for w in ("决算", "支出", "执行")) else unsaid
    if last_role:  # "……预算为451.62万元，比2014年部门预算287.17万元增加……": a budget is compared with a budget
        stated = [f for f in cands if role(f.label) == last_role]
        if stated:
            return stated[-1:]
    same = [f for f in cands if role(f.label) in (want, "")] or cands
    return same[:1]


_ROLE_WORDS = re.compile(r"支出|决算|预算|实际|执行|完成|数|为|是")


def _named_in_sentence(para: Para, pos: int, clause: str) -> Figure | None:
    """"从年度变化看，“三公”经费支出决算数比2016年度减少……" after "本局“三公”经费……年初预算为22.00万元，支出
    决算为8.77万元": the figure of the clause's role in the nearest earlier sentence that names its subject."""
    core = _ROLE_WORDS.sub("", _name(clause))
    want = role(clause)
    if len(core) < 2 or not want:
        return None
    prev1 = para.prev
    for p, end in ((para, pos), (prev1, None)):
        if p is None:
            continue
        for si in range(p.sentence_of(end) if end is not None else len(p.sentences) - 1, -1, -1):
            s, e = p.sentences[si]
            e = min(e, end) if end is not None else e
            at = _NOT_NAME.sub("", p.text[s:e]).find(core)
            if at < 0:
                continue
            figs = [f for f in p.figures_between(s, e) if f.kind == "money" and eligible(f) and not prior(f)
                    and f.depth == 0 and role(f.label) == want]
            if figs:
                return figs[0]
    return None


def _wan(f: Figure) -> Decimal:
    return f.wan if f.kind == "money" else f.value


_NOT_NAME = re.compile(r"(?:19|20)\d{2}年度?|本年度?|全年|全镇|全县|全区|全市|全州|全省|本单位|本部门|本局|本办|汇总后|"
                       r"收支|[“”\"‘’（）()，,、：: ]|其中|从年度变化看|与上年比较|财政拨款|一般公共预算|(?:按|以)?(?:同|可比)口径")


def _name(clause: str) -> str:
    """What a clause is about, without time, place and filler words ("2021年度全镇“三公”经费" → 三公经费)."""
    return _NOT_NAME.sub("", clause)[-8:]


def _named_before(para: Para, pos: int, name: str, last_year: bool = False) -> Figure | None:
    """The nearest this-year amount before ``pos`` (this paragraph, then the two before that state figures)
    labelled with ``name``; a figure of a sentence about last year ("上年度……合计支出20.12万元，其中：公务接待12.39万元")
    is last year's (``last_year``: the nearest such figure instead)."""
    for p, end in _back(para, pos):
        figs = p.figures if end is None else p.figures_between(0, end)
        for f in reversed(figs):
            if f.kind == "money" and eligible(f) and not prior(f) and _canon(name) in _canon(_NOT_NAME.sub("", f.label)) \
                    and last_year_sentence(p, f.start) == last_year:
                return f
    return None


def _back(para: BasePara, pos: int) -> list[tuple[BasePara, int | None]]:
    """This paragraph up to ``pos``, then the two paragraphs before it that state amounts (headings passed over)."""
    out: list[tuple[BasePara, int | None]] = [(para, pos)]
    p = para.prev
    while p is not None and len(out) < 3:
        if any(f.kind == "money" for f in p.figures):
            out.append((p, None))
        p = p.prev
    return out


# a sentence about last year: it opens with 上年度/去年 ("上年度“三公”经费合计支出20.12万元"), not 上年结转
_LAST_YEAR_OPENING = re.compile(r"\s*(?:[（(]?[一二三四五六七八九十\d]{1,2}[)）、.．])?\s*(?:上年度?|去年度?|上一年度?)"
                                r"(?!结转|结余|项目结转|相比|比较|同期相比)")


def last_year_sentence(para: BasePara, pos: int) -> bool:
    return _LAST_YEAR_OPENING.match(para.text, para.sentences[para.sentence_of(pos)][0]) is not None


def _last_year_of(para: Para, pos: int, x: Figure, marker: str) -> Figure | None:
    """"公务接待较上年同期减少0.58万元" after a sentence about last year that states 公务接待: that figure is the base."""
    if "预算" in marker or not re.search(r"上年|去年|上一年|同期|同比|(?:19|20)\d{2}年", marker):
        return None
    name = _NOT_NAME.sub("", subject(x.label))
    if len(name) < 2:
        return None
    found = _named_before(para, pos, name, last_year=True)
    return found if found is not None and found.unit == x.unit and found.depth == x.depth else None


# One item, two spellings: a report names it in full in one paragraph and shortened in another.
_SYNONYMS = (("运维", "运行维护"), ("公车", "公务用车"))


def _canon(name: str) -> str:
    for short, full in _SYNONYMS:
        name = name.replace(short, full)
    return name


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for m in _MARKER.finditer(para.text):
            out.extend(_compare(ctx, para, m.start(), m.end(), m.group(0)))
        for start, marker in _inherited(para):
            out.extend(_compare(ctx, para, start, start, marker))
        for start in _unmarked(para):
            out.extend(_compare(ctx, para, start, start, ""))
        out.extend(_respective(ctx, para))
    return out


_EACH = re.compile(r"分别|各")
_UP_WORD = re.compile(r"增加|增长|上升|提高|增支|增收")
_DOWN_WORD = re.compile(r"减少|下降|降低|减支|减收|节约")
_RUN_GLUE = re.compile(r"\s*(?:、|和|及|与|，|,)\s*$")


def _runs(para: Para, s: int, e: int) -> list[tuple[str | None, list[Figure]]]:
    """The figure runs after 分别/各 in a sentence ("分别为30万元、50万元", "各减少5万元、10万元", "分别增长
    14.29%、16.67%"): the direction word before the run (or None) and its figures, of one kind, joined by 、/和."""
    text = para.text
    out: list[tuple[str | None, list[Figure]]] = []
    for m in _EACH.finditer(text, s, e):
        figs = [f for f in para.figures_between(m.end(), e) if f.depth == para.depth_at(m.start())]
        if not figs or figs[0].start - m.end() > 14:
            continue
        lead = text[m.end():figs[0].start]
        if any(ch in lead for ch in "，,；;。"):
            continue
        run = [figs[0]]
        for f in figs[1:]:
            if not _RUN_GLUE.match(text[run[-1].end:f.start]) or not (
                    (f.kind == run[0].kind and f.unit == run[0].unit) or all(x.unit == "" for x in run)):
                break
            run.append(f)
            if f.unit:
                break  # "各是4125.49,4143.91万元": the unit written once, after the last figure, ends the run
        if len(run) >= 2 and run[-1].unit and not run[0].unit:
            run = [replace(f, unit=run[-1].unit) for f in run]
        direction = "+" if _UP_WORD.search(lead) else "-" if _DOWN_WORD.search(lead) else None
        if len(run) >= 2 and run[0].unit:
            out.append((direction, run))
    return out


def _respective(ctx: Context, para: Para) -> list[AuditFinding]:
    """"A和B分别为30万元、50万元，较上年各减少5万元、10万元，各下降14.29%、16.67%": the runs are paired in order —
    each level with its change and its rate."""
    out: list[AuditFinding] = []
    before: list[list[Figure]] = []  # the level runs of the sentence before, when it stated nothing else
    for s, e in para.sentences:
        runs = _runs(para, s, e)
        levels = [r for d, r in runs if d is None and r[0].kind == "money" and all(eligible(f) for f in r)]
        amounts = [(d, r) for d, r in runs if d is not None and r[0].kind == "money"]
        rates = [(d, r) for d, r in runs if d is not None and r[0].kind == "percent"]
        if not levels and not any(d is None for d, _ in runs):
            levels = before  # "收、支总计各是A,B万元。与上年相比,收、支总计各减少C,D万元,各下降X%、Y%。"
        before = levels if len(runs) == len(levels) == 1 else []
        if len(levels) != 1 or len(amounts) != 1 or len(rates) != 1:
            continue
        level, (d_amount, amount), (d_rate, rate) = levels[0], amounts[0], rates[0]
        if not len(level) == len(amount) == len(rate) or not level[0].start < amount[0].start < rate[0].start:
            continue
        for x, a, r in zip(level, amount, rate, strict=True):
            finding = _rate(ctx, para, x, None, replace(a, change=d_amount), replace(r, change=d_rate))
            if finding is not None:
                out.append(finding)
    return out


_CHANGE_WORD_AT = re.compile(r"增加|减少|增长|下降|降低|上升|增支|减支|增收|减收")
_CHANGE_WORD = re.compile(r"(?:增加|减少|增长|下降|降低|上升|增支|减支|增收|减收)(?=\s*\d)")


def _inherited(para: Para) -> list[tuple[int, str]]:
    """Clauses of a list after a comparison that state a change and its rate without naming the comparison
    again ("……决算数比2016年度减少0.28万元，降低3.09%，其中：……车辆费支出决算减少0.29万元，降低3.31%；……"):
    the position of each one's change word, with the comparison it inherits."""
    out: list[tuple[int, str]] = []
    text = para.text
    before: str | None = None  # the comparison of the sentence before
    for s, e in para.sentences:
        first = _MARKER.search(text, s, e)
        if first is None:
            # "与2021年比,“三公”经费决算增加A元,增长X%。分项:……公务接待费增加a元,增长x%。": a breakdown opening the
            # next sentence inherits its comparison
            opening = _BREAKDOWN_OPENING.match(text, s)
            if before is not None and opening is not None:
                out.extend(_inherited_in(para, opening.end(), e, before))
            before = None
            continue
        before = first.group(0)
        seg_start = min((k for k in (text.find("；", first.end(), e), text.find(";", first.end(), e),
                                     text.find("其中", first.end(), e)) if k >= 0), default=e)
        out.extend(_inherited_in(para, seg_start, e, first.group(0)))
    return out


_BREAKDOWN_OPENING = re.compile(r"\s*(?:其中|分项(?:来看|看)?)\s*[:：,，]")


def _inherited_in(para: Para, seg_start: int, e: int, comparison: str) -> list[tuple[int, str]]:
    """The change clauses from ``seg_start`` to ``e`` that name no comparison: see :func:`_inherited`."""
    text = para.text
    out: list[tuple[int, str]] = []
    for a, b in _segments(text, seg_start, e):
        if _MARKER.search(text, a, b):
            continue
        figs = para.figures_between(a, b)
        amount = next((f for f in figs if f.kind == "money" and f.change), None)
        rate = next((f for f in figs if f.kind == "percent" and f.change), None)
        if amount is None or rate is None or rate.start < amount.start:
            continue
        words = list(_CHANGE_WORD.finditer(text, a, amount.start + 1))
        if words:
            out.append((words[-1].start(), comparison))
    return out


# what may stand between a change amount and its rate stated about the same figure ("增收34.96亿元、增长12.6%",
# "较上年同期增长15.35%，增收25457万元", "减少0.43亿元，下降30.5%")
_PAIR_GLUE = re.compile(r"[\s，,、]*(?:(?:比|较)?(?:上年|去年)?同期|同比)?[\s，,、]*"
                        r"(?:增加|减少|增长|下降|降低|上升|提高|增支|减支|增收|减收|增幅|降幅|减幅)(?:了|为|达)?\s*")


def paired(text: str, first: Figure, second: Figure) -> bool:
    """Are two change figures one statement's amount and rate: adjacent, joined by nothing but a change word?"""
    return first.end <= second.start and _PAIR_GLUE.fullmatch(text, first.end, second.start) is not None


_OTHER_BASIS = re.compile(r"比较|相比|对比|较|(?<!占)比(?!重|例)")


def _unmarked(para: Para) -> list[int]:
    """Change amounts and rates stated together with no comparison named ("总收入为312.74亿元，增收34.96亿元、
    增长12.6%", news style): the position of the pair's first change word. A pair after a comparison in the same
    sentence is that comparison's (see :func:`_compare` and :func:`_inherited`)."""
    text = para.text
    out: list[int] = []
    for s, e in para.sentences:
        figs = [f for f in para.figures_between(s, e) if f.change]
        for a, b in itertools.pairwise(figs):
            if {a.kind, b.kind} != {"money", "percent"} or not paired(text, a, b):
                continue
            group = max(s, text.rfind("；", s, a.start) + 1, text.rfind(";", s, a.start) + 1)
            if _MARKER.search(text, s, a.start) or _OTHER_BASIS.search(text, group, a.start):
                continue  # a comparison named before: the yoy marker's, or another basis (预算, 计划) left to its rule
            words = list(_CHANGE_WORD_AT.finditer(text, max(s, a.start - 8), a.start + 1))
            clause = max(text.rfind(c, s, words[-1].start()) for c in "，,、；;：:") + 1 if words else -1
            if words and not text[max(clause, s):words[-1].start()].strip():
                out.append(words[-1].start())  # (a clause naming its own subject, "4月当月增收…", is not the head's)
    return out


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [k + 1 for k in range(start, end) if text[k] in "；;"] + [end]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _compare(ctx: Context, para: Para, start: int, end: int, marker: str) -> list[AuditFinding]:
    """One comparison: the marker (or inherited comparison) at ``start``..``end`` and the figures after it."""
    si = para.sentence_of(start)
    figs = para.figures_in(si)
    after = [f for f in figs if f.start >= end]
    nxt = _MARKER.search(para.text, end)
    while nxt and _restated(para, end, nxt, marker):
        nxt = _MARKER.search(para.text, nxt.end())
    if nxt and nxt.start() < para.sentences[si][1]:
        after = [f for f in after if f.start < nxt.start()]
    semi = min((k for k in (para.text.find("；", end), para.text.find(";", end)) if k >= 0), default=len(para.text))
    after = [f for f in after if f.start < semi]
    amount = next((f for f in after if f.kind == "money" and f.change), None)
    rate = next((f for f in after if f.kind == "percent" and f.change), None)
    if amount is None and rate is not None:
        lead = _change_before(para, si, start, rate)
        if lead is not None:
            return _named_change(ctx, para, si, lead, rate, marker)
    first_change = min((f.start for f in (amount, rate) if f is not None), default=semi)
    word = _CHANGE_WORD_AT.search(para.text, end, first_change)
    if word is not None:  # "各减少1267.86、2570.97万元": a figure after the change word is no last-year figure
        first_change = word.start()
    # the last-year figure stands between the marker and the first change ("比上年P减少A，下降B%");
    # an amount after the change opens another clause ("增长9.0%，其中税收收入109.91万元")
    last = next((f for f in after if f.kind == "money" and not f.change and eligible(f)
                 and f.start < first_change), None)
    if last is None and amount is not None and amount.kind == "money":
        # "较上年2.08减少0.03万元": the last-year figure written bare, in the unit of the change after it
        bare = next((f for f in after if f.kind == "bare" and f.start < first_change and not f.change), None)
        if bare is not None and not para.text[end:bare.start].strip() and bare.decimals > 0:
            last = replace(bare, unit=amount.unit)
    current = _subject_figures(para, si, start, marker, role(last.label) if last is not None else "")
    named = re.split(r"[，,：:]", para.text[end:first_change])[-1] if last is None else ""
    if named.strip() and not para.figures_between(end, first_change) and role(named):
        # "与2021年比,“三公”经费决算增加……" after "“三公”经费……预算为A,支出决算为B": the subject is named after the
        # comparison, with its role (B)
        after_marker = _named_in_sentence(para, start, named)
        if after_marker is not None and not (current and role(current[-1].label) == role(named)):
            current = [after_marker]
    if not current:
        return []
    x = current[-1]
    if last is None and not last_year_sentence(para, start):
        last = _last_year_of(para, start, x, marker)
    out: list[AuditFinding] = []
    if last is not None and last.unit == x.unit:
        out.extend(_diff(ctx, para, x, last, amount))
        if any(f.severity == ERROR for f in out):
            amount = None  # the change contradicts the two levels: the rate is judged on the levels themselves
    if amount is not None and rate is not None and rate.start < amount.start and not paired(para.text, rate, amount):
        amount = None  # "增长15.35%，增收25457万元": a rate before its amount only when the two are one statement
    if rate is None or (amount is None and last is None):
        return out
    if amount is not None and x.kind != amount.kind:
        return out
    finding = _rate(ctx, para, x, last, amount, rate)
    if finding is not None:
        out.append(finding)
    return out


def _change_before(para: Para, si: int, start: int, rate: Figure) -> tuple[Figure, int] | None:
    """"收入减少477288.6元，同比下降12.77%": the change amount stated just before the comparison that opens its rate,
    in a clause that names what changed ("收入"): the amount and the position of its change word."""
    text = para.text
    s0 = para.sentences[si][0]
    before = para.figures_between(s0, start)
    if not before or before[-1].kind != "money" or not before[-1].change or not paired(text, before[-1], rate):
        return None
    amount = before[-1]
    words = list(_CHANGE_WORD_AT.finditer(text, max(s0, amount.start - 8), amount.start + 1))
    if not words:
        return None
    word = words[-1].start()
    clause = text[max(s0, *(text.rfind(c, s0, word) + 1 for c in "，,、；;：:")):word]
    if not clause.strip() or _MARKER.search(clause) or _OTHER_BASIS.search(clause) or para.figures_between(word - len(clause), word):
        return None  # an unnamed change is read by _unmarked; a comparison named before the amount is that one's
    return amount, word


_LAST_YEAR_WORDS = re.compile(r"^(?:上年度?|去年度?|上一年度?)")


def _prior_named(para: Para, si: int, pos: int, x: Figure) -> Figure | None:
    """Last year's figure of what ``x`` states, written in the clause group before ``pos`` ("本年度收入合计A元，
    上年度收入合计B元，收入减少……": B for A)."""
    text = para.text
    s0 = para.sentences[si][0]
    start = max(s0, text.rfind("；", s0, pos) + 1, text.rfind(";", s0, pos) + 1)
    name = _canon(_NOT_NAME.sub("", x.label))
    for f in para.figures_between(start, pos):
        if (f.kind == "money" and eligible(f) and prior(f) and f.unit == x.unit and f.depth == x.depth
                and len(name) >= 2 and _canon(_NOT_NAME.sub("", _LAST_YEAR_WORDS.sub("", f.label))) == name):
            return f
    return None


def _named_change(ctx: Context, para: Para, si: int, lead: tuple[Figure, int], rate: Figure,
                  marker: str) -> list[AuditFinding]:
    """"本年度收入合计A元，上年度收入合计B元，收入减少C元，同比下降D%": the clause names what changed, so this year's
    figure of that name before it is the level (never last year's B); B, when stated, is the base, and C is judged
    as A − B."""
    amount, word = lead
    current = _subject_figures(para, si, word, marker)
    if not current or prior(current[-1]) or current[-1].kind != amount.kind:
        return []
    x = current[-1]
    last = _prior_named(para, si, word, x)
    out: list[AuditFinding] = []
    judged: Figure | None = amount
    if last is not None:
        out.extend(_diff(ctx, para, x, last, amount))
        if any(f.severity == ERROR for f in out):
            judged = None  # the change contradicts the two levels: the rate is judged on the levels themselves
    finding = _rate(ctx, para, x, last, judged, rate) if judged is not None or last is not None else None
    return out + ([finding] if finding is not None else [])


def _restated(para: Para, end: int, nxt: re.Match[str], marker: str) -> bool:
    """"比2018年减少38万元，同口径比2018年下降7.4%": the same comparison said again for the rate, in the next
    clause of the same sentence, after a change amount and no rate."""
    if nxt.group(0) != marker or para.sentence_of(nxt.start()) != para.sentence_of(end):
        return False
    between = para.figures_between(end, nxt.start())
    text = para.text[end:nxt.start()]
    return (any(f.kind == "money" and f.change for f in between) and not any(f.kind == "percent" for f in between)
            and "；" not in text and ";" not in text)


def _diff(ctx: Context, para: Para, x: Figure, last: Figure, amount: Figure | None) -> list[AuditFinding]:
    """"本年X，比上年P减少A": A = |X − P|, in the direction the words say."""
    if amount is None:
        return []
    ctx.trace(DIFF_NAME, para, amount, x, last)
    change = _wan(x) - _wan(last)
    scale = amount.scale
    tol = (half_unit(x) + half_unit(last)) * x.scale + half_unit(amount) * scale
    direction_ok = change == 0 or (change > 0) == (amount.change == "+")
    recomputed_word = "增加" if change > 0 else "减少"
    evidence = [f"本年 {x.text()}", f"上年 {last.text()}", f"变动额 {amount.text()}"]
    if abs(abs(change) - _wan(amount)) <= tol and direction_ok:
        written = quantize(abs(change) / scale, max(amount.decimals, 2 if amount.kind == "money" and amount.unit != "亿元" else 0))
        if written == amount.value or amount.kind != "money":
            return []
        # "11.8万元 … 12.39万元 … 减少0.58万元": the written figures differ by 0.59; 0.58 holds only for some
        # unrounded values — an assumption, so a 提示 that says it
        return [ctx.finding(
            RULE.name, RULE.title, HINT, para, amount.start, f"{amount.raw}{amount.unit}",
            f"{recomputed_word}{fmt(written, max(amount.decimals, 0))}{amount.unit}",
            evidence,
            f"报告称本年{x.text()}、上年{last.text()}，两数相差{fmt(written, max(amount.decimals, 0))}{amount.unit}，"
            f"而变动额写作{amount.text()}；只有两数四舍五入前的尾数恰好如此时才相符，请核实。",
        )]
    shown = fmt(abs(change) / scale)
    said = "增加" if amount.change == "+" else "减少"
    return [ctx.finding(
        RULE.name, RULE.title, ERROR, para, amount.start, f"{amount.raw}{amount.unit}",
        f"{recomputed_word}{shown}{amount.unit}",
        evidence,
        f"报告称本年{x.text()}、上年{last.text()}，比上年{said}{amount.text()}；按两数相减应"
        f"{recomputed_word}{shown}{amount.unit}。",
    )]


DIFF_NAME = "yoy"


def _rate(ctx: Context, para: Para, x: Figure, last: Figure | None, amount: Figure | None,
          rate: Figure) -> AuditFinding | None:
    if amount is not None and last is None:
        base = _wan(x) - _wan(amount) if amount.change == "+" else _wan(x) + _wan(amount)
        delta = _wan(amount)
        ops: tuple[Figure, ...] = (x, amount)
    else:
        assert last is not None
        base = _wan(last)
        delta = _wan(amount) if amount is not None else abs(_wan(x) - _wan(last))
        ops = (x, last) if amount is None else (x, amount, last)
    if amount is not None and last is None and base <= 0 < delta and amount.change == rate.change:
        return None  # an increase larger than this year's figure: the figure is not the one the change is of
    ctx.trace(RULE.name, para, rate, *ops)
    direction = amount.change if amount is not None else ("+" if _wan(x) >= base else "-")
    if direction != rate.change and delta != 0:
        return ctx.finding(
            RULE.name, RULE.title, ERROR, para, rate.start, f"{rate.label}{rate.raw}%",
            f"变动方向与{amount.label if amount is not None else '本年与上年之差'}一致",
            [f"本年 {x.text()}"] + ([f"变动额 {amount.label}{amount.text()}"] if amount is not None else []),
            f"报告称{(amount.label + amount.text()) if amount is not None else '本年数' + x.text()}，同一句却说"
            f"{rate.label}{rate.raw}%，增减方向相互矛盾。",
        )
    if base <= 0:
        return None
    exact = delta / base * 100
    unit_scale = x.scale
    h = (half_unit(x) + (half_unit(amount) if amount is not None else half_unit(last) if last else 0)) * unit_scale
    lo, hi = ratio_bounds(delta, (half_unit(amount) if amount is not None else h) * unit_scale, base, h)
    verdict = rate_verdict(rate.value, rate.decimals, exact, lo, hi)
    half_ulp = Decimal("0.5").scaleb(-rate.decimals)
    if verdict is None or (last is None and rate.value - half_ulp <= hi and rate.value + half_ulp >= lo):
        # a last-year figure derived as X ∓ A carries the rounding of both: on a small base a rate the
        # unrounded amounts reach is no slip ("增加20.63万元（本年22.59），增长1,055.4%")
        return _rate_of_levels(ctx, para, x, last, amount, rate) if verdict is None else None
    expected = f"{fmt(exact, max(rate.decimals, 2))}%"
    prior_text = f"{fmt(base / unit_scale)}{x.unit}"
    padded = _padded(rate, exact)
    return ctx.finding(
        RULE.name, RULE.title, HINT if padded else verdict, para, rate.start, f"{rate.raw}%", expected,
        [f"本年 {x.text()}"] + ([f"变动额 {amount.text()}"] if amount is not None else [])
        + [f"{'上年' if last is not None else '推算上年'} {prior_text}"],
        f"报告称{x.label.rstrip('为是') or '本年数'}{x.text()}，上年为{prior_text}，变动率应为{expected}而非{rate.raw}%"
        + (f"；按少一位小数为{padded}%，相符，末位的0似为补位，请核实。" if padded else "。"),
    )


def _padded(rate: Figure, exact: Decimal) -> str:
    """"同比下降12.770%" for 12.7747 %: a rate written to more places than the usual two whose last place is a 0 and
    that is right at one place fewer (12.77) — a padded figure rather than a wrong one; the shorter figure, else "".
    (At two places a kept 0 states the precision: "6.10%" for 6.08 % is wrong, see jixiao.audit.tolerance.)"""
    if rate.decimals < 3 or not rate.raw.endswith("0"):
        return ""
    shorter = quantize(exact, rate.decimals - 1)
    return f"{shorter:f}" if shorter == rate.value else ""


def _rate_of_levels(ctx: Context, para: Para, x: Figure, last: Figure | None, amount: Figure | None,
                    rate: Figure) -> AuditFinding | None:
    """A rate that follows the stated change but not the two stated levels, when the change itself differs from
    their difference ("11.8 … 12.39 … 减少0.58万元，减少4.68%": 0.58 ÷ 12.39 = 4.68 %, (12.39 − 11.8) ÷ 12.39 =
    4.76 %): the levels are rounded, so only a 提示."""
    if last is None or amount is None or amount.kind != "money" or _wan(last) <= 0:
        return None
    scale = amount.scale
    gap = abs(_wan(x) - _wan(last))
    if quantize(gap / scale, max(amount.decimals, 2)) == amount.value:
        return None
    exact = gap / _wan(last) * 100
    if quantize(exact, rate.decimals) == rate.value:
        return None
    expected = f"{fmt(exact, max(rate.decimals, 2))}%"
    return ctx.finding(
        RULE.name, RULE.title, HINT, para, rate.start, f"{rate.raw}%", expected,
        [f"本年 {x.text()}", f"上年 {last.text()}", f"变动额 {amount.text()}"],
        f"变动率{rate.raw}%按所写变动额{amount.text()}计算；按本年{x.text()}与上年{last.text()}之差计应为{expected}"
        "（两数四舍五入前的尾数不详），请核实。",
    )


RULE = Rule("yoy", "同比变动率不符", "“比上年增加/减少A，增长/下降B%”中变动率与本年数、变动额推算的上年数不符，或增减方向矛盾。", check)
