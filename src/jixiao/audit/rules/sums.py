"""Parts against their stated total: 其中 lists, bracketed breakdowns, 合计 closing a list, 加上…合计 chains
and parallel sums (see :mod:`jixiao.audit.clauses`)."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from jixiao.audit.clauses import ItemList
from jixiao.audit.context import Context, Para, Relation
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, half_unit, quantize


def _in(total: Figure, f: Figure) -> Decimal:
    """``f`` in the total's unit (万元 parts of an 亿元 total)."""
    if total.kind == "money" and total.value:
        return f.wan / total.scale
    return f.value


def signed_sum(total: Figure, signed: list[tuple[int, Figure]]) -> tuple[Decimal, Decimal]:
    """(Σ parts in the total's unit, tolerance: half a unit of every term's last place)."""
    s = sum((sign * _in(total, p) for sign, p in signed), Decimal(0))
    tol = half_unit(total) + sum((half_unit(p) * (_in(total, p) / p.value if p.value else Decimal(1))
                                  for _, p in signed), Decimal(0))
    return s, tol


def _written_half(f: Figure) -> Decimal:
    """Half a unit of the last place the money figure is written to ("78.3" → 0.05, "38" → 0.5, "7.29" → 0.005)."""
    return Decimal("0.5").scaleb(-min(f.decimals, 2)) if f.decimals < 2 else half_unit(f)


def _coarse_terms(total: Figure, signed: list[tuple[int, Figure]]) -> list[Figure]:
    """The money amounts of the list the auditor may be reading too finely: all of them when every amount is
    written in whole units ("995万元", "38万元"), or the ONE amount written with fewer decimals than the rest
    ("78.3万元" among cents). The usual reading — a dropped trailing zero, 78.3 = 78.30 — is then an assumption:
    the amount may have been rounded. Several short amounts among cents are the pattern of dropped zeros, and a
    list that keeps a trailing zero anywhere ("41.00") shows its writer writes every place: fewer are exact."""
    figs = [total, *(p for _, p in signed)]
    if total.kind != "money" or any(f.kind != "money" or f.explicit_precision or f.unit == "亿元" for f in figs):
        return []
    if all(f.decimals == 0 for f in figs):
        return figs
    short = [f for f in figs if f.decimals < 2]
    return short if len(short) == 1 else []


def coarse_gap(total: Figure, signed: list[tuple[int, Figure]], diff: Decimal) -> list[Figure]:
    """The coarsely written amounts when a gap is reachable by their rounding to the places written
    (each term within half a unit of its own last place); empty when it is not."""
    coarse = _coarse_terms(total, signed)
    if not coarse:
        return []
    tol = _written_half(total) + sum((_written_half(p) * (_in(total, p) / p.value if p.value else Decimal(1))
                                      for _, p in signed), Decimal(0))
    return coarse if abs(diff) < tol else []


def _prefix_matches(total: Figure, signed: list[tuple[int, Figure]]) -> int:
    """How many leading items add up to the total exactly (0 when none do)."""
    for k in range(2, len(signed)):
        s, tol = signed_sum(total, signed[:k])
        if abs(s - total.value) <= tol and all(p.value != 0 for _, p in signed[k:]):
            return k
    return 0


_DIGITS_THEN_SPACE = re.compile(r"(?<![\d.,])(\d+(?:\.\d*)?)[ \u3000\u00a0]$")


def _spaced_reading(para: Para, lst: ItemList) -> tuple[str, str] | None:
    """A figure read short because a space split it ("基本支出 1 66.03万元", "33.1 0万元"): when joining the
    digits before the space makes the list add up, (the text as written, the joined figure)."""
    home = lst.total_para or para
    for f in (lst.total, *lst.parts):
        if f is not lst.total and not any(x is f for x in para.figures):
            continue  # (a part read from another paragraph: numbered items one a paragraph)
        text = home.text if f is lst.total else para.text
        m = _DIGITS_THEN_SPACE.search(text[max(0, f.start - 12):f.start])
        if m is None or ("." in m.group(1) and "." in f.raw):
            continue
        try:
            joined = Decimal(m.group(1) + f.raw.replace(",", ""))
        except InvalidOperation:
            continue
        fixed = replace(f, value=joined)
        total = fixed if f is lst.total else lst.total
        signed = [(sign, fixed if p is f else p) for sign, p in lst.signed()]
        s, tol = signed_sum(total, signed)
        if abs(s - total.value) <= tol:
            return f"{m.group(1)} {f.raw}", f"{joined}{f.unit}"
    return None


