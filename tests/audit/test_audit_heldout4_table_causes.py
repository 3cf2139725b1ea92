"""General causes of the fourth held-out set's table false alarms and misses (tests/audit/heldout4/first-run.txt),
each on a short form in our own words modelled on the layout that showed it. Every expectation was computed by
hand."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

# --- 1. a 项目资金 row of "|" cells whose empty 年初预算数 cell was dropped ----------------------------------------
# "86.40 | 86.40 | 10 | 100% | 10": the placement that fills the most amount columns reads 10 as the 执行数 and
# leaves the 分值 empty although the row states a 得分. A row with a 得分 has its 分值: that reading is refused,
# and with the dropped cell's place unknown nothing is judged from the amounts.

FUNDS = ("2023年度项目支出绩效自评表\n"
         "| 项目名称 | 乡村道路养护补助资金 | 主管部门 | 某县交通运输局 | 项目资金（万元） |\n"
         "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |\n"
         "{row}| 其中:当年财政 拨款 |\n"
         "| 86.40 | 86.40 | — |\n"
         "| — | 上年结转 资金 |\n"
         "| — | 其他资金 | — | — | — | — |\n")


def test_funds_row_with_a_dropped_empty_cell_is_not_read_as_an_execution_of_ten() -> None:
    text = FUNDS.format(row="| 86.40 | 86.40 | 10 | 100% | 10 ")
    assert found(text) == []
    table = document_from_text(text).tables[0]
    assert "incomplete" in table.notes
    assert [c.text for c in table.rows[1]][1:4] == ["", "", ""]  # amounts not placed: not judged


def test_funds_row_with_every_cell_still_judged() -> None:
    # 80.00 / 86.40 = 92.59 %, not 100 %; 得分 10 × 92.59 % = 9.26, not 10
    text = FUNDS.format(row="| 86.40 | 86.40 | 80.00 | 10 | 100% | 10 ")
    assert found(text, "table_rate") == [("table_rate", "错误", "第4行（表1 第2行 执行率）", "100%", "92.59%")]


# --- 2. a 评分表 of "|" rows whose 一级/二级 names were lost, only their bracketed 分值 left --------------------------
# Row-spanned cells vanish on the left of the rows below them, so a row's cells are right-aligned on its name:
# "| (20分) | (12分) | 立项依据充分性 | 6 |" opens a first- and a second-level block, "| (8) | 绩效目标合理性 | 4 |"
# a second-level one only. Reading every bracket as a first-level block compared 12 with 6 + 6 + 4 + 4.

SCORING = ("附件2\n"
           "项目支出绩效评价评分表\n"
           "| 一级 指标 | 二级 指标 | 三级指标 | 分值 | 得分 |\n"
           "| (20分) | (12分) | 立项依据充分性 | 6 |\n"
           "|\n"
           "| 立项程序规范性 | 6 |\n"
           "| ||\n"
           "| (8) | 绩效目标合理性 | 4 |\n"
           "| |\n"
           "| 绩效指标明确性 | 4 |\n"
           "| ||\n"
           "| (15分) | (9分) | 预算执行率 | 5 |\n"
           "|\n"
           "| 资金使用合规性 | 4 |\n"
           "| ||\n"
           "| (6分) | 管理制度健全性 | 6 |\n"
           "| |\n"
           "| (产出效益65分) | (30) | 实际完成率 | 10 |\n"
           "|\n"
           "| 质量达标率 | 10 |\n"
           "| ||\n"
           "| 完成及时性 | 10 |\n"
           "| ||\n"
           "| (35分) | 社会效益 | 20 |\n"
           "| |\n"
           "| 服务对象满意度 | 15 |\n"
           "| 合计 | 100 |\n")


def test_nested_bracketed_weights_are_read_by_their_place_in_the_row() -> None:
    assert found(SCORING) == []
    # every block is checked against the rows (or blocks) under it, and the 合计 against all rows
    assert checked(SCORING, "table_weight_sum") == [
        ("100", ("10", "10", "10", "15", "20", "4", "4", "4", "5", "6", "6", "6")),
        ("12", ("6", "6")),
        ("15", ("6", "9")),
        ("20", ("12", "8")),
        ("30", ("10", "10", "10")),
        ("35", ("15", "20")),
        ("6", ("6",)),
        ("65", ("30", "35")),
        ("8", ("4", "4")),
        ("9", ("4", "5")),
    ]


def test_a_wrong_first_level_weight_is_found_once_at_its_cell() -> None:
    text = SCORING.replace("| (15分) | (9分)", "| (16分) | (9分)")  # 9 + 6 = 15
    assert found(text) == [("table_weight_sum", "错误", "第12行（表1 第6行 一级 指标）", "16", "15")]


def test_a_wrong_second_level_weight_is_found_at_its_cell() -> None:
    text = SCORING.replace("| (8) |", "| (9) |")  # 4 + 4 = 8; the first level then reads 12 + 9 = 21 against 20
    assert found(text) == [
        ("table_weight_sum", "错误", "第4行（表1 第2行 一级 指标）", "20", "21"),
        ("table_weight_sum", "错误", "第8行（表1 第4行 二级 指标）", "9", "8"),
    ]


def test_bracketed_labels_without_a_place_are_not_guessed() -> None:
    # one cell per line: "决策(20分)" then "(12分)" nest (first and second level); a lone "(8分)" after them could
    # open either level, so no block is summed (reading it as a first level compared 8 with 4 + 4 + 4 …)
    lines = ["一级指标", "二级指标", "三级指标", "分值", "得分",
             "决策(20分)", "(12分)", "立项依据充分性", "6", "6", "立项程序规范性", "6", "6",
             "(8分)", "绩效目标合理性", "4", "4", "绩效指标明确性", "4", "3",
             "产出(80分)", "(80分)", "实际完成率", "80", "70"]
    text = "项目支出绩效评价评分表\n" + "\n".join(lines) + "\n"
    assert found(text, "table_weight_sum", "table_score_sum") == []
    table = document_from_text(text).tables[0]
    assert "“(8分)”属于哪一级指标无法确定，未判断" in table.notes


# --- 3. a 得分表 of "|" rows with each 分值 in its indicator's name and the 得分 column left blank ------------------
# A row a line; merged level cells appear on their first row only ("| 决策(20分) | 目标设定(8分) | 依据充分(4分) |").
# Without a 得分 to end each row, the rows were not read at all.

NAMED = ("部门整体支出绩效评价得分表\n"
         "| 一级指标 | 二级指标 | 三级指标 | 得分 |\n"
         "| 决策(20分) | 目标设定(8分) | 依据充分(4分) |\n"
         "|\n"
         "| 目标细化(4分) |\n"
         "| ||\n"
         "| 预算编排(12分) | 测算合理(6分) |\n"
         "| |\n"
         "| 分配规范(6分) |\n"
         "| ||\n"
         "| 过程(30分) | 资金管理(18分) | 到位及时(6分) |\n"
         "|\n"
         "| 支出合规(6分) |\n"
         "| ||\n"
         "| 执行进度(5分) |\n"
         "| ||\n"
         "| 制度执行(12分) | 制度健全(5分) |\n"
         "| |\n"
         "| 档案完整(7分) |\n"
         "| ||\n"
         "| 效果(50分) | 履职情况 | 重点工作 |\n")


def test_named_weights_of_an_unscored_form_are_summed_row_by_row() -> None:
    assert found(NAMED) == [
        ("table_weight_sum", "错误", "第11行（表1 第10行 分值）", "18", "17"),  # 6 + 6 + 5
    ]
    assert checked(NAMED, "table_weight_sum") == [
        ("12", ("5", "7")), ("12", ("6", "6")), ("18", ("5", "6", "6")), ("20", ("12", "8")),
        ("30", ("12", "18")), ("8", ("4", "4")),
    ]
    # the last block reaches the end of what was read (no 总分 row): one that adds up less is not judged
    assert found(NAMED.replace("档案完整(7分)", "档案完整(6分)")) == found(NAMED)


# --- 4. a 评分表 one cell per line, "|" alone between cells, cells broken over lines -------------------------------
# A row ends one column after its 得分; its cells before the 分值 are right-aligned (the merged 一级/二级 cells of the
# rows above are missing on the left). Nothing of it was read before.

CELLS = ["一级指标", "|", "二级指标", "|", "三级指标", "|", "评分标准", "|", "分值", "|", "得分", "|", "扣分原因", "|",
         "决 策", "(20分)", "|", "目标设定", "(8分)", "|", "依据", "充分性", "|", "有政策依据得4分;", "无依据不得分。", "|",
         "4", "|", "4", "|", "|",
         "目标明确性", "|", "目标量化得4分,否则按比例扣分。", "|", "4", "|", "3", "|", "指标未细化", "|",
         "资金分配", "(12分)", "|", "分配合理性", "|", "按因素法分配得6分。", "|", "6", "|", "6", "|", "|",
         "分配及时性", "|", "30日内下达得6分,每超5日扣1分,扣完为止。", "|", "6", "|", "{late}", "|", "|",
         "过 程", "(10分)", "|", "执行", "(10分)", "|", "执行率", "|", "执行率×10分", "|", "10", "|", "9.6", "|", "|",
         "合计", "|", "|", "|", "|", "30", "|", "{total}", "|", "|"]


def _cells(late: str = "5", total: str = "27.6") -> str:
    return "\n".join(CELLS).format(late=late, total=total) + "\n"


def test_score_form_written_a_cell_a_line_is_rebuilt_and_judged() -> None:
    text = _cells()
    table = document_from_text(text).tables[0]
    assert table.form == "cell_scores"
    assert [c.text for c in table.rows[4]] == ["决 策(20分)", "资金分配(12分)", "分配及时性",
                                                "30日内下达得6分,每超5日扣1分,扣完为止。", "6", "5", ""]
    assert [c.is_copy for c in table.rows[4]][:3] == [True, True, False]
    assert found(text) == []
    assert checked(text, "table_weight_sum") == [
        ("10", ("10",)), ("10", ("10",)), ("12", ("6", "6")), ("20", ("12", "8")),
        ("30", ("10", "4", "4", "6", "6")), ("8", ("4", "4")),
    ]  # 过程 10 against its one second-level block 执行 10, and that block against its row
    assert checked(text, "table_score_sum") == [("27.6", ("3", "4", "5", "6", "9.6"))]
    # a 得分 of 7 above its 分值 6; 4 + 3 + 6 + 7 + 9.6 = 29.6, not 28.6
    assert found(_cells(late="7", total="28.6")) == [
        ("table_score_le_max", "错误", "第60行（表1 第5行 得分）", "7", "≤6"),
        ("table_score_sum", "错误", "第85行（表1 第7行 得分）", "28.6", "29.6"),
    ]


# --- 5. a 项目支出绩效自评表 of "|" rows whose two header rows came out on one line ---------------------------------
# "年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 |
# 度量单位": the second header row (一级指标 …) refines the first's left part, as when it comes on a line of its
# own. Read as one row, the header began at 实际完成值 and no indicator row could be placed.

SELF = ("2023年度项目支出绩效自评表 | 部门:某县第二中学 |\n"
        "| 项目名称 | 学生资助补助经费 | 主管部门 | 某县教育局 | 项目资金 (元) |\n"
        "| 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 |\n"
        "{funds}| 其中:当年财政 拨款 |\n"
        "| 152000.00 | 152000.00 | — |\n"
        "| — | 其他资金 | — | — | — | — |\n"
        "| — | 年度 总体 目标 | 预期目标 | 实际完成情况 | 资助家庭困难学生 | 按时足额发放 | 绩效指标 | 年度指标值 | "
        "实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | "
        "度量单位 | 产出指标 | 数量指标 | 资助学生人数 | ≧ | 320 | 人 | 326 | 30 | 30 |\n"
        "| 时效指标 | 发放及时率 | ≧ | 100 | % | 100% | 20 | 20 |\n"
        "| 效益指标 | 社会效益 指标 | 政策知晓率 | ≧ | 90 | % | 93% | 20 | 20 |\n"
        "| 满意度指标 | 服务对象满意度指标等 | 学生满意度 | ≧ | 90 | % | 95% | 20 | 20 |\n"
        "| 其他需要说明事项 | 无 | 总分 | 100 | {total} | 优 |\n")


def test_two_header_rows_on_one_line_and_a_funds_row_missing_a_cell() -> None:
    funds = "| 152000.00 | 152000.00 | 10 | 100% | 10 "
    assert found(SELF.format(funds=funds, total="100")) == []  # 30 + 20 + 20 + 20 + 资金 10 = 100
    assert checked(SELF.format(funds=funds, total="100"), "table_score_sum") == [
        ("100", ("10", "20", "20", "20", "30"))]
    assert found(SELF.format(funds=funds, total="99"), "table_score_sum") == [
        ("table_score_sum", "错误", "第11行（表2 第6行 得分）", "99", "100")]


def test_total_not_judged_when_the_funds_points_cannot_be_read() -> None:
    # the 资金 row without 分值 or 得分: its amounts' columns are unknown and so is whether 100 counts its points
    text = SELF.format(funds="| 152000.00 | 152000.00 | 100% ", total="88")
    assert found(text, "table_weight_sum", "table_score_sum") == []


# --- 6. the 按收入性质分 / 按支出性质分 split of a 部门整体支出绩效自评表, its two columns interleaved -----------------

NATURE = ("2023年度部门整体支出绩效自评表\n\n"
          "年初预算数\n\n全年预算数\n\n全年执行数\n\n分值\n\n执行率\n\n自评得分\n\n"
          "年度资金总额\n\n640.00\n\n1210.50\n\n1210.50\n\n10\n\n100%\n\n10\n\n"
          "按收入性质分:{income}\n\n按支出性质分:1180.30\n\n"
          "其中: 一般公共预算:{general}\n\n其中:基本支出:702.10\n\n政府性基金拨款:96.40\n\n项目支出:478.20\n\n"
          "纳入专户管理的非税收入拨款:{special}\n\n其他资金:210.00\n\n\n年度总体目标\n\n")


def test_income_and_expense_splits_are_summed_by_item_name() -> None:
    # 904.10 + 96.40 + 210.00 = 1210.50; 702.10 + 478.20 = 1180.30
    ok = NATURE.format(income="1210.50", general="904.10", special="")
    assert found(ok, "table_nature") == []
    assert checked(ok, "table_nature") == [("1180.30", ("478.20", "702.10")),
                                           ("1210.50", ("210.00", "904.10", "96.40"))]
    # one item mistyped: the written items already pass the total, whatever the blank one holds
    assert found(NATURE.format(income="1210.50", general="940.10", special=""), "table_nature") == [
        ("table_nature", "错误", "第29行", "1210.50", "1246.50")]
    # items short of the total with a blank item: the blank may hold the rest, not judged
    assert found(NATURE.format(income="1250.50", general="904.10", special=""), "table_nature") == []
    # no blank item: a shortfall is an error too
    assert found(NATURE.format(income="1250.50", general="904.10", special="0.00"), "table_nature") == [
        ("table_nature", "错误", "第29行", "1250.50", "1210.50")]


def test_named_weights_one_cell_a_line_keep_their_score_on_the_next_line() -> None:
    # "| 名称(分) |" and then "| 得分 |" on the next line: the line break does not end the row before its 得分
    text = ("| 一级指标 | 二级指标 | 三级指标 | 得分 |\n| 决策(10分) |\n| 目标(10分) |\n| 依据充分(4分) |\n| 4 |\n"
            "| 目标细化(6分) |\n| 7 |\n")
    assert found(text, "table_score_le_max") == [("table_score_le_max", "错误", "第7行（表1 第5行 得分）", "7", "≤6")]


def test_a_name_without_its_points_stops_the_sum_of_its_block_only() -> None:
    # "| 效果(50分) | 履职情况(30分) | 重点工作 |": 重点工作's 分值 is not written, so 履职情况 (30) is not summed even
    # though the rows under it add to 20; 效果 = 30 + 20 still is
    text = NAMED.replace("| 效果(50分) | 履职情况 | 重点工作 |\n",
                         "| 效果(50分) | 履职情况(30分) | 重点工作 |\n|\n| 日常监管(20分) |\n| ||\n"
                         "| 社会效益(20分) | 群众评价(20分) |\n| ||\n附注\n")
    got = found(text)
    assert ("table_weight_sum", "错误", "第11行（表1 第10行 分值）", "18", "17") in got
    assert [f for f in got if f[3] in ("30", "50")] == []
    assert ("50", ("20", "30")) in checked(text, "table_weight_sum")
    assert ("30", ("20",)) not in checked(text, "table_weight_sum")


# --- 7. a whole 项目支出绩效自评表 on one line: the last indicator's reason glued to the 总分 label ----------------------

ONE_LINE = ('2022年度项目支出绩效自评表\n| 项目名称 | 农民技能培训 | 主管部门 | 某县农业农村局 | 项目资金（万元） | 年初预算数 | '
            '全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 | 年度资金总额 | 50.00 | 50.00 | 48.00 | 10 | '
            '96.00% | 9.6 | 其中：当年财政拨款 | 50.00 | 50.00 | 48.00 | — | — | — | 一级指标 | '
            '二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 | 产出指标 | 数量指标 | '
            '培训人次 | ≥200人次 | 230人次 | 20 | 20 | | 质量指标 | 合格率 | ≥90% | 95% | 20 | 20 | '
            '| 时效指标 | 完成时间 | 2022年12月前 | 2022年11月 | 10 | 10 | | 效益指标 | 社会效益指标 | '
            '带动就业 | ≥100人 | 120人 | 20 | 20 | | 满意度指标 | 服务对象满意度指标 | 学员满意度 | ≥90% | '
            '96% | 20 | 19 | 个别学员认为时间短 | 总分 | 100 | 98.6 | 优 |\n')


def test_one_line_self_evaluation_form_total_after_a_reason() -> None:
    assert found(ONE_LINE) == []  # 20 + 20 + 10 + 20 + 19 + 资金 9.6 = 98.6
    assert checked(ONE_LINE, "table_score_sum") == [("98.6", ("10", "19", "20", "20", "20", "9.6"))]
    assert found(ONE_LINE.replace("| 总分 | 100 | 98.6 |", "| 总分 | 100 | 97.6 |")) == [
        ("table_score_sum", "错误", "第2行（表2 第7行 得分）", "97.6", "98.6")]


# --- 8. a 评分表 one cell per line without separators: a first-level label opening its second level ---------------
# "投入(20分)" right before "目标设定(8分)" is a first level and its second; a lone "预算配置(12分)" later could be either,
# so no block is summed (reading every label as a first level compared 投入 20 with 4 + 4 and 预算配置 12 with 6 + 6).

LONE = '部门整体支出绩效评价评分表\n一级指标\n二级指标\n三级指标\n分值\n得分\n投入(20分)\n目标设定(8分)\n绩效目标合理性\n4\n4\n绩效指标明确性\n4\n3\n预算配置(12分)\n在职人员控制率\n6\n6\n三公经费变动率\n6\n6\n过程(30分)\n预算执行(18分)\n预算完成率\n6\n5\n预算调整率\n6\n6\n支付进度率\n6\n6\n预算管理(12分)\n管理制度健全性\n6\n6\n资金使用合规性\n6\n6\n产出(50分)\n实际完成率\n25\n24\n完成及时率\n25\n25\n总分\n100\n96\n'


def test_lone_block_labels_after_nested_ones_are_not_summed() -> None:
    assert found(LONE, "table_weight_sum", "table_score_sum") == []
    table = document_from_text(LONE).tables[0]
    assert [c.text for c in table.rows[1]][:2] == ["投入（20分）", "目标设定（8分）"]
    assert [n for n in table.notes if n.endswith("未判断")] == [
        "“预算配置(12分)”属于哪一级指标无法确定，未判断", "“预算管理(12分)”属于哪一级指标无法确定，未判断",
        "“产出(50分)”属于哪一级指标无法确定，未判断"]
    assert found(LONE.replace("完成及时率\n25\n25", "完成及时率\n25\n26")) == [
        ("table_score_le_max", "错误", "第46行（表1 第12行 得分）", "26", "≤25")]



def test_cell_form_with_a_column_outside_the_vocabulary_is_not_rebuilt_by_cells() -> None:
    # "佐证材料清单" names no known column: the header read by cells stops before it, so the first row would start with
    # that header cell — a first row shorter or longer than the header leaves the cell reading, and the row reading
    # (block label pairs, then figures) reads the form instead
    text = '一级指标\n|\n二级指标\n|\n三级指标\n|\n分值\n|\n得分\n|\n佐证材料清单\n|\n决策(10分)\n|\n目标(10分)\n|\n依据充分\n|\n10\n|\n9\n|\n文件一份\n|\n过程(10分)\n|\n执行(10分)\n|\n执行率\n|\n10\n|\n10\n|\n报表\n'
    table = document_from_text(text).tables[0]
    assert table.form == "scoring"
    assert [[c.text for c in r] for r in table.rows[1:]] == [["决策（10分）", "目标（10分）", "依据充分", "10", "9"],
                                                             ["过程（10分）", "执行（10分）", "执行率", "10", "10"]]
    assert found(text) == []


# --- 9. the staffing block of a 基础数据表, one cell per line -----------------------------------------------------

STAFF = ("2022年度部门整体支出绩效评价基础数据表\n\n财政供养人员情况(人)\n\n编制数\n\n2022 年实际在职人数\n\n控制率\n\n"
         "{quota}\n\n{actual}\n\n{rate}\n\n经费控制情况(万元)\n")


def test_staffing_block_rate_and_people_above_posts() -> None:
    assert found(STAFF.format(quota="32", actual="30", rate="93.75%")) == []  # 30 ÷ 32
    assert checked(STAFF.format(quota="32", actual="30", rate="93.75%"), "table_staffing") == [
        ("30", ("32",)), ("93.75", ("30", "32"))]
    assert found(STAFF.format(quota="32", actual="30", rate="95.75%")) == [
        ("table_staffing", "错误", "第15行", "95.75%", "93.75%")]
    assert found(STAFF.format(quota="32", actual="35", rate="109.38%")) == [  # 35 ÷ 32 = 109.375 → 109.38
        ("table_staffing", "提示", "第13行", "35", "≤32")]
