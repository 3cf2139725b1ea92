"""General causes of the held-out set's first-run errors (tests/audit/heldout/README.md), each on short texts
in our own words modelled on the layout that showed it: the consistent case is silent, the inconsistent
case is found with its message, the ambiguous case is a 提示 that names its assumption. Every expectation was
computed by hand."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


def explanations(text: str) -> list[str]:
    return [f.explanation for f in audit_text(text).findings]


# --- 1. a 其中 list after a statement with a budget and a spending figure ------------------------------------

BUDGET_THEN_SPENDING = "经费预算为44.52万元，实际支出决算为22.62万元。其中公务接待费为20.10万元，占{a}；公务用车运行维护费为{b}万元，占{c}。"


@pytest.mark.parametrize(
    ("a", "b", "c", "expected"),
    [
        # 20.10 + 2.52 = 22.62 exactly, the spending: the list is its breakdown, the shares are of it
        # (20.10 ÷ 22.62 = 88.86 %, 2.52 ÷ 22.62 = 11.14 %); before, both were judged over the budget 44.52
        ("88.86%", "2.52", "11.14%", []),
        # ... a wrong share of that list is an 错误 (it is no share of the budget either: 45.15 %)
        ("80.86%", "2.52", "11.14%", [("share", "错误", "80.86%", "88.86%")]),
        # ... shares of the budget are not contradicted by the spending (20.10 ÷ 44.52 = 45.15 %, 2.52 ÷ 44.52 = 5.66 %)
        ("45.15%", "2.52", "5.66%", []),
        # 20.10 + 3.52 = 23.62 adds up to neither head: the nearer one (the spending) is assumed, and said
        ("88.86%", "3.52", "11.14%", [("share", "提示", "11.14%", "15.56%"), ("sum", "提示", "22.62万元", "23.62万元")]),
    ],
)
def test_list_after_budget_and_spending(a: str, b: str, c: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(BUDGET_THEN_SPENDING.format(a=a, b=b, c=c)) == expected


def test_assumed_head_is_named() -> None:
    text = BUDGET_THEN_SPENDING.format(a="88.86%", b="3.52", c="11.14%")
    for explanation in explanations(text):
        assert "所列各项按实际支出决算22.62万元的分项计；前文另有经费预算44.52万元" in explanation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list adds up to the budget, stated first: it is the budget's breakdown (silent)
        ("经费预算为22.62万元，实际支出决算为12.62万元。其中接待费为20.10万元，车辆费为2.52万元。", []),
        # the items say they are spending: the spending is their total, an 错误 when they do not make it up
        ("经费预算为44.52万元，实际支出决算为22.62万元。其中接待费支出20.10万元，车辆费支出3.52万元。",
         [("sum", "错误", "22.62万元", "23.62万元")]),
        # one head only: a list that does not add up is an 错误, as before
        ("经费实际支出决算为22.62万元，其中接待费为20.10万元，车辆费为3.52万元。", [("sum", "错误", "22.62万元", "23.62万元")]),
    ],
)
def test_list_binding(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


# --- 2a. an empty 决算 cell is not the 预算 cell ----------------------------------------------------------------

# a "|"-per-cell 三公 table (one cell a line), its 出国 row with an empty 决算 cell
PIPE_TABLE = ("“三公”经费支出决算表\n单位:万元\n项 目 |\n预 算 数 |\n决 算 数 |\n合 计 |\n49.9 |\n7.69 |\n"
              "因公出国(境)费 |\n20 |\n|\n公务接待费 |\n14.9 |\n5.21 |\n公务用车购置及运行维护费 |\n15 |\n2.48 |\n")


def table_text_relations(text: str) -> list[str]:
    return [str(r.stated) for r in audit_text(text).relations if r.rule == "table_text"]


def test_empty_spending_cell_is_not_read_as_the_budget() -> None:
    spent = PIPE_TABLE + "说明\n本年因公出国(境)费支出决算0万元，公务接待费支出决算5.21万元。\n"
    # before, 出国 0 was compared with the 预算 cell 20 (a false 提示); now only 接待费 is compared (5.21 = 5.21)
    assert found(spent) == []
    assert table_text_relations(spent) == ["5.21"]
    # the sentence that names the budget still goes to the 预算 cell
    planned = PIPE_TABLE + "说明\n本年因公出国(境)费预算25万元。\n"
    assert [x for x in found(planned) if x[0] == "table_text"] == [("table_text", "提示", "25万元", "20万元")]


# --- 2b. a count of a population is no list's length ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "县(市、区)" glosses the noun, and 全省 counts every county: no list of 100 (before: "100个 → 列出2个")
        ("在全省100个县(市、区)财政收入排名中，全市有5个县区进入前十。", []),
        # a count opening a clause that states a figure of its own does not close the list before it
        ("评价组对资金管理、项目执行进行了评价，17个地市平均得分93.61分。", []),
        # ... a count closing the clause still does: 3 named, 4 said (a 提示)
        ("局机关设有办公室、财务科、法规科，共4个科室。", [("count", "提示", "4个", "列出3个")]),
        ("局机关设有办公室、财务科、法规科，共3个科室。", []),
        # a bracket that names the counted units is still read: 3 named, 4 said
        ("其中4个行政部门（人大、政府和党委）。", [("count", "提示", "4个", "列出3个")]),
    ],
)
def test_population_counts(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


# --- 3a. a list after "即" whose last name holds 和 ----------------------------------------------------------------

NAMES = "即贵州省外事办公室、贵州省商务厅、贵州省农业委员会、贵州省教育厅、贵州省文化厅、贵州省经济和信息化委员会。"


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        ("6", []),
        # the names share "贵州省": 和 inside the last one does not make two (before, that reading made 7 silently)
        ("7", [("count", "提示", "7个", "列出6个")]),
    ],
)
def test_count_against_names_after_ji(count: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(f"出国(境)费用超过百万元的部门有{count}个，{NAMES}") == expected


def test_and_still_splits_names_of_one_shape() -> None:
    # 和 between two names that both open like the others: four items
    assert found("下设4个中心，即市数据中心、市信息中心、市档案中心和市培训中心。") == []


# --- 3b. shares worded "在X中的比重为Z%" and "占X的比重为Z%" with X stated a paragraph before --------------------------

INCOME = "2024年，全市一般公共预算收入共284.1亿元，比上年减收5.9亿元。其中：税收收入162.2亿元，在一般公共预算收入中的比重为{a}。\n"
CENTRE = "中心城区实现一般公共预算收入78.9亿元，同比增长17.9%，占全市一般公共预算收入的比重为{b}。\n"


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        # 162.2 ÷ 284.1 = 57.09 %, 78.9 ÷ 284.1 = 27.77 %
        ("57.1%", "27.8%", []),
        ("51.7%", "27.8%", [("share", "错误", "51.7%", "57.09%")]),
        ("57.1%", "28.7%", [("share", "错误", "28.7%", "27.77%")]),
    ],
)
def test_share_worded_as_bizhong(a: str, b: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(INCOME.format(a=a) + CENTRE.format(b=b)) == expected


def test_share_whole_in_an_earlier_paragraph_needs_its_full_name() -> None:
    # "一般公共预算收入" alone is not the earlier "全市一般公共预算收入" (the 县 figures carry that name too): not judged
    text = INCOME.format(a="57.1%") + "中心城区实现收入78.9亿元，占一般公共预算收入的比重为28.7%。\n"
    assert found(text) == []


# --- 3c. a change stated against the budget, the budget in the sentence or in a table ------------------------------

HOSPITALITY = "公务接待费支出5.21万元，和2021年度预算比较，减少{a}万元，下降{r}%。\n"


@pytest.mark.parametrize(
    ("a", "r", "expected"),
    [
        # 14.9 − 5.21 = 9.69; 9.69 ÷ 14.9 = 65.03 %
        ("9.69", "65.03", []),
        # the row's 决算 cell (5.21) is the sentence's amount: the table budget is certainly the one meant (错误)
        ("0.1", "0.006", [("budget_change", "错误", "0.1万元", "减少9.69万元"),
                          ("budget_change", "错误", "0.006%", "下降65.034%")]),
    ],
)
def test_change_against_the_budget_in_a_table(a: str, r: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(PIPE_TABLE + "说明\n" + HOSPITALITY.format(a=a, r=r)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # (the table's 决算 cell made 15 for this case)
        ("公务用车购置及运行维护费支出15.00万元，和2021年度预算比较无变化。\n", []),
        # 2.48 against 15 (the row's 决算 cell 2.48 confirms the row): not 无变化
        ("公务用车购置及运行维护费支出2.48万元，和2021年度预算比较无变化。\n",
         [("budget_change", "错误", "无变化", "减少12.52万元")]),
        # the row's 决算 cell is empty: that the table's 20 is the budget meant is an assumption (提示)
        ("因公出国(境)费支出0万元，和2021年度预算比较无增减。\n", [("budget_change", "提示", "无增减", "减少20.00万元")]),
    ],
)
def test_no_change_in_words_against_the_budget(sentence: str, expected: list[tuple[str, str, str, str]]) -> None:
    table = PIPE_TABLE.replace("2.48 |", "15 |").replace("7.69 |", "20.21 |") if "15.00万元" in sentence else PIPE_TABLE
    assert found(table + "说明\n" + sentence) == expected


def test_assumed_table_budget_is_named() -> None:
    [explanation] = explanations(PIPE_TABLE + "说明\n因公出国(境)费支出0万元，和2021年度预算比较无增减。\n")
    assert explanation.endswith("按两数相减应减少20.00万元（假定表1“因公出国(境)费”的预算数即所比较的预算）。")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the budget in the same clause: 20 − 15 = 5, 5 ÷ 20 = 25 %
        ("会议费预算20万元，实际支出15万元，比预算减少5万元，下降25%。", []),
        ("会议费预算20万元，实际支出15万元，比预算减少5万元，下降20%。", [("budget_change", "错误", "20%", "下降25.00%")]),
        ("会议费预算20万元，实际支出15万元，与预算相比持平。", [("budget_change", "错误", "持平", "减少5.00万元")]),
        # no budget in the sentence and no table: nothing to compare with
        ("会议费实际支出15万元，比预算减少5万元，下降25%。", []),
    ],
)
def test_change_against_the_budget_in_the_sentence(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


# --- 3d. changes worded "同口径比2018年减少A万元，下降B%" -----------------------------------------------------------

BUDGET_2019 = "安排“三公”经费预算为3328万元。其中，出国(境)费50万元，接待费478万元，公务用车购置及运行费2800万元。"


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # 2018 = 3328 + 830 = 4158, 830 ÷ 4158 = 19.96 %; 接待费 38 ÷ (478 + 38) = 7.36 % (the rate's own clause
        # says the comparison again); 出国 9 ÷ 59 = 15.25 %
        ("同口径比2018年减少830万元，下降20%。接待费同口径比2018年减少38万元，同口径比2018年下降7.4 %。"
         "出国(境)费同口径比2018年减少9万元，下降15.3%。", []),
        # the change sentence after the 其中 sentence is about the total (3328), not about 出国 50
        ("同口径比2018年减少830万元，下降25%。", [("yoy", "错误", "25%", "19.96%")]),
        ("接待费同口径比2018年减少38万元，同口径比2018年下降8.4 %。", [("yoy", "错误", "8.4%", "7.36%")]),
        ("出国(境)费同口径比2018年减少9万元，下降18%。", [("yoy", "错误", "18%", "15.25%")]),
    ],
)
def test_changes_against_a_named_year_on_the_same_basis(changes: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(BUDGET_2019 + changes) == expected


# --- 3e. a budget compared with last year's budget, after the year's spending in the same sentence ---------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # 451.62 − 287.17 = 164.45 (the budget against the budget; before, the spending 394.85 was paired with it)
        ("164.45", []),
        ("164.54", [("yoy", "错误", "164.54万元", "增加164.45万元")]),
    ],
)
def test_budget_compared_with_last_years_budget(change: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = (f"2015年系统“三公”经费支出394.85万元，主要是2015年“三公经费”部门预算为451.62万元，"
            f"比2014年部门预算287.17万元增加{change}万元。")
    assert found(text) == expected


# --- 3f. a share cut off instead of rounded, in shares that do not make 100 ---------------------------------------

SHARES = "支出决算中，因公出国费支出0万元，占0%；公务接待费支出5.21万元，占67.75%；公务用车费支出2.48万元，占{c}。"


@pytest.mark.parametrize(
    ("c", "expected"),
    [
        # 2.48 ÷ 7.69 = 32.2497 %: 32.25 % half up (the shares then make 100)
        ("32.25%", []),
        # 32.24 % is the share cut off (the shares make 99.99): a 提示 on the house rounding (before: silent)
        ("32.24%", [("share", "提示", "32.24%", "32.25%")]),
        # more than one unit off: an 错误, as before
        ("32.14%", [("share", "错误", "32.14%", "32.25%")]),
    ],
)
def test_truncated_share(c: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found("“三公”经费支出决算7.69万元。\n" + SHARES.format(c=c)) == expected


def test_truncated_share_names_the_rounding() -> None:
    [explanation] = explanations("“三公”经费支出决算7.69万元。\n" + SHARES.format(c="32.24%"))
    assert explanation == ("按2.48万元÷7.69万元计算为32.2497%，四舍五入应为32.25%，所述32.24%为截尾取数"
                           "（所列各项占比合计99.99%，不是100%），请核实取舍规则。")


def test_share_adjusted_to_make_100_is_not_reported() -> None:
    # 33.10 ÷ 166.03 = 19.936 %, written 19.93 % so that the two shares make 100 (80.07 + 19.93)
    assert found("基本支出共166.03万元，其中：人员经费为132.94万元，占基本支出的80.07%；"
                 "公用经费为33.10万元，占基本支出的19.93%。") == []


# --- a gap between two growth rates in percentage points; a share after such a gap ---------------------------------

SPENDING = "全市地方一般公共预算支出207.5亿元，同比增长17.3%，比全省平均水平高4.8个百分点。"
LIVELIHOOD = "民生类支出173.9亿元，同比增长{a}%，比地方一般公共预算支出增幅高{d}个百分点；占地方一般公共预算支出的{s}%。"


@pytest.mark.parametrize(
    ("a", "d", "s", "expected"),
    [
        # 25 − 17.3 = 7.7; 173.9 ÷ 207.5 = 83.81 % (before, neither was checked); the gap from the unstated
        # 全省 average is not judged
        ("25", "7.7", "83.8", []),
        # 25 is 24.5…25.5: a gap of 7.5 is within the rates' rounding
        ("25", "7.5", "83.8", []),
        ("25.0", "8.7", "83.8", [("points", "错误", "8.7个百分点", "高7.7个百分点")]),
        ("25", "7.7", "88.3", [("share", "错误", "88.3%", "83.81%")]),
    ],
)
def test_gap_in_points_and_share_after_it(a: str, d: str, s: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(SPENDING + LIVELIHOOD.format(a=a, d=d, s=s)) == expected


def test_gap_below_the_named_rate() -> None:
    # 12 − 17.3 = −5.3: "低5.3个百分点"; "高5.3" says the opposite
    text = SPENDING + "教育支出30亿元，同比增长12.0%，比地方一般公共预算支出增幅{w}5.3个百分点。"
    assert found(text.format(w="低")) == []
    assert found(text.format(w="高")) == [("points", "错误", "5.3个百分点", "低5.3个百分点")]


@pytest.mark.parametrize(
    ("vs", "change", "expected"),
    [
        # the comparison names 年初: 20 − 15 = 5
        ("年初预算", "5", []),
        ("年初预算", "10", [("budget_change", "错误", "10万元", "减少5.00万元")]),
        # "预算" alone with a 年初 and an adjusted budget: either may be meant (25 − 15 = 10, 20 − 15 = 5)
        ("预算", "10", []),
        ("预算", "5", []),
        ("预算", "7", [("budget_change", "提示", "7万元", "减少5.00万元")]),
    ],
)
def test_change_against_one_of_two_budgets(vs: str, change: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(f"会议费年初预算20万元，调整预算25万元，实际支出15万元，比{vs}减少{change}万元。") == expected


def test_share_message_keeps_fund_names_whole() -> None:
    # before: "中心城区实现一般公占全市……" (the name cut at the 共 of 公共)
    [explanation] = explanations(INCOME.format(a="57.1%") + CENTRE.format(b="28.7%"))
    assert explanation == "报告称中心城区实现一般公共预算收入占全市一般公共预算收入的比例为28.7%，但按78.9亿元÷284.1亿元计算应为27.77%。"


# --- a breakdown by 级次 opening the next paragraph -------------------------------------------------------------------

LEVELS = "按级次划分，市级一般公共预算收入{a}亿元，同比增长7%；县（市、区）一般公共预算收入234.6亿元，同比下降3.7%。"


@pytest.mark.parametrize(
    ("a", "expected"),
    [
        # 49.5 + 234.6 = 284.1, the total of the paragraph before; the 中心城区 sentence after it (which overlaps both
        # levels) is no part of the breakdown
        ("49.5", []),
        ("59.5", [("sum", "错误", "284.1亿元", "294.10亿元")]),
    ],
)
def test_breakdown_by_level(a: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = INCOME.format(a="57.1%") + LEVELS.format(a=a) + "中心城区实现一般公共预算收入78.9亿元，同比增长17.9%。\n"
    assert found(text) == expected
