"""Read an intake workbook into the same model as YAML input, naming the cell of every problem.

Headers and row labels are found by their text (merged header cells, blank
rows, reordered columns and rows do no harm); amounts in 元 are converted to
万元 exactly; every problem in every sheet is collected before anything is
returned. The assembled data then goes through the same validation as YAML
(:func:`jixiao.model.load.department_from_data`), and the field path of each
model finding is mapped back to the cell it came from.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

# isort: off
import jixiao.xlsxlib  # noqa: F401  (first: openpyxl without numpy, faster start-up)
# isort: on
from openpyxl import load_workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.findings import Finding, Location, Severity
from jixiao.intake import values as V
from jixiao.intake.guards import read_workbook_file
from jixiao.intake.layout import (
    KV_HEADER,
    MONEY_KINDS,
    SHEETS,
    Field,
    KeyValueSheet,
    Kind,
    TableSheet,
)
from jixiao.model import DepartmentYear
from jixiao.model.load import department_from_data
from jixiao.safeio.zipguard import missing_sheets, unread_message

HEADER_SCAN_ROWS = 30
KV_LABEL_NAMES = ("项目",)
KV_VALUE_NAMES = ("数值", "填报值", "金额", "值")
CHECK_PREFIX = "核对"

Coord = tuple[int, int]


@dataclass(frozen=True)
class Place:
    sheet: str
    cell: str
    label: str


def ref(row: int, col: int) -> str:
    return f"{get_column_letter(col)}{row}"


class Grid:
    """The non-empty cells of one worksheet, with merged ranges spread on request."""

    def __init__(self, ws: Worksheet, formulas: Worksheet | None) -> None:
        self.title = ws.title
        self.cells: dict[Coord, Cell | MergedCell] = {
            k: c for k, c in ws._cells.items() if not V.is_empty(c.value)
        }
        self.formulas = formulas
        self.merged: dict[Coord, Coord] = {}
        for rng in ws.merged_cells.ranges:
            top = (rng.min_row, rng.min_col)
            for r in range(rng.min_row, rng.max_row + 1):
                for c in range(rng.min_col, rng.max_col + 1):
                    if (r, c) != top:
                        self.merged[(r, c)] = top
        self.max_row = max((r for r, _ in self.cells), default=0)

    def value(self, row: int, col: int, *, spread: bool = False) -> Any:
        cell = self.cells.get((row, col))
        if cell is None and spread and (row, col) in self.merged:
            cell = self.cells.get(self.merged[(row, col)])
        return None if cell is None else cell.value

    def number_format(self, row: int, col: int) -> str:
        cell = self.cells.get((row, col))
        return str(cell.number_format) if cell is not None else "General"

    def text(self, row: int, col: int, *, spread: bool = True) -> str:
        v = self.value(row, col, spread=spread)
        return "" if v is None else V.parse_text(v)

    def row_cols(self, row: int) -> list[int]:
        cols = {c for r, c in self.cells if r == row}
        cols |= {c for (r, c), top in self.merged.items() if r == row and top in self.cells}
        return sorted(cols)

    def uncached_formula(self, row: int, col: int) -> str | None:
        """The formula text of a cell whose file holds no computed value."""
        if (row, col) in self.cells or self.formulas is None:
            return None
        cell = self.formulas._cells.get((row, col))
        if cell is not None and isinstance(cell.value, str) and cell.value.startswith("="):
            return cell.value
        return None


@dataclass
class Reader:
    file: str
    findings: list[Finding] = field(default_factory=list)
    places: dict[str, Place] = field(default_factory=dict)
    data: dict[str, Any] = field(default_factory=dict)
    error_cells: set[tuple[str, str]] = field(default_factory=set)

    # -- findings ------------------------------------------------------------
    def add(self, code: str, message: str, sheet: str | None = None, cell: str | None = None,
            severity: Severity = Severity.ERROR, path: str | None = None) -> None:
        self.findings.append(Finding(code, severity, message, Location(file=self.file, sheet=sheet, cell=cell, path=path)))
        if severity is Severity.ERROR and sheet and cell:
            self.error_cells.add((sheet, cell))

    # -- data ----------------------------------------------------------------
    def put(self, path: str, value: Any) -> None:
        target = self.data
        parts = path.split(".")
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value

    def read_cell(self, grid: Grid, row: int, col: int, spec: Field, unit: str | None, label: str) -> Any:
        """The model value of one cell, or None after recording why it cannot be used."""
        spread = spec.kind in (Kind.TEXT, Kind.CHOICE)
        raw = grid.value(row, col, spread=spread)
        where = ref(row, col)
        if V.is_empty(raw):
            formula = grid.uncached_formula(row, col)
            if formula is not None:
                self.add("xlsx.formula-no-value",
                         f"「{label}」是公式 {formula}，但文件中没有保存计算结果；请在 Excel 中打开并保存后再导入，或直接填写数值",
                         grid.title, where)
            return None
        try:
            return convert(raw, spec, unit, grid.number_format(row, col))
        except V.CellProblem as exc:
            self.add("xlsx.bad-value", f"「{label}」{exc.message}", grid.title, where)
            return None


def convert(raw: Any, spec: Field, unit: str | None, number_format: str) -> Any:
    kind = spec.kind
    if kind in MONEY_KINDS:
        return V.parse_money(raw, unit, signed=kind is Kind.SIGNED_MONEY)
    if kind is Kind.PERCENT:
        return V.parse_percent(raw, number_format)
    if kind is Kind.COUNT:
        return V.parse_count(raw)
    if kind is Kind.DECIMAL:
        return V.parse_nonnegative(raw)
    if kind is Kind.DATE:
        return V.parse_date(raw)
    if kind is Kind.BOOL:
        return V.parse_bool(raw)
    if kind is Kind.CHOICE:
        return V.parse_choice(raw, spec)
    if kind is Kind.LINES:
        return V.parse_lines(raw)
    if kind is Kind.VALUE:
        return V.parse_value(raw)
    return V.parse_text(raw)


def _match(spec_names: tuple[str, ...], name: str) -> bool:
    return name in {V.normalize(n) for n in spec_names}


def _unit_warning(reader: Reader, grid: Grid, spec: Field, unit: str | None, where: str) -> None:
    if spec.kind in MONEY_KINDS and unit is None:
        reader.add("xlsx.unit-assumed", f"「{spec.label}」没有注明金额单位，按万元读取；如为元请写成“{spec.label}（元）”",
                   grid.title, where, Severity.WARNING)


# -- key-value sheets ----------------------------------------------------------
def read_key_value(reader: Reader, grid: Grid, sheet: KeyValueSheet) -> None:
    header = _find_kv_header(grid)
    if header is None:
        reader.add("xlsx.missing-header", f"找不到表头「{' | '.join(KV_HEADER[:2])}」：第一列应为项目名称，第二列应为数值",
                   grid.title, "A3")
        return
    hr, label_col, value_col = header
    seen: dict[str, int] = {}
    for row in range(hr + 1, grid.max_row + 1):
        label_text = grid.text(row, label_col)
        value = grid.value(row, value_col)
        if not label_text:
            if not V.is_empty(value):
                reader.add("xlsx.unlabelled", f"此格有内容「{V.shown(value)}」，但同一行没有项目名称，无法读取",
                           grid.title, ref(row, value_col))
            continue
        name, unit = V.split_header(label_text)
        if name.startswith(CHECK_PREFIX):
            continue
        spec = next((f for f in sheet.fields if _match(f.names, name)), None)
        if spec is None:
            if not V.is_empty(value):
                expected = "、".join(f.label for f in sheet.fields)
                reader.add("xlsx.unknown-row", f"无法识别的项目「{label_text}」，该行的值不会被读取；项目名称应为：{expected}",
                           grid.title, ref(row, label_col))
            continue
        if spec.path in seen:
            reader.add("xlsx.duplicate", f"项目「{spec.label}」重复出现（第一次在第 {seen[spec.path]} 行），只能填写一次",
                       grid.title, ref(row, label_col))
            continue
        seen[spec.path] = row
        where = ref(row, value_col)
        reader.places[spec.path] = Place(grid.title, where, spec.label)
        if not V.is_empty(value):
            _unit_warning(reader, grid, spec, unit, ref(row, label_col))
        parsed = reader.read_cell(grid, row, value_col, spec, unit, spec.label)
        if parsed is not None:
            reader.put(spec.path, parsed)
        elif spec.required and V.is_empty(value):
            hint = f"，如 {spec.help.removeprefix('如 ')}" if spec.help else ""
            reader.add("xlsx.required", f"「{spec.label}」为必填项，不能为空{hint}", grid.title, where)
    for spec in sheet.fields:
        parent = spec.path.rpartition(".")[0]
        if parent and parent not in reader.places and spec.path in reader.places:
            reader.places[parent] = reader.places[spec.path]  # e.g. "profile" missing as a whole
        if spec.path not in seen:
            reader.places[spec.path] = Place(grid.title, ref(hr, label_col), spec.label)
            if spec.required:
                reader.add("xlsx.missing-row", f"缺少必填项目「{spec.header.rstrip('*')}」（该行被删除或改名）",
                           grid.title, ref(hr, label_col))


def _find_kv_header(grid: Grid) -> tuple[int, int, int] | None:
    for row in range(1, min(grid.max_row, HEADER_SCAN_ROWS) + 1):
        label_col = value_col = None
        for col in grid.row_cols(row):
            name, _ = V.split_header(grid.text(row, col))
            if name in KV_LABEL_NAMES and label_col is None:
                label_col = col
            elif name in KV_VALUE_NAMES and value_col is None:
                value_col = col
        if label_col is not None and value_col is not None:
            return row, label_col, value_col
    return None


# -- table sheets --------------------------------------------------------------
@dataclass
class Header:
    row: int
    columns: dict[str, tuple[int, str | None]]  # column field -> (column index, unit)
    unknown: dict[int, str]


def _find_table_header(grid: Grid, sheet: TableSheet) -> Header | None:
    best: Header | None = None
    for row in range(1, min(grid.max_row, HEADER_SCAN_ROWS) + 1):
        columns: dict[str, tuple[int, str | None]] = {}
        unknown: dict[int, str] = {}
        for col in grid.row_cols(row):
            text = grid.text(row, col)
            name, unit = V.split_header(text)
            spec = next((c for c in sheet.columns if _match(c.names, name)), None)
            if spec is not None and spec.path not in columns:
                columns[spec.path] = (col, unit)
            elif text and CHECK_PREFIX not in text and not any(V.normalize(r.label) == name for r in sheet.ratios):
                unknown[col] = text
        if columns and (best is None or len(columns) > len(best.columns)):
            best = Header(row, columns, unknown)
    return best


def read_table(reader: Reader, grid: Grid, sheet: TableSheet) -> None:
    header = _find_table_header(grid, sheet)
    key_col = sheet.columns[0]
    if header is None or len(header.columns) * 2 < len(sheet.columns):
        expected = " | ".join(c.header for c in sheet.columns)
        reader.add("xlsx.missing-header", f"找不到表头，应为：{expected}", grid.title, "A1")
        return
    hr = header.row
    _read_preamble(reader, grid, sheet, hr)
    for spec in sheet.columns:
        if spec.path not in header.columns:
            where = ref(hr, max(c for c, _ in header.columns.values()) + 1)
            severity = Severity.ERROR if spec.required else Severity.WARNING
            reader.add("xlsx.missing-column", f"缺少列「{spec.header.rstrip('*')}」（该列被删除或表头被改名）",
                       grid.title, where, severity)
    for col, text in header.unknown.items():
        if any(r > hr and c == col for r, c in grid.cells):
            names = "、".join(c.label for c in sheet.columns)
            reader.add("xlsx.unknown-column", f"无法识别的表头「{text}」，该列内容不会被读取；表头应为：{names}",
                       grid.title, ref(hr, col))
    key_place = ref(hr, header.columns.get(key_col.path, (1, None))[0])
    for variant in sheet.variants:
        reader.places[variant.path] = Place(grid.title, key_place, key_col.label)
    counters = {v.path: 0 for v in sheet.variants}
    lists: dict[str, list[dict[str, Any]]] = {v.path: [] for v in sheet.variants}
    seen_keys: dict[tuple[str, ...], int] = {}
    for row in range(hr + 1, grid.max_row + 1):
        present = {p: col for p, (col, _) in header.columns.items()}
        filled = {p for p, col in present.items()
                  if sheet.column(p).kind is not Kind.REFERENCE and not V.is_empty(grid.value(row, col, spread=False))}
        if not filled and not any(grid.uncached_formula(row, col) for col in present.values()):
            continue
        first_text = grid.text(row, present[key_col.path], spread=False) if key_col.path in present else ""
        if first_text.startswith(CHECK_PREFIX):
            continue
        if sheet.total_label and V.normalize(first_text) == sheet.total_label:
            _read_totals(reader, grid, sheet, header, row)
            continue
        if sheet.placeholders and filled <= set(sheet.key):
            continue
        _read_row(reader, grid, sheet, header, row, counters, lists, seen_keys)
    for path, items in lists.items():
        if items:
            reader.put(path, items)


def _read_preamble(reader: Reader, grid: Grid, sheet: TableSheet, header_row: int) -> None:
    for spec in sheet.preamble:
        found = False
        for row in range(1, header_row):
            for col in grid.row_cols(row):
                name, unit = V.split_header(grid.text(row, col))
                if not _match(spec.names, name):
                    continue
                value_col = col + 1  # the value sits right of its label (merged across the table)
                where = ref(row, value_col)
                reader.places[spec.path] = Place(grid.title, where, spec.label)
                parsed = reader.read_cell(grid, row, value_col, spec, unit, spec.label)
                if parsed is not None:
                    reader.put(spec.path, parsed)
                found = True
                break
            if found:
                break
        if not found:
            reader.places[spec.path] = Place(grid.title, "A1", spec.label)


def _read_totals(reader: Reader, grid: Grid, sheet: TableSheet, header: Header, row: int) -> None:
    for col_name, path in sheet.totals:
        if col_name not in header.columns:
            continue
        col, unit = header.columns[col_name]
        spec = sheet.column(col_name)
        label = f"{sheet.total_label}·{spec.label}"
        reader.places[path] = Place(grid.title, ref(row, col), label)
        parsed = reader.read_cell(grid, row, col, spec, unit, label)
        if parsed is not None:
            reader.put(path, parsed)


def _read_row(reader: Reader, grid: Grid, sheet: TableSheet, header: Header, row: int,
              counters: dict[str, int], lists: dict[str, list[dict[str, Any]]],
              seen_keys: dict[tuple[str, ...], int]) -> None:
    variant_label = None
    if sheet.variant_column is not None:
        spec = sheet.column(sheet.variant_column)
        col = header.columns.get(spec.path, (0, None))[0]
        raw = grid.value(row, col, spread=True) if col else None
        if V.is_empty(raw):
            reader.add("xlsx.required", f"「{spec.label}」为必填项，应为：{'、'.join(label for label, _ in spec.choices)}",
                       grid.title, ref(row, col or 1))
            return
        label = V.normalize(V.parse_text(raw))
        variant_label = next((shown for shown, _ in spec.choices if V.normalize(shown) == label or _ == label), None)
        if variant_label is None:
            reader.add("xlsx.bad-value", f"「{spec.label}」应为以下之一：{'、'.join(s for s, _ in spec.choices)}，实际为「{V.shown(raw)}」",
                       grid.title, ref(row, col))
            return
    variant = sheet.variant_for(variant_label)
    assert variant is not None
    mapping = dict(variant.mapping)
    key_values = tuple(
        V.normalize(grid.text(row, header.columns[k][0])) if k in header.columns else "" for k in sheet.key
    )
    key_cell = ref(row, header.columns[sheet.key[-1]][0]) if sheet.key[-1] in header.columns else ref(row, 1)
    if any(key_values) and key_values in seen_keys:
        shown = " / ".join(k for k in key_values if k)
        reader.add("xlsx.duplicate", f"与第 {seen_keys[key_values]} 行重复：「{shown}」只能填写一行",
                   grid.title, key_cell)
        return
    if any(key_values):
        seen_keys[key_values] = row
    index = counters[variant.path]
    counters[variant.path] += 1
    item: dict[str, Any] = {}
    base = f"{variant.path}[{index}]"
    reader.places[base] = Place(grid.title, key_cell, sheet.columns[0].label)
    for spec in sheet.columns:
        if spec.kind is Kind.REFERENCE or spec.path == sheet.variant_column or spec.path not in header.columns:
            continue
        col, unit = header.columns[spec.path]
        where = ref(row, col)
        if spec.path not in mapping:
            if not V.is_empty(grid.value(row, col)):
                reader.add("xlsx.not-applicable", f"「{spec.label}」不适用于{variant_label}，此格内容不会被读取；请清空或改填对应的列",
                           grid.title, where)
            continue
        attr = mapping[spec.path]
        reader.places[f"{base}.{attr}"] = Place(grid.title, where, spec.label)
        value = reader.read_cell(grid, row, col, spec, unit, spec.label)
        if value is None:
            if spec.required and V.is_empty(grid.value(row, col, spread=True)) and (grid.title, where) not in reader.error_cells:
                hint = f"，应为：{spec.help}" if spec.help else ""
                reader.add("xlsx.required", f"「{spec.label}」为必填项，此行已填写其他内容但此格为空{hint}", grid.title, where)
            continue
        if spec.kind in MONEY_KINDS:
            _unit_warning(reader, grid, spec, unit, ref(header.row, col))
        item[attr] = value
    for column, unless, values in sheet.requires:
        if column in header.columns and column not in item and unless in item and str(item[unless]) not in values:
            target = sheet.column(column)
            name = item.get("name", "")
            reader.add("xlsx.required", f"定量指标「{name}」缺少「{target.label}」，{target.help}",
                       grid.title, ref(row, header.columns[column][0]))
    lists[variant.path].append(item)


# -- the whole workbook ---------------------------------------------------------
def _sheet_key(name: str) -> str:
    return V.normalize(name)


def _open(data: bytes, reader: Reader) -> tuple[Workbook, Workbook | None] | None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            values = load_workbook(BytesIO(data), data_only=True)
            formulas = load_workbook(BytesIO(data), data_only=False)
        except Exception as exc:  # openpyxl raises many kinds on damaged parts
            reader.add("xlsx.corrupt", f"文件已损坏或不是有效的 Excel 工作簿，无法打开（{type(exc).__name__}）；请在 Excel 中重新保存后再试")
            return None
    missing = missing_sheets(data, values.sheetnames)
    if missing:  # openpyxl left out a sheet whose part is missing: refused, not reported as a sheet not filled in
        reader.add("xlsx.unread-sheet", unread_message(missing), missing[0] if len(missing) == 1 else None)
        return None
    return values, formulas


def read_workbook(path: Path | str) -> tuple[DepartmentYear | None, list[Finding]]:
    """Read a workbook into a model; every problem comes back as a located finding."""
    path = Path(path)
    reader = Reader(file=str(path))
    data, guard = read_workbook_file(path)
    if data is None:
        return None, guard
    opened = _open(data, reader)
    if opened is None:
        return None, reader.findings
    wb, formulas = opened
    by_name = {_sheet_key(ws.title): ws for ws in wb.worksheets}
    expected = {_sheet_key(s.name) for s in SHEETS} | {_sheet_key("说明")}
    extra = [ws.title for ws in wb.worksheets if _sheet_key(ws.title) not in expected]
    for sheet in SHEETS:
        ws = by_name.get(_sheet_key(sheet.name))
        if ws is None:
            hint = f"；工作簿中有未识别的工作表「{'」「'.join(extra)}」，是否被改名？" if extra else ""
            reader.add("xlsx.missing-sheet", f"缺少工作表「{sheet.name}」（应使用 jixiao template 生成的模板）{hint}",
                       sheet.name)
            continue
        grid = Grid(ws, formulas[ws.title] if formulas is not None else None)
        if isinstance(sheet, KeyValueSheet):
            read_key_value(reader, grid, sheet)
        else:
            read_table(reader, grid, sheet)
    return _validate(reader)


def _validate(reader: Reader) -> tuple[DepartmentYear | None, list[Finding]]:
    intake_errors = any(f.severity is Severity.ERROR for f in reader.findings)
    data = reader.data
    if "profile" not in data and any(f.code == "xlsx.missing-sheet" for f in reader.findings):
        return None, reader.findings
    dy, model_findings = department_from_data(data, file=reader.file)
    findings = list(reader.findings)
    for f in model_findings:
        if f.code == "model.duplicate":
            continue  # the intake reports duplicate rows with their cells
        located = _locate(reader, f)
        if located.severity is Severity.ERROR and (located.location.sheet, located.location.cell) in reader.error_cells:
            continue
        findings.append(located)
    if intake_errors or dy is None or any(f.severity is Severity.ERROR for f in findings):
        return None, findings
    return dy, findings


_INDEX = re.compile(r"\[\d+\]$")


def _prefixes(path: str) -> Iterator[str]:
    current = path
    while current:
        yield current
        if _INDEX.search(current):
            current = _INDEX.sub("", current)
        elif "." in current:
            current = current.rsplit(".", 1)[0]
        else:
            return


def _locate(reader: Reader, f: Finding) -> Finding:
    path = f.location.path
    if not path:
        return f
    for prefix in _prefixes(path):
        place = reader.places.get(prefix)
        if place is not None:
            message = f.message
            if f.code == "model.invalid":
                message = f"「{place.label}」{message}"
            return Finding(f.code, f.severity, message,
                           Location(file=reader.file, sheet=place.sheet, cell=place.cell, path=path))
    return f
