"""The 评分表 and 数据表 workbooks (openpyxl).

Figures are written as exact Decimals with number formats (万元 ``#,##0.00``,
rates ``0.00%``, scores ``0.00``), never as floats rounded on the way; every
computed ratio is listed with its formula and inputs.
"""

from __future__ import annotations

from copy import copy
from decimal import Decimal
from functools import cache
from typing import Any
from weakref import WeakKeyDictionary

# isort: off
from jixiao.xlsxlib import workbook_bytes  # first: openpyxl without numpy, faster start-up
# isort: on
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.engine.result import EvaluationResult, IndicatorResult, Status
from jixiao.model import DepartmentYear
from jixiao.model.records import fields_of, is_record
from jixiao.safeio.inert import cell_value as storable
from jixiao.safeio.inert import formula_like, inert_cells, set_text
from jixiao.safeio.ooxml import normalize_zip
from jixiao.xlsxprint import Layout, lay_out, new_workbook

FONT = "仿宋_GB2312"
HEAD_FONT = "黑体"
SIZE = 10.5  # 五号, the usual size of the text in a 公文 table
MONEY = "#,##0.00"
RATE = "0.00%"
SCORE = "0.00"
HUNDRED = Decimal(100)
THIN = Side(style="thin", color="808080")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
TOTAL_FILL = PatternFill("solid", fgColor="F2F2F2")


HEADER_ROW = 3  # rows 1-2 are the title block; the header repeats on every printed page


TITLE_FONT = Font(name=HEAD_FONT, size=16)
TITLE_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
SUB_FONT = Font(name=FONT, size=SIZE)
HEADER_FONT = Font(name=HEAD_FONT, size=SIZE)


def _title(ws: Worksheet, text: str, sub: str, ncols: int) -> None:
    _append(ws, [text])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=ncols)
    _styled(ws["A1"], "title", font=TITLE_FONT, alignment=TITLE_ALIGN)
    _append(ws, [sub])
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=ncols)
    _styled(ws["A2"], "subtitle", font=SUB_FONT)


def _header(ws: Worksheet, names: list[str]) -> None:
    _append(ws, names)
    row = ws.max_row
    for j in range(1, len(names) + 1):
        _styled(ws.cell(row=row, column=j), "header", font=HEADER_FONT, fill=HEAD_FILL, border=BORDER,
                alignment=TITLE_ALIGN)
    ws.freeze_panes = f"A{row + 1}"  # a string: ws.cell() here would add an empty row below the header


def _styled(cell: Any, key: str, **style: Any) -> None:
    """Give ``cell`` a fixed style, named by ``key``: assigned once per workbook, then copied by index."""
    assert isinstance(cell, Cell)
    wb = cell.parent.parent
    assert wb is not None
    styled = _STYLED.setdefault(wb, {})
    done = styled.get((key, None, None))
    if done is not None:
        cell._style = copy(done[1])  # type: ignore[attr-defined]
        return
    for name, value in style.items():
        setattr(cell, name, value)
    styled[(key, None, None)] = (None, copy(cell._style))  # type: ignore[attr-defined]


@cache
def _font(bold: bool) -> Font:
    return Font(name=FONT, size=SIZE, bold=bold)


@cache
def _align(right: bool) -> Alignment:
    return Alignment(vertical="center", wrap_text=True, horizontal="right" if right else "left")


# A cell's style is a row of indices into its workbook's style lists; a combination styled once is
# copied to the next cell that needs it (openpyxl hashes every style object assigned, field by field).
_Styled = dict[tuple[bool | str, str | None, int | None], tuple[PatternFill | None, StyleArray]]
_STYLED: WeakKeyDictionary[Workbook, _Styled] = WeakKeyDictionary()


def _style_row(ws: Worksheet, formats: list[str | None], bold: bool = False, fill: PatternFill | None = None) -> None:
    # Shared style objects: openpyxl hashes every assigned style, so reusing them is much faster.
    row = ws.max_row
    font = _font(bold)
    assert ws.parent is not None
    styled = _STYLED.setdefault(ws.parent, {})
    for j, fmt in enumerate(formats, 1):
        c = ws.cell(row=row, column=j)
        assert isinstance(c, Cell)
        key = (bold, fmt, None if fill is None else id(fill))
        done = styled.get(key)
        if done is not None and done[0] is fill:
            c._style = copy(done[1])  # type: ignore[attr-defined]  # (openpyxl's stubs omit the style array)
        else:
            c.font = font
            c.border = BORDER
            c.alignment = _align(bool(fmt))
            if fmt:
                c.number_format = fmt
            if fill is not None:
                c.fill = fill
            styled[key] = (fill, copy(c._style))  # type: ignore[attr-defined]
        if isinstance(c.value, str) and formula_like(c.value):
            set_text(c, c.value)  # text such as "=0.00%得2分" is text, not a formula (jixiao.safeio.inert)


