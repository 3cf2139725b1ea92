"""Table text with every separator lost (jixiao.audit.glued): a row is rebuilt only when every reading of
its glued figures that the form's grammar allows gives it the same cells; other rows are left out and
nothing is summed over their table. The documents are ours, laid out like published 自评表 pages that
reached the web as one run of characters."""

from __future__ import annotations

from jixiao.audit.api import audit_text
from jixiao.audit.documents import document_from_text
from jixiao.audit.glued import READ_BY_RATE, READ_BY_RULE, READ_NEAR, atoms, fits, glued_tables
from tests.audit.audit_helpers import findings_of, tables_of

# 资金: 50 | 48.5 | 10 | 97.00% | 9.7 written with no separator; "其中:财政拨款5048.5" can be one amount or two
FUNDS = ("某项目绩效自评表资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:5048.51097.00%9.7"
         "其中:财政拨款5048.5年度总体目标按期完成培训任务。")
INDICATORS = ("绩效指标一级指标二级指标三级指标分值年度指标值实际完成值得分偏差原因产出指标(50分)数量指标培训人次20≥300人次320人次20"
              "质量指标合格率30≥95%97%{quality}效益指标(30分)社会效益指标覆盖率30100%100%30满意度指标(10分)群众满意度{satisfaction}"
              "总分10099.7注:各项指标按完成比例计分。")


def _doc(quality: str = "30", satisfaction: str = "10≥90%93%10") -> str:
    return FUNDS + "\n" + INDICATORS.format(quality=quality, satisfaction=satisfaction) + "\n"


def test_atoms_split_text_blocks_and_figure_runs() -> None:
    got = [(a.kind, a.text) for a in atoms("产出指标(50分)数量指标培训人次20≥300人次320人次20……总分10099.7")]
    assert got == [("B", "产出指标(50分)"), ("T", "数量指标培训人次"), ("F", "20"), ("F", "≥300人次"), ("F", "320人次"),
                   ("F", "20"), ("D", "……"), ("T", "总分"), ("F", "10099.7")]


def test_pieces_must_be_well_formed_for_their_column() -> None:
    assert fits("weight", "", "20", "") and not fits("weight", "", "201", "") and not fits("weight", "", "020", "")
    assert fits("rate", "", "97.00", "%") and not fits("rate", "", "97", "")
    assert fits("target", "≥", "300", "人次") and not fits("target", "", "300", "")  # a bare number glued: no
    assert fits("budget_final", "", "48.5", "") and not fits("budget_final", "", "0485", "")


def test_unique_glued_rows_are_rebuilt() -> None:
    funds, indicators = tables_of(_doc())
    assert funds == [["项目", "全年预算数(A)", "全年执行数(B)", "分值", "执行率(B/A)", "得分"],
                     ["年度资金总额:", "50", "48.5", "10", "97.00%", "9.7"]]
    assert indicators == [
        ["一级指标", "二级指标", "三级指标", "分值", "年度指标值", "实际完成值", "得分", "偏差原因"],
        ["产出指标(50分)", "", "数量指标培训人次", "20", "≥300人次", "320人次", "20", ""],
        ["产出指标(50分)", "", "质量指标合格率", "30", "≥95%", "97%", "30", ""],
        ["效益指标(30分)", "", "社会效益指标覆盖率", "30", "100%", "100%", "30", ""],
        ["满意度指标(10分)", "", "群众满意度", "10", "≥90%", "93%", "10", ""],
        ["", "", "总分", "100", "", "", "99.7", ""],
    ]
    assert findings_of(_doc()) == []


def test_a_row_cut_by_its_own_rate_is_marked_and_its_rate_not_checked() -> None:
    funds, _ = document_from_text(_doc()).tables
    # "5048.51097.00%" reads as 50|48.5|10|97.00% only with the rate and the 得分 rule; "5048.5" stays unread
    assert funds.notes == ("文字表格中“其中:财政拨款”的数字有多种读法，未判断", "incomplete",
                           f"{READ_BY_RATE}2", f"{READ_BY_RULE}2")
    report = audit_text(_doc())
    assert not [r for r in report.relations if r.rule in ("table_rate", "table_score_rule")]


def test_planted_score_above_its_weight_is_found_in_its_cell() -> None:
    text = _doc(quality="32")
    report = audit_text(text)
    assert findings_of(text) == [
        ("错误", "table_score_le_max", "第2行（表2 第3行 得分）", "32", "≤30"),
        ("提示", "table_score_sum", "第2行（表2 第6行 得分）", "99.7", "101.7"),
    ]
    le_max = report.findings[0]
    assert le_max.explanation == "质量指标合格率得分32，超过其分值30。（该表由报告中的表格文字还原）"
    assert le_max.line == 2
    assert "切分" in report.findings[1].explanation  # the 资金 row's 9.7 was read by its own rate: a 提示


def test_ambiguous_row_is_left_out_and_nothing_is_summed() -> None:
    # "515" is 5|15 or 51|5: the row is not read, the table is incomplete, no sum is judged (though 总分 is off). Under
    # a block of 60 points: under one of 10, 分值 51 is no cut of it and the row reads 5|15
    text = _doc(quality="32", satisfaction="515").replace("满意度指标(10分)", "满意度指标(60分)")
    _, indicators = document_from_text(text).tables
    assert [row[0].text + row[2].text for row in indicators.rows[1:]] == [
        "产出指标(50分)数量指标培训人次", "产出指标(50分)质量指标合格率", "效益指标(30分)社会效益指标覆盖率", "总分"]
    assert "incomplete" in indicators.notes
    assert findings_of(text) == [("错误", "table_score_le_max", "第2行（表2 第3行 得分）", "32", "≤30")]


def test_too_many_readings_or_no_header_gives_no_table() -> None:
    assert glued_tables("这一段说明了年度资金总额202010100.00%10，并无表头，也不是表格文字，得分和分值都未列出。", 1, None) == []
    # a header but figures that no reading fits (a rate with no "%"): nothing rebuilt from them
    line = "资金情况全年预算数全年执行数分值执行率得分年度资金总额:2020101009910其中:财政拨款说明文字较长"
    assert [t.rows[1:] for t in glued_tables(line, 1, None)] == []


def test_hostile_glued_runs_are_refused_in_bounded_time() -> None:
    header = "资金情况全年预算数全年执行数分值执行率得分"
    # a 5000-digit run, and 300 glued percentages: no reading is tried beyond the grammar's bounds
    assert glued_tables(header + "年度资金总额:" + "1" * 5000 + "%10", 1, None) == []
    assert glued_tables(header + "年度资金总额:" + ("2" * 20 + "%") * 300, 1, None) == []


# A document-sharing site's copy of a glued 自评表 (ours): one line per page, each opened by its page number, the
# page breaks falling inside cells ("政府采购管" | "理采购程序合规"); names numbered "任务1:", a target "90%以上", the
# first-level label 产出指标 with its characters reordered by the OCR of a vertical cell ("出标产指30"), and one row
# whose 完成值 the OCR garbled ("8O%"): it is left unread, and so is the row after it (where a row begins after garbled
# text is not known) up to the next block label; it is a row of unknown 分值, so its block is not summed, the others
# are. Planted: 政府采购管理 得分 6 over its 分值 5, on the second page; 产出指标 35 over rows of 10 + 10 + 10.
PAGES = ("某街道社区卫生服务中心整体支出绩效自评表.docx\n"
         "1、某街道社区卫生服务中心整体支出绩效自评表(2022年度)二级指标三级指标年度指标值全年完成值分值得分偏差原因管理指标20"
         "预算编制管理编制科学合理100%100%55资金使用管理支出符合规定100%100%55资产管理账实相符率100%98%54政府采购管\n"
         "2、理采购程序合规100%100%56出标产指35数量指标任务1:家庭医生签约人数≥1200人1260人1010质量指标任务2:慢病规范"
         "管理率90%以上92%1010时效指标任务3:疫苗接种及时率100%按时完成1010\n"
         "3、效益指标30社会效益指标居民健康知识知晓率≥80%8O%1010经济效益指标居民就医费用下降≥5%6%1010满意度指标10"
         "服务对象满意度≥90%93%1010\n")