def unit_slip(lst: ItemList) -> tuple[Figure, str] | None:
    """The one part of a money breakdown written in another unit than the total and every other part,
    when reading it in their unit makes the parts add up ("1618万元，其中：购置费414元；运行费1204万元")."""
    total = lst.total
    if total.kind != "money" or len(lst.parts) < 2:
        return None
    odd = [p for p in lst.parts if p.unit != total.unit]
    if len(odd) != 1 or odd[0].value == 0 or any(p.unit != total.unit for p in lst.parts if p is not odd[0]):
        return None
    part = odd[0]
    fixed = replace(part, unit=total.unit)
    signed = [(sign, fixed if p is part else p) for sign, p in lst.signed()]
    s, tol = signed_sum(total, signed)
    return (part, total.unit) if abs(s - total.value) <= tol else None


def total_slip(lst: ItemList) -> str | None:
    """The unit the total was meant in when every part is written in one other unit and the total, read in it, is
    their sum ("预算数2089元：其中中央资金1777万元，省级资金312万元"): the total's unit is the slip (the unit rule's 提示)."""
    total = lst.total
    units = {p.unit for p in lst.parts}
    if total.kind != "money" or len(lst.parts) < 2 or len(units) != 1 or total.unit in units:
        return None
    unit = units.pop()
    s, tol = signed_sum(replace(total, unit=unit), lst.signed())
    return unit if abs(s - total.value) <= tol else None


def _falls_short(lst: ItemList) -> bool:
    """A 其中 list whose parts fall short of its total by more than 1 %: "其中" need not name every part. (A list that
    also names its empty items, "经营支出0.00万元，占0.00%", names them all.) The budgets or last year's figures its
    items state beside them (a parallel sum of the same list) may then fall short as well."""
    if lst.shape != "marker":
        return False
    diff = signed_sum(lst.total, lst.signed())[0] - lst.total.value
    return diff < 0 and -diff > lst.total.value / 100 and all(p.value != 0 for p in lst.parts)


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for lst in para.lists:
            total = lst.total
            signed = lst.signed()
            ctx.trace(RULE.name, para, total, *lst.parts, result_para=lst.total_para)
            s, tol = signed_sum(total, signed)
            diff = s - total.value
            if abs(diff) < tol or (diff == 0):
                continue  # the rounding intervals overlap (a total's interval is open at its top: half up)
            max_dec = max(p.decimals for p in lst.parts)
            if 0 < total.decimals < max_dec and quantize(s, total.decimals) == total.value:
                continue  # a total written with fewer decimals than its parts
            if not lst.exact and diff <= tol:
                continue  # a partial list (主要包括…, 等, cut off): its parts may fall short
            if lst.shape == "bracket" and lst.assumed and 2 * s < total.value:
                continue  # "全额拨款单位15个（含行政单位1个、参公单位1个）": 含 naming a small part of it is a sample
            beside = _prefix_matches(total, signed)  # the first items make up the total: the rest may be listed beside it
            places = 2 if total.kind == "money" else max(f.decimals for f in (total, *lst.parts))  # (lengths: 3.804km)
            expected = f"{fmt(s, places)}{total.unit}"
            if total.change and s < 0:  # the parts net the other way: "增加0.8万元" where they net a decrease
                expected = f"{'减少' if total.change == '+' else '增加'}{fmt(-s, places)}{total.unit}"
            terms = "".join((" − " if sign < 0 else " + ") + p.text() for sign, p in signed)
            terms = terms.removeprefix(" + ").replace(" − ", "−", 1) if terms.startswith(" − ") else terms.removeprefix(" + ")
            what = {"parallel": "各项对应数", "closing": "前列各项", "chain": "各项", "balance": "收支相抵", "wholly": "所称全部为的一项",
                    "sources": "所列各来源资金"}.get(lst.shape, "其中各项")
            note = ""
            if lst.shape == "balance" and not lst.sure:
                note = "未写明收支合计，按所列收入、结余与支出各项推算，请核实。"
            short = _falls_short(lst) or (lst.shape == "parallel" and diff < 0 and any(
                _falls_short(m) for m in para.lists if m.shape == "marker" and m.marker == lst.marker))
            if short:
                note = "所列各项可能不全（“其中”不一定列出全部），请核实。"
            if not lst.sure and lst.shape == "parallel":
                note = "有分项未写明对应数（按0计），差额可能来自该项，请核实。"
            spaced = _spaced_reading(para, lst)
            if spaced is not None:
                note = (f"“{spaced[0]}”疑为数字中多出的空格（PDF/OCR 提取常见），按{spaced[1]}计则各项之和与合计相符，"
                        "请核对原件。")
            slip = unit_slip(lst)
            if slip is not None:
                note = f"若{slip[0].label.rstrip('为是') or '其中一项'}{slip[0].text()}应为{slip[0].raw}{slip[1]}，则各项之和与合计相符。"
            meant = total_slip(lst)
            if meant is not None:
                note = f"若合计{total.text()}应为{total.raw}{meant}，则各项之和与合计相符（疑为单位笔误）。"
            coarse = coarse_gap(total, signed, diff)
            if coarse:
                named = "、".join(f.text() for f in coarse[:3]) + ("等" if len(coarse) > 3 else "")
                whole = all(f.decimals == 0 for f in (total, *lst.parts))
                written = f"各数均只写到整{total.unit.removesuffix('元') or ''}元" if whole else f"{named}未写到两位小数"
                note = (f"{written}，若为四舍五入后的数，相差{fmt(abs(diff), places)}"
                        f"{total.unit}在各数的尾差之内（按所写数字计则不符），请核实。")
            if lst.assumed:
                note = lst.assumed
            if beside:
                rest = "、".join(p.label.rstrip("为是") or p.text() for _, p in signed[beside:])
                note = f"前{beside}项之和恰为合计，{rest}可能不在合计之内（未写明），请核实。"
            finding = ctx.finding(
                RULE.name, RULE.title, ERROR if lst.sure and not beside and not short and spaced is None and not lst.assumed
                and not coarse and meant is None else HINT,
                para, lst.marker,
                total.text(),
                expected, [ctx.cite(f"{p.label or '分项'} {p.text()}", p, lst.total_para or para) for p in lst.parts]
                + [ctx.cite(f"合计 {total.label} {total.text()}", total, lst.total_para or para)],
                f"报告称{re.sub('(?:共计|总计|为|是)+$', '', total.label) or '合计'}{total.text()}，但{what}{terms}合计为{expected}，"
                f"相差{fmt(abs(diff), places)}{total.unit}。{note}",
            )
            if lst.total_para is not None:  # the total stands in an earlier paragraph: point at it
                home = lst.total_para.block
                finding = replace(finding, location=home.location(total.start), line=home.line_at(total.start))
            out.append(finding)
    return out


