"""Tables whose header numbers the figure columns ①②③… and writes formulas over them (issue 10, held-out-8's
福建 部门整体支出绩效自评表 copied from an .xls page and 山西 OCR'd subsidy table): ``colformulas`` reads the
numbering, ``numbered`` rebuilds the two text layouts, ``table_formula`` judges every row against the formulas.

The documents are ours (a city archive's 2020 form, a county's 耕地 subsidy list, a workbook); every expected
figure below is computed by hand:

- form: 1200000 + 50000.50 − 20000 = 1230000.50 (④); 1107000.45 ÷ 1230000.50 = 90.00% (⑥);
  1230000.50 − 1107000.45 = 123000.05 (⑦); 123000.05 ÷ 1230000.50 = 10.00% (⑧);
- subsidy list: 120元/亩 × 1450亩 = 174000元 = 17.4万元, × 2300 = 27.6万元, × 975 = 11.7万元.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path
from jixiao.audit.colformulas import PRODUCT, RATIO, SUM, ColumnFormula, parse_formulas
from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

FORM = """部门整体支出绩效自评表
(2020年度)
部门(单位)名称 某市档案馆 部门预算编码 100200300
财政资金安排和使用情况  资金结构
(万元)
预算安排 拨付情况 结余情况
年初部门预算安排金额
历年结余结转
年中调整金额③ 小计
④ = ①+② +③
年度拨付金额
支出实现率(%)
⑥=⑤/④
本年度结余金额
⑦=④-⑤
资金结余率
(%)
⑧=⑦/④
财政资金小计 1200000 50000.50 -20000 1230000.50 1107000.45 90% 123000.05 10%
①中央及省级财政资金
②市级财政资金 1200000 50000.50 -20000 1230000.50 1107000.45 90% 123000.05 10%
其他资金小计
合 计 1200000 50000.50 -20000 1230000.50 1107000.45 {rate} {rest} 10%
年度总体目标完成情况
目标1:保障馆藏档案数字化按期完成。
"""

SUBSIDY = """某县2020年耕地保护补助资金发放表
序号 | 乡镇 | 补助标准(元/亩) | 申报面积(亩) | 核定面积(亩) | 补助资金 | 备注 |
① | ② | ③ | ④ | ⑤ | ⑥=③*⑤ | |
1 | 东湖镇 | 120 | 1500 | 1450 | 17.4 | |
2 | 西岭乡 | 120 | 2300 | 2300 | 27.6 | |
3 | 南山镇 | 120 | 980 | 975 | {last} | |
说明:补助资金按核定面积计算。
"""


def test_formulas_are_read_with_their_operations_and_signs() -> None:
    assert parse_formulas("小计 ④ = ①+② +③") == [ColumnFormula(4, SUM, ((1, 1), (2, 1), (3, 1)), "④=①+②+③")]
    assert parse_formulas("⑦=④-⑤") == [ColumnFormula(7, SUM, ((4, 1), (5, -1)), "⑦=④-⑤")]
    assert parse_formulas("⑧=④×⑦") == [ColumnFormula(8, PRODUCT, ((4, 1), (7, 1)), "⑧=④×⑦")]
    assert parse_formulas("⑥=⑤/④") == [ColumnFormula(6, RATIO, ((5, 1), (4, 1)), "⑥=⑤/④")]
    assert parse_formulas("⑤=①*②+③") == []  # a product mixed with a sum is not read
    assert parse_formulas("③=③+①") == []


def test_the_xls_form_is_rebuilt_from_its_header_formulas_and_its_rows() -> None:
    doc = document_from_text(FORM.format(rate="90%", rest="123000.05"))
    assert len(doc.tables) == 1
    rows = [[c.text for c in row] for row in doc.tables[0].rows]
    assert rows[0] == ["", "①", "②", "③", "④=①+②+③", "⑤", "⑥=⑤/④", "⑦=④-⑤", "⑧=⑦/④"]
    assert [r[0] for r in rows[1:]] == ["财政资金小计", "①中央及省级财政资金", "②市级财政资金", "其他资金小计", "合 计"]
    assert rows[5][1:] == ["1200000", "50000.50", "-20000", "1230000.50", "1107000.45", "90%", "123000.05", "10%"]
    # the goal lines after the table stay prose
    assert any("数字化" in b.text and not b.in_table for b in doc.blocks)


def test_a_consistent_form_checks_every_formula_on_every_row_of_figures() -> None:
    text = FORM.format(rate="90%", rest="123000.05")
    assert found(text, "table_formula") == []
    total: tuple[str, tuple[str, ...]] = ("1230000.50", ("-20000", "1200000", "50000.50"))
    balance: tuple[str, tuple[str, ...]] = ("123000.05", ("1107000.45", "1230000.50"))
    spent: tuple[str, tuple[str, ...]] = ("90", ("1107000.45", "1230000.50"))
    left: tuple[str, tuple[str, ...]] = ("10", ("123000.05", "1230000.50"))
    sums = [total] * 3 + [balance] * 3
    rates = [left] * 3 + [spent] * 3
    assert checked(text, "table_formula") == sorted(sums + rates)


def test_a_wrong_balance_and_a_wrong_rate_are_found_in_their_cells() -> None:
    assert found(FORM.format(rate="92%", rest="123000.50"), "table_formula") == [
        ("table_formula", "错误", "第23行（表1第6行第7列）", "92%", "90%"),
        ("table_formula", "错误", "第23行（表1第6行第8列）", "123000.50", "123000.05"),
    ]
    # one unit of a whole percent off, out of reach of the amounts' rounding: a 提示 as for every rate
    assert found(FORM.format(rate="91%", rest="123000.05"), "table_formula") == [
        ("table_formula", "提示", "第23行（表1第6行第7列）", "91%", "90%")]


def test_a_row_missing_a_figure_ends_the_table() -> None:
    # the 市级 row lost its 年中调整 figure: its figures cannot be placed, so it and the rows after it are not read
    text = FORM.format(rate="91%", rest="123000.50").replace(
        "②市级财政资金 1200000 50000.50 -20000", "②市级财政资金 1200000 50000.50")
    assert found(text, "table_formula") == []
    assert document_from_text(text).tables == []  # one row of figures read is not a table


def test_the_subsidy_list_is_judged_in_the_unit_most_rows_agree_on() -> None:
    assert found(SUBSIDY.format(last="11.7"), "table_formula") == []
    assert checked(SUBSIDY.format(last="11.7"), "table_formula") == [
        ("11.7", ("120", "975")), ("17.4", ("120", "1450")), ("27.6", ("120", "2300"))]
    assert found(SUBSIDY.format(last="11.8"), "table_formula") == [
        ("table_formula", "错误", "第6行（表1第5行第6列）", "11.8", "11.70")]


def test_a_product_column_no_unit_explains_is_not_judged() -> None:
    # 17.5 and 27.5 agree neither in 元 nor in 万元: the column's unit is unknown, nothing is judged
    text = SUBSIDY.format(last="11.7").replace("| 17.4 |", "| 17.5 |").replace("| 27.6 |", "| 27.5 |")
    assert found(text, "table_formula") == []
    assert checked(text, "table_formula") == []


def test_a_workbook_with_formulas_in_its_header_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "资金表"
    ws.append(["资金结构", "年初预算①", "结转结余②", "年中调整③", "小计④=①+②+③", "拨付金额⑤", "实现率⑥=⑤/④"])
    ws.append(["财政资金", 300, 20, 0, 320, 288, "90%"])
    ws.append(["其他资金", 50, 5, 0, 56, 44, "80%"])  # planted: 50 + 5 + 0 = 55, and 44 ÷ 55 = 80%, ÷ 56 = 78.57%
    path = tmp_path / "资金表.xlsx"
    wb.save(path)
    got = sorted((f.rule, f.location, f.stated, f.expected) for f in audit_path(path).findings
                 if f.rule == "table_formula")
    assert got == [("table_formula", "资金表!E3", "56", "55"), ("table_formula", "资金表!G3", "80%", "79%")]


def test_numbers_that_do_not_share_one_offset_are_in_doubt(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["资金结构", "年初预算①", "年中调整③", "结转结余②", "小计④=①+②+③"])
    ws.append(["财政资金", 300, 0, 20, 330])
    ws.append(["其他资金", 50, 0, 5, 60])
    path = tmp_path / "乱序.xlsx"
    wb.save(path)
    # every number is named, so the formula is still read by the names: 300 + 20 + 0 = 320, 50 + 5 + 0 = 55
    got = sorted((f.location, f.stated, f.expected) for f in audit_path(path).findings if f.rule == "table_formula")
    assert got == [("Sheet!E2", "330", "320"), ("Sheet!E3", "60", "55")]
    ws.delete_cols(4)  # ② is no longer named and ③ sits one place off ①'s offset: nothing is placed by offset
    ws["D1"] = "小计④=①+②+③"
    wb.save(path)
    assert [f for f in audit_path(path).findings if f.rule == "table_formula"] == []
