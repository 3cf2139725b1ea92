"""Counts and staffing.

- ``count``: "内设机构12个：办公室、人事处、……" / "下属单位2个，分别为A、B" / "A、B、C等3个单位" — the stated
  number against the items listed. A difference is a 提示: a list may name only some items, or group two.
  Also a heading ending in a number ("内设股室7") with the list on the next line ("内设股室：A、B…"), and the
  names before 分别 against the figures after it ("A、B、C、D分别增长a、b、c" — or its "另外两项…分别为a和b"), and
  a ranking's first N against the names after it ("排在前“五强”的是A、B、C、D、E").
- ``staffing``: "行政编制115人，实有人数107人" — the people actually employed against the authorized posts.
  More people than posts is a 提示 (there can be reasons the text does not give: 借调, 超编待消化…).

Sums of counts (个, 项, 人, 次, 家) are judged with money sums by the ``sum`` rule.
"""

from __future__ import annotations

import itertools
import re
from decimal import Decimal

from jixiao.audit.clauses import ItemList, names_source
from jixiao.audit.context import Context, Para, Relation
from jixiao.audit.docmodel import Block
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.headings import CN_NUMBER_COMMA
from jixiao.audit.numbers import Figure, colon_label, parse_chinese_number
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import sum_consistent

_UNIT = r"(?:个|项|家|所|处|类|名|人|条|件|座|支|队)"
# "12个：" / "4个科室：" / "3个单位，分别为" / "共3个单位："  (the noun after the count is short)
_COUNT_THEN_LIST = re.compile(
    r"(?<![\d,.，])(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>" + _UNIT + r")(?P<noun>[\u4e00-\u9fff（）()]{0,12}?)"
    r"\s*(?:[:：]|[，,]?\s*(?:分别(?:为|是)|具体包括|包括|即|具体为|依次为)[:：]?)"
)
# "排在前“五强”的是A、B、C、D、E" / "前三名为A、B、C": a ranking's first N, named
_TOP_N = re.compile(r"前[“\"「]?(?P<n>[二两三四五六七八九十]|\d{1,2})(?P<unit>强|名|位)?[”\"」]?(?:的)?(?:单位|部门|地区|县区|区县)?"
                    r"(?:依次(?:为|是)|分别(?:为|是)|是|为)[:：]?")
# "A、B、C等3个单位" / "A、B、C共3个"
_LIST_THEN_COUNT = re.compile(r"(?P<etc>等|共)?(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>个|项|家|所|处|类)")
# "3个行政部门（人大、政府和党委）": the names in the bracket after the counted noun
_COUNT_BRACKET = re.compile(r"(?P<n>\d{1,3}|[一二两三四五六七八九十]{1,3})\s*(?P<unit>个|项|家|所|处|类|宗|座)"
                            r"(?P<noun>[\u4e00-\u9fff]{0,10}?)\s*[（(](?P<body>[^（）()]{2,200})[）)]")
# "围绕团结和民主两大主题" / "履行A、B、C三大职能": the list stands before "N大" and its noun
# ("党的二十大" is a name: no count after 的/第 or inside a longer numeral)
_LIST_THEN_BIG = re.compile(r"(?<![\d一二两三四五六七八九十百的第届])(?P<n>\d{1,2}|[两三四五六七八九十]{1,2})大(?=[\u4e00-\u9fff]{1,6})")
_HEADING_COUNT = re.compile(r"(?P<noun>[\u4e00-\u9fff]{2,8}?)(?P<n>\d{1,3})\s*$")
_STAFF_AUTH = re.compile(r"编制(?:数|人数|总数)?(?:为|是|共计|共|有)?[:：]?$")
# ("实有在编在岗人员67名", "实有事业人员32名", "局机关在岗干部职工128人")
_STAFF_ACTUAL = re.compile(r"(?:实有|实际|在职|现有|在编|在岗)(?:全额|财政供养)?(?:在职|在编|在岗|正式|事业|行政){0,2}"
                           r"(?:人员|人数|教职工|干部职工|职工)?(?:同|亦|也)?(?:为|是|共|有)?[:：]?$")
# "在岗干部职工128人（编制169人）" / "（编制219）": the posts in a bracket right after the staff (a count whose 人 was lost
# in copying still counts them)
_BRACKET_AUTH = re.compile(r"(?:核定)?编制(?:数|人数)?(?:为|是)?")
# "年末实有人数23人，其中在职人员20人，退休人员3人": the retired hold no post; the serving staff are judged
_SERVING_PART = re.compile(r"^其中[:：]?\s*(?:在职|在岗|在编)")
# one kind of post and the staff of that kind: "全额拨款事业编制15人" / "全额拨款人员10人", "行政编制37名" / "行政人员60人"
_AUTH_KIND = re.compile(r"^(?:其中[:：]?)?\s*(?P<kind>[\u4e00-\u9fff]{2,6}?)(?:事业)?编制(?:数)?(?:为|是)?$")
_STAFF_KIND = re.compile(r"^(?:其中[:：]?)?\s*(?P<kind>[\u4e00-\u9fff]{2,6}?)(?:事业)?(?:人员|人数)(?:为|是)?$")
# "2024年底我馆有职工16人": the staff a unit has at a date (the whole label: a date, the unit, 有)
_STAFF_HAS = re.compile(r"(?:(?:19|20)\d{2}年(?:底|末)?|目前|现)?(?:[本我][\u4e00-\u9fff])?(?:共有|有)(?:在职|在编)?"
                        r"(?:干部职工|教职工|职工)(?:共)?")


_NAMES_MAX = 400  # characters of a run of short names (a 检察院's thirty offices take about 200)
_WINDOW = _NAMES_MAX + 10  # a list body longer than that is never read: look no further back