def _metric_cell(r: IndicatorResult) -> tuple[Any, str | None]:
    m = r.metric
    if m is None or r.children:
        return None, None
    if m.value is None:
        return ("不适用" if m.not_applicable else None), None
    if m.unit == "%":
        return m.value / HUNDRED, RATE
    return m.value, _unit_format(m.unit)


COUNT_UNITS = frozenset({"次", "项", "人", "个", "份", "家"})


def _unit_format(unit: str) -> str:
    """A fixed-decimal number format that shows the unit: 3 → "3次", 12.5 → "12.50万元"."""
    suffix = f'"{unit}"' if unit else ""
    return ("0" if unit in COUNT_UNITS else "#,##0.00") + suffix


# 计算公式 comes last and stays on the screen: the printed form keeps the width for 扣分原因 and
# 评分标准 (the 数据表's 指标计算 sheet prints every formula with its figures).
SCORING_COLUMNS = ["一级指标", "二级指标", "三级指标", "分值", "指标值", "得分", "扣分原因", "评分标准", "状态",
                   "计算公式"]
SCORING_PRINTED = 9
SPACE = "　" * 5  # room to sign after each label
SIGNATURE = f"填报人：{SPACE}审核人：{SPACE}单位负责人：{SPACE}日期：　　年　　月　　日"
# Columns of long text wrap inside these widths (column units, one CJK character ≈ 2).
SCORING_WRAP = {1: 8, 2: 12, 3: 24, 7: 60, 8: 60, 10: 40}


def scoring_workbook(result: EvaluationResult, when: Any) -> bytes:
    """评分表: the indicator tree with 分值, 指标值, 得分, 扣分原因; parent rows carry the level totals.

    Printed on A4 landscape for signing: the title names department, year and framework, the
    header repeats on every page, the signature fields sit in the grade's row.
    """
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "评分表"
    cols = SCORING_COLUMNS
    title = f"{result.department}{result.year}年度部门整体支出绩效自评评分表"
    _title(ws, title, f"部门（单位）：{result.department}　　评价年度：{result.year}年度　　"
                      f"评价框架：{result.framework_name}（{result.framework_id}）", SCORING_PRINTED)
    _header(ws, cols)
    for r in result.walk():
        names: list[str | None] = [None, None, None]
        names[min(r.level, 3) - 1] = r.name
        value, vfmt = _metric_cell(r)
        reason = "；".join(r.deductions) if r.deductions else "；".join(r.missing)
        formula = r.metric.formula if r.metric is not None and not r.children else None
        _append(ws, [*names, r.weight, value, r.score, reason or None, r.standard or None, r.status.label, formula])
        parent = bool(r.children)
        _style_row(ws, [None, None, None, SCORE, vfmt, SCORE, None, None, None, None], bold=parent,
                   fill=TOTAL_FILL if parent else None)
    _append(ws, ["合计", None, None, result.max_total, None, result.total, None, None,
               "完整" if result.complete else "不完整", None])
    _style_row(ws, [None, None, None, SCORE, None, SCORE, None, None, None, None], bold=True, fill=TOTAL_FILL)
    _append(ws, ["评价等级", None, None, None, None, result.grade or "暂不评级", SIGNATURE, None, None, None])
    _style_row(ws, [None] * 10, bold=True, fill=TOTAL_FILL)
    last = ws.max_row
    ws.cell(row=last, column=6).alignment = Alignment(horizontal="right")
    # The signature fields share the grade's row, so that no page break can part them from the table.
    sign = ws.cell(row=last, column=7)
    sign.font = Font(name=FONT, size=SIZE)
    sign.alignment = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells(start_row=last, start_column=7, end_row=last, end_column=SCORING_PRINTED)
    ws.row_dimensions[last].height = 42  # room to sign
    lay_out(ws, Layout(header_rows=(HEADER_ROW, HEADER_ROW), wrap=SCORING_WRAP, landscape=True, min_scale=0.62,
                       print_columns=SCORING_PRINTED, continued_header=f"{title}（续）"))
    return _save(wb, when)


def _input_rows(model: object, prefix: str = "") -> list[tuple[str, str, Any, str]]:
    """(path, label, value, unit) for every number and yes/no the department entered, in model order."""
    out: list[tuple[str, str, Any, str]] = []
    for name, info in fields_of(type(model)).items():
        value = getattr(model, name)
        path = f"{prefix}{name}"
        desc = info.description or name
        if is_record(value):
            out += _input_rows(value, path + ".")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if is_record(item):
                    tag = _item_tag(item)
                    sub = _input_rows(item, f"{path}[{i}].")
                    out += [(p, f"{tag}：{lab}" if tag else lab, v, u) for p, lab, v, u in sub]
        elif isinstance(value, bool):
            out.append((path, desc, "是" if value else "否", ""))
        elif isinstance(value, Decimal | int) and value is not None:
            label, unit = _split_unit(desc)
            out.append((path, label, value, unit))
    return out


