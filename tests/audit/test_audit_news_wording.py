"""News-style and report wording of changes and breakdowns (the second held-out set's prose misses), on short
texts in our own words: a change amount and a change rate stated about the same figure imply its prior value
and are checked against each other, whatever order or wording they come in. Every expectation was computed by
hand."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # no comparison named ("增收A、增长B%"): prior 120.00 − 20.00 = 100.00; 20 ÷ 100 = 20.0 %
        ("全市一般公共预算收入为120.00亿元，增收20.00亿元、增长20.0%。", []),
        ("全市一般公共预算收入为120.00亿元，增收20.00亿元、增长25.0%。", [("yoy", "错误", "25.0%", "20.00%")]),
        # the rate before its amount: prior 66 − 6 = 60; 6 ÷ 60 = 10.00 %
        ("全区税收收入为66.00亿元，较上年同期增长10.00%，增收6.00亿元。", []),
        ("全区税收收入为66.00亿元，较上年同期增长12.00%，增收6.00亿元。", [("yoy", "错误", "12.00%", "10.00%")]),
        # in a bracket after the figure: 5.0 ÷ 50.0 = 10.0 %; 11.1 % is out of reach of the rounding (at most 10.12 %)
        ("一般公共预算收入完成55.0亿元(比上年同期增加5.0亿元，增长10.0%)，增幅居前。", []),
        ("一般公共预算收入完成55.0亿元(比上年同期增加5.0亿元，增长11.1%)，增幅居前。", [("yoy", "错误", "11.1%", "10.00%")]),
        # "增收4,376万" (元 left out, as news often does) is money: 4,376 ÷ (30,161 − 4,376) = 16.97 %
        ("按同口径计算，地方收入为30,161万元，同比增长14.6%，增收4,376万", [("yoy", "错误", "14.6%", "16.97%")]),
        ("按同口径计算，地方收入为30,161万元，同比增长17.0%，增收4,376万", []),
        # a clause naming its own subject ("4月当月") states the change of a figure the text does not give
        ("1-4月全市收入100亿元，4月当月增收5亿元、增长8%。", []),
        # an amount and a rate of two different things are no pair
        ("收入为120亿元，增收20亿元，税收收入增长25%。", []),
        ("收入为120亿元，增长25%，税收收入增收20亿元。", []),
    ],
)
def test_change_amount_and_rate_imply_the_prior(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


def test_a_change_against_the_budget_is_not_a_change_on_last_year() -> None:
    # "和预算比较" names another basis: the budget_change rule's (no budget stated here), not read as year on year
    assert found("公务接待费支出5.21万元，和2021年度预算比较，减少0.1万元，下降0.006%。") == []


@pytest.mark.parametrize("opening", ["综合分析来看，", "按同口径看，", "从总体看，"])
def test_an_analysis_or_restatement_is_no_breakdown(opening: str) -> None:
    # 70 + 31 = 101 is no breakdown of 100 when the sentence opens an analysis or a restatement, not an aspect
    assert found(f"全县收入100万元，同比增长25%。{opening}税收收入70万元，非税收入31万元。") == []


@pytest.mark.parametrize(
    ("non_tax", "expected"),
    [
        # 分部门看 and 分类别看 both break down the 100 of the sentence before the first: 60 + 40 = 100, 70 + 30 = 100
        ("30", []),
        # the second breakdown is bound to the total too (not to the first item of the breakdown before it); a gap of
        # 2 is beyond the rounding of three whole-万元 figures (a gap of 1 would be only a 提示: 71 + 30 vs 100)
        ("32", [("sum", "错误", "100万元", "102.00万元")]),
        ("31", [("sum", "提示", "100万元", "101.00万元")]),
    ],
)
def test_two_breakdowns_of_one_total(non_tax: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = f"全县收入实现100万元，同比增长25%。分部门看：甲部门征收60万元；乙部门征收40万元。分类别看，税收收入70万元；非税收入{non_tax}万元。"
    assert found(text) == expected


def test_glued_table_cells_are_no_prose() -> None:
    # 20 ÷ 100 = 20 %: a slip in prose ...
    assert found("全市收入为120万元，比上年增加20万元，增长25%。") == [("yoy", "错误", "25%", "20.00%")]
    # ... but a piece whose percentages run into the next figure twice is glued table cells: left to the table readers
    assert found("全市收入为120万元，比上年增加20万元，增长25%，执行率100%100%56得分，达标率90%90%5。") == []


def test_a_part_of_a_list_is_not_the_whole_of_a_later_breakdown() -> None:
    # 税收 70 + 非税 30 = 100 (the total); the 其中 part 市本级…40 is not the whole they make up (no 提示 on it)
    text = ("全市一般公共预算收入为100万元，完成年度预算的50%；其中市本级一般公共预算收入为40万元。\n"
            "税收收入完成70万元，非税收入完成30万元。")
    assert found(text) == []


# --- one rule of head binding (clauses._read_list) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # items that state the other role (决算) break down the clause's 决算 40, not its 预算 50: 10 + 30 = 40
        ("经费预算为50.00万元，决算为40.00万元，其中：出国费决算10.00万元，接待费决算30.00万元。", []),
        # ... 10 + 25 = 35 falls short of 40: a 其中 need not list everything, so a 提示
        ("经费预算为50.00万元，决算为40.00万元，其中：出国费决算10.00万元，接待费决算25.00万元。",
         [("sum", "提示", "40.00万元", "35.00万元")]),
        # mostly bare items, one stating both roles: the head they add up to (决算 0 + 26 + 4 = 30) is theirs
        ("“三公”经费预算数40.00万元，决算数30.00万元，完成预算的75.00%。其中：出国费0.00万元；"
         "车辆费预算数35.00万元，决算数26.00万元；接待费4.00万元。", []),
        # ... adding up to neither (0 + 35 + 6 = 41, 0 + 26 + 6 = 32): the clause head (预算 40) keeps them
        ("“三公”经费预算数40.00万元，决算数30.00万元，完成预算的75.00%。其中：出国费0.00万元；"
         "车辆费预算数35.00万元，决算数26.00万元；接待费6.00万元。", [("sum", "错误", "40.00万元", "41.00万元")]),
        # 年初结转结余 is a source of funds, not a budget: the bracket breaks down the 决算 it follows (120 + 0)
        ("收入预算为100.00万元，收入决算120.00万元（其中：财政拨款120.00万元，年初结转结余0.00万元）。", []),
        ("收入预算为100.00万元，收入决算120.00万元（其中：财政拨款110.00万元，年初结转结余0.00万元）。",
         [("sum", "提示", "120.00万元", "110.00万元")]),
        # one item with a figure (the rest are names): its role (支出) takes the 决算 83 of the clause, not the 预算 89
        ("本办工作经费批复预算收入89万元，决算收入83万元，其中该项经费总支出93万元，用于办公费、差旅费。",
         [("part_le_whole", "提示", "93万元", "≤83万元")]),
    ],
)
def test_head_binding(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a count with its noun before a bracket opened by 含: 41 + 59 = 100 ("下同" closes the bracket, no item)
        ("全省100个县区(含41个县和县级市、59个区，下同)的收入完成503.7亿元。", []),
        # 41 + 58 = 99: "含" need not list everything, so a 提示 that says so
        ("全省100个县区(含41个县和县级市、58个区，下同)的收入完成503.7亿元。", [("sum", "提示", "100个", "99个")]),
        ("本单位编制人数12人（含行政编制3人、事业编制8人）。", [("sum", "提示", "12人", "11人")]),
        # a bracket of parts without 含 is the whole breakdown: 3 + 8 = 11 is an 错误
        ("本单位共有下属单位12个（行政单位3个、事业单位8个）。", [("sum", "错误", "12个", "11个")]),
        # 不含 names what is outside the count: nothing to add up
        ("本单位编制人数12人（不含借调人员3人、临聘人员8人）。", []),
    ],
)
def test_count_broken_down_in_a_bracket(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        # "另外两项……分别为A和B" goes on with the list: 0.98 + 0.34 + 4.23 = 5.55; "较2014年的5.98亿元" is last
        # year's figure, so no item sum is asked of it
        ("4.23", []),
        ("4.32", [("sum", "错误", "5.55亿元", "5.64亿元")]),
    ],
)
def test_the_other_items_go_on_with_the_list(other: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = (f"本级“三公”经费预算共5.55亿元，较2014年的5.98亿元减少0.43亿元，下降7%。分项看，接待费用0.98亿元，"
            f"减少0.43亿元，下降30.5%；另外两项为出国经费和车辆经费，分别为0.34亿元和{other}亿元，与去年相同。")
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 一季度: a quarter of the year gone, 25 %: 31.7 − 25 = 6.7 points ahead
        ("一季度全市的一般公共预算总收入为312.74亿元，完成年度预算的31.7%、超序时进度6.7个百分点。", []),
        ("一季度全市的一般公共预算总收入为312.74亿元，完成年度预算的31.7%、超序时进度7.7个百分点。",
         [("schedule", "提示", "超序时进度7.7个百分点", "超序时进度6.7个百分点")]),
        # 上半年 50 %: 53.5 − 50 = 3.5 (the period named earlier in the paragraph)
        ("上半年全市收入为38.3亿元；收入完成年初预算的53.5%，超序时进度3.5个百分点。", []),
        # 1—4月: 4 ÷ 12 = 33.33 %; 30.0 − 33.33 = −3.3 points, i.e. 3.3 below
        ("1-4月，全县支出完成年度预算的30.0%，低于序时进度3.3个百分点。", []),
        ("1-4月，全县支出完成年度预算的30.0%，低于序时进度4.3个百分点。",
         [("schedule", "提示", "低于序时进度4.3个百分点", "低于序时进度3.3个百分点")]),
        # no period named: the share of the year gone is unknown, nothing is judged
        ("收入完成年度预算的31.7%、超序时进度7.7个百分点。", []),
    ],
)
def test_progress_against_the_share_of_the_year_gone(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        # the share names its part (税收收入), stated before the change amount that stands just before the share:
        # 66342 ÷ 100223 = 66.19 %
        ("66.19%", []),
        ("60.19%", [("share", "错误", "60.19%", "66.19%")]),
    ],
)
def test_share_naming_its_part_after_a_change(share: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = ("全市地方财政收入为100223万元，较上年同期增长2.61%，增收2546万元。其中：税收收入为66342万元，"
            f"较上年同期增长18.39%，增收10304万元，税收收入占地方财政收入{share}。")
    assert found(text) == expected


def test_a_share_naming_a_part_is_not_of_its_negation() -> None:
    # 税收收入 is not 非税收入: the share's part is not stated, nothing is judged
    assert found("全市收入为1000万元，其中：非税收入为300万元，增收10万元，税收收入占全市收入70%。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the other rate in a bracket after its name, the own one in the bracket after the amount: 20.6 − 17.9 = 2.7
        # (the own rate itself, 85.8 ÷ 417.9 = 20.53 %, is out of reach of the rounding only on a 同口径 base: 提示)
        ("收入完成503.7亿元(比上年同期增加85.8亿元，增长20.6%)，增幅比全省平均水平(17.9%)高2.7个百分点。",
         [("yoy", "提示", "20.6%", "20.53%")]),
        ("收入完成503.7亿元(比上年同期增加85.8亿元，增长20.5%)，增幅比全省平均水平(17.9%)高3.7个百分点。",
         [("points", "错误", "3.7个百分点", "高2.6个百分点")]),
        # 20.5 above 17.9 is no gap below
        ("收入完成503.7亿元，增长20.5%，比全省平均水平(17.9%)低2.6个百分点。", [("points", "错误", "2.6个百分点", "高2.6个百分点")]),
    ],
)
def test_gap_to_a_rate_stated_in_a_bracket(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # four names, four rates after 分别: paired one to one
        ("按区县看，甲区、乙区、丙县、丁县分别增长71.7%、51%、48.4%、41.9%，增幅居全市前列。", []),
        ("按区县看，甲区、乙区、丙县、丁县分别增长71.7%、51%、48.4%，增幅居全市前列。",
         [("count", "提示", "4项、3个数", "4个数")]),
        # "另外两项即A、B，分别为a和b": the names stand in the clause before 分别; 两项 counts them
        ("另外两项即出国经费、车辆购置及运行维护费，分别为0.34亿元和4.32亿元，与去年相同。", []),
        ("另外三项即出国经费、车辆购置及运行维护费，分别为0.34亿元和4.32亿元，与去年相同。",
         [("count", "提示", "三项、2个数", "2项")]),
        # one name before 分别 ("三项经费") lists nothing to pair with
        ("三项经费分别为1万元、2万元、3万元。", []),
        # a run that goes on in figures of units not read (105 所) is not cut short: nothing is judged
        ("友好城区、友好港口、姊妹学校、友好图书馆和大学联盟成员数量分别增至 46 个、54 个、105 所、30 家和 12 所。", []),
    ],
)
def test_respective_names_and_figures_pair(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the change follows the one 其中 item it is about: 8 ÷ (80 − 8) = 11.1 % (of the total 100 it would be 8.70 %)
        ("全市财政收入为100亿元，其中税收收入80亿元，增收8亿元、增长11.1%。", []),
        ("全市财政收入为100亿元，其中税收收入80亿元，比上年增收8亿元、增长8.7%。", [("yoy", "错误", "8.7%", "11.11%")]),
        # after a 其中 of two items the change is the total's: 8 ÷ (100 − 8) = 8.70 % (not 8 ÷ 12, the last item's)
        ("全市财政收入为100亿元，其中税收收入80亿元、非税收入20亿元，增收8亿元、增长8.7%。", []),
        # 增支 speaks of the spending: 9 ÷ (90 − 9) = 11.1 %
        ("全市财政收入为100亿元，支出90亿元，增支9亿元、增长11.1%。", []),
        ("全市财政收入为100亿元，支出90亿元，增支9亿元、增长9.9%。", [("yoy", "错误", "9.9%", "11.11%")]),
    ],
)
def test_change_of_the_figure_it_follows(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ranking's first N against the names after it (to the end of their clause)
        ("支出排在前“五强”的是甲局、乙厅、丙局、丁厅、戊局，五者合计约2.69亿元。", []),
        ("支出排在前“五强”的是甲局、乙厅、丙局、丁厅，四者合计约2.69亿元。", [("count", "提示", "五强", "列出4强")]),
        ("排名前三的是甲县、乙县。", [("count", "提示", "三个", "列出2个")]),
        # 和 may join two names or sit inside one: a reading with three names is enough
        ("排名前三的是甲县、乙县、丙县和丁县。", []),
    ],
)
def test_first_n_of_a_ranking(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    ("change", "rate", "expected"),
    [
        # "均与去年持平" closes the pair 分别为A和B: both unchanged, so the whole fall (0.43) is the 接待 fall
        ("0.43", "30.5", []),
        # 0.33 ÷ (0.98 + 0.33) = 25.19 %, but the whole fell by 0.43 while the two others stayed level
        ("0.33", "25.2", [("sum", "错误", "0.43亿元", "0.33亿元")]),
    ],
)
def test_items_all_unchanged(change: str, rate: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = (f"本级“三公”经费预算共5.55亿元，较2014年的5.98亿元减少0.43亿元，下降7%。分项看，接待费用0.98亿元，"
            f"减少{change}亿元，下降{rate}%；另外两项为出国经费和车辆经费，分别为0.34亿元和4.23亿元，均与去年持平。")
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the change is of what its clause names: 税收收入 is stated nowhere, so nothing is judged (of the head 100 the
        # rate would be 5.26 %)
        ("全市收入100亿元，税收收入比上年增加5亿元，增长8%。", []),
        ("全市收入100亿元，4月当月较上年同期增长8%，增收5亿元。", []),
        # ... and of the figure stated under that name when there is one: 5 ÷ (60 − 5) = 9.09 %
        ("全市收入100亿元，税收收入60亿元，税收收入比上年增加5亿元，增长9.1%。", []),
        ("全市收入100亿元，税收收入60亿元，税收收入比上年增加5亿元，增长5.3%。", [("yoy", "错误", "5.3%", "9.09%")]),
        # the head's own name in the clause keeps the head: 5 ÷ 95 = 5.26 %
        ("全市收入100亿元，收入比上年增加5亿元，增长5.3%。", []),
    ],
)
def test_change_of_what_its_clause_names(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected
