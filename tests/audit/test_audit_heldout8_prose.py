"""Prose held-out-8 left unchecked or missed (session 10), each cause on a short text in our own words in the layout
met there. Every expectation was computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

# A unit's history: a year and the reform that set up its offices, then the offices named and counted (a prefecture
# Red Cross's 部门整体支出绩效自评报告).
OFFICES = ("县妇女联合会成立于1956年，为参照公务员法管理的群团组织；2020年机构改革后内设综合办公室、权益保障部、"
           "家庭发展部{n}个内设机构，另有妇女儿童活动中心1个事业单位。")


def test_named_offices_after_a_year_are_counted() -> None:
    # three offices are named: 综合办公室、权益保障部、家庭发展部
    assert found(OFFICES.format(n="3")) == []
    assert checked(OFFICES.format(n="3"), "count") == [("3", ())]
    # before: the year's digits made the list unreadable and no count was checked
    assert found(OFFICES.format(n="4")) == [("count", "提示", "第1行", "4个", "列出3个")]
