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


# --- 2. the money block of a 财政支出项目绩效评价自评报告's 项目基本概况 -------------------------------------------------
# (the 湖南 template, also in 广西 and 浙江 copies: eight labelled reports in seven sets.) Each cell is a paragraph;
# the four money columns come label by label, then each 其中 source label four times, each followed by that column's
# amount when it has one. Then the 项目支出明细 table, in 元.


def _overview(balance: str = "2.4", county: tuple[str, str, str, str] = ("52", "52", "49.6", "2.4"),
              other: str = "", spent_total: str = "496000", spent: str = "49.6") -> str:
    def para(*cells: str) -> str:
        return "".join(f"{c}\n\n" for c in cells)

    rows = para("其中:中央财政", "其中:中央财政", "其中:中央财政", "其中:中央财政", "省财政", "省财政", "省财政", "省财政")
    rows += "".join(f"县财政\n\n{v}\n\n" if v else "县财政\n\n" for v in county)
    rows += para("其它", "其它", *((other,) if other else ()), "其它", "其它")
    return ("某县农村公路养护项目绩效评价自评报告\n\n一、项 目 基 本 概 况\n\n项目单位\n\n某县公路养护中心\n\n"
            + para("计划安排资金", "(万元)", "52", "实际到位资金", "(万元)", "52", "实际支出", "(万元)", spent,
                   "结余(万元)", balance)
            + rows
            + para("二、项目支出明细情况", "支出内容", "实际支出数", "会计凭证号", "备注",
                   "路面修补", "216000", "3月12号", "桥涵维护", "100000", "5月8号", "养护人员劳务", "180000",
                   "6月30号", "支出合计", spent_total)
            + "三、项目绩效自评情况\n")


def test_money_block_read_label_by_label() -> None:
    text = _overview()
    assert found(text) == []
    assert checked(text, "money_block") == [
        ("2.4", ("2.4",)),  # 结余 column against 县财政 2.4
        ("2.4", ("49.6", "52")), ("2.4", ("49.6", "52")),  # 结余 = 52 − 49.6, for the block and for 县财政
        ("49.6", ("49.6",)), ("49.6", ("496000",)),  # 实际支出 against 县财政 and against 支出合计 496000 元
        ("52", ("52",)), ("52", ("52",)),
    ]


def test_money_block_differences() -> None:
    # 结余 2.8 ≠ 52 − 49.6 (both for the block and for 县财政)
    assert found(_overview(balance="2.8", county=("52", "52", "49.6", "2.8")), "money_block") == [
        ("money_block", "错误", "第29行", "2.8", "2.4"), ("money_block", "错误", "第61行", "2.8", "2.4")]
    # an 其它 amount of 3 in the 实际到位资金 column: 52 + 3 = 55 against 52
    assert found(_overview(other="3"), "money_block") == [("money_block", "提示", "第19行", "52", "55")]
    # 支出合计 469000 元 is 46.9 万元, not 49.6
    assert found(_overview(spent_total="469000"), "money_block") == [("money_block", "提示", "第25行", "49.6", "46.9")]


def test_money_block_writes_no_negative_balance_and_reads_no_garbled_amount() -> None:
    # more spent than received (52 − 53.1 < 0): the form writes 结余 0
    text = _overview(balance="0", county=("52", "52", "53.1", "0"), spent="53.1", spent_total="531000")
    assert found(text, "money_block") == []
    assert ("0", ("52", "53.1")) in checked(text, "money_block")
    # "4,96.0,00": digits in no amount's places — nothing is judged from the 县财政 实际支出
    text = _overview(county=("52", "52", "4,96.0,00", "2.4"))
    assert found(text, "money_block") == []
    assert ("49.6", ("49.6",)) not in checked(text, "money_block")


def test_money_block_of_two_columns_with_bars() -> None:
    # the 广西/浙江 copy: 计划安排资金 and 实际到位资金 with their two-column source rows, then 实际支出; cells closed by |
    def text(other: str) -> str:
        return ("一、项目基本概况 |\n计划安排资金(万元) | 715.18 | 实际到位资金(万元) | 715.18 |\n"
                "其中:中央财政 | 其中:中央财政 |\n自治区财政 | 自治区财政 |\n市县财政 | 700.18 | 市县财政 | 715.18 |\n"
                f"其它 | {other} | 其它 |\n实际支出(万元) | 565.75 |\n")

    assert found(text("15"), "money_block") == []
    assert checked(text("15"), "money_block") == [("715.18", ("15", "700.18")), ("715.18", ("715.18",))]
    # 700.18 + 14 = 714.18 in the 计划安排资金 column
    assert found(text("14"), "money_block") == [("money_block", "提示", "第2行", "715.18", "714.18")]
