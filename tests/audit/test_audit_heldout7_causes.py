"""Prose causes of the false 错误 of held-out-7's blind first run (session 8), each on a short text in our own
words in the layout met there (a 部门整体支出绩效自评报告's 预决算 paragraph). Every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit.clauses import _funding_data
from tests.audit.audit_helpers import checked, found

# This year's and last year's totals side by side, clauses split by "；" (a province-level unit's 收支 paragraph).
TOTALS = ("本年度收入合计500.00万元，上年度收入合计520.00万元，收入减少20.00万元，同比下降3.85%；"
          "本年度支出合计500.00万元，上年度支出合计610.00万元，支出减少110.00万元，同比下降18.03%。")


def test_last_years_total_is_no_closing_sum_of_this_years() -> None:
    # before: "上年度支出合计610.00" closed a list of the two 本年度 totals, 500 + 500 = 1000 (a false 错误)
    assert found(TOTALS) == []
    assert [s for s, _ in checked(TOTALS, "sum")] == []


SPENT = "本年支出合计800.00万元，预算执行率为95.00%。年末结转结余40.00万元。其中，基本支出300.00万元、项目支出{p}万元。"


def test_spending_parts_after_a_balance_break_down_the_spending() -> None:
    # before: the 其中 list was read under the balance 40.00 (300 + 500 = 800, a false 错误 against 40.00)
    text = SPENT.format(p="500.00")
    assert found(text) == []
    assert checked(text, "sum") == [("800.00", ("300.00", "500.00"))]


def test_spending_parts_after_a_balance_still_judged() -> None:
    # 300 + 510 = 810 against the 800 they break down
    assert found(SPENT.format(p="510.00")) == [("sum", "错误", "第1行", "800.00万元", "810.00万元")]


def test_parts_of_the_balance_stay_under_the_balance() -> None:
    text = "本年支出合计800.00万元。年末结转结余40.00万元。其中，基本支出结转10.00万元、项目支出结转30.00万元。"
    assert found(text) == []
    assert checked(text, "sum") == [("40.00", ("10.00", "30.00"))]


def test_balance_words_come_from_the_data_file() -> None:
    # every balance word of data/funding.yaml keeps a list under the balance: 10 + 30 = 40, and 10 + 31 = 41 ≠ 40
    words = _funding_data()["balance"]
    assert words == ["结转", "结余", "结存"]
    for w in words:
        text = f"本年支出合计800.00万元。年末结转结余40.00万元。其中，基本支出{w}10.00万元、项目支出{w}{{p}}万元。"
        assert checked(text.format(p="30.00"), "sum") == [("40.00", ("10.00", "30.00"))]
        assert found(text.format(p="31.00")) == [("sum", "错误", "第1行", "40.00万元", "41.00万元")]


SHARES = ("全年预算为1000.00万元，收支总决算1000.00万元。\n"
          "本年支出合计900.00万元。其中，基本支出300.00万元、占比{b}%，项目支出600.00万元、占比60.00%。")


def test_unnamed_share_of_the_total_stated_just_before() -> None:
    # 300 ÷ 1000 = 30.00 %, 600 ÷ 1000 = 60.00 % (not of the 900 the list breaks down: 33.33 %, 66.67 %)
    assert found(SHARES.format(b="30.00")) == []


def test_unnamed_share_that_fits_no_stated_whole() -> None:
    # 31.00 % is neither 300 ÷ 900 = 33.33 % nor 300 ÷ 1000 = 30.00 %
    assert found(SHARES.format(b="31.00")) == [("share", "错误", "第2行", "31.00%", "33.33%")]