def test_numbered_pages_of_a_glued_form_are_read_on_and_a_garbled_row_is_left_out() -> None:
    # the rows after the garbled one are read again from the block label "满意度指标10" on
    (table,) = document_from_text(PAGES).tables
    # the header lost its 一级指标 word: the block labels get a column of their own
    assert [[row[0].text] + [c.text for c in row[2:7]] + [row[6].line] for row in table.rows[1:]] == [
        ["管理指标(20分)", "预算编制管理编制科学合理", "100%", "100%", "5", "5", 2],
        ["管理指标(20分)", "资金使用管理支出符合规定", "100%", "100%", "5", "5", 2],
        ["管理指标(20分)", "资产管理账实相符率", "100%", "98%", "5", "4", 2],
        ["管理指标(20分)", "政府采购管理采购程序合规", "100%", "100%", "5", "6", 3],
        ["出标产指(35分)", "数量指标任务1:家庭医生签约人数", "≥1200人", "1260人", "10", "10", 3],
        ["出标产指(35分)", "质量指标任务2:慢病规范管理率", "90%", "92%", "10", "10", 3],
        ["出标产指(35分)", "时效指标任务3:疫苗接种及时率", "100%", "按时完成", "10", "10", 3],
        ["效益指标(30分)", "社会效益指标居民健康知识知晓率", "", "", "", "", 4],
        ["满意度指标(10分)", "服务对象满意度", "≥90%", "93%", "10", "10", 4],
    ]
    # the garbled stretch is named and is a row of unknown 分值: its block (效益 30 over one row of 10 read after it)
    # and the whole are not summed; the blocks read whole are
    assert table.notes == ("文字表格中“社会效益指标居民健康知识知晓率”一行的文字无法按表头各列读出，未读，其所在指标组和总分不判断合计",
                           "unsummed_row:9")
    assert findings_of(PAGES) == [("错误", "table_score_le_max", "第3行（表1 第5行 得分）", "6", "≤5"),
                                  ("错误", "table_weight_sum", "第3行（表1 第6行 一级指标）", "35", "30")]


def test_numbers_of_names_qualifiers_and_reordered_block_labels_are_not_cells() -> None:
    got = [(a.kind, a.text) for a in atoms("出标产指30数量指标任务1:签约人数≥1200人以上1260人1010质量指标任务2：合格率90%以上92%55")]
    assert got == [("B", "出标产指(30分)"), ("T", "数量指标任务1:签约人数"), ("F", "≥1200人以上"), ("F", "1260人"), ("F", "1010"),
                   ("T", "质量指标任务2：合格率"), ("F", "90%以上"), ("F", "92%"), ("F", "55")]
    # a time is not a numbered name, and characters that are not a reordered block name stay text
    assert [(a.kind, a.text) for a in atoms("截至12:30完成出指产30")] == [
        ("T", "截至"), ("F", "12"), ("T", ":"), ("F", "30"), ("T", "完成出指产"), ("F", "30")]


def test_a_form_with_weights_between_its_levels_leaves_no_row_unread() -> None:
    # "一级指标分值二级指标分值…": each level has its own 分值 cell, which the grammar of names-then-figures cannot
    # place; with a row it cannot read, nothing is rebuilt (no "投入 1|5" row)
    line = ("部门整体支出绩效评价指标表一级指标分值二级指标分值三级指标分值评价标准得分投入15预算配置15在职人员控制率5"
            "控制率不超过100%得5分，每超1个百分点扣0.5分5结转结余变动率5结余率下降得满分5")
    assert glued_tables(line, 1, None) == []


