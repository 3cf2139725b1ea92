"""Prose causes found on held-out-6 (session 8), each on a short text in our own words in the layout met there.
Every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit import audit_text


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """The relations of ``rule`` the auditor traced: (stated, operands)."""
    return [(f"{r.stated}", tuple(f"{o}" for o in r.operands)) for r in audit_text(text).relations if r.rule == rule]


# A project's 资金执行情况 line: the funds, what was used, what is left and the execution rate in one sentence.
USED = "某中心项目补助资金5.00万元,截至2023年12月31日已使用4.00万元,结余{left}万元,资金执行率{rate}%。"


def test_funds_used_and_left_in_one_sentence() -> None:
    # 4.00 ÷ 5.00 = 80 %, 5.00 − 4.00 = 1.00: the balance is neither term of the rate
    text = USED.format(left="1.00", rate="80")
    assert found(text) == []
    assert checked(text, "rate") == [("80", ("4.00", "5.00"))]
    assert checked(text, "sum") == [("1.00", ("5.00", "4.00"))]


def test_funds_used_and_left_wrong() -> None:
    # before: three amounts before the rate, nothing judged; now 4.00 ÷ 5.00 = 80.00 % against 90 %, and the
    # balance 1.50 against 5.00 − 4.00 = 1.00 (a 提示: other money may go unsaid)
    assert found(USED.format(left="1.50", rate="90")) == [
        ("rate", "错误", "90%", "80.00%"), ("sum", "提示", "1.50万元", "1.00万元")]


def test_money_carried_over_is_not_the_funds() -> None:
    # 上年结转 3 with 2 used leaves more than 1 when this year's income is added: no relation is read
    text = "上年结转资金3万元,本年已使用2万元,结余4万元。"
    assert found(text) == [] and checked(text, "sum") == []


# A provincial 自评报告: the funds allotted in full (no budget word), then "已执行" and the rate.
ALLOTTED = ("上级分两批下达我县农田水利资金,合计500万元。\n\n(一)资金投入情况。500万元已全部分解到位,其中甲镇300万元、"
            "乙镇200万元。截至目前已执行{spent}万元,预算执行率{rate}%。")


def test_rate_of_what_was_executed_against_the_allotted_funds() -> None:
    # 350 ÷ 500 = 70 %; the denominator is not in the rate's sentence, so a difference is a 提示
    assert found(ALLOTTED.format(spent="350", rate="70")) == []
    assert checked(ALLOTTED.format(spent="350", rate="70"), "rate") == [("70", ("350", "500"))]
    assert found(ALLOTTED.format(spent="350", rate="75")) == [("rate", "提示", "75%", "70.00%")]


# The number of funds or projects stated with the amount its 其中 list breaks down.
FUNDS = "2022年下达我省补助资金共{n}项,合计金额1,000万元,其中甲资金400万元、乙资金300万元、丙资金200万元、丁资金{last}万元。"
PROJECTS = ("2022年专项资金3000万元,计划实施{n}个项目。实际支付900万元。其中:甲建设项目200万元、乙示范项目300万元、"
            "丙推广项目400万元。")


def test_count_of_listed_amounts() -> None:
    # four funds listed, 400 + 300 + 200 + 100 = 1,000: "共5项" is one too many
    assert found(FUNDS.format(n=4, last=100)) == []
    assert checked(FUNDS.format(n=4, last=100), "count") == [("4", ())]
    assert found(FUNDS.format(n=5, last=100)) == [("count", "提示", "5项", "列出4项")]
    # parts falling short of the total (50 for 100): a fund may be missing from the list, the count is not judged
    assert found(FUNDS.format(n=5, last=50)) == [("sum", "提示", "1,000万元", "950.00万元")]


def test_count_of_projects_stated_sentences_before_their_list() -> None:
    # every item names a 项目: three listed (200 + 300 + 400 = 900)
    assert found(PROJECTS.format(n=3)) == [] and checked(PROJECTS.format(n=3), "count") == [("3", ())]
    assert found(PROJECTS.format(n=4)) == [("count", "提示", "4个", "列出3个")]


def test_a_list_by_another_aspect_is_not_the_counted_items() -> None:
    # four projects, their spending split by funding source (财政拨款 and 其他): no count relation
    text = "本单位参与评价的项目共4个,项目支出60万元。其中:财政拨款项目支出15万元,其他项目支出45万元。"
    assert found(text) == [] and checked(text, "count") == []


# A 资金使用情况 page: the allotment, its 其中 items, a later cut and what was allotted in the end, in one sentence.
ADJUSTED = ("2021年救助资金下达我区111万元(某财〔2020〕1号),其中低保资金100万元,孤儿保障金11万元,后调减40万元"
            "(某财〔2021〕2号),全年实际下达{result}万元,已全部划转各街道。")


def test_a_later_cut_ends_the_list_and_gives_the_amount_allotted() -> None:
    # before: the list ran on to 71 (100 + 11 + 71 = 182 against 111, a 提示); now 100 + 11 = 111 and 111 − 40 = 71
    assert found(ADJUSTED.format(result="71")) == []
    assert checked(ADJUSTED.format(result="71"), "sum") == [("111", ("100", "11")), ("71", ("111", "40"))]
    assert found(ADJUSTED.format(result="81")) == [("sum", "提示", "81万元", "71.00万元")]


def test_budget_additions_and_cuts_give_the_adjusted_budget() -> None:
    # 100 + 20 − 5 = 115
    text = "年初预算100万元,后追加20万元,调减5万元,调整后预算{result}万元。"
    assert found(text.format(result="115")) == []
    assert checked(text.format(result="115"), "sum") == [("115", ("100", "20", "5"))]
    assert found(text.format(result="125")) == [("sum", "提示", "125万元", "115.00万元")]
    # spending between the budget and the change: the change may be of something else, nothing is read
    assert checked("年初预算100万元,实际支出80万元,后追加20万元,调整后预算120万元。", "sum") == []


# A 决算说明: the year's spending total in one section, a share "占本年支出合计的" sections later.
THIS_YEAR = ("2023年度支出合计800.00万元,其中:基本支出500.00万元,项目支出300.00万元。\n\n"
             "(一)一般公共预算财政拨款支出决算总体情况\n\n2023年度一般公共预算财政拨款支出720.00万元,占本年支出合计的{share}%。")


def test_a_whole_named_for_this_year_is_the_total_named_with_the_year() -> None:
    # 本年支出合计 is 2023年度支出合计: 720.00 ÷ 800.00 = 90 %
    assert found(THIS_YEAR.format(share="90")) == []
    assert checked(THIS_YEAR.format(share="90"), "share") == [("90", ("720.00", "800.00"))]
    assert found(THIS_YEAR.format(share="95")) == [("share", "错误", "95%", "90.00%")]


# An indicator line of a 自评报告: the target amount, what was done, the completion.
TARGET = "1.成本指标:财政补助绩效目标值500.00万元,已下达补助450.00万元,完成进度{rate}%,指标评价:好"


def test_completion_against_a_target_amount() -> None:
    # 450.00 ÷ 500.00 = 90 % (before: neither amount said it was spent, nothing was judged)
    assert found(TARGET.format(rate="90")) == []
    assert checked(TARGET.format(rate="90"), "rate") == [("90", ("450.00", "500.00"))]
    assert found(TARGET.format(rate="95")) == [("rate", "错误", "95%", "90.00%")]


# A road maintenance project's 项目概况: the section by its stake numbers and its length.
SECTION = "1、项目名称:某国道路面养护工程,起点桩号k274+903,终点桩号k278+403,全长{length}公里的二级公路,路基宽12.0米。"


def test_road_length_against_its_stake_numbers() -> None:
    # 278403 − 274903 = 3500 m = 3.5 km
    assert found(SECTION.format(length="3.5")) == []
    assert checked(SECTION.format(length="3.5"), "chainage") == [("3.5", ("274", "903", "278", "403"))]
    assert found(SECTION.format(length="4.5")) == [("chainage", "提示", "4.5公里", "3.5公里")]
    # two stakes joined by 至, the length in metres in a bracket: 15850 − 12300 = 3550 m
    assert found("对K12+300至K15+850段(长3550米)实施路面修复。") == []
    assert found("对K12+300至K15+850段(长3500米)实施路面修复。") == [("chainage", "提示", "3500米", "3550米")]
    # an approximate length is not judged
    assert checked("对K12+300至K15+850段,长约3.5公里。", "chainage") == []


def test_spending_rates_worded_the_common_ways() -> None:
    # the funds received (到位) are the base of the execution rate: 90 ÷ 100 = 90 %
    assert found("项目资金到位100万元，实际支出90万元，资金执行率95%。") == [("rate", "错误", "95%", "90.00%")]
    assert found("项目资金到位100万元，实际支出90万元，资金执行率90%。") == []
    # 拨付率: paid out of what was allotted
    assert found("下达资金100万元，已拨付90万元，拨付率95%。") == [("rate", "错误", "95%", "90.00%")]
    # an investment completed against the total investment
    assert found("该项目总投资100万元，截至年底累计完成投资90万元，投资完成率95%。") == [("rate", "错误", "95%", "90.00%")]
    # a budget raised during the year: 100 + 20 = 120
    assert found("年初预算100万元，年中追加20万元，全年预算125万元。") == [("sum", "提示", "125万元", "120.00万元")]


def test_completion_rates_of_counts() -> None:
    # 18 ÷ 20 = 90 %; 190 ÷ 200 = 95 %
    assert found("项目计划完成20个村，实际完成18个村，完成率95%。") == [("rate", "错误", "95%", "90.00%")]
    assert found("计划培训200人次，实际培训190人次，完成率95%。") == []
    assert checked("计划培训200人次，实际培训190人次，完成率95%。", "rate") == [("95", ("190", "200"))]
    # "完成市目标任务B人的Z%": 2399 ÷ 2000 = 119.95 % is 120 % to a whole percent; 747 ÷ 645 = 115.81 %, not 120 %
    text = "2023年度共开展职业技能培训49期，培训2399人，完成市目标任务2000人的120%。取得合格证书的学员{n}人(共24期)，完成市级下达任务645人的120%。"
    assert found(text.format(n=774)) == []
    assert checked(text.format(n=774), "rate") == [("120", ("2399", "2000")), ("120", ("774", "645"))]
    assert found(text.format(n=747)) == [("rate", "错误", "120%", "115.81%")]


def test_a_score_then_its_first_levels() -> None:
    # "自评得分95分，其中：……": 15 + 18 + 38 + 25 = 96, not 95 (four first levels: the whole framework)
    text = "本次评价共设置一级指标4个，总分100分，自评得分{total}分，其中：决策15分，过程18分，产出38分，效益25分。"
    assert found(text.format(total="96")) == []
    assert checked(text.format(total="96"), "score_total") == [("96", ("15", "18", "38", "25"))]
    assert found(text.format(total="95")) == [("score_total", "错误", "95分", "96分")]
    # two first levels adding to less than the score may be some of them only; more than the score cannot be
    assert found("自评得分95分，其中：产出指标得分38分，效益指标得分30分。") == []
    assert found("自评得分65分，其中：产出指标得分38分，效益指标得分30分。") == [("score_total", "错误", "65分", "68分")]


def test_households_are_counted() -> None:
    # 户 is a unit of count: 600 + 300 + 100 = 1000; 50 for 100 falls short (a 提示, a 其中 may name some only)
    assert found("全县共有脱贫户1000户，其中一般脱贫户600户，低保脱贫户300户，特困供养户100户。") == []
    assert checked("全县共有脱贫户1000户，其中一般脱贫户600户，低保脱贫户300户，特困供养户100户。", "sum") == [
        ("1000", ("600", "300", "100"))]
    assert found("全县共有脱贫户1000户，其中一般脱贫户600户，低保脱贫户300户，特困供养户50户。") == [("sum", "提示", "1000户", "950户")]


def test_a_rate_after_two_budgets_or_the_funds_received() -> None:
    # 108 ÷ 120 = 90 % (the full-year budget), 108 ÷ 100 = 108 %: 95 % is neither
    text = "年初预算数100万元，全年预算数120万元，全年执行数108万元，预算执行率{rate}%。"
    assert found(text.format(rate="90")) == []
    assert checked(text.format(rate="90"), "rate") == [("90", ("108", "120"))]
    assert found(text.format(rate="108")) == []  # against the initial budget
    assert found(text.format(rate="95")) == [("rate", "错误", "95%", "90.00%")]
    # the funds received beside the budget: 88.5 ÷ 100 = 88.50 % either way
    assert found("2023年项目预算资金100万元，实际到位资金100万元，已支出资金88.5万元，预算执行率88.50%。") == []
    # 80 ÷ 90 = 88.89 % (of the funds received), 80 ÷ 100 = 80 %: 95 % is neither
    assert found("项目预算100万元，实际到位90万元，到位率90%，实际支出80万元，执行率95%。") == [("rate", "错误", "95%", "88.89%")]


def test_a_rate_against_the_whole_of_the_funds_stated_before() -> None:
    # 资金总额 100 in the sentence before: 90 ÷ 100 = 90 % (a 提示: the denominator is assumed)
    text = "项目资金总额100万元，其中：中央资金80万元，地方配套20万元。截至12月底，实际支出90万元，执行率{rate}%。"
    assert found(text.format(rate="90")) == []
    assert found(text.format(rate="95")) == [("rate", "提示", "95%", "90.00%")]


def test_execution_and_the_years_balance() -> None:
    # "全年执行95万元" is spending: 95 ÷ 100 = 95 %
    assert found("2023年度部门整体支出预算100万元，全年执行95万元，执行率90%，得分9分（分值10分）。") == [
        ("rate", "错误", "90%", "95.00%")]
    # opening balance + the year's income − its spending = the closing balance: 10 + 90 − 85 = 15 (a 提示)
    text = "2023年度年初结转和结余10.00万元，本年收入合计90.00万元，本年支出合计85.00万元，年末结转和结余{close}万元。"
    assert found(text.format(close="15.00")) == []
    assert checked(text.format(close="15.00"), "sum") == [("15.00", ("10.00", "90.00", "85.00"))]
    assert found(text.format(close="20.00")) == [("sum", "提示", "20.00万元", "15.00万元")]


# A 水利 自评报告's 实施项目情况: lengths in km broken down, then other works after "；".
LENGTHS = ("1、中小河流治理工程共治理河道{total}km，其中甲河干流 3.133km，乙沟汇入口段 0.671km；丙干流堤防工程 1 段，"
           "长 0.23km；丁护岸工程共 4 段，总长 3.47km。")


def test_lengths_in_km_and_a_comma_list_ending_at_a_semicolon() -> None:
    # 3.133 + 0.671 = 3.804 ≈ 3.80; the works after "；" are no items of the 其中 (before: read on, 14km; km no unit)
    assert found(LENGTHS.format(total="3.80")) == []
    assert checked(LENGTHS.format(total="3.80"), "sum") == [("3.80", ("3.133", "0.671"))]
    assert found(LENGTHS.format(total="3.75")) == [("sum", "错误", "3.75km", "3.804km")]
    # before: the list ran on past "；" into another statement (202377 + 87026 + 151640 against 289403, a 提示)
    text = "2018年共下达水利发展资金289403万元，其中：中央财政资金202377万元，市级财政资金87026万元；纳入本次绩效评价的资金为151640万元。"
    assert found(text) == [] and checked(text, "sum") == [("289403", ("202377", "87026"))]
    # items cut at "、" then "；" that add up as a whole stay one list
    assert checked("全年支出100万元，其中：工资福利支出60万元、商品和服务支出30万元；对个人和家庭的补助10万元。", "sum") == [
        ("100", ("60", "30", "10"))]


def test_a_colon_after_a_figure_opens_its_breakdown() -> None:
    # "总长3.47km：右岸…0.98km，左岸…2.49km" (0.98 + 2.49 = 3.47); a second colon ends the first list
    text = "护岸工程共4段，总长3.47km：右岸1段，长0.98km，左岸3段，长{left}km；堤防工程1.04km：右岸0.51km，左岸0.53km：拆除重建跌水1座。"
    assert found(text.format(left="2.49")) == []
    assert checked(text.format(left="2.49"), "sum") == [("3.47", ("0.98", "2.49")), ("1.04", ("0.51", "0.53"))]
    assert found(text.format(left="2.59")) == [("sum", "错误", "3.47km", "3.57km")]
    # a colon before what the amount is for opens no list
    assert checked("2023年安排资金467.99万元：用于本单位社会保障缴费，其余30万元用于培训。", "sum") == []
    assert checked("共发放资金100万元：甲镇70万元，乙镇30万元。", "sum") == [("100", ("70", "30"))]


def test_batches_against_their_dates() -> None:
    # three dates for "分3批" (the dates in the next sentence) and for "分三次" (in its own)
    text = ("2022年上级分{n}批向我省下达救灾资金，合计6800万元。省财政厅于2022年6月17日、9月13日、12月30日分三次将资金"
            "分解到有关市县。")
    assert found(text.format(n=3)) == []
    assert checked(text.format(n=3), "count") == [("3", ()), ("3", ())]
    assert found(text.format(n=4)) == [("count", "提示", "4批", "列出3批")]


def test_an_average_against_its_total_and_count() -> None:
    # 100万元 ÷ 500户 = 2000元; 30.5万元 ÷ 200人 = 1525元 (30万元 ÷ 200人 = 1500元)
    assert found("共发放补贴100万元，惠及农户500户，户均补贴2000元。") == []
    assert checked("共发放补贴100万元，惠及农户500户，户均补贴2000元。", "average") == [("2000", ("100", "500"))]
    assert found("共发放补贴100万元，惠及农户500户，户均补贴2500元。") == [("average", "提示", "2500元", "2000.00元")]
    assert found("全年资助学生200人，发放资助资金30.5万元，人均1500元。") == [("average", "提示", "1500元", "1525.00元")]
    assert found("全年资助学生200人，发放资助资金30万元，人均1500元。") == []
    # (an amount is read as written to the cent, the house rounding policy: 30万元 ÷ 200人 is not 1510元)
    assert found("全年资助学生200人，发放资助资金30万元，人均1510元。") == [("average", "提示", "1510元", "1500.00元")]
