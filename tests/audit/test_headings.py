"""The named heading-number variants (jixiao.audit.headings): which marks each takes, and how much of a line."""

from __future__ import annotations

import re

import pytest

from jixiao.audit.align import kind
from jixiao.audit.claims import HEADING
from jixiao.audit.headings import CHAPTER, CN_NUMBER_COMMA, LEADING_NUMBER, POINTS_MARK
from jixiao.final.recognise import parse_amount


def _matched(pattern: re.Pattern[str], text: str) -> str | None:
    m = pattern.match(text)
    return m.group() if m else None


@pytest.mark.parametrize(("text", "chapter", "leading", "comma", "points"), [
    ("一、基本情况", "一、", "一、", "一、", "一、"),
    ("第二部分 评价结论", "第二部分", None, None, None),
    ("（三）产出指标（30分）", None, "（三）", None, "（三）"),
    ("（三）、产出指标", None, "（三）", "（三）、", "（三）、"),
    ("(12)资金到位率", None, "(12)", None, "(12)"),
    ("  2．预算执行率", None, "  2．", None, "  2．"),
    ("1.5万元用于培训", None, "1.", None, None),  # a decimal is no heading number for the points rule
    ("十一、其他", "十一、", "十一、", "十一、", "十一、"),
    ("一二三四、名单", "一二三四、", None, None, "一二三四、"),  # "{1,3}" variants stop at 九十九
    ("办公室、人事股", None, None, None, None),
])
def test_each_variant_takes_its_marks(text: str, chapter: str | None, leading: str | None, comma: str | None,
                                      points: str | None) -> None:
    assert (_matched(CHAPTER, text), _matched(LEADING_NUMBER, text), _matched(CN_NUMBER_COMMA, text),
            _matched(POINTS_MARK, text)) == (chapter, leading, comma, points)


@pytest.mark.parametrize(("text", "name", "weight"), [
    ("（2）支付进度（3分）：得3分。", "支付进度", "3"),
    ("②资金到位率（5分），得4.5分。", "资金到位率", "5"),
    ("12.社会效益（10分）得8分", "社会效益", "10"),
    ("预算执行率（20分）得19分", "预算执行率", "20"),
])
def test_an_indicator_heading_is_read_with_or_without_its_number(text: str, name: str, weight: str) -> None:
    m = HEADING.match(text)
    assert m is not None and (m.group("name"), m.group("max")) == (name, weight)


@pytest.mark.parametrize(("cell", "cell_kind", "amount"), [
    ("1,234.50", "N", "1234.50"), ("−12", "N", "-12"), ("1234,5", "T", None), ("12.5%", "P", None), ("-", "D", None),
])
def test_the_auditor_and_the_final_accounts_reader_take_the_same_amounts(cell: str, cell_kind: str,
                                                                       amount: str | None) -> None:
    parsed = parse_amount(cell)
    assert (kind(cell), None if parsed is None else str(parsed)) == (cell_kind, amount)