def _item_tag(item: object) -> str:
    for attr in ("name", "label", "key", "indicator"):
        v = getattr(item, attr, None)
        if isinstance(v, str):
            return v
    kind = getattr(item, "kind", None)
    label = getattr(kind, "label", None)
    return label if isinstance(label, str) else (str(kind) if kind is not None else "")


def _split_unit(desc: str) -> tuple[str, str]:
    for unit in ("万元", "%", "人", "次", "元"):
        tail = f"（{unit}）"
        if desc.endswith(tail):
            return desc[: -len(tail)], unit
    return desc, ""


def data_workbook(dy: DepartmentYear, result: EvaluationResult, when: Any) -> bytes:
    """数据表: every input figure, every derived figure and every indicator value with its formula.

    The derived figures are the engine's (``result.figures``), listed with their code so each row
    can be traced to the figure the report and the 评分表 print.
    """
    figures = result.figures
    assert figures is not None
    wb = new_workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "填报数据"
    sub = f"{dy.profile.name}　{dy.profile.year}年度　金额单位：万元"
    _title(ws, "部门整体支出绩效自评数据表——填报数据", sub, 4)
    _header(ws, ["字段", "项目", "数值", "单位"])
    for path, label, value, unit in _input_rows(dy):
        fmt = MONEY if unit == "万元" else (RATE if unit == "%" else ("0" if isinstance(value, int) else None))
        cell_value = value / HUNDRED if unit == "%" and isinstance(value, Decimal) else value
        _append(ws, [path, label, cell_value, unit])
        _style_row(ws, [None, None, fmt if not isinstance(value, str) else None, None])

    ws2 = wb.create_sheet("计算数据")
    _title(ws2, "部门整体支出绩效自评数据表——计算数据", sub, 6)
    _header(ws2, ["项目", "计算公式", "计算所用数据", "数值", "单位", "代码"])
    for d in figures.derived():
        if d.value is None or not d.derived:
            continue
        used = "；".join(f"{i.label} {_plain(i.value)}{i.unit}" for i in d.inputs)
        _append(ws2, [d.label, d.formula, used or None, d.value / HUNDRED if d.unit == "%" else d.value, d.unit, d.key])
        _style_row(ws2, [None, None, None, _number_format(d.unit), None, None])

    ws3 = wb.create_sheet("指标计算")
    _title(ws3, "部门整体支出绩效自评数据表——评价指标", sub, 6)
    _header(ws3, ["指标", "计算公式", "计算所用数据", "指标值", "单位", "说明"])
    for r in result.leaves():
        m = r.metric
        if m is None:
            continue
        used = "；".join(f"{i.label} {_plain(i.value)}{i.unit}" for i in m.inputs)
        shown: Any = None if m.value is None else (m.value / HUNDRED if m.unit == "%" else m.value)
        note = m.not_applicable or m.note or ("；".join(m.missing) if m.missing else None)
        if r.status is Status.MISSING and not note:
            note = "；".join(r.missing)
        _append(ws3, [r.name, m.formula, used or None, shown, m.unit, note])
        _style_row(ws3, [None, None, None, _number_format(m.unit), None, None])
    for sheet in (ws, ws2, ws3):
        # 计算数据's last column, the figure's code, is for tracing on screen; it does not print
        lay_out(sheet, Layout(header_rows=(HEADER_ROW, HEADER_ROW), wrap=DATA_WRAP,
                              print_columns=5 if sheet is ws2 else None))
    return _save(wb, when)


DATA_WRAP = {1: 30, 2: 30, 3: 40, 6: 30}


def _number_format(unit: str) -> str:
    """The cell format of a figure in a unit (the unit has its own column): rates as percentages,
    counts whole, amounts with two decimals."""
    if unit == "%":
        return RATE
    if unit in COUNT_UNITS or unit == "件":
        return "0"
    return MONEY


def _plain(v: Decimal | None) -> str:
    return "—" if v is None else f"{v:f}"


def _append(ws: Any, row: list[Any]) -> None:
    """A row whose text a workbook can hold (user and framework text may carry control characters)."""
    ws.append([storable(v) for v in row])


def _save(wb: Workbook, when: Any) -> bytes:
    from datetime import datetime

    stamp = datetime(when.year, when.month, when.day)
    wb.properties.creator = "jixiao"
    wb.properties.lastModifiedBy = "jixiao"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    for ws in wb.worksheets:  # these sheets hold no formulas: any "=…" is user or framework text
        inert_cells(ws)
    # stored, not compressed: normalize_zip compresses every part once, with the fixed timestamps
    return normalize_zip(workbook_bytes(wb), when)
