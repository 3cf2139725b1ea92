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


# 3. The 资金管理情况 block of a 转移支付 自评表 (安徽 2024–2025 template): 资金管理情况 | 情况说明 | 分值 | 得分 |
#    存在问题和改进措施, each row a name, its note, its 分值 and 得分, copied from a PDF with single spaces between the
#    cells. Before, no form named this header and the rows were read by nothing (their scores unchecked); now the
#    block is a score form of its own (data/forms.yaml "management"), each 得分 judged against its 分值.
MANAGEMENT = """某县2025年体育彩票公益金转移支付绩效自评表
资金管理情况 情况说明 分值 得分 存在问题和改进措施
分配科学性 按因素法分到各乡镇 6 6
下达及时性 收到文件后十日内下达 6 {late}
拨付合规性 按国库集中支付规定拨付 6 6
使用规范性 专款专用 6 6
执行准确性 按计划执行 5 5
总体目标完成情况 年初设定目标 全年实际完成情况
"""


def test_fund_management_block_scores_are_read() -> None:
    text = MANAGEMENT.format(late="6")
    assert found(text) == []
    assert checked(text, "table_score_le_max") == [("5", ("5",)), ("6", ("6",)), ("6", ("6",)), ("6", ("6",)),
                                                    ("6", ("6",))]


def test_a_management_score_above_its_weight_is_found() -> None:
    assert found(MANAGEMENT.format(late="8"), "table_score_le_max") == [
        ("table_score_le_max", "错误", "第4行（表1 第3行 得分）", "8", "≤6"),
    ]


# 4. A 分配情况表 whose groups (市本级, 转移支付) each hold an amount and its share (金额 | 比例) beside a 合计 column,
#    the second header row left-packed under the groups ("金额 | 比例 | 金额 | 比例 | |||"): before, a group with a
#    share column was not a part of the 合计 (only whole-amount groups were), so no row's 合计 was judged; now a group
#    whose other columns are shares stands for its one amount column (on a total row a miss across is a 提示: its
#    group amounts are judged down their columns, where a wrong one is the 错误).
# 2021: 300 + 700 = 1000; 2022: 450 + 550 = 1000; 合计 750 + 1250 = 2000
SHARED_GROUPS = """某市2021-2022年就业补助资金分配情况表
序号 | 年度 | 市本级 | 转移支付 | 合计 | ||
金额 | 比例 | 金额 | 比例 | |||
1 | 2021年 | 300 | 30% | 700 | 70% | {first} |
2 | 2022年 | 450 | 45% | 550 | 55% | 1000 |
合计 | 750 | 37.5% | 1250 | 62.5% | 2000 |
"""


def test_group_amounts_beside_their_shares_add_up_to_the_total_column() -> None:
    text = SHARED_GROUPS.format(first="1000")
    assert found(text) == []
    sums = checked(text, "table_sum")
    assert ("1000", ("300", "700")) in sums and ("1000", ("450", "550")) in sums
    assert ("2000", ("1000", "1000")) in sums and ("750", ("300", "450")) in sums  # down the columns
    assert ("2000", ("0", "1250", "750")) in sums  # the 合计 row across (its blank 年度 cell a 0)


def test_a_wrong_group_amount_on_the_total_row_is_one_error() -> None:
    # 市本级 合计 written 760 (300 + 450 = 750): its column's 错误; across the 合计 row 760 + 1250 = 2010 misses 2000 too,
    # a 提示 only (the group amount is judged down its column)
    text = SHARED_GROUPS.format(first="1000").replace("合计 | 750 |", "合计 | 760 |")
    assert found(text, "table_sum") == [
        ("table_sum", "错误", "第6行（表1 第5行 金额）", "760", "750"),
        ("table_sum", "提示", "第6行（表1 第5行 合计）", "2000", "2010"),
    ]


def test_a_wrong_row_total_beside_group_shares_is_found() -> None:
    # 2021 written 1100: 300 + 700 = 1000; the shares, judged over the row's own 合计, and the 合计 column's total
    # (2000 against 1100 + 1000) then miss too
    assert found(SHARED_GROUPS.format(first="1100")) == [
        ("table_share", "错误", "第4行（表1 第3行 比例）", "30%", "27.27%"),
        ("table_share", "错误", "第4行（表1 第3行 比例）", "70%", "63.64%"),
        ("table_sum", "错误", "第6行（表1 第5行 合计）", "2000", "2100"),
        ("table_sum", "错误", "第4行（表1 第3行 合计）", "1100", "1000"),
    ]


