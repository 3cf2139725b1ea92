"""Text a PDF extraction printed twice over (jixiao.audit.readers.doubled): a page drawn with a shadow or a fake
bold repeats every figure and list number ("1515 个" for 15, "6 6 个", "40.00%40.00%", "(1)(1)"). Where the
doubling is proved (repeated list markers and figures no single number can be), each repeated run is read once,
so a 完成率 is judged over the counts the page means, not over 1515. A bare 万 glued after an amount in a
rebuilt 资金 row ("10万10万100%20") is the amount's unit, not a row's name. The documents are ours, laid out like
the document-mirror copies of held-out-10 (a 科普 fund's self-evaluation printed twice over; a city archive's
湖北 自评表 whose amounts carry 万)."""

from __future__ import annotations

from jixiao.audit.readers.doubled import doubled, undoubled
from tests.audit.audit_helpers import findings_of

DOUBLED = ("1、2019年度青少年科技活动经费项目绩效自评报告一、项目概况本项目预算批复 4545 万元,当年到位 38.538.5 万元,"
           "支出 30.830.8 万元。二、绩效目标完成情况1 1、设置绩效目标数 1515 个、绩效目标完成数 6 6 个,"
           "绩效目标完成率{rate}%{rate}%。2 2、自评等级为中。\n"
           "2、三、存在问题(1)(1) 活动覆盖面偏小。(2)(2) 宣传形式单一。\n")


def test_a_doubled_text_is_read_once() -> None:
    lines = DOUBLED.format(rate="40.00").splitlines()
    assert doubled(lines)
    assert undoubled(lines) == [
        "1、2019年度青少年科技活动经费项目绩效自评报告一、项目概况本项目预算批复 45 万元,当年到位 38.5 万元,"
        "支出 30.8 万元。二、绩效目标完成情况1、设置绩效目标数 15 个、绩效目标完成数 6 个,绩效目标完成率40.00%。"
        "2、自评等级为中。",
        "2、三、存在问题(1) 活动覆盖面偏小。(2) 宣传形式单一。"]


def test_the_rate_over_the_doubled_counts_is_consistent() -> None:
    # 6 of 15 targets met = 40.00 %; read as printed, 6 ÷ 1515 would be 0.40 %
    assert findings_of(DOUBLED.format(rate="40.00")) == []


def test_a_wrong_rate_in_a_doubled_text_is_found() -> None:
    assert findings_of(DOUBLED.format(rate="45.00")) == [("错误", "rate", "第1行", "45.00%", "40.00%")]


def test_text_without_repeated_markers_is_left_as_it_is() -> None:
    # a glued form repeats equal amounts ("64.864.8", "100%100%") without being printed twice over
    lines = ["预算数(A)执行数(B)执行率(B/A)得分年度资金总额64.864.8100%100%10", "(1) 无问题。(2) 无建议。"]
    assert not doubled(lines)
    assert undoubled(lines) == lines


def test_a_year_stays_a_year() -> None:
    lines = ["2020年度工作(1)(1) 到位 1.51.5 万元,支出 2.52.5 万元,完成 7 7 项。", "(2)(2) 无。"]
    assert undoubled(lines) == ["2020年度工作(1) 到位 1.5 万元,支出 2.5 万元,完成 7 项。", "(2) 无。"]


GLUED_WAN = ("2、自评表 单位名称:青石市档案馆 填报日期:2021年4月项目名称档案数字化专项经费主管部门项目实施单位青石市档案馆"
             "项目类别1、上级专项 2、本级专项 预算执行情况(万元)(20分)预算数(A)执行数(B)执行率(B/A)得分(20分*执行率)"
             "年度财政资金总额12万12万100%20年度绩效指标一级指标二级指标三级指标\n")


def test_a_bare_wan_after_an_amount_is_no_row_name() -> None:
    # read before as a row named "万" with cells 1 | 2 | 0% | 20 and a 得分 "20 → 0" error
    assert findings_of(GLUED_WAN) == []
