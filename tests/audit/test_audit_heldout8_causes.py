"""Causes of the false 错误 of held-out-8's blind first run (session 9), each on a short text in our own words in
the layout met there: a county 政府决算 paragraph's 加/再加 revenue chain, and a subsidy notice whose total in 元 is
broken down into an amount in 万元 and one in 元. Every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import checked, found

# 25600 + 188430 + 9800 = 223830 (the bracketed 其中 3120 + 172310 + 13000 = 188430 belongs to the figure before it);
# 再加 goes on from that stated total: 223830 + 6120 + 2400 + 900 = 233250.
CHAIN = ("按财政体制结算，全区本级一般公共预算收入25600万元，加上级补助收入188430万元（其中：返还性收入3120万元、"
         "一般性转移支付收入172310万元、专项转移支付收入13000万元）及新增一般债券转贷收入{c}万元，全区一般公共预算总收入"
         "223830万元；再加上年结转6120万元、调入资金2400万元和动用预算稳定调节基金900万元，收入总计{h}万元。")


def test_chain_term_after_a_bracketed_breakdown_is_still_added() -> None:
    # before: 及 joined the bond term to the subsidy term and only 25600 + 188430 = 214030 was read (a false 错误),
    # and the 再加 total re-added every earlier figure (25600 + 188430 + 223830 + 6120 + 2400 = 446380)
    text = CHAIN.format(c="9800", h="233250")
    assert found(text) == []
    assert checked(text, "sum") == [("188430", ("13000", "172310", "3120")), ("223830", ("188430", "25600", "9800")),
                                    ("233250", ("223830", "2400", "6120", "900"))]


def test_chain_first_total_still_judged() -> None:
    # 25600 + 188430 + 9900 = 223930 ≠ 223830; the 再加 total goes on from the stated 223830 and holds
    assert found(CHAIN.format(c="9900", h="233250")) == [("sum", "错误", "第1行", "223830万元", "223930.00万元")]


def test_chain_second_total_still_judged() -> None:
    # 223830 + 6120 + 2400 + 900 = 233250 ≠ 233350
    assert found(CHAIN.format(c="9800", h="233350")) == [("sum", "错误", "第1行", "233350万元", "233250.00万元")]


def test_chain_subtracted_term_after_again() -> None:
    # "再减" subtracts from the stated total: 223830 − 6120 = 217710
    text = CHAIN.format(c="9800", h="233250").replace("；再加上年结转6120万元、调入资金2400万元和动用预算稳定调节基金900万元，收入总计233250",
                                                      "；再减上解上级支出6120万元，收入总计217710")
    assert found(text) == []
    assert ("217710", ("223830", "6120")) in checked(text, "sum")


# 305.21万元 + 517.46元 = 3052100 + 517.46 = 3052617.46元: the breakdown holds with every unit as written
GRANT = "本次发放补助资金3052617.46元（中央财政下达资金305.21万元、县级财政配套{x}元）。"


def test_units_that_make_the_breakdown_hold_are_right() -> None:
    # before: 305.21万元 beside 517.46元 (about 5898 times) was a 金额单位疑误 错误
    text = GRANT.format(x="517.46")
    assert found(text) == []
    assert checked(text, "sum") == [("3052617.46", ("305.21", "517.46"))]


def test_breakdown_that_does_not_hold_is_a_sum_error() -> None:
    # 3052100 + 617.46 = 3052717.46 ≠ 3052617.46
    assert found(GRANT.format(x="617.46")) == [("sum", "错误", "第1行", "3052617.46元", "3052717.46元")]


def test_unit_doubt_on_size_alone_is_a_hint_with_a_rounded_ratio() -> None:
    # 2514000 ÷ 286.40 = 8777.93…: no power of ten, so only likely; the ratio is shown rounded half up
    report = audit_text("培训经费预算为286.40元，实际支出为251.40万元。")
    assert [(f.rule, f.severity, f.stated, f.expected) for f in report.findings] == [("unit", "提示", "286.40元", "286.40万元")]
    assert report.findings[0].explanation == "培训经费预算写作286.40元，与同句实际支出251.40万元相差约8778倍，单位可能为万元。"


def test_same_digits_in_two_units_stay_an_error() -> None:
    report = audit_text("培训经费预算为286.40元，实际支出为286.40万元。")
    assert [(f.rule, f.severity, f.stated, f.expected) for f in report.findings] == [("unit", "错误", "286.40元", "286.40万元")]
    assert report.findings[0].explanation == "培训经费预算写作286.40元，与同句实际支出286.40万元相差约10000倍，单位应为万元。"
