"""A 部门整体支出 评价指标 form pasted one cell per paragraph, cells separated by blank lines, merged labels broken over
several paragraphs and long criteria cells between 分值 and 得分 (held-out-7's 浏阳 党校 form, session 9). The form
below is ours: a county archive bureau's indicators with scores of our own; every expectation computed by hand."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from jixiao.audit.documents import document_from_text
from jixiao.audit.paracells import UNLEVELLED
from tests.audit.audit_helpers import checked, found

HEAD = ["附件1", "部门整体支出绩效评价指标", "一级\n指标", "二级", "指标", "三级", "指标", "分值", "评分标准", "指标说明", "得分"]
ROW_GOAL = ["目标\n设定", "绩效", "目标", "合理性", "4",
            "目标有依据、合乎实际的，得满分；每有一处不符扣1分。",
            "考察要点:\n目标是否与本单位职责相符;是否与年度任务相符。", "{goal}"]
ROW_INDICATOR = ["绩效", "指标", "明确性", "6",
                 "指标清晰、可衡量的，得满分；不清晰的酌情扣分。",
                 "考察要点:\n目标是否分解为具体任务;是否有可衡量的指标值。", "5"]
ROW_STAFF = ["预算\n配置", "在职", "人员", "控制率", "3",
             "在职人数不超过编制数的，得满分。",
             "在职人员控制率=(在职人员数/编制数)×100%\n编制数指核定的人员编制数。", "3"]
CUT = ["三公经费", "变动率", "2", "三公经费预算不增长的，得满分。"]


def _form(goal: str, rows: list[list[str]] | None = None) -> str:
    cells = HEAD + [c.format(goal=goal) for r in (rows or [ROW_GOAL, ROW_INDICATOR, ROW_STAFF, CUT]) for c in r]
    return "某县档案馆2022年部门整体支出绩效自评报告\n\n" + "\n\n".join(cells) + "\n"


def test_each_score_is_held_against_its_own_weight() -> None:
    text = _form("4")
    assert found(text) == []
    # 合理性 4 ≤ 4, 明确性 5 ≤ 6, 在职人员控制率 3 ≤ 3; the row cut by the end of the text is not read
    assert checked(text, "table_score_le_max") == [("3", ("3",)), ("4", ("4",)), ("5", ("6",))]


def test_a_score_above_its_weight_is_found_on_its_line() -> None:
    # 合理性 scored 5 with 分值 4; its 得分 stands on line 42: the title and a blank line, then 11 header cells (the
    # first over two lines) and 7 cells of the row (two over two lines), each followed by a blank line
    assert found(_form("5")) == [("table_score_le_max", "错误", "第42行（表1 第2行 得分）", "5", "≤4")]


def test_the_rows_are_rebuilt_but_never_summed() -> None:
    table = document_from_text(_form("4")).tables[0]
    assert [[r[0].text, r[1].text, r[3].text] for r in table.rows] == [
        ["三级指标", "分值", "得分"], ["目标设定绩效目标合理性", "4", "4"], ["绩效指标明确性", "6", "5"],
        ["预算配置在职人员控制率", "3", "3"]]
    report = audit_text(_form("4"))
    assert [r for r in report.relations if r.rule in ("table_weight_sum", "table_score_sum")] == []


def test_a_row_without_criteria_ends_the_table() -> None:
    # the second row's criteria are missing ("6" then "5"): only one row reads, too few to trust the layout
    broken = [c for c in ROW_INDICATOR if not c.startswith(("指标清晰", "考察要点"))]
    assert checked(_form("4", [ROW_GOAL, broken]), "table_score_le_max") == []


def test_a_header_without_text_between_weight_and_score_is_left_to_the_other_readers() -> None:
    head = [c for c in HEAD if c not in ("评分标准", "指标说明")]
    text = "\n\n".join([*head, "合理性", "4", "4", "明确性", "6", "5"]) + "\n"
    assert all(UNLEVELLED not in t.notes for t in document_from_text(text).tables)
    assert any(UNLEVELLED in t.notes for t in document_from_text(_form("4")).tables)


# A 财政支出项目绩效评价自评报告's 项目支出明细 (a county's 防汛 project, our items and figures), one cell per paragraph:
# 支出内容 | 实际支出数 | 会计凭证号 | 备注, the 备注 always empty (gone), the 凭证 a date; 12000 + 8600 + 30400 + 4000 = 55000
LEDGER = ["二、项目支出明细情况", "支出内容", "实际支出数", "会计凭证号", "备注",
          "防汛物资采购", "12000", "3月2号", "防汛演练", "8600", "5月9号", "堤段巡查补助", "30400", "6月20号",
          "宣传资料印制", "4000", "7月1号", "支出合计", "{total}", "三、项目绩效情况"]


def _ledger(total: str, cells: list[str] | None = None) -> str:
    return "\n\n".join(c.format(total=total) for c in (cells or LEDGER)) + "\n"


def test_a_ledger_one_cell_a_paragraph_is_summed_to_its_total() -> None:
    assert found(_ledger("55000")) == []
    assert checked(_ledger("55000"), "table_sum") == [("55000", ("12000", "30400", "4000", "8600"))]


def test_a_ledger_total_that_does_not_add_up() -> None:
    # the total stands on line 37: 18 paragraphs before it, each followed by a blank line
    assert found(_ledger("56000")) == [("table_sum", "错误", "第37行（表1 第6行 实际支出数）", "56000", "55000")]


def test_a_ledger_row_that_lost_a_cell_is_read_by_order_and_judged_as_a_hint() -> None:
    # the 防汛演练 row has no date: the gaps between amounts differ (3 and 2 paragraphs). Each amount is still named by
    # the paragraph before it, but a row may have lost its amount too: the sum is checked, and off it is a 提示.
    cells = [c for c in LEDGER if c != "5月9号"]
    assert checked(_ledger("55000", cells), "table_sum") == [("55000", ("12000", "30400", "4000", "8600"))]
    assert found(_ledger("55000", cells)) == []
    assert found(_ledger("56000", cells)) == [("table_sum", "提示", "第35行（表1 第6行 实际支出数）", "56000", "55000")]


def test_a_ledger_whose_voucher_cell_wraps_over_two_paragraphs() -> None:
    # a long 凭证号 list breaks into two paragraphs (as a 优抚 ledger's "1月34、41号……" / "11月4、46号……凭证"):
    # 12000 + 8600 + 30400 + 4000 = 55000, written 55300
    cells = [c if c != "6月20号" else "6月20号、6月21号、6月25号、" for c in LEDGER]
    cells.insert(cells.index("宣传资料印制"), "7月3号凭证")
    assert checked(_ledger("55000", cells), "table_sum") == [("55000", ("12000", "30400", "4000", "8600"))]
    assert [f[:2] + f[3:] for f in found(_ledger("55300", cells))] == [("table_sum", "提示", "55300", "55000")]


def test_a_ledger_whose_rows_differ_by_more_than_two_paragraphs_is_not_read() -> None:
    cells = list(LEDGER)
    at = cells.index("宣传资料印制")
    cells[at:at] = ["补记一", "补记二", "补记三"]  # three more text paragraphs between two amounts
    assert checked(_ledger("55000", cells), "table_sum") == []
