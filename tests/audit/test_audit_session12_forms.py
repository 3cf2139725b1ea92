"""Session 12 (issue 10): 自评表 forms whose per-row 分值/得分 were read but whose block relations were not judged.
Each test reads a short form in our own words, modelled on a layout seen in several real reports; every expectation
was computed by hand."""

from __future__ import annotations

from jixiao.audit.docmodel import CUT_END, INCOMPLETE
from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

# --- 1. a 评分表 one cell per line closed by " |", cut inside its last block ----------------------------------------
# (heldout8 anhui-suixi; the layout "cell |" per line is shared by some fifty labelled documents.) The rows stop at a
# row the text cuts off. With no 总分 row read, the rows read are not a part of a total: the blocks closed before
# the cut are whole and their 分值 are judged; only the last block may miss rows.


def _row(name: str, weight: str, target: str, actual: str, score: str, bars: str = "|\n|\n|\n") -> str:
    """A row closed by its empty 原因 cell and the empty merged cells that open the next row."""
    return f"{name} |\n{weight} |\n{target} |\n{actual} |\n{score} |\n{bars}"


def _form(third: str = "15", total_row: str = "") -> str:
    return ("2023年度困难群众救助资金绩效自评表 |\n||||\n"
            "一级指标 |\n二级指标 |\n三级指标 |\n分值 |\n年度指标值 |\n全年实际值 |\n得分 |\n未完成原因及改进措施 |\n|\n"
            "产出指标(40分) |\n数量指标 |\n" + _row("城市低保月均保障人数(≥**人)", "10", ">=1200人", "1236人", "10")
            + _row("重度残疾人月均保障人数(≥**人)", "15", ">=300人", "312人", "15")
            + "质量指标 |\n" + _row("低保金按月足额发放率", third, "100%", "100%", third)
            + "效益指标(30分) |\n社会效益指标 |\n" + _row("受助群众基本生活得到保障", "30", "有效保障", "有效保障", "30",
                                                                  "|\n" if total_row else "|\n|\n|\n")
            + total_row
            + "满意度指标(10分) |\n服务对象满意度指标 |\n受助群众满意度(≥**%) |\n10 |\n>=9")


def test_cell_form_cut_in_its_last_block_judges_the_blocks_closed_before() -> None:
    text = _form()
    table = document_from_text(text).tables[0]
    assert table.form == "cell_scores"
    assert CUT_END in table.notes and INCOMPLETE not in table.notes
    assert found(text) == []
    assert checked(text, "table_weight_sum") == [("30", ("30",)), ("40", ("10", "15", "15"))]
    # 10 + 15 + 10 = 35 under a block of 40
    assert found(_form(third="10"), "table_weight_sum") == [
        ("table_weight_sum", "错误", "第12行（表1 第2行 一级指标）", "40", "35")]


def test_cell_form_with_a_total_row_read_above_the_cut_is_not_summed() -> None:
    # a 总分 row above the unreadable row: the rows read are a part of a table that goes on; nothing is summed
    text = _form(third="10", total_row="合计 |\n80 |\n|\n|\n75 |\n|\n")
    table = document_from_text(text).tables[0]
    assert INCOMPLETE in table.notes
    assert found(text, "table_weight_sum", "table_score_sum") == []
