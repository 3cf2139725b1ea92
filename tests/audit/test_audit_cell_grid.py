"""A 评分表 copied one cell per line, each cell closed by a "|" line, empty cells kept as bars alone and every row
closed by one more bar (held-out-11's 一事一议 奖补 score sheet, session 13): read as a grid, the header on one row or
on two (指标 / 分值, 自评 / 得分, 复核 / 得分). The forms are ours: a township's 2022 village environment subsidy with
criteria and points of our own; every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

TWO_ROW_HEADER = [["序号", "一级指标", "二级指标", "三级指标", "评分标准", "指标", "自评", "复核"], ["分值", "得分", "得分"]]
ONE_ROW_HEADER = [["序号", "一级指标", "二级指标", "三级指标", "评分标准", "分值", "得分", "备注"]]


def _rows(archive: str = "2") -> list[list[str]]:
    return [
        ["1", "决策(12)", "项目立项", "立项程序", "立项经村民会议讨论通过得3分", "3", "3", ""],
        ["2", "", "", "绩效目标", "目标明确、可衡量得3分", "3", "2", ""],
        ["3", "", "资金落实", "资金到位", "资金按时足额到位得4分;每延迟一个月扣1分", "4", "4", ""],
        ["", "", "", "", "镇村配套资金落实得2分", "2", "1", ""],
        ["4", "过程(18)", "资金管理", "资金使用", "专款专用、无挤占挪用得5分", "5", "5", ""],
        ["5", "", "组织实施", "制度执行", "执行招投标制度得3分;有领导批示的加1分,最多加1分", "3", "4", ""],
        ["6", "", "", "档案管理", "项目档案完整得2分", "2", archive, ""],
    ]


def _text(header: list[list[str]], rows: list[list[str]], tail: tuple[str, ...] = ("7", "验收管理", "按期验收得2分")) -> str:
    """The layout: every cell on its line and a bar after it (an empty cell is its bar alone), one more bar a row."""
    out = ["|", "2022年度村庄人居环境整治奖补资金绩效自评表", "|", "|", "填报单位:某镇财政所", "|", "|"]
    for row in [*header, *rows]:
        for cell in row:
            out += [cell, "|"] if cell else ["|"]
        out.append("|")
    out += [x for cell in tail for x in (cell, "|")][:-1]  # a last row cut off by the copy, its empty cells lost
    return "\n".join(out) + "\n"


def test_each_score_is_held_against_its_points_under_a_two_row_header() -> None:
    text = _text(TWO_ROW_HEADER, _rows())
    assert checked(text, "table_score_le_max") == [
        ("1", ("2",)), ("2", ("2",)), ("2", ("3",)), ("3", ("3",)), ("4", ("3",)), ("4", ("4",)), ("5", ("5",))]
    # 制度执行 scores 4 of its 3: its criterion adds up to 1 bonus point, so no finding
    assert found(text) == []


def test_a_score_above_its_points_is_an_error() -> None:
    text = _text(TWO_ROW_HEADER, _rows(archive="3"))
    line = text.splitlines().index("项目档案完整得2分") + 5  # the criterion, its bar, 分值, its bar, then the 得分
    assert found(text) == [("table_score_le_max", "错误", f"第{line}行（表1 第8行 自评得分）", "3", "≤2")]


def test_the_header_on_one_row_reads_the_same() -> None:
    text = _text(ONE_ROW_HEADER, _rows(archive="3"))
    line = text.splitlines().index("项目档案完整得2分") + 5
    assert found(text) == [("table_score_le_max", "错误", f"第{line}行（表1 第8行 得分）", "3", "≤2")]


def test_blank_level_cells_are_the_cells_above_merged_down() -> None:
    table = document_from_text(_text(TWO_ROW_HEADER, _rows())).tables[0]
    texts = [[c.text for c in row] for row in table.rows]
    assert texts[0] == ["序号", "一级指标", "二级指标", "三级指标", "评分标准", "指标分值", "自评得分", "复核得分"]
    # the second criterion of 资金到位 (no 序号, every level cell blank) stays in its block
    assert texts[4][:6] == ["", "决策(12)", "资金落实", "资金到位", "镇村配套资金落实得2分", "2"]
    assert texts[6][:4] == ["5", "过程(18)", "组织实施", "制度执行"]
    assert len(texts) == 8 and "cut_end" in table.notes  # the cut row 7 is not read


def test_a_row_that_lost_a_cell_ends_the_table() -> None:
    rows = _rows(archive="3")
    rows[4] = ["4", "过程(18)", "资金管理", "资金使用", "专款专用、无挤占挪用得5分", "5", "5"]  # its empty 复核 cell lost
    table = document_from_text(_text(TWO_ROW_HEADER, rows)).tables[0]
    assert len(table.rows) == 5 and "cut_end" in table.notes  # the header and the rows before it
    assert found(_text(TWO_ROW_HEADER, rows), "table_score_le_max") == []  # the 3 of 2 is past the end: unread


def test_two_forms_in_one_run_are_both_read() -> None:
    first = _text(ONE_ROW_HEADER, _rows(), tail=())
    second = _text(TWO_ROW_HEADER, _rows(archive="3"), tail=()).removeprefix("|\n")  # its title row goes on the run
    tables = document_from_text(first.rstrip("\n") + "\n" + second).tables
    assert [len(t.rows) for t in tables] == [8, 8]
    assert [t.rows[0][6].text for t in tables] == ["得分", "自评得分"]


def test_bare_bracketed_block_points_are_read_once_one_block_proves_them() -> None:
    """"决策(12)" / "过程(18)": a bare number in brackets after a 一级指标 (held-out-11 铜陵 "决策(10)", held-out-12 仪陇
    "(10)绩效目标") is its 分值 only when one block of the level proves it: 决策's rows add up to 12 (3 + 3 + 4 + 2);
    过程 is cut after 5 + 3 + 2 = 10 of its 18, held only as ≤ 18."""
    text = _text(TWO_ROW_HEADER, _rows())
    assert checked(text, "table_weight_sum") == [("12", ("2", "3", "3", "4")), ("18", ("2", "3", "5"))]
    assert found(text) == []


def test_a_bare_block_number_no_block_proves_is_not_read() -> None:
    rows = _rows()
    rows[0][1] = "决策(13)"  # 12 under it: no block of the level proves its number a 分值 (the other block is cut)
    assert checked(_text(TWO_ROW_HEADER, rows), "table_weight_sum") == []
    assert found(_text(TWO_ROW_HEADER, rows)) == []


def test_a_bare_block_number_off_its_rows_is_a_hint_when_another_block_proves_the_layout() -> None:
    rows = _rows()
    rows[0][1] = "决策(13)"
    rows[4][1] = "过程(10)"  # 5 + 3 + 2 = 10, the form not cut: the level writes its 分值 so, and 决策 has 12 of 13
    text = _text(TWO_ROW_HEADER, rows, tail=())
    assert checked(text, "table_weight_sum") == [("10", ("2", "3", "5")), ("13", ("2", "3", "3", "4"))]
    line = text.splitlines().index("决策(13)") + 1
    assert found(text) == [("table_weight_sum", "提示", f"第{line}行（表1 第2行 一级指标）", "13", "12")]
