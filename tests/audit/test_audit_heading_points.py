"""Points written in the numbered headings of a prose 自评报告 against the points of the headings under them
(held-out-9, session 10: a 农村公厕 project report whose headings carry 自评得分 and a 学前教育 report whose headings
carry 分值; no other labelled document shares the layout). The reports are ours: a village water-supply project with
weights and scores of our own; every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.context import Context
from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

SCORES = """农村饮水巩固提升项目绩效自评报告

一、项目概况（自评得分100分）

项目总投资420万元，全部为县级财政资金，用于改造供水管网36公里。

二、预算执行情况（自评得分10分）

全年到位资金420万元，支出420万元，执行率100%。

三、绩效指标完成情况（自评得分90分）

（一）产出指标完成情况（自评得分{out}分）

1.数量指标（自评得分{qty}分）：改造供水管网36公里。

2.质量指标（自评得分15分）：工程验收合格率100%。

3.时效指标（自评得分10分）：按期完工率100%。

（二）效益指标完成情况（自评得分{eff}分）

4.社会效益指标（自评得分20分）：受益群众1.2万人。

5.满意度指标（自评得分15分）：受益群众满意度96%。

四、存在的问题

管网维护人员不足。
"""


def test_children_adding_up_to_the_parent_are_checked() -> None:
    text = SCORES.format(out=55, qty=30, eff=35)
    assert found(text, "heading_points") == []
    # 三 90 over （一） 55 + （二） 35; （一） over 30 + 15 + 10; （二） over 20 + 15. 一 and 二 have no numbered child.
    assert checked(text, "heading_points") == [("35", ("15", "20")), ("55", ("10", "15", "30")),
                                               ("90", ("35", "55"))]


def test_children_above_the_parent_are_an_error() -> None:
    # 35 + 15 + 10 = 60 under a heading that states 55 (the 数量 score raised from 30 to 35)
    text = SCORES.format(out=55, qty=35, eff=35)
    assert found(text, "heading_points") == [("heading_points", "错误", "第13行", "55分", "60分")]


def test_children_below_the_parent_are_not_judged() -> None:
    # 25 + 15 + 10 = 50 under a stated 55: a child the text does not number may be missing, so nothing is said
    text = SCORES.format(out=55, qty=25, eff=35)
    assert found(text, "heading_points") == []
    assert checked(text, "heading_points") == [("35", ("15", "20")), ("90", ("35", "55"))]


WEIGHTS = """一、决策（20分）
（一）项目立项（{lix}分）：
（1）立项依据充分性（4分）
项目依据《县农村供水保障规划（2021—2025年）》和县政府常务会议纪要立项，经水务、财政、发改三部门联合论证，列入当年民生实事项目，自评得4分
（2）立项程序规范性（{prog}分）：
按规定程序报批，自评得3分。
（二）绩效目标（8分）
（1）目标合理性（4分）
（2）目标明确性（4分）
二、过程（30分）
（一）资金管理（12分）
（1）资金到位率（4分）
（2）预算执行率（4分）
"""


def test_weights_read_where_a_heading_opens_a_joined_line() -> None:
    # the long line "……自评得4分" ends with no full stop, so the reader joins it with the next line, which opens （2）
    text = WEIGHTS.format(lix=12, prog=8)
    assert any(p.text.endswith("自评得4分（2）立项程序规范性（8分）：") for p in Context.build(document_from_text(text)).paras)
    assert found(text, "heading_points") == []
    assert checked(text, "heading_points") == [("12", ("4", "8")), ("20", ("12", "8")), ("8", ("4", "4"))]
    # 资金管理 12 over 4 + 4 is less (and the text is cut there): not judged


def test_weights_above_the_parent_are_an_error_on_the_joined_line() -> None:
    text = WEIGHTS.format(lix=12, prog=9)
    assert found(text, "heading_points") == [("heading_points", "错误", "第2行", "12分", "13分")]


def test_a_list_that_starts_again_is_not_the_parent_s_children() -> None:
    # the criteria of 立项依据 numbered (1) (2) again inside its text: 4 + 8 + 3 + 3 is not 项目立项's sum
    text = WEIGHTS.format(lix=12, prog=8).replace(
        "列入当年民生实事项目，自评得4分\n", "列入当年民生实事项目，自评得4分。\n（1）有规划依据（3分）\n（2）有可研报告（3分）\n")
    assert found(text, "heading_points") == []
    assert checked(text, "heading_points") == [("20", ("12", "8")), ("8", ("4", "4"))]


def test_a_score_heading_is_not_compared_with_weight_headings() -> None:
    # 决策 20 over a score (11) and a weight (8), 项目立项's score 11 over weights 4 and 8: neither is judged
    text = WEIGHTS.format(lix=12, prog=8).replace("（一）项目立项（12分）", "（一）项目立项（自评得分11分）")
    assert found(text, "heading_points") == []
    assert checked(text, "heading_points") == [("8", ("4", "4"))]
