"""Write the intake workbook: a blank template, or filled from a model, from the one layout.

Input cells are pale yellow with data validation; computed check cells and
framework notes are grey and never read back. openpyxl cannot store the value
of a formula, so after saving we put each computed value into the file
ourselves (readers that use cached values then see it) and fix every
timestamp, so the same model always gives the same bytes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

# isort: off
import jixiao.xlsxlib  # noqa: F401  (first: openpyxl without numpy, faster start-up)
# isort: on
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.protection import SheetProtection
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.frameworks.schema import Framework
from jixiao.intake.layout import (
    INSTRUCTIONS,
    INTRO_ROW,
    KV_HEADER,
    KV_HEADER_ROW,
    SHEETS,
    TITLE_ROW,
    Field,
    KeyValueSheet,
    Kind,
    TableSheet,
    table_place,
)
from jixiao.model import DepartmentYear
from jixiao.model.records import is_record
from jixiao.safeio.atomic import atomic_write
from jixiao.safeio.inert import set_text
from jixiao.safeio.ooxml import normalize_zip
from jixiao.xlsxprint import Layout, lay_out, new_workbook

FIXED_TIME = datetime(2020, 1, 1)

FONT_NAME = "宋体"
INPUT_FILL = PatternFill("solid", fgColor="FFF9DB")
COMPUTED_FILL = PatternFill("solid", fgColor="E7E6E6")
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BODY_FONT = Font(name=FONT_NAME, size=11)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
REQUIRED_FONT = Font(name=FONT_NAME, size=11, bold=True, color="C00000")
TITLE_FONT = Font(name=FONT_NAME, size=14, bold=True)
NOTE_FONT = Font(name=FONT_NAME, size=10, color="595959")
COMPUTED_FONT = Font(name=FONT_NAME, size=11, color="404040")  # upright: italic digits overhang the cell
WRAP = Alignment(wrap_text=True, vertical="center")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
UNLOCKED = Protection(locked=False)
TEXT_KINDS = frozenset({Kind.TEXT, Kind.LINES, Kind.VALUE, Kind.REFERENCE})
# Column widths (units of one digit; a CJK character ≈ 2) of the key-value sheets: 项目 | 数值 | 说明.
KV_WIDTHS = {1: 16, 2: 22, 3: 16}  # at least: room to type
KV_WRAP = {1: 24, 2: 40, 3: 26}  # at most, before the text wraps
TABLE_MIN = 12  # an input column of a table is never narrower, so there is room to type


def _room(spec: Field) -> float:
    """The least width of an input column: half its declared width for text, ``TABLE_MIN`` else."""
    return max(TABLE_MIN, spec.width / 2) if spec.kind in TEXT_KINDS else TABLE_MIN

NUMBER_FORMATS = {
    Kind.MONEY: "#,##0.00",
    Kind.SIGNED_MONEY: "#,##0.00",
    Kind.PERCENT: "0.00%",
    Kind.COUNT: "0",
    Kind.DECIMAL: "0.##",
    Kind.DATE: "yyyy-mm-dd",
}


@dataclass(frozen=True)
class ReferenceRow:
    """A 管理评价 row the framework asks for: its type, key and what the user sees beside it."""

    type: str
    key: str
    name: str
    indicator: str
    points: Decimal | None


def framework_rows(fw: Framework) -> list[ReferenceRow]:
    """Every checklist item, per-incident kind and manual indicator of the framework, in tree order."""
    rows: list[ReferenceRow] = []
    for _, ind in fw.walk():
        rule = ind.rule
        if rule is None:
            continue
        if rule.kind == "checklist":
            rows += [ReferenceRow("清单事项", i.key, i.name, ind.name, i.points) for i in rule.items]
        elif rule.kind == "per_incident" and rule.incident is not None:
            rows.append(ReferenceRow("扣分事项", rule.incident, f"{rule.label}（发生次数）", ind.name, ind.weight))
        elif rule.kind == "manual":
            rows.append(ReferenceRow("人工评分", ind.id, ind.name, ind.name, ind.weight))
    return rows


def _value_at(obj: Any, path: str) -> Any:
    for part in path.split("."):
        if obj is None:
            return None
        obj = getattr(obj, part)
    return obj


def cell_value(spec: Field, value: Any) -> Any:
    """The model value as the cell holds it."""
    if value is None:
        return None
    kind = spec.kind
    if kind is Kind.PERCENT:
        return Decimal(value) / 100
    if kind is Kind.BOOL:
        return "是" if value else "否"
    if kind is Kind.CHOICE:
        return spec.choice_label(str(getattr(value, "value", value)))
    if kind is Kind.LINES:
        return "\n".join(value) or None
    if kind is Kind.DATE:
        return value if isinstance(value, date) else None
    return value


class _Writer:
    def __init__(self, department: DepartmentYear | None, framework: Framework | None) -> None:
        self.dy = department
        self.fw = framework
        self.wb = new_workbook()
        self.cached: dict[str, dict[str, Decimal]] = {}

    # -- cells ---------------------------------------------------------------
    def put(self, ws: Worksheet, ref: str, spec: Field, value: Any, *, input_cell: bool = True) -> None:
        cell = ws[ref]
        v = cell_value(spec, value)
        if isinstance(v, str):
            set_text(cell, v)  # user text that starts with '=' stays text (jixiao.safeio.inert)
        else:
            cell.value = v
        cell.font = BODY_FONT
        cell.border = BORDER
        fmt = NUMBER_FORMATS.get(spec.kind)
        if fmt:
            cell.number_format = fmt
        if spec.kind in TEXT_KINDS:
            cell.alignment = WRAP
        if spec.kind is Kind.REFERENCE and isinstance(v, Decimal | int):
            cell.number_format = "0.00"  # 分值 with fixed decimals
        if input_cell and spec.kind is not Kind.REFERENCE:
            cell.fill = INPUT_FILL
            cell.protection = UNLOCKED
        else:
            cell.fill = COMPUTED_FILL
            cell.font = COMPUTED_FONT

    def formula(self, ws: Worksheet, ref: str, text: str, value: Decimal | None, fmt: str) -> None:
        cell = ws[ref]
        cell.value = text
        cell.fill = COMPUTED_FILL
        cell.font = COMPUTED_FONT
        cell.border = BORDER
        cell.number_format = fmt
        if value is not None:
            self.cached.setdefault(ws.title, {})[ref] = value

    def header(self, ws: Worksheet, row: int, col: int, text: str, required: bool = False) -> None:
        cell = ws.cell(row=row, column=col, value=text)
        cell.font = REQUIRED_FONT if required else HEADER_FONT
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = CENTER
        cell.protection = UNLOCKED  # a header's unit may be changed, e.g. （万元） to （元）

    def title(self, ws: Worksheet, text: str, intro: str, width: int) -> None:
        year = f"{self.dy.profile.year}年度 " if self.dy else ""
        ws.cell(row=TITLE_ROW, column=1, value=f"{year}{text}").font = TITLE_FONT
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
        note = intro or "黄色单元格为填写区，灰色单元格为自动核对数或说明，无需填写；没有的数据请留空。"
        c = ws.cell(row=INTRO_ROW, column=1, value=note)
        c.font = NOTE_FONT
        c.alignment = WRAP
        ws.merge_cells(start_row=INTRO_ROW, start_column=1, end_row=INTRO_ROW, end_column=width)

    # -- validation ----------------------------------------------------------
    def validate(self, ws: Worksheet, spec: Field, ref: str) -> None:
        dv = validation_for(spec)
        if dv is not None:
            dv.add(ref)
            ws.add_data_validation(dv)

    # -- sheets --------------------------------------------------------------
    def key_value(self, sheet: KeyValueSheet) -> None:
        ws = self.wb.create_sheet(sheet.name)
        self.title(ws, sheet.title, sheet.intro, 3)
        for col, text in enumerate(KV_HEADER, start=1):
            self.header(ws, KV_HEADER_ROW, col, text)
        rows: dict[str, int] = {}
        for i, spec in enumerate(sheet.fields):
            r = KV_HEADER_ROW + 1 + i
            rows[spec.path] = r
            label = ws.cell(row=r, column=1, value=spec.header)
            label.font = REQUIRED_FONT if spec.required else BODY_FONT
            label.border = BORDER
            label.alignment = WRAP
            label.protection = UNLOCKED  # its unit may be changed, e.g. （万元） to （元）
            value = _value_at(self.dy, spec.path) if self.dy else None
            if spec.path == "framework" and value is None and self.fw is not None:
                value = self.fw.id
            self.put(ws, f"B{r}", spec, value)
            self.validate(ws, spec, f"B{r}")
            help_cell = ws.cell(row=r, column=3, value=spec.help or None)
            help_cell.font = NOTE_FONT
            help_cell.alignment = WRAP
            help_cell.border = BORDER
        r = KV_HEADER_ROW + len(sheet.fields) + 1
        for check in sheet.checks:
            r += 1
            c = ws.cell(row=r, column=1, value=f"{check.label}（万元）")
            c.font = COMPUTED_FONT
            c.fill = COMPUTED_FILL
            c.border = BORDER
            refs = "+".join(f"N(B{rows[p]})" for p in check.parts)
            parts: list[Decimal | None] = [_value_at(self.dy, p) if self.dy else None for p in check.parts]
            # cached as Calc computes it: N() counts a blank part as 0
            value = sum((p for p in parts if p is not None), Decimal(0)) if self.dy else None
            self.formula(ws, f"B{r}", f"={refs}", value, NUMBER_FORMATS[Kind.MONEY])
            total = next(f for f in sheet.fields if f.path == check.total)
            note = ws.cell(row=r, column=3, value=f"应等于「{total.label}」（B{rows[check.total]}），容许尾差每项 0.01 万元")
            note.font = NOTE_FONT
            note.border = BORDER
        ws.freeze_panes = f"B{KV_HEADER_ROW + 1}"
        protect(ws)
        lay_out(ws, Layout(header_rows=(KV_HEADER_ROW, KV_HEADER_ROW), widths=KV_WIDTHS, wrap=KV_WRAP,
                           landscape=False, min_scale=0.8))

    def table(self, sheet: TableSheet) -> None:
        ws = self.wb.create_sheet(sheet.name)
        width = len(sheet.columns) + len(sheet.ratios)
        self.title(ws, sheet.title, sheet.intro, width)
        place = table_place(sheet)
        for spec in sheet.preamble:
            r = place.preamble_rows[spec.path]
            label = ws.cell(row=r, column=1, value=spec.header)
            label.font = HEADER_FONT
            label.border = BORDER
            label.protection = UNLOCKED
            value = _value_at(self.dy, spec.path) if self.dy else None
            self.put(ws, f"B{r}", spec, value)
            self.validate(ws, spec, f"B{r}")
            if len(sheet.columns) > 2:
                ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=len(sheet.columns))
            if spec.help:
                ws.cell(row=r, column=len(sheet.columns) + 1, value=spec.help).font = NOTE_FONT
        hr = place.header_row
        letters = {spec.path: get_column_letter(i + 1) for i, spec in enumerate(sheet.columns)}
        for i, spec in enumerate(sheet.columns):
            self.header(ws, hr, i + 1, spec.header, spec.required)
            if spec.kind is not Kind.REFERENCE:  # rows added below the table can be typed in too
                ws.column_dimensions[letters[spec.path]].protection = UNLOCKED
        for j, ratio in enumerate(sheet.ratios):
            col = len(sheet.columns) + 1 + j
            self.header(ws, hr, col, f"{ratio.label}（%）")
        first = hr + 1
        if sheet.total_label:
            self.total_row(ws, sheet, first, letters)
            first += 1
        items = self.items(sheet)
        count = max(len(items) + 5, sheet.blank_rows) if items else sheet.blank_rows
        last = first + count - 1
        for n in range(count):
            r = first + n
            row = items[n] if n < len(items) else {}
            for spec in sheet.columns:
                self.put(ws, f"{letters[spec.path]}{r}", spec, row.get(spec.path), input_cell=spec.kind is not Kind.REFERENCE)
            for j, ratio in enumerate(sheet.ratios):
                letter = get_column_letter(len(sheet.columns) + 1 + j)
                num, den = letters[ratio.numerator], letters[ratio.denominator]
                a, b = row.get(ratio.numerator), row.get(ratio.denominator)
                value = Decimal(a or 0) / Decimal(b) if b else None  # as the formula computes it
                self.formula(ws, f"{letter}{r}", f'=IF(N({den}{r})>0,N({num}{r})/{den}{r},"")', value, "0.00%")
        for spec in sheet.columns:
            self.validate(ws, spec, f"{letters[spec.path]}{first}:{letters[spec.path]}{last}")
        ws.freeze_panes = f"A{hr + 1}"
        protect(ws)
        columns = {i + 1: spec for i, spec in enumerate(sheet.columns)}
        lay_out(ws, Layout(
            header_rows=(hr, hr), size_from=INTRO_ROW + 1,
            # a filled sheet prints its rows (at least one, so an empty table shows as empty), not the blank ones
            print_rows=first + max(len(items), 1) - 1 if self.dy is not None else None,
            widths={c: _room(spec) for c, spec in columns.items() if spec.kind is not Kind.REFERENCE},
            wrap={c: max(spec.width, 20) for c, spec in columns.items() if spec.kind in TEXT_KINDS},
        ))

    def total_row(self, ws: Worksheet, sheet: TableSheet, r: int, letters: dict[str, str]) -> None:
        totals = dict(sheet.totals)
        for spec in sheet.columns:
            ref = f"{letters[spec.path]}{r}"
            if spec.path == sheet.columns[0].path:
                c = ws[ref]
                c.value = sheet.total_label
                c.font = HEADER_FONT
                c.border = BORDER
                c.protection = UNLOCKED
            elif spec.path in totals:
                self.put(ws, ref, spec, _value_at(self.dy, totals[spec.path]) if self.dy else None)
                self.validate(ws, spec, ref)
            else:
                ws[ref].fill = COMPUTED_FILL
                ws[ref].border = BORDER

    def items(self, sheet: TableSheet) -> list[dict[str, Any]]:
        """Rows for a table: the model's list items, plus framework rows on 管理评价."""
        rows: list[dict[str, Any]] = []
        refs = framework_rows(self.fw) if self.fw and sheet.variant_column else []
        by_key = {(r.type, r.key): r for r in refs}
        for variant in sheet.variants:
            present: set[str] = set()
            objects = _value_at(self.dy, variant.path) if self.dy else []
            for obj in objects or []:
                row = {col: _plain(getattr(obj, attr)) for col, attr in variant.mapping}
                if sheet.variant_column:
                    row[sheet.variant_column] = variant.label
                    present.add(row["key"])
                    ref = by_key.get((variant.label or "", row["key"]))
                    if ref is not None:
                        row.update(name=ref.name, indicator=ref.indicator, points=ref.points)
                rows.append(row)
            for ref in refs:
                if ref.type == variant.label and ref.key not in present:
                    rows.append({"type": ref.type, "key": ref.key, "name": ref.name, "indicator": ref.indicator, "points": ref.points})
        return rows

    def instructions(self) -> None:
        ws = self.wb.active
        assert ws is not None
        ws.title = INSTRUCTIONS
        ws.cell(row=1, column=1, value="部门整体支出绩效自评 数据填报工作簿 填写说明").font = TITLE_FONT
        ws.merge_cells("A1:B1")
        r = 3
        for head, text in instruction_lines(self.fw):
            a = ws.cell(row=r, column=1, value=head)
            a.font = HEADER_FONT
            a.alignment = WRAP
            b = ws.cell(row=r, column=2, value=text)
            b.font = BODY_FONT
            b.alignment = WRAP
            if head == "黄色单元格":
                a.fill = INPUT_FILL
            elif head == "灰色单元格":
                a.fill = COMPUTED_FILL
            r += 1
        # The paragraphs wrap inside the width of a portrait page.
        lay_out(ws, Layout(size_from=3, wrap={1: 12, 2: 56}, landscape=False))

    def build(self) -> Workbook:
        self.instructions()
        for sheet in SHEETS:
            if isinstance(sheet, KeyValueSheet):
                self.key_value(sheet)
            else:
                self.table(sheet)
        props = self.wb.properties
        props.creator = "jixiao"
        props.lastModifiedBy = "jixiao"
        props.title = "部门整体支出绩效自评数据"
        props.created = FIXED_TIME
        props.modified = FIXED_TIME
        return self.wb


