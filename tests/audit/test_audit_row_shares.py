"""A 比例 column beside its 金额 under each group, with the row's 合计 column at the end (issue 10).

Held-out-12 hebei-swt-dzsw (an allocation table: 省本级 金额 | 比例, 转移支付 金额 | 比例, 合计; three years and a 合计
row) states each 比例 as the group's share of ITS ROW's 合计; the shares were taken of the column's 合计 row only and six
were called 错误 in every rendering. The table below is our own, with our own figures, in that layout.
"""

from __future__ import annotations

from tests.audit.audit_helpers import found

_TABLE = """表1 农村公路养护资金分配表（万元）

| 序号 | 年度 | 市本级 | | 县区 | | 合计 |
| --- | --- | --- | --- | --- | --- | --- |
| | | 金额 | 比例 | 金额 | 比例 | |
| 1 | 2021年 | 360 | 30% | 840 | 70% | 1200 |
| 2 | 2022年 | 450 | 37.5% | 750 | {share} | 1200 |
| 3 | 2023年 | 300 | 20% | 1200 | 80% | 1500 |
| 合计 | | 1110 | 28.46% | 2790 | 71.54% | 3900 |
"""


def test_shares_of_the_row_total_are_not_errors() -> None:
    assert found(_TABLE.format(share="62.5%"), "table_share") == []


def test_a_share_that_fits_no_total_is_an_error_against_its_row() -> None:
    assert found(_TABLE.format(share="65.5%"), "table_share") == [
        ("table_share", "错误", "第7行（表1 第4行 比例）", "65.5%", "62.50%")]
