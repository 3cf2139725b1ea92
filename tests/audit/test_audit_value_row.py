"""Tables copied as all their header cells first, then their one row of values (issue 10).

Held-out-10 xinjiang-wenquan (a 补助标准 by level of government, one cell per line closed by " |") and held-out-11
yunnan-kaiyuan (a two-year “三公” table pasted one cell per paragraph, three header rows, empty cells kept as
paragraphs of spaces) write no row label: the values follow the header. The documents below are our own, with our
own figures, in those two layouts.
"""

from __future__ import annotations

import time

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import checked, found


def _levels(total: str = "420元", *shares: str) -> str:
    cells = ["省级", "市级", "县级", "合计", *(shares or ("310元", "62元", "48元")), total]
    return "3、补助标准\n" + "".join(f"{c} |\n" for c in cells) + "4、资金来源及规模\n"


def test_levels_then_amounts_one_line_each() -> None:
    assert found(_levels()) == []
    assert checked(_levels(), "table_sum") == [("420", ("310", "48", "62"))]
    assert found(_levels("430元")) == [("table_sum", "错误", "第9行（表1 第2行 合计）", "430元", "420")]


def test_levels_with_an_amount_lost_are_not_read() -> None:
    text = _levels("430元", "310元", "62元")  # four headers, three amounts: which column lost its cell is unknown
    assert found(text) == []
    assert audit_text(text).relations == []


_GROUP = ["合计", "因公出国(境)费", "公务用车\n购置及运行费", "公务接待费"]
_SUB = ["小计", "公务用车\n购置费", "公务用车\n运行费"]


def _three_public(values: list[str]) -> str:
    head = ["县水利局“三公”经费预算表", "2022年预算数", "2023年预算数", *_GROUP, *_GROUP, *_SUB, *_SUB]
    cells = [*head, *(f" {v}" if v else " " for v in values), "注:“三公”经费按财政拨款口径统计。"]
    return "近三年“三公”经费逐年下降。\n\n" + "\n\n".join(cells) + "\n"


# 合计, 出国, 车小计, 车购置, 车运行, 接待 — for 2022, then for 2023; "" is an empty cell
_2022 = ["36.5", "", "24.3", "", "24.3", "12.2"]
_2023 = ["33.8", "4", "18.6", "", "18.6", "11.2"]


def test_two_years_over_the_three_public_groups() -> None:
    text = _three_public(_2022 + _2023)
    assert found(text) == []
    assert checked(text, "table_sum") == [
        ("18.6", ("0", "18.6")),  # 小计 = 购置 (empty) + 运行
        ("24.3", ("0", "24.3")),
        ("33.8", ("11.2", "18.6", "4")),  # 合计 = 出国 + 车 (its 小计) + 接待
        ("36.5", ("0", "12.2", "24.3")),
    ]


def test_a_wrong_total_of_one_year_is_an_error() -> None:
    text = _three_public([*_2022, "35.8", *_2023[1:]])
    assert found(text) == [("table_sum", "错误", "第55行（表1 第4行 合计）", "35.8", "33.8")]


def test_a_lost_empty_cell_leaves_the_table_unread() -> None:
    text = _three_public(_2022 + [v for v in _2023 if v])  # 11 cells for 12 columns: which one was lost is unknown
    assert found(text, "table_sum") == []
    assert checked(text, "table_sum") == []


def test_two_years_over_one_group_without_sub_columns() -> None:
    head = ["2022年决算数", "2023年决算数", "合计", "基本支出", "项目支出", "合计", "基本支出", "项目支出"]
    text = "\n\n".join([*head, "1250.4", "820.1", "430.3", "1320.0", "845.6", "474.4"]) + "\n"
    assert found(text) == []
    assert checked(text, "table_sum") == [("1250.4", ("430.3", "820.1")), ("1320.0", ("474.4", "845.6"))]
    text = "\n\n".join([*head, "1250.4", "820.1", "430.3", "1310.0", "845.6", "474.4"]) + "\n"
    assert found(text) == [("table_sum", "错误", "第23行（表1 第3行 合计）", "1310.0", "1320.0")]


def _reading_time(cells: int, bar: bool) -> float:
    from jixiao.audit.valuerow import value_row_tables

    unit = [f"列{k}" for k in range(40)] + ["12", "13", "14"]  # the longest header looked at, then values
    texts = (unit * (cells // len(unit) + 1))[:cells]
    lines = [f"{t} |" for t in texts] if bar else "\n\n".join(texts).split("\n")
    start = time.process_time()
    value_row_tables(lines, None, 1, frozenset())
    return time.process_time() - start


def test_reading_is_linear_in_the_cells() -> None:
    # 25 times the cells: a linear reader takes about 25 times as long, a quadratic one 625 times (CPU time)
    for bar in (True, False):
        small, big = _reading_time(2_000, bar), _reading_time(50_000, bar)
        assert big / max(small, 0.002) < 100, (bar, small, big)
