"""What the CLI says would make the report stronger: the analysis inputs a department left out."""

from __future__ import annotations

from jixiao.model import EvaluationProcess, SurveyDesign
from jixiao.model.load import parse_department
from jixiao.model.records import replace
from jixiao.report.advice import stronger_report
from tests.intake.intake_helpers import FULL
from tests.report.report_helpers import load_example


def test_wanzhou_is_told_what_its_report_lacks() -> None:
    """The example states its work, the causes of the “三公” decrease, the survey and who evaluated;
    the report it is modelled on says nothing of why spending fell short of the budgets."""
    dy, _, _ = load_example("wanzhou-2020")
    assert stronger_report(dy) == [
        "“三公”经费实际支出与预算存在差异的原因（three_public.budget_reason，工作簿“变动原因”表）",
        "全年支出与预算存在差异（未执行完或超支）的原因（budget.execution_reason，工作簿“变动原因”表）",
    ]


def test_without_its_analysis_inputs_wanzhou_is_told_all_of_them() -> None:
    dy, _, _ = load_example("wanzhou-2020")
    bare = replace(dy, **{
        "key_tasks": [replace(t, **{"done": None}) for t in dy.key_tasks],
        "three_public": replace(dy.three_public, **{"change_reason": None}),
        "survey": SurveyDesign(), "evaluation": EvaluationProcess()})
    assert stronger_report(bare) == [
        "重点任务的主要工作及成效（key_tasks[].done，工作簿“重点任务”表）："
        "「实施编制“十四五”对外工作规划」、「完成全区涉外疫情防控管理工作」、「在万外国人管理服务工作」等7项未填写",
        "“三公”经费与上年相比增减的原因（three_public.change_reason，工作簿“变动原因”表）",
        "“三公”经费实际支出与预算存在差异的原因（three_public.budget_reason，工作簿“变动原因”表）",
        "全年支出与预算存在差异（未执行完或超支）的原因（budget.execution_reason，工作簿“变动原因”表）",
        "满意度调查的开展方式、样本和对象（survey.method、sample、respondents，工作簿“自评组织”表）",
        "自评工作的组织：由谁、何时、用什么方法（evaluation.team、period、method，工作簿“自评组织”表）",
    ]


def test_a_department_that_states_its_analysis_is_told_only_what_is_still_missing() -> None:
    dy = parse_department(FULL)
    # the second task has no `done`; its 87.5% completion has a reason; every change has its reason
    assert stronger_report(dy) == [
        "重点任务的主要工作及成效（key_tasks[].done，工作簿“重点任务”表）：「债务管理」未填写",
    ]
    data = {**FULL, "key_tasks": [{**t, "done": "完成"} for t in FULL["key_tasks"]],
            "budget": {**FULL["budget"], "execution_reason": None}}
    assert stronger_report(parse_department(data)) == [
        "全年支出与预算存在差异（未执行完或超支）的原因（budget.execution_reason，工作簿“变动原因”表）",
    ]
