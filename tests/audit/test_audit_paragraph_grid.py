"""A table of names and figures pasted one cell per paragraph (blank lines between cells), every row a name and the
same number of figures, closed by its 总计 (held-out-10 湖南 应急管理厅 专项资金 分配表; the same paste of the 湖南
基础数据表 in held-out-10 益阳 and held-out-4 衡山 is read but cut, so nothing is summed there). The texts below
are our own, in that layout; every expectation was computed by hand."""

from __future__ import annotations

from tests.audit.audit_helpers import checked, found

# 1,820.00 + 2,395.00 + 1,105.50 = 5,320.50 万元; 31 + 44 + 21 = 96 个
GRID = ("（一）专项资金分配情况\n\n本年度安排专项资金5,320.50万元，支持项目共计96个，分配如下表。\n\n"
        "支持方向\n\n金额(万元)\n\n项目数量(个)\n\n农田水利设施\n\n1,820.00\n\n31\n\n"
        "农机购置补助\n\n{a}\n\n44\n\n技术培训推广\n\n1,105.50\n\n21\n\n合计\n\n5,320.50\n\n96\n\n（二）资金使用情况\n")


def test_paragraph_grid_closed_by_its_total_is_summed_in_every_column() -> None:
    # before: no table was read (the ledger reading takes one amount a row)
    text = GRID.format(a="2,395.00")
    assert found(text) == []
    assert checked(text, "table_sum") == [("5320.50", ("1105.50", "1820.00", "2395.00")), ("96", ("21", "31", "44"))]


def test_paragraph_grid_total_that_does_not_add_up() -> None:
    # 1,820.00 + 2,359.00 + 1,105.50 = 5,284.50 ≠ 5,320.50
    assert found(GRID.format(a="2,359.00")) == [("table_sum", "错误", "第31行（表1 第5行 金额(万元)）", "5,320.50", "5284.50")]


def test_paragraph_grid_not_closed_by_a_total_sums_nothing() -> None:
    # the 合计 opens the rows and the reading stops at a row with an empty cell: the rows after it may be parts too
    # (90.00 ≠ 60.00 + 20.00 is not judged)
    text = ("经费控制情况(万元)\n\n2022年决算数\n\n2023年预算数\n\n合计\n\n90.00\n\n95.00\n\n基本支出\n\n60.00\n\n61.00\n\n"
            "项目支出\n\n20.00\n\n24.00\n\n其中:培训费\n\n\n\n（一个项目一行）\n\n")
    assert found(text) == []
    assert checked(text, "table_sum") == []
