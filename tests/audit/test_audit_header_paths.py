"""A statistics table with a three-row header (issue 10; held-out-8's 惠安 学生资助 table): period groups 上半年 |
下半年 | 全年, each with 救助人次 | 救助金额 | 其中:城市 (人次, 金额) | 农村 (人次, 金额). ``headerpaths`` reads one column
path per column; ``table_path_sum`` judges 全年 = 上半年 + 下半年 column by column and each 其中 list against the
column whose name ends with the parts' sub-column name — as a workbook and as a Word table with merged cells.

Our own county's 医疗救助 figures, every sum by hand:
东城镇 上半年 120 = 50 + 70, 36.5 = 15.2 + 21.3; 下半年 130 = 60 + 70, 40.1 = 18.6 + 21.5; 全年 250, 76.6.
西山乡 上半年 80 = 30 + 50, 22.4 = 8.4 + 14.0; 下半年 90 = 40 + 50, 25.2 = 11.2 + 14.0; 全年 170, 47.6.
合计 上半年 200 = 80 + 120, 58.9 = 23.6 + 35.3; 下半年 220 = 100 + 120, 65.3 = 29.8 + 35.5; 全年 420, 124.2.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml

from jixiao.audit.api import audit_path
from jixiao.audit.docmodel import Table, grid
from jixiao.audit.headerpaths import GROUP, PARTS, column_sums, header
from tests.audit.corpus_render import render_docx, render_xlsx

_HALF = ["救助人次", "救助金额", "其中:城市", "其中:城市", "农村", "农村"]
_SUB = ["", "", "人次", "金额", "人次", "金额"]
HEAD = [
    ["地区", *["上半年"] * 6, *["下半年"] * 6, "全年", "全年"],
    ["地区", *_HALF, *_HALF, "救助人次", "救助金额"],
    ["地区", *_SUB, *_SUB, "", ""],
]
ROWS = [
    ["东城镇", "120", "36.5", "50", "15.2", "70", "21.3", "130", "40.1", "60", "18.6", "{east_rural}", "21.5", "250", "76.6"],
    ["西山乡", "80", "22.4", "30", "{west_city}", "50", "14.0", "90", "25.2", "40", "11.2", "50", "14.0", "170", "{west_year}"],
    ["合计", "200", "58.9", "80", "23.6", "120", "35.3", "220", "65.3", "100", "29.8", "120", "35.5", "420", "124.2"],
]
GOOD = {"east_rural": "70", "west_city": "8.4", "west_year": "47.6"}
# planted: 东城镇 下半年 农村 80 (60 + 80 = 140 > 130); 西山乡 上半年 城市 blank (0 + 14.0 < 22.4); 西山乡 全年 46.7 (22.4 + 25.2)
BAD = {"east_rural": "80", "west_city": "", "west_year": "46.7"}


def _render(tmp_path: Path, values: dict[str, str], kind: str) -> Path:
    folder = tmp_path / f"src-{kind}"
    folder.mkdir()
    rows = HEAD + [[c.format(**values) for c in row] for row in ROWS]
    (folder / "source.yaml").write_text(yaml.safe_dump(
        [{"paragraph": "某县2022年医疗救助分地区统计表"}, {"table": {"title": "医疗救助分地区统计表", "rows": rows}}],
        allow_unicode=True), encoding="utf-8")
    render = render_xlsx if kind == "xlsx" else render_docx
    return render(folder, tmp_path / f"救助统计.{kind}")


def _findings(path: Path) -> list[tuple[str, str, str, str]]:
    return sorted((f.severity, f.location, f.stated, f.expected) for f in audit_path(path).findings
                  if f.rule == "table_path_sum")


def _relations(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((str(r.stated), tuple(sorted(str(o) for o in r.operands))) for r in audit_path(path).relations
                  if r.rule == "table_path_sum")


def test_each_column_has_its_path_and_the_header_states_six_sums(tmp_path: Path) -> None:
    path = _render(tmp_path, GOOD, "docx")
    from jixiao.audit.documents import read_document

    (table,) = read_document(path).tables
    h = header(table)
    assert h is not None and h.body == 3
    assert [h.name(j) for j in (1, 4, 14)] == ["上半年 / 救助人次", "上半年 / 其中:城市 / 金额", "全年 / 救助金额"]
    got = sorted((s.kind, h.name(s.total), tuple(h.name(j) for j in s.parts)) for s in column_sums(h))
    assert got == sorted([
        (GROUP, "全年 / 救助人次", ("上半年 / 救助人次", "下半年 / 救助人次")),
        (GROUP, "全年 / 救助金额", ("上半年 / 救助金额", "下半年 / 救助金额")),
        (PARTS, "上半年 / 救助人次", ("上半年 / 其中:城市 / 人次", "上半年 / 农村 / 人次")),
        (PARTS, "上半年 / 救助金额", ("上半年 / 其中:城市 / 金额", "上半年 / 农村 / 金额")),
        (PARTS, "下半年 / 救助人次", ("下半年 / 其中:城市 / 人次", "下半年 / 农村 / 人次")),
        (PARTS, "下半年 / 救助金额", ("下半年 / 其中:城市 / 金额", "下半年 / 农村 / 金额")),
    ])


def test_a_consistent_workbook_checks_six_sums_on_every_row(tmp_path: Path) -> None:
    path = _render(tmp_path, GOOD, "xlsx")
    assert audit_path(path).findings == []
    # six sums on each of the two member rows; the 合计 row's cells are judged first by table_sum as column totals
    # of the rows above (救助人次 too: a column no role names is read as a figure since train10), to the same
    # figures, and are not judged twice
    assert sorted(stated for stated, _ in _relations(path)) == sorted(
        ["120", "36.5", "130", "40.1", "250", "76.6", "80", "22.4", "90", "25.2", "170", "47.6"])
    assert sorted(str(r.stated) for r in audit_path(path).relations if r.rule == "table_sum") == sorted(
        ["200", "58.9", "23.6", "35.3", "220", "65.3", "29.8", "35.5", "420", "124.2"])


def test_planted_errors_are_found_in_the_workbook_and_in_the_word_table(tmp_path: Path) -> None:
    xlsx = _render(tmp_path, BAD, "xlsx")
    assert _findings(xlsx) == [
        # sheet 表2 holds the table under its title row (sheet 表1 the text)
        ("提示", "表2!C6", "22.4", "14.0"),  # the 城市 amount left blank: 0 + 14.0 below the whole
        ("错误", "表2!H5", "130", "140"),  # 60 + 80 above the 下半年 total
        ("错误", "表2!O6", "46.7", "47.6"),  # 全年 = 上半年 22.4 + 下半年 25.2
    ]
    docx = _render(tmp_path, BAD, "docx")
    assert [(s, stated, exp) for s, _, stated, exp in _findings(docx)] == [
        ("提示", "22.4", "14.0"), ("错误", "130", "140"), ("错误", "46.7", "47.6")]


def test_a_one_row_header_or_an_ambiguous_sub_column_states_nothing() -> None:
    flat = Table(number=1, rows=grid([["地区", "救助人次", "救助金额", "合计"], ["东城镇", "120", "36.5", "156.5"],
                                      ["西山乡", "80", "22.4", "102.4"]]), source="docx")
    assert header(flat) is None
    # two columns before the 其中 list end in 金额 (救助金额, 拨付金额): the parts' 金额 has no one whole
    rows = [["地区", "救助金额", "拨付金额", "其中:城市", "其中:城市", "农村", "农村"],
            ["", "", "", "人次", "金额", "人次", "金额"],
            ["东城镇", "36.5", "30.0", "50", "15.2", "70", "21.3"],
            ["西山乡", "22.4", "20.0", "30", "8.4", "50", "14.0"]]
    spans = {(0, 4): (0, 3), (0, 6): (0, 5), (1, 0): (0, 0), (1, 1): (0, 1), (1, 2): (0, 2)}
    h = header(Table(number=1, rows=grid(rows, spans=spans), source="docx"))
    assert h is not None
    assert column_sums(h) == []


def _staffing(tmp_path: Path, total: str) -> Path:
    folder = tmp_path / f"staff-{total}"
    folder.mkdir()
    rows = [["单位名称", "编制数", "实有人数", "实有人数", "实有人数", "实有人数"],
            ["单位名称", "编制数", "小计", "行政人数", "事业人数", "离退休人数"],
            ["某县疾控中心", "60", total, "5", "48", "20"],  # 5 + 48 + 20 = 73
            ["某县卫生监督所", "25", "30", "20", "0", "10"]]
    (folder / "source.yaml").write_text(yaml.safe_dump([{"table": {"title": "人员情况表", "rows": rows}}],
                                                       allow_unicode=True), encoding="utf-8")
    return render_docx(folder, tmp_path / f"人员-{total}.docx")


def test_a_subtotal_column_beside_its_parts(tmp_path: Path) -> None:
    # 实有人数: 小计 | 行政人数 | 事业人数 | 离退休人数 — the 小计 is the sum of the three; 单位名称 and 编制数 are no parts
    good = _staffing(tmp_path, "73")
    assert _findings(good) == []
    assert _relations(good) == [("30", ("0", "10", "20")), ("73", ("20", "48", "5"))]
    assert _findings(_staffing(tmp_path, "75")) == [("错误", "表1第3行第3列", "75", "73")]


def test_a_header_tree_table_sum_reads_is_not_judged_twice(tmp_path: Path) -> None:
    # a 三公 table: 合计 | 因公出国(境)费 | 公务用车购置及运行费 (小计 | 购置费 | 运行费) | 公务接待费, each 预算数 | 决算数.
    # 预算 30.00 = 5.00 + 8.00 + 12.00 + 5.00; 决算 21.50 = 4.20 + 8.00 + 7.10 + 2.20 (written 22.50: planted);
    # 小计 20.00 = 8.00 + 12.00, 15.10 = 8.00 + 7.10.
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "三公"
    ws.append(["合计", None, "因公出国(境)费", None, "公务用车购置及运行费", None, None, None, None, None, "公务接待费", None])
    ws.append([None, None, None, None, "小计", None, "购置费", None, "运行费", None, None, None])
    ws.append(["预算数", "决算数"] * 6)
    ws.append([30.00, 22.50, 5.00, 4.20, 20.00, 15.10, 8.00, 8.00, 12.00, 7.10, 5.00, 2.20])
    for cells in ("A1:B2", "C1:D2", "E1:J1", "E2:F2", "G2:H2", "I2:J2", "K1:L2"):
        ws.merge_cells(cells)
    path = tmp_path / "三公.xlsx"
    wb.save(path)
    # table_sum reads this “三公” header tree already (table_columns): each sum is judged once, by it
    assert _relations(path) == []
    assert [(f.rule, f.stated, f.expected) for f in audit_path(path).findings] == [("table_sum", "22.5", "21.5")]


# The same 三公 table as pipe text that keeps every cell: a merged header cell is written once and the cells it
# covered are blank ("| 合计 |  | 因公出国(境)费 |  |"): a blank right of a filled header cell, under the same cell
# above and over filled header cells, continues it. 2021年: 28.00 = 4.00 + 0 + 19.00 + 5.00, 20.40 = 3.10 + 0 + 14.90
# + 2.40; 小计 19.00 = 0 + 19.00, 14.90 = 0 + 14.90. 2022年 as in the workbook above (决算 合计 written 22.50).
_SANGONG = [["年度", "合计", "", "因公出国(境)费", "", "公务用车购置及运行费", "", "", "", "", "", "公务接待费", ""],
            ["", "", "", "", "", "小计", "", "购置费", "", "运行费", "", "", ""],
            ["", *["预算数", "决算数"] * 6],
            ["2021年", "28.00", "20.40", "4.00", "3.10", "19.00", "14.90", "0", "0", "19.00", "14.90", "5.00", "2.40"],
            ["2022年", "30.00", "{total}", "5.00", "4.20", "20.00", "15.10", "8.00", "8.00", "12.00", "7.10", "5.00", "2.20"]]


def _sangong_text(total: str) -> str:
    lines = ["某县2022年“三公”经费预算与决算表", "单位:万元",
             *("| " + " | ".join(r).format(total=total) + " |" for r in _SANGONG), "说明:2022年购置公务用车1辆。"]
    return "\n".join(lines) + "\n"


def test_blank_header_cells_of_a_text_table_continue_the_cell_on_their_left() -> None:
    from jixiao.audit.api import audit_text

    good = audit_text(_sangong_text("21.50"))
    assert good.findings == []
    # the 合计 columns are read through the lost merges here; the 小计 columns table_sum judges (each sum once)
    judged: dict[str, list[str]] = {r.rule: [] for r in good.relations}
    for r in good.relations:
        judged[r.rule].append(str(r.stated))
    assert sorted(judged["table_path_sum"]) == ["20.40", "21.50", "28.00", "30.00"]
    assert sorted(judged["table_sum"]) == ["14.90", "15.10", "19.00", "20.00"]
    bad = audit_text(_sangong_text("22.50"))
    assert [(f.rule, f.severity, f.location, f.stated, f.expected) for f in bad.findings] == [
        ("table_path_sum", "错误", "第7行（表1第5行第3列）", "22.50", "21.50")]


def test_a_flat_list_of_parts_after_its_whole(tmp_path: Path) -> None:
    # two header rows: 资金来源 over 预算数 | 其中:财政拨款 | 其他资金 (parts of the column before the list);
    # 80 + 20 = 100, 45 + 10 = 55 (written 60: parts below it, a 提示); a 其中 list of shares is no sum
    def table(second: str, head: str = "其中:财政拨款") -> Path:
        folder = tmp_path / f"flat-{second}-{len(head)}"
        folder.mkdir()
        rows = [["项目", "资金来源", "资金来源", "资金来源"], ["项目", "预算数", head, "其他资金"],
                ["设备购置", "100", "80", "20"], ["人员培训", second, "45", "10"]]
        (folder / "source.yaml").write_text(yaml.safe_dump([{"table": {"title": "资金来源表", "rows": rows}}],
                                                           allow_unicode=True), encoding="utf-8")
        return render_docx(folder, tmp_path / f"{folder.name}.docx")

    assert _relations(table("55")) == [("100", ("20", "80")), ("55", ("10", "45"))]
    assert _findings(table("60")) == [("提示", "表1第4行第2列", "60", "55")]
    assert _relations(table("55", "其中:占比")) == []
