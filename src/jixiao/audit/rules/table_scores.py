"""Scores in tables (绩效指标表, 评分表, the 项目资金 block of a 自评表).

- ``table_score_le_max``: a 得分 above its row's 分值.
- ``table_weight_sum``: the 分值 of the rows of a block against the block's 分值 ("产出指标（50分）" or a
  first-level row), and all 分值 (with the 项目资金 block's 分值 when the 总分 row counts it) against
  the 总分 row.
- ``table_score_sum``: the same for 得分: rows against their block's 得分 and against the stated 总分.
- ``table_score_rule``: the 项目资金 row's 得分 against 执行率 × 分值 (a rate above 100% counts as 100%; the 分值
  may be stated with the rule in the 得分 header, "得分（20分*执行率）").
  Where the document states this rule, a difference is an 错误; where it does not, the rule is the
  national template's and a difference is a 提示 that says so.

Levels come from the 一级/二级/三级指标 columns: a row belongs to the deepest level whose cell it fills;
merged cells (and, in a rebuilt table, a repeated block label) keep the rows of one block together.
A rebuilt table whose rows could not all be rebuilt is not summed.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from jixiao.audit.context import Context
from jixiao.audit.docmodel import CUT_END, DECLARED, TOTAL_EITHER, UNSUMMED
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.glued import READ_BY_RATE, READ_BY_RULE, READ_NEAR
from jixiao.audit.rules.base import Rule
from jixiao.audit.rules.table_money import is_score_rate, rate_operands
from jixiao.audit.tables import Column, Row, Section, Value, _marker_depth, short_header
from jixiao.audit.tolerance import quantize
from jixiao.textfmt import number

_WEIGHT_IN_NAME = re.compile(r"[（(]\s*(\d{1,3}(?:\.\d+)?)\s*分\s*[)）]")
# a bare number in brackets before or after a block's name ("决策(10)", "(10)绩效目标"): a 分值 only when proven
_BARE_WEIGHT = re.compile(r"^\s*[（(]\s*(\d{1,3}(?:\.\d+)?)\s*[)）](?=\s*[\u4e00-\u9fff])"
                          r"|(?<=[\u4e00-\u9fff])\s*[（(]\s*(\d{1,3}(?:\.\d+)?)\s*[)）]\s*$")
_BARE_NOTE = "（括号中的数未写“分”；同表同级另有指标括号中的数恰等于其下各项分值之和，故按分值读，仅作提示）"
_PROPORTIONAL = re.compile(
    r"执行率\s*[×*xX]\s*(?:该指标|本项|该项)?(?:分值|权重|10分?(?!\d))|(?:分值|权重)\s*[×*xX]\s*(?:预算|资金)?执行率"
    r"|按(?:预算|资金)?执行率(?:比例|折算)?(?:计分|得分|计算得分|计算)|\d{1,3}分\s*[×*xX]\s*(?:预算|资金)?执行率"
)
_RULE_IN_HEADER = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*分\s*[×*xX]\s*(?:预算|资金)?执行率")  # "得分（20分*执行率）"
_LEVELS = ("level1", "level2", "level3")
_BY_SCORES = ("（表中无分值列，各项得分不超过其分值：各项得分连同项目资金分值{fund}已超过100分，总分却只等于各项得分之和、"
              "未含项目资金；若各项得分另经折算，请在表中说明）")
_OUTSIDE_BLOCK = ("（各项分值连同项目资金分值合计超过100分；总分只等于各指标之和，似只合计指标块、未含项目资金一行，"
                  "请核对总分是否应含项目资金）")
_FUND_READ = "（项目资金一行的数字在文字中连写，按该行自身的执行率（及计分规则）切分，故仅作提示）"


@dataclass(frozen=True)
class ScoreRow:
    row: Row
    level: int  # 1..3; 3 when the table has no level columns
    weight: Value | None
    score: Value | None
    blocks: tuple[tuple[int, str], ...]  # (key, text) of the level-1 and level-2 block the row is in


def _text_of(sec: Section, row: Row, col: Column) -> tuple[str, bool]:
    """(text, own) of a level cell: a merged copy reads its origin's text."""
    cell = row.cells[col.index]
    if cell.is_copy and cell.origin is not None:
        return sec.table.rows[cell.origin[0] - 1][cell.origin[1] - 1].text, False
    return cell.text, bool(cell.text)


def _weight_from_name(text: str, cell_row: Row, sec: Section, level: int = 0,
                      pattern: re.Pattern[str] = _WEIGHT_IN_NAME) -> Value | None:
    """The 分值 written in a level cell's name; the Value points at that cell (its origin when merged)."""
    m = list(pattern.finditer(text))
    if not m:
        return None
    raw = next(g for g in m[-1].groups() if g is not None)
    cell = cell_row.cells[0]
    col = sec.column(_LEVELS[level - 1]) if 1 <= level <= len(_LEVELS) else None
    if col is not None and col.index < len(cell_row.cells):
        cell = cell_row.cells[col.index]
        if cell.origin is not None:
            cell = sec.table.rows[cell.origin[0] - 1][cell.origin[1] - 1]
    return Value(Decimal(raw), raw, len(raw.partition(".")[2]), "分", cell)


def _name_weight(row: Row, sec: Section, level: int, texts: list[str]) -> Value | None:
    """The 分值 of a row without a 分值 column: written in its own deepest level cell ("决策依据（4分）") when that
    cell states one, else in the row's name. The level cell comes first because the criteria cell of a 计分表 also
    holds points ("符合法律法规(1分) 列入工作计划(1分)"), which are parts of the criterion, not the row's 分值."""
    own = texts[level - 1] if 1 <= level <= len(texts) else ""
    if own and _WEIGHT_IN_NAME.search(own):
        return _weight_from_name(own, row, sec, level)
    return _weight_from_name(row.label, row, sec)