def _plain(value: Any) -> Any:
    if is_record(value):
        raise TypeError("nested models are not table cells")
    return getattr(value, "value", value) if not isinstance(value, str | Decimal | int | date | list) else value


def protect(ws: Worksheet) -> None:
    """Protect the sheet without a password: formulas and framework notes stay as written, inputs, headers
    and labels stay editable, rows may be added, deleted and resized (审阅 → 撤销工作表保护 lifts it)."""
    ws.protection = SheetProtection(sheet=True, formatCells=False, formatColumns=False, formatRows=False,
                                    insertRows=False, deleteRows=False, sort=False, autoFilter=False)


def validation_for(spec: Field) -> DataValidation | None:
    """The Excel data validation of one input, with a Chinese error message."""
    unit = spec.shown_unit or ""
    common: dict[str, Any] = {"allow_blank": True, "showErrorMessage": True, "errorTitle": "输入有误",
                              "showInputMessage": True, "promptTitle": spec.label[:32], "prompt": input_message(spec)}
    kind = spec.kind
    if kind is Kind.MONEY:
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              error=f"请填写不小于 0 的数字，单位：{unit}", **common)
    if kind is Kind.SIGNED_MONEY:
        return DataValidation(type="decimal", operator="between", formula1="-1E+12", formula2="1E+12",
                              error=f"请填写数字（调减为负数），单位：{unit}", **common)
    if kind is Kind.PERCENT:
        return DataValidation(type="decimal", operator="between", formula1="0", formula2="1",
                              error="请填写 0% 到 100% 之间的百分比，如 98%", **common)
    if kind is Kind.COUNT:
        return DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0",
                              error="请填写不小于 0 的整数", **common)
    if kind is Kind.DECIMAL:
        return DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              error="请填写不小于 0 的数字", **common)
    if kind is Kind.DATE:
        return DataValidation(type="date", operator="greaterThan", formula1="DATE(2000,1,1)",
                              error="请填写日期，如 2023-03-17", **common)
    if kind in (Kind.BOOL, Kind.CHOICE):
        options = ",".join(label for label, _ in spec.choices)
        return DataValidation(type="list", formula1=f'"{options}"', error=f"请从下拉列表选择：{options}", **common)
    if spec.path == "framework":
        from jixiao.frameworks import bundled_ids

        return DataValidation(type="list", formula1=f'"{",".join(bundled_ids())}"', errorStyle="warning",
                              error="不是内置框架 ID；如使用自定义框架文件，请填写文件路径", **common)
    if kind is Kind.REFERENCE:
        return None
    return DataValidation(**{**common, "showErrorMessage": False})  # any value: only the input message


