"""The 年度绩效目标 block of a 项目自评表 in packed pipe rows (issue 10): no 分值 column, the block's label opening
the header row ("年度绩效目标 (80分)"), first-level cells stating their 分值 in their names, one 得分 per 二级指标
merged down over its further 三级指标, every row's own cells written from the left and padded with "|" at its end.

The documents are our own, laid out like the 湖北 黄石 (held-out-7 住建局 海绵城市, held-out-9 图书馆 共享工程) and
云南 隆阳 (held-out-5 土肥站) web copies of this form: three documents of three sets share it."""

from __future__ import annotations

from decimal import Decimal as d

from jixiao.audit.api import audit_text
from jixiao.audit.docmodel import CUT_END, DECLARED
from jixiao.audit.documents import document_from_text
from tests.audit.audit_helpers import findings_of

HEAD = """2023年度乡村书屋项目自评表
项目名称 | 乡村书屋 | ||||||||
主管部门 | 某区文化和旅游局 | 项目实施单位 | 某区文化馆 | ||||||
预算执行情况(万元) (20分) | 预算数(A) | 执行数(B) | 执行率(B/A) | 得分 (20分*执行率) | |||||
年度财政资金总额 | 40 | 36 | 90% | 18 | |||||
年度绩效目标 (80分) | 一级指标 | 二级指标 | 三级指标 | 年初目标值(A) | 实际完成值(B) | 得分 | |||
"""

# 产出 (40分): four 二级指标 of 10, two of them with a further 三级指标 row (its 得分 merged), the 成本指标 cell
# written on a line of its own; 效益 (30分): three scored 二级指标 and one left blank; 满意度 (10分).
ROWS = """产出指标(40分) | 数量指标 | 新建书屋 | 12个 | 12个 | 10 | ||||
配送图书 | 6000册 | 6000册 | |||||||
质量指标 | 验收合格率 | 100% | 100% | 10 | |||||
时效指标 | 完成时间 | 2023年10月 | 2023年9月 | 10 | |||||
全年开放 | ≥300天 | 310天 | |||||||
成本指标
| 每个书屋建设成本 | ≤3.4万元 | 3万元 | 10 | |||||
效益指标(30分) | 社会效益 | 借阅人次 | ≥5000人次 | 5200人次 | {social} | ||||
经济效益 | 无经济效益指标 | 公益服务 | 公益服务 | ||||||
生态效益 | 节约纸张 | 有所减少 | 有所减少 | 8 | |||||
可持续影响 | 持续运行 | ≥3年 | 3年 | 10 | |||||
满意度指标(10分) | 服务对象满意度 | 群众满意度 | ≥90% | 95% | 9 | ||||
总分 | {total}分 | ||||||||
"""


def _doc(social: str = "10", total: str = "95") -> str:
    return HEAD + ROWS.format(social=social, total=total)


def _grid(text: str) -> list[list[str]]:
    table = document_from_text(text).tables[-1]
    return [[("=" if c.is_copy else "") + c.text for c in row] for row in table.rows]


def test_rows_are_placed_from_their_right_end_with_merged_levels_and_scores_copied() -> None:
    table = document_from_text(_doc()).tables[-1]
    assert table.form == "goal_blocks" and table.notes == (DECLARED,)
    assert _grid(_doc()) == [
        ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
        ["年度绩效目标 (80分)", "", "", "", "", ""],
        ["产出指标(40分)", "数量指标", "新建书屋", "12个", "12个", "10"],
        ["=产出指标(40分)", "=数量指标", "配送图书", "6000册", "6000册", "=10"],
        ["=产出指标(40分)", "质量指标", "验收合格率", "100%", "100%", "10"],
        ["=产出指标(40分)", "时效指标", "完成时间", "2023年10月", "2023年9月", "10"],
        ["=产出指标(40分)", "=时效指标", "全年开放", "≥300天", "310天", "=10"],
        ["=产出指标(40分)", "成本指标", "每个书屋建设成本", "≤3.4万元", "3万元", "10"],
        ["效益指标(30分)", "社会效益", "借阅人次", "≥5000人次", "5200人次", "10"],
        ["=效益指标(30分)", "经济效益", "无经济效益指标", "公益服务", "公益服务", ""],
        ["=效益指标(30分)", "生态效益", "节约纸张", "有所减少", "有所减少", "8"],
        ["=效益指标(30分)", "可持续影响", "持续运行", "≥3年", "3年", "10"],
        ["满意度指标(10分)", "服务对象满意度", "群众满意度", "≥90%", "95%", "9"],
        ["总分", "", "", "", "", "95"],
    ]