def _county_form(row: str) -> str:
    # a 县级专项资金 form (ours) whose 资金 block has no 分值/得分 columns: 全年预算数 全年执行数 执行率, cells glued
    return ("2021年度县级专项资金绩效目标自评表专项资金名称农村公路养护补助主管部门某县交通运输局项目资金(万元)全年预算数(A)"
            f"全年执行数(B)执行率(B/A)年度资金总额86.586.5100%其中:县级资金{row}其他资金年度总体目标年初设定目标完成县乡道日常养护\n")


def test_a_funds_block_of_three_columns_is_read_and_a_rate_off_near_its_cut_is_a_hint() -> None:
    # planted: 县级资金 执行数 78.5 against 100%. "86.578.5" can be cut 86.5|78.5 (90.75 %), 86.57|8.5 (9.82 %) or
    # 86.578|.5 (no): only the first is near the stated rate, so it is read, and the rate found off is a 提示
    text = _county_form("86.578.5100%")
    (table,) = document_from_text(text).tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "全年预算数(A)", "全年执行数(B)", "执行率(B/A)"],
        ["年度资金总额", "86.5", "86.5", "100%"],
        ["其中:县级资金", "86.5", "78.5", "100%"],
    ]
    assert table.notes == (f"{READ_BY_RATE}2", f"{READ_NEAR}3")  # the total row's own rate cut it: not checked
    assert findings_of(text) == [("提示", "table_rate", "第1行（表1 第3行 执行率(B/A)）", "100%", "90.75%")]
    assert "切分可能有误" in audit_text(text).findings[0].explanation


def test_a_funds_row_with_no_cut_near_its_rate_is_not_read() -> None:
    # "86.543.2100%": 86.5|43.2 is 49.94 %, far from 100 %: it may be a cut the text does not show, so nothing is judged
    text = _county_form("86.543.2100%")
    assert document_from_text(text).tables == [] and findings_of(text) == []


def test_a_weight_cut_from_a_run_stays_within_its_block() -> None:
    # "8550万粒" under 产出指标(40分): 8 | 550万粒 or 85 | 50万粒 — a 分值 of 85 in a block of 40 is no cut of it
    line = ("项目绩效目标自评表一级指标二级指标三级指标分值年度指标值全年实际值得分未完成原因产出指标(40分)数量指标"
            "指标1免费发放种薯8550万粒550万粒8指标2企业自行采购8200万粒200万粒7效益指标(60分)")
    (table,) = glued_tables(line, 1, None)
    assert [[c.text for c in row[2:7]] for row in table.rows[1:]] == [
        ["数量指标指标1免费发放种薯", "8", "550万粒", "550万粒", "8"], ["指标2企业自行采购", "8", "200万粒", "200万粒", "7"]]


def test_a_funds_row_read_near_its_rate_makes_the_total_over_it_a_hint() -> None:
    # "5045.51090.00%9": 50 | 45.5 | 10 | 90.00% | 9 is the one cut near its rate (45.5 ÷ 50 = 91.00 %); two cuts fit a
    # rate exactly only by a spurious 0 % ("5045.5 | 10 | 90.0 | 0%"), which the 得分 rule (9 of 10) does not fit. The
    # 总分 99.7 over 90 + 9 is then a 提示: the 9 comes from a row whose cut is inferred
    funds = "某项目绩效自评表资金情况(万元)全年预算数(A)全年执行数(B)分值执行率(B/A)得分年度资金总额:5045.51090.00%9年度总体目标按期完成培训任务。"
    text = funds + "\n" + INDICATORS.format(quality="30", satisfaction="10≥90%93%10") + "\n"
    fund_table = document_from_text(text).tables[0]
    assert [c.text for c in fund_table.rows[1]] == ["年度资金总额:", "50", "45.5", "10", "90.00%", "9"]
    assert fund_table.notes == (f"{READ_NEAR}2",)
    assert findings_of(text) == [("提示", "table_rate", "第1行（表1 第2行 执行率(B/A)）", "90.00%", "91.00%"),
                                 ("提示", "table_score_sum", "第2行（表2 第6行 得分）", "99.7", "99")]