def level_weights(sec: Section) -> dict[int, Column]:
    """A 分值 column for each level ("一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | … | 得分"): depth → the 分值
    column right after that level's column; empty unless at least two levels have one."""
    out: dict[int, Column] = {}
    for depth, name in enumerate(_LEVELS, start=1):
        col = sec.column(name)
        after = next((c for c in sec.columns if col is not None and c.index == col.index + 1), None)
        if after is not None and after.role == "weight":
            out[depth] = after
    return out if len(out) >= 2 else {}


def score_rows(sec: Section) -> list[ScoreRow]:
    levels = [sec.column(name) for name in _LEVELS]
    wcol, scol = sec.column("weight"), sec.column("score")
    per_level = level_weights(sec)
    out: list[ScoreRow] = []
    keys: list[int] = [0, 0]
    last: list[str] = ["", ""]
    totals = [k for k, r in enumerate(sec.rows) if r.total]
    # a column that marks merged cells as copies: an own cell opens a block even when its text repeats; in a column
    # without merged cells (a sheet that writes the block's name on every row) a repeated name continues its block
    merged = {c.col - 1 for r in sec.table.rows for c in r if c.is_copy}
    for k, row in enumerate(sec.rows):
        if row.total or (k == 0 and DECLARED in sec.table.notes):
            continue
        if totals and k > totals[-1] and (wcol is None or sec.value(row, wcol) is None) and (
                scol is None or sec.value(row, scol) is None):
            continue  # rows after the 总分 row (评价结论, 存在问题…) are not indicators
        level = 0
        texts: list[str] = []
        for depth, col in enumerate(levels, start=1):
            if col is None:
                texts.append("")
                continue
            text, own = _text_of(sec, row, col)
            texts.append(text)
            if own:
                level = depth
                if depth <= 2 and (text != last[depth - 1] or col.index in merged):
                    keys[depth - 1] += 1
                    if depth == 1:
                        keys[1] += 1
                        last[1] = ""
                    last[depth - 1] = text
        if not any(levels):
            level = 3
        if level == 0 and _continues(sec, row, levels, wcol) and not per_level:
            level = max(depth for depth, col in enumerate(levels, start=1) if col is not None)
        if level == 0:
            continue
        if per_level:
            weight = sec.value(row, per_level[level]) if level in per_level else None
        else:
            weight = sec.value(row, wcol) if wcol is not None else _name_weight(row, sec, level, texts)
        score = sec.value(row, scol) if scol is not None else None
        out.append(ScoreRow(row, level, weight, score, ((keys[0], texts[0]), (keys[1], texts[1]))))
    return _numbered(out)


def _continues(sec: Section, row: Row, levels: list[Column | None], wcol: Column | None) -> bool:
    """Is a row without a level cell of its own one more criterion of the indicator above: its deepest level cell
    merged down from that indicator's ("账务管理" over "纳入乡镇账户管理 2" and "专账核算 1"), with a 分值 of its own?
    Then its 分值 is one more part of the blocks above it, as the indicator's own row is."""
    deepest = next((c for c in reversed(levels) if c is not None), None)
    return (deepest is not None and wcol is not None and deepest.index < len(row.cells)
            and row.cells[deepest.index].is_copy and sec.value(row, wcol) is not None)


def unplaced_figures(sec: Section) -> bool:
    """Does a body row hold a 分值 or 得分 without a level cell of its own (its name in a column that is not a level,
    "一级指标 | 二级指标 | 指标内容 | 分值 | 得分" with the first two blank)? Then the rows cannot be put in their
    blocks with confidence and no sum is judged over them."""
    levels = [c for c in (sec.column(name) for name in _LEVELS) if c is not None]
    figures = [c for c in (sec.column("weight"), sec.column("score")) if c is not None]
    if not levels or not figures:
        return False
    for k, row in enumerate(sec.rows):
        if row.total or (k == 0 and DECLARED in sec.table.notes):
            continue
        if any(_text_of(sec, row, col)[1] or row.cells[col.index].is_copy for col in levels
               if col.index < len(row.cells)):
            continue
        if any(sec.value(row, c) is not None for c in figures):
            return True
    return False


def _numbered(rows: list[ScoreRow]) -> list[ScoreRow]:
    """三级指标 numbered at two depths in one block ("一、示范区建立" over "1、水稻…", "2、玉米…"): a row of the
    deeper numbering sits under the row of the shallower one above it, one level down."""
    out: list[ScoreRow] = []
    head: tuple[int, tuple[tuple[int, str], ...]] | None = None  # (numbering depth, blocks) of the last head
    for r in rows:
        depth = _marker_depth(r.row.label.strip()) if r.level == 3 else None
        if depth is not None and head is not None and depth > head[0] and r.blocks == head[1]:
            out.append(replace(r, level=4))
            continue
        head = (depth, r.blocks) if depth is not None else None
        out.append(r)
    return out


_MONEY_ROLES = ("budget_initial", "budget_final", "actual")


def _scored(sec: Section) -> bool:
    """An indicator table: 得分 with 分值 or indicator levels. The 项目资金 block (amount columns) is not one: each
    of its rows may repeat the block's 分值, which is not the sum of its 其中 rows'."""
    return sec.column("score") is not None and (sec.column("weight") is not None or sec.column("level3") is not None
                                                ) and not any(sec.column(r) is not None for r in _MONEY_ROLES)


