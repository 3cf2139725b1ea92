"""The 决算 reader on the two held-out layouts (each labelled before the reader was first run on it).

Sichuan: thirteen tables after the 情况说明, two 经济分类 明细表 beside the 功能分类 tables, a “三公” table whose
预算数/决算数 are the top column groups, and prose with paired figures ("收、支总计各是A、B万元").
Xinjiang: the national 公开01表…公开10表 in 万元 with 类/款/项 code columns, tables after the 情况说明, and a real
rounding plug (收入总计 434.72 over 434.16 + 0.55) stated in the tables and in the prose.
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
    # the template's two 国有资本经营预算 tables share a kind and are both kept, each under its own title
    assert [(k, t.title, t.number, t.no_data) for k, t in fa.tables.items() if t.kind == "state_capital"] == [
        ("state_capital", "国有资本经营预算财政拨款收入支出决算表", 11, True),
        ("state_capital#2", "国有资本经营预算财政拨款支出决算表", 12, True)]
    assert fa.unrecognised == []
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


XINJIANG = "xinjiang-layout-urumqi-zwfw-2023"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_xinjiang_findings_exact(rendered: dict[str, dict[str, Path]], fmt: str) -> None:
    analysis = analyse(rendered[XINJIANG][fmt])
    assert analysis.accounts.family == "yunnan"  # the national 公开01表…公开10表 family
    assert [c for c in analysis.checks["final_required_tables"] if not c.ok] == []
    got = sorted((c.rule, c.severity or "", c.stated.replace(",", ""), c.expected.replace(",", "")) for c in analysis.failed())
    plug = ("提示", "434.72", "434.71")  # real: 总计 434.72 over 本年合计 434.16 + 结转和结余 0.55
    assert got == sorted([
        ("final_totals", *plug), ("final_totals", *plug),  # 收入支出决算表, both sides
        ("final_totals", *plug), ("final_totals", *plug), ("final_totals", *plug),  # 财政拨款收入支出决算表 (mirrored)
        ("final_prose", *plug), ("final_prose", *plug),  # 收入总计/支出总计，其中… in the prose
        ("final_prose", *plug), ("final_prose", *plug),  # 财政拨款收入总计/支出总计，其中…
        ("final_table_sum", "错误", "236.15", "263.15"),  # planted: 行政运行 基本支出 263.15 in 支出决算表 (款 and row)
        ("final_table_sum", "错误", "236.15", "263.15"),
        ("final_cross_table", "错误", "236.15", "263.15"),  # … and against the 一般公共预算 table (all income is 财政拨款)
        ("final_basic_detail", "错误", "260.21", "260.12"),  # planted: 人员经费合计
        ("final_cross_table", "错误", "301.27", "301.36"),  # … against the 一般公共预算 table's 基本支出
        ("final_prose", "错误", "260.12", "260.21"),  # the prose is right; the table's 人员经费合计 is not
        ("final_prose", "提示", "30.60%", "30.61%"),  # planted: share cut off
        ("final_prose", "错误", "369.40", "369.04"),  # planted: 类 amount (its share 85.00% follows the table and passes)
    ])


CHONGQING = "chongqing-layout-qijiang-glsw-2023"


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_chongqing_findings_exact(rendered: dict[str, dict[str, Path]], fmt: str) -> None:
    """The held-out Chongqing layout: 情况说明 first, 政府性基金 with figures, one 科目编码 column, “三公” by row."""
    analysis = analyse(rendered[CHONGQING][fmt])
    fa = analysis.accounts
    assert list(fa.tables) == ["summary", "income", "expenditure", "fiscal_summary", "gpb_expenditure", "gpb_basic",
                               "gov_fund", "state_capital", "three_public"]
    gov_fund = fa.tables["gov_fund"].total_line()
    assert gov_fund is not None and str(gov_fund.values["expenditure"].value) == "2341.90"
    got = sorted((c.rule, c.severity or "", c.stated.replace(",", ""), c.expected.replace(",", "")) for c in analysis.failed())
    assert got == sorted([
        ("final_table_sum", "错误", "2810.50", "2801.50"),  # planted: 公路建设 项目支出 2,810.50 printed 2,801.50 (row) …
        ("final_table_sum", "错误", "6029.64", "6020.64"),  # … and its 款 公路水路运输
        ("final_basic_detail", "错误", "228.14", "227.60"),  # planted: 差旅费 14.82 printed 14.28
        ("final_prose", "错误", "321.34", "321.43"),  # planted: 类 amount, digits swapped
        ("final_prose", "提示", "1.78%", "1.79%"),  # planted: share cut off
        ("final_operating_costs", "错误", "228.41", "228.14"),  # planted: 机关运行经费 of a 参公 unit ≠ 公用经费合计
        ("final_procurement", "错误", "1286.40", "1268.40"),  # planted: 货物 86.40 written 68.40
        ("final_staffing", "错误", "10", "9"),  # planted: 车辆 10 over 2 + 0 + 6 + 1
    ])
    # the shares of a "其中：" list take the whole of the sentence before it; 类 shares the 一般公共预算 total
    shares = {c.stated: c.operands for c in analysis.checks["final_prose"] if c.relation == "share"}
    assert shares["23.90%"] == ("2468.30", "10,328.56") and shares["82.06%"] == ("8371.54", "10,202.16")
    assert shares["1.29%"] == ("100.95", "7825.00")
