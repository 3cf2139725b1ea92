"""Tables pasted as text (issue 10, session 11), each on a short table in our own words in a layout met in the
held-out sets. Every expectation was computed by hand.

1. A “三公” 决算 comparison whose group header writes the pair with a 顿号 ("比上年增、减情况") over a second header
   row left-packed under it ("增、减金额 | 增、减幅度 | |||", the merged cell's span moved to the row's end): before,
   no header word named "增、减…" and the flowing ledger reader took the header rows for a row label (nothing
   checked); now the second row is the sub-columns of the last header cell and every row is read in place.
   A change column's 合计 that is its own row's 本期 − 上期 while the parts' changes do not add up to it points at a
   part (the part's row is the 错误): the sum is a 提示 on the total, not a second 错误.
"""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

# 出国 2.00 → 1.50 (−0.50, −25%), 接待 10.30 → 8.40 (−1.90, −18.45%), 公务用车 36.00 → 32.00 (−4.00, −11.11%) =
# 购置 12.00 → 10.00 (−2.00, −16.67%) + 运行 24.00 → 22.00 (−2.00, −8.33%); 合计 48.30 → 41.90 (−6.40, −13.25%)
SANGONG = """某县水务局2022年“三公”经费决算情况表 | ||||
单位:万元 | ||||
项目 | 上年决算数 | 本年决算数 | 比上年增、减情况 | |
增、减金额 | 增、减幅度 | |||
合计 | 48.30 | 41.90 | -6.40 | -13.25% |
1.因公出国(境)费 | 2.00 | 1.50 | -0.50 | -25% |
2.公务接待费 | 10.30 | 8.40 | {reception} | -18.45% |
3.公务用车购置及运行费 | 36.00 | 32.00 | -4.00 | -11.11% |
其中:(1)公务用车购置费 | 12.00 | 10.00 | -2.00 | -16.67% |
(2)公务用车运行费 | 24.00 | 22.00 | -2.00 | -8.33% |
“三公”经费是部门用财政拨款安排的因公出国(境)费、公务接待费和公务用车购置及运行费。
"""


def test_left_packed_sub_header_under_a_spaced_pair_is_read() -> None:
    text = SANGONG.format(reception="-1.90")
    assert found(text) == []
    # every row's change and rate against its two years (six rows, two columns)
    changes = checked(text, "table_change")
    assert len(changes) == 12
    assert ("-1.90", ("10.30", "8.40")) in changes and ("-13.25", ("41.90", "48.30")) in changes
    # the 合计 over 1. 2. 3. and 3. over its two 其中 rows, in both year columns and the change column
    sums = checked(text, "table_sum")
    assert ("41.90", ("1.50", "32.00", "8.40")) in sums and ("-6.40", ("-0.50", "-1.90", "-4.00")) in sums
    assert ("36.00", ("12.00", "24.00")) in sums and ("-4.00", ("-2.00", "-2.00")) in sums


def test_a_wrong_part_change_is_the_error_and_the_total_a_hint() -> None:
    # 8.40 − 10.30 = −1.90, written −1.09; the 合计 −6.40 is 41.90 − 48.30 and holds, while the parts now add up to
    # −0.50 − 1.09 − 4.00 = −5.59
    assert found(SANGONG.format(reception="-1.09"), "table_change", "table_sum") == [
        ("table_sum", "提示", "第5行（表1 第3行 增、减金额）", "-6.40", "-5.59"),
        ("table_change", "错误", "第7行（表1 第5行 增、减金额）", "-1.09", "-1.90"),
    ]


# 2. A 湖南 项目支出绩效自评指标计分表 copied from the page source: each row opens with a bar alone on an unindented line,
# each cell stands indented on its own line closed by " | ", blank lines of spaces between; the form has no 分值 column
# (the weights are in the indicator cells) and no 得分 column after 自评分, and a row-spanned 一级/二级 cell is written
# on its first row only. Before, the opening bar of the first row was taken for an empty cell, the row did not read
# and the table was left to the flowing reader, which stopped after three cells (nothing judged).
# 项目决策 20 = 立项 6 + 目标 6 + 投入 8; 资金投入 8 = 预算编制 4 + 资金分配 4.
SCORE_ROWS = [
    ["一级 指标", "二级 指标", "三级 指标", "自评分", "具体指标", "评价标准"],
    ["项目 决策 (20分)", "项目 立项 (6分)", "立项 依据 (6分)", "6", "项目符合县级规划和本年度工作计划", "符合规划(3分) 列入计划(3分)"],
    ["绩效 目标 (6分)", "目标 合理 (6分)", "5", "目标与项目内容相符且可衡量", "目标明确(3分) 目标量化(3分)"],
    ["资金 投入 ({block}分)", "预算 编制 (4分)", "4", "预算测算有依据、标准清楚", "依据充分(2分) 测算准确(2分)"],
    ["资金 分配 (4分)", "{score}", "按因素法分到各乡镇", "分配合理(4分)"],
]


def _page_source_copy(block: str = "8", score: str = "4") -> str:
    out = ["某县农业农村局2022年项目支出绩效自评指标计分表", "附件3"]
    for row in SCORE_ROWS:
        out.append("| ")
        for cell in row:
            out += [f"       {cell.format(block=block, score=score)}  | ", "      "]
        out.append("    ")
    return "\n".join(out) + "\n"