# 5. The national 项目资金 block with a 其中 row whose 年初预算数 is blank and whose 分值/得分 print "—" (the template
#    does): 上年结转资金 has 全年预算数 10 and 全年执行数 9. Written as "|" rows the blank cell after the label is kept
#    ("上年结转资金 |  | 10 | 9 | — | 90% | — |"); before, it was taken into the label and the row's dashes made its
#    two figures fill the columns from the left (年初 10, 全年 9, 执行 blank): three false sum 错误 on 年度资金总额. Now
#    an empty cell between a "|" row's label and its figures holds its column when the row has the header's width;
#    where the blank cell is lost (cells split by spaces), which amount columns the two figures fill is left
#    undetermined and the block's sums are not judged (its rates still are).
# 年度资金总额 100 / 120 / 108 = 当年财政拨款 100 / 110 / 99 + 上年结转资金 — / 10 / 9; every rate 90%
FUNDS_HEAD = ["项目资金（万元）", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
FUNDS_ROWS = [
    ["年度资金总额", "100", "120", "108", "10", "90%", "9"],
    ["其中：当年财政拨款", "100", "110", "99", "—", "90%", "—"],
    ["上年结转资金", "", "10", "9", "—", "90%", "—"],
    ["其他资金", "", "", "", "—", "", "—"],
]


def _funds(sep: str, keep_blank: bool) -> str:
    rows = [[c for c in r if c or keep_blank] for r in [FUNDS_HEAD, *FUNDS_ROWS]]
    end = " |" if sep == " | " else ""
    return "某县2023年项目支出绩效自评表\n" + "\n".join(sep.join(r) + end for r in rows) + "\n年度总体目标\n"


def test_a_kept_blank_cell_after_a_row_label_holds_its_column() -> None:
    text = _funds(" | ", keep_blank=True)
    assert tables_of(text)[0][3] == ["上年结转资金", "", "10", "9", "", "90%", ""]
    assert found(text) == []
    assert checked(text, "table_sum") == [("100", ("100",)), ("108", ("9", "99")), ("120", ("10", "110"))]
    assert checked(text, "table_rate") == [("90", ("10", "9")), ("90", ("108", "120")), ("90", ("110", "99"))]


def test_amount_columns_of_a_row_with_lost_blanks_are_not_guessed_from_the_left() -> None:
    text = _funds(" ", keep_blank=False)
    assert found(text) == []
    assert checked(text, "table_sum") == []
    assert checked(text, "table_rate") == [("90", ("108", "120")), ("90", ("110", "99"))]


# 6. The 转移支付 funds block pasted one cell per paragraph (blank lines between), 年度资金总额 first and the level
#    rows after it, then the next block's labels: before, a table whose last row is not a total was always taken as
#    possibly cut (its rows read, no sum judged); now a table whose FIRST row is a total and whose rows stop at two
#    paragraphs without a digit ("年度总体目标 / 年初设定目标") is whole, and the total is judged over its rows. A row
#    that lost a cell stops the reading at a figure, and the table stays unjudged.
# 年度资金总额 1500 / 1200 / 80% = 中央资金 600 / 600 + 省级资金 0 / 0 + 地方资金 900 / 600 + 其他资金 0 / 0
PARAGRAPH_FUNDS = ["项目资金(万元)", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)",
                   "年度资金总额:", "{total}", "1200", "80%",
                   "其中:中央资金", "600", "600", "100%",
                   "省级资金", "0", "0", "0",
                   "地方资金", "900", "600", "66.67%",
                   "其他资金", "0", "0", "0",
                   "年度总体目标", "年初设定目标", "全年实际完成情况"]


def _paragraphs(cells: list[str], total: str) -> str:
    return "某市生态环境局2021年项目支出绩效自评表\n\n" + "\n\n".join(c.format(total=total) for c in cells) + "\n"


def test_a_paragraph_table_opened_by_its_total_is_whole() -> None:
    text = _paragraphs(PARAGRAPH_FUNDS, "1500")
    assert found(text) == []
    assert ("1500", ("0", "0", "600", "900")) in checked(text, "table_sum")
    assert ("1200", ("0", "0", "600", "600")) in checked(text, "table_sum")


def test_a_wrong_total_of_a_paragraph_table_is_found() -> None:
    # 1600 written for 600 + 0 + 900 + 0 = 1500 (its rate 1200 ÷ 1600 = 75% misses the 80% too)
    assert found(_paragraphs(PARAGRAPH_FUNDS, "1600"), "table_sum") == [
        ("table_sum", "错误", "第13行（表1 第2行 全年预算数(A)）", "1600", "1500"),
    ]


def test_a_paragraph_table_stopped_by_a_lost_cell_is_not_summed() -> None:
    # 其他资金 lost its rate cell: the reading stops at it (a figure follows), the rows after may be missing
    cells = [c for k, c in enumerate(PARAGRAPH_FUNDS) if k != 23]
    assert checked(_paragraphs(cells, "1600"), "table_sum") == []


