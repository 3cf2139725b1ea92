"""Prose causes found on held-out-5 (session 7), each on a short text in our own words in the layout met there
(and our labelled documents rewritten in traditional characters). Every expectation was computed by hand."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text
from jixiao.audit.api import AuditReport
from jixiao.audit.numbers import normalize


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """The relations of ``rule`` the auditor traced: (stated, operands)."""
    return [(f"{r.stated}", tuple(f"{o}" for o in r.operands)) for r in audit_text(text).relations if r.rule == rule]


# A 三公 section on a mirror site that prints traditional characters (萬元, 經費, 決算, 佔).
TRADITIONAL = (
    "某局2020年度“三公”經費財政撥款支出決算為20.50萬元,完成預算30萬元的68.3%。其中:因公出國(境)費支出決算為6.2萬元,"
    "完成預算8萬元的77.5%;公務用車購置及運行費支出決算為9.3萬元,完成預算15萬元的60.0%;公務接待費支出決算為5.0萬元,"
    "完成預算7萬元的71.4%。"
)


def test_traditional_characters_are_read_as_simplified() -> None:
    # 9.3 ÷ 15 = 62.00 %, not 60.0 %; 6.2 + 9.3 + 5.0 = 20.50 and 8 + 15 + 7 = 30 hold
    assert found(TRADITIONAL) == [("rate", "错误", "60.0%", "62.00%")]
    assert checked(TRADITIONAL, "sum") == [("20.50", ("6.2", "9.3", "5.0")), ("30", ("8", "15", "7"))]
    assert [s for s, _ in checked(TRADITIONAL, "rate")] == ["68.3", "77.5", "60.0", "71.4"]
    finding = audit_text(TRADITIONAL).findings[0]
    assert "公务用车购置及运行费支出决算为9.3万元" in finding.quote and "萬" not in finding.quote


def test_traditional_characters_keep_offsets() -> None:
    # one character for one: a figure's position in the text does not move
    assert normalize("經費撥款決算為17.06萬元,佔45.7%") == "经费拨款决算为17.06万元,占45.7%"
    assert normalize("調整後預算用於") == "调整后预算用于"
    # a traditional form that is also an everyday simplified word stays (显著)
    assert normalize("效果顯著") == "效果显著"


# A 三公 budget whose car item nests its two parts in brackets, the bracket closed after a full stop, the item's
# change after the bracket, and the list going on.
NESTED = (
    "2023年本部門安排“三公”經費35.5萬元,比上年減少4.5萬元,下降11.25%。其中:因公出國(境)費0萬元;"
    "公務用車購置及運行費30.00萬元(購置費10.00萬元;運行維護費20.00萬元,與上年持平。)比上年減少2萬元;"
    "公務接待費{reception}萬元,比上年減少2.5萬元。"
)


def test_full_stop_closing_a_bracket_does_not_end_the_list() -> None:
    # 0 + 30.00 + 5.5 = 35.5: before, the list ended at "。)" and 0 + 30.00 = 30.00 was taken for the total (a false 错误)
    text = NESTED.format(reception="5.5")
    assert found(text) == []
    # (and the bracket: 10.00 + 20.00 = 30.00)
    assert checked(text, "sum") == [("35.5", ("0", "30.00", "5.5")), ("4.5", ("2", "2.5")), ("30.00", ("10.00", "20.00"))]
    # ... and a part that does not add up is still found: 0 + 30.00 + 6.5 = 36.50
    assert found(NESTED.format(reception="6.5")) == [("sum", "错误", "35.5万元", "36.50万元")]


# 预算完成率 from the funds and the year-end balance, no spending stated (部门整体支出 指标表 evidence).
BALANCES = ("本单位年初结转结余12.5万元，年初预算860.00万元，年中追加预算140.00万元，年末结转结余25.30万元，"
            "据此预算执行率为{rate}。")
# ... and the same as OCR'd PDF lines of a 指标表 cell: the scoring rule, then the inputs on lines of their own
BALANCE_LINES = ("8 100%计满分,每低于5%扣2分,扣完为止. 年初结余为8.6万元;\n\n预算512.40万元,本年追加预算40.00万元;\n\n"
                 "年末结余数16.2万元.据此算得预算完成率{rate}.\n\n8 预算控制率")


def test_completion_rate_from_funds_less_closing_balance() -> None:
    # (12.5 + 860.00 + 140.00 − 25.30) ÷ (12.5 + 860.00 + 140.00) = 987.2 ÷ 1012.5 = 97.5012 % -> 97.50 %
    assert found(BALANCES.format(rate="97.50%")) == []
    assert checked(BALANCES.format(rate="97.50%"), "rate") == [("97.50", ("12.5", "860.00", "140.00", "25.30"))]
    # the completed amount is inferred (funds less the closing balance): a 提示 that says so
    assert found(BALANCES.format(rate="97.55%")) == [("rate", "提示", "97.55%", "97.50%")]
    finding = audit_text(BALANCES.format(rate="97.55%")).findings[0]
    assert "减去年末结余25.30万元，完成数为987.20万元" in finding.explanation
    # over three OCR lines: (8.6 + 512.40 + 40.00 − 16.2) ÷ 561.0 = 97.1123 % -> 97.11 %
    assert found(BALANCE_LINES.format(rate="97.11%")) == []
    assert checked(BALANCE_LINES.format(rate="97.11%"), "rate") == [("97.11", ("8.6", "512.40", "40.00", "16.2"))]
    assert [(f.severity, f.stated, f.expected, f.line) for f in audit_text(BALANCE_LINES.format(rate="97.09%")).findings] \
        == [("提示", "97.09%", "97.11%", 5)]


def test_completion_rate_needs_a_closing_balance_and_no_other_amount() -> None:
    # no closing balance: nothing says what was completed
    assert checked("年初预算500.00万元，追加预算20.00万元，预算执行率96.00%。", "rate") == []
    # last year's spending among the amounts: not the funds of the year
    assert checked("年初预算500.00万元，年末结余20.00万元，比上年支出450.00万元，预算执行率96.00%。", "rate") == []


def test_grade_after_a_result_or_conclusion_word_is_read() -> None:
    from jixiao.audit.claims import extract_claims
    from jixiao.audit.documents import document_from_text

    def claim(text: str) -> tuple[str | None, str | None]:
        c = extract_claims(document_from_text(text))
        return (None if c.total is None else f"{c.total}", c.grade)

    # a quoted grade after 为 ("自评结果为“优秀”"), and a conclusion after a colon
    assert claim("经学校绩效自评小组评价，本项目自评得分100分,自评结果为“优秀”。") == ("100", "优")
    assert claim("本项目自评得分86分，考核结论：良好。") == ("86", "良")
    # 86 points lie in the 良 band [80, 90): a claimed 优秀 is an 错误
    assert found("经学校绩效自评小组评价，本项目自评得分86分,自评结果为“优秀”。") == [("grade", "错误", "优", "良")]
    # "结果" alone names no grade ("取得了较好结果，良好的……" is no grade claim)
    assert claim("本项目自评得分86分，取得了较好结果，良好的管理制度得到落实。") == ("86", None)


def test_pdf_lines_broken_inside_a_sentence_are_joined() -> None:
    from jixiao.audit.documents import document_from_text

    # a short line in the middle of a wrapped sentence: the sentence goes on into the line after it
    text = ("3.上年结转和结余120.50万元,是往年因客观原因\n未执行完、按规定结转到本年使用\n的资金。较2020年度决算数减少6.20万元,"
            "下降4.9%,原\n因是部分项目结转到下一年度继续使用。")
    assert [b.line for b in document_from_text(text).blocks] == [1]
    # last year 120.50 + 6.20 = 126.70; 6.20 ÷ 126.70 = 4.89 % -> 4.9 %
    assert checked(text, "yoy") == [("4.9", ("120.50", "6.20"))]
    # a figure broken from its unit at a line end: "减少50.00" / "万元,下降14.3%" (50.00 ÷ 400.00 = 12.50 %)
    broken = ("1.社会保障和就业支出350.00万元:用于本单位社会保障\n和就业方面。较2020年度决算数减少50.00\n万元,下降14.3%,"
              "原因是离退休人员经费减少。")
    assert found(broken) == [("yoy", "错误", "14.3%", "12.50%")]
    # lines of table text that end or open on a figure stay apart, and so does a heading
    assert [b.line for b in document_from_text("20 分)项目决策(10 分)科学决策必要性\n5 5 可行性\n5 5 合理性\n5 5").blocks] \
        == [1, 2, 3, 4]
    assert [b.line for b in document_from_text("按照规定,本单位的各项收入全部纳入部门预算统一管理和核算\n详见下表\n"
                                               "(二)支出情况").blocks] == [1, 3]


# A 三公 决算 paragraph whose parts follow "分项:" (no 其中), in 元 with thousands separators.
BY_ITEM = ("2023年“三公”经费预算为80,000.00元,支出决算为95,500.00元,完成年初预算的119%。分项:因公出国(境)费决算0元,"
           "完成预算的0%;公务用车购置及运行费决算60,300.00元,占总支出决算的63.14%;公务接待费决算{reception}元,"
           "占总支出决算的36.86%。")


def test_items_after_fen_xiang_break_down_the_total() -> None:
    # 0 + 60,300.00 + 35,200.00 = 95,500.00; 60,300 ÷ 95,500 = 63.14 %; 35,200 ÷ 95,500 = 36.86 %
    text = BY_ITEM.format(reception="35,200.00")
    assert found(text) == []
    assert checked(text, "sum") == [("95500.00", ("0", "60300.00", "35200.00"))]
    assert checked(text, "share") == [("63.14", ("60300.00", "95500.00")), ("36.86", ("35200.00", "95500.00"))]
    # 0 + 60,300.00 + 36,200.00 = 96,500.00; 36,200 ÷ 95,500 = 37.91 %
    assert found(BY_ITEM.format(reception="36,200.00")) == [("share", "错误", "36.86%", "37.91%"),
                                                            ("sum", "错误", "95,500.00元", "96500.00元")]


def test_an_amount_after_two_names_is_the_nearer_ones() -> None:
    from decimal import Decimal

    from jixiao.audit.numbers import extract_figures
    from jixiao.audit.tolerance import parts_sum, sum_consistent

    # "“三公”经费决算中因公出国(境)费支出0元": 0元 is the 出国 part's, not the 三公 total (before: a 提示 that
    # 0元 should be 0 + 60,300.00 + 35,200.00 = "9.55元", the 万元 sum shown in 元)
    text = ("从结构看,2023年“三公”经费决算中因公出国(境)费支出0元,占0%;公务用车购置及运行维护费支出60,300.00元,占63.14%;"
            "公务接待费支出35,200.00元,占36.86%。")
    assert found(text) == []
    assert checked(text, "composition") == []
    # an amount of 0元 is still in 元: parts add up in its unit
    parts, zero = extract_figures("1,200.00元和300.00元"), extract_figures("0元")[0]
    assert parts_sum(parts, zero) == Decimal("1500.00")
    assert not sum_consistent(parts, zero)


SOURCES = "本项目批复总投资120.5万元,省级财政资金80.0万元,县财政配套资金{county}万元,当年下达资金120.5万元。"


def test_sources_of_funds_after_a_total_make_it_up() -> None:
    # 80.0 + 40.5 = 120.5; "当年下达资金" names no source and ends the list
    assert found(SOURCES.format(county="40.5")) == []
    assert checked(SOURCES.format(county="40.5"), "sum") == [("120.5", ("80.0", "40.5"))]
    # 80.0 + 40.0 = 120.00: only read from the order of the amounts (no 其中), so a 提示
    assert found(SOURCES.format(county="40.0")) == [("sum", "提示", "120.5万元", "120.00万元")]
    # one source is no breakdown
    assert checked("本项目总投资120.5万元,中央财政资金80.0万元,完成投资100万元。", "sum") == []


BATCHES = ("项目分三批实施:第一批批复总投资500.5万元(其中设备购置300万元),第二批批复投资260.25万元(其中设备购置100万元),"
           "第三批批复投资39.25万元,三批合计批复总投资{total}万元。")


def test_a_total_named_after_he_ji_closes_the_list() -> None:
    # "三批合计批复总投资": 500.5 + 260.25 + 39.25 = 800.00
    assert found(BATCHES.format(total="800")) == []
    assert checked(BATCHES.format(total="800"), "sum") == [("800", ("500.5", "260.25", "39.25"))]
    assert found(BATCHES.format(total="810")) == [("sum", "提示", "810万元", "800.00万元")]


def test_a_numbered_heading_is_no_list_of_names() -> None:
    # a title ending in a number ("……自评报告1", the first of several reports on an essay site) before a numbered
    # heading: before, "一、县级批复资金情况" was read as two names against the count 1 (a 提示)
    text = "建设项目绩效自评报告1\n\n一、县级批复资金情况\n\n本局负责实施道路建设项目。"
    assert found(text) == []
    assert checked(text, "count") == []
    # a heading count with its names on the next line is still read (3 names)
    assert checked("内设股室3\n办公室、财务股、业务股", "count") == [("3", ())]
    assert found("内设股室4\n办公室、财务股、业务股") == [("count", "提示", "4", "列出3")]


RESPECTIVE = ("2023年度收、支总计各是850.40,920.10万元。与2022年相比,收、支总计各减少149.60,79.90万元,各下降14.96%、{rate}。"
              "减少主要因为项目结束。")


def test_respective_runs_with_the_unit_written_once_and_levels_in_the_sentence_before() -> None:
    # last year 850.40 + 149.60 = 1000.00 and 920.10 + 79.90 = 1000.00: 14.96 % and 7.99 %
    assert found(RESPECTIVE.format(rate="7.99%")) == []
    assert checked(RESPECTIVE.format(rate="7.99%"), "yoy") == [("14.96", ("850.40", "149.60")), ("7.99", ("920.10", "79.90"))]
    assert found(RESPECTIVE.format(rate="8.99%")) == [("yoy", "错误", "8.99%", "7.99%")]


UNSPENT = "2022年项目实际下达预算1500万元,全年实际支出1487.35万元,预算执行率99.16%。余下未执行的{left}万元已结转下年使用。"


def test_what_is_left_unspent_is_the_budget_less_the_spending() -> None:
    # 1500 − 1487.35 = 12.65 (and 1487.35 ÷ 1500 = 99.16 %)
    assert found(UNSPENT.format(left="12.65")) == []
    assert checked(UNSPENT.format(left="12.65"), "sum") == [("12.65", ("1500", "1487.35"))]
    assert found(UNSPENT.format(left="13.65")) == [("sum", "提示", "13.65万元", "12.65万元")]
    # two budgets before it: which one is spent from is not said
    assert checked("年初预算1500万元,调整预算1600万元,实际支出1487.35万元。余下未执行的12.65万元。", "sum") == []


# The 三公 决算 of a year, then its change on last year, each broken down after "分项:".
CHANGES = ("2023年“三公”经费预算为60,000.00元,支出决算为96,000.00元,完成年初预算的160%。分项:因公出国(境)费决算0元;"
           "公务用车购置及运行费决算60,000.00元;公务接待费决算36,000.00元。\n"
           "与2022年比,“三公”经费决算增加16,000.00元,增长20.00%。分项:因公出国(境)费增加0元,增长0%;"
           "公务用车购置及运行费增加10,000.00元,增长20.00%;公务接待费增加6,000.00元,增长{rate}。")


def test_changes_after_fen_xiang_inherit_the_comparison_and_the_subject_named_after_it() -> None:
    # the total: 决算 96,000.00 (not the 预算 60,000.00, which an increase of 16,000.00 could not have left
    # at a positive last year's figure), last year 80,000.00: 20.00 %; the items' levels stand in the paragraph
    # before: 60,000 − 10,000 = 50,000 -> 20.00 %, 36,000 − 6,000 = 30,000 -> 20.00 %
    text = CHANGES.format(rate="20.00%")
    assert found(text) == []
    assert checked(text, "yoy") == [("20.00", ("96000.00", "16000.00")), ("0", ("0", "0")),
                                    ("20.00", ("60000.00", "10000.00")), ("20.00", ("36000.00", "6000.00"))]
    assert found(CHANGES.format(rate="25.00%")) == [("yoy", "错误", "25.00%", "20.00%")]


# A county-wide 三公 决算: the total, a "其中:" closing its paragraph, then one numbered heading and one paragraph a part.
BY_HEADINGS = ("全县2021年“三公”经费决算总额为560万元,较年初预算减少20%。其中:\n一、因公出国(境)经费\n"
               "2021年因公出国(境)决算支出0万元。\n二、公务用车购置及运行维护费\n"
               "公务用车购置及运行费决算支出400万元,较年初预算减少18%其中:公务用车购置费150万元,公务用车运行维护费250万元。\n"
               "三、公务接待费\n公务接待费决算支出{reception}万元,较年初预算下降25%。")


def test_parts_under_numbered_headings_make_up_the_three_public_total() -> None:
    # 0 + 400 + 160 = 560 (the headings between the parts are not counted as paragraphs; the "其中:" before them
    # opens no list the sum rule reads)
    assert found(BY_HEADINGS.format(reception="160")) == []
    assert checked(BY_HEADINGS.format(reception="160"), "composition") == [("560", ("0", "400", "160"))]
    assert found(BY_HEADINGS.format(reception="170")) == [("composition", "提示", "560万元", "570.00万元")]


# A 三公 决算 in 元 with items at 0.00元: the yoy by item after "分项看:", the shares of the listed parts.
ZERO_ITEMS = ("本部门2023年“三公”经费年初预算为8000.00元,支出决算为8,000.00元,完成年初预算的100%。分项看:公务用车运行维护费"
              "决算8,000.00元;公务接待费决算0.00元。与上年相比,“三公”经费决算比上年减少600.00元,下降6.98%。分项看:公务用车"
              "运行维护费减少0.00元,下降0.00%;公务接待费决算减少600.00元,下降{rate}。\n从结构看,2023年“三公”经费决算中,"
              "因公出国(境)费支出0.00元,占0.00%;公务用车购置及运行维护费支出8,000.00元,占{share};公务接待费支出0.00元,占0.00%。")


def test_items_at_zero_yuan() -> None:
    # 600 ÷ 8,600 = 6.98 %; 公务接待费 0.00 this year, 600.00 last year: 100.00 %; 8,000 of the listed 0 + 8,000 + 0: 100 %
    text = ZERO_ITEMS.format(rate="100.00%", share="100%")
    assert found(text) == []
    assert checked(text, "yoy") == [("6.98", ("8000.00", "600.00")), ("0.00", ("8000.00", "0.00")),
                                    ("100.00", ("0.00", "600.00"))]
    assert ("100", ("8000.00", "8000.00")) in checked(text, "share")
    # a figure of 0元 is in 元: last year 0.00 + 600.00 = 600.00元 (before, the 0 took 万元 for its unit and the rate's
    # bounds were wide enough to pass 90.00 %)
    assert found(ZERO_ITEMS.format(rate="90.00%", share="100%")) == [("yoy", "错误", "90.00%", "100.00%")]
    # the share is of the sum of the listed parts, inferred: a 提示
    assert found(ZERO_ITEMS.format(rate="100.00%", share="90%")) == [("share", "提示", "90%", "100.00%")]


def test_an_item_that_rose_by_an_unstated_amount_leaves_the_sum_of_changes_unjudged() -> None:
    # the car item states a rate but no amount of change ("支出决算10,000.00元,增长20.00%", the change written as
    # the level): its change is unknown, not 0, so 0 + ? + 6,000.00 against 16,000.00 is no 提示 (before: "16,000.00元
    # -> 6000.00元, 按0计")
    text = ("与2022年比,“三公”经费决算增加16,000.00元,增长20.00%。分项:因公出国(境)费增加0元,增长0%;"
            "公务用车购置及运行费支出决算10,000.00元,增长20.00%;公务接待费增加6,000.00元,增长20.00%。")
    assert [f for f in found(text) if f[0] == "sum"] == []
    assert checked(text, "sum") == []
    # an item that states no change at all is still read as unchanged (按0计): 0 + 6,000.00 against 16,000.00
    silent = ("与2022年比,“三公”经费决算增加16,000.00元,增长20.00%。分项:因公出国(境)费增加0元,增长0%;"
              "公务用车购置及运行费支出决算10,000.00元;公务接待费增加6,000.00元,增长20.00%。")
    assert [f for f in found(silent) if f[0] == "sum"] == [("sum", "提示", "16,000.00元", "6000.00元")]


def test_ratio_of_the_two() -> None:
    # "二者之比": the first of the two figures before it over the second, 46 ÷ 50 = 92.00 %
    text = "2023年末本单位实有在职人员46人,编委核定编制50人,二者之比为{rate}。"
    assert found(text.format(rate="92.00%")) == []
    assert checked(text.format(rate="92.00%"), "rate") == [("92.00", ("46", "50"))]
    assert found(text.format(rate="90.00%")) == [("rate", "错误", "90.00%", "92.00%")]
    assert "实有在职人员与编委核定编制之比" in audit_text(text.format(rate="90.00%")).findings[0].explanation


PARTITION = ("(二)按支出结构划分,一般公共预算支出分为基本支出预算和项目支出预算。\n1. 基本支出预算 300000 元,在一般公共预算支出中占\n"
             "75.00%,同比减少 1000 元,下降 0.33%。\n2. 项目支出预算 100000 元,占一般公共预算支出的 {share},\n同比增加 5000 元,增长 5.26%。")


def test_shares_of_a_whole_divided_into_named_parts_and_never_stated() -> None:
    # 一般公共预算支出 = 基本 300,000 + 项目 100,000 = 400,000: 75.00 % and 25.00 %
    text = PARTITION.format(share="25.00%")
    assert found(text) == []
    assert checked(text, "share") == [("75.00", ("300000", "400000")), ("25.00", ("100000", "400000"))]
    # 100,000 ÷ 300,000 = 33.33 % is the share of the other part, not of the whole: inferred, so a 提示
    assert found(PARTITION.format(share="33.33%")) == [("share", "提示", "33.33%", "25.00%")]
    assert "按文中所分基本支出预算、项目支出预算之和300000元＋100000元计" in \
        audit_text(PARTITION.format(share="33.33%")).findings[0].explanation


def test_bracket_items_closed_by_semicolons_may_state_their_changes() -> None:
    # "（购置费100.00万元,比上年增加0万元;运行维护费400.00万元,比上年增加0万元。）": 100.00 + 400.00 = 500.00
    text = "其中:公务用车购置及运行费{total}万元(公务用车购置费100.00万元,比上年增加0万元;公务用车运行维护费400.00万元,比上年增加0万元。)"
    assert checked(text.format(total="500.00"), "sum") == [("500.00", ("100.00", "400.00"))]
    assert found(text.format(total="500.00")) == []
    assert found(text.format(total="510.00")) == [("sum", "错误", "510.00万元", "500.00万元")]


def test_the_totals_bracketed_part_is_the_sum_of_the_items_parts() -> None:
    text = ("项目分三批实施:第一批批复总投资500.5万元(其中设备购置300万元),第二批批复投资260.25万元(其中设备购置100万元),"
            "第三批批复投资39.25万元(其中设备购置20万元),三批合计批复总投资800万元(其中设备购置{part}万元)。")
    # 300 + 100 + 20 = 420 beside 500.5 + 260.25 + 39.25 = 800
    assert checked(text.format(part="420"), "sum") == [("800", ("500.5", "260.25", "39.25")), ("420", ("300", "100", "20"))]
    assert found(text.format(part="420")) == []
    assert found(text.format(part="430")) == [("sum", "提示", "430万元", "420.00万元")]


def _traditional_text(text: str) -> str:
    """Our document written in traditional characters (the first traditional form of each simplified one)."""
    from importlib import resources

    import yaml

    data = yaml.safe_load(resources.files("jixiao.audit.data").joinpath("traditional.yaml").read_text(encoding="utf-8"))
    pairs = "".join(data["pairs"])
    table: dict[int, int] = {}
    for t, s in zip(pairs[0::2], pairs[1::2], strict=True):
        table.setdefault(ord(s), ord(t))
    return text.translate(table)


@pytest.mark.parametrize(("doc", "relations", "findings"), [
    ("corpus/sichuan-zhongjiang-slj-2022", 28, 4),  # a 自评表 with every separator lost (glued cells)
    ("corpus/unknown-county-bmzt-jcsj-2018", 4, 1),  # PDF text of a 基础数据表 and 指标表
    # a "|" 自评表; 22 since 政策知晓率 (target 100 with "═", done 98 %, 9 of 10) is checked as a missed target
    ("heldout4/yunnan-yongde-mlzx-xm-2022", 22, 2),
    ("heldout3/unknown-jyj-ys-2020", 4, 1),  # xls text on one line
])
def test_a_document_in_traditional_characters_is_audited_alike(doc: str, relations: int, findings: int) -> None:
    from pathlib import Path

    text = (Path(__file__).parent / doc / "doc.txt").read_text(encoding="utf-8")
    plain, traditional = audit_text(text), audit_text(_traditional_text(text))
    assert _traditional_text(text) != text

    def shown(report: AuditReport) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
        rels = sorted((r.rule, f"{r.stated}", *map(str, r.operands), r.location) for r in report.relations)
        finds: list[tuple[str, ...]] = sorted((f.rule, f.severity, f.stated, f.expected, f.location) for f in report.findings)
        return rels, finds

    assert shown(traditional) == shown(plain)
    assert (len(plain.relations), len(plain.findings)) == (relations, findings)


def test_a_line_opening_with_a_decimal_amount_goes_on_with_the_sentence() -> None:
    from jixiao.audit.documents import document_from_text

    # "74.31万元" opens no numbered item ("74." is no enumeration): the short wrapped line before it goes on
    text = ("1.一般公共预算财政拨款收入382.17万元,是本级财政当年拨来的资金。较上年减少157.86万元,下降29.2%,原因是\n"
            "上年另拨过一笔抚恤金\n74.31万元;今年没有这笔钱。\n2.上级补助收入8.38万元。")
    assert [b.line for b in document_from_text(text).blocks] == [1, 4]
    # last year 382.17 + 157.86 = 540.03: 157.86 ÷ 540.03 = 29.23 % -> 29.2 %
    assert checked(text, "yoy") == [("29.2", ("382.17", "157.86"))]
