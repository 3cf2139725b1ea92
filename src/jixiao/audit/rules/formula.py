"""A written formula whose own numbers give a different result ("=1386.01/1386.01×100%=100%")."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tolerance import quantize
from jixiao.frameworks import formula as formula_lang

# Bounded repetition everywhere (a number has at most 25 characters, a formula at most 12 operators, a
# space run at most 3): each start position costs a constant, so a scan is linear in the text. The
# look-behind keeps a match from starting inside a longer chain ("1+1+…+1=20") or number.
_NUM = r"\d[\d.,]{0,24}"
_FORMULA = re.compile(
    r"(?<![\d.,）)/÷×*+\-−])"
    rf"(?P<expr>[（(]?{_NUM}(?:\s{{0,3}}[）)]?\s{{0,3}}[/÷×*+\-−]\s{{0,3}}[（(]?\s{{0,3}}{_NUM}[）)]?){{1,12}})"
    r"(?P<pct>\s{0,3}[×*]\s{0,3}100\s{0,3}%)?\s{0,3}[=＝]\s{0,3}(?P<res>-?\d{1,20}(?:\.\d{1,12})?)(?P<unit>\s{0,3}%)?"
)
_TOKEN = re.compile(r"\d[\d.,]*|[()（）/÷×*+\-−]")
_SYMBOLS = {"（": "(", "）": ")", "÷": "/", "×": "*", "−": "-"}


def evaluate(expr: str) -> Decimal | None:
    """Exact value of a written calculation ("1,386.01 ÷ 1,386.01"); None when it is not one.

    The text is rewritten into the formula language of :mod:`jixiao.frameworks.formula`
    (÷ → /, × → *, full-width brackets, thousands separators dropped) and evaluated there, so
    the auditor and the frameworks share one safe expression evaluator.
    """
    tokens = []
    for token in _TOKEN.findall(expr):
        if token[0].isdigit():
            try:
                token = f"{Decimal(token.replace(',', '')):f}"
            except InvalidOperation:
                return None
        tokens.append(_SYMBOLS.get(token, token))
    try:
        return formula_lang.evaluate(formula_lang.parse(" ".join(tokens)), formula_lang.no_fields)
    except (formula_lang.FormulaError, formula_lang.ZeroDivisor, formula_lang.MissingValue, InvalidOperation):
        return None


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for para in ctx.paras:
        for m in _FORMULA.finditer(para.text):
            expr = m.group("expr")
            opened = sum(expr.count(c) for c in "（(") - sum(expr.count(c) for c in "）)")
            if opened > 0 and expr.lstrip()[:1] in "（(":
                expr = expr.lstrip()[1:]  # "（83 ÷ 89 = 93.26%）": the parenthesis encloses the whole formula
            if not re.search(r"[/÷×*+]", expr) or re.fullmatch(r"\d{4}\s*[-−]\s*\d{4}", expr.strip()):
                continue
            value = evaluate(expr)
            if value is None:
                continue
            if value != 0:  # operands and result; "×100%" is a constant and "0 ÷ x" holds for every x
                used = [f for f in para.figures if m.start() <= f.start < m.end("expr") or f.start == m.start("res")]
                result = [f for f in used if f.start == m.start("res")]
                if result:
                    ctx.trace(RULE.name, para, result[0], *[f for f in used if f is not result[0]])
            res = m.group("res")
            stated = Decimal(res)
            places = len(res.partition(".")[2])
            if m.group("pct"):
                value *= 100
            elif m.group("unit") and re.search(r"[/÷]", expr):
                # "775.6÷1288.4＝60.2%": a ratio with a percent result means ×100 (standard usage);
                # the plain value is accepted too ("0.6×100=60%" has no division and is read as is).
                if quantize(value, places) == stated:
                    continue
                value *= 100
            if quantize(value, places) == stated:
                continue
            ulp = Decimal(1).scaleb(-places)
            severity = HINT if abs(value - stated) <= ulp else ERROR
            unit = "%" if m.group("unit") else ""
            shown = f"{quantize(value, max(places, 2)):f}{unit}"
            out.append(ctx.finding(
                RULE.name, RULE.title, severity, para, m.start(), f"{res}{unit}", shown,
                [m.group(0).strip()],
                f"算式“{m.group(0).strip()}”按其自身数字计算结果应为{shown}，而非{res}{unit}。",
            ))
    return out


RULE = Rule("formula", "算式结果错误", "报告中写出的算式（如“=a/b×100%=Z%”）按其自身数字计算结果不符。", check)
