"""A workbook written from a model reads back as the same model; tolerated user edits change nothing."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.workbook.workbook import Workbook

from jixiao.intake.layout import SHEETS, KeyValueSheet, TableSheet
from jixiao.intake.template import workbook_bytes
from jixiao.intake.workbook import read_workbook
from jixiao.model import DepartmentYear
from jixiao.model.records import dump, fields_of
from tests.intake.intake_helpers import FULL, edited, errors, full_model, written


def _leaf_paths(model: type, prefix: str = "") -> set[str]:
    out: set[str] = set()
    for name, info in fields_of(model).items():
        if fields_of(info.spec.type) and not info.spec.many:
            out |= _leaf_paths(info.spec.type, f"{prefix}{name}.")
        else:
            out.add(f"{prefix}{name}")
    return out


def test_every_model_field_has_a_home_in_the_layout() -> None:
    homes: set[str] = set()
    for sheet in SHEETS:
        if isinstance(sheet, KeyValueSheet):
            homes |= {f.path for f in sheet.fields}
        else:
            homes |= {f.path for f in sheet.preamble} | {p for _, p in sheet.totals} | {v.path for v in sheet.variants}
    assert _leaf_paths(DepartmentYear) - homes == set()


def test_every_field_of_the_full_model_is_filled() -> None:
    dumped = dump(full_model())

    def empties(value: Any, path: str) -> list[str]:
        if isinstance(value, dict):
            return [p for k, v in value.items() for p in empties(v, f"{path}.{k}")]
        return [path] if value is None or value == [] else []

    # The only unset fields are optional per-row cells left empty on purpose (a blank row cell must stay None).
    assert set(empties(dumped, "")) == set()  # lists are not descended: every list has items


def test_full_model_round_trip(tmp_path: Path) -> None:
    dy = full_model()
    back, findings = read_workbook(written(tmp_path, dy))
    assert errors(findings) == []
    assert back == dy
    # exact decimals, not float artefacts
    assert back is not None
    assert str(back.budget.adjustment) == "-20.25"
    assert back.expenditure.projects[0].note == "=以等号开头的说明"
    assert back.key_tasks[1].completion == Decimal("87.5")
    assert back.three_public.items[3].in_budget_scope is False
    assert back.profile.report_date is not None and back.profile.report_date.isoformat() == "2024-03-17"


def test_blank_rows_in_between_and_reordered_rows_are_tolerated(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["项目支出"]
        ws.insert_rows(5, amount=3)  # blank rows between the two projects
        kv = wb["收支情况"]
        kv.insert_rows(8, amount=2)
        kv.move_range("A4:C4", rows=4)  # 年初预算数 row moved into the blank rows below
    back, findings = read_workbook(edited(tmp_path, edit))
    assert errors(findings) == []
    assert back == full_model()


def test_amounts_in_yuan_are_converted_exactly(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        kv = wb["收支情况"]
        kv["A4"] = "年初预算数（元）"
        kv["B4"] = 10005000  # 1000.5 万元
        ws = wb["项目支出"]
        ws["C3"] = "项目支出（元）"
        ws["C4"] = 2805000
        ws["C5"] = 995000.0
    back, findings = read_workbook(edited(tmp_path, edit))
    assert errors(findings) == []
    assert back == full_model()
    assert back is not None and back.expenditure.projects[0].actual == Decimal("280.5")


def test_merged_header_cells_and_reordered_columns(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["项目支出"]
        # Swap the 预算 and 支出 columns, then put a merged group header over both.
        for row in range(3, 10):
            ws[f"B{row}"].value, ws[f"C{row}"].value = ws[f"C{row}"].value, ws[f"B{row}"].value
        ws.insert_rows(3)
        ws["A3"] = "项目名称"
        ws.merge_cells("A3:A4")
        ws["B3"] = "金额"
        ws.merge_cells("B3:C3")
    back, findings = read_workbook(edited(tmp_path, edit))
    assert errors(findings) == []
    assert back == full_model()


def test_cached_value_of_a_formula_input_cell_is_read(tmp_path: Path) -> None:
    """A user types =B4+B5+B6 for 全年预算数; Excel stores the computed 995.25 beside it."""
    def edit(wb: Workbook) -> None:
        wb["收支情况"]["B7"] = "=B4+B5+B6"
    path = edited(tmp_path, edit)
    _store_cached(path, "xl/worksheets/sheet4.xml", "B7", "995.25")
    back, findings = read_workbook(path)
    assert errors(findings) == []
    assert back is not None and back.budget.final == Decimal("995.25")


def test_formula_without_cached_value_names_the_cell(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["收支情况"]["B7"] = "=B4+B5+B6"
    back, findings = read_workbook(edited(tmp_path, edit))
    assert back is None
    [f] = errors(findings)
    assert (f.location.sheet, f.location.cell) == ("收支情况", "B7")
    assert "=B4+B5+B6" in f.message and "没有保存计算结果" in f.message


def test_same_model_gives_identical_bytes_with_fixed_timestamps() -> None:
    a = workbook_bytes(full_model())
    b = workbook_bytes(full_model())
    assert a == b
    with zipfile.ZipFile(io.BytesIO(a)) as zf:
        assert {i.date_time for i in zf.infolist()} == {(2020, 1, 1, 0, 0, 0)}
        core = zf.read("docProps/core.xml").decode()
    assert re.findall(r"<dcterms:(?:created|modified)[^>]*>([^<]*)<", core) == ["2020-01-01T00:00:00Z"] * 2


def test_computed_cells_carry_their_values_for_cached_readers(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(written(tmp_path, full_model()), data_only=True)
    kv = wb["收支情况"]
    checks = {kv[f"A{r}"].value: kv[f"B{r}"].value for r in range(20, 24)}
    assert checks["核对：基本支出 + 项目支出（万元）"] == 980.12
    assert checks["核对：人员经费 + 公用经费支出（万元）"] == 600.12
    assert wb["项目支出"]["F4"].value == 0.935  # 执行率 = 280.5 / 300


def _store_cached(path: Path, part: str, cell: str, value: str) -> None:
    """Put a computed value beside a formula, as Excel does when it saves."""
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    xml = parts[part].decode()
    xml, n = re.subn(rf'(<c r="{cell}"[^>]*>)<f>([^<]*)</f>(?:<v\s*/>|<v></v>)?', rf"\1<f>\2</f><v>{value}</v>", xml)
    assert n == 1
    parts[part] = xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)


def test_full_model_uses_every_table_sheet() -> None:
    tables = [s for s in SHEETS if isinstance(s, TableSheet)]
    data = dump(full_model())
    for sheet in tables:
        for v in sheet.variants:
            head, _, tail = v.path.partition(".")
            items = data[head][tail] if tail else data[head]
            assert items, f"{v.path} is empty in FULL"
    assert FULL["framework"] == "chongqing-district-2020"
