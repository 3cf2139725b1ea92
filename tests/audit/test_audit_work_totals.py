"""Works listed village by village, then the completed total of the work in a later sentence (held-out-7's 元阳 大坪乡
report, session 9). The paragraphs are ours: a township's 2022 water and road works with figures of our own; every
expectation computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

WORKS = ("建设内容:东山村委会上寨村内道路硬化{a}平方米;东山村委会下寨村内道路硬化450平方米;西河村委会河口村内道路硬化"
         "820平方米。西河村委会河口村灌溉沟渠建设300米;东山村委会上寨村灌溉沟渠建设260米。项目已于2022年10月竣工验收,"
         "完成全乡村内道路硬化1800平方米,灌溉沟渠建设560米。")


def test_completed_totals_that_are_the_sums_of_the_items() -> None:
    text = WORKS.format(a="530")
    assert found(text) == []
    # 530 + 450 + 820 = 1800 平方米; 300 + 260 = 560 米
    assert checked(text, "work_totals") == [("1800", ("450", "530", "820")), ("560", ("260", "300"))]


def test_a_completed_total_that_is_not_the_sum_is_a_hint() -> None:
    # 上寨 580: 580 + 450 + 820 = 1850 against 1800 completed
    assert found(WORKS.format(a="580")) == [("work_totals", "提示", "第1行", "1800平方米", "1850平方米")]


def test_another_figure_of_the_unit_before_the_items_leaves_the_list_uncertain() -> None:
    text = "计划硬化道路2000平方米。" + WORKS.format(a="580")
    # the planned 2000 平方米 stands before the items: the roads are not judged (the channels still are)
    assert checked(text, "work_totals") == [("560", ("260", "300"))]
    assert found(text) == []


def test_items_of_another_work_are_not_summed() -> None:
    text = "上寨村新建停车场300平方米;下寨村新建文化广场500平方米。项目已完成,完成村内道路硬化800平方米。"
    assert checked(text, "work_totals") == []


def test_a_total_without_a_word_of_completion_is_not_judged() -> None:
    text = "上寨村内道路硬化300平方米;下寨村内道路硬化500平方米。乡内道路硬化900平方米。"
    assert checked(text, "work_totals") == []