def _fund_section(ctx: Context, sec: Section) -> Section | None:
    """The 项目资金 block scored together with these indicators (same or previous table)."""
    secs = ctx.sections
    k = secs.index(sec)
    for prev in reversed(secs[:k]):
        if prev.table.number < sec.table.number - 1:
            break
        rate = prev.column("rate")
        if rate is not None and not is_score_rate(rate) and (prev.column("weight") is not None or (
                sec.column("weight") is None and _fund_weight_column(prev) is not None)):
            return prev  # (a block stating its 分值 only in its 得分 header: for indicators without 分值 only)
    return None


def _fund_weight_column(sec: Section) -> Column | None:
    """The column that carries the 项目资金 block's 分值: its 分值 column, or its 得分 column when the 得分 header
    states the 分值 with its rule ("得分（20分*执行率）")."""
    wc, sc = sec.column("weight"), sec.column("score")
    if wc is not None:
        return wc
    return sc if sc is not None and _header_weight(sec, sc) is not None else None


def _fund_weight(sec: Section, row: Row) -> Value | None:
    """The 项目资金 row's 分值: its 分值 cell, or the 分值 stated in the 得分 header."""
    wc, sc = sec.column("weight"), sec.column("score")
    if wc is not None:
        return sec.value(row, wc)
    return _header_weight(sec, sc) if sc is not None else None


def _fund_row(sec: Section) -> Row | None:
    w = _fund_weight_column(sec)
    if w is None:
        return None
    rows = [r for r in sec.rows if sec.value(r, w) is not None]
    return next((r for r in rows if r.total), rows[0] if rows else None)


def _own_weights(sec: Section) -> list[tuple[Row, Value | None]]:
    """(row, 分值) of a score sheet without a 分值 column whose level cells state their 分值 ("决策依据（4分）"):
    only a row's own deepest level cell counts (a block's name over it states the block's 分值)."""
    if sec.column("level3") is None and sec.column("level2") is None:
        return []
    out: list[tuple[Row, Value | None]] = []
    for r in score_rows(sec):
        col = sec.column(_LEVELS[min(r.level, 3) - 1])
        if r.weight is None or col is None or r.weight.cell is not r.row.cells[col.index]:
            continue
        out.append((r.row, r.weight))
    return out


def row_weights(sec: Section) -> list[tuple[Row, Value | None]]:
    """Each row's own 分值: its 分值 cell; with a 分值 column per level, the one after the row's deepest level (a 总分
    row's in the first); without a 分值 column, the 分值 written in its own deepest level cell."""
    wcol = sec.column("weight")
    if level_weights(sec) and wcol is not None:
        return [(r.row, r.weight) for r in score_rows(sec)] + [(row, sec.value(row, wcol)) for row in sec.rows
                                                                if row.total]
    if wcol is None:
        return _own_weights(sec)
    return [(row, sec.value(row, wcol)) for row in sec.rows]


@cache
def _bonus_words() -> tuple[re.Pattern[str], re.Pattern[str], tuple[str, ...]]:
    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("score_bonus.yaml").read_text(encoding="utf-8"))
    return re.compile(data["cap"]), re.compile(data["bonus"]), tuple(data["unstated"])


def row_bonus(row: Row) -> Decimal | None:
    """The points a row's criterion grants above its 分值 (data/score_bonus.yaml): 0 when it grants none, None when
    it names a bonus without a figure."""
    text = "".join(c.text for c in row.cells if not c.is_copy)
    cap, bonus, unstated = _bonus_words()
    if caps := cap.findall(text):
        return max(Decimal(x) for x in caps)
    if figures := bonus.findall(text):
        return sum((Decimal(x) for x in figures), Decimal(0))
    return None if any(w in text for w in unstated) else Decimal(0)


