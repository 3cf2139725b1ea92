"""The project's funds restated outside the funds table: in the form's prose ("项目申请资金2026400元",
"全年实际支付89.97万元") and in its 成本 indicator ("项目总成本 … 实际完成值 132.9").

A 项目支出绩效自评表 states the project's money once in its funds block (年初预算数 / 全年预算数 /
全年执行数) and again in words. The words often change the unit (元 for 万元) or the precision
(89.97 for 89.974), so the two are compared after conversion, each rounded half up to the other's
precision. A restatement matching no figure of the funds block in its role (申请/预算 against the
预算数 columns, 支出/支付/执行 against 全年执行数) is a 提示: the rule assumes both name the project's
whole funds, as a form's 预期目标/实际完成情况 and its 项目总成本 indicator do.

Only a document with a single funds block (the template's 年度资金总额 row) is read (several projects in one file: the rule cannot tell
which block a sentence restates). Parts of a 其中 list, changes and last-year figures are not
restatements.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Para, Relation
from jixiao.audit.finding import HINT, AuditFinding
from jixiao.audit.numbers import MONEY_FACTORS, Figure
from jixiao.audit.paragraphs import prior
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Section, Value
from jixiao.audit.tolerance import quantize

_PLAN = re.compile(r"(?:申请|预算|批复|安排|下达)(?:资金|金额|数|经费)?(?:为|是|共|总额)?$")
_ACTUAL = re.compile(r"(?:实际支出|实际支付|实际使用|执行数|支出|支付|使用)(?:资金|金额|数|经费)?(?:为|是|共|总额)?$")
_WHOLE = re.compile(r"项目|全年|年度|资金总额|总计|合计")
_MONEY_UNIT = re.compile(r"(亿元|万元|千元|元)")
_COST = ("总成本", "成本总额", "项目成本")


def _funds(ctx: Context) -> Section | None:
    blocks = [s for s in ctx.sections if s.column("actual") is not None
              and (s.column("budget_initial") is not None or s.column("budget_final") is not None)
              and any("资金总额" in r.label for r in s.rows)]  # the form's 项目资金 block (年度资金总额 row)
    return blocks[0] if len(blocks) == 1 else None


def _values(sec: Section, roles: tuple[str, ...]) -> list[Value]:
    out: list[Value] = []
    for row in sec.rows:
        for role in roles:
            for col in sec.columns_of(role):
                v = sec.value(row, col)
                if v is not None and v.value > 0:
                    out.append(v)
    return out


def same_amount(a: Decimal, a_places: int, b: Decimal, b_places: int) -> bool:
    """Two amounts in 万元 (with their places in 万元) are the same figure written at two precisions."""
    return quantize(a, b_places) == quantize(b, b_places) or quantize(b, a_places) == quantize(a, a_places)


def _places(f: Figure) -> int:
    """The figure's places in 万元 (2026400元: 0 places in 元, 4 in 万元)."""
    return f.decimals - _exp(MONEY_FACTORS[f.unit])


def _exp(factor: Decimal) -> int:
    e = factor.normalize().as_tuple().exponent
    return e if isinstance(e, int) else 0


def _role(f: Figure) -> str | None:
    label = f.label.rstrip("：: ")
    if _ACTUAL.search(label):
        return "actual"
    if _PLAN.search(label):
        return "plan"
    return None


def _listed(para: Para, f: Figure) -> bool:
    s = para.sentences[para.sentence_of(f.start)][0]
    return "其中" in para.text[s:f.start] or f.depth > 0


def _check_prose(ctx: Context, sec: Section) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for f in para.figures:
            if (f.kind != "money" or f.value <= 0 or f.approx or f.per_unit or f.change or prior(f)
                    or not _WHOLE.search(f.label) or _listed(para, f)):
                continue
            role = _role(f)
            if role is None:
                continue
            cols = ("actual",) if role == "actual" else ("budget_initial", "budget_final")
            values = _values(sec, cols)
            if not values:
                continue
            unit = sec.unit or "万元"
            factor = MONEY_FACTORS.get(unit, Decimal(1))
            match = next((v for v in values if same_amount(f.wan, _places(f), v.value * factor,
                                                            v.decimals - _exp(factor))), None)
            shown = match or values[0]
            line = para.line_of(f)
            ctx.relations.append(Relation(RULE.name, f.value, (shown.value,), para.block.location(f.start),
                                          tuple(x for x in (line, shown.cell.line) if x is not None), para.index, (f,)))
            if match is not None:
                continue
            what = "全年执行数" if role == "actual" else "预算数"
            out.append(ctx.finding(
                RULE.name, RULE.title, HINT, para, f.start, f.text(), f"{shown.raw}{unit}",
                [f"{f.label} {f.text()}", f"表中{what} {shown.raw}{unit}"],
                f"文中{f.label}{f.text()}，与资金表中的{what}{'、'.join(v.raw for v in values)}（{unit}）均不相符"
                f"（按两处均指本项目全部资金计），请核实。",
            ))
    return out


def _check_cost(ctx: Context, sec: Section) -> list[AuditFinding]:
    """The 项目总成本 indicator's 实际完成值 against the funds block's 全年执行数 (money indicators of other
    names are traced only when they restate it: a 补助经费 indicator may be a part)."""
    out: list[AuditFinding] = []
    actual = _values(sec, ("actual",))
    if not actual:
        return out
    factor = MONEY_FACTORS.get(sec.unit or "万元", Decimal(1))
    for ind in ctx.sections:
        col = ind.column("achieved")
        if col is None or ind is sec:
            continue
        for row in ind.rows:
            v = ind.value(row, col)
            if v is None or v.value <= 0:
                continue
            text = " ".join(c.text for c in row.cells)
            m = _MONEY_UNIT.search(v.unit or text)
            if m is None:
                continue
            wan = v.value * MONEY_FACTORS[m.group(1)]
            places = v.decimals - _exp(MONEY_FACTORS[m.group(1)])
            match = next((a for a in actual if same_amount(wan, places, a.value * factor, a.decimals - _exp(factor))), None)
            cost = any(w in row.label for w in _COST)
            if match is None and not cost:
                continue
            shown = match or actual[0]
            ctx.trace_cells(RULE.name, ind, v, [shown], ind.location(row, col))
            if match is None and wan > max(a.value for a in actual) * factor:
                out.append(ctx.cell_finding(
                    RULE.name, RULE.title, HINT, ind, row, col, v.raw, f"{shown.raw}{sec.unit or '万元'}",
                    [f"实际完成值 {v.raw}{m.group(1)}", f"全年执行数 {shown.raw}{sec.unit or '万元'}"],
                    f"成本指标的实际完成值{v.raw}{m.group(1)}高于资金表的全年执行数{shown.raw}{sec.unit or '万元'}"
                    f"（按总成本即本项目全部支出计），请核实。",
                ))
    return out


def check(ctx: Context) -> list[AuditFinding]:
    sec = _funds(ctx)
    if sec is None:
        return []
    return _check_prose(ctx, sec) + _check_cost(ctx, sec)


RULE = Rule("restated", "表外复述的项目资金与资金表不符",
            "项目支出绩效自评表中，文字或成本指标复述的项目资金（换算单位、按各自精度四舍五入后）与资金表的预算数、"
            "全年执行数均不相符（提示：按两处均指本项目全部资金计）。", check)
