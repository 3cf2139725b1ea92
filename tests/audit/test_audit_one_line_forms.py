"""The 预算执行 row of a 项目支出绩效自评表 as the one-line text of a .doc form (held-out-7's 区商务局 form, session 9):
the row's label (年度财政 资金总额) written before the header, the header's last cell stating the scoring rule
"得分 (20 分*执行率)", the row's figures right after it. Before, the figure after "得分" made it read as a row's label,
the header lost its 得分 column and no form was found. The text is ours (a district fund with our figures); every
expectation computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

FORM = ("2021 年区级会展补助资金项目自评表 单位名称:区会展办 项目名称 2021 年区级会展补助资金 预算执行 情况(万元) (20 分) "
        "一级指标 年度财政 资金总额 项目实施单位 会展服务中心 □ 3、一次性项目 □ 预算数 (A) 执行数(B) 执行率(B/A) "
        "得分 (20 分*执行率) 150.00 135.00 {rate} {score} 三级指标 年初目标值 (A) 实际完成值 (B) 得分\n")


def test_the_row_after_a_header_ending_in_its_scoring_rule_is_read() -> None:
    text = FORM.format(rate="90%", score="18")
    assert found(text) == []
    # 135.00 ÷ 150.00 = 90%; 20 × 90% = 18
    assert checked(text, "table_rate") == [("90", ("135.00", "150.00"))]
    assert checked(text, "table_score_rule") == [("18", ("20", "90"))]


def test_a_wrong_rate_in_that_row_is_found() -> None:
    assert found(FORM.format(rate="95%", score="18"), "table_rate") == [
        ("table_rate", "错误", "第1行（表1 第2行 执行率(B/A)）", "95%", "90.00%")]
