"""compare(): claimed scores (as the seed reports state them) against jixiao's evaluation."""

from __future__ import annotations

from decimal import Decimal

from jixiao.claims import ClaimedScore, ReportClaims
from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from jixiao.review import DiffKind, Review, compare, normalize_name
from tests.frameworks.conftest import load_example

D = Decimal


def review_of(example: str, claims: ReportClaims) -> Review:
    dy = load_example(example)
    assert dy.framework is not None
    fw = get_framework(dy.framework)
    return compare(evaluate(dy, fw), claims, framework=fw)


# Wanzhou 2020 (seed 003): every score the report states.
WANZHOU = ReportClaims(
    total=D("94"),
    grade="优",
    scores=tuple(
        ClaimedScore(n, D(s))
        for n, s in [
            ("投入", "5"), ("过程", "24.5"), ("产出", "46"), ("效果", "18.5"),
            ("财政供养人员控制率", "2"), ("“三公”经费变动率", "3"), ("预算调整率", "2"), ("支付进度", "3"),
            ("指标或资金收回", "3"), ("“三公”经费控制率", "2"), ("管理制度健全性", "1"), ("资金使用合规性", "2"),
            ("预决算信息公开性和完善性", "2.5"), ("政府采购执行率", "2"), ("公务卡刷卡率", "2"),
            ("资产管理制度健全性", "2"), ("资产管理安全性", "2"), ("固定资产利用率", "1"),
            ("年度对外交往合作、开展友好城市交往工作", "4"), ("经济效益", "7"), ("社会效益", "6.5"),
            ("社会公众或服务对象满意度", "5"),
        ]
    ),
)

# Nanchang 2017 (seed 002): total, grade, two level-1 scores and three zeroed indicators.
NANCHANG = ReportClaims(
    total=D("80.71"),
    grade="良",
    scores=(
        ClaimedScore("投入", D("15"), D("15")),
        ClaimedScore("过程", D("41.46"), D("60")),
        ClaimedScore("“预算完成率”", D("0")),
        ClaimedScore("“支付进度率”", D("0")),
        ClaimedScore("“结转结余率”", D("0")),
    ),
)


def test_wanzhou_every_claim_agrees() -> None:
    rv = review_of("wanzhou-2020", WANZHOU)
    assert rv.total.kind is DiffKind.SAME and rv.total.jixiao == D("94")
    assert [r.kind for r in rv.rows] == [DiffKind.SAME] * 22
    assert rv.unclaimed == ()  # every deduction jixiao makes is one the report states
    assert rv.inconsistencies == ()
    assert rv.jixiao_grade == "优"


def test_wanzhou_changed_claim_is_a_rule_difference_with_both_scores() -> None:
    claims = ReportClaims(total=D("94.5"), scores=(ClaimedScore("管理制度健全性", D("1.5")),))
    rv = review_of("wanzhou-2020", claims)
    row = rv.row("管理制度健全性")
    assert row.kind is DiffKind.RULE
    assert (row.claimed, row.jixiao) == (D("1.5"), D("1.00"))
    assert row.reasons[0] == "报告1.5分，jixiao 1分，jixiao 多扣0.5分"
    assert row.reasons[1].startswith("jixiao「管理制度健全性」得1分（满分1.5）：“相关管理制度合法、合规、完整”未达到要求")
    assert rv.total.kind is DiffKind.RULE
    assert rv.total.reasons == ("报告94.5分，jixiao 94分，相差-0.5分",)


def test_nanchang_zeroed_indicators_agree_and_gaps_are_named() -> None:
    rv = review_of("nanchang-2017", NANCHANG)
    kinds = {r.name: r.kind for r in rv.rows}
    assert kinds == {
        "投入": DiffKind.MISSING_DATA,
        "过程": DiffKind.MISSING_DATA,
        "“预算完成率”": DiffKind.SAME,
        "“支付进度率”": DiffKind.MISSING_DATA,  # 全年 0 agrees; 上半年 not given
        "“结转结余率”": DiffKind.SAME,
    }
    progress = rv.row("支付进度率")
    assert progress.reasons[0] == (
        "报告0分在 jixiao 可能得分范围内，因报告未给出数据无法确认："
        "jixiao 已评部分得0分，缺数据部分最多3分，可能得分0～3分；已评部分与报告一致"
    )
    assert "「上半年支出率」（3分）缺数据：支付进度时点「上半年」（payments）" in progress.reasons
    process = rv.row("过程")
    # 18.71 scored, 26 missing (4+3+3+3+2+5+4+2): claimed 41.46 lies in [18.71, 44.71].
    assert (process.jixiao, process.jixiao_max) == (D("18.71"), D("44.71"))
    inputs = rv.row("投入")
    assert (inputs.jixiao, inputs.jixiao_max) == (D("3.00"), D("15.00"))
    # The report gives no 产出/效果 breakdown: the remainder is derived, not reproducible.
    assert rv.notes == (
        "报告只给出 投入15＋过程41.46 = 56.46分，未给出产出、效果的得分；由「总分」80.71分推得其余合计24.25分（满分25）",
    )
    assert rv.total.kind is DiffKind.MISSING_DATA
    assert (rv.total.jixiao, rv.total.jixiao_max) == (D("41.71"), D("84.71"))
    assert rv.inconsistencies == ()  # 80.71 is 良 under [80, 90)
    assert rv.row("社会效益").kind is DiffKind.MISSING_DATA