def check_le_max(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        wcol, scol = sec.column("weight"), sec.column("score")
        if scol is None:
            continue
        for row, w in row_weights(sec):
            s = sec.value(row, scol)
            if w is None or s is None:
                continue
            where = sec.location(row, scol)
            ctx.trace_cells(SCORE_LE_MAX.name, sec, s, [w], where)
            if s.value <= w.value:
                continue
            extra = row_bonus(row)
            if extra is None or s.value <= w.value + extra:
                continue  # a criterion granting bonus points allows a 得分 above the 分值
            named = short_header(wcol.header) if wcol is not None else "分值"
            most = f"≤{w.raw}" if not extra else f"≤{number(w.value + extra)}"
            plus = f"（连同评分标准所列加分{number(extra)}分，至多{number(w.value + extra)}分）" if extra else ""
            out.append(ctx.cell_finding(
                SCORE_LE_MAX.name, SCORE_LE_MAX.title, ERROR, sec, row, scol, s.raw, most,
                [f"{named} {w.raw}", f"{short_header(scol.header)} {s.raw}"],
                f"{row.label or '该行'}得分{s.raw}，超过其分值{w.raw}{plus}。",
            ))
    return out


def _total_ok(parts: list[Value], total: Value, extra: list[Value], need_extra: bool = False) -> bool:
    s = sum((p.value for p in parts), Decimal(0))
    for add in ([extra] if need_extra else [[], extra]):
        t = s + sum((e.value for e in add), Decimal(0))
        if t == total.value or (total.decimals < max((p.decimals for p in parts), default=0)
                                and quantize(t, total.decimals) == total.value):
            return True
    return False


@dataclass
class _Node:
    """A row (or a block known only from its merged first-level cell) with the rows under it."""

    row: ScoreRow | None
    level: int
    key: tuple[int, str]
    children: list[_Node]

    def value(self, which: str, sec: Section) -> Value | None:
        if self.row is not None:
            v: Value | None = getattr(self.row, which)
            return v
        first = _first_row(self)
        if which == "weight" and first is not None:
            per_level = level_weights(sec)
            if per_level:  # the block's own 分值 cell, on its first row
                return sec.value(first.row, per_level[self.level]) if self.level in per_level else None
            return _weight_from_name(self.key[1], first.row, sec, self.level)
        return None


def _first_row(node: _Node) -> ScoreRow | None:
    """The first row under a block known only from its merged cell (a second-level block may sit between)."""
    while node.row is None and node.children:
        node = node.children[0]
    return node.row


def _tree(rows: list[ScoreRow], level2_weights: bool = False) -> list[_Node]:
    """Top nodes of the indicator tree. A row's parent is the last row of a lower level; rows of a
    first-level block that has no row of its own hang under a node for the block (and of a second-level block that
    states its 分值, in its name or — ``level2_weights`` — in a 分值 column of its own)."""
    top: list[_Node] = []
    stack: list[_Node] = []
    for r in rows:
        if r.level > 1 and (not stack or stack[0].key != r.blocks[0]) and r.blocks[0][1]:
            head = _Node(None, 1, r.blocks[0], [])
            top.append(head)
            stack = [head]
        if r.level > 2 and r.blocks[1][1] and (
                level2_weights or _WEIGHT_IN_NAME.search(r.blocks[1][1]) or _after_level2_head(stack, r)) and not any(
                n.level == 2 and n.key == r.blocks[1] for n in stack):
            # a second-level cell stating its 分值 ("数量指标（20分）", merged over its rows) with no row of its own;
            # or one that states none after such a cell: its rows are its own block (a node without 分值, so neither
            # it nor the first-level block above it is summed), never more rows of the block before
            while stack and stack[-1].level >= 2:
                stack.pop()
            head2 = _Node(None, 2, r.blocks[1], [])
            (stack[-1].children if stack else top).append(head2)
            stack.append(head2)
        node = _Node(r, r.level, r.blocks[0] if r.level == 1 else r.blocks[min(r.level, 2) - 1], [])
        while stack and (stack[-1].level >= r.level or _other_level2(stack[-1], r)):
            stack.pop()
        (stack[-1].children if stack else top).append(node)
        stack.append(node)
    return _pruned(top)


def _after_level2_head(stack: list[_Node], r: ScoreRow) -> bool:
    """Is a block known only from another second-level cell open ("（10分）科学决策" before a "（10）绩效目标" whose
    分值 is not read)? Then ``r`` belongs to a second-level block of its own, not to that one."""
    return any(n.level == 2 and n.row is None and n.key != r.blocks[1] for n in stack)


def _pruned(nodes: list[_Node]) -> list[_Node]:
    """The tree without rows that carry neither 分值 nor 得分 and hold nothing ("经济效益指标" left empty):
    they add nothing to their block."""
    for n in nodes:
        n.children = _pruned(n.children)
    return [n for n in nodes if not _empty(n)]


def _other_level2(node: _Node, r: ScoreRow) -> bool:
    """A third-level row under another second-level cell than this second-level row's ("社会效益指标" after
    an empty "经济效益指标" row): not its child."""
    return node.row is not None and node.level == 2 and r.level == 3 and node.key[0] != r.blocks[1][0]


def _nest(node: _Node, sec: Section) -> None:
    """A fourth level written in the third-level column ("支付进度率 6" over "上半年 3", "全年 3"): when
    the children do not add up to the node's 分值 but do once a child that equals the sum of the next
    siblings is read as their group, read them so."""
    for child in node.children:
        _nest(child, sec)
    stated = node.value("weight", sec)
    weights = [c.value("weight", sec) for c in node.children]
    if stated is None or any(w is None for w in weights) or len(weights) < 3:
        return
    ws = [w.value for w in weights if w is not None]
    if sum(ws) == stated.value:
        return
    kids = node.children
    candidates: list[tuple[int, int]] = []  # (group, end): kids[group] equals kids[group+1:end] added up
    for i in range(len(kids)):
        acc, j = Decimal(0), i + 1
        while j < len(kids) and acc < ws[i]:
            acc += ws[j]
            j += 1
        if j - i - 1 >= 2 and acc == ws[i] and not kids[i].children:
            candidates.append((i, j))
    for size in range(1, min(3, len(candidates)) + 1):
        for chosen in itertools.combinations(candidates, size):
            if any(a[1] > b[0] for a, b in itertools.pairwise(chosen)):
                continue  # overlapping groups
            nested = {k for g, e in chosen for k in range(g + 1, e)}
            if sum((w for k, w in enumerate(ws) if k not in nested), Decimal(0)) != stated.value:
                continue
            groups = dict(chosen)
            out: list[_Node] = []
            for k, kid in enumerate(kids):
                if k in nested:
                    continue
                out.append(_Node(kid.row, kid.level, kid.key, kids[k + 1:groups[k]]) if k in groups else kid)
            node.children = out
            return


def _empty(node: _Node) -> bool:
    """A row with neither 分值 nor 得分 and nothing under it."""
    return node.row is not None and node.row.weight is None and node.row.score is None and not node.children


def _leaves(nodes: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    for n in nodes:
        out.extend(_leaves(n.children) if n.children else [n])
    return out


def _walk(nodes: list[_Node]) -> list[_Node]:
    out: list[_Node] = []
    for n in nodes:
        out.append(n)
        out.extend(_walk(n.children))
    return out


def _cut_block(ctx: Context, sec: Section, top: list[_Node]) -> list[_Node]:
    """A table with no 总分 row that ends the document, or whose reading stopped at a row it could not read
    (``CUT_END``), may be cut off: its last block, and the last block inside that, and so on, may miss rows (a
    block followed by another of its level is whole)."""
    last = sec.table is ctx.document.tables[-1] or CUT_END in sec.table.notes
    if any(r.total for r in sec.rows) or not top or not last:
        return []
    chain = [top[-1]]
    while chain[-1].children:
        chain.append(chain[-1].children[-1])
    return chain


def _block_checks(ctx: Context, sec: Section, top: list[_Node], which: str) -> list[AuditFinding]:
    """Rows under each block against the block's stated 分值 / 得分."""
    rule = WEIGHT_SUM if which == "weight" else SCORE_SUM
    col = sec.column(which)
    what = "分值" if which == "weight" else "得分"
    out: list[AuditFinding] = []
    cut = _cut_block(ctx, sec, top)
    bare = _bare_weights(sec, top) if which == "weight" else {}
    for node in _walk(top):
        if not node.children or (node.row is not None and f"{UNSUMMED}{node.row.row.number}" in sec.table.notes):
            continue
        stated = node.value(which, sec) or bare.get(id(node))
        vals = [c.value(which, sec) or bare.get(id(c)) for c in node.children]
        while node in cut and vals and vals[-1] is None:
            vals.pop()  # the row the cut runs through
        if stated is None or not vals or any(v is None for v in vals):
            continue
        parts = [v for v in vals if v is not None]
        if node.row is not None and col is not None:
            where_row, where_col = node.row.row, col
        else:
            first = _first_row(node)
            level_col = level_weights(sec).get(node.level) or sec.column(_LEVELS[node.level - 1])
            if first is None or level_col is None:
                continue
            where_row, where_col = first.row, level_col
        ctx.trace_cells(rule.name, sec, stated, parts, sec.location(where_row, where_col))
        if node in cut and sum((p.value for p in parts), Decimal(0)) < stated.value:
            continue  # a block the document may cut off: rows may be missing, so its rows are held only as ≤ its 分值
        if _total_ok(parts, stated, []):
            continue
        s = sum((p.value for p in parts), Decimal(0))
        terms = " + ".join(p.raw for p in parts)
        name = node.row.row.label if node.row is not None else node.key[1]
        read = id(node) in bare and node.value(which, sec) is None  # a bare bracketed number, proven by another block
        out.append(ctx.cell_finding(
            rule.name, rule.title, HINT if read else ERROR, sec, where_row, where_col, stated.raw, number(s),
            [f"{c.row.row.label if c.row else c.key[1]} {v.raw}" for c, v in zip(node.children[:len(parts)], parts, strict=True)],
            f"“{name}”的{what}为{stated.raw}，但其下各项{what}{terms} = {number(s)}。" + (_BARE_NOTE if read else ""),
        ))
    return out


def _bare_weight(node: _Node, sec: Section) -> Value | None:
    """The bare bracketed number of a block known only from its merged level cell ("决策(10)")."""
    first = _first_row(node)
    if node.row is not None or first is None:
        return None
    return _weight_from_name(node.key[1], first.row, sec, node.level, _BARE_WEIGHT)


def _bare_weights(sec: Section, top: list[_Node]) -> dict[int, Value]:
    """The blocks (by id) whose name carries its 分值 as a bare number in brackets ("决策(10)", "过程(30)"). Such a
    number may as well be a count or a numbering ("(1)产出"), so the numbers of a level are read as 分值 only when
    one of them equals the 分值 of its block's rows added up (two rows or more, each with its 分值): then the table
    writes the 分值 of that level so. Otherwise none is read, and nothing is judged over them."""
    found = [(n, v) for n in _walk(top) if (v := _bare_weight(n, sec)) is not None]
    proven: set[int] = set()
    for n, v in found:
        parts = [c.value("weight", sec) for c in n.children]
        if len(parts) >= 2 and all(p is not None for p in parts) and _total_ok([p for p in parts if p], v, []):
            proven.add(n.level)
    return {id(n): v for n, v in found if n.level in proven}


def _named_caps(ctx: Context, sec: Section, top: list[_Node]) -> list[AuditFinding]:
    """A table without a 分值 column whose rows state none: each row's 得分 is at most its 分值, so the 得分 under a
    block that states its 分值 in its name ("产出指标(40分)", merged over its rows) add up to at most that 分值 (rows
    the text may have cut off could only add to them)."""
    if sec.column("weight") is not None:
        return []
    out: list[AuditFinding] = []
    for node in _walk(top):
        if node.row is not None or not node.children:
            continue
        stated = node.value("weight", sec)
        leaves = _leaves(node.children)
        if any(n.value("weight", sec) is not None for n in leaves):
            continue  # rows stating their own 分值: each 得分 is held against it (table_score_le_max)
        parts = [v for v in (n.value("score", sec) for n in leaves) if v is not None]
        first = _first_row(node)
        level_col = sec.column(_LEVELS[node.level - 1])
        if stated is None or not parts or first is None or level_col is None:
            continue
        ctx.trace_cells(SCORE_SUM.name, sec, stated, parts, sec.location(first.row, level_col))
        s = sum((p.value for p in parts), Decimal(0))
        if s <= stated.value:
            continue
        out.append(ctx.cell_finding(
            SCORE_SUM.name, SCORE_SUM.title, ERROR, sec, first.row, level_col, stated.raw, f"≥{number(s)}",
            [f"{node.key[1]} {stated.raw}", *(p.raw for p in parts)],
            f"“{node.key[1]}”的分值为{stated.raw}，但其下各项得分{' + '.join(p.raw for p in parts)} = {number(s)}，"
            f"超过该分值（表中无分值列，各项得分不能超过其分值）。",
        ))
    return out


def _totals(ctx: Context, which: str) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        if not _scored(sec) or not sec.complete:
            continue
        rows = score_rows(sec)
        if not rows or unplaced_figures(sec):
            continue
        top = _tree(rows, 2 in level_weights(sec))
        for node in top:
            _nest(node, sec)
        out.extend(_block_checks(ctx, sec, top, which))
        if which == "score":
            out.extend(_named_caps(ctx, sec, top))
        col = sec.column(which)
        if col is None:
            continue
        # a row with neither 分值 nor 得分 and nothing under it (经济效益指标 left empty, "……") adds nothing
        leaves = [n for n in _leaves(top) if n.row is None or n.row.weight is not None or n.row.score is not None]
        vals = [n.value(which, sec) for n in leaves]
        either = TOTAL_EITHER in sec.table.notes
        wcol = sec.column("weight")
        total_rows = [r for r in sec.rows if r.total and sec.value(r, wcol if either and wcol else col) is not None]
        if not total_rows or any(v is None for v in vals) or len(leaves) < 2 or any(
                n.startswith(UNSUMMED) for n in sec.table.notes):
            continue  # (a row of unknown 分值 leaves the 总分 unknown too)
        fund = _fund_section(ctx, sec)
        extra: list[Value] = []
        fund_read = False  # the 资金 row's glued figures were cut by its own 执行率: totals over it are 提示
        if fund is not None:
            fr = _fund_row(fund)
            fc = fund.column(which)
            fv = fund.value(fr, fc) if fr is not None and fc is not None else None
            if fv is not None:
                extra.append(fv)
            elif not fund.complete:
                continue  # the 资金 block's own figure could not be read: whether the 总分 counts it is unknown
            fund_read = fr is not None and any(f"{n}{fr.number}" in fund.table.notes for n in (READ_BY_RATE, READ_NEAR))
        parts = [v for v in vals if v is not None]
        need_fund = bool(extra) and _over_hundred(sec, leaves, fund)
        fund_points = _over_hundred_by_scores(sec, parts, fund) if extra and not need_fund and which == "score" else None
        by_scores = fund_points is not None
        for total_row in total_rows:
            found = _total_check(ctx, sec, total_row, col, which, leaves, parts, extra, either, need_fund)
            if by_scores and not found:  # a 总分 of the indicators alone, which already reach 100 without the funds
                why = _BY_SCORES.format(fund=fund_points)
                found = [replace(f, severity=HINT) for f in _total_check(
                    ctx, sec, total_row, col, which, leaves, parts, extra, either, True, why)]
            if fund_read and extra:
                found = [replace(f, severity=HINT, explanation=f.explanation + _FUND_READ) for f in found]
            out.extend(found)
        if which == "weight":
            out.extend(_declared_check(ctx, sec, parts))
    return out


def _over_hundred(sec: Section, leaves: list[_Node], fund: Section | None) -> bool:
    """Do the indicators' 分值 and the 项目资金 block's 分值 add to more than 100? Then a 总分 row matching
    the indicators alone is not a total that leaves the funds out: the form gives more than 100 points."""
    if fund is None:
        return False
    fr, fc = _fund_row(fund), fund.column("weight")
    fw = fund.value(fr, fc) if fr is not None and fc is not None else None
    weights = [n.value("weight", sec) for n in leaves]
    if fw is None or any(w is None for w in weights):
        return False
    return sum((w.value for w in weights if w is not None), fw.value) > 100


def _over_hundred_by_scores(sec: Section, scores: list[Value], fund: Section | None) -> str | None:
    """With no 分值 column each indicator's 得分 is at most its 分值: do the 得分 with the 项目资金 block's 分值
    add to more than 100? Then a 总分 equal to the indicators' 得分 alone leaves the funds out — unless the form
    rescales the indicators without saying so, hence a 提示. The fund's 分值 as written, or None."""
    fr = _fund_row(fund) if fund is not None and sec.column("weight") is None else None
    fw = _fund_weight(fund, fr) if fund is not None and fr is not None else None
    return fw.raw if fw is not None and sum((v.value for v in scores), fw.value) > 100 else None


def _declared_check(ctx: Context, sec: Section, parts: list[Value]) -> list[AuditFinding]:
    """A header cell naming the indicators' total ("绩效指标（90分）" over the 一级指标 column)."""
    wcol = sec.column("weight")
    if wcol is None or not parts:
        return []
    if DECLARED in sec.table.notes and sec.rows:
        top = sec.rows[0]
        stated = sec.value(top, wcol)
        if stated is None:
            return []
        ctx.trace_cells(WEIGHT_SUM.name, sec, stated, parts, sec.location(top, wcol))
        if _total_ok(parts, stated, []):
            return []
        s = sum((p.value for p in parts), Decimal(0))
        return [ctx.cell_finding(
            WEIGHT_SUM.name, WEIGHT_SUM.title, ERROR, sec, top, wcol, stated.raw, number(s),
            [p.raw for p in parts], f"“{top.label}”所称分值{stated.raw}，但其下各指标分值之和为{number(s)}。",
        )]
    for r in sec.header_rows:
        for cell in sec.table.rows[r]:
            m = _WEIGHT_IN_NAME.search(cell.text)
            if cell.is_copy or not m or sec.columns[0].index != cell.col - 1:
                continue
            stated = Value(Decimal(m.group(1)), m.group(1), 0, "分", cell)
            ctx.trace_cells(WEIGHT_SUM.name, sec, stated, parts, f"表{sec.table.number} 第{cell.row}行 {cell.text}")
            if _total_ok(parts, stated, []):
                return []
            s = sum((p.value for p in parts), Decimal(0))
            row = sec.rows[0]
            return [ctx.cell_finding(
                WEIGHT_SUM.name, WEIGHT_SUM.title, ERROR, sec, row, wcol, stated.raw, number(s),
                [p.raw for p in parts], f"“{cell.text}”所称分值{stated.raw}，但各指标分值之和为{number(s)}。",
            )]
    return []


def _total_check(ctx: Context, sec: Section, total_row: Row, col: Column, which: str, leaves: list[_Node],
                 parts: list[Value], extra: list[Value], either: bool, need_fund: bool,
                 why: str | None = None) -> list[AuditFinding]:
    rule = WEIGHT_SUM if which == "weight" else SCORE_SUM
    wcol = sec.column("weight")
    if either and wcol is not None:
        # one figure on the 总分 row: it may total the 分值 or the 得分; judged as whichever it matches
        total = sec.value(total_row, wcol)
        assert total is not None
        other = "score" if which == "weight" else "weight"
        other_parts = [n.value(other, sec) for n in leaves]
        ctx.trace_cells(rule.name, sec, total, parts + extra, sec.location(total_row, wcol))
        if _total_ok(parts, total, extra, need_fund) or (all(other_parts) and _total_ok(
                [v for v in other_parts if v is not None], total, extra, need_fund)):
            return []
        if which == "score":
            return []  # reported once, under 分值
        s = sum((p.value for p in parts), Decimal(0))
        return [ctx.cell_finding(
            rule.name, rule.title, HINT, sec, total_row, wcol, total.raw, number(s + sum((e.value for e in extra), Decimal(0))),
            [f"{n.row.row.label if n.row else n.key[1]} {v.raw}" for n, v in zip(leaves, parts, strict=True)],
            f"{total_row.label}行只有一个数{total.raw}，既不等于各项分值之和，也不等于各项得分之和（表格文字未标明它是哪一列）。",
        )]
    total = sec.value(total_row, col)
    if total is None:
        return []
    ctx.trace_cells(rule.name, sec, total, parts + extra, sec.location(total_row, col))
    if _total_ok(parts, total, extra, need_fund):
        return []
    s = sum((p.value for p in parts), Decimal(0))
    what = "分值" if which == "weight" else "得分"
    with_fund = f"，加上项目资金{what}{extra[0].raw}为{number(s + extra[0].value)}" if extra else ""
    # a 总分 equal to the indicator rows alone closes the indicator block (the 项目资金 row stands outside it,
    # forms of 100 indicator points under a 10-point 资金 row): 提示, not 错误; a 总分 matching neither stays 错误
    closes_block = need_fund and _total_ok(parts, total, [])
    if need_fund:
        with_fund += why or (_OUTSIDE_BLOCK if closes_block else "（各项分值连同项目资金分值合计超过100分，总分不能不含项目资金）")
    return [ctx.cell_finding(
        rule.name, rule.title, HINT if closes_block else ERROR, sec, total_row, col, total.raw, number(s + (extra[0].value if extra else 0)),
        [f"{n.row.row.label if n.row else n.key[1]} {v.raw}" for n, v in zip(leaves, parts, strict=True)]
        + [f"资金 {e.raw}" for e in extra],
        f"{total_row.label}的{what}写作{total.raw}，但各项{what}之和为{number(s)}{with_fund}。",
    )]


_FIXED_NOTE = re.compile(r"(?:分值|权重)[^。；;]{0,6}统一")
_FIXED_PART = re.compile(r"(产出|效益|效果|满意度|服务对象满意度)指标\s*(?:权重|分值)?\s*(?:为)?\s*(\d{1,3})\s*分")


def _fixed_weights(ctx: Context) -> dict[str, tuple[Decimal, str]]:
    """First-level 分值 fixed by a note ("一级指标分值统一为：产出指标50分、效益指标30分…"): name → (分值, note)."""
    if "fixed_weights" not in ctx.memo:
        found: dict[str, tuple[Decimal, str]] = {}
        texts = [b.text for b in ctx.document.blocks] + [n for t in ctx.document.tables for n in t.notes]
        texts += [c.text for t in ctx.document.tables for row in t.rows for c in row if len(c.text) > 12]
        for text in texts:
            m = _FIXED_NOTE.search(text)
            if not m:
                continue
            for part in _FIXED_PART.finditer(text[m.start():]):
                found.setdefault(part.group(1).removeprefix("服务对象"), (Decimal(part.group(2)), text[m.start():][:60]))
        ctx.memo["fixed_weights"] = found
    fixed = ctx.memo["fixed_weights"]
    assert isinstance(fixed, dict)
    return fixed


def _fixed_checks(ctx: Context) -> list[AuditFinding]:
    """A first-level block's 分值 against the 分值 a note of the form fixes for it: a 提示 (the note may be
    a template line the unit did not follow on purpose)."""
    fixed = _fixed_weights(ctx)
    if not fixed:
        return []
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        if not _scored(sec):
            continue
        for node in _tree(score_rows(sec), 2 in level_weights(sec)):
            name = node.row.row.label if node.row is not None else node.key[1]
            key = next((k for k in fixed if name.startswith(k) or name.startswith("服务对象" + k)), None)
            stated = node.value("weight", sec)
            if key is None or stated is None:
                continue
            want, note = fixed[key]
            first = node.row if node.row is not None else _first_row(node)
            where_col = sec.column("weight" if node.row is not None else "level1")
            if first is None or where_col is None:
                continue
            where_row = first.row
            ctx.trace_cells(WEIGHT_SUM.name, sec, stated, [Value(want, str(want), 0, "分", stated.cell)],
                            sec.location(where_row, where_col))
            if stated.value == want:
                continue
            out.append(ctx.cell_finding(
                WEIGHT_SUM.name, WEIGHT_SUM.title, HINT, sec, where_row, where_col, stated.raw, str(want),
                [f"{name} {stated.raw}", note],
                f"“{name}”的分值为{stated.raw}，但表注规定{key}指标{want}分（若另有依据，请说明）。",
            ))
    return out


def check_weight_sums(ctx: Context) -> list[AuditFinding]:
    return _totals(ctx, "weight") + _fixed_checks(ctx)


def check_score_sums(ctx: Context) -> list[AuditFinding]:
    return _totals(ctx, "score")


def _rule_stated(ctx: Context) -> bool:
    if "rule_stated" not in ctx.memo:
        texts = [b.text for b in ctx.document.blocks] + [n for t in ctx.document.tables for n in (t.caption, *t.notes)]
        texts += [c.text for t in ctx.document.tables for row in t.rows for c in row if len(c.text) > 6]
        ctx.memo["rule_stated"] = any(_PROPORTIONAL.search(t) for t in texts)
    return bool(ctx.memo["rule_stated"])


def _header_weight(sec: Section, col: Column) -> Value | None:
    """The 分值 a 得分 column's header states with its rule ("得分（20分*执行率）"), pointing at the header cell."""
    m = _RULE_IN_HEADER.search(col.header)
    if m is None or not sec.header_rows:
        return None
    cell = sec.table.rows[sec.header_rows[-1]][col.index]
    return Value(Decimal(m.group(1)), m.group(1), len(m.group(1).partition(".")[2]), "分", cell)


def check_score_rule(ctx: Context) -> list[AuditFinding]:
    out: list[AuditFinding] = []
    for sec in ctx.sections:
        rc, wc, sc = sec.column("rate"), sec.column("weight"), sec.column("score")
        if rc is not None and is_score_rate(rc):
            continue  # 得分率 = 得分 ÷ 分值 (table_rate), not a 项目资金 row's 执行率
        stated_weight = _header_weight(sec, sc) if sc is not None and wc is None else None
        if rc is None or sc is None or (wc is None and stated_weight is None):
            continue
        ops = rate_operands(sec, rc)
        for row in sec.rows:
            w = sec.value(row, wc) if wc is not None else stated_weight
            s, r = sec.value(row, sc), sec.value(row, rc)
            if w is None or s is None or f"{READ_BY_RULE}{row.number}" in sec.table.notes:
                continue
            rates: list[Decimal] = []
            if r is not None:
                rates.append(r.value if r.unit == "%" or r.value > Decimal("1.5") else r.value * 100)
            if ops is not None:
                a, b = sec.value(row, ops[0]), sec.value(row, ops[1])
                if a is not None and b is not None and b.value > 0:
                    rates.append(a.value / b.value * 100)
            if not rates:
                continue
            operand = r if r is not None else w
            ctx.trace_cells(SCORE_RULE.name, sec, s, [operand, w], sec.location(row, sc))
            expected = [min(rate, Decimal(100)) / 100 * w.value for rate in rates]
            if any(quantize(e, s.decimals) == s.value or abs(e - s.value) < Decimal("0.005") for e in expected):
                continue
            stated = _rule_stated(ctx)
            ulp = Decimal(1).scaleb(-s.decimals)
            severity = ERROR if stated and all(abs(e - s.value) > ulp for e in expected) else HINT
            shown = number(quantize(expected[0], max(s.decimals, 2)))
            basis = "按报告所述规则（执行率×分值）" if stated else "报告未写明计分规则，按通行的“执行率×分值”"
            out.append(ctx.cell_finding(
                SCORE_RULE.name, SCORE_RULE.title, severity, sec, row, sc, s.raw, shown,
                [f"执行率 {r.raw if r is not None else number(quantize(rates[0], 2)) + '%'}", f"分值 {w.raw}"],
                f"{row.label or '该行'}得分{s.raw}；{basis}应为{shown}。",
            ))
    return out


SCORE_LE_MAX = Rule("table_score_le_max", "表格得分超过分值", "表格中某行得分大于该行分值。", check_le_max)
WEIGHT_SUM = Rule("table_weight_sum", "表格分值合计不符", "表格中各指标分值之和与所属一级（二级）指标分值或总分行分值不符。",
                  check_weight_sums)
SCORE_SUM = Rule("table_score_sum", "表格得分合计不符", "表格中各指标得分之和与所属指标得分或总分行得分不符。", check_score_sums)
SCORE_RULE = Rule("table_score_rule", "表格得分与计分规则不符", "项目资金行得分与“执行率×分值”不符（报告写明该规则时为错误，否则为提示）。",
                  check_score_rule)
