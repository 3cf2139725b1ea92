"""A form whose figure columns carry letter codes ("(A)", "(D/C×100%)") and a 行次 column, copied as text with each
header cell and its code on lines of their own, a 列次 line, and each row broken after its first figure
(jixiao.audit.codedcols; held-out-6 has a 四川 转移支付 评价表 so copied by a tender site). The documents are ours."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import findings_of

HEADER = """某县2023年度农业生产发展资金绩效评价表
资金投入情况
(万元)

行次 全年预算数
(A)
统筹整合资金数
(B)
扣除统筹整合资金后预算金额
(C)
全年到位资金
(D)
预算到位
(D/C×100%)
全年执行资金
(E)
预算执行
(E/C×100%)
佐证材料
列次 0 1 2 3 4 5 6 7 所需材料 上传端口
"""
ROWS = """年度资金总额(万元): 1 80.000000
20.000000 60.000000 60.000000 100.00% 45.000000 {rate}
其中:中央财政资金(万元) 2 50.000000
10.000000 40.000000 40.000000 100.00% 30.000000 75.00% 资金下达文件
省级财政资金(万元) 3 30.000000
10.000000 20.000000 20.000000 100.00% 15.000000 75.00%
其他资金(万元) 4

资金管理情况
情况说明 存在问题 改进措施
"""


def _doc(rate: str = "75.00%", rows: str = ROWS) -> str:
    return HEADER + rows.format(rate=rate)


def test_the_form_is_rebuilt_with_its_codes_and_without_row_numbers() -> None:
    tables = [[[c.text for c in row] for row in t.rows] for t in document_from_text(_doc()).tables]
    assert tables == [[
        ["项目", "全年预算数(A)", "统筹整合资金数(B)", "扣除统筹整合资金后预算金额(C)", "全年到位资金(D)",
         "预算到位(D/C×100%)", "全年执行资金(E)", "预算执行(E/C×100%)"],
        ["年度资金总额(万元):", "80.000000", "20.000000", "60.000000", "60.000000", "100.00%", "45.000000", "75.00%"],
        ["其中:中央财政资金(万元)", "50.000000", "10.000000", "40.000000", "40.000000", "100.00%", "30.000000", "75.00%"],
        ["省级财政资金(万元)", "30.000000", "10.000000", "20.000000", "20.000000", "100.00%", "15.000000", "75.00%"],
        ["其他资金(万元)", "", "", "", "", "", "", ""]]]
    assert findings_of(_doc()) == []


def test_a_wrong_rate_is_found_at_its_cell() -> None:
    assert findings_of(_doc(rate="72.00%")) == [("错误", "table_rate", "第22行（表1 第2行 预算执行(E/C×100%)）", "72.00%", "75.00%")]


def test_a_column_sum_is_judged_where_every_cell_is_placed() -> None:
    rows = ROWS.replace("其中:中央财政资金(万元) 2 50.000000", "其中:中央财政资金(万元) 2 55.000000")
    assert findings_of(_doc(rows=rows)) == [
        ("错误", "table_sum", "第21行（表1 第2行 全年预算数(A)）", "80.000000", "85.000000")]


def test_a_blank_column_leaves_its_neighbours_unplaced_and_the_rows_unsummed() -> None:
    # with 统筹整合资金数 (B) empty, the first amount may be A or B: only C, D, E and the rates are placed
    rows = ("年度资金总额(万元): 1 80.000000\n80.000000 80.000000 100.00% 60.000000 75.00%\n"
            "其中:中央财政资金(万元) 2 50.000000\n50.000000 50.000000 100.00% 40.000000 {rate}\n"
            "省级财政资金(万元) 3 31.000000\n30.000000 30.000000 100.00% 20.000000 66.67%\n")
    doc = document_from_text(_doc(rate="80.00%", rows=rows))
    assert [c.text for c in doc.tables[0].rows[2]] == [
        "其中:中央财政资金(万元)", "", "", "50.000000", "50.000000", "100.00%", "40.000000", "80.00%"]
    assert doc.tables[0].notes == ("uncertain_row:2", "uncertain_row:3", "uncertain_row:4")
    # the planted 31 (the 省级 row's A or B) is not judged; the 中央 row's rates still are
    assert findings_of(_doc(rate="78.00%", rows=rows)) == [
        ("错误", "table_rate", "第24行（表1 第3行 预算执行(E/C×100%)）", "78.00%", "80.00%")]


def test_rows_out_of_their_numbering_or_without_codes_are_not_read() -> None:
    rows = ROWS.replace("其中:中央财政资金(万元) 2", "其中:中央财政资金(万元) 5")  # one row before the break: no table
    assert all(t.form != "coded" for t in document_from_text(_doc(rate="72.00%", rows=rows)).tables)
    uncoded = _doc(rate="72.00%").replace("(A)\n", "").replace("(B)\n", "").replace("(C)\n", "")
    assert all(t.form != "coded" for t in document_from_text(uncoded).tables)


def test_a_row_starting_on_the_line_of_the_figures_before_it_is_its_own_row() -> None:
    rows = ROWS.replace("75.00% 资金下达文件\n省级财政资金(万元) 3", "75.00% 资金下达文件 省级财政资金(万元) 3")
    table = document_from_text(_doc(rows=rows)).tables[0]
    assert [r[0].text for r in table.rows] == ["项目", "年度资金总额(万元):", "其中:中央财政资金(万元)", "资金下达文件省级财政资金(万元)",
                                             "其他资金(万元)"]
    assert [c.text for c in table.rows[3]][1:] == ["30.000000", "10.000000", "20.000000", "20.000000", "100.00%", "15.000000",
                                                  "75.00%"]


def test_figures_after_a_rows_text_cells_end_the_table() -> None:
    rows = ROWS.replace("75.00% 资金下达文件", "75.00% 资金下达文件 12.5")
    table = document_from_text(_doc(rows=rows)).tables[0]
    assert [r[0].text for r in table.rows] == ["项目", "年度资金总额(万元):", "其中:中央财政资金(万元)"]


def test_a_header_on_one_line_with_codes_written_on_and_a_cell_broken_at_a_space() -> None:
    lines = HEADER.splitlines()
    start = lines.index("行次 全年预算数")
    one = ("行次 全年预算数(A) 统筹整合资金数(B) 扣除统筹整合资金 后预算金额 (C) 全年到位资金(D) 预算到位(D/C×100%) "
           "全年执行资金(E) 预算执行(E/C×100%) 佐证材料")
    text = "\n".join([*lines[:start], one, *lines[start + 15:]]) + "\n" + ROWS.format(rate="72.00%")
    assert [c.text for c in document_from_text(text).tables[0].rows[0]][3] == "扣除统筹整合资金后预算金额(C)"
    assert findings_of(text) == [("错误", "table_rate", "第8行（表1 第2行 预算执行(E/C×100%)）", "72.00%", "75.00%")]
