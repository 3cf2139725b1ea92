"""The money block of a 财政支出项目绩效评价自评报告's 项目基本概况 (read by :mod:`jixiao.audit.moneyblock`).

- 结余 = 实际到位资金 − 实际支出, for the block and for each source row that states all three (a 结余 equal to
  计划安排资金 − 实际支出 is accepted too); a difference is an 错误.
- each column's amount against its source rows (中央/省/市/县财政, 其它) added up, when at least one of them states an
  amount in that column; a difference is a 提示 (a copy that dropped or moved a source cell reads the same).
- 实际支出 against the 支出合计 of the 项目支出明细 table that follows, in that table's unit (元 when its header
  names none and the two differ by 10000); a difference is a 提示 (the table's unit may not be stated).
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.audit.context import Context, Relation
from jixiao.audit.docmodel import Block
from jixiao.audit.finding import ERROR, HINT, AuditFinding
from jixiao.audit.glued import PAGE_CHUNK
from jixiao.audit.moneyblock import Amount, Head, MoneyBlock, TextCell, glued_cells, money_blocks, words
from jixiao.audit.numbers import normalize_cell
from jixiao.audit.rules.base import Rule
from jixiao.audit.tables import Section, Value
from jixiao.textfmt import number

_SPACE = re.compile(r"\s")
_YUAN = Decimal(10000)


def _glued(blocks: list[Block], k: int) -> tuple[list[tuple[str, Block, int]], int] | None:
    """The cells of a money block glued into paragraph ``k`` (with the paragraphs that carry it on as the next
    numbered pages of a document-sharing site's copy: "1、…其中:中央财" / "3、政…"), each with its paragraph and
    offset, and the first paragraph after them. A page number is dropped wherever a page begins: the reader may have
    joined a page to the paragraph without its number, or with it."""
    if blocks[k].table is not None or "|" in blocks[k].text:
        return None
    page = PAGE_CHUNK.match(blocks[k].text)
    expected = int(page.group(1)) + 1 if page else None
    text, pieces, j = "", [], k
    while j < len(blocks) and blocks[j].table is None and "|" not in blocks[j].text:
        block = blocks[j]
        if j > k and (expected is None or (m := PAGE_CHUNK.match(block.text)) is None or int(m.group(1)) != expected):
            break
        starts = [o for o, _ in block.line_starts] or [0]
        for n, (start, end) in enumerate(zip(starts, [*starts[1:], len(block.text)], strict=True)):
            line = block.text[start:end]
            m = PAGE_CHUNK.match(line) if expected is not None and (j > k or n > 0) else None
            if m is not None and int(m.group(1)) == expected:
                start, line = start + m.end(), line[m.end():]
            if expected is not None and (j > k or n > 0):
                expected += 1  # a page the reader joined, with its number or without
            pieces.append((len(text), block, start))
            text += normalize_cell(line)
        j += 1
        if expected is None:
            break
    cells = glued_cells(text)
    if cells is None:
        return None
    out: list[tuple[str, Block, int]] = []
    for cell, at in cells:
        begin, block, offset = next(p for p in reversed(pieces) if p[0] <= at)
        out.append((cell, block, offset + at - begin))
    return out, j


def _cells(ctx: Context) -> tuple[list[TextCell], list[tuple[Block, int]]]:
    """Every text cell of the document's paragraphs in order (a line, or a piece of a line between "|", or a cell of
    a money block glued into a paragraph), then the cells of each real (.docx, .pdf, workbook) table row by row, with
    the paragraph or cell and offset it stands at."""
    cells: list[TextCell] = []
    where: list[tuple[Block, int]] = []
    blocks = ctx.document.blocks
    k = 0
    while k < len(blocks):
        block = blocks[k]
        if (glued := _glued(blocks, k)) is not None:
            for text, at_block, offset in glued[0]:
                cells.append(TextCell(text, len(where)))
                where.append((at_block, offset))
            k = glued[1]
            continue
        k += 1
        if block.table is not None:
            continue
        starts = [o for o, _ in block.line_starts] or [0]
        for start, end in zip(starts, [*starts[1:], len(block.text)], strict=True):  # a paragraph joins its lines
            for line in block.text[start:end].split("\n"):
                for piece in line.split("|"):
                    text = _SPACE.sub("", normalize_cell(piece))
                    if text:
                        cells.append(TextCell(text, len(where)))
                        where.append((block, start + len(piece) - len(piece.lstrip())))
                    start += len(piece) + 1
    for table in ctx.document.tables:  # a real table's cells (a text table's are its lines, read above)
        if table.source == "text" or table.rebuilt:
            continue
        for cell in table.cells_in_order():
            text = _SPACE.sub("", normalize_cell(cell.text))
            if text:
                cells.append(TextCell(text, len(where)))
                where.append((table.cell_block(cell), 0))
    return cells, where


class _Judge:
    def __init__(self, ctx: Context, where: list[tuple[Block, int]]) -> None:
        self.ctx, self.where = ctx, where
        self.out: list[AuditFinding] = []

    def place(self, at: int) -> tuple[str, int | None, str]:
        block, offset = self.where[at]
        return block.location(offset), block.line_at(offset), block.text[max(offset - 40, 0):offset + 40]

    def trace(self, stated: Amount, operands: list[Amount], extra_lines: tuple[int, ...] = ()) -> None:
        lines = tuple(x for x in (self.place(a.at)[1] for a in [stated, *operands]) if x is not None)
        self.ctx.relations.append(Relation(
            RULE.name, stated.value or Decimal(0), tuple(a.value for a in operands if a.value is not None),
            self.place(stated.at)[0], lines + extra_lines))

    def find(self, severity: str, stated: Amount, expected: Decimal, figures: list[str], explanation: str) -> None:
        location, line, quote = self.place(stated.at)
        self.out.append(AuditFinding(
            rule=RULE.name, title=RULE.title, severity=severity, quote=quote, location=location, stated=stated.raw,
            expected=number(expected), figures=tuple(figures), explanation=explanation,
            file=self.ctx.document.path, line=line))


def _known(*amounts: Amount | None) -> bool:
    return all(a is not None and a.value is not None for a in amounts)


def _value(a: Amount | None) -> Decimal:
    return a.value if a is not None and a.value is not None else Decimal(0)


def _balances(judge: _Judge, block: MoneyBlock) -> None:
    plan, received, spent, balance = (block.head(k) for k in ("plan", "received", "spent", "balance"))
    if received is None or spent is None or balance is None:
        return
    rows: list[tuple[str, Amount | None, Amount | None, Amount | None, Amount | None]] = [
        ("", plan.amount if plan else None, received.amount, spent.amount, balance.amount)]
    keys = [h.key for h in block.heads[:block.columns]]
    if all(k in keys for k in ("received", "spent", "balance")):
        for row in block.sources:
            pick = {k: row.amounts[i] for i, k in enumerate(keys)}
            rows.append((row.label, pick.get("plan"), pick["received"], pick["spent"], pick["balance"]))
    for label, p, r, s, b in rows:
        if not _known(r, s, b) or r is None or s is None or b is None:
            continue
        expected = _value(r) - _value(s)
        judge.trace(b, [r, s])
        if _value(b) == expected or (_known(p) and _value(b) == _value(p) - _value(s)) or (expected < 0 and _value(b) == 0):
            continue  # (more spent than received: the form has no negative 结余 and writes 0)
        name = f"{label}的" if label else ""
        judge.find(ERROR, b, expected, [f"实际到位资金 {r.raw}", f"实际支出 {s.raw}", f"结余 {b.raw}"],
                   f"{name}结余写作{b.raw}，但实际到位资金{r.raw} − 实际支出{s.raw} = {number(expected)}。")


def _column_sums(judge: _Judge, block: MoneyBlock) -> None:
    for i, head in enumerate(block.heads[:block.columns]):
        parts = [row.amounts[i] for row in block.sources]
        stated = head.amount
        given = [p for p in parts if p is not None]
        if stated is None or stated.value is None or not given or any(p.value is None for p in given):
            continue
        total = sum((_value(p) for p in given), Decimal(0))
        judge.trace(stated, given)
        if total == stated.value:
            continue
        terms = [f"{row.label} {a.raw}" for row, a in zip(block.sources, parts, strict=True) if a is not None]
        judge.find(HINT, stated, total, [f"{head.label} {stated.raw}", *terms],
                   f"{head.label}写作{stated.raw}，但其中各来源{' + '.join(terms)} = {number(total)}"
                   "（按各来源在该栏的顺序读取；若表格文字错位，请核对原表）。")


def _detail_total(ctx: Context) -> tuple[Section, Value, Decimal | None] | None:
    """The 支出合计 of the one 项目支出明细 table (its 实际支出数 column), with that column's unit in 元 when named."""
    data = words()
    found: list[tuple[Section, Value, Decimal | None]] = []
    for sec in ctx.sections:
        cols = [c for c in sec.columns if any(w in _SPACE.sub("", c.header) for w in data["detail_column"])]
        rows = [r for r in sec.rows if _SPACE.sub("", r.label) in data["detail_total"]]
        if len(cols) != 1 or len(rows) != 1:
            continue
        value = sec.value(rows[0], cols[0])
        if value is None:
            continue
        header = _SPACE.sub("", cols[0].header)
        unit = _YUAN if "万元" in header else (Decimal(1) if re.search(r"[（(]元[)）]", header) else None)
        found.append((sec, value, unit))
    return found[0] if len(found) == 1 else None