RULE = Rule("sum", "分项与合计不符", "“其中”所列、括号所列、“合计”收尾或“加上…合计”所列各分项之和与所述合计不符（每项容忍半个末位单位的尾差）。",
            check)


def check_single(ctx: Context) -> list[AuditFinding]:
    """A 其中 naming one part: the part cannot exceed the total it breaks down (both non-negative levels)."""
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for lst in para.singles:
            total, part = lst.total, lst.parts[0]
            if total.value < 0 or part.value < 0:
                continue
            ctx.relations.append(Relation(PART.name, part.value, (total.value,), para.block.location(part.start),
                                          tuple(x for x in (para.line_of(part), (lst.total_para or para).line_of(total))
                                                if x is not None), para.index if lst.total_para is None else None,
                                          (part, total)))
            s, tol = signed_sum(total, [(1, part)])
            if s - total.value <= tol:
                continue
            out.append(ctx.finding(
                PART.name, PART.title, HINT, para, part.start, part.text(), f"≤{total.text()}",
                [f"{part.label or '分项'} {part.text()}", ctx.cite(f"总额 {total.label} {total.text()}", total, para)],
                f"“其中”所列{_name(part.label, '分项')}{part.text()}大于其所属的{_name(total.label, '总额')}"
                f"{total.text()}（按“其中”分解的是该总额计），请核实。",
            ))
    return out


def _name(label: str, default: str) -> str:
    return re.sub(r"^其中[：:，,]?|[为是]$", "", label).strip() or default


PART = Rule("part_le_whole", "“其中”单项大于总额", "“其中”只列一项时，该项不应大于其所属总额（提示：按“其中”分解的是该总额计）。",
            check_single)
