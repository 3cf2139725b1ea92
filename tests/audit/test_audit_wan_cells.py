"""The 项目资金 block of a 项目支出绩效自评表 copied one cell per line, each cell closed by " |", its amounts written
with a bare 万 ("80万 |": the form's unit is 万元) — held-out-11's 行政审批局 form, session 13. The form is ours: a
town's 2022 river-cleaning fund with amounts of our own; every expectation computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

FORM = """2022年度河道保洁经费项目支出绩效自评表 |
|||||||||
项目资金 (万元) |
|
年初预算数 |
全年预算数 |
全年执行数 |
分值 |
执行率 |
得分 |
||||||
年度资金总额 |
80万 |
80万 |
72万 |
10 |
{rate} |
{score} |
|||||||
其中:当年财政拨款 |
80万 |
80万 |
72万 |
— |
|
— |
|||||||
上年结转资金 |
0 |
0 |
0 |
— |
|
— |
|||||||
年度总体目标 |
"""


def test_amounts_with_a_bare_wan_are_read() -> None:
    text = FORM.format(rate="90%", score="9")
    assert checked(text, "table_rate") == [("90", ("72", "80"))]
    assert checked(text, "table_score_rule") == [("9", ("10", "90"))]
    assert found(text) == []


def test_a_rate_off_its_amounts_is_an_error() -> None:
    assert found(FORM.format(rate="95%", score="9"), "table_rate") == [
        ("table_rate", "错误", "第17行（表1 第2行 执行率）", "95%", "90.00%")]


def test_a_score_off_the_rate_times_the_points_is_a_hint() -> None:
    # 90 % × 10 = 9, written 10; the form does not state its scoring rule: a 提示
    assert found(FORM.format(rate="90%", score="10"), "table_score_rule") == [
        ("table_score_rule", "提示", "第18行（表1 第2行 得分）", "10", "9")]
