"""Prose relations left unchecked on the development sets (session 13, issue 10), each cause on a short text in our
own words in the layout met there; every expectation was computed by hand.

- "……财政拨款支出X万元，含人员经费a万元、公用经费b万元": the parts a "，含" clause names after a figure add up to that
  figure (held-out-11 unknown-shi-hszh: its planted 错误 was missed; the clause was only kept out of the outer list).
"""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

INCLUDED = ("本年度支出总额1268.40万元。其中一般公共预算财政拨款支出{a}万元，含人员经费{b}万元、公用经费{c}万元。"
            "年末结转结余36.12万元。")


def test_an_including_clause_after_a_part_adds_up_to_it() -> None:
    text = INCLUDED.format(a="1190.55", b="802.16", c="388.39")
    # 802.16 + 388.39 = 1190.55
    assert checked(text, "sum") == [("1190.55", ("388.39", "802.16"))]
    assert found(text) == []


def test_an_including_clause_that_misses_its_figure_is_an_error() -> None:
    text = INCLUDED.format(a="1190.55", b="802.16", c="388.93")  # 802.16 + 388.93 = 1191.09
    assert found(text) == [("sum", "错误", "第1行", "1190.55万元", "1191.09万元")]


def test_an_including_clause_after_a_lone_total() -> None:
    text = "2023年部门决算支出合计642.80万元，含基本支出518.20万元、项目支出124.60万元，较上年减少12.40万元。"
    assert checked(text, "sum") == [("642.80", ("124.60", "518.20"))]
    assert found(text) == []
    wrong = text.replace("124.60万元，", "142.60万元，")  # 518.20 + 142.60 = 660.80
    assert found(wrong) == [("sum", "错误", "第1行", "642.80万元", "660.80万元")]


def test_a_price_including_tax_is_no_breakdown() -> None:
    text = "采购监测设备一批，合同金额48.60万元，含税价款中设备费40.00万元、安装费6.10万元。"
    assert checked(text, "sum") == []
    assert found(text) == []
