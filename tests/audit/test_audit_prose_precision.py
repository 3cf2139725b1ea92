"""Prose reading assumptions found on the held-out-4 development set (tests/audit/heldout4), each on a short text
in our own words modelled on the general layout that showed it (never the held-out file): the consistent case
is silent, the inconsistent case is found, the ambiguous case is a 提示 naming its assumption. Every expectation
was computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.audit import audit_text


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


# --- 1. a part written with fewer decimals than the rest of its list -------------------------------------------
# A 决算公开说明 (metadata cells, then one paragraph per line) writes most amounts to the cent but one to one
# decimal. The auditor reads "99.3" as 99.30 (writers drop trailing zeros): that is an assumption. When the
# gap is within the figure's own rounding (±0.05) it is a 提示 that says so, never an 错误.

INCOME = ("[ 发布机构 ] | 某镇卫生院 | [ 发布日期 ] | 2024-09-30 |\n"
          "2.收入情况。2023年度收入合计250.06万元,与上年决算数相比减少10.00万元,下降3.8%。"
          "其中: 财政拨款收入150.73万元,占60.3%;事业收入{b}万元,占39.7%。\n")


@pytest.mark.parametrize(
    ("b", "expected"),
    [
        # 150.73 + 99.3 = 250.03; 99.3 may be 99.25..99.35, so 250.06 is reachable: 提示
        # (shares: 150.73 ÷ 250.06 = 60.28 %, 99.3 ÷ 250.06 = 39.71 %; fall: 10.00 ÷ 260.06 = 3.85 %)
        ("99.3", [("sum", "提示", "250.06万元", "250.03万元")]),
        # 150.73 + 99.2 = 249.93: 0.13 off, beyond any rounding of the terms (0.005 + 0.005 + 0.05): 错误
        ("99.2", [("sum", "错误", "250.06万元", "249.93万元")]),
        # a kept trailing zero declares the precision: 150.73 + 99.30 = 250.03 is 0.03 off: 错误
        ("99.30", [("sum", "错误", "250.06万元", "250.03万元")]),
        # 150.73 + 99.33 = 250.06: silent
        ("99.33", []),
    ],
)
def test_part_written_to_one_decimal(b: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(INCOME.format(b=b)) == expected


def test_several_short_amounts_are_dropped_zeros() -> None:
    # two amounts short of cents are the pattern of a writer who drops trailing zeros (150.70 + 99.30 = 250.00),
    # not of one figure rounded: the 0.06 gap is an 错误
    text = INCOME.format(b="99.3").replace("150.73", "150.7")
    assert found(text) == [("sum", "错误", "250.06万元", "250.00万元")]


def test_one_decimal_hint_names_the_figure_and_keeps_the_label() -> None:
    (finding,) = audit_text(INCOME.format(b="99.3")).findings
    assert finding.explanation == (
        "报告称2023年度收入合计250.06万元，但其中各项150.73万元 + 99.3万元合计为250.03万元，相差0.03万元。"
        "99.3万元未写到两位小数，若为四舍五入后的数，相差0.03万元在各数的尾差之内（按所写数字计则不符），请核实。")


# --- 2. a count of units in 家 broken down in 个, with a 差额拨款 item ----------------------------------------------
# A 部门整体支出 report's 基本情况 counts the units of a system ("共有N家单位") and breaks them down by how they are
# funded (全额拨款 / 差额拨款 / 自收自支) in 个. Before: figures in 家 were not read at all, and "差额拨款…" was taken
# for a gap phrase (差额 = difference) continuing the item before it, so its count was lost from the sum.

UNITS = "全县林业系统共有{n}家单位，其中全额拨款单位{a}个、差额拨款事业单位{b}个、自收自支事业单位{c}个。"


@pytest.mark.parametrize(
    ("n", "a", "b", "c", "expected"),
    [
        ("9", "6", "2", "1", []),  # 6 + 2 + 1 = 9: silent (and checked)
        # 5 + 2 + 2 = 9 against 8, and no leading run of items makes 8: the counts leave no doubt
        ("8", "5", "2", "2", [("sum", "错误", "8家", "9家")]),
        # 6 + 2 + 1 = 9 against 10: a 其中 list may name only some of the units: 提示
        ("10", "6", "2", "1", [("sum", "提示", "10家", "9家")]),
    ],
)
def test_units_counted_in_jia(n: str, a: str, b: str, c: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = UNITS.format(n=n, a=a, b=b, c=c)
    assert found(text) == expected
    (relation,) = [r for r in audit_text(text).relations if r.rule == "sum"]
    assert (relation.stated, relation.operands) == (Decimal(n), (Decimal(a), Decimal(b), Decimal(c)))


def test_partly_funded_item_keeps_its_count() -> None:
    # 6 + 3 + 1 = 10 against 9 个; the first two items make 9, so the third may lie outside it: 提示 (before: the
    # 差额拨款 item was merged into the first and the parts read as 6 + 1 = 7)
    assert found("全县林业系统共有9个单位，其中全额拨款单位6个、差额拨款事业单位3个、自收自支事业单位1个。") == [
        ("sum", "提示", "9个", "10个")]


# --- 3. a long list of names before its count ---------------------------------------------------------------------
# 机构设置 paragraphs name every office, then the count ("设A、B、……、J共10个内设机构"). Lists before a count were read
# only up to 80 characters; a run of short names cut at "、" is a list however long it is.

OFFICES = ("本局核定行政编制45人，设综合办公室（行政审批服务科）、政策法规科（规划科）、财务审计科（内审室）、人事教育科、"
           "安全生产监督管理科、综合行政执法大队（督查室）、信息化建设中心、宣传教育科、应急指挥调度中心、"
           "机关后勤服务中心共{n}个内设机构，另设机关党委和工会。")


def test_long_list_before_its_count_is_checked() -> None:
    report = audit_text(OFFICES.format(n="10"))  # ten names (brackets are the same office's second name)
    assert list(report.findings) == []
    assert [(r.rule, r.stated) for r in report.relations] == [("count", Decimal(10))]


def test_long_list_before_its_count_disagreeing() -> None:
    (finding,) = audit_text(OFFICES.format(n="11")).findings
    assert (finding.rule, finding.severity, finding.stated, finding.expected) == ("count", "提示", "11个", "列出10个")
    assert finding.explanation.startswith("报告称11个，此前列出10个：综合办公室（行政审批服务科）、政策法规科（规划科）、")


# --- 4. staffing: the people stated before the posts; a form's cells with the "|" of a flattened row --------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 118 在职 within the 120 posts stated in the next sentence (20 + 100 are its 其中 parts, not added again)
        ("全局在职人员118人，离退休人员40人。行政事业总编制120个，其中行政编制20个、全额事业编制100个。", []),
        ("全局在职人员121人，离退休人员40人。行政事业总编制120个，其中行政编制20个、全额事业编制100个。",
         [("staffing", "提示", "121人", "≤120人")]),
        # two kinds of posts after the people add up: 30 + 90 = 120
        ("在职职工118人。核定行政编制30名，事业编制90名。", []),
        ("在职职工121人。核定行政编制30名，事业编制90名。", [("staffing", "提示", "121人", "≤120人")]),
    ],
)
def test_people_before_posts(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    report = audit_text(text)
    assert [(f.rule, f.severity, f.stated, f.expected) for f in report.findings] == expected
    assert [r for r in report.relations if r.rule == "staffing"]  # checked, not silent


FORM_COVER = "一、单位基本概况 |\n||||||\n人员编制 |\n52 |\n实有人数 |\n{n} |\n||||||\n职能职责概述 |\n"


@pytest.mark.parametrize(("n", "expected"), [("52", []), ("53", [("staffing", "提示", "53人", "≤52人")])])
def test_form_cover_cells_with_bars(n: str, expected: list[tuple[str, str, str, str]]) -> None:
    report = audit_text(FORM_COVER.format(n=n))
    assert found(FORM_COVER.format(n=n)) == expected
    assert [(r.rule, r.stated, r.operands) for r in report.relations] == [("staffing", Decimal(n), (Decimal(52),))]


# --- 5. a spending rate whose budget stands paragraphs before; an amount "全部拨付" ----------------------------------
# A 项目支出绩效自评报告 states the budget under 绩效目标, then, in numbered paragraphs, "X万元已全部拨付，资金到位率…"
# and "全年实际支出Y万元，项目执行率…" with no budget in the sentence. Before, both rates were unchecked.

PROJECT = ("2023年乡村道路养护补助经费{budget}，由中央补助600万元和县级配套资金260万元组成。\n\n"
           "1.资金投入情况。860万元已全部拨付，资金到位率{paid}。\n\n"
           "2.资金执行情况。全年实际支出774.5万元，项目执行率{rate}。\n")


@pytest.mark.parametrize(
    ("budget", "paid", "rate", "expected"),
    [
        # 774.5 ÷ 860 = 90.058 % → 90.06 %; all of 860 paid → 100 %: silent, both checked
        ("共安排预算860万元", "100%", "90.06%", []),
        # the denominator is the budget of an earlier paragraph: an assumption, so a 提示
        ("共安排预算860万元", "100%", "92.06%", [("rate", "提示", "92.06%", "90.06%")]),
        # "已全部拨付" yet 96 %: a 提示 (到位 and 拨付 may be counted differently)
        ("共安排预算860万元", "96%", "90.06%", [("rate", "提示", "96%", "100.00%")]),
        # two budgets before: 774.5 ÷ 800 = 96.81 % agrees with the 年初预算 — silent
        ("年初预算800万元，调整预算860万元", "100%", "96.81%", []),
        # neither agrees (96.81 % or 90.06 %): the nearest, 调整预算 860, is assumed and named
        ("年初预算800万元，调整预算860万元", "100%", "95.81%", [("rate", "提示", "95.81%", "90.06%")]),
    ],
)
def test_spending_rate_of_earlier_budget(budget: str, paid: str, rate: str,
                                         expected: list[tuple[str, str, str, str]]) -> None:
    report = audit_text(PROJECT.format(budget=budget, paid=paid, rate=rate))
    assert [(f.rule, f.severity, f.stated, f.expected) for f in report.findings] == expected
    rates = {(r.stated, r.operands) for r in report.relations if r.rule == "rate"}
    assert (Decimal(paid.rstrip("%")), (Decimal(860), Decimal(860))) in rates
    assert (Decimal(rate.rstrip("%")), (Decimal("774.5"), Decimal(860))) in rates


def test_earlier_budget_named_in_the_hint() -> None:
    (finding,) = audit_text(PROJECT.format(budget="年初预算800万元，调整预算860万元", paid="100%", rate="95.81%")).findings
    assert finding.explanation == ("报告称执行率为95.81%，但按774.5万元÷860万元计算应为90.06%（本句未写预算数，"
                                   "按前文调整预算860万元计；分母为哪一预算未写明，请核实）。")


def test_rate_without_any_budget_stays_unjudged() -> None:
    # no budget anywhere before: nothing to divide by, no relation claimed
    report = audit_text("2.资金执行情况。全年实际支出774.5万元，项目执行率90.06%。\n")
    assert list(report.findings) == [] and [r for r in report.relations if r.rule == "rate"] == []


# --- 6. a programme named 计划 is no budget figure ------------------------------------------------------------------
# A 项目支出 report lists the project budget "分别是" item by item; one item is a 科技计划 (a science programme) fee.
# Its 计划 was read as "planned" (a budget role) under a spending head, which disowned the whole list.

FUNDS = ("（二）资金安排情况\n\n2023年部门预算项目支出{total}万元，分别是学术交流经费6万元，评审及平台维护费20万元，"
         "专家工作经费8万元，市级科技计划项目验收经费30万元{end}")


@pytest.mark.parametrize(
    ("total", "end", "expected"),
    [
        ("64", "。\n", []),  # 6 + 20 + 8 + 30 = 64
        # 6 over 58, beyond whole-unit rounding (5 × 0.5 = 2.5): 错误
        ("58", "。\n", [("sum", "错误", "58万元", "64.00万元")]),
        # 6 short of 70: a list may not name every item — 提示
        ("70", "。\n", [("sum", "提示", "70万元", "64.00万元")]),
        # the excerpt stops inside the list ("，科"): the items seen (64) may fall short of 80 …
        ("80", "，科\n", []),
        # … but not exceed 60
        ("60", "，科\n", [("sum", "错误", "60万元", "64.00万元")]),
    ],
)
def test_programme_named_plan_in_a_list(total: str, end: str, expected: list[tuple[str, str, str, str]]) -> None:
    report = audit_text(FUNDS.format(total=total, end=end))
    assert [(f.rule, f.severity, f.stated, f.expected) for f in report.findings] == expected
    assert [(r.rule, r.stated, r.operands) for r in report.relations] == [
        ("sum", Decimal(total), (Decimal(6), Decimal(20), Decimal(8), Decimal(30)))]


# --- 7. the two 总计 of a 决算 -------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("spending", "expected"),
    [
        ("250.06", []),
        # 2.00 apart: the 收支决算总表 balances them by construction, but "总计" may be used for the 合计: 提示
        ("248.06", [("grand_totals", "提示", "248.06万元", "250.06万元")]),
    ],
)
def test_income_and_spending_grand_totals(spending: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = f"1.总体情况。2023年度收入总计250.06万元，支出总计{spending}万元。收支比上年减少10.00万元。"
    report = audit_text(text)
    assert [(f.rule, f.severity, f.stated, f.expected) for f in report.findings] == expected
    assert [(r.rule, r.stated, r.operands) for r in report.relations if r.rule == "grand_totals"] == [
        ("grand_totals", Decimal("250.06"), (Decimal(spending),))]
