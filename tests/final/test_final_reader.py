"""The 决算 reader on the Shanghai-layout document (real figures of a published 决算), in all three formats."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.final.analyse import analyse
from jixiao.final.mapping import map_accounts, to_department

DOC = "shanghai-putuo-sthjj-2025"
KINDS = ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic", "three_public",
         "gov_fund", "state_capital"]


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_tables_recognised(rendered: dict[str, dict[str, Path]], fmt: str) -> None:
    fa = analyse(rendered[DOC][fmt]).accounts
    assert fa.unit_name == "上海市普陀区生态环境局"
    assert fa.year == 2025
    assert fa.family == "national"
    assert list(fa.tables) == KINDS
    assert all(t.unit == "万元" for t in fa.tables.values())
    assert [k for k, t in fa.tables.items() if t.no_data] == ["gov_fund", "state_capital"]
    exp = fa.tables["expenditure"]
    assert len(exp.coded()) == 31  # every 类/款/项 row, also across the page break in the PDF
    assert [ln.code for ln in exp.coded() if ln.level == "类"] == ["208", "210", "211", "221"]
    total = exp.total_line()
    assert total is not None and total.values["project"].value == Decimal("1367.76")
    basic = fa.tables["gpb_basic"]
    staff = basic.find("人员经费合计")
    assert staff is not None and staff.values["actual"].value == Decimal("2949.02")
    assert len([ln for ln in basic.lines if len(ln.code) == 5]) == 60
    three = fa.tables["three_public"].lines[0].values
    assert {k: str(v.value) for k, v in three.items()} == {
        "total.budget": "21.00", "total.actual": "16.95", "outbound.budget": "0.00", "outbound.actual": "0.00",
        "vehicle.budget": "20.50", "vehicle.actual": "16.95", "vehicle_purchase.budget": "0.00",
        "vehicle_purchase.actual": "0.00", "vehicle_operation.budget": "20.50", "vehicle_operation.actual": "16.95",
        "reception.budget": "0.50", "reception.actual": "0.00"}
    if fmt == "pdf":
        assert fa.tables["expenditure"].continued == 1  # the table runs onto the next page, header repeated
        assert len(fa.tables["expenditure"].pages) == 2


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_findings_exact(rendered: dict[str, dict[str, Path]], fmt: str) -> None:
    failed = analyse(rendered[DOC][fmt]).failed()
    got = sorted((c.rule, c.severity or "", c.stated.replace(",", ""), c.expected.replace(",", "")) for c in failed)
    assert got == sorted([
        ("final_table_sum", "提示", "1367.76", "1367.75"),  # real: 项目支出 合计 vs its 类 (rounding plug)
        ("final_table_sum", "提示", "3742.47", "3742.46"),  # real: 节能环保支出 row, 支出决算表
        ("final_table_sum", "提示", "3742.47", "3742.46"),  # same row, 一般公共预算表
        ("final_table_sum", "提示", "1576.19", "1576.18"),
        ("final_table_sum", "提示", "1576.19", "1576.18"),
        ("final_table_sum", "提示", "1493.39", "1493.38"),
        ("final_table_sum", "提示", "1493.39", "1493.38"),
        ("final_table_sum", "提示", "4733.14", "4733.13"),  # real: 一般公共预算表 合计 row (1367.75 there)
        ("final_totals", "错误", "4733.14", "4733.23"),  # planted: 卫生健康支出 109.43 in the summary table
        ("final_cross_table", "错误", "109.34", "109.43"),
        ("final_cross_table", "提示", "1367.75", "1367.76"),  # real: 项目支出 1367.75 vs 1367.76 between tables
        ("final_basic_detail", "提示", "14.44", "14.43"),  # real: 资本性支出 vs its items
        ("final_basic_detail", "提示", "416.36", "416.37"),  # real: 公用经费合计
        ("final_prose", "提示", "79.06%", "79.07%"),  # planted: share truncated
        ("final_prose", "错误", "379.69", "379.96"),  # planted: 大气（项） digits swapped in the prose
        ("final_prose", "提示", "4628.17", "4628.16"),  # real: the 项 budgets listed add to 4628.16
    ])


def test_mapping_keeps_sources(rendered: dict[str, dict[str, Path]]) -> None:
    fa = analyse(rendered[DOC]["pdf"]).accounts
    mapped = {m.path: m for m in map_accounts(fa)}
    dy, findings = to_department(fa, list(mapped.values()))
    assert findings == [] and dy is not None
    assert dy.expenditure.total == Decimal("4733.14")
    assert dy.expenditure.basic == Decimal("3365.38")
    assert dy.expenditure.project == Decimal("1367.76")
    assert dy.expenditure.personnel == Decimal("2949.02")
    assert dy.three_public.actual_total == Decimal("16.95")
    assert mapped["expenditure.basic"].sources == ("支出决算表「合计」行「基本支出」列（第8页 表5 第3行第4列）",)
    assert mapped["revenue.fiscal_appropriation"].sources[0].startswith("收入决算表「合计」行「财政拨款收入」列（第5页")
