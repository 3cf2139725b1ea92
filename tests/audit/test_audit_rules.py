"""Each rule on short texts in other regions' wording: planted errors found, correct ones silent."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text
from jixiao.audit.rules import rule_names, select_rules


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # rate: 执行率 from 预算/支出 wording (Hunan style)
        ("全年预算数为2,468.35万元，实际支出2,416.80万元，预算执行率为96.91%。", [("rate", "错误", "96.91%", "97.91%")]),
        ("全年预算数为2,468.35万元，实际支出2,416.80万元，预算执行率为97.91%。", []),
        # rate: actual first, budget second (Nanchang style)
        ("部门预算完成数为775.6万元，预算数为1288.4万元，预算完成率为62.2%。", [("rate", "错误", "62.2%", "60.20%")]),
        # adjustment rate
        ("年初预算安排318.31万元，年中追加55.62万元，调整后预算为373.93万元，预算调整率为15.5%。",
         [("rate", "错误", "15.5%", "17.47%")]),
        # share with a named whole
        ("政府采购合同金额共计1,234.50万元。授予中小企业合同金额987.60万元，占政府采购合同金额的85.00%。",
         [("share", "错误", "85.00%", "80.00%")]),
        # sum, counts (名/人 are one family); parts well short of the total: the 其中 list may be incomplete (提示)
        ("全局共有在编人员120人，其中机关人员30人，下属事业单位人员80名。", [("sum", "提示", "120人", "110人")]),
        ("全局共有在编人员120人，其中机关人员30人，下属事业单位人员100名。", [("sum", "错误", "120人", "130人")]),
        # yoy rate and yoy direction
        ("本年“三公”经费支出28.40万元，比上年减少3.60万元，下降12.25%。", [("yoy", "错误", "12.25%", "11.25%")]),
        ("本年“三公”经费支出28.40万元，比上年减少3.60万元，增长11.25%。", [("yoy", "错误", "增长11.25%", "变动方向与比上年减少一致")]),
        # first-level scores vs total
        ("自评得分86分，其中决策15分、过程17分、产出34分、效益21分，总分86分。", [("score_total", "错误", "86分", "87分")]),
        # grade vs band
        ("经综合评价，我局整体支出绩效自评得分为88分，评价结果等次为“优”。", [("grade", "错误", "优", "良")]),
        ("经综合评价，我局整体支出绩效自评得分为90分，评价结果等次为“优”。", []),
        # indicator score above weight; deduction arithmetic
        ("（3）政府采购执行率（2分）。执行率100%。根据评分标准，本部门该项指标得3分。", [("indicator_score", "错误", "3分", "≤2分")]),
        ("（1）管理制度健全性（1.5分）。根据评分标准扣0.5分，本部门该项指标得分0.5分。", [("indicator_score", "错误", "0.5分", "1分")]),
        # unit slip
        ("政府采购预算金额为356.20元，实际采购金额为341.95万元。", [("unit", "提示", "356.20元", "356.20万元")]),  # 9600×: size alone
        ("政府采购预算金额为341.95元，实际采购金额为341.95万元。", [("unit", "错误", "341.95元", "341.95万元")]),
        # formula
        ("整体支出完成率=1386.01/1500.00×100%=100%。", [("formula", "错误", "100%", "92.40%")]),
        ("整体支出完成率=1386.01/1400.00×100%=100%。", [("formula", "提示", "100%", "99.00%")]),
        ("结余结转率=0.00/1386.01×100%=0%；完成率=(8005.58)/8161.61×100%=98.09%。", []),
        # overspend while the indicator has full marks
        ("（4）“三公”经费控制率（2分）。公务接待费预算安排12.00万元，实际支出13.86万元。本部门该项指标得2分。",
         [("overspend", "提示", "13.86万元", "≤12.00万元")]),
    ],
)
def test_rule(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


def test_tolerances() -> None:
    # 尾差: four two-decimal terms may differ by 0.02
    assert found("采购总额2,105.84万元，其中：货物33.19万元、工程2.07万元、服务2,070.59万元。") == []
    assert found("采购总额2,105.81万元，其中：货物33.19万元、工程2.07万元、服务2,070.59万元。") == [
        ("sum", "错误", "2,105.81万元", "2105.85万元")]
    # a total written to one decimal: 1.99 rounds to 2.0
    assert found("支出2.0万元，其中：车辆1.79万元，接待0.2万元。") == []
    # a share one unit off but reachable through the amounts' rounding is not reported
    assert found("基本支出共166.03万元，其中：人员经费为132.94万元，占基本支出的80.07%；公用经费为33.10万元，占基本支出的19.93%。") == []
    # truncation is not accepted
    assert found("收入合计226.86万元。其中：基本支出为166.03万元，占总支出的比重为73.19%；项目支出为60.72万元，占总支出的比重为26.77%；结转结余为0.11万元，占总支出的比重为0.04%。") == [
        ("share", "提示", "0.04%", "0.05%")]


def test_rules_can_be_listed_and_disabled() -> None:
    assert rule_names() == ["rate", "share", "sum", "yoy", "score_total", "indicator_score", "grade", "unit", "overspend",
                            "formula", "table_rate", "table_share", "table_sum", "table_change", "table_score_le_max", "table_weight_sum",
                            "table_score_sum", "table_score_rule", "table_criteria_points",
                                "table_score_target", "table_completion", "table_text",
                            "count", "staffing", "breakdown", "composition", "debt_limit", "restated", "part_le_whole", "yoy_parts",
                            # the 部门决算 rules (jixiao.final)
                            "final_table_sum", "final_totals", "final_cross_table", "final_basic_detail",
                            "final_three_public", "final_required_tables", "final_prose", "final_operating_costs",
                            "final_procurement", "final_staffing", "budget_change", "points", "schedule", "table_nature", "grand_totals",
                            "table_staffing", "table_part_sum", "table_control", "chainage", "average", "per_unit_product",
                            "equal_shares", "fund_blocks", "goal_weights", "work_totals", "table_product", "table_formula",
                            "table_path_sum", "share_amount", "year_levels", "heading_points",
                            "money_block"]
    text = "全年预算数为2,468.35万元，实际支出2,416.80万元，预算执行率为96.91%。"
    assert audit_text(text, disabled=("rate",)).findings == []
    with pytest.raises(ValueError, match="未知的规则：nope"):
        select_rules(("nope",))


# False alarms found on reports written by jixiao's own report writer; real reports use the same forms.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a ratio with a % result and no "×100%" is standard usage
        ("预算完成率=预算完成数÷预算数（报告：775.6÷1288.4＝60.2%）。", []),
        ("执行率93.26%（83 ÷ 89 = 93.26%）。", []),
        ("执行率（83 ÷ 89 = 95.26%）。", [("formula", "错误", "95.26%", "93.26%")]),
        ("执行率（83 ÷ 89 = 93.25%）。", [("formula", "提示", "93.25%", "93.26%")]),
        ("（0.6 × 100 = 60%）。", []),  # no division: read as written, not ×100 again
        ("（0.6 × 100 = 70%）。", [("formula", "错误", "70%", "60.00%")]),
        # "每…扣X分" is a rate, not a deduction
        ("（1）预算完成率（6分）。预算完成率为60.20%，低于100.00%39.8个百分点，每低于5个百分点扣2分，扣6分。本项指标得0分。", []),
        ("（3）“三公”经费分项控制（3分）。每有一类超预算扣1.5分。发生超预算1次，每次扣1.5分，扣1.5分。本项指标得1.5分。", []),
        ("（3）“三公”经费分项控制（3分）。每有一类超预算扣1.5分。发生超预算1次，每次扣1.5分，扣1.5分。本项指标得2分。",
         [("indicator_score", "错误", "2分", "1.5分")]),
        # a 其中 list ends where a new subject opens ("现有…"), even after "；"
        ("总编制数34名，其中行政编制25名、工勤编制4名、事业编制5名；现有财政供养在职人员29人，另有离退休人员39人。", []),
        ("总编制数36名，其中行政编制25名、工勤编制4名、事业编制5名；现有财政供养在职人员29人。", [("sum", "提示", "36名", "34名")]),
        # "；" alone still separates items of one list (seed 004 wording)
        ("在职人员29人，其中，行政编制人员20人、后勤服务人员4人；办证中心5人；另有离退休人员39人。", []),
        # first-level names of Guangdong frameworks; "（满分Y分）" and an unscored level add nothing
        ("自评得分：预算编制10分（满分15分），预算执行23.5分（满分35分），预算监督缺数据未评分，预算使用效益18分（满分40分），总分51.5分。", []),
        ("自评得分：预算编制10分（满分15分），预算执行23.5分（满分35分），预算监督缺数据未评分，预算使用效益18分（满分40分），总分41.5分。",
         [("score_total", "错误", "41.5分", "51.5分")]),
        ("管理效能得分28分，履职效能得分60分，总分88分。", []),
        ("管理效能得分28分，履职效能得分60分，总分86分。", [("score_total", "错误", "86分", "88分")]),
    ],
)
def test_writer_forms(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


def test_deductions_belong_to_their_indicator() -> None:
    # "本项指标得1分。" recurs under every indicator: the 扣0.5分 of the first one must not be charged to the second
    text = ("（1）管理制度健全性（1.5分）。清单3项中满足2项，存在管理制度不够健全，扣0.5分。本项指标得1分。\n\n"
            "（3）固定资产利用率（1分）。固定资产利用率为100.00%，达到目标100.00%，得满分1分。本项指标得1分。")
    assert found(text) == []
    wrong_first = text.replace("扣0.5分。本项指标得1分。", "扣0.5分。本项指标得0.5分。", 1)
    assert found(wrong_first) == [("indicator_score", "错误", "0.5分", "1分")]


def test_first_level_words_cover_bundled_frameworks() -> None:
    from jixiao.audit.claims import FIRST_LEVEL
    from jixiao.frameworks import bundled_ids, get_framework

    names = {n.name for i in bundled_ids() for n in get_framework(i).indicators}
    assert "预算编制" in names  # the check reads real framework data
    assert sorted(n for n in names if not any(w in n for w in FIRST_LEVEL)) == []