# What an input message says when the field has no help of its own (Excel shows at most 255 characters).
KIND_PROMPTS = {
    Kind.MONEY: "填写金额（{unit}），不小于 0；没有的数据留空。",
    Kind.SIGNED_MONEY: "填写金额（{unit}），调减填负数；没有的数据留空。",
    Kind.PERCENT: "直接输入带 % 的数，如 98%。",
    Kind.COUNT: "填写不小于 0 的整数（{unit}）。",
    Kind.DECIMAL: "填写不小于 0 的数字（{unit}）。",
    Kind.DATE: "写成 2023-03-17 的形式。",
    Kind.BOOL: "从下拉列表选择 是 或 否。",
    Kind.CHOICE: "从下拉列表选择。",
    Kind.LINES: "每行一项，单元格内按 Alt+Enter 换行。",
    Kind.TEXT: "填写文字。",
    Kind.VALUE: "填写数字或文字。",
}


def input_message(spec: Field) -> str:
    """The message shown when the cell is selected: the field's help, then what its kind expects."""
    expects = KIND_PROMPTS.get(spec.kind, "").format(unit=spec.shown_unit or "").replace("（）", "")
    text = f"{spec.help.rstrip('。')}。{expects}" if spec.help else expects
    return text[:250]


def instruction_lines(fw: Framework | None) -> list[tuple[str, str]]:
    lines = [
        ("用途", "本工作簿用于填报一个部门（单位）一个年度的部门整体支出绩效自评数据。填好后运行 "
                 "jixiao evaluate 文件名.xlsx，即可计算各项指标、评分、定级，并列出需要更正的单元格。"),
        ("黄色单元格", "需要填写的内容。带 * 的项目（红色表头）必须填写。"),
        ("灰色单元格", "自动计算的核对数或评价框架给出的说明，无需填写，读取时不使用。"),
        ("金额单位", "除表头另有注明外，金额一律以万元为单位，可保留多位小数，不必四舍五入。"
                     "如手头数据以元为单位，可把表头或项目名称中的“（万元）”改为“（元）”，读取时自动换算为万元。"),
        ("百分比", "百分比单元格输入的数即百分数：98 即 98%，1.2 即 1.2%（不是 120%）；不足 1% 请带 %，如 0.5%。"),
        ("没有的数据", "留空，不要填 0、“无”或“—”。留空表示未提供，评分时会列为缺少数据；确实为零的才填 0。"),
        ("下拉列表", "是/否、“三公”经费类别、指标方向（≥、≤、=、定性）、管理评价类型请从下拉列表选择。"),
        ("日期", "写成 2023-03-17 的形式。"),
        ("表格", "不要修改工作表名称和表头文字；明细表可在末尾继续添加行，空行会被忽略。同一项目不要重复填写。"),
        ("保护", "各数据表已设工作表保护（无密码），防止误改核对公式和框架说明；填写、增删行、调整行高列宽不受影响。"
                 "确需修改时，可在“审阅”菜单中撤销工作表保护。"),
        ("核对", "读取时检查：基本支出 + 项目支出 = 支出合计；人员经费 + 公用经费 = 基本支出；“三公”经费各类之和 = 合计；"
                 "政府采购货物、工程、服务之和 = 实际金额；固定资产各类之和 = 合计。每项容许 0.01 万元尾差，"
                 "超出时给出警告并指明单元格。实际支出超过全年预算数只作警告。"),
        ("各工作表", "基本信息、人员编制、收支情况（预算、收入、支出、结转结余）、项目支出、“三公”经费、"
                     "公用经费（含公务卡）、政府采购、资产（含固定资产分类）、支付进度、绩效目标、重点任务、"
                     "管理评价（清单事项、扣分事项、定性指标人工评分）、满意度调查、上年数据。"),
    ]
    if fw is not None:
        lines.append(("评价框架", f"本工作簿按“{fw.name}”（{fw.id}）准备，“管理评价”表已列出该框架需要的全部清单事项、"
                                  "扣分事项和人工评分指标。"))
    return lines


