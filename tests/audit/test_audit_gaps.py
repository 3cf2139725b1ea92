"""A gap stated in percentage points, judged one way (jixiao.audit.rules.gaps) by ``points`` (a rate against
another rate the text states) and ``schedule`` (progress against the share of the year gone): the whole finding
each rule makes, and how far back each looks for what the gap names. Short texts in our own words; every figure
computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.audit import audit_text
from jixiao.audit.finding import AuditFinding
from jixiao.audit.rules.gaps import back_from

SPENDING = "全市一般公共预算支出为350.0亿元，同比增长17.3%。\n"
FILLER = "各项工作稳步推进。\n"
# a decrease is below zero: −3.2 − 17.3 = −20.5, i.e. 20.5 points below
LIVELIHOOD = "民生类支出为173.9亿元，同比下降3.2%，比一般公共预算支出增幅低{d}个百分点。"


def _only(text: str, rule: str) -> list[AuditFinding]:
    return [f for f in audit_text(text).findings if f.rule == rule]


def test_points_finding_whole() -> None:
    (f,) = _only(SPENDING + FILLER + LIVELIHOOD.format(d="19.5"), "points")
    assert (f.severity, f.location, f.line, f.stated, f.expected) == ("错误", "第3行", 3, "19.5个百分点", "低20.5个百分点")
    assert f.figures == ("本项 同比下降3.2%", "一般公共预算支出 同比增长17.3%（第1行）")  # the other rate where it stands
    assert f.explanation == ("报告称同比下降3.2%，比一般公共预算支出增幅（17.3%）低19.5个百分点；"
                             "按两者相减应低20.5个百分点。")
    assert f.quote == LIVELIHOOD.format(d="19.5")


@pytest.mark.parametrize(
    ("between", "d", "judged", "wrong"),
    [
        # the other rate two paragraphs back is read; the gap holds, or is 1 point off
        (2, "20.5", True, False),
        (2, "21.5", True, True),
        # three paragraphs back it is not looked for: nothing is judged, even a wrong gap
        (3, "21.5", False, False),
    ],
)
def test_points_reads_the_other_rate_two_paragraphs_back(between: int, d: str, judged: bool, wrong: bool) -> None:
    report = audit_text(SPENDING + FILLER * (between - 1) + LIVELIHOOD.format(d=d))
    relations = [r for r in report.relations if r.rule == "points"]
    assert [(r.stated, r.operands, r.para) for r in relations] == (
        # the relation spans two paragraphs: it is no one paragraph's
        [(Decimal(d), (Decimal("3.2"), Decimal("17.3")), None)] if judged else [])
    assert [f.expected for f in report.findings if f.rule == "points"] == (["低20.5个百分点"] if wrong else [])


PERIOD = "一季度收入运行平稳。\n"
PROGRESS = "收入完成年度预算的31.7%，超序时进度{d}个百分点。"


def test_schedule_finding_whole() -> None:
    # 一季度: 25 % of the year gone; 31.7 − 25 = 6.7 points ahead
    (f,) = _only(PERIOD + PROGRESS.format(d="7.7"), "schedule")
    assert (f.severity, f.location, f.stated, f.expected) == ("提示", "第2行", "超序时进度7.7个百分点", "超序时进度6.7个百分点")
    assert f.figures == ("进度 收入完成年度预算的31.7%", "序时进度 一季度 25.00%")
    assert f.explanation == ("报告称收入完成年度预算的31.7%，超序时进度7.7个百分点；按一季度的序时进度25.00%（按月计）计应为"
                             "超序时进度6.7个百分点。序时进度若按天数等其他口径计算，请核实。")


def test_schedule_below_the_share_of_the_year() -> None:
    # 1—8月: 8 ÷ 12 = 66.67 %; 60.0 − 66.67 = −6.67, shown to the one place of the figures: 6.7 below.
    # "低于序时进度5.7" is 1 point off; "超序时进度6.7" says the opposite direction
    text = "1-8月，全县支出完成年度预算的60.0%，{w}序时进度{d}个百分点。"
    assert [f.expected for f in _only(text.format(w="低于", d="6.7"), "schedule")] == []
    assert [f.expected for f in _only(text.format(w="低于", d="5.7"), "schedule")] == ["低于序时进度6.7个百分点"]
    assert [f.expected for f in _only(text.format(w="超", d="6.7"), "schedule")] == ["低于序时进度6.7个百分点"]


@pytest.mark.parametrize(("between", "judged"), [(5, True), (6, False)])
def test_schedule_looks_for_its_period_five_paragraphs_back(between: int, judged: bool) -> None:
    text = PERIOD + FILLER * (between - 1) + PROGRESS.format(d="7.7")
    assert [f.expected for f in _only(text, "schedule")] == (["超序时进度6.7个百分点"] if judged else [])


def test_back_from_walks_the_paragraphs_before() -> None:
    from jixiao.audit.context import Context
    from jixiao.audit.documents import document_from_text

    ctx = Context.build(document_from_text("第一段，共1项。\n第二段，共2项。\n第三段，共3项。", "<文本>"))
    last = ctx.paras[-1]
    assert [(p.index, end) for p, end in back_from(last, 4, 1)] == [(2, 4), (1, 8)]
    assert [(p.index, end) for p, end in back_from(last, 4, 5)] == [(2, 4), (1, 8), (0, 8)]
    assert [(p.index, end) for p, end in back_from(last, 4, 0)] == [(2, 4)]
