"""General causes of the third held-out set's first-run errors and misses (tests/audit/heldout3/first-run.txt), each
on short texts in our own words modelled on the layout that showed it. Every expectation was computed by hand."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


def explanations(text: str) -> list[str]:
    return [f.explanation for f in audit_text(text).findings]


def checked(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(r.rule, str(r.stated), tuple(str(o) for o in r.operands)) for r in audit_text(text).relations]


# --- 1. a nested list opened by "主要是：" inside a "；" item ---------------------------------------------------

INCOME = ("学校收入合计{total}万元，其中：当年收入{year}万元，主要是：财政拨款3200.50万元、事业收入{fee}万元、其他收入0.00万元；"
          "上年结转收入800.25万元。")


@pytest.mark.parametrize(
    ("total", "year", "fee", "expected"),
    [
        # 3200.50 + 410.00 + 0.00 = 3610.50 (当年收入); 3610.50 + 800.25 = 4410.75 (合计): silent. Before, the items
        # after "主要是：" were read as parts of 合计 beside 当年收入 (a false 错误 of 4410.75 + 410.00)
        ("4410.75", "3610.50", "410.00", []),
        # the top level off by 10: 3610.50 + 800.25 = 4410.75, not 4420.75
        ("4420.75", "3610.50", "410.00", [("sum", "错误", "4420.75万元", "4410.75万元")]),
        # the nested sources exceed 当年收入 (3200.50 + 420.00 = 3620.50 > 3610.50): an 错误 even for a sample
        ("4410.75", "3610.50", "420.00", [("sum", "错误", "3610.50万元", "3620.50万元")]),
        # the nested sources fall short (3200.50 + 400.00 = 3600.50 < 3610.50): "主要是" may name only some — silent
        ("4410.75", "3610.50", "400.00", []),
    ],
)
def test_nested_list_opened_by_zhuyaoshi(total: str, year: str, fee: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(INCOME.format(total=total, year=year, fee=fee)) == expected


def test_nested_list_is_checked_at_both_levels() -> None:
    rels = checked(INCOME.format(total="4410.75", year="3610.50", fee="410.00"))
    assert ("sum", "3610.50", ("3200.50", "410.00", "0.00")) in rels
    assert ("sum", "4410.75", ("3610.50", "800.25")) in rels


# --- 2. a change broken down by parts that do not repeat the comparison --------------------------------------

@pytest.mark.parametrize(
    ("project", "expected"),
    [
        # 120.40 + 35.60 = 156.00: the parts' changes inherit "比去年" from the whole (checked, silent)
        ("35.60", []),
        ("45.60", [("sum", "错误", "156.00万元", "166.00万元")]),
    ],
)
def test_change_list_inherits_the_basis(project: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = f"支出合计900.00万元；支出比去年增加156.00万元，其中基本支出增加120.40万元，项目支出增加{project}万元。"
    assert found(text) == expected
    assert any(r[0] == "sum" and r[1] == "156.00" for r in checked(text))


# --- 3. which figure is last year's: a sentence about last year, then "较上年同期" -------------------------------

THREE_COSTS = ("一、预算安排\n本年度“三公”经费预算共计30.5万元，其中：公务接待14.5万元、公务用车运行费16万元。\n"
               "二、上年决算\n上年度“三公”经费合计支出{last_total}万元，其中：公务接待{last_a}万元、公务用车运行费12.40万元。\n"
               "本年度“三公”经费预算较上年度增加{d_total}万元。分项看，公务接待较上年同期减少{d_a}万元，下降{r_a}；"
               "公务用车运行费较上年同期增加3.60万元，增长29.03%。")


@pytest.mark.parametrize(
    ("last_total", "last_a", "d_total", "d_a", "r_a", "expected"),
    [
        # 30.5 − 27.90 = 2.60; 14.5 − 15.50 = −1.00, 1.00 ÷ 15.50 = 6.45 %; 16 − 12.40 = 3.60, 3.60 ÷ 12.40 = 29.03 %.
        # Before, 公务接待 15.50 (last year's) was taken as this year's and 12.40 as this year's 公务用车运行费
        ("27.90", "15.50", "2.60", "1.00", "6.45%", []),
        # a wrong rate: 1.00 ÷ 15.50 = 6.45 %, not 7.45 %
        ("27.90", "15.50", "2.60", "1.00", "7.45%", [("yoy", "错误", "7.45%", "6.45%")]),
        # a wrong total change: 30.5 − 27.90 = 2.60, not 3.60 — and the parts' changes net −1.00 + 3.60 = 2.60 too
        ("27.90", "15.50", "3.60", "1.00", "6.45%",
         [("sum", "错误", "3.60万元", "2.60万元"), ("yoy", "错误", "3.60万元", "增加2.60万元")]),
        # the change one hundredth off the two levels (14.5 − 15.51 = −1.01): reachable only for some unrounded
        # values, so a 提示; the rate follows the stated 1.00 (6.45 %) but not the levels (6.51 %): a 提示 too
        ("27.91", "15.51", "2.59", "1.00", "6.45%",
         [("yoy", "提示", "1.00万元", "减少1.01万元"), ("yoy", "提示", "6.45%", "6.51%")]),
    ],
)
def test_last_year_figure_from_its_own_sentence(last_total: str, last_a: str, d_total: str, d_a: str, r_a: str,
                                                 expected: list[tuple[str, str, str, str]]) -> None:
    text = THREE_COSTS.format(last_total=last_total, last_a=last_a, d_total=d_total, d_a=d_a, r_a=r_a)
    assert found(text) == expected


def test_last_year_checks_are_traced() -> None:
    text = THREE_COSTS.format(last_total="27.90", last_a="15.50", d_total="2.60", d_a="1.00", r_a="6.45%")
    rels = checked(text)
    assert ("yoy", "2.60", ("30.5", "27.90")) in rels
    assert ("yoy", "1.00", ("14.5", "15.50")) in rels
    assert ("yoy", "29.03", ("16", "3.60", "12.40")) in rels


def test_rounding_hint_says_its_assumption() -> None:
    text = THREE_COSTS.format(last_total="27.91", last_a="15.51", d_total="2.59", d_a="1.00", r_a="6.45%")
    notes = explanations(text)
    assert "两数相差1.01万元，而变动额写作1.00万元；只有两数四舍五入前的尾数恰好如此时才相符" in notes[0]
    assert "按本年14.5万元与上年15.51万元之差计应为6.51%" in notes[1]


# --- 4. parts written in whole 万元 ---------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 41 + 1204 = 1245 against 1244: each written to the whole 万元, a gap of 1 is within their rounding (提示)
        ("车辆费1244万元（其中购置费41万元、运行费1204万元），比上年下降。", [("sum", "提示", "1244万元", "1245.00万元")]),
        # a gap of 2 is beyond it (0.5 × 3 = 1.5): an 错误
        ("车辆费1244万元（其中购置费42万元、运行费1204万元），比上年下降。", [("sum", "错误", "1244万元", "1246.00万元")]),
        # written to the cent, the same gap leaves no doubt
        ("车辆费1244.00万元（其中购置费41.00万元、运行费1204.00万元）。", [("sum", "错误", "1244.00万元", "1245.00万元")]),
        # one part with decimals: the list does not say it is rounded to the 万元
        ("车辆费1244万元（其中购置费41.00万元、运行费1204万元）。", [("sum", "错误", "1244万元", "1245.00万元")]),
    ],
)
def test_whole_unit_parts(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


def test_whole_unit_hint_says_its_assumption() -> None:
    text = "车辆费1244万元（其中购置费41万元、运行费1204万元），比上年下降。"
    assert "各数均只写到整万元，若为四舍五入后的数，相差1.00万元在各数的尾差之内" in explanations(text)[0]


# --- 5. PDF text: a 其中 list broken over lines, items ending in "；" or "。" ----------------------------------

PDF_BUDGET = (
    "(二)按支出结构划分，本单位支出分为基本支出和项\n"
    "目支出。\n"
    "1. 基本支出预算 520000.00 元,在本单位支出中占\n"
    "80.00%,同比减少 20000 元,下降 3.70 %。按经济分类,其中:\n"
    "工资福利支出预算 400000.00 元,占基本支出预算的\n"
    "76.92%,同比减少 15000 元,下降 3.61%;\n"
    "商品和服务支出预算 {goods} 元,占基本支出预算的\n"
    "23.08%,同比减少 5000 元,下降 4.00%。\n"
    "2. 项目支出预算 130000 元,占本单位支出的 20.00%。按经济分类,其中:\n"
    "工资福利支出 10000 元,占项目支出预算的 7.69%,上年无此项。\n"
    "商品和服务支出 {project_goods} 元,占项目支出预算的 92.31%。\n"
    "三、下一节\n"
)


@pytest.mark.parametrize(
    ("goods", "project_goods", "expected"),
    [
        # 400000 + 120000 = 520000; 400000 ÷ 520000 = 76.92 %, 120000 ÷ 520000 = 23.08 %; 10000 + 120000 = 130000,
        # 10000 ÷ 130000 = 7.69 %, 120000 ÷ 130000 = 92.31 %: silent, and every one of them checked
        ("120000.00", "120000", []),
        # the 基本 list, its items two lines each, ends 10000 short: 400000 + 110000 = 510000 (a 其中 list short by more
        # than 1 % may be incomplete: 提示); 110000 ÷ 520000 = 21.15 %; 5000 ÷ 115000 = 4.35 %
        ("110000.00", "120000", [("share", "错误", "23.08%", "21.15%"), ("sum", "提示", "520000.00元", "510000.00元"),
                                 ("yoy", "错误", "4.00%", "4.35%")]),
        # the 项目 list whose first item ends with a full stop: 10000 + 125000 = 135000, 125000 ÷ 130000 = 96.15 %; its
        # items are named …支出 under a 预算 head, so the binding is an assumption the findings name (提示)
        ("120000.00", "125000", [("share", "提示", "92.31%", "96.15%"), ("sum", "提示", "130000元", "135000.00元")]),
    ],
)
def test_pdf_list_over_lines(goods: str, project_goods: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(PDF_BUDGET.format(goods=goods, project_goods=project_goods)) == expected


def test_pdf_list_over_lines_is_checked() -> None:
    rels = checked(PDF_BUDGET.format(goods="120000.00", project_goods="120000"))
    assert ("sum", "520000.00", ("400000.00", "120000.00")) in rels
    assert ("sum", "130000", ("10000", "120000")) in rels
    assert ("share", "76.92", ("400000.00", "520000.00")) in rels
    assert ("share", "92.31", ("120000", "130000")) in rels


def test_heading_after_a_list_is_not_joined() -> None:
    from jixiao.audit.readers.lines import blocks_from_lines

    lines = ["合计支出 100 元,其中:", "甲支出 60 元;", "乙支出 40 元。", "丙经费 5 元,另行说明。", "三、下一节"]
    assert [b.text for b in blocks_from_lines(lines)] == [
        "合计支出 100元,其中:甲支出 60元;乙支出 40元。丙经费 5元,另行说明。", "三、下一节"]


def test_items_named_zhichu_under_a_budget_head_say_the_assumption() -> None:
    notes = explanations(PDF_BUDGET.format(goods="120000.00", project_goods="125000"))
    assert notes[1].endswith("所列各项写作支出，前文只有项目支出预算130000元，按其分项计，请核实。")


# --- 6. wordings of the held-out set's prose ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("last", "amount", "rate", "expected"),
    [
        # "较上年3.20减少0.15万元": the last-year figure written bare takes the change's unit; 3.20 − 3.05 = 0.15,
        # 0.15 ÷ 3.20 = 4.69 %
        ("3.20", "0.15", "4.69%", []),
        # (the rate then follows the two levels, not the wrong change: 0.15 ÷ 3.20 = 4.69 %, silent)
        ("3.20", "0.25", "4.69%", [("yoy", "错误", "0.25万元", "减少0.15万元")]),
        ("3.20", "0.15", "5.69%", [("yoy", "错误", "5.69%", "4.69%")]),
    ],
)
def test_bare_last_year_figure(last: str, amount: str, rate: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = f"本部门“三公”经费支出3.05万元，较上年{last}减少{amount}万元，减少了{rate}，主要是压减接待。"
    assert found(text) == expected


def test_bare_last_year_figure_is_traced() -> None:
    rels = checked("本部门“三公”经费支出3.05万元，较上年3.20减少0.15万元，减少了4.69%，主要是压减接待。")
    assert ("yoy", "0.15", ("3.05", "3.20")) in rels


BUDGET_GAPS = ("本年度“三公”经费支出3.05万元，年初预算为4.10万元，差值为{total_gap}万元。分项看：公务用车运行维护费支出0.90万元，"
               "年初预算为2.10万元，差值为1.20万元，因为压减开支；公务接待费支出2.15万元，年初预算为{b}万元，差值为0.15万元，"
               "因为接待增多。")


@pytest.mark.parametrize(
    ("total_gap", "b", "expected"),
    [
        # 4.10 − 3.05 = 1.05; 2.10 − 0.90 = 1.20; 2.15 − 2.00 = 0.15 (over its budget: a gap is a magnitude);
        # the budgets add up, 2.10 + 2.00 = 4.10; the gaps are not summed (1.20 + 0.15 ≠ 1.05 is no slip)
        ("1.05", "2.00", []),
        ("1.15", "2.00", [("budget_change", "错误", "1.15万元", "1.05万元")]),
        # a wrong part budget: 2.15 − 2.10 = 0.05, and the budgets add to 4.20
        ("1.05", "2.10", [("sum", "错误", "4.10万元", "4.20万元"), ("budget_change", "错误", "0.15万元", "0.05万元")]),
    ],
)
def test_gap_to_the_budget(total_gap: str, b: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(BUDGET_GAPS.format(total_gap=total_gap, b=b)) == expected


@pytest.mark.parametrize(
    ("actual", "expected"),
    [
        ("62", []),  # 实际正式教职工 62 within 编制 71 (checked, silent)
        ("75", [("staffing", "提示", "75人", "≤71人")]),
    ],
)
def test_actual_staff_worded_as_shiji(actual: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = f"本园核定人员编制71人，实际正式教职工{actual}人，另有退休职工28人。"
    assert found(text) == expected
    assert any(r[0] == "staffing" for r in checked(text))


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        # eight names, the fifth after "，以及": 8 is silent, 9 is a 提示 (a name may have been dropped)
        ("8", []),
        ("9", [("count", "提示", "9个", "列出8个")]),
    ],
)
def test_count_with_yiji_after_a_comma(n: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = f"本所设{n}个内设机构，分别为：综合股、财务股、审批股、督查股，以及法规股、宣传股、信息股、后勤股。"
    assert found(text) == expected


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # the whole's change is against a named year ("较2024年的2300万元减少200万元"), the parts' against 上年:
        # both are changes on last year, 50 + 150 = 200 (出国 unchanged)
        ("150", []),
        ("160", [("sum", "错误", "200万元", "210.00万元")]),
    ],
)
def test_change_on_a_named_year_and_on_last_year(change: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = (f"2025年“三公”经费预算共2100万元，较2024年的2300万元减少200万元，下降8.7%。其中：因公出国(境)经费100万元，"
            f"与上年持平；公务接待费300万元，较上年减少50万元，下降14.3%；公务用车购置及运行维护费1700万元，较上年减少{change}万元。")
    assert found(text) == expected


@pytest.mark.parametrize(
    ("opening", "c", "expected"),
    [
        # "按功能分：" and "来源上，" open a breakdown like 其中: 50.00 + 450.00 + 0.50 = 500.50
        ("按功能分：", "0.50", []),
        ("按功能分：", "1.50", [("sum", "错误", "500.50万元", "501.50万元")]),
        ("来源上，", "1.50", [("sum", "错误", "500.50万元", "501.50万元")]),
    ],
)
def test_breakdown_opened_by_an_aspect(opening: str, c: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = f"本年财政拨款支出500.50万元，比上年增加20.00万元。{opening}社会保障支出50.00万元，卫生健康支出450.00万元，农林水支出{c}万元。"
    assert found(text) == expected


@pytest.mark.parametrize(
    ("share", "expected"),
    [
        # the whole "本年支出合计" is stated three paragraphs back, headings and a chart caption between:
        # 300.00 ÷ 1200.00 = 25.00 %
        ("25.00%", []),
        ("26.00%", [("share", "错误", "26.00%", "25.00%")]),
    ],
)
def test_share_of_a_whole_named_paragraphs_back(share: str, expected: list[tuple[str, str, str, str]]) -> None:
    text = ("2020年度，本年支出合计1200.00万元。其中：基本支出900.00万元，项目支出300.00万元。\n支出决算结构图\n"
            "四、财政拨款情况\n本年财政拨款收入总计800.00万元，比2019年增加40.00万元，增长5.26%。\n五、一般公共预算支出\n"
            f"本年一般公共预算财政拨款支出300.00万元，占本年支出合计的{share}。\n")
    assert found(text) == expected


# --- 7. issue 10's wordings, each with exact findings -----------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "为调整预算的X%": the budget the words name when the clause states two (108 ÷ 120 = 90.00 %; 108 ÷ 100 = 108.00 %)
        ("年初预算100.00万元，调整预算120.00万元，全年支出108.00万元，为调整预算的90.00%。", []),
        ("年初预算100.00万元，调整预算120.00万元，全年支出108.00万元，为调整预算的92.00%。", [("rate", "错误", "92.00%", "90.00%")]),
        ("年初预算100.00万元，调整预算120.00万元，全年支出108.00万元，为年初预算的108.00%。", []),
        ("年初预算100.00万元，调整预算120.00万元，全年支出108.00万元，为年初预算的90.00%。", [("rate", "错误", "90.00%", "108.00%")]),
        # respective lists: a wrong amount in "各减少A、B万元" (12 on 50 is 24.00 %, so the stated 16.67 % of 50 + 10
        # is no longer its rate: 12 ÷ 62 = 19.35 %)
        ("公务接待费和车辆运行费支出分别为30万元、50万元，较上年各减少5万元、10万元，各下降14.29%、16.67%。", []),
        ("公务接待费和车辆运行费支出分别为30万元、50万元，较上年各减少5万元、12万元，各下降14.29%、16.67%。",
         [("yoy", "错误", "16.67%", "19.35%")]),
        # shares over the actual spending, not the budget: 135 ÷ 180 = 75.00 % (of the budget it would be 67.50 %)
        ("本年预算数200.00万元，实际支出180.00万元，其中：基本支出135.00万元，占实际支出的75.00%；"
         "项目支出45.00万元，占实际支出的25.00%。", []),
        ("本年预算数200.00万元，实际支出180.00万元，其中：基本支出135.00万元，占实际支出的67.50%；"
         "项目支出45.00万元，占实际支出的25.00%。", [("share", "错误", "67.50%", "75.00%")]),
        # "较上年同期" after a sentence about last year (see section 3) and a "加上…合计" chain
        ("上年度经费合计支出20.00万元。本年度经费预算22.00万元，较上年同期增加2.00万元，增长10.00%。", []),
        ("上年度经费合计支出20.00万元。本年度经费预算22.00万元，较上年同期增加2.00万元，增长12.00%。",
         [("yoy", "错误", "12.00%", "10.00%")]),
        ("本年收入80.00万元，加上上级补助收入15.00万元、上年结转10.00万元，收入合计105.00万元。", []),
        ("本年收入80.00万元，加上上级补助收入15.00万元、上年结转10.00万元，收入合计106.00万元。",
         [("sum", "错误", "106.00万元", "105.00万元")]),
    ],
)
def test_issue_wordings(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


def test_shares_over_actual_spending_are_traced_against_it() -> None:
    rels = checked("本年预算数200.00万元，实际支出180.00万元，其中：基本支出135.00万元，占实际支出的75.00%；"
                   "项目支出45.00万元，占实际支出的25.00%。")
    assert ("share", "75.00", ("135.00", "180.00")) in rels
    assert ("sum", "180.00", ("135.00", "45.00")) in rels