def test_rows_opened_by_a_bar_alone_are_read() -> None:
    text = _page_source_copy()
    assert found(text) == []
    # both blocks' weights against their rows (the 一级 block 20 over its three 二级 cells, 资金投入 8 over its two)
    assert ("20", ("6", "6", "8")) in checked(text, "table_weight_sum")
    assert ("8", ("4", "4")) in checked(text, "table_weight_sum")


def test_a_score_above_its_weight_and_a_block_off_its_rows() -> None:
    # planted: 资金分配 scored 5 of its 4分; 资金投入 written (9分) over 4 + 4 = 8, so 项目决策 20 ≠ 6 + 6 + 9 = 21. The
    # text ends inside the table (no 总分 row): its last block may miss rows, so 9 above 4 + 4 is not judged there,
    # while the 一级 block 20 below its parts' 21 is
    assert found(_page_source_copy(block="9", score="5")) == [
        ("table_score_le_max", "错误", "第58行（表1 第5行 自评分）", "5", "≤4"),
        ("table_weight_sum", "错误", "第18行（表1 第2行 一级 指标）", "20", "21"),
    ]


# 3. A 项目支出绩效自评表 pasted with spaces between cells whose two-line header cells wrapped: the header line holds
# "年度" and "实际", the next line their second halves "指标值 完成值". Before, the header ended at "年度" (no column
# is named so) and the indicator rows were not read; now the two lines are one header row (two words named by
# nothing, two words below, each pair a column word: 年度指标值, 实际完成值).
SPACED_FORM = """农村饮水工程维修养护经费绩效自评表(2023年度)
项目名称 农村饮水工程维修养护经费
项目资金 年初预算数 全年预算数 全年执行数 分值 执行率 得分
(万元) 年度资金总额 40 40 38 10 95% 9.5
绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施
指标值 完成值
产出指标 数量指标 指标1:维修供水管网长度 ≥12公里 12.5公里 20 20
指标2:更换入户水表数量 ≥300个 310个 20 {meters}
质量指标 指标1:维修工程验收合格率 100% 100% 20 20
效益指标 社会效益指标 指标1:受益群众人数 ≥5000人 5200人 20 20
"""


def test_header_cells_wrapped_onto_the_next_line_are_joined() -> None:
    text = SPACED_FORM.format(meters="20")
    assert found(text) == []
    # each indicator row's 得分 against its 分值 (four rows), besides the funds row's 9.5 of 10
    assert ("20", ("20",)) in checked(text, "table_score_le_max")
    assert len(checked(text, "table_score_le_max")) == 5


def test_a_score_above_its_weight_under_a_wrapped_header() -> None:
    # planted: the 水表 row scores 21 of its 20
    assert found(SPACED_FORM.format(meters="21"), "table_score_le_max") == [
        ("table_score_le_max", "错误", "第8行（表2 第3行 得分）", "21", "≤20")]


def test_a_next_line_that_does_not_complete_the_header_is_left_alone() -> None:
    # "指标值 完成值 说明": three words under two role-less header words — no provable pairing, nothing joined
    text = SPACED_FORM.format(meters="21").replace("指标值 完成值", "指标值 完成值 说明")
    assert found(text, "table_score_le_max") == []


# 4. The funds block of a 转移支付 绩效目标自评表 — 全年预算数(A) | 全年执行数(B) | 预算执行率(B/A), no 分值 or 得分 —
# pasted one cell per line, blank lines for the empty cells of its last rows. Before, three header words were below
# the four a 项目资金 form needs and nothing was read; now it is a form of its own (data/forms.yaml), and the rows
# after the last one with figures (地方资金, 其他资金) are kept as empty rows of the block.
TRANSFER = """车辆购置税补助地方资金(农村公路建设)绩效目标自评表
(2022年度)
转移支付(项目)名称
车辆购置税补助地方资金(农村公路建设)
地方主管部门
某县交通运输局
项目资金
(万元)

全年预算数(A)
全年执行数(B)
预算执行率(B/A)
年度资金总额:
2500
{total}
100%
 其中:中央补助
2500
{central}
100%
地方资金


 其他资金


总体目标完成情况
总体目标
全年实际完成情况
"""


def test_a_three_column_funds_block_one_cell_per_line_is_read() -> None:
    text = TRANSFER.format(total="2500", central="2500")
    assert found(text) == []
    # each row's rate (stated in percent: 100) and the total over its parts (the two empty ones add 0) in both amount
    # columns
    assert checked(text, "table_rate") == [("100", ("2500", "2500")), ("100", ("2500", "2500"))]
    assert checked(text, "table_sum") == [("2500", ("2500",)), ("2500", ("2500",))]


def test_a_central_part_spent_short_of_its_rate_and_of_the_total() -> None:
    # planted: 中央补助 executed 2450 — 2450 ÷ 2500 = 98.00 % against the 100% printed, and the parts' 2450 below
    # the total's 2500
    assert found(TRANSFER.format(total="2500", central="2450"), "table_rate", "table_sum") == [
        ("table_rate", "错误", "第20行（表1 第3行 预算执行率(B/A)）", "100%", "98.00%"),
        ("table_sum", "错误", "第15行（表1 第2行 全年执行数(B)）", "2500", "2450"),
    ]
