"""A glued 部门整体支出绩效评价指标表 with a 分值 after each level's name and rule text before each 得分
(jixiao.audit.gluedlevels), as a document-sharing site copies it: numbered page chunks, a blank line between pages.
The indicator names are those of the national 共性指标框架; the text is ours. Every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

BODY = ("投入15目标设定5绩效目标合理性2目标符合部门职能、依据充分,计2分;否则酌情扣分。本单位目标与三定方案一致。2"
        "绩效指标明确性3指标细化、量化,计3分;每缺一项扣1分。各项指标均已量化。3预算配置{w}在职人员控制率3控制率不超过100%计满分,"
        "每超1个百分点扣0.5分。编制20人,在职18人。3“三公经费”变动率3变动率不大于0计满分;否则每增1个百分点扣0.3分。本年预算较上年"
        "下降5%。{s}重点支出安排率4安排率达到80%计满分。重点项目支出占项目支出的86%。4过程40预算执行20预算完成率3完成率100%计满分,"
        "每低5%扣1分。本年完成率为98.6%")
HEAD = ("《某局2021年度部门整体支出绩效评价报告.docx》由会员分享,可在线阅读。\n"
        "1、某县农业农村局2021年度部门整体支出绩效评价报告附件部门整体支出绩效评价指标表"
        "一级指标分值二级指标分值三级指标分值评价标准指标说明得分")
PAGE = 200  # the second page begins inside the 重点支出安排率 row's text


def doc(s: int = 3, w: int = 10) -> str:
    body = BODY.format(s=s, w=w)
    return HEAD + body[:PAGE] + "\n\n2、" + body[PAGE:] + "\n"


def test_rows_read_by_their_names_and_a_score_above_its_weight() -> None:
    # “三公经费”变动率: 分值 3, 得分 4 (glued after "下降5%。")
    text = doc(s=4)
    assert found(text) == [("table_score_le_max", "错误", "第2行（表1 第5行 得分）", "4", "≤3")]
    table = document_from_text(text).tables[0]
    assert [[row[4].text, row[5].text, row[7].text] for row in table.rows[1:]] == [
        ["绩效目标合理性", "2", "2"], ["绩效指标明确性", "3", "3"], ["在职人员控制率", "3", "3"],
        ["“三公经费”变动率", "3", "4"], ["重点支出安排率", "4", "4"]]
    # the blocks closed by the next one are summed: 目标设定 5 = 2 + 3, 预算配置 10 = 3 + 3 + 4, 投入 15 = 5 + 10
    assert checked(text, "table_weight_sum") == [("10", ("3", "3", "4")), ("15", ("10", "5")), ("5", ("2", "3"))]


def test_a_block_whose_rows_do_not_add_up() -> None:
    # 预算配置 9 over 3 + 3 + 4 (投入 15 against 5 + 9 follows from it: one finding, at the block that is off)
    text = doc(w=9)
    assert found(text) == [("table_weight_sum", "错误", "第2行（表1 第4行 分值）", "9", "10")]


def test_the_row_the_text_stops_in_is_not_read_nor_its_blocks_summed() -> None:
    # 预算完成率 (分值 3) has no 得分 before the text ends: 过程 40 and 预算执行 20 are not judged against it
    text = doc()
    assert found(text) == []
    table = document_from_text(text).tables[0]
    assert "预算完成率" not in [row[4].text for row in table.rows]
    assert "cut_end" in table.notes


def test_the_second_page_after_a_blank_line_is_read_on() -> None:
    # the 重点支出安排率 row's 得分 4 is on the second page (line 4), read as part of the same table
    text = doc()
    scores = [r for r in audit_text(text).relations if r.rule == "table_score_le_max"]
    assert [(str(r.stated), r.lines[0]) for r in scores] == [("2", 2), ("3", 2), ("3", 2), ("3", 2), ("4", 4)]


def test_a_score_glued_after_words_is_not_read() -> None:
    # "…较上年下降5个百分点9": where the 得分 begins is not known (it could be 59, 9 …): left empty, nothing judged
    text = doc(s=9).replace("下降5%。9", "下降五个百分点9")
    assert found(text) == []
    table = document_from_text(text).tables[0]
    assert [row[7].text for row in table.rows[1:]] == ["2", "3", "3", "", "4"]


def test_a_name_inside_a_rule_is_not_a_row() -> None:
    # "…以在职人员控制率3%为限" inside a rule: the name follows words, so it opens no row
    text = doc().replace("每超1个百分点扣0.5分。", "每超1个百分点扣0.5分,以在职人员控制率3%为限。")
    assert found(text) == []
    assert [row[4].text for row in document_from_text(text).tables[0].rows[1:]] == [
        "绩效目标合理性", "绩效指标明确性", "在职人员控制率", "“三公经费”变动率", "重点支出安排率"]


def test_a_row_name_used_as_a_block_ends_the_reading() -> None:
    # a table whose 预算配置 block holds a block 在职人员控制率 (no text after its 分值, the next name at once): the names
    # do not fit the table, so nothing from there on is read and the blocks it lies in are not summed
    text = doc().replace("在职人员控制率3控制率不超过100%计满分,", "在职人员控制率6“三公经费”变动率3控制率不超过100%计满分,")
    assert found(text) == []
    table = document_from_text(text).tables[0]
    assert [row[4].text for row in table.rows[1:]] == ["绩效目标合理性", "绩效指标明确性"]
    assert "cut_end" in table.notes


def cut_in_name(s: int, name: str) -> str:
    """The document with 预算完成率's 得分 ``s`` after its text, then the text stopping inside the next name."""
    return doc().rstrip("\n") + f"。{s}{name}\n"


def test_a_row_closed_by_the_name_the_text_stops_in() -> None:
    # the text stops inside the next row's name ("预算调整" of 预算调整率), right after 预算完成率's 得分: that row is read
    assert found(cut_in_name(3, "预算调整")) == []
    table = document_from_text(cut_in_name(3, "预算调整")).tables[0]
    assert [row[4].text for row in table.rows][-1] == "预算完成率"
    assert "cut_end" in table.notes  # 预算执行 20 and 过程 40 are not judged against the rows read
    assert found(cut_in_name(4, "预算调整")) == [("table_score_le_max", "错误", "第4行（表1 第7行 得分）", "4", "≤3")]
    # three characters are too few to know a name by ("预算调" may be a word of a text)
    assert found(cut_in_name(4, "预算调")) == []