def test_a_consistent_form_has_no_finding_and_its_sums_are_traced() -> None:
    report = audit_text(_doc())
    assert report.findings == []
    traced = {(r.rule, r.stated, r.operands) for r in report.relations}
    assert ("goal_weights", d(80), (d(40), d(30), d(10))) in traced
    assert ("table_score_sum", d(40), (d(10),) * 4) in traced
    assert ("table_score_sum", d(30), (d(10), d(8), d(10))) in traced
    assert ("table_score_sum", d(95), (*(d(10),) * 4, d(10), d(8), d(10), d(9), d(18))) in traced


def test_scores_above_their_first_level_block_are_an_error() -> None:
    # 社会效益 14: the block's 得分 14 + 8 + 10 = 32 exceed its 30分 (the 总分 99 still adds up)
    assert findings_of(_doc(social="14", total="99")) == [
        ("错误", "table_score_sum", "第14行（表2 第9行 一级指标）", "30", "≥32"),
    ]


def test_a_total_that_leaves_out_a_row_is_an_error() -> None:
    assert findings_of(_doc(total="93")) == [
        ("错误", "table_score_sum", "第19行（表2 第14行 得分）", "93", "95"),
    ]


def test_first_level_weights_against_the_blocks_label_are_read_from_the_rebuilt_table() -> None:
    # the block's label is the table's first body row: goal_weights reads it with the first-level labels (a 提示:
    # a form may rescale its indicators to the block's 分值)
    text = _doc().replace("满意度指标(10分)", "满意度指标(15分)")
    assert findings_of(text) == [("提示", "goal_weights", "第6行（表2第1行第1列）", "80", "85")]


def test_a_block_cut_by_the_end_of_the_text_keeps_its_stated_weight() -> None:
    # the excerpt stops inside the 满意度 row: its cells are placed from the left, so the block's 分值 still closes
    # the first-level sum
    cut = HEAD + ROWS.format(social="10", total="95").split("满意度指标")[0] + "满意度指标(10分) | 服务对象 | 群众满意度"
    table = document_from_text(cut).tables[-1]
    assert table.notes == (DECLARED, CUT_END)
    assert _grid(cut)[-1] == ["满意度指标(10分)", "服务对象", "群众满意度", "", "", ""]
    report = audit_text(cut)
    assert report.findings == []
    assert ("goal_weights", d(80), (d(40), d(30), d(10))) in {(r.rule, r.stated, r.operands) for r in report.relations}
    # the scores of the last block are held as at most its 分值 even where rows may be missing
    over = cut.replace("5200人次 | 10", "5200人次 | 14")
    assert findings_of(over) == [("错误", "table_score_sum", "第14行（表2 第9行 一级指标）", "30", "≥32")]


def test_a_row_ending_in_two_bare_numbers_is_not_placed() -> None:
    # "… | 100 | 10": a bare 完成值 before a bare number — 得分 or the 完成值 of a row whose 得分 is merged: the table
    # ends there, cut, and nothing after it is summed
    text = _doc().replace("验收合格率 | 100% | 100% | 10", "验收合格率 | 100 | 100 | 10")
    table = document_from_text(text).tables[-1]
    assert CUT_END in table.notes and len(table.rows) == 4
    assert findings_of(text) == []


def test_a_numbered_goal_label_is_read_as_the_goal() -> None:
    # "年度绩效目标1 (80分)": a form that numbers its goals; the one goal of the table is read with its blocks
    text = _doc().replace("年度绩效目标 (80分)", "年度绩效目标1 (80分)").replace("满意度指标(10分)", "满意度指标(15分)")
    assert findings_of(text) == [("提示", "goal_weights", "第6行（表2第1行第1列）", "80", "85")]
