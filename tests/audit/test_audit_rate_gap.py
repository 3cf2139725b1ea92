"""A rate after a required amount, what came in and the gap between the two (jixiao.audit.rules.rates): the gap,
proven by the arithmetic (not by its words), is no term of the rate; a rate that equals the gap over the base is a 提示
that says so. The layout of held-out-13 yunnan-lswz (a match required, the match in place, the excess, an 执行率
printed as the excess over the required amount). The text is ours; every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import checked, found

MATCH = "今年县级财政应配套河道保洁资金{need}万元，实际配套到位{got}万元，超规模配套{gap}万元，执行率为{rate}%。\n"


def match(rate: str, need: str = "240.00", got: str = "390.00", gap: str = "150.00") -> str:
    return MATCH.format(need=need, got=got, gap=gap, rate=rate)


def test_the_gap_of_the_two_amounts_is_no_term_of_the_rate() -> None:
    # 390 ÷ 240 = 162.50%; 150 = 390 − 240 is the excess, not a third term
    text = match("162.50")
    assert checked(text, "rate") == [("162.50", ("240.00", "390.00"))]
    assert found(text) == []


def test_a_rate_that_is_the_gap_over_the_base_is_a_hint() -> None:
    # 150 ÷ 240 = 62.50%: the printed rate is the excess over the required amount; done over required is 162.50%
    text = match("62.50")
    assert found(text) == [("rate", "提示", "第1行", "62.50%", "162.50%")]
    (finding,) = audit_text(text).findings
    assert "两者之差150.00万元÷240.00万元相符" in finding.explanation


def test_a_rate_that_is_neither_is_an_error() -> None:
    # 120% is neither 390 ÷ 240 = 162.50% nor 150 ÷ 240 = 62.50%
    assert found(match("120")) == [("rate", "错误", "第1行", "120%", "162.50%")]


def test_a_third_amount_that_is_not_the_gap_leaves_the_rate_unread() -> None:
    # 160 is not 390 − 240: which two amounts the rate is of is not provable, nothing is judged
    text = match("162.50", gap="160.00")
    assert checked(text, "rate") == []
    assert found(text) == []


def test_an_overspending_word_amount_over_the_budget_is_a_hint_too() -> None:
    # 超支 is a budget-gap word (never a term); 36 ÷ 300 = 12% is the overspend over the budget, 336 ÷ 300 = 112%
    text = "本年度道路养护预算300.00万元，实际支出336.00万元，超支36.00万元，执行率为12%。\n"
    assert found(text) == [("rate", "提示", "第1行", "12%", "112.00%")]


def test_a_shortfall_is_not_read_by_this_reading() -> None:
    # 200 of 240 with 40 still missing: what is left when less came in is not this reading's
    assert checked(match("90", got="200.00", gap="40.00"), "rate") == []
    assert checked(match("83.33", got="200.00", gap="40.00"), "rate") == []
