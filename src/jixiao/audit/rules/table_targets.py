"""``table_score_target``: an indicator row's 得分 against whether its 实际完成值 meets its 年度指标值.

The national 自评表 scores an indicator in full when its target is met; a row that meets its target
(by the comparison its 指标值 or 指标性质 column states: ≥, ≤, =; or the same words, or a 完成值 of
"完成") but loses points, or one that misses a stated target yet keeps full marks, is a 提示: the
scorer may have had reasons the table does not give (quality, evidence, a partial rule); a row whose
偏差原因 cell explains its lost points is not questioned. Where the
document itself states that a met target scores in full, a met target scored below full is an 错误.
Rows whose comparison cannot be read (no sign and unequal figures, different units) are not judged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from jixiao.audit.context import Context
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Column, Row, Section, Value, short_header

_SIGNS = {"≥": ">=", "≧": ">=", "不低于": ">=", "不少于": ">=", "大于等于": ">=", "大于或等于": ">=", "以上": ">=",
          "≤": "<=", "≦": "<=", "不高于": "<=", "不超过": "<=", "小于等于": "<=", "小于或等于": "<=", "以内": "<=",
          "以下": "<=", "控制在": "<=", "=": "=", "﹦": "=", "＝": "=", "达到": ">=",
          ">": ">", "＞": ">", "大于": ">", "高于": ">", "<": "<", "＜": "<", "小于": "<", "低于": "<",
          ">=": ">=", "＞=": ">=", "<=": "<=", "＜=": "<="}  # ASCII pairs: ">=4754人", "<=5300元/户"
_SIGN = "|".join(sorted((re.escape(k) for k in _SIGNS), key=len, reverse=True))
# a unit per something counts as one unit: "元/户", "元/人*月", "元/人·月"
_FIGURE = re.compile(rf"^(?P<pre>{_SIGN})?(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[%％‰]|[\u4e00-\u9fff]{{0,4}}(?:[/*·][\u4e00-\u9fff]{{1,2}}){{0,2}})"
                     rf"(?P<post>以上|以内|以下)?$")
_DONE = frozenset({"完成", "已完成", "全部完成", "按期完成", "按时完成", "达成", "已达成", "达到", "已达到", "达标", "是", "实现",
                   "已实现", "100%完成"})
_RULE_STATED = re.compile(r"(?:达到|完成|实现)了?(?:年度|预期)?(?:绩效)?(?:指标)?(?:目标|指标)值?(?:要求)?的?[，,]?即?(?:得|计|给予?)满分")
_NATURE_HEADERS = ("指标性质", "指标方向", "符号", "比较")
_UNIT_HEADERS = ("度量单位", "计量单位", "单位")


@dataclass(frozen=True)
class _Figure:
    sign: str | None
    value: Decimal
    unit: str


def _figure(text: str, sign: str | None = None, unit: str = "") -> _Figure | None:
    t = text.replace(" ", "").replace("\u3000", "").replace(",", "").replace("，", "")
    m = _FIGURE.match(t)
    if not m:
        return None
    try:
        v = Decimal(m.group("num"))
    except InvalidOperation:
        return None
    found = m.group("pre") or m.group("post")
    u = m.group("unit").replace("％", "%") or unit
    return _Figure(_SIGNS[found] if found else sign, v, "%" if u == "百分比" else u)


# a date a 时效指标 is held to or was done by: "9月前", "11月底前", "2019年", "2023年10月" (a deadline is met on or before)
_DATE = re.compile(r"^(?:(?P<y>\d{4})年(?:度)?)?(?:(?P<m>\d{1,2})月(?:份)?)?(?:底|末|中旬|上旬|下旬)?"
                   r"(?:前|以前|之前|内|以内)?(?:完成|完工|前完成)?$")


def _date(text: str) -> tuple[int | None, int | None] | None:
    m = _DATE.match(text.replace(" ", ""))
    if m is None or not (m.group("y") or m.group("m")):
        return None
    month = int(m.group("m")) if m.group("m") else None
    if month is not None and not 1 <= month <= 12:
        return None
    return (int(m.group("y")) if m.group("y") else None, month)


def _deadline_met(target: str, got: str) -> bool | None:
    """Was a 时效 target ("9月前", "2019年") met by the date achieved ("7月", "2020年")? None unless both are dates
    written to the same parts (a year on both or on neither; a month where the target names one)."""
    t, g = _date(target), _date(got)
    if t is None or g is None or (t[0] is None) != (g[0] is None) or (t[1] is not None and g[1] is None):
        return None
    if t[1] is None:
        return t[0] is not None and g[0] is not None and g[0] <= t[0]
    return (g[0] or 0, g[1] or 0) <= (t[0] or 0, t[1])


def _met(target: _Figure, got: _Figure) -> bool | None:
    """Does ``got`` meet ``target``? None when the comparison cannot be read."""
    if target.unit and got.unit and target.unit != got.unit:
        return None
    a, b = got.value, target.value
    sign = target.sign
    if sign is None and target.unit == "%" and b == 100 and a < b:
        return False  # an unsigned 100 % (a ceiling: read as ≥ or as =) is missed by any lower share
    if sign is None:
        return True if a == b else None
    return {">=": a >= b, "<=": a <= b, "=": a == b, ">": a > b, "<": a < b}[sign]


def _by_header(sec: Section, words: tuple[str, ...]) -> Column | None:
    return next((c for c in sec.columns if any(w in short_header(c.header) for w in words)
                 and c.role not in ("target", "achieved", "weight", "score")), None)


def _text(sec: Section, row: Row, col: Column | None) -> str:
    """A cell's text; a merged copy reads its origin on the same row (指标值 merged with 完成值: both
    say the same), not one from a row above."""
    if col is None or col.index >= len(row.cells):
        return ""
    cell = row.cells[col.index]
    if cell.origin is not None:
        if cell.origin[0] != cell.row:
            return ""
        cell = sec.table.rows[cell.origin[0] - 1][cell.origin[1] - 1]
    return cell.text.strip()


def _rule_stated(ctx: Context) -> bool:
    if "target_rule_stated" not in ctx.memo:
        texts = [b.text for b in ctx.document.blocks] + [n for t in ctx.document.tables for n in (t.caption, *t.notes)]
        ctx.memo["target_rule_stated"] = any(_RULE_STATED.search(t) for t in texts)
    return bool(ctx.memo["target_rule_stated"])


def _judge(sec: Section, row: Row, tc: Column, ac: Column, nature: Column | None, unit: Column | None) -> bool | None:
    target, got = _text(sec, row, tc), _text(sec, row, ac)
    if not target or not got:
        return None
    if got in _DONE:
        return True
    deadline = _deadline_met(target, got)
    if deadline is not None:
        return deadline
    sign = _SIGNS.get(_text(sec, row, nature)) if nature is not None else None
    u = _text(sec, row, unit) if unit is not None else ""
    t = _figure(target, sign, u)
    g = _figure(got, None, u)
    if t is None or g is None:
        return True if t is None and g is None and target == got else None
    return _met(t, g)


def check_targets(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        tc, ac, wc, sc = (sec.column(r) for r in ("target", "achieved", "weight", "score"))
        if tc is None or ac is None or wc is None or sc is None:
            continue
        nature, unit = _by_header(sec, _NATURE_HEADERS), _by_header(sec, _UNIT_HEADERS)
        for row in sec.rows:
            if row.total:
                continue
            w, s = sec.value(row, wc), sec.value(row, sc)
            if w is None or s is None or w.value <= 0:
                continue
            met = _judge(sec, row, tc, ac, nature, unit)
            if met is None:
                continue
            operands: list[Value] = [w]
            got = sec.value(row, ac)
            if got is not None:
                operands.insert(0, got)
            ctx.trace_cells(TARGET.name, sec, s, operands, sec.location(row, sc))
            target, achieved = _text(sec, row, tc), _text(sec, row, ac)
            reason = _text(sec, row, sec.column("reason"))
            if met and s.value < w.value and reason.strip("—-/无 ") == "":  # a stated reason explains the points off
                stated = _rule_stated(ctx)
                basis = "报告写明达到目标得满分" if stated else "报告未写明计分规则；按通行做法，达到目标应得满分"
                out.append(ctx.cell_finding(
                    TARGET.name, TARGET.title, ERROR if stated else HINT, sec, row, sc, s.raw, w.raw,
                    [f"指标值 {target}", f"完成值 {achieved}", f"分值 {w.raw}"],
                    f"{row.label or '该行'}完成值{achieved}已达到指标值{target}，得分{s.raw}低于分值{w.raw}（{basis}）。",
                ))
            elif not met and s.value >= w.value:
                out.append(ctx.cell_finding(
                    TARGET.name, TARGET.title, HINT, sec, row, sc, s.raw, f"<{w.raw}",
                    [f"指标值 {target}", f"完成值 {achieved}", f"分值 {w.raw}"],
                    f"{row.label or '该行'}完成值{achieved}未达到指标值{target}，却得满分{s.raw}（除非评分标准允许，未完成目标通常应扣分）。",
                ))
    return out


TARGET = Rule("table_score_target", "表格得分与目标完成情况不符",
              "绩效指标行完成值已达到指标值却未得满分，或未达到却得满分（报告写明“达到目标得满分”时前者为错误，否则为提示）。",
              check_targets)