def workbook_bytes(department: DepartmentYear | None = None, framework: Framework | None = None) -> bytes:
    """The workbook as bytes: deterministic for the same model and framework."""
    writer = _Writer(department, framework)
    wb = writer.build()
    raw = io.BytesIO()
    wb.save(raw)
    # openpyxl names worksheet parts sheet1.xml, sheet2.xml, ... in workbook order.
    cached = {f"xl/worksheets/sheet{i + 1}.xml": writer.cached.get(ws.title, {}) for i, ws in enumerate(wb.worksheets)}

    def fill(name: str, body: bytes) -> bytes:
        values = cached.get(name)
        return _insert_cached(body.decode("utf-8"), values).encode("utf-8") if values else body

    return normalize_zip(raw.getvalue(), FIXED_TIME, fill)


def _insert_cached(xml: str, values: dict[str, Decimal]) -> str:
    def fill(match: re.Match[str]) -> str:
        value = values.get(match.group(2))
        if value is None:
            return match.group(0)
        return f"{match.group(1)}<f>{match.group(3)}</f><v>{value.normalize():f}</v>"

    return re.sub(r'(<c r="([A-Z]+\d+)"[^>]*>)<f>([^<]*)</f>(?:<v\s*/>|<v></v>)', fill, xml)


def write_workbook(path: Path | str, department: DepartmentYear | None = None, framework: Framework | None = None,
                   *, force: bool = False) -> None:
    """Write a blank template (no department) or the department's data, atomically; an existing
    file is replaced only with ``force`` (raises :class:`jixiao.safeio.WouldOverwrite`)."""
    atomic_write(Path(path), workbook_bytes(department, framework), force=force)


def sheet_names() -> Iterable[str]:
    return [INSTRUCTIONS, *(s.name for s in SHEETS)]
