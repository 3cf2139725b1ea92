"""Real .docx and .pdf reports, unreadable files, the CLI and every export format."""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from jixiao.audit import audit_path
from jixiao.audit.batch import collect, run_batch
from jixiao.audit.documents import read_document
from jixiao.audit.mapping import extract_model
from jixiao.cli.app import app
from tests.audit.audit_helpers import seed_path
from tests.helpers import needs_tool

PARA = "2022年度“三公”经费支出决算为2.0万元，完成预算4.5万元的44.44%。公务用车购置及运行费支出决算为1.79万元，完成预算2万元的89.8%。"


def make_docx(path: Path) -> Path:
    import docx

    d = docx.Document()
    d.add_paragraph("某某局2022年度部门整体支出绩效自评报告")
    d.add_paragraph(PARA)
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate([("项目", "预算", "支出"), ("基本支出", "100.00", "98.00"), ("合计", "120.00", "118.50")]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    d.add_paragraph("在编人员26名，其中办机关19名，友协秘书处3名，中日友好会馆6名。")
    d.save(str(path))
    return path


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    p = make_docx(tmp_path / "r.docx")
    doc = read_document(p)
    kinds = [(b.kind, b.location()) for b in doc.blocks]
    assert kinds == [("docx", "第1段"), ("docx", "第2段"), ("docx", "第3段")]
    (table,) = doc.tables
    assert [[c.text for c in row] for row in table.rows] == [
        ["项目", "预算", "支出"], ["基本支出", "100.00", "98.00"], ["合计", "120.00", "118.50"]]
    assert table.caption == ""  # the paragraph before it is prose, not a title
    got = [(f.rule, f.location, f.stated, f.expected) for f in audit_path(p).findings]
    assert got == [("rate", "第2段", "89.8%", "89.50%"), ("sum", "第3段", "26名", "28名")]


@needs_tool("soffice")
def test_pdf_with_text_layer_has_page_numbers(tmp_path: Path) -> None:
    from jixiao.report.pdf import docx_to_pdf

    p = make_docx(tmp_path / "r.docx")
    docx_to_pdf(p, tmp_path)  # a private LibreOffice profile: no clash with another running office
    report = audit_path(tmp_path / "r.pdf")
    assert report.error is None
    got = [(f.rule, f.stated, f.expected, f.location.startswith("第1页第")) for f in report.findings]
    assert got == [("rate", "89.8%", "89.50%", True), ("sum", "26名", "28名", True)]


def test_unreadable_files_have_a_reason(tmp_path: Path) -> None:
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf")
    (tmp_path / "bad.docx").write_bytes(b"PK\x03\x04junk")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "old.doc").write_bytes(b"x")
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 (Excel 97-2003) header
    reasons = {p.name: audit_path(p).error for p in sorted(tmp_path.iterdir())}
    assert reasons == {
        "bad.docx": "不是有效的 Word（.docx）文件（可能已损坏，或是旧版 .doc 改了扩展名）",
        "bad.pdf": "不是有效的 PDF 文件（无法解析，可能已损坏）",
        "empty.txt": "文件为空",
        "old.doc": "不支持的文件类型 .doc，应为 .txt、.md、.docx、.pdf 或 .xlsx（旧版 .xls 请在 Excel 中另存为 .xlsx，"
                   "旧版 .doc 请在 Word 中另存为 .docx）",
        "old.xls": "是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再审核",
    }


def test_batch_survives_bad_files_on_two_processes(tmp_path: Path) -> None:
    for s in ("000", "001", "002", "003", "004"):
        shutil.copy(seed_path(s), tmp_path / f"{s}.txt")
    (tmp_path / "bad.pdf").write_bytes(b"garbage")
    files = collect([tmp_path])
    assert [f.name for f in files] == ["000.txt", "001.txt", "002.txt", "003.txt", "004.txt", "bad.pdf"]
    reports = list(run_batch(files, jobs=2))
    assert [len(r.findings) for r in reports] == [1, 0, 1, 2, 4, 0]
    assert reports[-1].error is not None


def test_cli_exit_codes_and_exports(tmp_path: Path) -> None:
    runner = CliRunner()
    res = runner.invoke(app, ["audit", str(seed_path("001"))])
    assert res.exit_code == 0 and "未发现不一致" in res.output
    res = runner.invoke(app, ["audit", str(seed_path("004"))])
    assert res.exit_code == 1 and "93.26%" in res.output
    res = runner.invoke(app, ["audit", "--list-rules"])
    assert res.exit_code == 0 and "overspend" in res.output
    res = runner.invoke(app, ["audit", str(seed_path("004")), "--disable", "nope"])
    assert res.exit_code == 2
    for ext in ("xlsx", "csv", "json", "html"):
        out = tmp_path / f"f.{ext}"
        res = runner.invoke(app, ["audit", str(seed_path("000")), str(seed_path("004")), "-o", str(out), "-j", "1"])
        assert res.exit_code == 1, res.output
        assert out.exists()
    ws = openpyxl.load_workbook(tmp_path / "f.xlsx")["审核发现"]
    rows = list(ws.values)
    assert rows[0][:4] == ("文件", "位置", "规则", "严重程度") and len(rows) == 6
    assert rows[1][5:7] == ("89.8%", "89.50%")
    with (tmp_path / "f.csv").open(encoding="utf-8-sig") as fh:
        assert len(list(csv.reader(fh))) == 6
    data = json.loads((tmp_path / "f.json").read_text(encoding="utf-8"))
    assert data["summary"] == {"报告数": 2, "无法读取": 0, "有错误的报告": 2, "错误": 4, "提示": 1}
    assert "公务用车购置及运行费" in (tmp_path / "f.html").read_text(encoding="utf-8")


def test_mapping_to_department_year() -> None:
    dy, findings = extract_model(read_document(seed_path("004")))
    assert dy is not None and findings == []
    assert dy.profile.name == "中共湛江市委外事工作委员会办公室" and dy.profile.year == 2023
    assert (dy.staffing.authorized, dy.staffing.actual) == (34, 29)
    assert dy.three_public.budget_total == Decimal("48.7") and dy.three_public.actual_total == Decimal("20.95")
    assert [(i.kind.value, i.budget, i.actual) for i in dy.three_public.items] == [
        ("outbound", Decimal(10), Decimal("13.88")), ("vehicle", Decimal("4.9"), Decimal("4.88")),
        ("reception", Decimal("33.8"), Decimal("2.19"))]
    assert (dy.public_funds.budget, dy.public_funds.actual) == (Decimal("50.44"), Decimal("41.48"))
    dy3, _ = extract_model(read_document(seed_path("003")))
    assert dy3 is not None and dy3.profile.name == "重庆市万州区人民政府外事办公室"
    assert (dy3.expenditure.total, dy3.expenditure.basic, dy3.expenditure.project) == (
        Decimal("226.86"), Decimal("166.03"), Decimal("60.72"))
    dy0, f0 = extract_model(read_document(seed_path("000")))
    assert dy0 is None and f0[0].message == "报告中未找到评价年度，无法生成部门年度数据"
