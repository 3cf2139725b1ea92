"""The document model's tables: docx merged cells, workbook sheets, text grids and flattened form text,
and the table rules judging them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from jixiao.audit import audit_path, audit_text
from jixiao.audit.align import place
from jixiao.audit.documents import document_from_text, read_document
from jixiao.audit.finding import AuditFinding

# A 项目支出绩效自评表 written three ways; the 产出 block's 分值 (50 over 20+10+10) and 得分 of 质量 (12 > 10)
# are wrong on purpose.
HEADER_FUNDS = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
FUNDS = [["年度资金总额", "400", "420", "399", "10", "95%", "9.5"],
         ["其中：本年财政拨款", "400", "420", "399", "", "", ""]]
HEADER_IND = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
IND = [["产出指标（50分）", "数量指标", "培训人次", "≥300人次", "320人次", "20", "20", ""],
       ["", "质量指标", "考核合格率", "≥95%", "97%", "10", "12", ""],
       ["", "时效指标", "按期完成率", "100%", "100%", "10", "10", ""],
       ["效益指标（30分）", "社会效益指标", "学员能力提升", "明显", "明显", "30", "28", "个别课程时间偏紧"],
       ["满意度指标（10分）", "服务对象满意度指标", "学员满意度", "≥90%", "92%", "10", "10", ""],
       ["总分", "", "", "", "", "100", "99.5", ""]]



def _one_line() -> str:
    cells = ["项目支出绩效自评表", "项目名称", "职业培训补助", "项目资金（万元）", *HEADER_FUNDS]
    for row in FUNDS:
        cells += [c for c in row if c]
    cells += ["年度总体目标", "完成年度培训任务。", "绩效指标", *HEADER_IND]
    for row in IND:
        cells += [c for c in row if c]
    return " ".join(cells) + "\n"


def _row_per_line() -> str:
    lines = ["项目支出绩效自评表", "项目资金（万元）", " ".join(HEADER_FUNDS)]
    lines += [" ".join(c for c in row if c) for row in FUNDS]
    lines += ["年度总体目标 完成年度培训任务。", " ".join(HEADER_IND)]
    lines += [" ".join(c for c in row if c) for row in IND]
    return "\n".join(lines) + "\n"


def _cell_per_line() -> str:
    cells = ["项目支出绩效自评表", "项目资金（万元）", *HEADER_FUNDS]
    for row in FUNDS:
        cells += [f"{c} |" if c else "|" for c in row]
    cells += ["年度总体目标", "完成年度培训任务。", *HEADER_IND]
    for row in IND:
        cells += [f"{c} |" if c else "|" for c in row]
    return "\n".join(cells) + "\n"


def findings(report_findings: Sequence[AuditFinding]) -> set[tuple[str, str, str, str]]:
    return {(f.rule, f.severity, f.stated, f.expected) for f in report_findings}


# 20 + 10 + 10 under a block of 50; with the 资金 row's 10 the 分值 add to 90, the 得分 to 89.5
WANT = {("table_score_le_max", "错误", "12", "≤10"), ("table_weight_sum", "错误", "50", "40"),
        ("table_weight_sum", "错误", "100", "90"), ("table_score_sum", "错误", "99.5", "89.5")}


@pytest.mark.parametrize("layout", [_one_line, _row_per_line, _cell_per_line])
def test_flattened_form_is_rebuilt_in_every_layout(layout: Callable[[], str]) -> None:
    doc = document_from_text(layout())
    funds, ind = doc.tables
    assert (funds.form, ind.form) == ("funds", "indicators") and funds.rebuilt and ind.rebuilt
    assert [c.text for c in funds.rows[1]][1:] == ["400", "420", "399", "10", "95%", "9.5"]
    weights = [r[HEADER_IND.index("分值")].text for r in ind.rows[1:]]
    scores = [r[HEADER_IND.index("得分")].text for r in ind.rows[1:]]
    assert (weights, scores) == (["20", "10", "10", "30", "10", "100"], ["20", "12", "10", "28", "10", "99.5"])
    got = findings(audit_text(layout()).findings)
    assert got == WANT


def test_findings_name_the_cell_and_quote_the_row() -> None:
    report = audit_text(_row_per_line())
    (f,) = [f for f in report.findings if f.rule == "table_score_le_max"]
    assert f.location == "第9行（表2 第3行 得分）"
    assert f.line == 9
    assert "考核合格率" in f.quote and "12" in f.quote


def test_rebuild_refuses_rows_it_cannot_place() -> None:
    # "10" alone on the 质量 row: 分值 or 得分? The table is marked incomplete and no sum is judged.
    text = _row_per_line().replace("考核合格率 ≥95% 97% 10 12", "考核合格率 ≥95% 97% 10")
    report = audit_text(text)
    assert not [f for f in report.findings if f.rule in ("table_weight_sum", "table_score_sum")]
    (ind,) = [t for t in document_from_text(text).tables if t.form == "indicators"]
    assert "incomplete" in ind.notes


def test_place_keeps_only_what_every_placement_agrees_on() -> None:
    money = ["budget_initial", "budget_final", "actual", "weight", "rate", "score"]
    assert place(["880", "880", "880", "10", "10"], money).columns == ("880", "880", "880", "10", "", "10")
    indicators = ["level1", "level2", "level3", "target", "achieved", "weight", "score", "reason"]
    assert place(["数量指标", "指标1:养护里程", "30", "32", "20", "20"], indicators).columns[5:7] == ("20", "20")
    assert place(["10"], ["weight", "score"]).columns == (None, None)  # one figure, two columns


def _docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("项目资金（万元）")
    f = d.add_table(rows=3, cols=7)
    for i, row in enumerate([["项目", *HEADER_FUNDS], *FUNDS]):
        for j, v in enumerate(row):
            f.cell(i, j).text = v
    d.add_paragraph("绩效指标完成情况表")
    t = d.add_table(rows=1 + len(IND), cols=len(HEADER_IND))
    for j, h in enumerate(HEADER_IND):
        t.cell(0, j).text = h
    for i, row in enumerate(IND, start=1):
        for j, v in enumerate(row):
            if v:
                t.cell(i, j).text = v
    t.cell(1, 0).merge(t.cell(3, 0))  # 产出指标 spans its three rows
    t.cell(6, 0).merge(t.cell(6, 4))  # 总分 spans the name columns
    t.cell(6, 0).text = "总分"
    d.save(str(path))
    return path


def test_docx_merged_cells_are_resolved(tmp_path: Path) -> None:
    doc = read_document(_docx(tmp_path / "t.docx"))
    _, table = doc.tables
    assert table.caption == "绩效指标完成情况表"
    assert table.rows[2][0].origin == (2, 1) and table.rows[3][0].origin == (2, 1)
    assert table.rows[1][0].text == "产出指标（50分）" and not table.rows[1][0].is_copy
    assert [c.origin for c in table.rows[6][:5]] == [None, (7, 1), (7, 1), (7, 1), (7, 1)]
    assert findings(audit_path(tmp_path / "t.docx").findings) == WANT


def test_xlsx_sheet_cells_and_locations(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "自评表"
    ws.append(["项目支出绩效自评表"])
    ws.merge_cells("A1:H1")
    ws.append(HEADER_IND)
    for row in IND:
        ws.append([float(v) if v.replace(".", "").isdigit() else (v or None) for v in row])
    ws.merge_cells("A3:A5")
    ws["F4"].number_format = "0.00"
    wb.save(tmp_path / "t.xlsx")
    doc = read_document(tmp_path / "t.xlsx")
    (table,) = doc.tables
    assert table.sheet == "自评表" and table.caption == "项目支出绩效自评表"
    assert table.rows[3][5].text == "10.00" and table.rows[3][5].ref == "F4"
    assert table.rows[3][0].origin == (3, 1)
    report = audit_path(tmp_path / "t.xlsx")
    le = [f for f in report.findings if f.rule == "table_score_le_max"]
    assert [(f.location, f.stated) for f in le] == [("自评表!G4（表1 第4行 得分）", "12")]


def test_tab_grid_with_two_header_rows_and_total_row() -> None:
    text = ("固定资产情况表\n单位：万元\n"
            "资产类别\t数量\t金额\t在用资产\t\n"
            "\t\t\t金额\t占比\n"
            "一、房屋\t2\t500.00\t500.00\t62.50%\n"
            "二、车辆\t1\t60.00\t60.00\t7.50%\n"
            "三、办公设备\t40\t240.00\t240.00\t30.00%\n"
            "合计\t43\t800.00\t800.00\t100.00%\n")
    doc = document_from_text(text)
    (table,) = doc.tables
    assert table.caption == "固定资产情况表 单位：万元" and not table.rebuilt
    assert audit_text(text).findings == []
    wrong = text.replace("合计\t43\t800.00", "合计\t43\t810.00").replace("30.00%", "33.00%")
    assert findings(audit_text(wrong).findings) == {
        ("table_sum", "错误", "810.00", "800.00"), ("table_share", "错误", "33.00%", "30.00%")}
