"""``year_levels``: last year's and this year's level both stated, then the change between them.

"2021年年末在职职工108人，2022年年末在职人员103人，比上年少6人" / "2021年支出108万元，2022年支出103万元，比上年减少5万元": three
figures of one unit in a row in one sentence, the first labelled with a year, the second with the year after it (its
clause opening with that year), the third with the change from last year ("比上年少", "较2021年增加") right after the
second: the change is the difference of the two levels, in the direction its words say. A difference beyond the figures'
rounding (counts are exact), or the wrong direction, is a 错误; a rate right after the change ("；减少率35.22%") is the
difference over the earlier level. The two years may also come latest first ("2016年预算8万元，
2015年预算12.5万元；对比减少4.35万元"); the change is then still the later year's level less the earlier one's, and
with both years stated a bare "对比减少" / "相比增加" names the same change. A '；' may stand before the change clause.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Para
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.numbers import Figure
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import fmt, rate_verdict, ratio_bounds, written_half

_YEAR = re.compile(r"((?:19|20)\d{2})年")
_OPENS_WITH_YEAR = re.compile(r"^\s*((?:19|20)\d{2})年")
_CHANGE = re.compile(r"^\s*(?:(?:比|较)(?:上年|去年|上一年|上年度|(?P<year>(?:19|20)\d{2})年)(?:度|末|底|同期)?(?:相比)?"
                     r"|对比|相比)(?:减少|增加|少|多|下降|增长|降低|提高)了?$")
_SEPARATORS = ("，", ",", "；", ";")
_RATE = re.compile(r"^\s*(?:减少|增加|下降|增长|降低|提高)(?:率|幅度?)?$|^\s*(?:减|增|降)幅$")


def _half(level: Figure, change: Figure) -> Decimal:
    """Half a unit of the last place a level is written to, or of the change's when that is written to more places."""
    return Decimal("0.5").scaleb(-max(level.decimals, change.decimals))


def _levels(para: Para, first: Figure, second: Figure, change: Figure) -> bool:
    """Whether the three figures read "Y-1年…X，Y年…X'，比上年±A" (or the two years latest first)."""
    if len({first.unit, second.unit, change.unit}) != 1 or first.unit in ("", "%"):
        return False
    if first.depth or second.depth or change.depth or first.approx or second.approx or change.approx:
        return False
    if first.change or second.change or change.change is None:
        return False
    years = _YEAR.findall(first.label)
    opens = _OPENS_WITH_YEAR.match(second.label)
    m = _CHANGE.match(change.label)
    if not years or opens is None or m is None or abs(int(opens.group(1)) - int(years[-1])) != 1:
        return False
    if m.group("year") is not None and int(m.group("year")) != min(int(opens.group(1)), int(years[-1])):
        return False
    # nothing but a separator between the figures and the clauses they open
    between = para.text[second.end:change.start]
    return para.text[first.end:second.start].startswith(("，", ",")) and between[:1] in _SEPARATORS \
        and _CHANGE.match(between[1:]) is not None


def _latest_first(first: Figure, second: Figure) -> bool:
    """Whether the first level is the later year's ("2016年…，2015年…")."""
    return int(_YEAR.findall(first.label)[-1]) > int(_YEAR.findall(second.label)[0])


def _rate_after(para: Para, change: Figure, rate: Figure) -> bool:
    """Whether the figure after the change is its rate ("；对比减少4.35万元；减少率35.22%"), nothing but a separator between."""
    return rate.unit == "%" and not rate.depth and not rate.approx \
        and _RATE.match(rate.label) is not None and para.text[change.end:rate.start][:1] in _SEPARATORS \
        and _RATE.match(para.text[change.end + 1:rate.start]) is not None


def _rate_finding(ctx: Context, para: Para, earlier: Figure, later: Figure, change: Figure,
                  rate: Figure) -> AuditFinding | None:
    """The rate of the change is the difference of the two levels over the earlier one."""
    diff = abs(later.value - earlier.value)
    if earlier.value <= 0 or (later.value < earlier.value) != (change.change == "-"):
        return None  # the change's direction is the change finding's to report
    ctx.trace(RULE.name, para, rate, later, earlier)
    exact = diff / earlier.value * 100
    lo, hi = ratio_bounds(diff, _half(later, change) + _half(earlier, change), earlier.value, _half(earlier, change))
    severity = rate_verdict(rate.value, rate.decimals, exact, lo, hi)
    if severity is None:
        return None
    expected = f"{fmt(exact, rate.decimals)}%"
    said = rate.label.strip()
    return ctx.finding(
        RULE.name, RULE.title, severity, para, rate.start, rate.text(), expected,
        [f"{earlier.label.strip()} {earlier.text()}", f"{later.label.strip()} {later.text()}", f"{said} {rate.text()}"],
        f"报告称{earlier.text()}变为{later.text()}，{said}{rate.text()}；按两数计算应为{expected}。",
    )


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        figs = para.figures
        for i, (first, second, change) in enumerate(zip(figs, figs[1:], figs[2:], strict=False)):
            if not _levels(para, first, second, change):
                continue
            earlier, later = (second, first) if _latest_first(first, second) else (first, second)
            rate = figs[i + 3] if i + 3 < len(figs) else None
            if rate is not None and _rate_after(para, change, rate):
                judged = _rate_finding(ctx, para, earlier, later, change, rate)
                if judged is not None:
                    out.append(judged)
            ctx.trace(RULE.name, para, change, second, first)
            diff = later.value - earlier.value
            # counts (people, vehicles) are exact; amounts may each be rounded as written, but a change written to more
            # places than a level says the writer held the level to those places ("8万元 … 减少4.35万元": 8 is 8.00)
            tol = _half(first, change) + _half(second, change) + written_half(change) if change.kind == "money" \
                else Decimal(0)
            sign = Decimal(-1) if change.change == "-" else Decimal(1)
            if abs(sign * change.value - diff) <= tol:
                continue
            said = change.label.strip()
            direction = "减少" if diff < 0 else "增加"
            expected = f"{fmt(abs(diff), change.decimals)}{change.unit}"
            if (diff < 0) != (sign < 0) and diff != 0:
                expected = direction + expected  # the words say the other direction
            out.append(ctx.finding(
                RULE.name, RULE.title, ERROR, para, change.start, change.text(), expected,
                [f"{first.label.strip()} {first.text()}", f"{second.label.strip()} {second.text()}",
                 f"{said} {change.text()}"],
                f"报告称{first.text()}、{second.text()}，{said}{change.text()}；按两数相减应{direction}{expected}。",
            ))
    return out


RULE = Rule("year_levels", "两年数与增减额不符",
            "“上年X，本年Y，比上年增加/减少A”：A与两年数之差不符，或增减方向矛盾。",
            check)