def _clause_start(text: str, pos: int) -> int:
    """Index of the last clause separator before ``pos`` (within the window; else just before the window)."""
    lo = max(0, pos - _WINDOW)
    return max(max(text.rfind(c, lo, pos) for c in "：:。；;，,"), lo - 1)


# a count of every member of a class ("全省100个县", "全国31个省份") is a population, not a list's length
_POPULATION = re.compile(r"(?:全国|全省|全市|全州|全盟|全区|全县|各)(?:共有?|共计)?$")


# The words that lead into a list of names standing before its count: "设有", "内设", "包括", also after a year and
# a short phrase of when ("2019年机构改革后内设A、B、C5个内设机构"); the year's digits are then no part of the list.
_LEAD_IN = re.compile(r"^(?:(?:19|20)\d{2}年度?[\u4e00-\u9fff]{0,8}?|[\u4e00-\u9fff]{0,3}?)(?:设|有|包括|含)"
                      r"|^(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日[\u4e00-\u9fff]{0,3}?(?:向|对|给|为)")
# (also a date and the verb's object: "9月6日已向A、B……和C共十个乡镇各下拨补助7万元")


def _gloss(noun: str, body: str) -> bool:
    """"县(市、区)", "乡(镇)": a bracket naming the kinds a one-character noun stands for, not the counted items."""
    return len(noun) == 1 and all(len(x) == 1 for x in split_items(body, "、，,和及与"))


def _number(text: str) -> Decimal | None:
    if text.isdigit():
        return Decimal(text)
    return parse_chinese_number(text)


_SEGMENTINGS = ("、", "、，,", "、，,和及", "、，,和及与")


def split_items(body: str, seps: str) -> list[str]:
    words = [w for w in ("以及", "和", "及", "与") if any(c in seps for c in w)]
    items: list[str] = []
    depth = 0
    cur = ""
    i = 0
    while i < len(body):
        ch = body[i]
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
        if depth == 0 and ch in seps and ch not in "和及与":
            items.append(cur)
            cur = ""
            i += 1
            continue
        word = next((w for w in words if depth == 0 and body.startswith(w, i)), None)
        if word is not None and (cur or (i > 0 and body[i - 1] in "，,、")):  # (also "……，以及A": the word after a comma)
            if cur:
                items.append(cur)
            cur = ""
            i += len(word)
            continue
        cur += ch
        i += 1
    items.append(cur)
    return [x.strip(" 　") for x in items if x.strip(" 　")]


def _items(text: str, start: int) -> tuple[list[list[str]], bool]:
    """The ways the items from ``start`` to the end of their clause can be read (at "、" only, also at
    "，", also at 和/及, also at 与 — names may hold 与), and whether the clause is finished."""
    end = len(text)
    for stop in "。；;\n":
        k = text.find(stop, start)
        if 0 <= k < end:
            end = k
    body = text[start:end]
    readings = [split_items(body, seps) for seps in _SEGMENTINGS]
    finished = end < len(text) or text.rstrip().endswith("。")
    return readings, finished


def _named_alike(readings: list[list[str]]) -> list[list[str]]:
    """Items that all open with the same words ("贵州省外事办公室、贵州省商务厅、……、贵州省经济和信息化委员会") are
    names of one shape: a reading that cuts one at 和/及/与 into a piece without those words is dropped."""
    base = readings[0]
    prefix = ""
    if len(base) >= 3:
        k = 0
        while all(len(x) > k and x[k] == base[0][k] for x in base):
            k += 1
        prefix = base[0][:k]
    if len(prefix) < 2:
        return readings
    return [r for r in readings if all(x.startswith(prefix) for x in r)] or [base]


_BRACKETED = re.compile(r"[（(][^（）()]*[）)]")


def _end(name: str) -> str:
    """The last character of a name without its bracketed other titles ("办公室(机关党委)" → 室)."""
    return _BRACKETED.sub("", name).strip(" 　")[-1:]


def _ended_alike(readings: list[list[str]]) -> list[list[str]]:
    """Names of offices end in the word for their kind (部, 室, 所, 中心): when the "、" reading has three or more
    names, a piece cut from a name at 和/及/与 or a comma that ends otherwise is joined again to the piece after it
    ("组织联络与维权部" is one office, "村镇建设服务中心及退役军人服务站" two); readings that then repeat a count go."""
    base = readings[0]
    ends = {_end(x) for x in base}
    finest = [_end(x) for x in readings[-1]]
    if len(base) < 3 or "" in ends or len(set(finest)) == len(finest):
        return readings  # (names no two of which end alike — places, "周王、新田、……狸桥和向阳" — are not offices)
    out = [base]
    for r in readings[1:]:
        joined: list[str] = []
        carry = ""
        for x in r:
            if carry:
                x = next((b for b in base if carry in b and x in b), carry + x)
                carry = ""
            if _end(x) not in ends:
                carry = x
                continue
            joined.append(x)
        if carry:
            joined.append(carry)
        if all(len(joined) != len(k) for k in out):
            out.append(joined)
    return out


def _kind_named(body: str, after: str) -> bool:
    """"综合办公室、数字图书馆部、活动推广部和采编流通服务部四个部室": a count in Chinese numerals closes a list only when
    the noun after it names the kind every item ends in (部, 室 of 部室); "省、市十项规定" and "A、B和C四个方面" do not."""
    noun = re.match(r"[\u4e00-\u9fff]{1,4}", after)
    items = split_items(body, _SEGMENTINGS[2])
    return noun is not None and len(items) >= 2 and all(_end(x) and _end(x) in noun.group() for x in items)