# The indicator table of a 项目支出绩效自评表 (used by 8): 修复桥梁座数 scored {score} of its 10.
INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标", "数量指标", "改造农村公路里程", "≥12公里", "12.5公里", "20", "20"],
    ["修复桥梁座数", "3座", "2座", "10", "{score}", "一座桥梁因汛期推迟开工"],
    ["质量指标", "工程验收合格率", "100%", "100%", "10", "10"],
    ["时效指标", "完工时间", "2023年11月底前", "2023年11月", "10", "10"],
    ["效益指标", "社会效益指标", "群众出行条件改善", "明显改善", "明显改善", "20", "20"],
    ["满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%", "95%", "10", "10"],
    ["总分", "80", "77"],
]


# 8. The indicator table above in "|" rows whose row-spanned 一级/二级 cells are written on their block's first row
#    only: before, the pipe score reader took only forms whose 指标 levels stand right before 分值, so the national
#    form (年度指标值 | 实际完成值 between them) went to the flowing reader, which kept only the rows that fill every
#    level (3 of 7 scores checked, no total); now the 指标值 columns just before 分值 are the row's own cells, placed
#    before its 分值, and the names right-aligned in the levels as before.
def _pipe_rows(score: str) -> str:
    rows = [[c.format(score=score) for c in row] for row in INDICATORS]
    return "某县交通运输局2023年项目支出绩效自评表\n" + "".join(" | ".join(r) + " |\n" for r in rows) + "四、存在问题\n"


def test_pipe_rows_of_the_national_form_with_merged_levels_are_read() -> None:
    text = _pipe_rows("7")
    assert tables_of(text)[0][2] == ["产出指标", "数量指标", "修复桥梁座数", "3座", "2座", "10", "7", "一座桥梁因汛期推迟开工"]
    assert found(text) == []
    assert len(checked(text, "table_score_le_max")) == 7
    assert checked(text, "table_score_sum") == [("77", ("10", "10", "10", "20", "20", "7"))]


def test_a_wrong_total_of_pipe_rows_is_found() -> None:
    assert found(_pipe_rows("6"), "table_score_sum") == [("table_score_sum", "错误", "第9行（表1 第8行 得分）", "77", "76")]


# 9. A 补助资金分配表 pasted with single spaces between its cells under a two-line header whose upper line names
#    several groups ("年度任务(户) 已拨付(万元) 本次拨付(万元)") over one lower line of their sub-columns, the same names
#    repeated per group, a 小计 opening some groups, and a remark column at the end (filled on some rows only).
#    Before, only a two-line header with ONE group was read (which lower cells fall under which of several groups was
#    unknown), so nothing of the table was judged (held-out-13 chongqing-dazu: 0/11); now a group's sub-columns bear
#    distinct names, so a name met again (or a 小计) opens the next group — read only when that gives exactly as many
#    groups as the upper line names — and each 小计 is judged against its group's other columns.
# 甲镇 户数 6 = 2 + 3 + 1, 本次 9.5 = 1.5 + 7 + 1; 乙镇 4 = 1 + 3 + 0, 本次 7.25 = 0.75 + 6.5 + 0; 丙镇 7 = 3 + 2 + 2,
# 本次 12 = 3 + 5 + 4
GROUPED = """附件
2023年农村危房改造补助资金分配表
乡镇 改造任务(户) 已拨付(万元) 本次拨付(万元) 备注
小计 C级 D级 无房 C级 D级 无房 小计 C级 D级 无房
甲镇 {first} 2 3 1 0.75 3.5 0 9.5 1.5 7 1 含追加资金
乙镇 4 1 3 0 0 3.5 0 7.25 0.75 6.5 0
丙镇 7 3 2 2 1.5 3.5 3.5 12 3 5 4 含调剂资金
二、有关要求
"""


def test_a_grouped_two_line_header_is_read() -> None:
    text = GROUPED.format(first="6")
    assert tables_of(text)[0][:2] == [
        ["乡镇", "改造任务(户)", "", "", "", "已拨付(万元)", "", "", "本次拨付(万元)", "", "", "", "备注"],
        ["", "小计", "C级", "D级", "无房", "C级", "D级", "无房", "小计", "C级", "D级", "无房", ""],
    ]
    assert found(text) == []
    sums = checked(text, "table_sum")
    assert ("6", ("1", "2", "3")) in sums and ("9.5", ("1", "1.5", "7")) in sums and ("12", ("3", "4", "5")) in sums


def test_a_wrong_group_subtotal_is_found() -> None:
    assert found(GROUPED.format(first="7"), "table_sum") == [
        ("table_sum", "错误", "第5行（表1 第3行 小计）", "7", "6"),
    ]
