"""A 其中 list written one numbered item a line under the sentence it breaks down (held-out-8: 广水 彩票公益金 notice,
"……198万元,占总数的89.59%。其中:" / "1.用于……151万元;" / "2.……9万元;" / "3.……38万元。"). Short texts in our own words
in that layout; every figure computed by hand. The lines are joined into one paragraph by
paragraphs.joined_breakdowns (one way for every format), not by the line reader."""

from __future__ import annotations

from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import checked, found

# 70 + 30 + 20 = 120
NOTICE = ("二、本级福利彩票公益金使用情况\n"
          "（一）用于社会福利事业支出120万元，占总数的80%。其中：\n"
          "1.用于资助养老机构设施改造70万元；\n"
          "2.用于困难老人节日慰问30万元；\n"
          "3.用于残疾人康复项目{x}万元。\n"
          "特此公告。\n")


def test_numbered_items_one_a_line_are_the_list() -> None:
    # before: each numbered line was a paragraph of its own and the 120 was checked against nothing
    text = NOTICE.format(x="20")
    assert found(text) == []
    assert checked(text, "sum") == [("120", ("20", "30", "70"))]
    # the reader keeps each line a paragraph; the analysis joins them
    assert [b.text[:2] for b in document_from_text(text).blocks] == ["二、", "（一", "1.", "2.", "3.", "特此"]


def test_numbered_items_that_do_not_add_up() -> None:
    # 70 + 30 + 25 = 125 ≠ 120
    assert found(NOTICE.format(x="25")) == [("sum", "错误", "第2行", "120万元", "125.00万元")]


def test_numbered_headings_without_figures_are_no_breakdown() -> None:
    # items that hold no figure (work done, headings) do not break down the sentence's figure
    text = ("全年完成重点工作5项，支出20万元。其中：\n"
            "1.完善资金管理制度；\n"
            "2.开展绩效自评。\n")
    assert checked(text, "sum") == []
    assert found(text) == []


# A 部门决算's spending by function class: "其中：" and then numbered paragraphs, each a sentence of its own closed by
# "。" and naming a few of the classes only (the 决算 template lists the main ones). A sequence of paragraphs, not one
# list: nothing is summed against the head's total (figures our own).
FINAL_ITEMS = ("一般公共预算财政拨款支出年初预算为900.00万元，支出决算为950.00万元。其中：\n"
               "1.社会保障和就业支出（类）行政单位离退休（项）：年初预算为50.00万元，支出决算为52.00万元。\n"
               "2.卫生健康支出（类）行政单位医疗（项）：年初预算为30.00万元，支出决算为31.00万元。\n"
               "3.节能环保支出（类）行政运行（项）：年初预算为400.00万元，支出决算为420.00万元。\n")


def test_numbered_paragraphs_closed_by_full_stops_are_no_list() -> None:
    assert checked(FINAL_ITEMS, "sum") == []
    assert found(FINAL_ITEMS) == []