def _spent_vs_detail(judge: _Judge, ctx: Context, block: MoneyBlock, detail: tuple[Section, Value, Decimal | None]
                     ) -> None:
    spent: Head | None = block.head("spent")
    if spent is None or spent.amount is None or spent.amount.value is None:
        return
    sec, total, unit = detail
    mine = spent.amount.value * spent.factor  # in 元
    candidates = [total.value * unit] if unit is not None else [total.value * spent.factor, total.value]
    line = total.cell.line
    judge.trace(spent.amount, [Amount(total.value, total.raw, spent.amount.at)], (line,) if line is not None else ())
    if mine in candidates:
        return
    expected = min(candidates, key=lambda c: abs(c - mine)) / spent.factor  # the reading of the nearer unit
    judge.find(HINT, spent.amount, expected, [f"实际支出 {spent.amount.raw}", f"支出合计 {total.raw}"],
               f"项目基本概况的实际支出写作{spent.amount.raw}，但项目支出明细的支出合计为{total.raw}"
               f"（{sec.location(sec.rows[0])}所在表）；两处应为同一金额（注意单位）。")


def check(ctx: Context) -> list[AuditFinding]:
    cells, where = _cells(ctx)
    blocks = money_blocks(cells)
    if not blocks:
        return []
    judge = _Judge(ctx, where)
    for block in blocks:
        _balances(judge, block)
        _column_sums(judge, block)
    if len(blocks) == 1 and (detail := _detail_total(ctx)) is not None:
        _spent_vs_detail(judge, ctx, blocks[0], detail)
    return judge.out


RULE = Rule("money_block", "项目基本概况资金不符",
            "财政支出项目绩效评价自评报告“项目基本概况”中：结余与实际到位资金减实际支出不符（错误）；各栏金额与其中各来源之和"
            "不符、实际支出与项目支出明细的支出合计不符（提示）。", check)