def test_shaoguan_total_only_differences() -> None:
    rv = review_of("shaoguan-2022", ReportClaims(total=D("100"), grade="优"))
    assert rv.total.kind is DiffKind.RULE
    assert rv.total.reasons[0] == "报告100分；即使缺数据的各项全部得满分，jixiao 总分最多98分，比报告少2分"
    adj = rv.row("预算调整率")
    assert adj.kind is DiffKind.RULE and (adj.claimed, adj.jixiao) == (D("5"), D("3.00"))
    assert adj.reasons == (
        "报告总分为满分，即本项应得满分5分；jixiao 3分",
        "jixiao「预算调整率」得3分（满分5）：预算调整率为17.47%，在区间(10.00%，20.00%]内，得3分，扣2分",
    )
    missing = sorted(r.name for r in rv.unclaimed if r.kind is DiffKind.MISSING_DATA)
    assert missing == sorted(["绩效目标设置", "公用经费控制率", "绩效目标完成率", "重点工作任务完成率",
                              "社会效益实现情况", "可持续发展情况"])
    assert rv.inconsistencies == ()  # 373.93 spent of 373.93; no “三公” category over budget


def test_guangzhou_total_is_within_reach_and_deductions_are_listed() -> None:
    rv = review_of("guangzhou-2021", ReportClaims(total=D("94.84")))
    # 49.81 scored; missing 8+3+3+4+2+20+10 = 50 → 99.81 at most; 94.84 cannot be confirmed.
    assert rv.total.kind is DiffKind.MISSING_DATA
    assert (rv.total.jixiao, rv.total.jixiao_max) == (D("49.81"), D("99.81"))
    execution = rv.row("预算执行率")
    assert execution.kind is DiffKind.NOT_CLAIMED and execution.jixiao == D("9.81")
    assert execution.reasons == (
        "jixiao「预算执行率」得9.81分（满分10）：预算执行率为98.09%，未达到目标100.00%，"
        "得分 = 10 × 98.09% ÷ 100.00% = 9.81分，扣0.19分",
    )
    assert len([r for r in rv.unclaimed if r.kind is DiffKind.MISSING_DATA]) == 7
    assert rv.inconsistencies == ()


def test_zhanjiang_full_marks_contradict_its_own_figures() -> None:
    rv = review_of("zhanjiang-2023", ReportClaims(total=D("100"), grade="优"))
    assert rv.total.kind is DiffKind.RULE
    # 51.5 scored + 42 missing (10 + 10 + 7 + 15) = 93.5 < 100
    assert rv.total.reasons[0] == "报告100分；即使缺数据的各项全部得满分，jixiao 总分最多93.5分，比报告少6.5分"
    accuracy = rv.row("预算编制准确性")
    assert accuracy.kind is DiffKind.RULE and accuracy.jixiao == D("0.00")
    assert accuracy.reasons[1] == (
        "jixiao「预算编制准确性」得0分（满分5）：预算编制准确性指标值为20.81%，在区间(20.00%，+∞)内，得0分，扣5分"
    )
    items = rv.row("“三公”经费分项控制")
    assert items.kind is DiffKind.RULE and items.jixiao == D("1.50")
    assert items.reasons[1].endswith("（因公出国（境）费实际支出13.88万元，超过预算10万元）")
    assert rv.inconsistencies == (
        "报告总分为满分100分，但支出决算1386.01万元超过年初预算1147.27万元（为预算的120.81%）",
        "报告总分为满分100分，但因公出国（境）费实际支出13.88万元超过预算10.00万元",
    )
    assert sorted(r.name for r in rv.unclaimed if r.kind is DiffKind.MISSING_DATA) == sorted(
        ["预算执行率", "信息公开", "重点工作完成率", "部门整体绩效目标实现情况"])


def test_report_contradictions_parts_total_grade_and_weight() -> None:
    claims = ReportClaims(
        total=D("95"),
        grade="良",
        scores=(
            ClaimedScore("投入", D("5")), ClaimedScore("过程", D("24.5")),
            ClaimedScore("产出", D("46")), ClaimedScore("效果", D("18.5")),
            ClaimedScore("公务卡刷卡率", D("3")),
        ),
    )
    rv = review_of("wanzhou-2020", claims)
    assert rv.inconsistencies == (
        "报告各项得分之和 投入5＋过程24.5＋产出46＋效果18.5 = 94分，与其所称「总分」95分不一致",
        "「公务卡刷卡率」报告得分3分超过该项分值2分",
        "报告总分95分按等级标准应为「优」，报告却写「良」",
    )
    assert rv.row("公务卡刷卡率").kind is DiffKind.INCONSISTENT


def test_unmatched_claim_is_named() -> None:
    rv = review_of("wanzhou-2020", ReportClaims(scores=(ClaimedScore("招商引资到位率", D("3")),)))
    row = rv.rows[0]
    assert row.kind is DiffKind.UNMATCHED
    assert row.reasons == ("报告中的「招商引资到位率」在框架「重庆市区县部门整体支出绩效评价指标体系（2020年度）」中找不到同名指标",)


def test_normalize_name_variants() -> None:
    assert normalize_name("“三公”经费变动率") == normalize_name("三公经费变动率") == normalize_name('"三公"经费变动')
    assert normalize_name("支付进度") == normalize_name("支付进度率")
    assert normalize_name("资金使用合规性") == normalize_name("资金使用 合规")
    assert normalize_name("财政供养人员控制率（2分）") == "财政供养人员控制"
    assert normalize_name("预算完成率") != normalize_name("预算调整率")
