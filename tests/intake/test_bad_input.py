"""Every class of bad workbook input, each with a real file, and the exact cell named in the message."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl.workbook.workbook import Workbook

from jixiao.findings import Finding, Severity
from jixiao.intake.workbook import read_workbook
from jixiao.safeio.limits import current
from tests.intake.intake_helpers import at, edited, errors, full_model, written


def _only_error(findings: list[Finding], sheet: str | None, cell: str | None) -> str:
    errs = errors(findings)
    assert len(errs) == 1, [f.render() for f in findings]
    f = errs[0]
    assert (f.location.sheet, f.location.cell) == (sheet, cell)
    return f.render()


# -- the file itself -------------------------------------------------------------
def test_csv_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "data.xlsx"
    path.write_text("项目,数值\n年初预算数,300\n", encoding="utf-8")
    dy, findings = read_workbook(path)
    assert dy is None
    text = _only_error(findings, None, None)
    assert f"文件 {path}" in text and "不是 Excel 工作簿（.xlsx），而是纯文本（如 CSV）文件" in text


def test_docx_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "report.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document/>")
    dy, findings = read_workbook(path)
    assert dy is None
    assert "这是 Word 文档（.docx），不是 Excel 工作簿" in _only_error(findings, None, None)


def test_truncated_file_is_corrupt(tmp_path: Path) -> None:
    good = written(tmp_path, full_model())
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    dy, findings = read_workbook(bad)
    assert dy is None
    assert "文件已损坏" in _only_error(findings, None, None)


def test_damaged_part_inside_a_sound_zip_is_corrupt(tmp_path: Path) -> None:
    good = written(tmp_path, full_model())
    bad = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            dst.writestr(info.filename, b"<workbook" if info.filename == "xl/workbook.xml" else body)
    dy, findings = read_workbook(bad)
    assert dy is None
    assert "文件已损坏或不是有效的 Excel 工作簿" in _only_error(findings, None, None)


def _without_parts(tmp_path: Path, name: str, parts: set[str]) -> Path:
    """The filled workbook with some worksheet parts taken out of the package (xl/workbook.xml still lists them)."""
    good = written(tmp_path, full_model())
    bad = tmp_path / name
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info, src.read(info.filename))
    return bad


@pytest.mark.parametrize(("part", "sheet"), [
    ("xl/worksheets/sheet1.xml", "说明"),  # before: read without a word, the workbook accepted
    ("xl/worksheets/sheet5.xml", "项目支出"),  # before: "缺少工作表「项目支出」（应使用 jixiao template 生成的模板）"
])
def test_a_sheet_whose_part_is_missing_is_refused_by_name(tmp_path: Path, part: str, sheet: str) -> None:
    # openpyxl leaves out a sheet whose part is missing from the package without a word
    bad = _without_parts(tmp_path, "缺页.xlsx", {part})
    dy, findings = read_workbook(bad)
    assert dy is None
    assert _only_error(findings, sheet, None) == (
        f"[错误] 文件 {bad}，工作表「{sheet}」：工作表「{sheet}」无法读取（文件中缺少其内容，可能已损坏）；"
        "请在 Excel 中打开、检查后重新保存再试")
    assert [f.code for f in findings] == ["xlsx.unread-sheet"]


def test_two_sheets_whose_parts_are_missing_are_named_together(tmp_path: Path) -> None:
    bad = _without_parts(tmp_path, "缺两页.xlsx", {"xl/worksheets/sheet3.xml", "xl/worksheets/sheet17.xml"})
    dy, findings = read_workbook(bad)
    assert dy is None
    assert _only_error(findings, None, None) == (
        f"[错误] 文件 {bad}：工作表「人员编制」、「自评组织」无法读取（文件中缺少其内容，可能已损坏）；"
        "请在 Excel 中打开、检查后重新保存再试")


def test_password_protected_workbook(tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = written(tmp_path, full_model())
    locked = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, locked.open("wb") as dst:
        OOXMLFile(src).encrypt("mima123", dst)
    dy, findings = read_workbook(locked)
    assert dy is None
    assert "工作簿设置了打开密码（已加密），无法读取" in _only_error(findings, None, None)


def test_legacy_xls_renamed_to_xlsx(tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    book.add_sheet("基本信息").write(0, 0, "项目")
    legacy = tmp_path / "legacy.xls"
    book.save(str(legacy))
    renamed = tmp_path / "renamed.xlsx"
    legacy.rename(renamed)
    dy, findings = read_workbook(renamed)
    assert dy is None
    assert "旧版 Excel 97-2003 格式（.xls）" in _only_error(findings, None, None)


def test_file_larger_than_the_limit_is_rejected_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.xlsx"
    good = written(tmp_path, full_model()).read_bytes()
    with path.open("wb") as fh:
        fh.write(good)
        fh.write(b"\0" * (current().workbook_bytes + 1 - len(good)))
    dy, findings = read_workbook(path)
    assert dy is None
    text = _only_error(findings, None, None)
    assert "文件大小为 20 MB，超过上限：填报工作簿（.xlsx）的大小最多 20 MB" in text
    assert "JIXIAO_LIMIT_WORKBOOK_BYTES" in text


@pytest.mark.parametrize("megabytes", [50, 201])
def test_zip_bomb_is_rejected_before_reading(tmp_path: Path, megabytes: int) -> None:
    """50 MB of zeros trips the expansion ratio; 201 MB trips the absolute limit."""
    good = written(tmp_path, full_model())
    with zipfile.ZipFile(good) as zf:
        unpacked = sum(i.file_size for i in zf.infolist()) + megabytes * (1 << 20)
    expected = f"解压后为 {unpacked / (1 << 20):.1f} MB"  # the padding plus the workbook's own parts
    bomb = tmp_path / "bomb.xlsx"
    shutil.copy(good, bomb)
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf, zf.open("xl/media/padding.bin", "w") as fh:
        for _ in range(megabytes):
            fh.write(chunk)
    assert bomb.stat().st_size < 2 * 1024 * 1024  # small on disk, huge when expanded
    dy, findings = read_workbook(bomb)
    assert dy is None
    text = _only_error(findings, None, None)
    assert expected in text and "疑似压缩炸弹" in text


# -- sheets and headers --------------------------------------------------------------
def test_renamed_sheet(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["项目支出"].title = "项目明细"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    text = _only_error(findings, "项目支出", None)
    assert "缺少工作表「项目支出」" in text and "未识别的工作表「项目明细」，是否被改名" in text


def test_renamed_table_header_with_data(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["项目支出"]["B3"] = "预算金额（万元）"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    f = at(findings, "项目支出", "B3")
    assert len(f) == 1 and "无法识别的表头「预算金额（万元）」，该列内容不会被读取" in f[0].message
    assert any(x.code == "xlsx.missing-column" and "缺少列「项目预算（万元）」" in x.message for x in findings)


def test_renamed_required_header(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["项目支出"]["A3"] = "名称"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert [f.message for f in errors(findings) if f.code == "xlsx.missing-column"] == [
        "缺少列「项目名称」（该列被删除或表头被改名）"
    ]
    assert at(findings, "项目支出", "A3")[0].code == "xlsx.unknown-column"


def test_renamed_row_label_with_value(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["收支情况"]["A4"] = "年初预算（万元）"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert "无法识别的项目「年初预算（万元）」，该行的值不会被读取" in _only_error(findings, "收支情况", "A4")


# -- values ----------------------------------------------------------------------
@pytest.mark.parametrize("text", ["约300", "三百", "300左右"])
def test_text_where_a_number_is_needed(tmp_path: Path, text: str) -> None:
    def edit(wb: Workbook) -> None:
        wb["项目支出"]["B4"] = text
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    message = _only_error(findings, "项目支出", "B4")
    assert f"「项目预算」应为金额（只填阿拉伯数字，如 300 或 12.5），实际为「{text}」" in message


@pytest.mark.parametrize(("text", "amount"), [("1,234.50", "1234.50"), ("１２３４．５", "1234.5"), (" 300 万元", "300"),
                                             ("-0.5", None)])
def test_a_number_written_as_a_finance_officer_types_it(tmp_path: Path, text: str, amount: str | None) -> None:
    def edit(wb: Workbook) -> None:
        wb["项目支出"]["B4"] = text
    dy, findings = read_workbook(edited(tmp_path, edit))
    if amount is None:  # read, then refused as a negative amount
        assert "「项目预算」金额不能为负数，实际为「-0.5」" in _only_error(findings, "项目支出", "B4")
        return
    assert dy is not None and not errors(findings)
    assert str(dy.expenditure.projects[0].budget) == amount


@pytest.mark.parametrize("text", ["1__0", "12.", ".5", "1,23", "1.2E+07", "1 234"])
def test_a_number_written_another_way_is_named_with_its_cell(tmp_path: Path, text: str) -> None:
    """The one number syntax of jixiao.convert.NUMBER_SYNTAX (the workbook took "12.", ".5", "1,23" as 123,
    "1.2E+07" and "1 234" before)."""
    def edit(wb: Workbook) -> None:
        wb["项目支出"]["B4"] = text
    path = edited(tmp_path, edit)
    dy, findings = read_workbook(path)
    assert dy is None
    assert _only_error(findings, "项目支出", "B4") == (
        f"[错误] 文件 {path}，工作表「项目支出」，单元格 B4：「项目预算」数字写法不正确（只写阿拉伯数字，可带正负号；有小数点时前后都要有数字；千分位逗号须每三位一个，"
        f"如 1,234.50 或 -12.5），实际为「{text}」")


def test_percentage_written_as_98_in_a_percent_cell(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["满意度调查"]["D4"] = 98  # the cell is formatted as %, so this shows 9800%
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    message = _only_error(findings, "满意度调查", "D4")
    assert "单元格显示为 9800%，超过 100%，疑似把 98% 写成了 98" in message


def test_ambiguous_fraction_without_percent_format(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        cell = wb["重点任务"]["D4"]
        cell.value = 0.98
        cell.number_format = "General"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    message = _only_error(findings, "重点任务", "D4")
    assert "百分比不明确：单元格为 0.98，且没有设置百分比格式，是 98% 还是 0.98%" in message


def test_percent_as_text_and_as_whole_number_are_accepted(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["满意度调查"]["D4"] = "95%"
        cell = wb["公用经费"]["B6"]
        cell.value = 99.5
        cell.number_format = "General"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert errors(findings) == []
    assert dy == full_model()


def test_negative_amount(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["“三公”经费"]["C8"] = -8.88
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert "「实际支出」金额不能为负数，实际为「-8.88」" in _only_error(findings, "“三公”经费", "C8")


def test_negative_adjustment_is_allowed(tmp_path: Path) -> None:
    dy, findings = read_workbook(written(tmp_path, full_model()))
    assert findings == []
    assert dy is not None and dy.budget.adjustment is not None and dy.budget.adjustment < 0


def test_impossible_amount_in_use_above_original_value(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["资产"]["D9"] = 250  # 车辆 in use 250 > original value 200
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert "固定资产「车辆」在用金额 250.00 万元大于其原值 200.00 万元" in _only_error(findings, "资产", "D9")


def test_spending_above_budget_is_a_warning_not_an_error(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["收支情况"]["B7"] = 900  # 全年预算数 below 支出合计 980.12
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is not None
    [w] = [f for f in findings if f.code == "model.overspent"]
    assert w.severity is Severity.WARNING
    assert (w.location.sheet, w.location.cell) == ("收支情况", "B11")
    assert w.message == "支出合计 980.12 万元超过全年预算数 900.00 万元"


def test_target_without_unit_or_direction(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["绩效目标"]
        ws["E4"] = None  # 审计项目数 without 计量单位
        ws["D5"] = None  # 财政透明度 without 指标方向
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert [f.location.cell for f in errors(findings)] == ["E4", "D5"]
    assert "定量指标「审计项目数」缺少「计量单位」" in at(findings, "绩效目标", "E4")[0].message
    assert "「指标方向」为必填项，此行已填写其他内容但此格为空，应为：≥、≤、= 或 定性" in at(findings, "绩效目标", "D5")[0].message


def test_unknown_direction(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["绩效目标"]["D4"] = "大于"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert "「指标方向」应为以下之一：≥、≤、=、定性，实际为「大于」" in _only_error(findings, "绩效目标", "D4")


def test_duplicate_rows(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        ws = wb["项目支出"]
        for col in "ABCDE":
            ws[f"{col}6"] = ws[f"{col}5"].value
        wb["“三公”经费"]["A11"] = "公务接待费"
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert "与第 5 行重复：「专项审计」只能填写一行" in at(findings, "项目支出", "A6")[0].message
    assert "与第 9 行重复：「公务接待费」只能填写一行" in at(findings, "“三公”经费", "A11")[0].message
    assert len(errors(findings)) == 2


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["基本信息"]["B5"] = "二〇二三"
        wb["收支情况"]["B4"] = "约1000"
        wb["人员编制"]["B4"] = 40.5
        wb["支付进度"]["B4"] = "六月底"
        wb["管理评价"]["F4"] = "也许"
        del wb["上年数据"]
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert [(f.location.sheet, f.location.cell) for f in errors(findings)] == [
        ("基本信息", "B5"),
        ("人员编制", "B4"),
        ("收支情况", "B4"),
        ("支付进度", "B4"),
        ("管理评价", "F4"),
        ("上年数据", None),
    ]
    assert all(f.location.file == str(tmp_path / "data.xlsx") for f in findings)
    assert "「截至日期」应为日期，如 2023-03-17，实际为「六月底」" in at(findings, "支付进度", "B4")[0].message
    assert "「编制数」应为整数，实际为「40.5」" in at(findings, "人员编制", "B4")[0].message


def test_model_errors_are_mapped_to_their_cells(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["基本信息"]["B5"] = 1999  # year must be >= 2000 (a model rule, not an intake rule)
        wb["重点任务"]["D4"] = 1.2  # 120% completion, above 100
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert "「评价年度」不能小于 2000，实际为「1999」" in at(findings, "基本信息", "B5")[0].message
    cells = {(f.location.sheet, f.location.cell) for f in errors(findings)}
    assert cells == {("基本信息", "B5"), ("重点任务", "D4")}


def test_column_not_applicable_to_the_row_type(tmp_path: Path) -> None:
    def edit(wb: Workbook) -> None:
        wb["管理评价"]["G4"] = 3  # 发生次数 on a 清单事项 row
    dy, findings = read_workbook(edited(tmp_path, edit))
    assert dy is None
    assert "「发生次数」不适用于清单事项" in _only_error(findings, "管理评价", "G4")
