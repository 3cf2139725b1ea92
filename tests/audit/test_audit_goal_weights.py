"""The 分值 of a 项目支出绩效自评表's 年度绩效目标 block against the 分值 stated for its first-level blocks (held-out-7's
区商务局 form, session 9: the text of a .doc form on one line, merged-cell labels after their rows). The forms are ours:
a district fund for tourism promotion with weights of our own; every expectation computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

ONE_LINE = ("旅游宣传推广资金项目自评表.doc\n"
            "2021 年区级旅游宣传推广资金项目自评表 单位名称:区文旅局 预算执行 情况(万元) (20 分) 预算数 (A) 执行数(B) "
            "执行率(B/A) 得分 (20 分*执行率) 120.00 120.00 100% 20 三级指标 年初目标值 (A) 实际完成值 (B) 得分 "
            "宣传活动场次 12 12 15 游客接待量(万人次) 80 86 15 宣传覆盖 人群 显著 显著 20 游客 满意度 90% 93% 10 "
            "二级指标 数量指标 年度 绩效 目标 (80 分) 产出指标 ({out} 分) 社会效益 指标 效益指标 ({eff} 分) "
            "满意度指标 ({sat} 分) 总分 100\n")


def test_block_weights_that_make_up_the_goal() -> None:
    text = ONE_LINE.format(out=30, eff=40, sat=10)
    assert found(text, "goal_weights") == []
    assert checked(text, "goal_weights") == [("80", ("10", "30", "40"))]


def test_block_weights_above_the_goal_are_a_hint() -> None:
    # 40 + 40 + 10 = 90 under a goal of 80: the form may score the goal out of 100 and rescale it, so a 提示
    assert found(ONE_LINE.format(out=40, eff=40, sat=10), "goal_weights") == [
        ("goal_weights", "提示", "第2行", "80", "90")]


def test_a_goal_named_only_绩效目标_is_an_indicator_not_the_goal_block() -> None:
    # a 部门整体 form: 绩效目标 (6分) is a 二级 indicator under 决策, not the block over 产出 and 效益
    text = "决策 (20分) | 绩效目标 (6分) | 目标合理性 | 3 | 3\n产出指标 (40分) | 数量 | 10 | 10\n效益指标 (30分) | 社会效益 | 10 | 9\n"
    assert checked(text, "goal_weights") == []


def test_a_block_named_twice_is_not_judged() -> None:
    text = ONE_LINE.format(out=30, eff=40, sat=10).replace("社会效益 指标", "产出指标 (20 分)")
    assert checked(text, "goal_weights") == []
