"""Figures in tables: rates per row, shares in a 构成 column, totals against their rows.

- ``table_rate``: a rate column (执行率, 完成率…) against its row's amounts: the columns its header names
  by letter ("执行率（B/A）"), else 全年执行数 ÷ 全年预算数 (年初预算数 when that is the only budget).
- ``table_share``: a share column (占比, 构成, 比重…) against the amount column on its left, over the
  table's total row, the row's parent, or the sum of the top rows — whichever the table uses.
- ``table_sum``: 合计/总计/小计 rows against the rows they stand for, numbered rows against their
  children ("其中" rows may be partial: only a sum above the parent is wrong), and a 合计 column against
  its part columns (基本支出 + 项目支出) in every row. In a change column (增减额) whose total row's change is
  its own 本期 − 上期, a sum of the parts' changes that misses is a part's fault (``table_change`` reports that
  part on its row): a 提示 on the total, not an 错误.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.audit.context import Context, Relation
from jixiao.audit.docmodel import INCOMPLETE, Cell, Table
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.forms import vocabulary
from jixiao.audit.glued import READ_BY_RATE, READ_NEAR
from jixiao.audit.packed import ROW_SUM_ONLY
from jixiao.audit.readorder import READ_ORDER
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.final_accounts import final_analysis
from jixiao.audit.tables import (
    Column,
    Row,
    Section,
    Value,
    change_operands,
    children,
    half,
    is_rate_row,
    may_be_cut,
    open_group,
    short_header,
    total_parts,
)
from jixiao.audit.tolerance import fmt, quantize, rate_verdict, ratio_bounds
from jixiao.textfmt import number

_AMOUNT_ROLES = ("amount", "actual", "budget_final", "budget_initial", "total", "count", "last_year",
                 "part_basic", "part_project", "part_personnel", "part_public")
_SUM_ROLES = (*_AMOUNT_ROLES, "figure", "change", "fund_general", "fund_gov", "fund_soe", "alloc_before", "alloc_now")
_BLANK = frozenset({"", "-", "—", "——", "–", "/", "／", "0"})


def _by_letter(sec: Section, letter: str) -> Column | None:
    return next((c for c in sec.columns if c.letter == letter), None)


_RECEIVED_RATE = ("到位",)  # words of a rate header naming money received ("预算到位", "资金到位率")
_SCORE_RATE = ("得分",)  # words of a rate header naming a score ("得分率": 得分 ÷ 分值 of a score table)


def is_score_rate(rate: Column) -> bool:
    """A rate column of a score table ("得分率"): its row's 得分 over its 分值, no money."""
    return any(w in rate.header for w in _SCORE_RATE)


def rate_operands(sec: Section, rate: Column) -> tuple[Column, Column, Column | None] | None:
    """(numerator, denominator, other denominator accepted) for a rate column."""
    if is_score_rate(rate):
        score, weight = sec.column("score"), sec.column("weight")
        return (score, weight, None) if score is not None and weight is not None else None
    if rate.formula is not None:
        num, den = _by_letter(sec, rate.formula[0]), _by_letter(sec, rate.formula[1])
        if num is not None and den is not None:
            return num, den, None
    # a rate of money received ("预算到位", "到位率") is over the 到位资金, any other over the 执行数
    actual = sec.column("received" if any(w in rate.header for w in _RECEIVED_RATE) else "actual")
    final, initial = sec.column("budget_final"), sec.column("budget_initial")
    net = sec.column("budget_net")  # the budget after 统筹整合: the form's own denominator, the whole budget accepted
    if net is not None and actual is not None and any(sec.value(r, net) is not None for r in sec.rows):
        return actual, net, final
    if actual is None or (final is None and initial is None):
        return None
    if final is not None:
        return actual, final, initial
    assert initial is not None
    return actual, initial, None


def _percent(v: Value, col: Column) -> tuple[Decimal, int] | None:
    """The stated rate in percent with its decimals; a bare figure is a percentage when the header says
    so or it is above 1.5, else a ratio (0.95)."""
    if v.unit == "%" or "%" in col.header or "％" in col.header:
        return v.value, v.decimals
    if v.unit:
        return None
    if v.value > Decimal("1.5"):
        return v.value, v.decimals
    return v.value * 100, max(v.decimals - 2, 0)


def _verdict(stated: Decimal, places: int, a: Value, b: Value) -> tuple[str | None, Decimal]:
    exact = a.value / b.value * 100
    lo, hi = ratio_bounds(a.value, half(a), b.value, half(b))
    return rate_verdict(stated, places, exact, lo, hi), exact


