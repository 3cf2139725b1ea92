"""A glued 项目支出绩效评分表 whose block labels state their 分值 in brackets (jixiao.audit.gluedlevels._bracket_starts):
"(20分)项目决策(10分)立项依据政策相符性5……5程序规范性5……5(10分)目标设置……", as a document-sharing site copies a
四川-style 评分表 (一级指标 | 二级指标 | 三级指标 | 分值 | 指标评价内容 | 得分) into one line. No list of indicator names is
needed: the rows under a label run name, 分值, text, 得分 in turn. The text is ours; every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

HEAD = ("某县交通运输局2020年农村公路养护项目绩效评价报告经评价,本项目总得分92分。项目支出绩效评分表"
        "一级指标二级指标三级指标分值指标评价内容(公式计算结果=x)得分")
# 项目决策 20 = 立项依据 10 (5 + 5) + 目标设置 10 (5 + 5); 项目管理 15 = 资金管理 8 (5 + 3) + 组织实施 7, whose one row is
# the last one of the text (its 得分 may be cut): not read
BEFORE = ("({top}分)项目决策(10分)立项依据政策相符性5项目符合国家和省级交通发展规划,与年度工作计划相衔接5"
          "程序规范性5按规定程序申报审批,集体研究并留有记录5({w}分)目标设置目标明确性5目标具体、可衡量,与资金量相匹配{s}"
          "目标合理性5目标与养护实际需求相符,测算依据充分4(15分)项目管理(8分)资金管理资金到位5资金按计划及时拨付到位5"
          "资金使用3支出符合财务制度,无截留挪用3(7分)组织实施制度建设4建立养护管理和资金管理办法并执行4")


def before(top: int = 20, s: int = 5, w: int = 10) -> str:
    return HEAD + BEFORE.format(top=top, s=s, w=w) + "\n"


def test_rows_cut_on_the_forms_own_turns_and_blocks_summed() -> None:
    text = before()
    assert found(text) == []
    table = document_from_text(text).tables[0]
    assert [[row[4].text, row[5].text, row[7].text] for row in table.rows[1:]] == [
        ["立项依据政策相符性", "5", "5"], ["程序规范性", "5", "5"], ["目标设置目标明确性", "5", "5"],
        ["目标合理性", "5", "4"], ["资金管理资金到位", "5", "5"], ["资金使用", "3", "3"]]
    assert "cut_end" in table.notes  # 制度建设, the last row of the text, is not read
    # each inner block against its rows; 项目决策 20 and 项目管理 15 are not judged: 目标设置 stands alone before its
    # rows, so which first-level block it lies in is not known from the text
    assert checked(text, "table_weight_sum") == [("10", ("5", "5")), ("10", ("5", "5")), ("8", ("3", "5"))]


def test_a_score_above_its_weight() -> None:
    # 目标明确性: 分值 5, 得分 6
    assert found(before(s=6)) == [("table_score_le_max", "错误", "第1行（表1 第4行 得分）", "6", "≤5")]


def test_an_inner_block_whose_rows_do_not_add_up() -> None:
    # 目标设置 (11分) over 5 + 5; 资金管理 (8分), the last block read, is held only as at least its rows (the text
    # stops in the block after it, and the rows read end there)
    assert found(before(w=11)) == [("table_weight_sum", "错误", "第1行（表1 第4行 分值）", "11", "10")]


def test_a_first_level_block_is_not_judged_when_a_lone_label_leaves_its_level_open() -> None:
    # 项目决策 (25分) over 10 + 10 would be off by 5; whether 目标设置 (a label alone) is its block is not known
    assert found(before(top=25)) == []


AFTER = ("一级指标二级指标三级指标分值评价标准得分"
         "项目决策(10分)目标完整性4目标清晰、内容细化、指标量化4立项相关性3依照管理规范立项{s}可行性3有资金测算依据3"
         "项目管理(20分)预算执行率10执行率达到预期,{t}9资金使用合规性{w}专款专用,无挤占挪用{w}"
         "制度执行有效性4各项制度执行到位4产出指标(30分)数量指标保障学生人数10……")


def after(s: int = 3, w: int = 6, t: str = "资金及时支付") -> str:
    return "某中学公用经费项目自评表" + AFTER.format(s=s, w=w, t=t) + "\n"


def test_labels_with_the_bracket_after_the_name() -> None:
    text = after()
    assert found(text) == []
    # 项目决策 10 = 4 + 3 + 3, 项目管理 20 = 10 + 6 + 4; 产出指标 opens a block with no row read
    assert checked(text, "table_weight_sum") == [("10", ("3", "3", "4")), ("20", ("10", "4", "6"))]
    assert found(after(s=4)) == [("table_score_le_max", "错误", "第1行（表1 第3行 得分）", "4", "≤3")]
    assert found(after(w=7)) == [("table_weight_sum", "错误", "第1行（表1 第5行 分值）", "20", "21")]


def test_a_figure_of_a_rows_text_breaks_the_turns_and_nothing_after_it_is_read() -> None:
    # "资金在30天内支付": 30 is no cell of the form, yet no unit mark says so (天 may begin a word): the 项目管理 region
    # then holds an odd number of cells and is not read, nor anything after it; 项目管理 still closes 项目决策
    text = after(t="资金在30天内支付", w=7)
    table = document_from_text(text).tables[0]
    assert [row[4].text for row in table.rows[1:]] == ["目标完整性", "立项相关性", "可行性"]
    assert found(text) == []
    assert checked(text, "table_weight_sum") == [("10", ("3", "3", "4"))]


def test_the_body_opens_with_a_label() -> None:
    # a body opening with a row ("政策相符性5……") is not read this way: the name before the first bracket holds cells
    rows = "目标明确性5目标具体5目标合理性5依据充分6目标可实现性5有保障措施5(10分)资金管理资金到位5按时拨付5\n"
    assert found(HEAD + "(15分)目标设置" + rows) == [("table_score_le_max", "错误", "第1行（表1 第3行 得分）", "6", "≤5")]
    assert found(HEAD + "政策相符性5项目符合规划5(15分)目标设置" + rows) == []
    assert document_from_text(HEAD + "政策相符性5项目符合规划5(15分)目标设置" + rows).tables == []
