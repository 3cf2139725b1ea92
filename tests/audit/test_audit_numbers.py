"""Figure extraction: the many ways report text writes a number."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.audit.documents import document_from_text
from jixiao.audit.numbers import extract_figures, normalize, parse_chinese_number


def figs(text: str) -> list[tuple[str, str]]:
    return [(f"{f.value:f}", f.unit) for f in extract_figures(normalize(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("政府采购支出总额 2,105.84 万元", [("2105.84", "万元")]),
        ("总收入１，２３４．５６万元，占比９８．７％", [("1234.56", "万元"), ("98.7", "%")]),
        ("资产原值13 818 432.14元", [("13818432.14", "元")]),
        ("预算三百万元，支出一千二百万元", [("300", "万元"), ("1200", "万元")]),
        ("完成率达到百分之九十五", [("95", "%")]),
        ("在职人员五十人，下降2个百分点", [("50", "人"), ("2", "个百分点")]),
        ("变动率＝-45.56% ＜0", [("-45.56", "%"), ("0", "")]),
        ("本部门该项指标得2分，分别为", [("2", "分")]),
        ("2023年7月31日前，第130届，（2）支付进度", []),
    ],
)
def test_extraction(text: str, expected: list[tuple[str, str]]) -> None:
    assert figs(text) == expected


def test_chinese_numerals() -> None:
    assert parse_chinese_number("三百") == Decimal(300)
    assert parse_chinese_number("一千二百") == Decimal(1200)
    assert parse_chinese_number("十五") == Decimal(15)
    assert parse_chinese_number("三点五") == Decimal("3.5")
    assert parse_chinese_number("一万二千") == Decimal(12000)
    assert parse_chinese_number("二〇二三") == Decimal(2023)
    assert parse_chinese_number("三公") is None


def test_labels_signs_and_flags() -> None:
    (x, a, r) = extract_figures(normalize("收入373.93万元，比上年决算数减少42.1万元，下降10.12%"))
    assert x.change is None and a.change == "-" and r.change == "-"
    assert a.label == "比上年决算数减少"
    per = extract_figures(normalize("人均外事接待费549.00元，近1.5万篇"))[0]
    assert per.per_unit and per.value == Decimal("549.00")
    assert extract_figures(normalize("媒体发稿约300篇，近200万元"))[-1].approx


def test_numbers_broken_across_pdf_lines_are_joined() -> None:
    doc = document_from_text("政府采购货物支出 33.19 万元、政府采购工程支出 2.07 万\n\n元、政府采购服务支出 2,070.59 万元。\n收入总决算\n1386.\n01万元")
    text = "".join(b.text for b in doc.blocks)
    assert ("2.07", "万元") in [(f.raw, f.unit) for f in extract_figures(text)]
    assert "1386.01万元" in text
