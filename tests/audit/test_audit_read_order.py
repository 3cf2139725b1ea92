"""A 部门收支总表 sheet converted to text as one line in reading order (收入 item, its figure, 支出 item, its
figure, row after row; empty cells gone, labels spaced out, a page footer inside the last label), and the same
table as a workbook, where its cells keep their places.

Our own unit and figures: 收入 3,200.00 + 150.00 = 本年收入合计 3,350.00, + 上年结转 50.00 = 收入总计 3,400.00;
支出 400.00 + 2,700.00 + 150.00 + 100.00 = 本年支出合计 3,350.00, + 结转下年 50.00 = 支出总计 3,400.00."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path, audit_text
from jixiao.audit.documents import document_from_text
from jixiao.audit.finding import ERROR, HINT
from jixiao.audit.readorder import read_order_table

LINE = ("某县卫生健康委员会 2021年部门预算 表1 部门收支总表 单位:万元 收 项 入 目 支 2021年预算数 项 出 目 "
        "一、一般公共预算拨款收入 3,200.00 一、一般公共服务支出 二、政府性基金预算拨款收入 150.00 二、社会保障和就业支出 "
        "400.00 三、事业收入 三、卫生健康支出 2021年预算数 2,700.00 四、城乡社区支出 150.00 五、住房保障支出 {housing} "
        "本 年 收 入 合 计 3,350.00 本 年 支 出 合 计 3,350.00 四、上年结转 50.00 六、结转下年 50.00 "
        "收 入 总 计 3,400.00 支 第 1 页,共 9 页 出 总 计 3,400.00 表1-1 部门收入总表 单位:万元 项目 科目编码")
DOC = "卫生健康委员会2021年部门预算表.xls\n\n{line}\n"


def test_both_sides_are_rebuilt_from_the_numbering() -> None:
    table = read_order_table(LINE.format(housing="100.00"), 3, None)
    assert table is not None and "read_order" in table.notes
    body = [[c.text for c in r] for r in table.rows[1:]]
    assert [r[:2] for r in body if r[0]] == [
        ["一、一般公共预算拨款收入", "3,200.00"], ["二、政府性基金预算拨款收入", "150.00"], ["三、事业收入", ""],
        ["本年收入合计", "3,350.00"], ["四、上年结转", "50.00"], ["收入总计", "3,400.00"]]
    assert [r[2:] for r in body] == [
        ["一、一般公共服务支出", ""], ["二、社会保障和就业支出", "400.00"], ["三、卫生健康支出", "2,700.00"],
        ["四、城乡社区支出", "150.00"], ["五、住房保障支出", "100.00"], ["本年支出合计", "3,350.00"],
        ["六、结转下年", "50.00"], ["支出总计", "3,400.00"]]


def test_a_consistent_table_has_no_findings() -> None:
    r = audit_text(DOC.format(line=LINE.format(housing="100.00")))
    assert r.findings == []
    assert sum(x.rule == "table_sum" for x in r.relations) == 4  # two 合计 and two 总计


def test_a_sum_that_does_not_add_up_is_a_hint_that_says_why() -> None:
    # planted: 住房保障支出 130.00 (400 + 2,700 + 150 + 130 = 3,380.00, written 3,350.00)
    (f,) = audit_text(DOC.format(line=LINE.format(housing="130.00"))).findings
    assert (f.rule, f.location, f.stated, f.expected, f.severity) == (
        "table_sum", "第3行（表1 第7行 金额）", "3,350.00", "3380.00", HINT)
    assert "阅读顺序" in f.explanation and "四舍五入" not in f.explanation


def test_a_line_whose_order_is_not_the_described_one_is_not_read() -> None:
    # two figures after one item: the cells are not in row order (or a column was added): nothing is judged
    line = LINE.format(housing="130.00").replace("400.00 三、事业收入", "400.00 380.00 三、事业收入")
    assert read_order_table(line, 3, None) is None
    assert [t for t in document_from_text(DOC.format(line=line)).tables if t.form == "read_order"] == []
    assert [f for f in audit_text(DOC.format(line=line)).findings if f.rule == "table_sum"] == []


def test_an_item_that_fits_neither_sequence_stops_the_reading_before_any_total() -> None:
    # "九、" after "三、" on both sides: the item cannot be placed, so no total is reached
    line = LINE.format(housing="100.00").replace("四、城乡社区支出", "九、城乡社区支出")
    assert read_order_table(line, 3, None) is None


def test_the_same_table_as_a_workbook_is_read_by_its_cells(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "部门收支总表"
    rows: list[list[str | int | None]] = [
                ["收入项目", "金额", "支出项目", "金额"],
                ["一、一般公共预算拨款收入", 3200, "一、一般公共服务支出", None],
                ["二、政府性基金预算拨款收入", 150, "二、社会保障和就业支出", 400],
                ["三、事业收入", None, "三、卫生健康支出", 2700],
                [None, None, "四、城乡社区支出", 150],
                [None, None, "五、住房保障支出", 130],  # planted: the items add to 3,380
                ["本年收入合计", 3350, "本年支出合计", 3350]]
    for row in rows:
        ws.append(row)
    path = tmp_path / "部门收支总表.xlsx"
    wb.save(path)
    found = [(f.rule, f.location, f.stated, f.expected, f.severity) for f in audit_path(path).findings]
    assert found == [("table_sum", "部门收支总表!D7（表1 第7行 金额）", "3350", "3380", ERROR)]


# A 收入支出决算总表 of our own flattened one cell per line with blank lines between the cells, both halves
# interleaved row by row, with a 行次 column: 收入 520.40 + 0.00 + 15.00 = 535.40, + 12.00 = 547.40;
# 支出 480.10 + 0.00 + 40.30 + 15.00 = 535.40, + 12.00 = 547.40.
_FINAL = ["收入支出决算总表", "公开01表", "单位:万元", "收入", "支出", "项目", "行次", "金额", "项目", "行次", "金额",
          "栏次", "1", "栏次", "2",
          "一、一般公共预算财政拨款收入", "1", "520.40", "一、一般公共服务支出", "29", "480.10",
          "二、政府性基金预算财政拨款收入", "2", "0.00", "二、外交支出", "30", "0.00",
          "三、上级补助收入", "3", "15.00", "三、社会保障和就业支出", "31", "{social}",
          "四、卫生健康支出", "32", "15.00",
          "本年收入合计", "10", "535.40", "本年支出合计", "40", "535.40",
          "四、年初结转和结余", "11", "12.00", "五、年末结转和结余", "41", "12.00",
          "收入总计", "12", "547.40", "支出总计", "42", "547.40"]
FINAL = "某县某中心2020年部门决算\n\n" + "\n\n".join(_FINAL) + "\n\n第二部分 部门决算情况说明\n"


def test_a_final_accounts_table_one_cell_per_line_with_row_numbers_is_read() -> None:
    text = FINAL.format(social="40.30")
    (table,) = [t for t in document_from_text(text).tables if t.form == "read_order"]
    body = [[c.text for c in r] for r in table.rows[1:]]
    assert body[3] == ["本年收入合计", "535.40", "四、卫生健康支出", "15.00"]
    assert body[4] == ["四、年初结转和结余", "12.00", "本年支出合计", "535.40"]
    r = audit_text(text)
    assert r.findings == []
    assert sum(x.rule == "table_sum" for x in r.relations) == 4


def test_a_final_accounts_sum_that_does_not_add_up_is_named_at_its_own_line() -> None:
    # planted: 社会保障和就业支出 50.30 (480.10 + 0.00 + 50.30 + 15.00 = 545.40, written 535.40)
    text = FINAL.format(social="50.30")
    amount_line = text.split("\n").index("本年支出合计") + 1 + 4  # label, blank, 行次, blank, amount
    (f,) = audit_text(text).findings
    assert (f.rule, f.location, f.stated, f.expected, f.severity) == (
        "table_sum", f"第{amount_line}行（表1 第6行 金额）", "535.40", "545.40", HINT)


def test_a_row_number_that_is_not_a_whole_number_stops_the_reading() -> None:
    # "1.5" where the 行次 belongs: the columns are not 项目 | 行次 | 金额, so nothing is read
    text = FINAL.format(social="40.30").replace("三、上级补助收入\n\n3\n", "三、上级补助收入\n\n1.5\n")
    assert [t for t in document_from_text(text).tables if t.form == "read_order"] == []