def _count_check(ctx: Context, para: Para, pos: int, n: Decimal, raw: str, unit: str, readings: list[list[str]],
                 finished: bool, sample: bool = False, before: bool = False) -> AuditFinding | None:
    """``sample``: a list closed by 等 names some of the n items, so only more than n is a mismatch; ``before``:
    the list stands before the count ("A、B、C共3个")."""
    items = readings[0]
    if not items or (len(items) == 1 and n > 1 and len(items[0]) > 20):
        return None  # no list, or a sentence rather than a list
    if unit and all(re.search(r"\d\s*" + re.escape(unit), item) for item in items):
        return None  # "30人（其中：在职26人，退休4人）": parts in the count's unit break it down (a sum, not names)
    readings = _ended_alike(_named_alike(readings))
    result = Figure(n, unit, raw, pos, pos + len(raw), 0, "", para.depth_at(pos))
    ctx.trace(COUNT.name, para, result)
    lengths = [len(r) for r in readings]
    if min(lengths) <= n <= max(lengths) or (not finished and len(items) < n) or (sample and min(lengths) <= n):
        return None  # some reading of the list (和 inside a name or between two) has n items
    items = readings[-1]
    if sample:
        items = min(readings, key=len)
        return ctx.finding(
            COUNT.name, COUNT.title, HINT, para, pos, f"{raw}{unit}", f"至少{len(items)}{unit}",
            [f"列出：{'、'.join(items)}"],
            f"报告称“等{raw}{unit}”，但“等”之前已列出{len(items)}{unit}：{'、'.join(items)}（多于所称总数），请核实。",
        )
    return ctx.finding(
        COUNT.name, COUNT.title, HINT, para, pos, f"{raw}{unit}", f"列出{len(items)}{unit}",
        [f"列出：{'、'.join(items)}"],
        f"报告称{raw}{unit}，{'此前' if before else '随后'}列出{len(items)}{unit}：{'、'.join(items)}（列举可能不全或有合并，请核实）。",
    )


