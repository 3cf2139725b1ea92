"""A 项目支出绩效自评表 whose weight column is headed "分值权重" (funds block) and "指标分值权重" (indicator block),
as in the 新疆 2023 form (held-out-10 xinjiang-fukang): before, the header word was unknown, the funds row had no
分值 column, and neither its 执行率 nor its 得分 was checked.

Our own document: a 县 library's book-purchase grant, cells separated by single spaces, "-" for empty cells."""

from __future__ import annotations

from decimal import Decimal as d

from jixiao.audit.api import audit_text
from tests.audit.audit_helpers import findings_of

FORM = """项目支出绩效自评表
(2023年度)
项目名称 图书采购补助
主管部门 某县文化体育局 实施单位 某县图书馆
资金来源 年初预算数 全年预算数 全年执行数 分值权重 执行率 得分
年度资金总额 12.00 8.40 {actual} 10 {rate} {score}
其中:当年财政拨款 12.00 8.40 {actual} - - -
其他资金 0.00 0.00 0.00 - - -
"""


def test_a_consistent_funds_row_is_checked_and_passes() -> None:
    report = audit_text(FORM.format(actual="8.40", rate="100.00%", score="10"))
    assert report.findings == []
    rules = {(r.rule, r.stated, r.operands) for r in report.relations}
    assert ("table_rate", d("100.00"), (d("8.40"), d("8.40"))) in rules
    # the 得分 is read against the 分值权重 column: 10 × 100.00 % = 10
    assert ("table_score_rule", d("10"), (d("100.00"), d("10"))) in rules


def test_a_wrong_rate_under_the_weight_header_is_an_error() -> None:
    # 6.30 ÷ 8.40 = 75.00 %, not 90.00 %
    assert findings_of(FORM.format(actual="6.30", rate="90.00%", score="9")) == [
        ("错误", "table_rate", "第6行（表1 第2行 执行率）", "90.00%", "75.00%"),
    ]
