"""时效指标 rows whose 指标值 is a date a task must be done by ("9月前", "11月底前", "2019年") and whose 完成值 is the date
it was done ("7月", "2020年"), as in held-out-4's 金寨 美丽乡村 form (pipe rows), held-out-9's 宣城 科普 form (single
spaces) and held-out-11's 鄂州 form (years). Before, such a target was no figure for ``table_score_target`` and the
row's 得分 was never held against it. A deadline is met by a date on or before it; a target naming a month is
compared only with a 完成值 naming one, a year on both sides or on neither.

Our own township 污水管网 form; figures and dates chosen by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

_FORM = """某镇2022年度污水管网改造项目绩效自评表
项目 | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
年度资金总额 | 120 | 120 | 120 | 10 | 100% | 10 |
一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
产出指标 | 数量指标 | 指标1:改造污水管网长度 | ≥3公里 | 3.2公里 | 20 | 20 | |
时效指标 | 指标1:管网改造完工时间 | 10月前 | {done} | 10 | {score} | |
指标2:竣工验收时间 | 12月底前 | 11月 | 10 | 10 | |
指标3:资金拨付完成时间 | 2022年 | {paid} | 10 | 10 | |
"""


def _form(done: str = "9月", score: str = "10", paid: str = "2022年") -> str:
    return _FORM.format(done=done, score=score, paid=paid)


def test_deadlines_met_on_or_before_are_read_and_checked() -> None:
    text = _form()
    assert found(text, "table_score_target") == []
    # 改造长度 (a figure), then the three dates: 9月 by 10月前, 11月 by 12月底前, 2022年 within 2022年
    assert checked(text, "table_score_target") == [("10", ("10",)), ("10", ("10",)), ("10", ("10",)),
                                                   ("20", ("20",))]


def test_a_missed_deadline_scored_in_full_is_a_hint() -> None:
    text = _form(done="11月", paid="2023年")
    line = text.splitlines().index("指标3:资金拨付完成时间 | 2022年 | 2023年 | 10 | 10 | |") + 1
    assert found(text, "table_score_target") == [
        ("table_score_target", "提示", f"第{line - 2}行（表2 第3行 得分）", "10", "<10"),
        ("table_score_target", "提示", f"第{line}行（表2 第5行 得分）", "10", "<10"),
    ]


def test_a_met_deadline_scored_below_full_is_a_hint_and_a_late_one_below_full_is_not_questioned() -> None:
    assert found(_form(done="8月", score="8"), "table_score_target") == [
        ("table_score_target", "提示", "第6行（表2 第3行 得分）", "8", "10")]
    assert found(_form(done="11月", score="6"), "table_score_target") == []


def test_dates_written_to_other_parts_are_not_compared() -> None:
    # a month against a 完成值 with its year ("2022年9月" for "10月前"): the years cannot be compared, nothing judged
    assert len(checked(_form(done="2022年9月"), "table_score_target")) == 3
