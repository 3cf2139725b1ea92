"""Prose structure on short texts in our own words, each modelled on a layout met in the labelled corpus:
which figure a change, a share or a chain refers to, where a list or a paragraph ends, and how sure a
finding is. Every expectation was computed by hand."""

from __future__ import annotations

import pytest

from jixiao.audit import audit_text


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """The relations of ``rule`` the auditor traced: (stated, operands)."""
    return [(f"{r.stated}", tuple(f"{o}" for o in r.operands)) for r in audit_text(text).relations if r.rule == rule]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the last-year amount stands before the change: a 其中 part after the rate is not last year's
        # (9.0% is read from 111.11 and nothing else; before, 109.91 was taken for last year: 1.09%)
        ("2022年本级收入完成111.11万元，比上年增长9.0%，其中税收收入109.91万元，增长14.5%；非税收入1.2万元。", []),
        ("车辆费用1618万元，比上年下降1.2%，其中：购置费414万元，比上年增长7.5%；运行费1204万元，比上年下降3.9%。", []),
        # ... and a last-year amount written before the change is still read
        ("接待费支出124万元，比上年累计支出148万元下降24万元，下降19%。", [("yoy", "错误", "19%", "16.22%")]),
        # a tiny derived base: 22.59 − 20.63 = 1.96; 1,055.4% is reached within the amounts' rounding
        ("接待费支出决算为22.59万元，较上年决算数增加20.63万元，增长1,055.4%。", []),
        # ... but not 1,100.0%
        ("接待费支出决算为22.59万元，较上年决算数增加20.63万元，增长1,100.0%。", [("yoy", "错误", "1,100.0%", "1052.55%")]),
        # a percentage run on into the next item's name (separator lost): the change belongs to the new item
        ("其中：购置支出22万元，比上年减支14万元，降低38.89%，为年初预算数22万元的100%运行维护费支出937万元，"
         "比上年减支18万元，下降1.88%。", []),
        # a share named after a part the text does not state ("税收占比") is not the share of the amount before
        ("全年一般公共预算收入完成40.5亿元，同口径增长11.9%，税收占比94%。以全年一般公共预算收入为基础，"
         "加上转移支付收入32.5亿元、调入资金28.0亿元，收入总计101.0亿元。", []),
        # a share in a 其中 sentence is of the total that sentence breaks down
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元，增长2%，税收占比81.3%。", []),
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元，增长2%，税收占比83.1%。",
         [("share", "错误", "83.1%", "81.32%")]),
        # a chain opening a sentence adds to the head of the sentence before the 其中 sentence;
        # "减" subtracts; "预算总收入" closes it (633.8 + 116.3 + 57.5 + 18.3 − 8 − 13.7 = 804.2)
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元。加上级转移支付等收入116.3亿元，上年结余57.5亿元，"
         "一般债务18.3亿元，减调出资金8亿元，减债务还本支出13.7亿元，预算总收入804.2亿元。", []),
        ("全年收入633.8亿元，增长6.3%。其中，税收收入515.4亿元。加上级转移支付等收入116.3亿元，上年结余75.5亿元，"
         "一般债务18.3亿元，减调出资金8亿元，减债务还本支出13.7亿元，预算总收入804.2亿元。",
         [("sum", "错误", "804.2亿元", "822.20亿元")]),
    ],
)
def test_prose_structure(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert found(text) == expected


def test_a_long_line_without_full_stop_ends_its_paragraph() -> None:
    # PDF text is wrapped at a page's width; a line longer than any printed line that ends without a
    # full stop (an excerpt, a lost "。") is not joined to the next one
    first = ("全州经费共支出4,855万元，比上年减支433万元，降低8.19%，主要是严格执行过紧日子的要求。"
             "其中：购置支出470万元，比上年减支1122万元，降低70.48%；运行维护费支出3758万元，比上年增支816万元，"
             "增长27.74%；接待费支出627万元，比上年减支125万元，降低16.62%；出国费支出0万元，比上年减支2万元，"
             "为年初预算数1万元的0%")
    assert len(first) > 150
    text = first + "\n州本级经费共支出1,127万元，比上年减支73万元，下降6.08%。\n"
    assert found(text) == []
    assert ("6.08", ("1127", "73")) in checked(text, "yoy")
    # a short line (a wrapped line) still runs on
    assert found("2021年州本级“三公”经费财政拨款共支出1,127万元，比上年减支\n73万元，下降6.10%。") == [("yoy", "错误", "6.10%", "6.08%")]
