"""A "其中" list in a table whose labels carry no indentation (a Word or Excel table, a pipe table): the rows
after the "其中" row were all read as its parts until the next numbered row, so the sibling of the row the list
sits under (项目支出 after "基本支出 / 其中:公用经费") and that sibling's own items were summed into 基本支出 — a false
错误 on every amount column (held-out-10 hunan-yiyang-zgh, the 湖南 部门整体支出绩效评价基础数据表 经费控制情况 block,
in its .xlsx/.docx/.pdf renderings). A row naming a sibling part of the same column sum (forms.yaml
``column_sums``: 基本支出/项目支出, 人员经费/公用经费, the three 拨款 sources) now ends the list. Figures are ours,
every expectation computed by hand.
"""

from __future__ import annotations

from pathlib import Path

import docx

from jixiao.audit.api import audit_path
from tests.audit.audit_helpers import checked, found

# 2021: 基本 300.00 (其中 公用 40.00) + 项目 200.00 = 500.00; 项目 200.00 = 维修 120.00 + 信息化 80.00.
# 2022 预算: 310.00 + 210.00 = 520.00, 210.00 = 130.00 + 80.00; 2022 决算: 305.00 + 210.00 = 515.00.
ROWS = [
    ["项目", "2021年决算数", "2022年预算数", "2022年决算数"],
    ["支出总额", "500.00", "520.00", "515.00"],
    ["基本支出", "300.00", "310.00", "305.00"],
    ["其中:公用经费", "40.00", "42.00", "41.00"],
    ["项目支出", "200.00", "210.00", "210.00"],
    ["办公楼维修", "120.00", "130.00", "130.00"],
    ["信息化建设", "{it}", "80.00", "80.00"],
]


def _text(it: str) -> str:
    lines = [" | ".join(r).replace("{it}", it) for r in ROWS]
    return "某单位2022年部门整体支出绩效评价基础数据表\n经费控制情况(万元)\n" + "\n".join(lines) + "\n"


def _word(tmp_path: Path, it: str) -> Path:
    d = docx.Document()
    d.add_paragraph("经费控制情况(万元)")
    t = d.add_table(rows=len(ROWS), cols=len(ROWS[0]))
    for i, row in enumerate(ROWS):
        for j, text in enumerate(row):
            t.cell(i, j).text = text.replace("{it}", it)
    path = tmp_path / "基础数据表.docx"
    d.save(str(path))
    return path


def test_a_sibling_of_the_parent_ends_an_unindented_other_list() -> None:
    text = _text("80.00")
    assert found(text) == []
    # 基本支出 is no longer summed over 公用经费 + 项目支出 + its items (440.00 ≠ 300.00 before); 项目支出 is the
    # parent of the two items below it, in all three year columns
    assert sorted(checked(text, "table_sum")) == [
        ("200.00", ("120.00", "80.00")), ("210.00", ("130.00", "80.00")), ("210.00", ("130.00", "80.00"))]


def test_a_wrong_item_under_the_sibling_is_still_found() -> None:
    # 信息化建设 2021 written 70.00: 120.00 + 70.00 = 190.00 ≠ 200.00; the row's parent is known from the other
    # columns' sums only (the text keeps no levels), so a 提示
    assert found(_text("70.00")) == [("table_sum", "提示", "第7行（表1 第5行 2021年决算数）", "200.00", "190.00")]


def test_the_same_table_in_word(tmp_path: Path) -> None:
    report = audit_path(_word(tmp_path, "80.00"))
    assert [(f.rule, f.severity) for f in report.findings] == []
    report = audit_path(_word(tmp_path, "70.00"))
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in report.findings] == [
        ("table_sum", "提示", "表1 第5行 2021年决算数", "200.00", "190.00")]