def check_counts(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    paras = [p for p in ctx.paras if p.block.kind != "cell"]
    for k, para in enumerate(paras):
        text = para.text
        for m in _COUNT_THEN_LIST.finditer(text):
            n = _number(m.group("n"))
            if n is None or n < 1 or _style_at(text, m.end()) is not None:
                continue  # (numbered items — "三个方面：一是……二是……" — are counted by their numbers)
            readings, finished = _items(text, m.end())
            f = _count_check(ctx, para, m.start("n"), n, m.group("n"), m.group("unit"), readings, finished)
            if f is not None:
                out.append(f)
        for m in _TOP_N.finditer(text):  # "排在前“五强”的是A、B、C、D、E"
            n = _number(m.group("n"))
            if n is None or n < 2:
                continue
            body = re.split(r"[，,；;。\n]", text[m.end():], maxsplit=1)[0]  # the names end at their clause
            readings = [split_items(body, seps) for seps in (_SEGMENTINGS[0], *_SEGMENTINGS[2:])]
            f = _count_check(ctx, para, m.start("n"), n, m.group("n"), m.group("unit") or "个", readings, True)
            if f is not None:
                out.append(f)
        for m in _LIST_THEN_COUNT.finditer(text):
            n = _number(m.group("n"))
            if n is None or n < 2:
                continue
            start = _clause_start(text, m.start())
            if not text[start + 1:m.start()].strip() and start > 0 and text[start] in "，,":
                # "设有A、B、C，共3个科室": the list is the clause before — only when the count closes it (its
                # clause says nothing more); "……，17个地市平均得分93.61分" is a statement about a population
                rest = re.split(r"[，,。；;：:]", text[m.end():], maxsplit=1)[0]
                if re.search(r"\d", rest) or len(rest) > 8:
                    continue
                start = _clause_start(text, start)
            body = _LEAD_IN.sub("", text[start + 1:m.start()]).rstrip("，, ")
            sample = m.group("etc") == "等"  # "A、B、C等13个奖项": the list is a sample, at most n names
            closed = m.group("etc") == "共" and body.count("、") >= 2  # "A、B、……和C共十个乡镇": 共 closes the list
            if ((not m.group("n").isdigit() and not closed and not _kind_named(body, text[m.end():m.end() + 4]))
                    or body.count("、") < 1 or len(body) > (_NAMES_MAX if _names_only(body) else 200 if sample else 80)
                    or re.search(r"\d|分别", body)):
                continue  # figures inside: not a name list
            readings = [split_items(body, seps) for seps in _SEGMENTINGS]
            f = _count_check(ctx, para, m.start("n"), n, m.group("n"), m.group("unit"), readings, True, sample, True)
            if f is not None:
                out.append(f)
        for m in (_COUNT_BRACKET.finditer(text) if "（" in text or "(" in text else ()):
            n = _number(m.group("n"))
            body = m.group("body")
            if n is None or n < 2 or re.search(r"\d", body) or re.match(r"\s*(?:含|其中|不含|包括|下同|简称)", body):
                continue
            if not re.search(r"[、，,和及与]", body):
                continue
            if _POPULATION.search(text[max(0, m.start() - 4):m.start()]) or _gloss(m.group("noun"), body):
                continue  # "全省100个县(市、区)": all members of a class, the bracket glosses the noun
            readings = [split_items(body, seps) for seps in _SEGMENTINGS]
            f = _count_check(ctx, para, m.start("n"), n, m.group("n"), m.group("unit"), readings,
                             not body.rstrip().endswith("等"))
            if f is not None:
                out.append(f)
        for m in (_LIST_THEN_BIG.finditer(text) if "大" in text else ()):
            n = _number(m.group("n"))
            start = _clause_start(text, m.start())
            body = text[start + 1:m.start()].strip()
            if (n is None or n < 2 or len(body) > 80 or re.search(r"\d|分别|等$", body)
                    or not re.search(r"、" if n > 2 else r"[、和及与]", body)):
                continue
            readings = [split_items(body, seps) for seps in _SEGMENTINGS[:1] + _SEGMENTINGS[2:]]
            f = _count_check(ctx, para, m.start("n"), n, m.group("n"), "大", readings, True, before=True)
            if f is not None:
                out.append(f)
        heading = _HEADING_COUNT.search(text) if len(text) <= 30 else None
        # a noun in 量 measures an amount, not a set of named items ("浏览量 31" on a page's stamp lines)
        if heading and k + 1 < len(paras) and not heading.group("noun").endswith("量"):
            nxt = paras[k + 1].text
            noun = heading.group("noun")[-4:]
            at = nxt.find(noun)
            colon = max(nxt.find("：", at), nxt.find(":", at)) if at >= 0 else -1
            bare = _bare_list(nxt)
            if (0 <= at <= 4 and colon >= 0 and colon - at <= len(noun) + 2) or bare:
                readings, finished = _items(nxt, colon + 1 if not bare else 0)
                finished = finished or bare  # a line that is only the list ends with it
                n = Decimal(heading.group("n"))
                f = _count_check(ctx, para, heading.start("n"), n, heading.group("n"), "", readings, finished)
                if f is not None:
                    out.append(f)
        out.extend(_respective(ctx, para))
        out.extend(_enumerated(ctx, paras, k))
        out.extend(_divided(ctx, para))
        out.extend(_listed_amounts(ctx, para))
        out.extend(_batches(ctx, para))
    return out


# "分3批下达……。省财政厅于2022年6月17日、9月13日、12月30日分三次将资金分解……": the number of batches against the
# dates listed for them (in the count's sentence, else the next one)
_BATCH_COUNT = re.compile(r"分(?P<n>\d{1,2}|[两二三四五六七八九十])(?P<unit>批|次)")
_DATE = r"(?:(?:19|20)\d{2}年)?\d{1,2}月\d{1,2}日"
_DATE_RUN = re.compile(_DATE + r"(?:\s{0,3}[、和及与]\s{0,3}" + _DATE + r"){1,30}")  # (bounded: linear time)


def _batches(ctx: Context, para: Para) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    text = para.text
    for m in _BATCH_COUNT.finditer(text):
        n = _number(m.group("n"))
        si = para.sentence_of(m.start())
        if n is None or n < 2:
            continue
        runs = []
        for k in (si, si + 1):
            if k < len(para.sentences):
                runs = list(_DATE_RUN.finditer(text, *para.sentences[k]))
                if runs:
                    break
        if len(runs) != 1:
            continue  # no dates, or several runs: which one lists the batches is unclear
        dates = re.findall(_DATE, runs[0].group())
        unit = m.group("unit")
        ctx.trace(COUNT.name, para, Figure(n, unit, m.group("n"), m.start("n"), m.end("n"), 0, "", para.depth_at(m.start())))
        if len(dates) == n:
            continue
        out.append(ctx.finding(
            COUNT.name, COUNT.title, HINT, para, m.start("n"), f"{m.group('n')}{unit}", f"列出{len(dates)}{unit}",
            [f"日期：{'、'.join(dates)}"],
            f"报告称分{m.group('n')}{unit}，所列日期为{len(dates)}个（{'、'.join(dates)}），请核实。",
        ))
    return out


# "共14项，合计金额118,156万元；其中A a、B b……" / "计划实施8个项目。……其中：甲项目200万元、乙项目270万元……": the number of
# items (projects, funds) against the items of the 其中 list of the amount
_ITEM_COUNT = re.compile(r"(?<![\d.,，第])(?P<n>\d{1,3}|[两二三四五六七八九十]{1,3})\s*(?P<unit>项|个|笔)(?P<noun>子项目|项目|专项)?"
                         r"(?![\u4e00-\u9fff]{0,2}(?:以上|以下|左右|余|多))")


def _count_for(para: Para, lst: ItemList) -> re.Match[str] | None:
    """The count the list's items are numbered by: one in the total's clause group right before the total (only
    commas and words between them) when the list opens in the total's sentence, or one of projects (项目) stated
    earlier in the paragraph, up to two sentences before the total's, when every item names a project. None when an
    item is the rest (其他……): the list then groups the counted items."""
    text = para.text
    total = lst.total
    si = para.sentence_of(total.start)
    s0 = para.sentences[si][0]
    group = max(s0, text.rfind("；", s0, total.start) + 1, text.rfind(";", s0, total.start) + 1)
    names = [p.label.rstrip("为是：: ").removeprefix("其中").lstrip("：:，, ") for p in lst.parts]
    if any(n.startswith(("其他", "其它")) for n in names):
        return None  # "其他项目支出594.74万元": the list groups the items by another aspect, it does not name them
    if all(names_source(colon_label(para.text, p).rstrip("：:").removeprefix("其中").lstrip("：:，, ")) for p in lst.parts):
        return None  # "拨付至261个项目实施单位X万元（其中中央财政资金：a，省级财政资金：b）": the amount by its sources
    near = [m for m in _ITEM_COUNT.finditer(text, group, total.start) if not re.search(r"\d", text[m.end():total.start])]
    if near and para.sentence_of(lst.marker) == si:
        return near[-1]
    for m in _ITEM_COUNT.finditer(text, para.sentences[max(si - 2, 0)][0], total.start):
        noun = m.group("noun")
        if noun and all(n.endswith(noun) for n in names):
            return m
    return None


def _listed_amounts(ctx: Context, para: Para) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for lst in para.lists:
        if lst.shape != "marker" or lst.total.kind != "money" or lst.total_para is not None or len(lst.parts) < 2:
            continue
        m = _count_for(para, lst)
        n = _number(m.group("n")) if m is not None else None
        if m is None or n is None or n < 2:
            continue
        unit = m.group("unit")
        ctx.trace(COUNT.name, para, Figure(n, unit, m.group("n"), m.start("n"), m.end("n"), 0, "", para.depth_at(m.start())))
        listed = len(lst.parts)
        if listed == n or (not lst.exact and listed < n) or not sum_consistent(list(lst.parts), lst.total):
            continue  # as many as said, a partial list, or a list read otherwise than written (its parts fall short)
        names = [p.label.rstrip("为是：: ").removeprefix("其中").lstrip("：:，, ") or p.text() for p in lst.parts]
        out.append(ctx.finding(
            COUNT.name, COUNT.title, HINT, para, m.start("n"), f"{m.group('n')}{unit}", f"列出{listed}{unit}",
            [f"列出：{'、'.join(names)}", f"合计 {lst.total.text()}"],
            f"报告称{m.group('n')}{unit}{m.group('noun') or ''}，其后“其中”列出{listed}项"
            f"（{'、'.join(names)}），其金额之和即合计{lst.total.text()}，项数与所称不符，请核实。",
        ))
    return out


# "政策任务共4个，分述如下：" / "主要有三个方面：一是……二是……三是……": a count, then items numbered in one style — in the
# rest of the paragraph, or opening the paragraphs after it.
_COUNT_THEN_NUMBERED = re.compile(
    r"(?<![\d.第])(?P<n>\d{1,2}|[两二三四五六七八九十]{1,2})\s*(?P<unit>个|项|条|类|点|方面|部分)(?P<noun>[\u4e00-\u9fff]{0,6}?)"
    r"[，,]?\s*(?:[\u4e00-\u9fff]{0,2}如下|各[\u4e00-\u9fff]{1,8}如下|具体(?:为|是|包括)|分别(?:为|是)|包括|即)?\s*[:：]\s*")
# ("涉及转移支付项目3个，各项目自评结果如下：" then paragraphs "项目一：……", "项目二：……")
_CN_ORD = "一二三四五六七八九十"
_STYLES: tuple[tuple[str, str], ...] = (("cn_shi", "{cn}是"), ("cn_paren", "[（(]{cn}[)）]"), ("num_dot", "(?<![\\d.]){num}[.．、](?!\\d)"),
                                       ("circled", "{circled}"), ("named_cn", "(?:项目|任务|工作|指标){cn}[:：]"))


def _marker(style: str, k: int) -> re.Pattern[str]:
    cn = _CN_ORD[k - 1] if k <= 10 else "十" + _CN_ORD[k - 11]
    template = dict(_STYLES)[style]
    return re.compile(template.format(cn=cn, num=k, circled=chr(0x245F + k)))


def _style_at(text: str, pos: int) -> str | None:
    """The numbering style of an item 1 opening at ``pos`` ("一是", "（一）", "1.", "①")."""
    for style, _ in _STYLES:
        if _marker(style, 1).match(text, pos):
            return style
    return None


def _numbered_items(paras: list[Para], k: int, start: int) -> tuple[int, bool] | None:
    """(how many items numbered 1, 2, 3 … in one style follow ``start`` of paragraph ``k``, whether the numbering
    finished before the document's end); None when no item 1 opens right there."""
    text = paras[k].text
    inline = _style_at(text, start)
    if inline is not None:
        n, pos = 1, start
        restart = _marker(inline, 1).search(text, start + 1)  # a second list numbered from 1 ("措施：一是……") ends this one
        end = restart.start() if restart is not None else len(text)
        while n < 20:
            m = _marker(inline, n + 1).search(text, pos + 1, end)
            if m is None:
                break
            n, pos = n + 1, m.start()
        return n, not paras[k].is_last or text.rstrip().endswith(("。", "；", ";"))
    if text[start:].strip() or k + 1 >= len(paras):
        return None
    style = _style_at(paras[k + 1].text, len(paras[k + 1].text) - len(paras[k + 1].text.lstrip()))
    if style is None:
        return None
    n, j, gap = 1, k + 2, 0
    while j < len(paras) and gap <= 40 and n < 20:  # (an item may run to many paragraphs)
        body = paras[j].text.lstrip()
        if _marker(style, n + 1).match(body):
            n, gap = n + 1, 0
        elif _style_at(body, 0) is not None or re.match(r"[一二三四五六七八九十]+、", body):
            break  # numbering of another level or a new section
        else:
            gap += 1
        j += 1
    last = paras[min(j, len(paras)) - 1]
    finished = j < len(paras) or last.text.rstrip().endswith(("。", "；", ";"))
    return n, finished


def _enumerated(ctx: Context, paras: list[Para], k: int) -> list[AuditFinding]:
    para = paras[k]
    out: list[AuditFinding] = []
    for m in _COUNT_THEN_NUMBERED.finditer(para.text):
        n = _number(m.group("n"))
        if n is None or n < 2 or _POPULATION.search(para.text[max(0, m.start() - 4):m.start()]):
            continue
        found = _numbered_items(paras, k, m.end())
        if found is None:
            continue
        listed, finished = found
        unit = m.group("unit")
        ctx.trace(COUNT.name, para, Figure(n, unit, m.group("n"), m.start("n"), m.end("n"), 0, "", para.depth_at(m.start())))
        if listed == n or (not finished and listed < n):
            continue  # as many as said, or the document stops before the rest
        out.append(ctx.finding(
            COUNT.name, COUNT.title, HINT, para, m.start("n"), f"{m.group('n')}{unit}", f"列出{listed}{unit}",
            [f"所称 {m.group('n')}{unit}{m.group('noun')}", f"其后编号列出 {listed}项"],
            f"报告称{m.group('n')}{unit}{m.group('noun')}，其后按编号列出{listed}项（编号可能另有分段或合并），请核实。",
        ))
    return out


# "支出分为部门预算项目支出和专项预算支出二类" / "分为A、B、C三个部分": the kinds named after 分为 against their number
_DIVIDED_INTO = re.compile(r"分为(?P<body>[^，,。；;：:\d]{2,60}?)(?P<n>[两二三四五六七八九十]|\d{1,2})\s*(?P<unit>大类|类|块|个部分|部分|种|个方面)")


def _divided(ctx: Context, para: Para) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for m in _DIVIDED_INTO.finditer(para.text):
        n = _number(m.group("n"))
        body = m.group("body")
        if n is None or n < 2 or not re.search(r"[、和及与]", body):
            continue
        readings = [split_items(body, seps) for seps in _SEGMENTINGS]
        f = _count_check(ctx, para, m.start("n"), n, m.group("n"), m.group("unit"), readings, True, before=True)
        if f is not None:
            out.append(f)
    return out

_EACH = re.compile(r"分别")
_RUN_GLUE = re.compile(r"\s*(?:、|和|及|与|，|,)\s*")
_COUNT_NOUN = re.compile(r"(?P<n>\d{1,2}|[两二三四五六七八九十]{1,2})\s*(?:项|个|类|家|笔|种)")


def _each_run(para: Para, at: int, end: int) -> list[Figure]:
    """The figures of one kind and unit after 分别 ("分别增长71.7%、51%、48.4%", "分别为0.34亿元和4.32亿元"),
    joined by nothing but 、/和/及/与/，; the first within 14 characters of 分别 with no clause break before it."""
    figs = [f for f in para.figures_between(at, end) if f.depth == para.depth_at(at)]
    if not figs or figs[0].start - at > 14 or any(c in para.text[at:figs[0].start] for c in "，,；;。"):
        return []
    run = [figs[0]]
    for f in figs[1:]:
        if f.kind != run[0].kind or f.unit != run[0].unit or not _RUN_GLUE.fullmatch(para.text, run[-1].end, f.start):
            break
        run.append(f)
    if _RUN_GOES_ON.match(para.text, run[-1].end):
        return []  # "分别增至46个、54个、105所……": the run goes on in figures of other units (所 is no unit read)
    return run


_RUN_GOES_ON = re.compile(r"[^，,；;。、和及与\d]{0,3}\s*[、和及与]\s*\d")


def _respective(ctx: Context, para: Para) -> list[AuditFinding]:
    """"鼓楼、平潭、台江、闽侯分别增长71.7%、51%、48.4%、41.9%": the names before 分别 (its clause, or the clause
    before when 分别 opens one; "另外两项" counts them) and the figures after it pair one to one. A different number
    is a 提示: a name may hold 和, or two be grouped."""
    text = para.text
    out: list[AuditFinding] = []
    for m in _EACH.finditer(text):
        s, e = para.sentences[para.sentence_of(m.start())]
        run = _each_run(para, m.end(), e)
        if len(run) < 2:
            continue
        start = _clause_start(text, m.start())
        body = text[start + 1:m.start()].strip()
        if not body and start > s:
            body = text[_clause_start(text, start) + 1:start].strip()
        body = re.sub(r"^(?:按[\u4e00-\u9fff]{1,6}看|其中|另外|此外)[，,：:]?", "", body)
        if not body or len(body) > 80 or re.search(r"\d", re.sub(_COUNT_NOUN.pattern, "", body)):
            continue
        counted = _COUNT_NOUN.search(body)
        n = _number(counted.group("n")) if counted is not None else None
        readings = _named_alike([split_items(re.sub(r"^.*?(?:即|为|是|包括)", "", body) if counted else body, seps)
                                 for seps in _SEGMENTINGS])
        listed = max(len(r) for r in readings) >= 2
        if not listed and n is None:
            continue  # one name ("三项经费分别为……"): nothing to pair
        unit = run[0].unit if run[0].kind == "money" or run[0].kind == "percent" else ""
        ctx.trace(COUNT.name, para, Figure(Decimal(len(run)), "", str(len(run)), m.start(), m.end(), 0, "",
                                           para.depth_at(m.start())), *run)
        if (n is None or n == len(run)) and (not listed or len(run) in {len(r) for r in readings}):
            continue
        names = readings[-1]
        values = "、".join(f.raw + unit for f in run)
        if n is not None and n != len(run):
            said, expected = f"{counted.group()}、{len(run)}个数" if counted else "", f"{len(run)}项"
            why = f"“分别”前称{counted.group() if counted else ''}，其后给出{len(run)}个数（{values}）"
        else:
            said, expected = f"{len(names)}项、{len(run)}个数", f"{len(names)}个数"
            why = f"“分别”前列出{len(names)}项（{'、'.join(names)}），其后给出{len(run)}个数（{values}）"
        out.append(ctx.finding(
            COUNT.name, COUNT.title, HINT, para, m.start(), said, expected,
            [f"列出：{'、'.join(names)}", f"分别：{values}"],
            f"{why}，无法一一对应（名称中可能含“和”或有合并），请核实。",
        ))
    return out


def _names_only(body: str) -> bool:
    """A long run of short names cut at "、" ("设办公室、人事股、……、信息中心21个股室"): each name (its bracket
    aside) at most 16 characters, no clause punctuation — a list, however many it names."""
    names = split_items(body, "、")
    return len(names) >= 4 and not re.search(r"[，,；;。：:]", re.sub(r"[（(][^（）()]*[）)]", "", body)) \
        and all(len(re.sub(r"[（(][^（）()]*[）)]", "", x)) <= 16 for x in names)


def _bare_list(text: str) -> bool:
    """A line that is nothing but a list of names ("区城市管理委员会办公室、区查违办"): no figures, no clause
    or sentence punctuation, at least two 、-separated names."""
    text = text.strip()
    return (0 < len(text) <= 120 and "、" in text and not re.search(r"[\d，,：:；;。！？]", text.rstrip("。"))
            and not CN_NUMBER_COMMA.match(text))  # "一、县级批复资金情况": a heading, not names


def _staff(f: Figure) -> bool:
    return f.kind == "person" or f.unit == "个"


def check_staffing(ctx: Context) -> list[AuditFinding]:
    """Each 实有/在职 figure against the 编制 figures stated before it in its paragraph (since the previous
    实有 figure; two 编制 kinds add up: 行政编制24个，事业编制41个，实有在职68人) — or, when none is stated before
    it, against those stated right after it ("在职人员246人，……。总编制249个，其中……")."""
    out: list[AuditFinding] = []
    left: tuple[Para, Figure] | None = None  # a paragraph's one 编制 figure that no 实有 figure followed
    for para in ctx.paras:
        auth: list[Figure] = []
        pending: Figure | None = None  # an 实有 figure stated before any 编制: judged against the 编制 that follow
        serving: Figure | None = None  # the serving part of the staff, judged in their place (perhaps in a bracket)
        carried = left if left is not None and para.prev is left[0] else None
        left = None
        for f in para.figures:
            if (f.depth and f is not serving) or not _staff(f) or f.approx or f.per_unit:
                continue
            label = colon_label(para.text, f)[-12:]
            if "编制" in label and _STAFF_AUTH.search(label):
                if auth and "其中" in para.text[auth[0].end:f.start]:
                    continue  # a part of the 编制 already counted ("核定编制32名，其中：行政编制24名……")
                if pending is not None and para.sentence_of(f.start) - para.sentence_of(pending.start) > 1:
                    pending = None
                auth.append(f)
                continue
            if not (_STAFF_ACTUAL.search(label) or _STAFF_HAS.fullmatch(f.label)) or f.kind != "person":
                continue
            if f is not serving and (serving := _serving_part(para, f)) is not None:
                continue  # the serving staff stated next ("其中在职人员20人") are judged, not the staff with the retired
            if pending is not None and auth:
                out.extend(_staff_check(ctx, para, pending, auth))
                auth, pending = [], None
            if not auth and carried is not None and _opens(para, f):
                out.extend(_staff_check(ctx, para, f, [carried[1]]))
                carried = None
                continue
            if not auth:
                pending = f
                continue
            if para.sentence_of(f.start) - para.sentence_of(auth[-1].start) > 1 and not _nothing_between(para, auth[-1], f):
                auth, pending = [], f
                continue
            out.extend(_staff_check(ctx, para, f, auth))
            auth = []
        if pending is not None and auth:
            out.extend(_staff_check(ctx, para, pending, auth))
        elif pending is None and len(auth) == 1 and _posts_stated(para) == 1:
            left = (para, auth[0])
        out.extend(_bracketed_posts(ctx, para))
        out.extend(_posts_by_kind(ctx, para))
    return out


def _opens(para: Para, f: Figure) -> bool:
    """``f`` is the first head count of its paragraph, in its first sentence ("到2023年12月31日，实有在编人数8人")."""
    return para.sentence_of(f.start) == 0 and not any(x.kind == "person" for x in para.figures_between(0, f.start))


def _posts_stated(para: Para) -> int:
    """How many figures of a paragraph state posts (编制), parts of another 编制 included."""
    return sum(1 for f in para.figures if _staff(f) and _STAFF_AUTH.search(colon_label(para.text, f)[-12:]))


def _serving_part(para: Para, f: Figure) -> Figure | None:
    """The part "其中在职人员N人" that follows ``f`` at once in its sentence, or opens the bracket right after it
    ("实有人数23人（其中在职20人，退休3人）", also "（其中：在职26人，……）"); None when there is none."""
    si = para.sentence_of(f.start)
    after = next((x for x in para.figures_in(si) if x.start > f.start and x.depth <= f.depth + 1), None)
    if after is None or after.kind != "person":
        return None
    between = para.text[f.end:after.start].lstrip(" 人名")
    opened = between[:1] in ("（", "(")
    if after.depth == f.depth + 1 and not opened:
        return None  # a bracket further on (another figure's)
    return after if _SERVING_PART.match(between[1:] if opened else between.lstrip("，,")) else None


def _nothing_between(para: Para, a: Figure, b: Figure) -> bool:
    """"编制22人（……）。内设4个科室：……。2017年末在职21人": up to three sentences apart, with no head count between them
    (a sentence naming other things) — the posts are still the staff's."""
    return (para.sentence_of(b.start) - para.sentence_of(a.start) <= 3
            and not any(x.kind == "person" and x.depth == 0 for x in para.figures_between(a.end, b.start)))


def _bracketed_posts(ctx: Context, para: Para) -> list[AuditFinding]:
    """"局机关在岗干部职工128人（编制169人）": the staff against the posts in the bracket right after them."""
    out: list[AuditFinding] = []
    text = para.text
    for k, f in enumerate(para.figures):
        if f.depth != 1 or not _BRACKET_AUTH.fullmatch(f.label.strip()) or f.kind not in ("person", "bare") \
                or f.decimals:
            continue
        opening = f.start - len(f.label)
        while opening > 0 and text[opening - 1] in " ":
            opening -= 1
        if opening < 1 or text[opening - 1] not in "（(":
            continue
        staff = next((x for x in reversed(para.figures[:k]) if x.depth == 0), None)
        if staff is None or staff.kind != "person" or text[staff.end:opening - 1].strip(" 人名") \
                or not (_STAFF_ACTUAL.search(staff.label[-12:]) or _STAFF_HAS.fullmatch(staff.label)):
            continue
        out.extend(_staff_check(ctx, para, staff, [f]))
    return out


def _posts_by_kind(ctx: Context, para: Para) -> list[AuditFinding]:
    """"编制数20人，其中：全额拨款事业编制15人、自收自支事业编制5人，年末在职实有人数33人，其中：全额拨款人员10人，自收自支
    事业人员23人": each kind of staff against the posts of the same kind stated before them in the paragraph (one of
    each kind; the kind named by the words before 编制 and 人员). Posts may be counted in 个 ("共有行政编制4个，参公事业
    编制2个。实有行政人员4人，参公事业人员2人"); the staff are always counted in people."""
    posts: dict[str, list[Figure]] = {}
    staff: dict[str, list[Figure]] = {}
    for f in para.figures:
        if f.depth or not _staff(f) or f.approx or f.per_unit:
            continue
        m = _AUTH_KIND.match(f.label.strip())
        if m is not None:
            posts.setdefault(m.group("kind"), []).append(f)
            continue
        m = _STAFF_KIND.match(f.label.strip())
        if m is not None and posts and f.kind == "person":
            staff.setdefault(m.group("kind"), []).append(f)
    out: list[AuditFinding] = []
    for kind, people in staff.items():
        match = [k for k in posts if k.endswith(kind) or kind.endswith(k)]
        if len(people) != 1 or len(match) != 1 or len(posts[match[0]]) != 1:
            continue
        if sum(1 for other in staff if match[0].endswith(other) or other.endswith(match[0])) != 1:
            continue
        post = posts[match[0]][0]
        if post.start < people[0].start:
            out.extend(_staff_check(ctx, para, people[0], [post]))
    return out


def _staff_check(ctx: Context, para: Para, f: Figure, auth: list[Figure]) -> list[AuditFinding]:
    total = sum((a.value for a in auth), Decimal(0))
    ctx.trace(STAFFING.name, para, f, *auth)
    if f.value <= total:
        return []
    named = "、".join(ctx.cite(a.text(), a, para) for a in auth)  # (a 编制 of the paragraph before with its line)
    return [ctx.finding(
        STAFFING.name, STAFFING.title, HINT, para, f.start, f.text(), f"≤{total}人",
        [f"{a.label} {ctx.cite(a.text(), a, para)}" for a in auth] + [f"{f.label} {f.text()}"],
        f"实有人数{f.text()}超过编制数{named}（可能有借调、待消化等原因，报告未写明），请核实。",
    )]


# A form's cover flattened one cell per line: "人员编制" / "21" / "实有人数" / "21".
_FORM_AUTH = re.compile(r"^(?:人员编制|编制人数|编制数|核定编制|编制总数)(?:[（(]人[)）])?[:：]?$")
_FORM_ACTUAL = re.compile(r"^(?:实有人数|实有人员|在职人数|在职人员|现有人数)(?:[（(]人[)）])?[:：]?$")
_FORM_VALUE = re.compile(r"^(\d{1,6})\s*(?:人|名)?$")
_FORM_SPAN = 6  # blocks at most between the 编制 cell and the 实有 cell


def _cell_text(line: str) -> str:
    """A cell's text without the "|" a flattened row leaves around it ("人员编制 |", "91 |")."""
    return line.strip().strip("|").strip()


def _form_pairs(ctx: Context) -> list[tuple[Block, Decimal, Block, Decimal]]:
    """(编制 value block, 编制, 实有 value block, 实有) of label cells each followed by a cell holding only a count (lines
    of the text, then the cells of real tables)."""
    blocks = [*ctx.document.blocks, *ctx.table_cells]
    values: list[tuple[str, int, Block, Decimal]] = []
    for k in range(len(blocks) - 1):
        label = _cell_text(blocks[k].text)
        kind = "auth" if _FORM_AUTH.match(label) else "actual" if _FORM_ACTUAL.match(label) else None
        m = _FORM_VALUE.match(_cell_text(blocks[k + 1].text)) if kind else None
        if kind and m:
            values.append((kind, k, blocks[k + 1], Decimal(m.group(1))))
    out = []
    for (k1, i1, b1, v1), (k2, i2, b2, v2) in itertools.pairwise(values):
        if k1 == "auth" and k2 == "actual" and i2 - i1 <= _FORM_SPAN:
            out.append((b1, v1, b2, v2))
    return out


def check_form_staffing(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for auth_block, auth, actual_block, actual in _form_pairs(ctx):
        ctx.relations.append(Relation(STAFFING.name, actual, (auth,), actual_block.location(),
                                      tuple(x for x in (actual_block.line, auth_block.line) if x is not None)))
        if actual > auth:
            out.append(AuditFinding(
                rule=STAFFING.name, title=STAFFING.title, severity=HINT, quote=f"人员编制 {auth}；实有人数 {actual}",
                location=actual_block.location(), stated=f"{actual}人", expected=f"≤{auth}人",
                figures=(f"人员编制 {auth}人", f"实有人数 {actual}人"),
                explanation=f"实有人数{actual}人超过人员编制{auth}人（可能有借调、待消化等原因，报告未写明），请核实。",
                file=ctx.document.path, line=actual_block.line,
            ))
    return out


def _staffing(ctx: Context) -> list[AuditFinding]:
    return check_staffing(ctx) + check_form_staffing(ctx)


COUNT = Rule("count", "所列项数与所称个数不符", "“N个：A、B、C……”所称个数与随后列出的项数不符（提示：列举可能不全或有合并）。",
             check_counts)
STAFFING = Rule("staffing", "实有人数超过编制", "同一句或表单中实有（在职）人数超过编制数（提示：可能有报告未写明的原因）。",
                _staffing)
