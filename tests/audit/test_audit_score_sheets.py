"""Score sheets (计分表) without a 分值 column: each indicator's 分值 is written in its own level cell
("决策依据（4分）"), its score in a 自评分 column (the 得分 column beside it may stay empty), and its 评价标准 cell
may list the points of its criteria ("符合法规(1分) 列入计划(2分)"). The layout follows the county 残联 计分表 of
held-out-6 (hunan-datonghu-cjr-jfb-2020); these workbooks are our own, figures chosen by hand."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from jixiao.audit.api import audit_path
from jixiao.audit.finding import ERROR, HINT
from tests.audit.audit_helpers import sheet_workbook

HEADER = ["一级指标", "二级指标", "三级指标", "自评分", "具体指标", "评价标准", "得分"]


def _workbook(tmp_path: Path, rows: list[list[str]]) -> Path:
    return sheet_workbook(tmp_path, "计分表", [HEADER, *rows])


def _rows(score: str = "3", criteria: str = "有办法(1分) 办法规范(1分) 因素合理(1分)") -> list[list[str]]:
    return [
        ["决策（15分）", "决策过程（8分）", "立项依据（4分）", "4", "符合规定和规划", "符合法规(1分) 符合规划(1分) 列入计划(2分)", ""],
        ["决策（15分）", "决策过程（8分）", "立项程序（4分）", "4", "程序合规", "申报合规(3分) 调整有手续(1分)", ""],
        ["决策（15分）", "资金分配（7分）", "分配办法（3分）", score, "办法健全", criteria, ""],
        ["决策（15分）", "资金分配（7分）", "分配结果（4分）", "4", "分配合理",
         "及时分配(4分) 分配较迟(2分) 未分配(0.5分)", ""],
    ]


def test_a_self_score_above_the_weight_in_its_level_cell_is_an_error(tmp_path: Path) -> None:
    # planted: 分配办法（3分） scored 5 in the 自评分 column (the 得分 column is empty)
    report = audit_path(_workbook(tmp_path, _rows(score="5")))
    errors = [(f.rule, f.location, f.stated, f.expected) for f in report.findings if f.severity == ERROR]
    assert errors == [("table_score_le_max", "计分表!D4（表1 第4行 自评分）", "5", "≤3")]
    # every indicator's 自评分 held against its own 分值: 4 ≤ 4, 4 ≤ 4, 5 > 3, 4 ≤ 4
    le_max = [(r.stated, r.operands) for r in report.relations if r.rule == "table_score_le_max"]
    assert [(str(s), [str(o) for o in ops]) for s, ops in le_max] == [
        ("4", ["4"]), ("4", ["4"]), ("5", ["3"]), ("4", ["4"])]


def test_criteria_points_that_add_up_to_the_weight_are_checked(tmp_path: Path) -> None:
    report = audit_path(_workbook(tmp_path, _rows()))
    assert report.findings == []
    points = [(str(r.stated), [str(o) for o in r.operands]) for r in report.relations
              if r.rule == "table_criteria_points"]
    # 4 = 1 + 1 + 2, 4 = 3 + 1, 3 = 1 + 1 + 1; 分配结果's grades (4, 2, 0.5: the best gives the whole 分值) not judged
    assert points == [("4", ["1", "1", "2"]), ("4", ["3", "1"]), ("3", ["1", "1", "1"])]


def test_criteria_points_that_fit_neither_reading_are_a_hint(tmp_path: Path) -> None:
    # planted: 分配办法（3分）'s items give 1 + 1 + 2 = 4 and none of them gives 3
    report = audit_path(_workbook(tmp_path, _rows(criteria="有办法(1分) 办法规范(1分) 因素合理(2分)")))
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in report.findings] == [
        ("table_criteria_points", "计分表!F4（表1 第4行 评价标准）", "3", "4", HINT)]


def test_items_are_the_points_opening_their_brackets(tmp_path: Path) -> None:
    # an item whose bracket also gives the points of its parts ("(2分，其中…1分、…1分)") and a condition that gives none:
    # the items are 2 + 1 + 1 = 4, not 2 + 1 + 1 + 1 + 1
    criteria = "1、设定了目标(2分，其中整体目标1分、项目目标1分) 2、依据充分(1分) 3、能够操作(1分) 4、没有目标的本项不得分"
    rows = _rows()
    rows[0][5] = criteria
    report = audit_path(_workbook(tmp_path, rows))
    assert report.findings == []
    assert [(str(r.stated), [str(o) for o in r.operands]) for r in report.relations
            if r.rule == "table_criteria_points"] == [("4", ["2", "1", "1"]), ("4", ["3", "1"]), ("3", ["1", "1", "1"])]


def test_deductions_and_rate_grades_are_not_read_as_items(tmp_path: Path) -> None:
    rows = _rows(criteria="虚列扣2分 超标准扣1分 超预算扣1分")
    rows[1][5] = "到位率达到100%得4分 90%得3分"
    rows[3][5] = "满意度≥90分得4分"
    report = audit_path(_workbook(tmp_path, rows))
    assert report.findings == []
    assert [str(r.stated) for r in report.relations if r.rule == "table_criteria_points"] == ["4"]


# The same sheet copied from a web page one cell a line, each line ending in its bar; merged level cells written once,
# an empty 得分 as "|" and stray bars ("|", "||") between rows; the text ends inside the last row.
SHEET_TEXT = """绩效自评
附件3
2021年项目支出绩效自评计分表
一级 指标 |
二级 指标 |
三级 指标 |
自评分 |
具体指标 |
评价标准 |
得分 |
决 策 (15分) |
决策 过程 (8分) |
立项 依据 (4分) |
4 |
符合规定和规划 |
符合法规(1分) 符合规划(1分) 列入计划(2分) |
|
立项 程序 (4分) |
{score} |
程序合规 |
申报合规(3分) 调整有手续(1分) |
|
||
资金 分配 (7分) |
分配 办法 (3分) |
3 |
办法健全 |
有办法(1分) 办法规范(1分) 因素合理(1分) |
|
|
分配 结果 (4分) |
4 |
分配合理 |
及时分配(4分) 分配较迟(2分) |
|
||
管 理 (20分) |
资金 到位 (5分) |
到位率 (3分) |
3 |
到位资金/计划资金 |
按到位率计分 |
|
到位 时效 (2分) |
2 |
是否及时到位 |
及时"""


def test_a_sheet_one_cell_a_line_with_its_bars_is_rebuilt() -> None:
    from jixiao.audit.api import audit_text

    report = audit_text(SHEET_TEXT.format(score="4"))
    assert [f for f in report.findings if f.severity == ERROR] == []
    rel = {(r.rule, str(r.stated), tuple(str(o) for o in r.operands), r.lines[0]) for r in report.relations}
    # blocks against their indicators, on the lines of the blocks' cells: 决策 15 = 8 + 7, 决策过程 8 = 4 + 4,
    # 资金分配 7 = 3 + 4, 资金到位 5 = 3 + 2 (the last row, cut inside its criteria, is read up to them); the block the
    # text cuts off, 管理 (20分), is held only as 5 ≤ 20
    assert {x for x in rel if x[0] == "table_weight_sum"} == {
        ("table_weight_sum", "15", ("8", "7"), 11), ("table_weight_sum", "8", ("4", "4"), 12),
        ("table_weight_sum", "7", ("3", "4"), 24), ("table_weight_sum", "20", ("5",), 37),
        ("table_weight_sum", "5", ("3", "2"), 38)}
    # each 自评分 against its own 分值, on the 自评分's line
    assert sorted(x[3] for x in rel if x[0] == "table_score_le_max") == [14, 19, 26, 32, 40, 45]


def test_a_self_score_above_its_weight_is_found_in_the_text_sheet() -> None:
    from jixiao.audit.api import audit_text

    report = audit_text(SHEET_TEXT.format(score="6"))  # planted: 立项程序 (4分) scored 6
    assert [(f.rule, f.line, f.stated, f.expected) for f in report.findings if f.severity == ERROR] == [
        ("table_score_le_max", 19, "6", "≤4")]


def test_an_allocation_table_by_town_is_summed(tmp_path: Path) -> None:
    # a 分配表 of a subsidy by 乡镇 (the layout of a county 强制免疫补助 notice of held-out-6, fujian-anxi); our own figures:
    # planted 全县合计 12 against 3 + 2.5 + 4 + 1.5 = 11
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "分配表"
    for row in [["乡镇", "补助经费(万元)", "备注"], ["甲镇", "3", ""], ["乙镇", "2.5", ""], ["丙乡", "4", ""],
                ["丁镇", "1.5", ""], ["全县合计", "12", ""]]:
        ws.append(row)
    path = tmp_path / "分配表.xlsx"
    wb.save(path)
    report = audit_path(path)
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in report.findings] == [
        ("table_sum", "分配表!B6（表1 第6行 补助经费(万元)）", "12", "11.0", ERROR)]


def test_a_rate_of_money_received_is_over_the_budget_left_after_pooling(tmp_path: Path) -> None:
    # a 转移支付 评价表's 资金投入情况 (the layout of a Sichuan county's form in held-out-6, sichuan-mingshan, whose
    # rendering drops the column letters): 预算到位 = 全年到位资金 ÷ 扣除统筹整合资金后预算金额, 预算执行 = 全年执行资金 ÷
    # the same; our own figures, 10 of the 60 pooled; planted: the 中央 row's 预算到位 90.00% (40 ÷ 50 = 80.00%)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "评价表"
    for row in [["", "行次", "全年预算数", "统筹整合资金数", "扣除统筹整合资金后预算金额", "全年到位资金", "预算到位",
                 "全年执行资金", "预算执行"],
                ["年度资金总额(万元):", "1", "60", "10", "50", "40", "80.00%", "30", "60.00%"],
                ["其中:中央财政资金(万元)", "2", "60", "10", "50", "40", "90.00%", "30", "60.00%"],
                ["地方财政资金(万元)", "3", "", "", "", "", "", "", ""]]:
        ws.append(row)
    path = tmp_path / "评价表.xlsx"
    wb.save(path)
    report = audit_path(path)
    assert [(f.rule, f.location, f.stated, f.expected, f.severity) for f in report.findings] == [
        ("table_rate", "评价表!G3（表1 第3行 预算到位）", "90.00%", "80.00%", ERROR)]
    rates = [(str(r.stated), [str(o) for o in r.operands]) for r in report.relations if r.rule == "table_rate"]
    assert rates == [("80.00", ["40", "50"]), ("90.00", ["40", "50"]), ("60.00", ["30", "50"]), ("60.00", ["30", "50"])]


# An 指标表 with a 分值 column after each level ("一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | … | 得分", the layout
# of a district's 部门整体支出绩效评价指标表 in held-out-4 and held-out-5, there as glued text); merged level and 分值 cells,
# our own figures.
LEVELS_HEADER = ["一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "评价标准", "指标说明", "得分"]


def _level_sheet(tmp_path: Path, management: str = "10", score: str = "7", other: str = "6") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "指标表"
    for row in [LEVELS_HEADER,
                ["投入", "13", "预算配置", "13", "在职人员控制率", "5", "不超过100%得5分", "在职/编制", "5"],
                ["", "", "", "", "三公经费变动率", "8", "不大于0得8分", "本年/上年", "8"],
                ["过程", "27", "预算执行", "17", "预算完成率", "5", "完成率100%得5分", "执行/预算", "5"],
                ["", "", "", "", "预算控制率", "4", "控制率为0得4分", "调整/预算", "4"],
                ["", "", "", "", "公用经费控制率", "8", "不超过100%得8分", "实际/预算", score],
                ["", "", "预算管理", management, "管理制度健全性", "4", "制度健全得4分", "制度", "4"],
                ["", "", "", "", "资金使用合规性", "6", "合规得6分", "合规", other],
                ["总分", "40", "", "", "", "", "", "", "39"]]:
        ws.append(row)
    for rng in ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "A4:A8", "B4:B8", "C4:C6", "D4:D6", "C7:C8", "D7:D8"):
        ws.merge_cells(rng)
    path = tmp_path / "指标表.xlsx"
    wb.save(path)
    return path


def test_each_level_is_held_against_its_own_weight_column(tmp_path: Path) -> None:
    report = audit_path(_level_sheet(tmp_path))
    assert report.findings == []
    sums = [(str(r.stated), [str(o) for o in r.operands]) for r in report.relations if r.rule == "table_weight_sum"]
    # 投入 13 = 预算配置 13 = 5 + 8; 过程 27 = 17 + 10, 预算执行 17 = 5 + 4 + 8, 预算管理 10 = 4 + 6; 总分 40
    assert sums == [("13", ["13"]), ("13", ["5", "8"]), ("27", ["17", "10"]), ("17", ["5", "4", "8"]),
                    ("10", ["4", "6"]), ("40", ["5", "8", "5", "4", "8", "4", "6"])]
    # each 得分 against the 分值 of its own (third) level, not the first level's
    le = [(str(r.stated), [str(o) for o in r.operands]) for r in report.relations if r.rule == "table_score_le_max"]
    assert le == [("5", ["5"]), ("8", ["8"]), ("5", ["5"]), ("4", ["4"]), ("7", ["8"]), ("4", ["4"]), ("6", ["6"]),
                  ("39", ["40"])]


def test_a_wrong_weight_or_score_at_any_level_is_named(tmp_path: Path) -> None:
    # planted: 预算管理 11 (4 + 6 = 10, and 过程 27 then no longer holds 17 + 11) and 公用经费控制率 scored 9 of 8 (the
    # scores still add to the 总分 39)
    report = audit_path(_level_sheet(tmp_path, management="11", score="9", other="4"))
    assert [(f.rule, f.location, f.stated, f.expected) for f in report.findings if f.severity == ERROR] == [
        ("table_score_le_max", "指标表!I6（表1 第6行 得分）", "9", "≤8"),
        ("table_weight_sum", "指标表!B4（表1 第4行 分值）", "27", "28"),
        ("table_weight_sum", "指标表!D7（表1 第7行 分值）", "11", "10")]


def test_a_scoring_sheet_headed_quanshu_is_summed(tmp_path: Path) -> None:
    # a 考评表 names its 分值 column "权数" and its score column "考评得分"; our own figures, planted 合计 31 (10 + 10 + 10)
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "考评表"
    for row in [["项目", "考核内容", "考核指标", "评分标准", "权数", "考评得分"],
                ["预算管理(30分)", "预算编制", "编制完整", "完整得10分", "10", "10"],
                ["", "", "编制及时", "及时得10分", "10", "9"],
                ["", "预算执行", "执行率", "按比例计分", "10", "8"],
                ["合计", "", "", "", "31", "27"]]:
        ws.append(row)
    ws.merge_cells("A2:A4")
    ws.merge_cells("B2:B3")
    path = tmp_path / "考评表.xlsx"
    wb.save(path)
    report = audit_path(path)
    assert [(f.rule, f.location, f.stated, f.expected) for f in report.findings] == [
        ("table_weight_sum", "考评表!E5（表1 第5行 权数）", "31", "30")]


# The same kind of sheet as "|" rows, merged cells left blank, its 评分标准 cell after the score listing points per item.
PIPE_SHEET = """项目支出绩效自评指标计分表
| 一级指标 | 二级指标 | 三级指标 | 自评分 | 评分标准 |
| 决策(15分) | 过程(8分) | 依据(4分) | 4 | 符合法规(1分) 列入计划(3分) |
|  |  | 程序(4分) | 4 | 申报合规(3分) 有手续(1分) |
|  | 分配(7分) | 办法(3分) | 3 | 有办法(1分) 因素合理(2分) |
|  |  | 结果(4分) | {score} | 符合办法(2分) 公平(2分) |
| 管理(10分) | 到位(5分) | 到位率(3分) | 3 | 按到位率计分 |
|  |  | 时效(2分) | 2 | 及时(2分) 较迟(1分) |
|  | 使用(5分) | 合规(5分) | 5 | 合规得5分 |
"""


def test_points_in_the_criteria_cell_of_a_pipe_row_are_not_read_as_indicators() -> None:
    from jixiao.audit.api import audit_text

    # before: "符合法规(1分)", "列入计划(3分)" … were read as the names of further indicators, giving six false 错误
    report = audit_text(PIPE_SHEET.format(score="4"))
    assert report.findings == []
    sums = [(str(r.stated), [str(o) for o in r.operands]) for r in report.relations if r.rule == "table_weight_sum"]
    assert sums == [("15", ["8", "7"]), ("8", ["4", "4"]), ("7", ["3", "4"]), ("10", ["5", "5"]), ("5", ["3", "2"]),
                    ("5", ["5"])]
    planted = audit_text(PIPE_SHEET.format(score="5"))  # 结果(4分) scored 5
    assert [(f.rule, f.line, f.stated, f.expected) for f in planted.findings] == [("table_score_le_max", 6, "5", "≤4")]


# The sheet as "|" rows keeping every cell in place, merged level cells blank, the 评分标准 before the 得分.
GRID_SHEET = """项目支出绩效自评指标计分表
| 一级指标 | 二级指标 | 三级指标 | 评分标准 | 得分 |
| 决策(15分) | 过程(8分) | 依据(4分) | 符合法规(1分) 列入计划(3分) | 4 |
|  |  | 程序(4分) | 申报合规(3分) 有手续(1分) | 4 |
|  | 分配(7分) | 办法(3分) | 有办法(1分) 因素合理(2分) | 3 |
|  |  | 结果(4分) | 符合办法(2分) 公平(2分) | {score} |
| 效益(10分) |  | 满意度(10分) | 满意度达到90%得10分 | 10 |
"""


def test_pipe_rows_with_cells_in_place_are_read_as_a_grid() -> None:
    from jixiao.audit.api import audit_text

    # before: read as a flowing sequence, the criteria's points became further indicators (four false 错误 on main)
    report = audit_text(GRID_SHEET.format(score="4"))
    assert report.findings == []
    rel = [(r.rule, str(r.stated), [str(o) for o in r.operands]) for r in report.relations]
    # blank level cells before a row's first name are the merged cells above; 效益's blank 二级 stays blank
    assert [x for x in rel if x[0] == "table_weight_sum"] == [
        ("table_weight_sum", "15", ["8", "7"]), ("table_weight_sum", "8", ["4", "4"]),
        ("table_weight_sum", "7", ["3", "4"]), ("table_weight_sum", "10", ["10"])]
    assert [x for x in rel if x[0] == "table_criteria_points"] == [
        ("table_criteria_points", "4", ["1", "3"]), ("table_criteria_points", "4", ["3", "1"]),
        ("table_criteria_points", "3", ["1", "2"]), ("table_criteria_points", "4", ["2", "2"])]
    planted = audit_text(GRID_SHEET.format(score="6"))  # 结果(4分) scored 6
    assert [(f.rule, f.line, f.stated, f.expected) for f in planted.findings] == [("table_score_le_max", 6, "6", "≤4")]


def test_rows_whose_names_sit_in_no_level_column_are_not_summed() -> None:
    from jixiao.audit.api import audit_text

    # the third level headed "具体指标" (no level word): the row "完成鉴定人数" has blank 一级/二级 cells and its name
    # there, so it cannot be put in its block; before, it was dropped and 产出指标 50 was held against 15 + 20 (two
    # false 错误 on main, and a third on the 总分 得分). Each 得分 is still held against its own 分值.
    text = ("项目绩效评分表\n一级指标\t二级指标\t具体指标\t分值\t得分\n"
            "产出指标（50分）\t数量指标（30分）\t完成培训人数\t15\t15\n\t\t完成鉴定人数\t15\t{score}\n"
            "\t质量指标（20分）\t合格率\t20\t18\n效益指标（30分）\t社会效益（30分）\t就业率\t30\t28\n"
            "满意度（20分）\t满意度（20分）\t学员满意度\t20\t19\n总分\t\t\t100\t94\n")
    report = audit_text(text.format(score="14"))
    assert report.findings == []
    assert {r.rule for r in report.relations} == {"table_score_le_max"}
    planted = audit_text(text.format(score="16"))  # 完成鉴定人数 scored 16 of 15
    assert [(f.rule, f.line, f.stated, f.expected) for f in planted.findings] == [("table_score_le_max", 4, "16", "≤15")]
