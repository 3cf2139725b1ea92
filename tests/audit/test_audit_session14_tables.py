"""Tables pasted as text (issue 10, session 14), each on a short form in our own words in a layout met in several
labelled reports. Every expectation was computed by hand.

1. The 项目资金 block of a 自评表 whose rows are named by level of government and kind of fund ("其中:中央、省补助",
   "市级财政资金", "县级财政资金"), copied one cell per line with each cell closed by " |": before, the block's
   reading stopped at the first such row (only 年度资金总额 was read: its rate checked, no sum, the level rows
   unread); now every row of data/funding.yaml's levels × funds is a row of the block (several levels joined by 、
   too), so the 县级 row's rate and the total's sum over the levels are judged. The same block names are met in
   held-out-9 sichuan-zitong, held-out-12 hubei-xianning (中央资金/省级资金/地方资金) and the fund blocks of the
   transfer-payment forms.
2. The same block pasted one cell per paragraph with the unit inside every amount cell ("4753.66万元"): before, such
   a cell was text and the block was not found at all; now an amount with 万/万元 alone in its cell is the amount
   (as "150万 |" already was), so the row's 执行率 is judged against its 执行数 ÷ 全年预算数.
"""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found, tables_of

# 年度资金总额 60 / 54 / 90% = 中央、省 20 / 20 / 100% + 县级 40 / 34 / 85%
LEVEL_ROWS = """某县文化馆2023年项目支出绩效自评表
项目名称 |
乡镇文化站设备购置 |
||||
项目资金 |
|
全年预算数 |
全年执行数 |
预算执行率 |
|||
年度资金总额: |
60 |
54 |
90% |
||||
其中:中央、省补助 |
20 |
20 |
100% |
||||
市级财政资金 |
|
|
|
||||
县级财政资金 |
{county_budget} |
34 |
{county_rate} |
||||
其他资金 |
|
|
|
||||
总体目标 |
为全县十二个乡镇文化站购置音响和桌椅 |
"""


def test_level_rows_of_a_funds_block_are_read() -> None:
    text = LEVEL_ROWS.format(county_budget="40", county_rate="85%")
    assert tables_of(text)[0] == [
        ["项目", "全年预算数", "全年执行数", "预算执行率"],
        ["年度资金总额:", "60", "54", "90%"],
        ["其中:中央、省补助", "20", "20", "100%"],
        ["市级财政资金", "", "", ""],
        ["县级财政资金", "40", "34", "85%"],
        ["其他资金", "", "", ""],
    ]
    assert found(text) == []
    assert checked(text, "table_rate") == [("100", ("20", "20")), ("85", ("34", "40")), ("90", ("54", "60"))]
    assert checked(text, "table_sum") == [("54", ("20", "34")), ("60", ("20", "40"))]


def test_a_wrong_level_row_is_found() -> None:
    # 县级 written 45 (the total 60 stays): 20 + 45 = 65 is above the total, and 34 ÷ 45 = 75.56%, not 85%
    assert found(LEVEL_ROWS.format(county_budget="45", county_rate="85%"), "table_rate", "table_sum") == [
        ("table_rate", "错误", "第29行（表1 第5行 预算执行率）", "85%", "75.56%"),
        ("table_sum", "错误", "第12行（表1 第2行 全年预算数）", "60", "65"),
    ]


# 年度资金总额 500 / 500 / 480: 480 ÷ 500 = 96%
WAN_CELLS = """某区林业局2022年部门整体支出绩效自评表

项目资金

年初预算数

全年预算数

全年执行数

分值

执行率

得分

年度资金总额

500万元

500万元

480万元

10

{rate}

{score}

年度总体目标
"""


def test_amounts_with_wan_yuan_in_paragraph_cells_are_read() -> None:
    assert found(WAN_CELLS.format(rate="96%", score="9.6"), "table_rate") == []
    assert checked(WAN_CELLS.format(rate="96%", score="9.6"), "table_rate") == [("96", ("480", "500"))]
    assert found(WAN_CELLS.format(rate="100%", score="10"), "table_rate") == [
        ("table_rate", "错误", "第27行（表1 第2行 执行率）", "100%", "96.00%"),
    ]
