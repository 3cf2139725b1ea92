"""A 分配表 of names and amounts whose separators were lost (jixiao.audit.gluedlist): read only when a header
names the amount column with its unit, at least three name–figure rows follow and a 合计 row closes them. The
documents are ours, laid out like a county notice reposted by a policy-news site with its 分配表 on one line
(held-out-6 has one such page)."""

from __future__ import annotations

from jixiao.audit.gluedlist import glued_list_tables
from tests.audit.audit_helpers import findings_of, tables_of

NOTICE = ("各镇人民政府：现将2024年耕地保护补助资金下达给你们，请按规定用途使用。附件：2024年某县耕地保护补助资金分配表"
          "镇名分配资金(万元)备注{rows}注：按耕地面积分配。")
ROWS = "东关镇12.5西河镇8南岭镇6.5北山镇3全县合计{total}"


def _doc(rows: str = ROWS, total: str = "30") -> str:
    return NOTICE.format(rows=rows.format(total=total)) + "\n"


def test_a_glued_list_is_rebuilt_as_names_and_amounts() -> None:
    assert tables_of(_doc()) == [[["名称", "分配资金（万元）"], ["东关镇", "12.5"], ["西河镇", "8"], ["南岭镇", "6.5"],
                                  ["北山镇", "3"], ["全县合计", "30"]]]
    assert findings_of(_doc()) == []  # 12.5 + 8 + 6.5 + 3 = 30


def test_a_total_that_does_not_add_up_is_found() -> None:
    assert findings_of(_doc(total="31")) == [
        ("错误", "table_sum", "第1行（表1 第6行 分配资金（万元））", "31", "30.0")]


def test_spaces_between_cells_read_the_same() -> None:
    spaced = "东关镇 12.5 西河镇 8 南岭镇 6.5 北山镇 3 全县合计 {total}"
    assert findings_of(_doc(rows=spaced, total="29")) == [
        ("错误", "table_sum", "第1行（表1 第6行 分配资金（万元））", "29", "30.0")]


def test_a_figure_of_a_text_cell_stops_the_reading() -> None:
    # 东关镇's 备注 "含2村" glued in: "…12.5含2村西河镇8…" would give a row "含 2" and a name "村西河镇"
    rows = "东关镇12.5含2村西河镇8南岭镇6.5北山镇3全县合计{total}"
    assert glued_list_tables(NOTICE.format(rows=rows.format(total="31")), 1, None) == []
    assert findings_of(_doc(rows=rows, total="31")) == []


def test_a_second_column_glued_to_the_first_name_reads_nothing() -> None:
    # "户数" heads a second column: "东关镇12.5120" would be one figure; the first name "户数东关镇" gives it away
    rows = "户数东关镇5120西河镇380南岭镇295北山镇140全县合计30935"
    assert glued_list_tables(NOTICE.replace("备注", "").format(rows=rows), 1, None) == []


def test_no_total_row_no_unit_or_too_few_rows_read_nothing() -> None:
    assert glued_list_tables(NOTICE.format(rows="东关镇12.5西河镇8南岭镇6.5北山镇3"), 1, None) == []
    assert glued_list_tables(NOTICE.format(rows=ROWS.format(total="30")).replace("(万元)", ""), 1, None) == []
    assert glued_list_tables(NOTICE.format(rows="东关镇12.5西河镇8全县合计21"), 1, None) == []


def test_the_notice_text_on_the_same_line_stays_prose() -> None:
    text = "全年下达资金30万元，其中东关镇12.5万元、西河镇8万元、南岭镇6.5万元、北山镇4万元。" + _doc()
    assert findings_of(text) == [("错误", "sum", "第1行", "30万元", "31.00万元")]


def test_the_unit_may_be_stated_above_the_header() -> None:
    text = NOTICE.replace("镇名分配资金(万元)备注", "单位：万元 镇名 分配资金 备注 ").format(
        rows="东关镇 12.5 西河镇 8 南岭镇 6.5 北山镇 3 全县合计 31") + "\n"
    assert tables_of(text) == [[["名称", "分配资金（万元）"], ["东关镇", "12.5"], ["西河镇", "8"], ["南岭镇", "6.5"],
                                ["北山镇", "3"], ["全县合计", "31"]]]
    assert findings_of(text) == [("错误", "table_sum", "第1行（表1 第6行 分配资金（万元））", "31", "30.0")]
    # a header of several amount columns after the note is not this layout: nothing is read
    several = "单位：万元乡镇下达资金其中:中央省级东关镇12.510.02.5西河镇862合计20.516.04.5"
    assert glued_list_tables(several, 1, None) == []
