"""Amounts stated as a product: ``per_unit_product`` (a quantity times a standard per unit of it) and
``equal_shares`` (a total shared out in equal parts among named recipients).

``per_unit_product``:

"符合条件的粮食种植面积228102.42亩，补贴标准18.34元/亩，补贴资金4183398.38元" / "共核定317442.74亩。……每亩120元，共发放补贴
资金3809.3万元": one standard per unit (a money figure written "X元/亩" or labelled "每亩"), the one quantity of that unit
stated in its sentence or the sentence before, and the first amount stated after the standard in its sentence: the
amount is the quantity times the standard. The units a standard may be per, with the quantities they count, are in
``data/unit_products.yaml`` (the word file ``table_product`` reads too). A difference beyond the figures' rounding (each
as written) is a 提示: part of the quantity may be paid at another standard, which the sentence does not say. A standard per unit and per month ("元/人·月",
"每人每月") needs a number of months and is left alone; one per unit and per year ("每人每年", "元/人·年") is one year's
when its sentence states no number of years or months.

``equal_shares``: "向我市下达……补短工程160万元，……。……向宣汉县和万源市各下达80万元" / "资金70万的分配方案：周王、新田、……和向阳
十个乡镇每乡镇补助7万元": the amount each of the recipients named before 各 (or counted before 每) receives, times their
number, against the amount stated just before it (in its sentence or the one before; a standard "每个街道20万元" is passed
over). Judged only when no other amount follows in the sentence (the shares are all of the allocation); a difference is a
提示, as part of the total may be kept back.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import Figure, parse_chinese_number
from jixiao.audit.paragraphs import eligible
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.counts import split_items
from jixiao.audit.tolerance import fmt, written_half
from jixiao.audit.unitproducts import unit_products


@cache
def _per_label() -> re.Pattern[str]:
    units = "|".join(map(re.escape, unit_products().counted))
    return re.compile(r"(?:每(" + units + r")|(" + units + r")均)[\u4e00-\u9fff]{0,4}(?:为|是)?$")  # 每亩 / 亩均


_TIME = re.compile(r"[·*/／]\s*(?:月|年|天|日|次)|每(?:月|年|天|日)")  # a standard per unit and per time
_PER_YEAR = re.compile(r"[·*/／]\s*年|每年")
# a number of years or months in the sentence: a yearly standard is then paid more (or less) than once
_PERIOD = re.compile(r"\d+\s*(?:个)?(?:年|月)(?!\d)|[两二三四五六七八九十]\s*(?:个)?(?:年|月)")


def _per(para: Para, f: Figure) -> str | None:
    """The unit a money figure is a standard per: "18.34元/亩" → 亩, "每亩120元" → 亩; None for any other figure.
    A standard per unit and per year ("按每人每年2000元标准", "800元/人·年") is one year's: the amount of a year's
    report, when its sentence states no number of years or months."""
    if f.kind != "money" or f.approx or f.change:
        return None
    text = para.text
    if text[f.end - 2:f.end - 1] == "/":  # (the figure reader keeps one character of "元/亩" as its end)
        unit = text[f.end - 1:f.end]
        timed = _TIME.match(text, f.end)
        return unit if unit in unit_products().counted and (not timed or _yearly(para, f, timed.group())) else None
    label = f.label
    yearly = _PER_YEAR.search(label)
    if yearly is not None and _yearly(para, f, yearly.group()):
        label = label[:yearly.start()] + label[yearly.end():]
    m = _per_label().search(label)
    if m is None or _TIME.search(label) or label.count("每") > 1:
        return None
    return m.group(1) or m.group(2)


def _yearly(para: Para, f: Figure, time: str) -> bool:
    s, e = para.sentences[para.sentence_of(f.start)]
    return _PER_YEAR.fullmatch(time) is not None and not _PERIOD.search(re.sub(r"(?:19|20)\d{2}\s*年", "", para.text[s:e]))


_TEN_THOUSAND = Decimal(10000)


def _counts(f: Figure, counted: tuple[str, ...]) -> bool:
    """Does ``f`` count the things a standard is per ("1290.3亩", or "1.2万亩" in tens of thousands)?"""
    return f.unit in counted or (f.unit[:1] == "万" and f.unit[1:] in counted)


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for si in range(len(para.sentences)):
            figs = [f for f in para.figures_in(si) if f.depth == 0]
            standards = [(f, u) for f, u in ((f, _per(para, f)) for f in figs) if u is not None]
            if len(standards) != 1:
                continue
            std, unit = standards[0]
            counted = unit_products().counted[unit]
            here = [f for f in figs if _counts(f, counted) and eligible(f) and not f.approx]
            before = [f for f in para.figures_in(si - 1) if f.depth == 0 and _counts(f, counted)] if si else []
            quantities = here or before  # (the quantity of the standard's own sentence first)
            if len(quantities) != 1:
                continue
            qty = quantities[0]
            after = [f for f in figs if f.start > std.start and f.kind == "money" and eligible(f) and not f.approx
                     and f is not std]
            if not after or qty.value <= 0:
                continue
            total = after[0]
            ctx.trace(RULE.name, para, total, qty, std)
            many = _TEN_THOUSAND if qty.unit.startswith("万") else Decimal(1)  # "1.2万亩"
            exact = qty.value * many * std.wan  # 万元
            tol = (written_half(total) * total.scale + written_half(qty) * many * std.wan
                   + written_half(std) * std.scale * qty.value * many)
            if abs(total.wan - exact) <= tol:
                continue
            expected = f"{fmt(exact / total.scale, max(total.decimals, 2))}{total.unit}"
            out.append(ctx.finding(
                RULE.name, RULE.title, HINT, para, total.start, total.text(), expected,
                [f"{qty.label or '数量'} {qty.text()}", f"{std.label or '标准'} {std.text()}/{unit}",
                 f"{total.label or '金额'} {total.text()}"],
                f"按{qty.text()}×{std.text()}/{unit}计算，{total.label.rstrip('为是') or '金额'}应为{expected}，"
                f"报告称{total.text()}（部分数量可能按其他标准计算，报告未写明，请核实）。",
            ))
    return out


RULE = Rule("per_unit_product", "金额与数量×标准不符",
            "同一句（数量可在前一句）所述数量×每单位标准（如“面积×元/亩”）与其后所称金额不符（提示：部分数量可能按其他标准计算）。",
            check)


# "向A和B各下达" (the recipients named) / "A、B……十个乡镇每乡镇补助" (counted): the label of each one's share
_EACH_NAMED = re.compile(r"(?:向|给|对|为)(?P<names>[^，,；;。：:\d（()）]{2,80}?)各(?:下达|下拨|拨付|安排|分配|补助|奖补|奖励|拨)?(?:资金)?$")
_EACH_COUNTED = re.compile(r"(?P<n>\d{1,2}|[两二三四五六七八九十]{1,3})个(?P<noun>[\u4e00-\u9fff]{1,4})每(?:个)?(?P=noun)"
                           r"(?:下达|下拨|拨付|安排|分配|补助|奖补|奖励)?(?:资金)?$")
_SHARE_WORDS = re.compile(r"每|各|标准")


def _recipients(label: str) -> int | None:
    """How many recipients a share's label names or counts; None when it does neither."""
    m = _EACH_COUNTED.search(label)
    if m is not None:
        n = parse_chinese_number(m.group("n")) if not m.group("n").isdigit() else Decimal(m.group("n"))
        return int(n) if n is not None else None
    m = _EACH_NAMED.search(label)
    if m is None:
        return None
    names = split_items(m.group("names"), "、，,和及与")
    return len(names) if len(names) >= 2 and all(len(x) <= 12 for x in names) else None