def check_rates(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        for rc in sec.columns_of("rate"):
            ops = rate_operands(sec, rc)
            if ops is None:
                continue
            num_col, den_col, alt_col = ops
            for row in sec.rows:
                if f"{READ_BY_RATE}{row.number}" in sec.table.notes or is_rate_row(row.label):
                    continue  # this rate chose how the row's glued figures were cut; or a row of changes
                r, a, b = sec.value(row, rc), sec.value(row, num_col), sec.value(row, den_col)
                if r is None or a is None or b is None or b.value <= 0 or a.value < 0:
                    continue
                pct = _percent(r, rc)
                if pct is None:
                    continue
                stated, places = pct
                where = sec.location(row, rc)
                ctx.trace_cells(TABLE_RATE.name, sec, r, [a, b], where)
                verdict, exact = _verdict(stated, places, a, b)
                if verdict is None:
                    continue
                alt = sec.value(row, alt_col) if alt_col is not None else None
                if alt is not None and alt.value > 0 and _verdict(stated, places, a, alt)[0] is None:
                    continue  # the rate uses 年初预算数: the table does not say which budget it means
                expected = f"{fmt(exact, max(places, 2))}%"
                name = short_header(rc.header)
                near = f"{READ_NEAR}{row.number}" in sec.table.notes  # glued amounts cut near this rate: may be cut wrong
                verdict = HINT if near else verdict
                out.append(ctx.cell_finding(
                    TABLE_RATE.name, TABLE_RATE.title, verdict, sec, row, rc, r.raw, expected,
                    [f"{short_header(num_col.header)} {a.raw}", f"{short_header(den_col.header)} {b.raw}"],
                    f"{row.label or '该行'}的{name}写作{r.raw}，按{short_header(num_col.header)}{a.raw}÷"
                    f"{short_header(den_col.header)}{b.raw}计算应为{expected}。"
                    + ("（该行数字连写无分隔，金额按与所填执行率最接近的切分读出，切分可能有误）" if near else ""),
                ))
    return out


def _amounts_left(sec: Section, share: Column) -> list[Column]:
    """Amount columns left of a share column, nearest first, money before counts."""
    left = [c for c in sec.columns if c.index < share.index and c.role in _AMOUNT_ROLES]
    left.reverse()
    return [c for c in left if c.role != "count"] + [c for c in left if c.role == "count"]


def _top_sum(sec: Section, ac: Column) -> tuple[Decimal, int] | None:
    """The sum of column ``ac`` over the body rows at the top depth and its places, when every one of them holds a
    figure and it is above 0 (found once per column: each share cell asks)."""
    body = [r for r in sec.rows if not r.total]
    top = min((x.depth for x in body), default=0)
    vals = [sec.value(r, ac) for r in body if r.depth == top]
    if not vals or any(v is None for v in vals):
        return None
    s = sum((v.value for v in vals if v is not None), Decimal(0))
    return (s, max(v.decimals for v in vals if v is not None)) if s > 0 else None


def _share_denominators(sec: Section, k: int, ac: Column, grand_row: Row | None,
                        top_sum: tuple[Decimal, int] | None) -> list[Value]:
    """What a share in column ``ac`` may be taken of: the row's own 合计 column (a share of the row: 金额 | 比例
    under 省本级 and 转移支付 beside a 合计 column), the row's parent, the grand total row (``grand_row``: the first
    total row at depth 0), the sum of the top rows (``top_sum``: :func:`_top_sum`)."""
    row = sec.rows[k]
    out: list[Value] = []
    if sec.uncertain:
        return out  # a total or a part of unplaced figures: no denominator is certain
    for tc in sec.columns:
        if tc.role == "total" and tc.index != ac.index and (tv := sec.value(row, tc)) is not None and tv.value > 0:
            out.append(tv)
    parent = sec.parents[k]
    pv = sec.value(sec.rows[parent], ac) if parent is not None else None
    if pv is not None and pv.value > 0:
        out.append(pv)
    grand = sec.value(grand_row, ac) if grand_row is not None else None
    if grand is not None and grand.value > 0 and grand not in out:
        out.append(grand)
    if not out and top_sum is not None:
        out.append(Value(top_sum[0], number(top_sum[0]), top_sum[1], "", row.cells[ac.index]))
    return out


def check_shares(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        grand_row = next((r for r in sec.rows if r.total and r.depth == 0), None)
        for sc in sec.columns_of("share"):
            amount_cols = _amounts_left(sec, sc)
            if not amount_cols:
                continue
            top_sums = {ac.index: _top_sum(sec, ac) for ac in amount_cols}
            for k, row in enumerate(sec.rows):
                s = sec.value(row, sc)
                pct = _percent(s, sc) if s is not None else None
                if s is None or pct is None:
                    continue
                stated, places = pct
                tried: list[tuple[Value, Value, str | None, Decimal]] = []
                for ac in amount_cols:
                    a = sec.value(row, ac)
                    if a is None:
                        continue
                    for d in _share_denominators(sec, k, ac, grand_row, top_sums[ac.index]):
                        verdict, exact = _verdict(stated, places, a, d)
                        tried.append((a, d, verdict, exact))
                if not tried:
                    continue
                a, d, _, exact = tried[0]
                ctx.trace_cells(TABLE_SHARE.name, sec, s, [a, d], sec.location(row, sc))
                if any(v is None for _, _, v, _ in tried):
                    continue
                severity = ERROR if all(v == ERROR for _, _, v, _ in tried) else HINT
                expected = f"{fmt(exact, max(places, 2))}%"
                others = "、".join(sorted({f"{fmt(e, max(places, 2))}%" for _, _, _, e in tried[1:]} - {expected}))
                out.append(ctx.cell_finding(
                    TABLE_SHARE.name, TABLE_SHARE.title, severity, sec, row, sc, s.raw, expected,
                    [f"{row.label} {a.raw}", f"总额 {d.raw}"],
                    f"{row.label or '该行'}{short_header(sc.header)}写作{s.raw}，按{a.raw}÷{d.raw}计算应为{expected}"
                    + (f"（按表中其他可能的金额和总额为{others}）" if others else "") + "。",
                ))
    return out


def _sum_tol(parts: list[Value], total: Value) -> Decimal:
    return half(total) + sum((half(p) for p in parts), Decimal(0))


def _sum_ok(parts: list[Value], total: Value) -> bool:
    s = sum((p.value for p in parts), Decimal(0))
    if s == total.value or abs(s - total.value) < _sum_tol(parts, total):
        return True  # rounding intervals overlap (a total's interval is open at its top: half up)
    max_dec = max((p.decimals for p in parts), default=0)
    return 0 < total.decimals < max_dec and quantize(s, total.decimals) == total.value


def _sum_likely(parts: list[Value], total: Value) -> bool:
    """Could rounding alone plausibly explain the difference? The worst case (every term off by half a
    unit the same way) grows with the number of terms, the likely error only with its square root: a
    difference beyond three standard deviations of independent rounding errors (uniform within half a
    unit) is not rounding, even when the worst case would still cover it."""
    s = sum((p.value for p in parts), Decimal(0))
    spread = (3 * sum((half(p) ** 2 for p in [*parts, total]), Decimal(0))).sqrt()
    return abs(s - total.value) <= spread


def sum_verdict(parts: list[Value], total: Value) -> str | None:
    """None when the parts add up to the total under the stated rounding; a 提示 when only the worst case
    of rounding every term the same way reaches the total (many terms, a difference well beyond the
    usual 尾差); an 错误 when no rounding of the written figures does."""
    if not _sum_ok(parts, total):
        return ERROR
    return None if _sum_likely(parts, total) else HINT


def _values(sec: Section, rows: list[Row], col: Column) -> list[Value] | None:
    """Values of ``rows`` in ``col``; a blank row counts as 0 unless rows under it carry figures there
    (then its amount is unknown and None is returned)."""
    out: list[Value] = []
    for row in rows:
        v = sec.value(row, col)
        if v is not None:
            out.append(v)
            continue
        k = sec.rows.index(row)
        if any(sec.value(c, col) is not None for c in children(sec, k)):
            return None
    return out


def _after_inferred_groups(sec: Section, parts: list[Row]) -> int:
    """How many of a total's parts come after the last group the section knows only from its sums
    (``Row.implied``) — rows that may be a group too, whose members a cut left short; 0 without such groups."""
    last = max((k for k, r in enumerate(sec.rows) if r.implied), default=None)
    if last is None:
        return 0
    after = [r.index for r in sec.rows[last + 1:] if r.depth <= sec.rows[last].depth]
    first = min(after, default=None)
    return 0 if first is None else sum(1 for r in parts if r.index >= first)


def _own_change(sec: Section, row: Row, col: Column, total: Value) -> bool:
    """Is ``total``, a change column's figure, its own row's 本期 − 上期 (either sign) under the rounding of the
    written figures? Then a column sum of changes that misses is a part's fault, judged on the part's row."""
    ops = change_operands(sec, col) if col.role == "change" else None
    if ops is None:
        return False
    a, b = sec.value(row, ops[0]), sec.value(row, ops[1])
    if a is None or b is None or "%" in (a.unit, b.unit):
        return False
    minus = [replace(v, value=-v.value) for v in (a, b)]
    return sum_verdict([a, minus[1]], total) is None or sum_verdict([b, minus[0]], total) is None


def _sum_finding(ctx: Context, sec: Section, row: Row, col: Column, total: Value, parts: list[Value],
                 names: list[str], severity: str, what: str) -> AuditFinding:
    s = sum((p.value for p in parts), Decimal(0))
    places = max((p.decimals for p in parts), default=0)
    expected = fmt(s, places) if places else number(s)
    terms = " + ".join(f"{n} {p.raw}" for n, p in zip(names, parts, strict=True))
    return ctx.cell_finding(
        TABLE_SUM.name, TABLE_SUM.title, severity, sec, row, col, total.raw, expected,
        [f"{n} {p.raw}" for n, p in zip(names, parts, strict=True)] + [f"{row.label} {total.raw}"],
        f"{row.label or '合计'}的{short_header(col.header)}写作{total.raw}，但{what}{terms} = {expected}"
        f"，相差{fmt(abs(s - total.value), places) if places else number(abs(s - total.value))}"
        + ("；只有当每一项都朝同一方向四舍五入时才可能相差这么多，通常不是尾差" if severity == HINT and what in ("各分项", "同行")
           else "") + "。",
    )


def check_sums(ctx: Context) -> list[AuditFinding]:
    if final_analysis(ctx) is not None:
        return []  # a published 部门决算: its tables are read by their layout and checked by the final_* rules
    out: list[AuditFinding] = []
    covered: set[tuple[int, int, int]] = set()
    vocab = vocabulary()
    for sec in ctx.sections:
        if not sec.complete:
            continue
        cut = may_be_cut(sec.table, ctx.document.tables)
        cols = [c for c in sec.columns if c.role in _SUM_ROLES
                and f"{ROW_SUM_ONLY}{c.index + 1}" not in sec.table.notes]  # known only as a row's parts
        for col in cols:
            for k, row in enumerate(sec.rows):
                total = sec.value(row, col)
                if total is None:
                    continue
                bound = False  # rows the cut may have left out can only add: a sum above the total is wrong
                if row.total:
                    parts_rows = total_parts(sec, k)
                    exact = True
                    bound = open_group(sec, k, cut)
                else:
                    parts_rows = children(sec, k)
                    exact = not all(r.part for r in parts_rows)
                if len(parts_rows) < 2:
                    continue  # one row under a total: rows may be left out; nothing to add up
                if sec.spans_uncertain([row, *parts_rows]):
                    continue  # a row between them holds figures the rebuild could not place
                values = _values(sec, parts_rows, col)
                if values is None or not values:
                    continue
                where = sec.location(row, col)
                ctx.trace_cells(TABLE_SUM.name, sec, total, values, where)
                s = sum((v.value for v in values), Decimal(0))
                verdict = sum_verdict(values, total) if exact and (not bound or s > total.value) else None
                if exact and verdict is None:
                    continue
                if not exact and s <= total.value + _sum_tol(values, total):
                    continue
                names = [r.label for r in parts_rows if sec.value(r, col) is not None]
                what = "其中各项" if not exact else "已列出的各分项（表格可能未列完）" if bound else "各分项"
                if row.implied and not row.total:  # the parts are its parts only because other columns add up
                    verdict, what = HINT, "其下各行（表格文字未保留层级，从属关系按其他列的合计推断）"
                elif row.total and cut and _after_inferred_groups(sec, parts_rows) >= 2:
                    # the cut may have left the table's last group short, so that its sums no longer show it
                    verdict, what = HINT, "各分项（表格文字未保留层级，哪些行属于下一级按各行的合计推断，表格可能未列完）"
                if _own_change(sec, row, col, total):  # a part's change is off: table_change judges it on its row
                    verdict, what = HINT, "各分项（合计的增减额与本行本期、上期数相符，差异在某一分项的增减额）"
                if READ_ORDER in sec.table.notes:  # each figure's item is taken from reading order only
                    verdict, what = HINT, "按文字先后归属各项的数字（表格按阅读顺序连成一行，行列关系未保留）"
                out.append(_sum_finding(ctx, sec, row, col, total, values, names, verdict or ERROR, what))
        for whole_role, part_roles in vocab.column_sums:
            whole = sec.column(whole_role)
            parts = [sec.column(r) for r in part_roles]
            if whole is None or any(p is None for p in parts):
                continue
            if any(len(sec.filled_columns(r)) > 1 for r in part_roles):
                continue  # a part stated in two filled columns (提前下达 under two 其中 groups): no pairing is sure
            pcols = [p for p in parts if p is not None]
            for row in sec.rows:
                if is_rate_row(row.label):
                    continue  # a row of changes in percent does not add up across columns
                total = sec.value(row, whole)
                vals = [sec.value(row, p) for p in pcols]
                if total is None or all(v is None for v in vals) or any(
                        v is None and row.cells[p.index].text.strip() not in _BLANK for v, p in zip(vals, pcols, strict=True)):
                    continue  # no part filled, or a part holding text: nothing to add up
                got = [v for v in vals if v is not None]
                covered.add((sec.table.number, total.cell.row, total.cell.col))
                ctx.trace_cells(TABLE_SUM.name, sec, total, got, sec.location(row, whole))
                verdict = sum_verdict(got, total)
                if verdict is None:
                    continue
                named = [short_header(p.header) if f"{ROW_SUM_ONLY}{p.index + 1}" not in sec.table.notes
                         else "分栏（所在列不明）" for p, v in zip(pcols, vals, strict=True) if v is not None]
                out.append(_sum_finding(ctx, sec, row, whole, total, got, named, verdict, "同行"))
    out.extend(_column_tree_sums(ctx, covered))
    return out


def _cell_where(table: Table, cell: Cell, name: str) -> str:
    """“第7行（表1 第5行 合计 决算数）”, “表1!B7（…）”, “第3页 表1 第5行 …”, as :meth:`Section.location` says it."""
    head = f"表{table.number} 第{cell.row}行 {name}"
    if table.sheet is not None and cell.ref:
        return f"{table.sheet}!{cell.ref}（{head}）"
    if table.page is not None:
        return f"第{table.page}页 {head}"
    if cell.line is not None:
        return f"第{cell.line}{'段' if table.source == 'docx' else '行'}（{head}）"
    return head


def _column_tree_sums(ctx: Context, covered: set[tuple[int, int, int]]) -> list[AuditFinding]:
    """合计/小计 columns under a header tree (the “三公” table): see :mod:`jixiao.audit.rules.table_columns`."""
    from jixiao.audit.rules.table_columns import column_checks

    out: list[AuditFinding] = []
    for table in ctx.document.tables:
        if INCOMPLETE in table.notes:
            continue
        for chk in column_checks(table):
            if f"uncertain_row:{chk.total.cell.row}" in table.notes:
                continue
            if (table.number, chk.total.cell.row, chk.total.cell.col) in covered:
                continue  # judged already as a column group of the vocabulary (合计 = 基本支出 + 项目支出)
            cells = [chk.total.cell, *(p.cell for p in chk.parts)]
            where = _cell_where(table, chk.total.cell, chk.total_name)
            ctx.relations.append(Relation(TABLE_SUM.name, chk.total.value, tuple(p.value for p in chk.parts), where,
                                          tuple(c.line for c in cells if c.line is not None),
                                          cell=(table.number, chk.total.cell.row, chk.total.cell.col)))
            s = sum((p.value for p in chk.parts), Decimal(0))
            verdict = sum_verdict(list(chk.parts), chk.total) if chk.exact else (
                ERROR if s > chk.total.value + _sum_tol(list(chk.parts), chk.total) else None)
            if verdict is None:
                continue
            verdict = HINT if chk.hint else verdict
            places = max((p.decimals for p in chk.parts), default=0)
            expected = fmt(s, places) if places else number(s)
            terms = " + ".join(f"{n} {p.raw or '0'}" for n, p in zip(chk.names, chk.parts, strict=True))
            row = table.rows[chk.row]
            out.append(AuditFinding(
                rule=TABLE_SUM.name, title=TABLE_SUM.title, severity=verdict,
                quote=" | ".join(c.text for c in row), location=where, stated=chk.total.raw, expected=expected,
                figures=tuple(f"{n} {p.raw or '0'}" for n, p in zip(chk.names, chk.parts, strict=True)),
                explanation=f"{chk.total_name}栏写作{chk.total.raw}，但{'其中各栏' if not chk.exact else '各分栏'}{terms} = {expected}。",
                file=ctx.document.path, line=chk.total.cell.line,
            ))
    return out


TABLE_RATE = Rule("table_rate", "表格比率与金额不符", "表格中执行率等比率列与同行的执行数、预算数不符（按表头字母公式或执行数÷预算数）。",
                  check_rates)
TABLE_SHARE = Rule("table_share", "表格占比与金额不符", "表格中占比（构成、比重）列与金额列、合计行不符。", check_shares)
TABLE_SUM = Rule("table_sum", "表格合计与分项不符", "表格中合计（总计、小计）行与其分项行之和不符，或合计列与同行分项列之和不符。", check_sums)
