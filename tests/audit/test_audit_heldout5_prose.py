"""Prose causes found on held-out-5 (session 7), each on a short text in our own words in the layout met there.
Every expectation was computed by hand."""

from __future__ import annotations

from jixiao.audit import audit_text
from jixiao.audit.numbers import normalize


def found(text: str) -> list[tuple[str, str, str, str]]:
    return [(f.rule, f.severity, f.stated, f.expected) for f in audit_text(text).findings]


def checked(text: str, rule: str) -> list[tuple[str, tuple[str, ...]]]:
    """The relations of ``rule`` the auditor traced: (stated, operands)."""
    return [(f"{r.stated}", tuple(f"{o}" for o in r.operands)) for r in audit_text(text).relations if r.rule == rule]


# A 三公 section on a mirror site that prints traditional characters (萬元, 經費, 決算, 佔).
TRADITIONAL = (
    "某局2020年度“三公”經費財政撥款支出決算為20.50萬元,完成預算30萬元的68.3%。其中:因公出國(境)費支出決算為6.2萬元,"
    "完成預算8萬元的77.5%;公務用車購置及運行費支出決算為9.3萬元,完成預算15萬元的60.0%;公務接待費支出決算為5.0萬元,"
    "完成預算7萬元的71.4%。"
)


def test_traditional_characters_are_read_as_simplified() -> None:
    # 9.3 ÷ 15 = 62.00 %, not 60.0 %; 6.2 + 9.3 + 5.0 = 20.50 and 8 + 15 + 7 = 30 hold
    assert found(TRADITIONAL) == [("rate", "错误", "60.0%", "62.00%")]
    assert checked(TRADITIONAL, "sum") == [("20.50", ("6.2", "9.3", "5.0")), ("30", ("8", "15", "7"))]
    assert [s for s, _ in checked(TRADITIONAL, "rate")] == ["68.3", "77.5", "60.0", "71.4"]
    finding = audit_text(TRADITIONAL).findings[0]
    assert "公务用车购置及运行费支出决算为9.3万元" in finding.quote and "萬" not in finding.quote


def test_traditional_characters_keep_offsets() -> None:
    # one character for one: a figure's position in the text does not move
    assert normalize("經費撥款決算為17.06萬元,佔45.7%") == "经费拨款决算为17.06万元,占45.7%"
    assert normalize("調整後預算用於") == "调整后预算用于"
    # a traditional form that is also an everyday simplified word stays (显著)
    assert normalize("效果顯著") == "效果显著"


# A 三公 budget whose car item nests its two parts in brackets, the bracket closed after a full stop, the item's
# change after the bracket, and the list going on.
NESTED = (
    "2023年本部門安排“三公”經費35.5萬元,比上年減少4.5萬元,下降11.25%。其中:因公出國(境)費0萬元;"
    "公務用車購置及運行費30.00萬元(購置費10.00萬元;運行維護費20.00萬元,與上年持平。)比上年減少2萬元;"
    "公務接待費{reception}萬元,比上年減少2.5萬元。"
)


def test_full_stop_closing_a_bracket_does_not_end_the_list() -> None:
    # 0 + 30.00 + 5.5 = 35.5: before, the list ended at "。)" and 0 + 30.00 = 30.00 was taken for the total (a false 错误)
    text = NESTED.format(reception="5.5")
    assert found(text) == []
    assert checked(text, "sum") == [("35.5", ("0", "30.00", "5.5")), ("4.5", ("2", "2.5"))]
    # ... and a part that does not add up is still found: 0 + 30.00 + 6.5 = 36.50
    assert found(NESTED.format(reception="6.5")) == [("sum", "错误", "35.5万元", "36.50万元")]
