"""Pipe rows under a two-row header whose lower row repeats 金额 | 比例 under some upper cells (issue 10).

Held-out-12 hebei-swt-dzsw pastes an allocation table one row a line with its empty cells piled at the line's end:
序号 | 时间 | 省本级 | 转移支付 | 合计 over 金额 | 比例 | 金额 | 比例, rows of seven cells and a 合计 row whose label spans
序号 and 时间. Nothing of it was read (1 of 15 relations checked). The table below is our own, with our own figures, in
that layout; held-out-8 guangdong-lechang has the same header shape with three amount columns a group, where the
cells cannot tell which upper cells the groups stand under, and is left unread (as the last test shows).
"""

from __future__ import annotations

import time

from tests.audit.audit_helpers import checked, found


def _table(share_2022: str = "62.5%", total_city: str = "1110") -> str:
    return ("农村公路养护资金分配表\n"
            "序号 | 年度 | 市本级 | 县区 | 合计 | ||\n"
            "金额 | 比例 | 金额 | 比例 | |||\n"
            "1 | 2021年 | 360 | 30% | 840 | 70% | 1200 |\n"
            f"2 | 2022年 | 450 | 37.5% | 750 | {share_2022} | 1200 |\n"
            "3 | 2023年 | 300 | 20% | 1200 | 80% | 1500 |\n"
            f"合计 | {total_city} | 28.46% | 2790 | 71.54% | 3900 |\n"
            "二、资金使用情况\n")


def test_two_row_header_with_repeated_amount_and_share() -> None:
    assert found(_table()) == []
    assert ("1110", ("300", "360", "450")) in checked(_table(), "table_sum")  # the 合计 row, column by column
    assert ("2790", ("1200", "750", "840")) in checked(_table(), "table_sum")
    assert ("62.5", ("1200", "750")) in checked(_table(), "table_share")  # 县区 ÷ the row's 合计


def test_a_wrong_share_and_a_wrong_column_total_are_errors() -> None:
    assert found(_table(share_2022="65.5%"), "table_share") == [
        ("table_share", "错误", "第5行（表1 第4行 比例）", "65.5%", "62.50%")]
    # the wrong 市本级 合计 also misses across the 合计 row (1120 + 2790 = 3910): a 提示, the 错误 is its column's
    assert found(_table(total_city="1120"), "table_sum") == [
        ("table_sum", "错误", "第7行（表1 第6行 金额）", "1120", "1110"),
        ("table_sum", "提示", "第7行（表1 第6行 合计）", "3900", "3910"),
    ]


def test_groups_the_cells_cannot_place_are_not_read() -> None:
    text = ("单位 | 全年补助资金 | 其中:免学费 | 其中:助学金 | ||||\n"
            "小计 | 提前下达 | 本次下达 | 小计 | 提前下达 | 本次下达 | ||\n"
            "第一职业学校 | 900 | 700 | 500 | 200 | 200 | 150 | 50 |\n"
            "第二职业学校 | 800 | 600 | 400 | 200 | 200 | 100 | 100 |\n")
    assert checked(text, "table_sum") == []
    assert found(text) == []


def _reading_time(lines: int) -> float:
    from jixiao.audit.grouphead import group_header_tables

    start = time.process_time()
    group_header_tables(["甲 | 乙 | 甲 | 乙 |"] * lines, None, 1, frozenset())  # every line a possible header
    return time.process_time() - start


def test_reading_is_linear_in_the_lines() -> None:
    # 25 times the lines: about 25 times the CPU time when linear, 625 times when quadratic
    small, big = _reading_time(2_000), _reading_time(50_000)
    assert big / max(small, 0.002) < 100, (small, big)