def _whole_before(para: Para, si: int, share: Figure) -> Figure | None:
    """The amount a share is of: the last money figure before it, in its sentence or the one before, that is no share
    or standard itself."""
    for k in (si, si - 1):
        if k < 0:
            break
        figs = [f for f in para.figures_in(k) if f.depth == 0 and f.start < share.start and f.kind == "money"]
        whole = [f for f in figs if eligible(f) and not f.approx and not _SHARE_WORDS.search(f.label)]
        if whole:
            return whole[-1]
        if figs:
            return None  # an amount stands between (a standard of another kind, a share): not plainly the total
    return None


def check_shares(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for share in para.figures:
            if share.kind != "money" or share.depth or share.approx or share.change:
                continue
            n = _recipients(share.label)
            if n is None or n < 2:
                continue
            si = para.sentence_of(share.start)
            if any(f.kind == "money" and f.start > share.start for f in para.figures_in(si)):
                continue  # other amounts follow: the shares may be part of the allocation only
            whole = _whole_before(para, si, share)
            if whole is None or whole.wan < share.wan:
                continue
            ctx.trace(SHARES.name, para, whole, share)
            exact = share.wan * n
            tol = written_half(whole) * whole.scale + written_half(share) * share.scale * n
            if abs(whole.wan - exact) <= tol:
                continue
            expected = f"{fmt(exact / whole.scale, max(whole.decimals, 2))}{whole.unit}"
            out.append(ctx.finding(
                SHARES.name, SHARES.title, HINT, para, whole.start, whole.text(), expected,
                [f"{whole.label or '总额'} {whole.text()}", f"{share.label} {share.text()}", f"份数 {n}"],
                f"按{n}份×{share.text()}计算应为{expected}，报告称{whole.label.rstrip('为是') or '总额'}{whole.text()}"
                "（可能另有部分未分配，报告未写明，请核实）。",
            ))
    return out


SHARES = Rule("equal_shares", "总额与各份之和不符",
              "总额后所述“向A和B各下达X万元”“N个乡镇每乡镇补助X万元”：份数×每份与总额不符（提示：可能另有部分未分配）。",
              check_shares)
