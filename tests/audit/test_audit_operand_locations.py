"""An operand a rule takes from another paragraph keeps its own location: the finding quotes it with where it stands
("预算资金 500万元（第2行）") and the traced relation gives its own source line. Before, both numbered it as if it
stood in the result's paragraph (its offset read against the result paragraph's lines: 第4行 for a budget on 第2行).
Short texts in our own words in the layouts of the labelled sets (a budget paragraphs before its 执行率 — held-out-6
河北水利; a whole named in full a paragraph before its share — held-out 宜春; the other rate of a 百分点 gap in the
paragraph before; a 完成率 after funds listed over three lines — corpus 部门整体 基础数据); figures worked by hand."""

from __future__ import annotations

import pytest

from jixiao.audit.api import audit_text

# 420 ÷ 500 = 84.00 %, not 85 %
RATE = ("一、项目基本情况\n本项目年初共安排预算资金500万元，用于农村公路养护。\n"
        "二、项目执行情况\n截至年底实际支出420万元，预算执行率85%。\n")
# 32.2 ÷ 80.5 = 40.00 %, not 41.5 %
SHARE = ("2024年全县一般公共预算收入共80.5亿元，同比增长6.2%。\n其中税收收入增长较快。\n"
         "县城片区实现一般公共预算收入32.2亿元，占全县一般公共预算收入的比重为41.5%。\n")
# 7.1 − 8.4 = −1.3: 1.3 points below, not 2.3 above
POINTS = ("2024年全县社会消费品零售总额120.6亿元，增长8.4%。\n\n"
          "城镇消费品零售额95.3亿元，增长7.1%，比全县社会消费品零售总额的增幅高2.3个百分点。\n")
# funds 20 + 1000 + 200 = 1220, completed 1220 − 30 = 1190, 1190 ÷ 1220 = 97.54 %, not 98.5 %
BALANCES = "年初结余20万元；\n预算1000万元，本年追加预算200万元；\n年末结余30万元。据此算得预算完成率98.5%。\n"
# a total closing its paragraph, its 其中 on the next line: 300 + 150 + 60 = 510, not 500 (the finding points at the total)
SUM = "2023年度本单位支出合计500万元，具体如下：\n其中：人员经费300万元，公用经费150万元，项目支出60万元。\n"
# a 其中 of one part larger than the total on the line before it: 60 > 50
PART = "2023年度本单位项目支出合计50万元。\n其中：信息化建设支出60万元。\n"
# last year's parts 300 ÷ 1.05 + 200 ÷ 1.2 = 285.714 + 166.667 = 452.381; 500 ÷ 452.381 − 1 = 10.53 %, not 15 %
YOY_PARTS = ("2023年度本单位支出合计500万元，比上年增长15%。\n"
             "其中：人员经费300万元，比上年增长5%；公用经费200万元，比上年增长20%。\n")


Finding = tuple[str, str, str, str, str, tuple[str, ...]]  # rule, severity, location, stated, expected, figures
Traced = tuple[str, str, tuple[int, ...]]  # rule, location, the lines of the result and of each operand

# text: (its findings, the relations traced on it)
CASES: dict[str, tuple[str, list[Finding], list[Traced]]] = {
    "a budget paragraphs before its rate": (RATE, [
        ("rate", "提示", "第4行", "85%", "84.00%",
         ("截至年底实际支出 420万元", "本项目年初共安排预算资金 500万元（第2行）"))], [("rate", "第4行", (4, 4, 2))]),
    "a whole a paragraph before its share": (SHARE, [
        ("share", "错误", "第3行", "41.5%", "40.00%",
         ("县城片区实现一般公共预算收入 32.2亿元", "2024年全县一般公共预算收入共 80.5亿元（第1行）"))],
        [("share", "第3行", (3, 3, 1))]),
    "the other rate of a gap": (POINTS, [
        ("points", "错误", "第3行", "2.3个百分点", "低1.3个百分点",
         ("本项 增长7.1%", "全县社会消费品零售总额 增长8.4%（第1行）"))], [("points", "第3行", (3, 3, 1))]),
    "funds over several lines": (BALANCES, [
        ("rate", "提示", "第3行", "98.5%", "97.54%",
         ("年初结余 20万元（第1行）", "预算 1000万元（第2行）", "本年追加预算 200万元（第2行）", "年末结余 30万元"))],
        [("rate", "第3行", (3, 1, 2, 2, 3))]),
    "the parts of a total on the line before": (SUM, [
        ("sum", "错误", "第1行", "500万元", "510.00万元",
         ("人员经费 300万元（第2行）", "公用经费 150万元（第2行）", "项目支出 60万元（第2行）",
          "合计 2023年度本单位支出合计 500万元"))], [("sum", "第1行", (1, 2, 2, 2))]),
    "the whole of a single part on the line before": (PART, [
        ("part_le_whole", "提示", "第2行", "60万元", "≤50万元",
         ("信息化建设支出 60万元", "总额 2023年度本单位项目支出合计 50万元（第1行）"))],
        [("part_le_whole", "第2行", (2, 1))]),
    "the parts and rates of a total change on the line before": (YOY_PARTS, [
        ("yoy_parts", "提示", "第1行", "15%", "增长10.5%", ("人员经费 300万元 5%（第2行）", "公用经费 200万元 20%（第2行）"))],
        [("sum", "第1行", (1, 2, 2)), ("yoy_parts", "第1行", (1, 2, 2, 2, 2))]),
}


@pytest.mark.parametrize("case", CASES)
def test_an_operand_from_another_paragraph_is_quoted_where_it_stands(case: str) -> None:
    text, findings, relations = CASES[case]
    report = audit_text(text)
    assert [(f.rule, f.severity, f.location, f.stated, f.expected, f.figures) for f in report.findings] == findings
    assert [(r.rule, r.location, r.lines) for r in report.relations] == relations
