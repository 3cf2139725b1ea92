"""Prose relations left unchecked on the held-out sets (session 12): staffing against posts, the breakdowns of posts
and of staff stated side by side, a head count that lost its unit before its bracket, and a spending rate after the
amount spent and the amount left. Each cause on a short text in our own words in the layout met there (how many
documents share it is in the comment); every expectation was computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

# Staff named "实有在编在岗人员", "实有事业人员", "在岗干部职工" (held-out-10 hainan-sanya and zhejiang-lishui, held-out-9
# hunan-hengyangxian): the serving staff, judged against the posts.
IN_POST = "单位行政编制30名，实有在编在岗人员{n}名。"


def test_staff_in_post_are_judged_against_the_posts() -> None:
    assert checked(IN_POST.format(n="28"), "staffing") == [("28", ("30",))]
    assert found(IN_POST.format(n="28")) == []
    assert found(IN_POST.format(n="35")) == [("staffing", "提示", "第1行", "35名", "≤30人")]
    assert checked("2020年核定事业编制40名，实有事业人员36名，离退休人员12名。", "staffing") == [("36", ("40",))]


# The posts in a bracket right after the staff, their 人 lost in copying in the second one (held-out-9
# hunan-hengyangxian, twice in one paragraph).
BRACKETED = "局机关在岗干部职工{a}人（编制90人）。所属林场在岗干部职工{b}人（编制120），林场退休人员40人。"


def test_posts_in_a_bracket_after_the_staff() -> None:
    assert checked(BRACKETED.format(a="85", b="110"), "staffing") == [("110", ("120",)), ("85", ("90",))]
    assert found(BRACKETED.format(a="85", b="110")) == []
    assert found(BRACKETED.format(a="95", b="110")) == [("staffing", "提示", "第1行", "95人", "≤90人")]
    assert found(BRACKETED.format(a="85", b="125")) == [("staffing", "提示", "第1行", "125人", "≤120人")]


# Posts broken down by kind, then one sentence naming the offices, then the serving staff (held-out-10
# guangdong-zhanjiang; held-out-7 xizang-cl states "编制总数共计29人", its staff in the next sentence).
APART = "本单位共有编制{p}人（其中工勤编制2人）。内设3个科室：办公室、业务科、财务科。2017年末在职21人。"


def test_posts_two_sentences_before_the_staff() -> None:
    assert checked(APART.format(p="22"), "staffing") == [("21", ("22",))]
    assert found(APART.format(p="20")) == [("staffing", "提示", "第1行", "21人", "≤20人")]
    assert checked("核定机关人员编制总数共计29人（其中行政编制21人、事业编制8人）。年末机关实有人数22人。",
                   "staffing") == [("22", ("29",))]
    # a head count between them ends the pairing: the posts are the other body's
    assert checked("机关编制22人，内设3个科室。下属中心职工8人。年末在职21人。", "staffing") == []


# Posts with their kinds, then "另借调N人", then the staff at the year's end with their kinds (held-out-10
# hunan-xinshao and jiangxi-xinjian): the posts' list ends at 另 and at "年末实有"; the staff's list is the staff's;
# the serving staff are judged against the posts, each kind of staff against the posts of its kind.
POSTS_AND_STAFF = ("2020年末共有编制13人，其中行政编制8人，工勤编制1人，事业编制4人，另借调6人，年末实有人数{a}人，"
                   "其中在职人员{s}人，退休人员3人。")


def test_posts_and_staff_stated_side_by_side() -> None:
    # 8 + 1 + 4 = 13; 12 + 3 = 15. Before: 8 + 1 + 4 + 6 + 15 + 3 = 37 against 13, and the staff with the retired
    assert checked(POSTS_AND_STAFF.format(a="15", s="12"), "sum") == [("13", ("1", "4", "8")), ("15", ("12", "3"))]
    assert checked(POSTS_AND_STAFF.format(a="15", s="12"), "staffing") == [("12", ("13",))]
    assert found(POSTS_AND_STAFF.format(a="15", s="12")) == []
    # 20 serving staff on 13 posts; 20 + 3 = 23 as stated
    assert found(POSTS_AND_STAFF.format(a="23", s="20")) == [("staffing", "提示", "第1行", "20人", "≤13人")]
    # the serving part in a bracket right after the staff
    assert checked("单位编制13人，年末实有人数15人（其中在职人员12人，退休人员3人）。", "staffing") == [("12", ("13",))]
    assert found("单位编制13人，年末实有人数23人（其中在职人员20人，退休人员3人）。", "staffing") == [
        ("staffing", "提示", "第1行", "20人", "≤13人")]


BY_KIND = ("2022年中心编制数20人，其中：全额拨款事业编制15人、自收自支事业编制5人，年末在职实有人数{a}人，"
           "其中：全额拨款人员10人，自收自支事业人员{b}人。")


def test_each_kind_of_staff_against_its_posts() -> None:
    assert checked(BY_KIND.format(a="14", b="4"), "sum") == [("14", ("10", "4")), ("20", ("15", "5"))]
    assert checked(BY_KIND.format(a="14", b="4"), "staffing") == [("10", ("15",)), ("14", ("20",)), ("4", ("5",))]
    assert found(BY_KIND.format(a="14", b="4")) == []
    # 23 自收自支 staff on 5 such posts (33 staff on 20 posts in all)
    assert found(BY_KIND.format(a="33", b="23")) == [
        ("staffing", "提示", "第1行", "33人", "≤20人"), ("staffing", "提示", "第1行", "23人", "≤5人")]
    # 行政人员 against the 行政编制 named with the unit before it
    assert found("单位人员行政编制37名，实有在编在岗人员37名，其中行政人员30人，工勤人员7人。") == []
    assert checked("单位人员行政编制37名，实有在编在岗人员37名，其中行政人员30人，工勤人员7人。", "staffing") == [
        ("30", ("37",)), ("37", ("37",))]


# A head count whose 人 was lost before its bracket of parts (held-out-10 guangdong-zhanjiang): the bracket breaks
# down that count, not the staff stated before it in the clause.
LOST_UNIT = "2017年末在职21人，离退休人员{t}（其中：离休人员8人，退休人员13人，其他退休人员41人）；"


def test_a_count_that_lost_its_unit_heads_its_bracket() -> None:
    # 8 + 13 + 41 = 62. Before: "21人 against 62人"
    assert checked(LOST_UNIT.format(t="62"), "sum") == [("62", ("13", "41", "8"))]
    assert found(LOST_UNIT.format(t="62")) == []
    assert found(LOST_UNIT.format(t="60")) == [("sum", "错误", "第1行", "60人", "62人")]


# The amount spent and the amount left over, then the execution rate (held-out-10 hunan-yjt-aqsc-2022; the same
# clause with a budget stated first in held-out-6 yunnan-honghe, and with "未支" in held-out-10 unknown-xian-xczx):
# the rate is the spending over the two together.
SPENT_LEFT = "截至2023年4月10日，项目资金共支出5,995.28万元，结余资金2,529.78万元，资金执行率为{r}%。"


def test_an_execution_rate_over_spent_plus_left() -> None:
    # 5995.28 ÷ (5995.28 + 2529.78) = 5995.28 ÷ 8525.06 = 70.325 %
    assert checked(SPENT_LEFT.format(r="70.33"), "rate") == [("70.33", ("5995.28", "8525.06"))]
    assert found(SPENT_LEFT.format(r="70.33")) == []
    assert found(SPENT_LEFT.format(r="73.33")) == [("rate", "提示", "第1行", "73.33%", "70.33%")]
    # a third amount in the sentence (a budget) leaves the rate to the rules that name it
    assert checked("预算9000万元，共支出6000万元，结余资金3000万元，资金执行率为66.67%。", "rate") == [
        ("66.67", ("6000", "9000"))]


# A budget, the amount paid out ("随月发放"), what is left (held-out-10 shaanxi-qishan; "发放" also states the amount
# paid in held-out-10 shaanxi-qishan's "全年发放3957.55万元" and the 补贴 notices of held-out-8): 发放 is spending.
PAID_OUT = "县级年初预算1887.85万元，随月发放1692.02万元，结余{left}万元。"


def test_an_amount_paid_out_is_spending() -> None:
    # 1887.85 − 1692.02 = 195.83
    assert checked(PAID_OUT.format(left="195.83"), "sum") == [("195.83", ("1692.02", "1887.85"))]
    assert found(PAID_OUT.format(left="195.83")) == []
    assert found(PAID_OUT.format(left="185.83")) == [("sum", "提示", "第1行", "185.83万元", "195.83万元")]


# A standard per person and per year in a year's report (held-out-10 yunnan-xsbn: "按每人每年2000元标准"), and one per
# square metre (held-out-10 yunnan-nanhua: "按每平方米3100元测算"): the quantity times the standard.
PER_YEAR = "我州已命名{n}名项目代表性传承人，按每人每年2000元标准，共需资金34.80万元。"


def test_a_yearly_standard_per_person() -> None:
    # 174 × 2000元 = 348000元 = 34.80万元
    assert checked(PER_YEAR.format(n="174"), "per_unit_product") == [("34.80", ("174", "2000"))]
    assert found(PER_YEAR.format(n="174")) == []
    # 184 × 2000元 = 36.80万元
    assert found(PER_YEAR.format(n="184")) == [("per_unit_product", "提示", "第1行", "34.80万元", "36.80万元")]
    # "元/人·年" likewise; a number of years in the sentence leaves it alone (paid three times)
    assert checked("补助标准为800元/人·年，共1200人，发放96万元。", "per_unit_product") == [("96", ("1200", "800"))]
    assert checked("共1200人，按每人每年800元标准，三年发放288万元。", "per_unit_product") == []
    # a standard per person and per month still needs the months
    assert checked("共1200人，按每人每月800元标准，发放96万元。", "per_unit_product") == []


def test_a_standard_per_square_metre() -> None:
    # 1290.3 × 3100元 = 3999930元 = 399.993万元, stated to the whole 万元 as 400
    assert checked("建成冷库1290.3平方米，按每平方米3100元测算，投资400万元。", "per_unit_product") == [
        ("400", ("1290.3", "3100"))]
    assert found("建成冷库1290.3平方米，按每平方米3100元测算，投资400万元。") == []
    # 1290.3 × 3500元 = 451.6050万元
    assert found("建成冷库1290.3平方米，按每平方米3500元测算，投资400万元。") == [
        ("per_unit_product", "提示", "第1行", "400万元", "451.61万元")]


# The funds of the projects looked at ("评价金额为9,653.00万元", "涉及金额11,218.75万元"), then two dates, each with the
# funds arrived and the 到位率 in its own clause group (held-out-10 hunan-yjt-aqsc-2022 and -2023): each rate is the
# amount of its clause over those funds.
ARRIVED = ("本次现场评价项目215个，评价金额为9,653.00万元。截至2022年12月31日，专项资金到位8,084.06万元，到位率83.75%；"
           "截至2023年4月10日，专项资金到位8,525.06万元，到位率{r}%。")


def test_arrival_rates_clause_by_clause_over_the_funds_looked_at() -> None:
    # 8084.06 ÷ 9653 = 83.746 %; 8525.06 ÷ 9653 = 88.315 %
    assert checked(ARRIVED.format(r="88.32"), "rate") == [("83.75", ("8084.06", "9653.00")),
                                                          ("88.32", ("8525.06", "9653.00"))]
    assert found(ARRIVED.format(r="88.32")) == []
    assert found(ARRIVED.format(r="85.32")) == [("rate", "提示", "第1行", "85.32%", "88.32%")]
    # a clause before the rate's that states a budget of its own: that budget is another item's, nothing is judged
    assert checked("甲项目预算50万元，支出40万元，执行率80%；乙项目支出30万元，执行率60%。", "rate") == [
        ("80", ("40", "50"))]


# Standards written "亩均投入1500元" over an area in 万亩 (高标准农田), and "每生每年补助1000元" over a number of students
# (义务教育 subsidies): before, "亩均" made 1500元 a level the unit rule took for 1500万元.
def test_a_standard_per_mu_over_an_area_in_ten_thousands() -> None:
    # 1.2万亩 × 1500元 = 18000000元 = 1800万元
    farmland = "高标准农田建设面积1.2万亩，亩均投入1500元，总投资{t}万元。"
    assert checked(farmland.format(t="1800"), "per_unit_product") == [("1800", ("1.2", "1500"))]
    assert found(farmland.format(t="1800")) == []
    assert found(farmland.format(t="2000")) == [("per_unit_product", "提示", "第1行", "2000万元", "1800.00万元")]


def test_a_standard_per_student_and_year() -> None:
    # 1200 × 1000元 = 120万元
    students = "补助学生{n}人，每生每年补助1000元，共发放补助资金120万元。"
    assert checked(students.format(n="1200"), "per_unit_product") == [("120", ("1000", "1200"))]
    assert found(students.format(n="1200")) == []
    # 1250 × 1000元 = 125万元
    assert found(students.format(n="1250")) == [("per_unit_product", "提示", "第1行", "120万元", "125.00万元")]


# The funds with their 其中 list, then the amount paid and its rate in the same sentence: the parts are no term.
FUNDS_PAID = "资金总额500万元，其中中央资金300万元、省级资金200万元，截至12月31日已支付450万元，支付率{r}%。"


def test_the_parts_of_the_funds_are_no_term_of_the_rate() -> None:
    # 450 ÷ 500 = 90 %
    assert checked(FUNDS_PAID.format(r="90"), "rate") == [("90", ("450", "500"))]
    assert found(FUNDS_PAID.format(r="90")) == []
    assert found(FUNDS_PAID.format(r="95"), "rate") == [("rate", "错误", "第1行", "95%", "90.00%")]
    # a balance worked out from the funds and the spending ("结余0万元") is no breakdown: the rate is still judged
    assert checked("补助资金2.00万元，已使用2.00万元，结余0万元，资金执行率100%。", "rate") == [("100", ("2.00", "2.00"))]


def test_per_thing_words_only_before_a_standard() -> None:
    from jixiao.audit.numbers import extract_figures

    assert [f.per_unit for f in extract_figures("亩均投入1500元，生均公用经费800元")] == [True, True]
    # 均衡 and 学生均已 name no standard: the amounts are levels
    assert [f.per_unit for f in extract_figures("学校均衡发展资金500万元，学生均已领取补助120万元")] == [False, False]


def test_a_head_count_broken_down_in_its_own_unit_is_a_sum_not_a_list_of_names() -> None:
    """"实有人员30人（其中：在职26人，退休4人）" breaks 30 down into parts counted in 人: the sum rule judges it, the count
    rule (names listed against a number) does not; a list of names still is counted, also when each name has a head
    count in another unit."""
    from jixiao.audit.api import audit_text

    def found(text: str) -> list[tuple[str, str, str, str]]:
        return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]

    assert found("实有人员30人（其中：在职26人，退休4人）。") == []
    assert found("实有人员30人（其中：在职26人，退休3人）。") == [("sum", "提示", "30人", "29人")]
    assert found("共有3个科室：办公室5人、财务科3人。") == [("count", "提示", "3个", "列出2个")]
