"""Prose causes of session 11 (issue 10), each on a short text in our own words in the layout met in the held-out
sets. Every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit.paragraphs import budget_gap, role
from tests.audit.audit_helpers import checked, found

# A provincial bureau's 中央转移支付 report (held-out-9 西藏 文物局; the genre of six held-out-9, six held-out-7 and nine
# held-out-8 documents): the funds allotted are named "转移支付资金", and 支付 inside that name once made the total read as
# money spent — its 其中 parts (allotted, 下达) were then of another role and no list was read.
ALLOTTED = "2023年，省财政厅分两批下达全省非遗保护中央转移支付资金共8650万元，其中下达市州5120万元；省直单位{p}万元。"


def test_a_transfer_fund_named_is_no_spending() -> None:
    assert role("下达中央转移支付资金共") == "plan"
    assert role("下达中央转移支付专项资金共") == "plan"
    # spending out of such funds is still spending; "转移支付" naming no funds is left as it was
    assert role("中央转移支付资金支出") == "actual"
    assert role("上级转移支付") == "actual"


def test_the_parts_of_allotted_transfer_funds_are_summed() -> None:
    # 5120 + 3530 = 8650
    assert checked(ALLOTTED.format(p="3530.00"), "sum") == [("8650", ("3530.00", "5120"))]
    assert found(ALLOTTED.format(p="3530.00")) == []
    # 5120 + 3710 = 8830, more than the 8650 allotted
    assert found(ALLOTTED.format(p="3710.00")) == [("sum", "错误", "第1行", "8650万元", "8830.00万元")]


# A county's revenue against its budget (held-out-8 甘谷 决算; the layout of 预算执行 and 决算 reports): each item states
# its amount, the budget with the share of it reached, then the gap as 超收 / 短收. The gap was read as a third part
# of the 其中 list ("52480 = 30260 + 460") and never checked.
REVENUE = ("全县一般公共预算收入23850万元，为预算23500万元的101.5%，超收350万元。其中：税收收入18620万元，"
           "为预算17900万元的104.0%，超收{o}万元；非税收入5230万元，为预算5600万元的93.4%，短收{u}万元。")


def test_gap_words() -> None:
    assert budget_gap("超收") == "+"
    assert budget_gap("支出超支") == "+"
    assert budget_gap("短收了") == "-"
    assert budget_gap("节支") == "-"
    assert budget_gap("增收") is None  # a change on last year, the yoy rule's
    assert budget_gap("超收部分用于") is None


def test_a_gap_to_the_budget_is_the_amount_less_the_budget() -> None:
    # 23850 − 23500 = 350; 18620 − 17900 = 720; 5600 − 5230 = 370
    good = REVENUE.format(o="720", u="370")
    assert checked(good, "budget_change") == [
        ("350", ("23500", "23850")), ("370", ("5230", "5600")), ("720", ("17900", "18620"))]
    assert found(good) == []
    # the gaps are no parts: the 其中 list is the two revenues (18620 + 5230 = 23850)
    assert checked(good, "sum") == [("23850", ("18620", "5230"))]
    assert found(REVENUE.format(o="270", u="730")) == [
        ("budget_change", "错误", "第1行", "270万元", "720.00万元"),
        ("budget_change", "错误", "第1行", "730万元", "370.00万元")]


def test_a_gap_the_wrong_way_is_reported() -> None:
    # 5230 is below its budget 5600: no 超收 of 370
    text = "非税收入5230万元，为预算5600万元的93.4%，超收370万元。"
    assert found(text, "budget_change") == [("budget_change", "错误", "第1行", "370万元", "低于预算370.00万元")]


def test_no_gap_is_judged_without_one_amount_and_one_budget_before_it() -> None:
    # two budgets before the gap: which one it is of is not said
    assert checked("收入5230万元，年初预算5000万元，调整预算5600万元，短收370万元。", "budget_change") == []
    # no budget in the clause group
    assert checked("非税收入5230万元，同比增长3%；超收370万元。", "budget_change") == []


# Two of several revenues listed under a 大口径 total (held-out-8 甘谷): the items fall short of the total, and so do
# the budgets they state beside them — both a 提示, the 其中 naming only some of the parts.
SOME = ("全市大口径财政收入完成52480万元，为预算50100万元的104.8%。其中：一般公共预算收入30260万元，为预算29800万元的"
        "101.5%，超收460万元；政府性基金收入12150万元，为预算10000万元的121.5%，超收2150万元。")


def test_the_budgets_beside_a_short_list_may_fall_short_too() -> None:
    # 30260 + 12150 = 42410 < 52480; 29800 + 10000 = 39800 < 50100
    assert found(SOME) == [("sum", "提示", "第1行", "52480万元", "42410.00万元"),
                           ("sum", "提示", "第1行", "50100万元", "39800.00万元")]
    assert checked(SOME, "budget_change") == [("2150", ("10000", "12150")), ("460", ("29800", "30260"))]


def test_the_budgets_beside_a_complete_list_must_add_up() -> None:
    # the revenues make up the total (30260 + 12150 = 42410): their budgets must make up its budget, 29800 + 10500 =
    # 40300, not 39800
    text = ("全市财政收入合计42410万元，为预算39800万元的106.6%。其中：一般公共预算收入30260万元，为预算29800万元的101.5%，"
            "超收460万元；政府性基金收入12150万元，为预算10500万元的115.7%，超收1650万元。")
    assert found(text) == [("sum", "错误", "第1行", "39800万元", "40300.00万元")]


# A lottery fund's use (held-out-8 广水 体彩公益金): the whole is stated first, then each use under a heading of its own
# with its share "占总数的" and a 其中 list below it; no paragraph of a share states the whole.
LOTTERY = ("一、福利彩票公益金分配情况\n2023年本级福利彩票公益金总收入360万元，总支出360万元。\n二、本级福利彩票公益金使用情况\n"
           "（一）用于养老服务支出252万元，占总数的{a}%。其中：\n1.用于敬老院设施改造180万元；\n2.用于居家养老服务72万元。\n"
           "（二）用于残疾人康复108万元，占总数的{b}%。\n特此公告。")


def test_shares_of_a_generic_whole_in_sibling_paragraphs() -> None:
    # 252 + 108 = 360, the 总支出 stated before: 252 ÷ 360 = 70 %, 108 ÷ 360 = 30 %
    good = LOTTERY.format(a="70", b="30")
    assert checked(good, "share") == [("30", ("108", "360")), ("70", ("252", "360"))]
    assert found(good) == []
    # one share wrong, the other confirms the whole: an 错误
    assert found(LOTTERY.format(a="75", b="30")) == [("share", "错误", "第4行", "75%", "70.00%")]
    # both wrong: the whole is only inferred, so each is a 提示
    assert found(LOTTERY.format(a="75", b="35")) == [("share", "提示", "第4行", "75%", "70.00%"),
                                                    ("share", "提示", "第7行", "35%", "30.00%")]


def test_no_generic_whole_is_inferred_when_no_earlier_amount_is_the_sum() -> None:
    # 252 + 100 = 352 is stated nowhere: the shares are not judged
    text = LOTTERY.format(a="70", b="30").replace("108万元", "100万元")
    assert checked(text, "share") == []
    assert found(text) == []


# A housing-repair subsidy's report (held-out-8 宣州 危房改造): the planned number of households is stated under the
# goals, the number done and its completion rate paragraphs later.
HOUSING = ("一、绩效目标\n2023年计划改造农村危房80户，保障困难群众住房安全。\n二、完成情况\n"
           "截至2023年12月31日，全县完成农村危房改造{n}户，完工率{r}%。")


def test_a_completion_rate_over_a_plan_stated_earlier() -> None:
    # 76 ÷ 80 = 95 %
    assert checked(HOUSING.format(n="76", r="95"), "rate") == [("95", ("76", "80"))]
    assert found(HOUSING.format(n="76", r="95")) == []
    # 76 ÷ 80 is not 97 %: a 提示 (which plan is meant is an assumption)
    assert found(HOUSING.format(n="76", r="97")) == [("rate", "提示", "第4行", "97%", "95.00%")]


def test_no_completion_rate_is_judged_against_two_different_plans() -> None:
    text = HOUSING.format(n="76", r="97").replace("保障困难群众", "目标任务90户，保障困难群众")
    assert checked(text, "rate") == []
    # an amount in the sentence: the rate may be of it
    assert checked(HOUSING.format(n="76", r="97").replace("完成农村", "投入资金38万元，完成农村"), "rate") == []
