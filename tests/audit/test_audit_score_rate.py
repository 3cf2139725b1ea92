"""A score table's 得分率 column (得分 ÷ 分值) and its 小计 row (held-out-11's 事前绩效评估 得分情况表, session 13: a
table pasted as text with one space between its cells, 一级指标 | 分值 | 得分 | 得分率). The table is ours: a county's
rural water-supply project assessed before funding, with points of our own; every expectation computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

TABLE = ("某县农村供水保障工程事前绩效评估\n"
         "评分结果表\n"
         "一级指标 分值 得分 得分率\n"
         "立项必要性 25 24 96%\n"
         "投入经济性 15 12 80%\n"
         "目标合理性 20 17.5 {rate}\n"
         "方案可行性 25 22 88%\n"
         "筹资合规性 15 15 100%\n"
         "小计 100 {total} {total_rate}\n"
         "经综合评定，该工程总得分{total}分，评估等级为“予以支持”。\n")


def _text(rate: str = "87.5%", total: str = "90.5", total_rate: str = "90.5%") -> str:
    return TABLE.format(rate=rate, total=total, total_rate=total_rate)


def test_each_score_rate_is_the_score_over_the_points() -> None:
    text = _text()
    assert checked(text, "table_rate") == [
        ("100", ("15", "15")), ("80", ("12", "15")), ("87.5", ("17.5", "20")), ("88", ("22", "25")),
        ("90.5", ("100", "90.5")), ("96", ("24", "25"))]
    assert found(text) == []


def test_the_subtotal_adds_the_points_and_the_scores() -> None:
    text = _text()
    assert checked(text, "table_weight_sum") == [("100", ("15", "15", "20", "25", "25"))]
    assert checked(text, "table_score_sum") == [("90.5", ("12", "15", "17.5", "22", "24"))]
    assert [s for s, _ in checked(text, "table_score_le_max")] == ["12", "15", "17.5", "22", "24", "90.5"]


def test_a_score_rate_off_its_score_is_an_error() -> None:
    # 17.5 ÷ 20 = 87.5 %, written 85 %
    assert found(_text(rate="85%")) == [("table_rate", "错误", "第6行（表1 第4行 得分率）", "85%", "87.50%")]


def test_a_subtotal_off_the_scores_is_an_error_and_no_execution_rule_is_applied() -> None:
    # the scores add up to 90.5, the 小计 says 91.5 (its own 得分率 91.5 % agrees with it); a 得分率 is no 执行率:
    # no 得分 = 执行率 × 分值 rule is read into it
    got = found(_text(total="91.5", total_rate="91.5%"), "table_score_sum", "table_score_rule", "table_rate")
    assert got == [("table_score_sum", "错误", "第9行（表1 第7行 得分）", "91.5", "90.5")]
