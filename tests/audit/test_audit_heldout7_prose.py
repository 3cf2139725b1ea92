"""Prose held-out-7 left unchecked (session 9), each cause on a short text in our own words in the layout met there.
Every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit.docmodel import Block
from jixiao.audit.paragraphs import spaced_offset, unspaced
from tests.audit.audit_helpers import checked, found

# A 决算公开说明 copied from a PDF's text layer: single stray spaces inside words, between a word and a year and
# around the figures (a community health centre's 收入支出 paragraphs).
SPACED = ("2023 年度支出合计 512.40 万元,与 2022年度相比,减少 40.60 万元,下降 7.3%,主要是药 品支出减少。\n"
          "2023 年度财政拨款收、支总计均为 210.00 万元。与 2022 年度相比,财政拨款收、支总计各增加 10.00 万元,"
          "增长 {r}%。\n")


def test_stray_spaces_in_prose_do_not_hide_a_comparison() -> None:
    # 40.60 ÷ (512.40 + 40.60) = 7.34 %; 10.00 ÷ (210.00 − 10.00) = 5.00 %
    text = SPACED.format(r="5.0")
    assert found(text) == []
    assert checked(text, "yoy") == [("5.0", ("10.00", "210.00")), ("7.3", ("40.60", "512.40"))]


def test_stray_spaces_in_prose_a_wrong_rate_is_found() -> None:
    # 10.00 ÷ 200.00 = 5.00 %, not 5.2 %; the finding is on the second line
    assert found(SPACED.format(r="5.2")) == [("yoy", "错误", "第2行", "5.2%", "5.00%")]


def test_unspaced_keeps_runs_and_figures_apart_and_moves_line_starts() -> None:
    block = Block(text="与 2022年度相比  减少 40 万元\n基 本支出 500 520", line=3, line_starts=((0, 3), (21, 4)))
    out = unspaced(block)
    assert out.text == "与2022年度相比  减少40万元\n基本支出500 520"
    assert out.line_starts == ((0, 3), (18, 4))
    assert out.line_at(out.text.index("基本")) == 4
    assert [spaced_offset(block.text, out.text.index(w)) for w in ("2022", "40", "基本", "500")] == [2, 15, 21, 27]


# This year's and last year's totals side by side, then the change named by what changed and 同比 before the rate
# (a city library's 部门整体支出绩效自评报告, amounts in 元).
BOTH_YEARS = ("本年度收入合计840000.00元，上年度收入合计800000.00元，收入增加{c}元，同比增长{r}%；"
              "本年度支出合计760000.00元，上年度支出合计800000.00元，支出减少40000.00元，同比下降5.00%。")


def test_named_change_with_both_years_is_checked() -> None:
    # 840000 − 800000 = 40000, 40000 ÷ 800000 = 5.00 %; 800000 − 760000 = 40000, 40000 ÷ 800000 = 5.00 %
    text = BOTH_YEARS.format(c="40000.00", r="5.00")
    assert found(text) == []
    assert checked(text, "yoy") == [
        ("40000.00", ("760000.00", "800000.00")), ("40000.00", ("800000.00", "840000.00")),
        ("5.00", ("40000.00", "760000.00", "800000.00")), ("5.00", ("40000.00", "800000.00", "840000.00"))]


def test_named_change_a_wrong_amount_and_a_wrong_rate() -> None:
    # the change 45000.00 is not 840000 − 800000 = 40000 (错误); the rate then follows the two levels: 5.00 %
    assert found(BOTH_YEARS.format(c="45000.00", r="5.00")) == [("yoy", "错误", "第1行", "45000.00元", "增加40000.00元")]
    # 40000 ÷ 800000 = 5.00 %, not 5.50 %
    assert found(BOTH_YEARS.format(c="40000.00", r="5.50")) == [("yoy", "错误", "第1行", "5.50%", "5.00%")]


def test_named_change_never_takes_last_years_figure_as_the_level() -> None:
    # without last year's total the base is 840000 − 40000 = 800000: 5.00 % (not 40000 ÷ 760000 = 5.26 %)
    text = "本年度收入合计840000.00元，收入增加40000.00元，同比增长5.00%。"
    assert checked(text, "yoy") == [("5.00", ("40000.00", "840000.00"))]
    assert found(text.replace("5.00%", "5.26%")) == [("yoy", "错误", "第1行", "5.26%", "5.00%")]


def test_padded_rate_is_a_hint() -> None:
    # 47000 ÷ 370000 = 12.7027 %: "12.700" is right at two decimals (12.70), its last 0 looks padded: 提示, not 错误
    text = ("本年度收入合计323000.00元，上年度收入合计370000.00元，收入减少47000.00元，同比下降{r}%。")
    assert found(text.format(r="12.700")) == [("yoy", "提示", "第1行", "12.700%", "12.703%")]
    assert found(text.format(r="12.703")) == []
    # 12.710 is wrong at two decimals too: 错误
    assert found(text.format(r="12.710")) == [("yoy", "错误", "第1行", "12.710%", "12.703%")]
    # at the usual two places a kept 0 states the precision: 46842 ÷ 370000 = 12.66 %, and 12.70 is an 错误
    two = "本年度收入合计323158.00元，上年度收入合计370000.00元，收入减少46842.00元，同比下降12.70%。"
    assert found(two) == [("yoy", "错误", "第1行", "12.70%", "12.66%")]


# A project's spending followed by what it was "mainly used for", each use with its amount (a county library's
# 部门整体支出绩效自评报告, amounts in 元): the uses may leave some spending out, so only uses above it are judged.
USES = "(1)免费开放项目支出120000.00元，主要用于办公费支出30000.00元，维修(护)费{m}元，其他资本性支出40000.00元买图书。"


def test_main_uses_above_the_spending_are_found() -> None:
    # 30000 + 52000 + 40000 = 122000 > 120000
    assert found(USES.format(m="52000.00")) == [("sum", "错误", "第1行", "120000.00元", "122000.00元")]


def test_main_uses_that_add_up_or_fall_short_are_no_error() -> None:
    # 30000 + 50000 + 40000 = 120000; 30000 + 45000 + 40000 = 115000 (other uses unnamed)
    assert found(USES.format(m="50000.00")) == []
    assert checked(USES.format(m="50000.00"), "sum") == [("120000.00", ("30000.00", "40000.00", "50000.00"))]
    assert found(USES.format(m="45000.00")) == []
    assert found("项目资金100.00万元，主要包括购置设备20台、培训3场。") == []
    # "主要用于以下方面：" heads the 决算 template's breakdown by 类, read by the final rules against its tables: no
    # list of uses is opened there (100.40 + 20.00 would exceed 120.00)
    assert found("财政拨款支出120.00万元，主要用于以下方面：一般公共服务支出（类）100.40万元；卫生健康支出（类）20.00万元。",
                 "sum") == []


# A count of offices followed by 即 and their names, some with their other titles in brackets and one holding 与
# (a provincial federation's 预算绩效自评报告).
OFFICES = "本会设{n}个内设机构（正处级），即办公室（机关党委、人事处）、康复部、教育就业部、组织联络与维权部（宣传部）。"


def test_a_name_holding_yu_is_one_office() -> None:
    # four offices: 办公室, 康复部, 教育就业部, 组织联络与维权部 (not 组织联络 + 维权部)
    assert found(OFFICES.format(n="4")) == []
    assert found(OFFICES.format(n="5")) == [("count", "提示", "第1行", "5个", "列出4个")]


def test_a_list_joined_by_ji_still_counts_both_offices() -> None:
    # 和 inside 劳动就业和社会保障服务所 joins no two offices; 及 before 退役军人服务站 does: five
    text = "下设{n}个事业单位（农业服务中心、劳动就业和社会保障服务所、综合执法大队、村镇建设服务中心及退役军人服务站）。"
    assert found(text.format(n="5")) == []
    assert found(text.format(n="6")) == [("count", "提示", "第1行", "6个", "列出5个")]


def test_a_count_in_chinese_numerals_after_the_names_of_its_kind() -> None:
    # 综合办公室, 数字资源部, 活动推广部, 采编服务部: four 部室 (the names end in 室 and 部)
    text = "馆内设综合办公室、数字资源部、活动推广部和采编服务部{n}个部室。"
    assert found(text.format(n="四")) == []
    assert checked(text.format(n="四"), "count") == [("4", ())]
    assert found(text.format(n="五")) == [("count", "提示", "第1行", "五个", "列出4个")]
    # the noun names no kind the items end in: not a count of the list
    assert checked("按照中央八项规定和省、市十项规定精神从严控制支出。", "count") == []


# The budget and the spending in one sentence, then the gap named by its subject and its 差异率 in the next
# (a city library's 部门整体支出绩效自评报告, amounts in 元).
GAP = "年初预算数1200000.00元，年末支出合计1500000.00元。支出合计比年初预算数多{a}元，差异率为{r}%。"


def test_gap_named_by_its_subject_in_the_next_sentence() -> None:
    # 1500000 − 1200000 = 300000; 300000 ÷ 1200000 = 25.00 %
    text = GAP.format(a="300000.00", r="25.00")
    assert found(text) == []
    assert checked(text, "budget_change") == [("25.00", ("1200000.00", "1500000.00")),
                                             ("300000.00", ("1200000.00", "1500000.00"))]


def test_gap_named_by_its_subject_wrong_amount_and_rate() -> None:
    assert found(GAP.format(a="310000.00", r="25.00")) == [
        ("budget_change", "错误", "第1行", "310000.00元", "增加300000.00元")]
    assert found(GAP.format(a="300000.00", r="26.00")) == [("budget_change", "错误", "第1行", "26.00%", "25.00%")]


def test_a_count_of_reservoirs_with_their_names_in_a_bracket() -> None:
    # "13宗(……)水库": the measure word 宗 (or 座) and the names in the bracket right after it, the noun after that
    text = "本项目对县内{n}宗(东坑、湖仔洋、新市、大湾、南坑)水库实施除险加固。"
    assert found(text.format(n="5")) == []
    assert checked(text.format(n="5"), "count") == [("5", ())]
    assert found(text.format(n="6")) == [("count", "提示", "第1行", "6宗", "列出5宗")]
    assert found("县内有3座(东坑、湖仔洋)小型水库。") == [("count", "提示", "第1行", "3座", "列出2座")]


def test_a_list_that_adds_up_at_its_full_stop_does_not_go_on() -> None:
    # 1 + 1 + 1 = 3: "设有机构2个" in the next sentence is no fourth unit (1 + 1 + 1 + 2 = 5 was a false 提示)
    text = "纳入决算编报的单位共3个。其中:行政单位1个,事业单位1个,其他单位1个。设有机构2个,内设综合办公室。"
    assert found(text) == []
    assert checked(text, "sum") == [("3", ("1", "1", "1"))]
    # items that go on in the next sentence are still read when the list needs them: 1 + 1 + 1 + 1 = 4
    going_on = "纳入决算编报的单位共4个。其中:行政单位1个,事业单位1个。其他单位1个,附属单位1个。"
    assert found(going_on) == []
    assert checked(going_on, "sum") == [("4", ("1", "1", "1", "1"))]


def test_an_item_whose_figure_lost_its_unit_leaves_only_an_excess_judged() -> None:
    # "图书资料馆4员人" (a typo of the page): its 4 has no unit, so 1 + 2 = 3 short of 7 says nothing (was a false 提示)
    text = "在职职工7人，其中副研究馆员1人，图书资料馆4员人，助理馆员2人，为财政全额拨款事业单位。"
    assert found(text) == []
    assert checked(text, "sum") == [("7", ("1", "2"))]
    # the parts that are read already exceed the total: 5 + 3 = 8 > 7
    assert found("在职职工7人，其中副研究馆员5人，图书资料馆4员人，助理馆员3人。") == [("sum", "错误", "第1行", "7人", "8人")]


# Areas of soil and water works in hm² (the ² lost in copying) and in 亩 (a county's 水土保持 transfer report).
AREAS = "完成治理水土流失面积1429.39hm,其中坡改梯25.26hm,封育治理{f}hm,保土耕作412.83hm,经果林32.49hm。"


def test_areas_in_hectares_are_summed() -> None:
    # 25.26 + 958.81 + 412.83 + 32.49 = 1429.39
    assert found(AREAS.format(f="958.81")) == []
    assert checked(AREAS.format(f="958.81"), "sum") == [("1429.39", ("25.26", "32.49", "412.83", "958.81"))]
    # 25.26 + 985.81 + 412.83 + 32.49 = 1456.39
    assert found(AREAS.format(f="985.81")) == [("sum", "错误", "第1行", "1429.39hm", "1456.39hm")]
    assert found("新建基地1250亩，其中原种基地400亩、良种基地900亩。") == [("sum", "错误", "第1行", "1250亩", "1300亩")]
    assert found("硬化道路4970平方米，其中张家寨700平方米、中寨4270平方米。") == []


# The initial and the final budget of the year's project spending, then the rate of adjustment (a provincial unit's
# 部门整体支出绩效评价报告).
ADJUSTED = "2023年度项目支出年初预算安排3707.20万元，全年预算数4972.50万元，预算调剂比例{r}%，决算数4788.13万元。"


def test_budget_adjustment_rate() -> None:
    # (4972.50 − 3707.20) ÷ 3707.20 = 34.13 %
    assert found(ADJUSTED.format(r="34.13")) == []
    assert checked(ADJUSTED.format(r="34.13"), "rate") == [("34.13", ("3707.20", "4972.50"))]
    assert found(ADJUSTED.format(r="36.13")) == [("rate", "错误", "第1行", "36.13%", "34.13%")]
    # 预算调整率 after 年初预算 and 调整后预算: (1200 − 1000) ÷ 1000 = 20.00 %
    assert found("年初预算1000.00万元，调整后预算1200.00万元，预算调整率21.00%。") == [
        ("rate", "错误", "第1行", "21.00%", "20.00%")]


def test_a_total_of_people_closing_its_sentence_after_the_posts() -> None:
    # 在职 81 + 离休 1 + 退休 67 = 149 people; the 91 posts (编制) before them are no part of the 总人数
    text = "中心事业编制人数91人，在职实有81人，离休人员1人，退休人员67人，总人数149人。中心聘用人员5人。"
    assert found(text) == []
    assert checked(text, "sum") == [("149", ("1", "67", "81"))]
    assert found("在职实有81人，离休人员1人，退休人员67人，总人数150人。") == [("sum", "提示", "第1行", "150人", "149人")]
