"""Changes in tables: an amount column against a prior amount, with the change in money and in percent.

A table whose header names an amount, a prior amount (上年完成数, 上年决算数, 上年同期…) and a change
(增减额) and/or a change rate (增减%, 增长率…) states, in every row, ``增减额 = 本期 − 上期`` and
``增减% = (本期 − 上期) ÷ 上期``. The columns are recognised by what their headers mean (``data/forms.yaml``),
not by one form's exact words:

- the prior column is the one headed as last year's; without one, the change compares the two amount columns
  just left of it (预算数 | 决算数 | 增减额 → 决算 − 预算);
- the current column is the amount column nearest the change on its left that is not the prior one.

The table itself confirms the reading: a change column is judged only when most of its rows follow it (with
the sign most rows use), so a column that means something else (a change on another base, a share) is left
alone instead of flagged in every row. Each row is then checked under the rounding of its written figures:
an 错误 when no rounding explains the gap, a 提示 when only the worst case of rounding does.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from jixiao.audit.context import Context, Relation
from jixiao.audit.docmodel import Cell, Table
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.audit.forms import vocabulary
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.table_money import _cell_where, sum_verdict
from jixiao.audit.tables import Column, Row, Section, Value, cell_value, change_operands, half, short_header
from jixiao.audit.tolerance import fmt, quantize, rate_verdict, ratio_bounds
from jixiao.textfmt import number

_DECREASE = ("减少", "下降", "降幅", "节约", "压减")


def _pairs(sec: Section, row: Row, cur: Column, prior: Column) -> tuple[Value, Value] | None:
    a, b = sec.value(row, cur), sec.value(row, prior)
    if a is None or b is None or a.unit == "%" or b.unit == "%":
        return None
    return a, b


def _negated(v: Value) -> Value:
    return replace(v, value=-v.value)


def _diff_verdict(a: Value, b: Value, stated: Value, sign: int) -> str | None:
    parts = [a, _negated(b)] if sign > 0 else [b, _negated(a)]
    return sum_verdict(parts, stated)


def _majority_sign(votes: list[tuple[bool, bool]], header: str) -> int | None:
    """+1 (本期 − 上期) or −1 (上期 − 本期, a 减少额 column) when most checkable rows follow it, else None."""
    if not votes:
        return None
    plus = sum(p for p, _ in votes)
    minus = sum(m for _, m in votes)
    default = -1 if any(w in header for w in _DECREASE) else 1
    best, count = (default, plus if default > 0 else minus)
    other = minus if default > 0 else plus
    if other > count:
        best, count = -default, other
    return best if count * 2 > len(votes) else None


def _in_percent(sec: Section, col: Column) -> bool:
    """Is a rate column written in percent? Decided for the whole column (a "0.83" among "6.67" and "12.50" is
    0.83 %, not 83 %): by its header or any cell with a "%" or above 1.5; else its figures are ratios."""
    if "%" in col.header or "％" in col.header:
        return True
    values = [v for v in (sec.value(r, col) for r in sec.rows) if v is not None]
    return any(v.unit == "%" or abs(v.value) > Decimal("1.5") for v in values)


def _percent(v: Value, percent: bool) -> tuple[Decimal, int] | None:
    if v.unit and v.unit != "%":
        return None
    if percent or v.unit == "%":
        return v.value, v.decimals
    return v.value * 100, max(v.decimals - 2, 0)


def _rate(a: Value, b: Value, sign: int) -> tuple[Decimal, Decimal, Decimal]:
    """Exact rate and its bounds under the rounding of the two amounts."""
    d = (a.value - b.value) * sign
    exact = d / b.value * 100
    lo, hi = ratio_bounds(d, half(a) + half(b), b.value, half(b))
    return exact, lo, hi


def _rate_ok(stated: Decimal, places: int, a: Value, b: Value, sign: int) -> bool:
    exact, lo, hi = _rate(a, b, sign)
    return rate_verdict(stated, places, exact, lo, hi) is None


def check(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        for col in [*sec.columns_of("change"), *sec.columns_of("change_rate")]:
            ops = change_operands(sec, col)
            if ops is None:
                continue
            cur, prior = ops
            is_rate = col.role == "change_rate"
            percent = _in_percent(sec, col)
            rows: list[tuple[Row, Value, Value, Value]] = []
            for row in sec.rows:
                pair = _pairs(sec, row, cur, prior)
                v = sec.value(row, col)
                if pair is None or v is None:
                    continue
                if is_rate and (pair[1].value <= 0 or _percent(v, percent) is None):
                    continue
                rows.append((row, *pair, v))
            votes: list[tuple[bool, bool]] = []
            for _, a, b, v in rows:
                if is_rate:
                    pct = _percent(v, percent)
                    assert pct is not None
                    votes.append((_rate_ok(*pct, a, b, 1), _rate_ok(*pct, a, b, -1)))
                else:
                    votes.append((_diff_verdict(a, b, v, 1) is None, _diff_verdict(a, b, v, -1) is None))
            sign = _majority_sign(votes, col.header)
            if sign is None or len(rows) < 2:
                continue  # the table does not follow this reading: its column means something else
            for row, a, b, v in rows:
                where = sec.location(row, col)
                ctx.trace_cells(TABLE_CHANGE.name, sec, v, [a, b], where)
                cname, pname, name = short_header(cur.header), short_header(prior.header), short_header(col.header)
                figures = [f"{cname} {a.raw}", f"{pname} {b.raw}"]
                if is_rate:
                    pct = _percent(v, percent)
                    assert pct is not None
                    stated, places = pct
                    exact, lo, hi = _rate(a, b, sign)
                    verdict = rate_verdict(stated, places, exact, lo, hi)
                    if verdict is None:
                        continue
                    expected = fmt(exact, max(places, 2)) + ("%" if v.unit == "%" else "")
                    formula = f"({cname}{a.raw}−{pname}{b.raw})÷{pname}{b.raw}" if sign > 0 else \
                        f"({pname}{b.raw}−{cname}{a.raw})÷{pname}{b.raw}"
                    text = f"{row.label or '该行'}的{name}写作{v.raw}，按{formula}计算应为{expected}。"
                else:
                    verdict = _diff_verdict(a, b, v, sign)
                    if verdict is None:
                        continue
                    d = (a.value - b.value) * sign
                    places = max(a.decimals, b.decimals)
                    expected = fmt(d, places) if places else number(d)
                    formula = f"{cname}{a.raw}−{pname}{b.raw}" if sign > 0 else f"{pname}{b.raw}−{cname}{a.raw}"
                    text = f"{row.label or '该行'}的{name}写作{v.raw}，按{formula}计算应为{expected}。"
                out.append(ctx.cell_finding(TABLE_CHANGE.name, TABLE_CHANGE.title, verdict, sec, row, col, v.raw,
                                            expected, figures, text))
    return out


_YEAR_ROW = re.compile(r"^((?:19|20)\d{2})\s*年")
_YEARS = re.compile(r"((?:19|20)\d{2})\s*年")
_CHANGE_ROW = re.compile(r"(增减|增长|变动|下降|减少|同比|比上年).{0,6}(%|％|率|幅)")


def _label(row: tuple[Cell, ...]) -> tuple[int, str] | None:
    return next(((j, c.text) for j, c in enumerate(row) if c.text and not c.is_copy and cell_value(c) is None), None)


def _column_name(table: Table, first_body: int, j: int) -> str:
    return next((table.rows[r][j].text for r in range(first_body - 1, -1, -1)
                 if j < len(table.rows[r]) and table.rows[r][j].text and cell_value(table.rows[r][j]) is None), f"第{j + 1}列")


def _rate_column(header: str) -> bool:
    role = vocabulary().role(header)
    return role in ("rate", "share", "change_rate", "completion", "weight", "score") or any(
        w in header for w in ("%", "％", "率", "比重", "占比"))


def _written_bounds(a: Value, b: Value) -> tuple[Decimal, Decimal]:
    """Bounds of (a − b) ÷ b × 100 when a and b lie within half a unit of their last written digit."""
    ha, hb = Decimal("0.5").scaleb(-a.decimals), Decimal("0.5").scaleb(-b.decimals)
    return ((a.value - ha) / (b.value + hb) - 1) * 100, ((a.value + ha) / (b.value - hb) - 1) * 100


def check_change_rows(ctx: Context) -> list[AuditFinding]:
    """A row of changes in percent under two year rows ("2015年 | …", "2016年 | …", "2016年比2015年增减% | …"):
    in every column, (later − earlier) ÷ earlier. Judged under the rounding of the amounts as written (a table
    of whole 万元 whose rates were computed from unrounded figures is consistent): an 错误 only when no such
    rounding reaches the stated rate."""
    out: list[AuditFinding] = []
    for table in ctx.document.tables:
        years: dict[int, int] = {}  # year -> row index
        for r, row in enumerate(table.rows):
            lab = _label(row)
            if lab is None:
                continue
            m = _YEAR_ROW.match(lab[1])
            if m is not None and not _CHANGE_ROW.search(lab[1]):
                years[int(m.group(1))] = r
                continue
            if not _CHANGE_ROW.search(lab[1]) or not ("%" in lab[1] or "％" in lab[1]):
                continue
            named = [int(y) for y in _YEARS.findall(lab[1])]
            pair = sorted(set(named)) if len(set(named)) == 2 else sorted(years)[-2:] if len(years) == 2 else []
            if len(pair) != 2 or any(y not in years for y in pair):
                continue
            prior, cur = table.rows[years[pair[0]]], table.rows[years[pair[1]]]
            first_body = min(years.values())
            for j in range(lab[0] + 1, len(row)):
                v, a, b = cell_value(row[j]), cell_value(cur[j]) if j < len(cur) else None, \
                    cell_value(prior[j]) if j < len(prior) else None
                if v is None or a is None or b is None or a.unit == "%" or b.unit == "%" or a.value < 0 or b.value <= 0:
                    continue
                if v.unit not in ("", "%") or _rate_column(_column_name(table, first_body, j)):
                    continue  # a column of rates changes in percentage points, not by this formula
                where = _cell_where(table, row[j], _column_name(table, first_body, j))
                lines = tuple(c.line for c in (row[j], cur[j], prior[j]) if c.line is not None)
                ctx.relations.append(Relation(TABLE_CHANGE.name, v.value, (a.value, b.value), where, lines))
                exact = (a.value - b.value) / b.value * 100
                lo, hi = _written_bounds(a, b)
                ulp = Decimal(1).scaleb(-v.decimals)
                if quantize(exact, v.decimals) == v.value or (v.value - ulp / 2 <= hi and v.value + ulp / 2 >= lo):
                    continue
                expected = fmt(exact, max(v.decimals, 2))
                name = _column_name(table, first_body, j)
                out.append(AuditFinding(
                    rule=TABLE_CHANGE.name, title=TABLE_CHANGE.title, severity=ERROR,
                    quote=" | ".join(c.text for c in row if not c.is_copy), location=where, stated=v.raw,
                    expected=expected, figures=(f"{pair[1]}年 {name} {a.raw}", f"{pair[0]}年 {name} {b.raw}"),
                    explanation=f"{lab[1]}一行{name}栏写作{v.raw}，按({a.raw}−{b.raw})÷{b.raw}计算应为{expected}"
                                f"（各金额按所写位数四舍五入也到不了所写比率）。"
                                + ("（该表由报告中的表格文字还原）" if table.rebuilt else ""),
                    file=ctx.document.path, line=row[j].line))
    return out


def _check_all(ctx: Context) -> list[AuditFinding]:
    return check(ctx) + check_change_rows(ctx)


TABLE_CHANGE = Rule(
    "table_change", "表格增减额、增减率与本期、上期数不符",
    "表格中的增减额应等于本期数减上期数，增减率应等于增减额除以上期数（按表头含义识别各列）", _check_all,
)
