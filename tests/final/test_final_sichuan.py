"""The 决算 reader on the Sichuan-layout document (held out: labelled before the reader was run on it).

Thirteen tables after the 情况说明, two 经济分类 明细表 beside the 功能分类 tables, a “三公” table whose
预算数/决算数 are the top column groups, and prose with paired figures ("收、支总计各是A、B万元").
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.final.analyse import analyse

DOC = "sichuan-layout-dyrmt-2022"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_sichuan_findings_exact(rendered: dict[str, dict[str, Path]], fmt: str) -> None:
    analysis = analyse(rendered[DOC][fmt])
    fa = analysis.accounts
    assert fa.family == "sichuan"
    assert {"fiscal_econ", "gpb_econ", "gpb_project", "three_public"} <= set(fa.tables)
    three = {k: str(v.value) for k, v in fa.tables["three_public"].lines[0].values.items()}
    assert three["total.budget"] == "16.00" and three["vehicle.budget"] == "13.00" and three["vehicle.actual"] == "12.60"
    got = sorted((c.rule, c.severity or "", c.stated.replace(",", ""), c.expected.replace(",", "")) for c in analysis.failed())
    assert got == sorted([
        ("final_table_sum", "错误", "2591.99", "2591.63"),  # planted: 文化活动 项目支出 186.04 (true 186.40) in 款 20701
        ("final_table_sum", "错误", "186.40", "186.04"),  # the same cell against its row's 合计
        ("final_totals", "提示", "3904.77", "3904.76"),  # planted 0.01 plug: 支出方 总计 合计 column
        ("final_totals", "提示", "3904.77", "3904.76"),  # … against the three fund columns
        ("final_totals", "提示", "3904.77", "3904.76"),  # … against the 收入方 总计
        ("final_basic_detail", "错误", "164.65", "155.65"),  # planted: 办公费 23.40 (true 32.40)
        ("final_three_public", "错误", "14.64", "14.46"),  # planted: 决算 合计 digits swapped
        ("final_prose", "错误", "4125.49", "4171.09"),  # real: 本年收入合计 called 收入总计
        ("final_prose", "错误", "4143.91", "4171.09"),  # real: 本年支出合计 called 支出总计
        ("final_prose", "提示", "38.28%", "38.29%"),  # real: 2570.97 ÷ 6714.88 cut off instead of rounded
        ("final_prose", "错误", "6.65%", "6.55%"),  # planted share
        ("final_prose", "错误", "14.46", "14.64"),  # the prose is right; the table's planted 合计 is not
        ("final_prose", "错误", "1880.12", "1880.21"),  # planted 项 figure
    ])
