"""Relations that no clause states (parts without 其中, standard breakdowns, restated figures, limits, one-item
其中, N大 lists): short texts in our own words, each modelled on a layout met in the labelled corpus. Every
expected figure was computed by hand."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text


def found(text: str, rule: str) -> list[tuple[str, str, str, str]]:
    return [(f.severity, f.stated, f.expected, f.explanation) for f in audit_text(text).findings if f.rule == rule]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f"{r.stated}", tuple(f"{o}" for o in r.operands)) for r in audit_text(text).relations if r.rule == rule]


# --- breakdown: a head count followed by its parts without 其中 -------------------------------------------

STAFF = "人员概况：在职人员{n}人，专业技术人员57人、管理人员1人，工勤人员23人。"
PROJECTS = ("本年共实施项目{n}个（含上年转列项目5个）；年初批复的项目8个、金额985万元（含1个结转项目50万元），"
            "调整后为861.46万元；年中新增项目8个（含上年转列项目5个）；实际到位资金334.67万元。")


def test_breakdown_parts_adding_up_are_checked() -> None:
    assert checked(STAFF.format(n=81), "breakdown") == [("81", ("57", "1", "23"))]
    assert found(STAFF.format(n=81), "breakdown") == []
    assert checked(PROJECTS.format(n=16), "breakdown") == [("16", ("8", "8"))]


def test_breakdown_parts_exceeding_a_stated_whole_are_a_hint() -> None:
    assert found(PROJECTS.format(n=15), "breakdown") == [(
        "提示", "15个", "16个",
        "本年共实施项目15个，其后分述年初批复的项目8个＋年中新增项目8个＝16个，多于总数"
        "（文中未写“其中”，按各项为总数中互不重叠的组成部分计），请核实。")]


@pytest.mark.parametrize("text", [
    STAFF.format(n=80),  # no 共/合计: the figures after it are read as parts only when they add up
    STAFF.format(n=90),  # fewer than the head: the list may name only some parts
    "在职人员81人，退休人员20人，遗属人员3人。",  # other groups beside the head, not its parts
    "编制人数20人，实有人数18人，退休人员5人。",  # one figure of the same noun only
])
def test_breakdown_silent_when_the_parts_are_not_sure(text: str) -> None:
    assert found(text, "breakdown") == []
    assert checked(text, "breakdown") == []


# --- composition: “三公”经费 and its standard parts in separate paragraphs ---------------------------------

THREE = ("本院当年一般公共预算财政拨款“三公”经费决算{total}万元，比上年增加0.8万元。具体如下：\n"
         "一、因公出国（境）费：当年决算7.8万元，比上年减少1.3万元。\n"
         "二、公务用车购置及运行维护费：当年决算11.9万元，全部为公务用车运行维护费11.9万元。\n"
         "三、公务接待费：当年决算0.5万元，比上年增加0.5万元。\n")


def test_composition_of_the_three_public_expenses() -> None:
    assert checked(THREE.format(total="20.2"), "composition") == [("20.2", ("7.8", "11.9", "0.5"))]
    assert found(THREE.format(total="20.2"), "composition") == []
    assert found(THREE.format(total="21.2"), "composition") == [(
        "提示", "21.2万元", "20.20万元",
        "“三公”经费21.2万元，而文中分述的因公出国（境）费7.8万元＋公务用车购置及运行维护费11.9万元＋公务接待费0.5万元"
        "＝20.20万元（按各项金额与总额口径、年度相同计），请核实。")]


def test_composition_of_revenue_stated_a_paragraph_later() -> None:
    text = ("地方财政收入方面，全县完成{t}万元，占年度预算12000万元的95.7%。\n"
            "分项完成情况如下：\n"
            "1.税收收入完成7236万元，占年度预算6280万元的115.2%；\n"
            "2.非税收入完成4253万元，占年度预算5720万元的74.4%。\n")
    assert checked(text.format(t="11489"), "composition") == [("11489", ("7236", "4253"))]
    assert [f[:3] for f in found(text.format(t="11589"), "composition")] == [("提示", "11589万元", "11489.00万元")]


@pytest.mark.parametrize("text", [
    # a part missing: nothing to add up
    "“三公”经费支出20.2万元。公务接待费支出0.5万元，公务用车购置及运行维护费11.9万元。",
    # the parts follow a 其中: the sum rule judges that list
    "“三公”经费支出20.2万元，其中：因公出国（境）费7.8万元，公务用车购置及运行维护费11.9万元，公务接待费0.5万元。",
    # budget against actual: the parts are budgets, the whole an actual amount
    "“三公”经费决算20.2万元。因公出国（境）费预算8万元，公务用车购置及运行维护费预算12万元，公务接待费预算1万元。",
])
def test_composition_silent_without_a_complete_same_role_breakdown(text: str) -> None:
    assert found(text, "composition") == []
    assert checked(text, "composition") == []


# --- debt_limit ---------------------------------------------------------------------------------------

DEBT = ("年初债务余额135832万元，年末政府债务余额{b}万元，其中：一般债务102696万元，专项债务{s}万元；"
        "核定我县政府债务限额164635万元，其中：一般债务103097万元、专项债务61538万元{tail}。")


def test_debt_within_the_limit_is_checked() -> None:
    text = DEBT.format(b="164234", s="61538", tail="，债务未超过限额")
    assert checked(text, "debt_limit") == [("164234", ("164635",)), ("102696", ("103097",)), ("61538", ("61538",))]
    assert found(text, "debt_limit") == []


def test_debt_above_the_limit_the_text_calls_within_is_an_error() -> None:
    text = DEBT.format(b="164934", s="62238", tail="，债务未超过限额")
    assert found(text, "debt_limit") == [
        ("错误", "164934万元", "≤164635万元", "债务余额164934万元超过债务限额164635万元，而文中称未超过限额，请核实。"),
        ("提示", "62238万元", "≤61538万元", "专项债务余额62238万元超过专项债务限额61538万元，而文中称未超过限额，请核实。"),
    ]


def test_debt_above_the_limit_without_a_claim_is_a_hint() -> None:
    assert [f[:3] for f in found(DEBT.format(b="164934", s="62238", tail=""), "debt_limit")] == [
        ("提示", "164934万元", "≤164635万元"), ("提示", "62238万元", "≤61538万元")]


# --- restated: the project's funds restated in words and in the 成本 indicator ------------------------------

FORM = ("项目支出绩效自评表 项目名称 委托业务项目 项目资金 (万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 "
        "年度资金总额: 0 0 0 10 0 0 其中:本年财政拨款 90 89.974 89.974 上年结转资金 其他资金 "
        "年度总体目标 预期目标 实际完成情况 项目年初申请资金{plan}。其中:30万元安排预算编制;30万元安排审计;30万元安排设计。 "
        "全年实际支付{paid}。其中:30万元支付预算编制;30万元支付审计;29.97万元支付设计。 "
        "绩效指标 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施 "
        "产出指标(50分) 数量指标 委托业务项目数量 ≥50个 50 10 10 成本指标 项目总成本 ≤90万元 {cost} 10 10\n")


def test_restated_funds_in_other_units_and_precisions_are_checked() -> None:
    text = FORM.format(plan="900000元", paid="89.97万元", cost="90")
    assert checked(text, "restated") == [("900000", ("90",)), ("89.97", ("89.974",)), ("90", ("89.974",))]
    assert found(text, "restated") == []


def test_restated_funds_matching_no_figure_of_the_block_are_a_hint() -> None:
    assert found(FORM.format(plan="90万元", paid="88.97万元", cost="90"), "restated") == [(
        "提示", "88.97万元", "89.974万元",
        "文中全年实际支付88.97万元，与资金表中的全年执行数89.974（万元）均不相符（按两处均指本项目全部资金计），请核实。")]
    assert [f[:3] for f in found(FORM.format(plan="90万元", paid="89.97万元", cost="95"), "restated")] == [
        ("提示", "95", "89.974万元")]


def test_restated_needs_the_form_funds_block() -> None:
    # a 部门 report with a budget table: a prose amount is no restatement of one of its rows
    text = ("支出明细表\n支出内容\t计划支出数\t实际支出数\n办公费\t149.35\t39.05\n水费\t0.3\t0.25\n"
            "全年预算数373.93万元，全年实际支出355.20万元。\n")
    assert checked(text, "restated") == []


# --- part_le_whole: a 其中 naming one part ---------------------------------------------------------------

def test_single_part_of_a_total() -> None:
    ok = "收入：全年792.22万元，同比增加189.25万元。其中：财政拨款收入792.22万元，同比增加209.28万元。"
    assert checked(ok, "part_le_whole") == [("792.22", ("792.22",))]
    assert found(ok, "part_le_whole") == []
    assert found("支出合计500万元，其中人员经费600万元。", "part_le_whole") == [(
        "提示", "600万元", "≤500万元", "“其中”所列人员经费600万元大于其所属的支出合计500万元（按“其中”分解的是该总额计），请核实。")]
    # a part in another unit, or after the clause ends, is not this total's part
    assert checked("支出合计500万元，其中涉及人员12人。", "part_le_whole") == []
    assert checked("支出合计500万元，其中：以下各项略；人员经费300万元。", "part_le_whole") == []


# --- count: N大 after a list, a bare list under a counted heading, 等N个 --------------------------------------

def test_count_of_a_list_closed_by_n_da() -> None:
    text = "县政协围绕团结和民主两大主题，履行政治协商、民主监督、参政议政三大职能。"
    assert checked(text, "count") == [("2", ()), ("3", ())]
    assert found(text, "count") == []
    assert [f[:3] for f in found("履行政治协商、民主监督、参政议政、调查研究三大职能。", "count")] == [("提示", "三大", "列出4大")]
    assert found("宣传党的二十大精神和中国式现代化的实践。", "count") == []  # a name, not a count


def test_count_of_a_bare_list_under_a_heading() -> None:
    assert checked("③区级办公室2\n区城市管理委员会办公室、区查违办\n", "count") == [("2", ())]
    assert found("③区级办公室3\n区城市管理委员会办公室、区查违办\n", "count") == [(
        "提示", "3", "列出2", "报告称3，随后列出2：区城市管理委员会办公室、区查违办（列举可能不全或有合并，请核实）。")]


def test_count_of_a_sample_list() -> None:
    assert found("设序厅、平台、新型工业强州、留言板等28个展区，配有屏幕。", "count") == []
    assert checked("设序厅、平台、新型工业强州、留言板等28个展区，配有屏幕。", "count") == [("28", ())]
    assert found("设序厅、平台、新型工业强州、留言板等3个展区，配有屏幕。", "count") == [(
        "提示", "3个", "至少4个", "报告称“等3个”，但“等”之前已列出4个：序厅、平台、新型工业强州、留言板（多于所称总数），请核实。")]


# --- yoy_parts: a total's change rate implied by its parts' amounts and rates ------------------------------

REVENUE = ("全省收入2633.4亿元，完成预算的59.3%，比上年同期下降（以下简称“下降”）{rate}%，可比增长6.3%。"
           "其中：省本级收入385.4亿元，下降21.4%，可比下降0.5%；市县级收入2248亿元，下降3.1%，可比增长7.7%。")


def test_total_rate_implied_by_the_parts() -> None:
    # last year 385.4/0.786 + 2248/0.969 = 490.33 + 2319.92 = 2810.25; 2633.4/2810.25 − 1 = −6.29 %
    assert checked(REVENUE.format(rate="6.3"), "yoy_parts") == [("6.3", ("385.4", "21.4", "2248", "3.1"))]
    assert found(REVENUE.format(rate="6.3"), "yoy_parts") == []
    assert found(REVENUE.format(rate="7.3"), "yoy_parts") == [(
        "提示", "7.3%", "下降6.3%",
        "按各分项的金额与增减率（省本级收入385.4亿元，下降21.4%；市县级收入2248亿元，下降3.1%）推算上年数，合计应下降约6.3%"
        "（各增减率按四舍五入取值范围为-6.34%至-6.24%），与所称7.3%不符（按所列分项构成合计、增减率口径相同计），请核实。")]


def test_total_rate_not_judged_without_every_part_rate() -> None:
    text = "全省收入2633.4亿元，下降7.3%。其中：省本级收入385.4亿元，可比下降0.5%；市县级收入2248亿元，下降3.1%。"
    assert checked(text, "yoy_parts") == []


def test_yoy_finds_the_current_amount_under_a_shortened_name() -> None:
    text = ("全镇“三公”经费支出合计40.14万元。其中，因公出国（境）费0万元；公务用车购置及运维费30.93万元；公务接待费9.21万元。\n"
            "公务用车保有量12辆。\n"
            "其中：公务用车购置及运行维护费较上年减少1.33万元，下降{rate}%。\n")
    assert ("4.12", ("30.93", "1.33")) in checked(text.format(rate="4.12"), "yoy")  # 1.33 ÷ (30.93 + 1.33)
    assert [(f.rule, f.stated, f.expected) for f in audit_text(text.format(rate="4.30")).findings] == [
        ("yoy", "4.30%", "4.12%")]


ROWS = ("2020年度“三公”经费支出情况\n单位：万元\n经费项目\t2020年度支出\n因公出国（境）费\t0\n公务接待费\t71.53\n"
        "公务用车购置及运行维护费\t1857.23\n总“三公”经费支出\t1928.76\n\n"
        "按上表数据，2020年度全区“三公”经费总支出为{total}万元，公务接待费支出{guest}万元。\n")


def test_prose_restating_a_table_row_named_loosely() -> None:
    # table_text: the exact name first (公务接待费), then the looser one (“三公”经费总支出 = the row 总“三公”经费支出)
    text = ROWS.format(total="1928.76", guest="71.53")
    assert checked(text, "table_text") == [("1928.76", ("1928.76",)), ("71.53", ("71.53",))]
    assert found(text, "table_text") == []
    assert found(ROWS.format(total="1982.76", guest="71.53"), "table_text") == [(
        "提示", "1982.76万元", "1928.76万元",
        "正文称全区“三公”经费总1982.76万元，表1“总“三公”经费支出”一行的2020年度支出为1928.76万元（假定二者口径相同）。")]


# --- a score table cut off by the end of the document: its last block is judged when it adds up or over -----

CUT = ("项目支出绩效自评表\n一级指标\t二级指标\t三级指标\t分值\t得分\n产出指标（50分）\t数量指标\t完成数量\t25\t25\n"
       "\t质量指标\t合格率\t25\t25\n效益指标（{w}分）\t社会效益指标\t公平影响\t10\t10\n\t生态效益指标\t成本控制\t10\t10\n"
       "\t可持续影响指标\t制度健全\t{last}\t10\n\t经济效益指标\t\t\t\n")


def test_cut_score_block() -> None:
    assert ("30", ("10", "10", "10")) in checked(CUT.format(w="30", last="10"), "table_weight_sum")
    # rows may be missing after the cut: falling short is no finding, the rows are held only as ≤ the block's 分值
    assert checked(CUT.format(w="40", last="10"), "table_weight_sum") == [("50", ("25", "25")),
                                                                          ("40", ("10", "10", "10"))]
    assert [f for f in audit_text(CUT.format(w="40", last="10")).findings if f.rule == "table_weight_sum"] == []
    # but more than the block's 分值 is wrong whatever follows
    assert [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(CUT.format(w="30", last="20")).findings
            if f.rule == "table_weight_sum"] == [("table_weight_sum", "错误", "30", "40")]


def test_staffing_in_a_form_flattened_one_cell_per_line() -> None:
    form = "单位名称\n\n市数字化城市管理监督指挥中心\n\n人员编制\n\n21\n\n实有人数\n\n{n}\n\n职能职责概述\n"
    assert checked(form.format(n="21"), "staffing") == [("21", ("21",))]
    assert found(form.format(n="21"), "staffing") == []
    assert found(form.format(n="23"), "staffing") == [
        ("提示", "23人", "≤21人", "实有人数23人超过人员编制21人（可能有借调、待消化等原因，报告未写明），请核实。")]
    # a count that is not the cell after its label is not read
    assert checked("人员编制\n\n详见附表\n\n实有人数\n\n23\n", "staffing") == []


def test_share_of_a_zero_amount_needs_no_whole() -> None:
    # the list is cut off by the excerpt, so the whole cannot be inferred; 0 of any whole is 0 %
    text = "在当年“三公”经费决算里，因公出国（境）费支出决算0万元，占{p}%；公务用车购置及运行维护费支出决算8.47万"
    assert checked(text.format(p="0"), "share") == [("0", ("0",))]
    assert found(text.format(p="0"), "share") == []
    assert found(text.format(p="5"), "share") == [
        ("错误", "5%", "0%", "因公出国（境）费金额为0万元，占任何总额的比例都是0%，而报告称5%。")]
