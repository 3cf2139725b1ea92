"""A 评分表 whose 分值 are written in the indicator names ("相关性(5 分)"), flattened row by row from a PDF:
each row gives the level names it opens, then its 得分 (jixiao.audit.flattened._named_weights)."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from jixiao.audit.documents import document_from_text

# our own excerpt in the layout of a PDF extraction: the 得分 opens the next line, "(5 分)" keeps its space
TEXT = """某单位2023年部门整体支出绩效评价得分表 一级指 标 二级指标 三级指标 得分 部门决 策(20 分) 目标设定(10 分) 依据充分性(5 分)
5 目标明确性(5 分)
{clear} 预算编制(10 分) 测算合理性({w} 分)
4 编制规范性(4 分)
4 过程管理(30 分) 资金管理(8 分) 资金到位率(3 分)
3 支出合规
"""


def _grid(text: str) -> list[list[str]]:
    (table,) = document_from_text(text).tables
    return [[c.text for c in row] for row in table.rows]


def test_rows_are_rebuilt_from_the_names_before_each_score() -> None:
    assert _grid(TEXT.format(clear="5", w="6")) == [
        ["一级指标", "二级指标", "三级指标", "分值", "得分"],
        ["部门决策(20分)", "", "", "20", ""],
        ["", "目标设定(10分)", "", "10", ""],
        ["", "", "依据充分性(5分)", "5", "5"],
        ["", "", "目标明确性(5分)", "5", "5"],
        ["", "预算编制(10分)", "", "10", ""],
        ["", "", "测算合理性(6分)", "6", "4"],
        ["", "", "编制规范性(4分)", "4", "4"],
        ["过程管理(30分)", "", "", "30", ""],
        ["", "资金管理(8分)", "", "8", ""],
        ["", "", "资金到位率(3分)", "3", "3"],
    ]
    assert audit_text(TEXT.format(clear="5", w="6")).findings == []  # the cut last block is not summed


def test_planted_block_weight_and_score_errors_are_found_in_their_cells() -> None:
    findings = audit_text(TEXT.format(clear="6", w="5")).findings
    assert [(f.severity, f.rule, f.location, f.stated, f.expected) for f in findings] == [
        ("错误", "table_score_le_max", "第3行（表1 第5行 得分）", "6", "≤5"),  # the 得分 opens line 3
        ("错误", "table_weight_sum", "第3行（表1 第6行 分值）", "10", "9"),
    ]  # 部门决策 20 = 目标设定 10 + 预算编制 10 as stated: no finding there
