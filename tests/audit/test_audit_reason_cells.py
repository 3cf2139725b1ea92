"""A 自评表 pasted one cell a line, its empty cells kept as bare "|" lines, whose 未完成原因 column follows 得分 (issue
10): the text right after a whole row's 得分 is that row's reason, not the name of the next row. Before, the reason
ran into the next row's name, the two rows could not be placed and the table was not summed.

Our own document, laid out like the 安徽 濉溪 民政 web copy (held-out-8 anhui-suixi): one cell per line ending " |",
a leading empty cell on every row, merged 一级/二级 cells left empty, the header word "未完成原因及拟采取的改进措施"."""

from __future__ import annotations

from decimal import Decimal as d

from jixiao.audit.api import audit_text
from jixiao.audit.documents import document_from_text

FORM = """(助学补助)绩效目标自评表
绩效目标自评表 (2021年度) |
||||||||
项目名称 |
助学补助 |
|
|
|||||
资金情况(万元) |
|
全年预算数(A) |
全年执行数(B) |
分值 |
执行率(B/A) |
得分 |
||
|
年度资金总额: |
48 |
48 |
10 |
100% |
10 |
||
|
一级指标 |
二级指标 |
三级指标 |
分值 |
年度指标值 |
全年实际值 |
得分 |
未完成原因及拟采取的改进措施 |
|
产出指标(50分) |
数量指标 |
资助学生人数 |
20 |
>=160人 |
152人 |
20 |
部分学生转学离校 |
|
|
|
资助发放批次 |
10 |
>=2批 |
2批 |
10 |
|
|
|
|
质量指标 |
补助标准 |
{w} |
>=1500元/人 |
1500元/人 |
{w} |
|
|
效益指标(40分) |
社会效益指标 |
困难学生受助率 |
40 |
100% |
100% |
40 |
|
"""


def _table_rows(text: str) -> list[list[str]]:
    table = document_from_text(text).tables[-1]
    return [[c.text for c in row] for row in table.rows]


def test_the_text_after_a_whole_rows_score_is_its_reason() -> None:
    # (a 二级指标 cell on its own line before the row's name is read into the name, as before)
    rows = _table_rows(FORM.format(w="20"))
    assert rows[0][-1] == "未完成原因及拟采取的改进措施"
    assert [r[2:] for r in rows[1:]] == [
        ["数量指标资助学生人数", "20", ">=160人", "152人", "20", "部分学生转学离校"],
        ["资助发放批次", "10", ">=2批", "2批", "10", ""],
        ["质量指标补助标准", "20", ">=1500元/人", "1500元/人", "20", ""],
        ["社会效益指标困难学生受助率", "40", "100%", "100%", "40", ""],
    ]


def test_the_blocks_are_summed_once_the_rows_are_read() -> None:
    # 152 of ≥160 students scored the full 20: a 提示 (the reason cell says why)
    report = audit_text(FORM.format(w="20"))
    assert [(f.severity, f.rule, f.location, f.stated, f.expected) for f in report.findings] == [
        ("提示", "table_score_target", "第41行（表2 第2行 得分）", "20", "<20"),
    ]
    assert ("table_weight_sum", d(50), (d(20), d(10), d(20))) in {
        (r.rule, r.stated, r.operands) for r in report.relations}


def test_a_block_whose_rows_do_not_add_up() -> None:
    found = [(f.severity, f.rule, f.location, f.stated, f.expected) for f in audit_text(FORM.format(w="15")).findings]
    assert ("错误", "table_weight_sum", "第35行（表2 第2行 一级指标）", "50", "45") in found
