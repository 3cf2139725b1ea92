"""Glued forms laid out as the OCR of an attached image or a policy site's copy gives them (jixiao.audit.glued):

- a header line alone, then one line per row with the row's cells glued ("年度资金总额80万元72.4590.00%"), the amounts
  carrying their money unit (the layout of heldout10 ningxia-fcfxzx and of the 资金 block of heldout5 ningxia-yuanzhou);
- a 区域绩效自评表 run into one line whose 权重 column is in per cent ("≥10%115.25%20%20": 权重 20%, 得分 20), a unit
  倍, closed by "得分合计" (heldout10 sichuan-xian).

The documents are ours, laid out like those pages, with our own names and figures."""

from __future__ import annotations

from jixiao.audit.glued import atoms, fits, join_pages, row_lines
from tests.audit.audit_helpers import findings_of, tables_of

# a 转移支付 自评表 read by OCR: 80 | 72.45 | 90.00% (72.45 ÷ 80 is 90.56%), 60 | 54.45 | 90.75%, 20 | 18.00 | 90.00%
OCR_FORM = """某县2022年度农村饮水安全巩固提升项目绩效自评表
(注:以下内容为附件图片识别,个别文字可能不准确,请以附件为准)
项目名称农村饮水安全巩固提升工程
项目资金(万元)全年预算数全年执行数执行率
年度资金总额80万元72.4590.00%
其中:中央财政补助60万元54.4590.75%
地方资金20万元18.0090.00%
其他资金
总体目标完成情况总体目标全年实际完成情况
完成12处集中供水工程改造,受益人口1.8万人。
"""

# a 区域绩效自评表 on one line: 权重 in per cent, the 满意度 row scored 12 of 10 %, the scores add up to 101.6, not 100
REGION_FORM = ("专项名称高标准农田建设补助资金省级主管部门某省农业农村厅绩效目标完成情况一级指标二级指标三级指标指标值完成值权重得分"
               "产出指标数量指标新建高标准农田面积≥5000亩5200亩20%20质量指标工程验收合格率≥95%100%20%20"
               "时效指标当年任务完成率100%96%10%9.6成本指标亩均财政补助标准≤1500元1450元10%10"
               "效益指标经济效益指标粮食产能提升幅度≥1.5倍1.6倍15%15社会效益指标受益农户覆盖率≥80%92%15%15"
               "满意度指标服务对象满意度指标受益农户满意度≥90%95%10%{satisfaction}得分合计{total}。\n")


def test_row_lines_run_from_a_header_line_to_the_next_part() -> None:
    lines = OCR_FORM.splitlines()
    assert row_lines(lines, 3) == [4, 5, 6]  # 其他资金 (no figure) and the 总体目标 part are not rows
    assert row_lines(lines, 2) == []  # no header at the line's end
    text, breaks = join_pages(lines, 3, [4, 5, 6], 1, " ")
    assert text.endswith("执行率 年度资金总额80万元72.4590.00% 其中:中央财政补助60万元54.4590.75% 地方资金20万元18.0090.00%")
    assert breaks == ((22, 5), (44, 6), (69, 7))  # each row line starts after its separator


def test_a_header_line_followed_by_a_sentence_has_no_rows() -> None:
    lines = ["项目资金(万元)全年预算数全年执行数执行率", "年度资金总额80万元,全年执行72.45万元。"]
    assert row_lines(lines, 0) == []


def test_amount_cells_may_carry_a_money_unit() -> None:
    assert fits("budget_final", "", "80", "万元") and fits("actual", "", "72.45", "元")
    assert not fits("weight", "", "10", "万元") and not fits("budget_final", "", "80", "人")


def test_an_ocr_form_with_a_row_a_line_is_read_and_its_rate_checked() -> None:
    assert tables_of(OCR_FORM) == [[["项目", "全年预算数", "全年执行数", "执行率"],
                                    ["年度资金总额", "80万元", "72.45", "90.00%"],
                                    ["其中:中央财政补助", "60万元", "54.45", "90.75%"],
                                    ["地方资金", "20万元", "18.00", "90.00%"]]]
    # 72.45 | 90.00% is the one cut near its rate: the rate found off is a 提示 (the cut may be wrong)
    assert findings_of(OCR_FORM) == [("提示", "table_rate", "第5行（表1 第2行 执行率）", "90.00%", "90.56%")]


def test_a_weight_in_per_cent_is_read_and_the_scores_judged() -> None:
    wrong = REGION_FORM.format(satisfaction="12", total="100")
    rows = tables_of(wrong)[0]
    assert rows[5][4:] == ["≥1.5倍", "1.6倍", "15%", "15"]
    assert rows[-1][3:] == ["得分合计", "", "", "", "100"]  # "得分合计": the 100 is the 得分, not the 权重
    assert findings_of(wrong) == [("错误", "table_score_le_max", "第1行（表1 第8行 得分）", "12", "≤10%"),
                                  ("错误", "table_score_sum", "第1行（表1 第9行 得分）", "100", "101.6")]
    assert findings_of(REGION_FORM.format(satisfaction="10", total="99.6")) == []


def test_a_per_cent_is_no_weight_under_a_header_of_points() -> None:
    # under 分值 a "20%" is a 指标值 or 完成值, never the 分值: the row "≥90%95%10%12" is not read as 分值 10
    text = REGION_FORM.replace("权重得分", "分值得分").format(satisfaction="12", total="100")
    assert findings_of(text) == []


def test_a_header_going_on_on_the_next_line_gives_no_rows() -> None:
    # the columns are not known from the first header line alone: nothing is read under it
    lines = ["绩效指标一级指标二级指标三级指标分值年度指标值", "全年完成值得分", "产出指标数量指标改造供水工程20≥12处12处20"]
    assert row_lines(lines, 0) == []
    assert findings_of("\n".join(lines) + "\n") == []


def test_a_unit_before_a_space_ends_its_cell() -> None:
    # a row line's end (joined with a space) closes the cell: "8000亩 " is one cell, not 8000 and a name 亩…
    assert [(a.kind, a.text) for a in atoms("基地面积8000亩 受益人口1.2万人")] == [
        ("T", "基地面积"), ("F", "8000亩"), ("T", "受益人口"), ("F", "1.2万人")]
    assert [(a.kind, a.text) for a in atoms("培训10人均获证")] == [("T", "培训"), ("F", "10"), ("T", "人均获证")]
