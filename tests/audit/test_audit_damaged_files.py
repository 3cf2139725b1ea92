"""Reports a reviewer may be sent: a Word or Excel file with a damaged part inside a sound zip (or a sheet's part
left out of it), and a text file saved by Windows Notepad as "Unicode" (UTF-16). A damaged part gets the file type's plain Chinese reason (before,
"审核时出错：XMLSyntaxError: Couldn't find end of Start Tag …" or an AttributeError of the library); UTF-16 after a
byte-order mark is read like UTF-8. Real files made here with python-docx and openpyxl, then damaged."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest

from jixiao.audit.api import audit_path
from jixiao.final.readers import FinalReadError, read_source

# 1.79 ÷ 2 = 89.50 %, not 89.8 %
SENTENCE = "公务用车运行维护费预算2万元，实际支出1.79万元，执行率89.8%。"
FOUND = [("rate", "89.8%", "89.50%")]
WORD = "不是有效的 Word（.docx）文件（可能已损坏，或是旧版 .doc 改了扩展名）"
EXCEL = "不是有效的 Excel（.xlsx）文件（可能已损坏；旧版 .xls 请另存为 .xlsx）"


def _word() -> bytes:
    document = docx.Document()
    document.add_paragraph(SENTENCE)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _excel() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws["A1"] = SENTENCE
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _changed(package: bytes, parts: dict[str, bytes | None]) -> bytes:
    """The package with ``parts`` replaced (None: left out)."""
    source = zipfile.ZipFile(io.BytesIO(package))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for name in source.namelist():
            body = parts.get(name, source.read(name))
            if body is not None:
                out.writestr(name, body)
    return buf.getvalue()


def _audit(tmp_path: Path, name: str, data: bytes) -> tuple[str | None, list[tuple[str, str, str]]]:
    path = tmp_path / name
    path.write_bytes(data)
    report = audit_path(path)
    return report.error, [(f.rule, f.stated, f.expected) for f in report.findings]


def test_sound_files_are_read(tmp_path: Path) -> None:
    assert _audit(tmp_path, "a.docx", _word()) == (None, FOUND)
    assert _audit(tmp_path, "a.xlsx", _excel()) == (None, FOUND)


@pytest.mark.parametrize("parts", [
    {"[Content_Types].xml": b"<Types/>"},  # no content type known: python-docx's AttributeError
    {"[Content_Types].xml": b"<Types"},  # not XML: lxml's XMLSyntaxError
    {"word/document.xml": b"<w:document"},
    {"word/styles.xml": b"<w:styles"},
    {"word/_rels/document.xml.rels": b"<Relationships"},
    # a document part with no body
    {"word/document.xml": b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'},
    {"word/document.xml": None},
], ids=["types-empty", "types-not-xml", "document-not-xml", "styles-not-xml", "rels-not-xml", "no-body", "no-document"])
def test_a_damaged_word_part_is_named_in_chinese(tmp_path: Path, parts: dict[str, bytes | None]) -> None:
    assert _audit(tmp_path, "报告.docx", _changed(_word(), parts)) == (WORD, [])


@pytest.mark.parametrize("parts", [
    {"xl/worksheets/sheet1.xml": b"<worksheet"},  # xml.etree's ParseError
    {"xl/styles.xml": b"<styleSheet"},  # lxml's XMLSyntaxError
    {"docProps/core.xml": b"<cp:coreProperties"},
], ids=["sheet-not-xml", "styles-not-xml", "properties-not-xml"])
def test_a_damaged_excel_part_is_named_in_chinese(tmp_path: Path, parts: dict[str, bytes | None]) -> None:
    assert _audit(tmp_path, "自评表.xlsx", _changed(_excel(), parts)) == (EXCEL, [])


def _two_sheets() -> bytes:
    """A workbook whose second sheet 自评表 holds the inconsistent sentence; 基本情况 holds a consistent one."""
    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    first.title = "基本情况"
    first["A1"] = "本单位编制人数12人。"
    wb.create_sheet("自评表")["A1"] = SENTENCE
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_a_sheet_whose_part_is_missing_is_named(tmp_path: Path) -> None:
    # openpyxl leaves out a sheet whose part is missing from the package without a word: before, the workbook was
    # reported "未发现不一致" from its first sheet alone
    assert _audit(tmp_path, "whole.xlsx", _two_sheets()) == (None, FOUND)
    damaged = _changed(_two_sheets(), {"xl/worksheets/sheet2.xml": None})
    assert _audit(tmp_path, "自评.xlsx", damaged) == (
        "工作表「自评表」无法读取（文件中缺少其内容，可能已损坏）；请在 Excel 中打开、检查后重新保存再试", [])
    both = _changed(_two_sheets(), {"xl/worksheets/sheet1.xml": None, "xl/worksheets/sheet2.xml": None})
    assert _audit(tmp_path, "空.xlsx", both)[0] == (
        "工作表「基本情况」、「自评表」无法读取（文件中缺少其内容，可能已损坏）；请在 Excel 中打开、检查后重新保存再试")


def test_the_final_accounts_reader_names_a_missing_sheet(tmp_path: Path) -> None:
    path = tmp_path / "决算.xlsx"
    path.write_bytes(_changed(_two_sheets(), {"xl/worksheets/sheet2.xml": None}))
    with pytest.raises(FinalReadError) as caught:
        read_source(path)
    assert str(caught.value) == (
        f"{path}：工作表「自评表」无法读取（文件中缺少其内容，可能已损坏）；请在 Excel 中打开、检查后重新保存再试")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_notepad_unicode_text_is_read(tmp_path: Path, encoding: str) -> None:
    # "utf-16" writes the machine's byte-order mark; -le / -be write none, so the mark is put in by hand
    mark = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
    assert _audit(tmp_path, "报告.txt", mark + f"{SENTENCE}\r\n第二段。\r\n".encode(encoding)) == (None, FOUND)


@pytest.mark.parametrize("data", [bytes(range(1, 256)) * 4, SENTENCE.encode("utf-16-le")], ids=["bytes", "utf-16-unmarked"])
def test_text_in_no_known_encoding_says_which_are_read(tmp_path: Path, data: bytes) -> None:
    # UTF-16 without its mark is not guessed
    assert _audit(tmp_path, "乱码.txt", data) == ("无法识别文本编码（应为 UTF-8、GBK 或 Unicode（UTF-16））", [])


@pytest.mark.parametrize("name", ["决算.xls", "决算.doc"])
def test_the_final_accounts_reader_says_what_to_do_with_an_old_office_file(tmp_path: Path, name: str) -> None:
    old = tmp_path / name
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))  # an OLE2 (Office 97-2003) header
    with pytest.raises(FinalReadError) as caught:
        read_source(old)
    assert str(caught.value) == (
        f"{old}：不支持的文件类型 {old.suffix}，部门决算应为 .pdf、.docx 或 .xlsx"
        "（旧版 .xls 请在 Excel 中另存为 .xlsx，旧版 .doc 请在 Word 中另存为 .docx）"
    )
