"""Render a :class:`Report` as .docx in 公文 layout after GB/T 9704-2012.

A4; margins 37/35/28/26 mm (top/bottom/left/right); title 2号 方正小标宋简体;
一级标题 3号 黑体; 二级标题 3号 楷体_GB2312; body 3号 仿宋_GB2312 with a first-line
indent of two characters and a fixed line spacing of 28 pt (22 lines a page);
page numbers "— 1 —" in 4号 宋体, odd pages right and even pages left.

The real 公文 font names go into the file (users open it in Word or WPS where they
exist); ``scripts/65-jixiao-gongwen.conf`` maps them to free fonts on Linux.
python-docx's ``font.name`` does not set ``w:eastAsia``, so every run gets its
fonts set explicitly.
"""

from __future__ import annotations

from datetime import datetime
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from jixiao.report.model import FigureRef, Heading, Para, Report, Table
from jixiao.report.zipfix import normalize_zip

TITLE_FONT = "方正小标宋简体"
H1_FONT = "黑体"
H2_FONT = "楷体_GB2312"
BODY_FONT = "仿宋_GB2312"
PAGE_FONT = "宋体"
LATIN_FONT = "Times New Roman"

SIZE_2 = Pt(22)
SIZE_3 = Pt(16)
SIZE_4 = Pt(14)
SIZE_TABLE = Pt(10.5)  # 五号
LINE = Pt(28)
TEXT_WIDTH_MM = 156

ALIGN = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
         "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}


def set_run_font(run_element: object, east_asia: str, size: Pt | None = None, bold: bool | None = None) -> None:
    """Set ascii/hAnsi (Latin) and eastAsia fonts on a run's rPr, which font.name alone does not."""
    run = run_element
    r = run._element  # type: ignore[attr-defined]
    rpr = r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), east_asia)
    fonts.set(qn("w:hint"), "eastAsia")
    if size is not None:
        run.font.size = size  # type: ignore[attr-defined]
    if bold is not None:
        run.font.bold = bold  # type: ignore[attr-defined]


def _para_format(p: Paragraph, *, align: str = "justify", indent: bool = True, line: Pt | None = LINE,
                 before: Pt = Pt(0), after: Pt = Pt(0)) -> None:
    pf = p.paragraph_format
    pf.alignment = ALIGN[align]
    if line is not None:
        pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        pf.line_spacing = line
    else:
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
    pf.space_before = before
    pf.space_after = after
    pf.first_line_indent = Pt(32) if indent else Pt(0)
    pf.widow_control = True


def _add_text(p: Paragraph, text: str, font: str, size: Pt, bold: bool = False) -> None:
    run = p.add_run(text)
    set_run_font(run, font, size, bold)


def _setup_document(report: Report) -> object:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)
    normal = doc.styles["Normal"]
    normal.font.size = SIZE_3
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:eastAsia", BODY_FONT)):
        fonts.set(qn(attr), value)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    _page_numbers(doc)
    props = doc.core_properties
    stamp = datetime(report.doc_date.year, report.doc_date.month, report.doc_date.day)
    props.title = "".join(report.title)
    props.subject = "部门整体支出绩效自评报告"
    props.author = report.department
    props.last_modified_by = "jixiao"
    props.comments = "由 jixiao 根据部门填报数据生成"
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    props.revision = 1
    props.language = "zh-CN"
    return doc


def _page_numbers(doc: object) -> None:
    """“— 1 —”: a PAGE field between em dashes; odd pages right-aligned, even pages left-aligned."""
    doc.settings.odd_and_even_pages_header_footer = True  # type: ignore[attr-defined]
    section = doc.sections[0]  # type: ignore[attr-defined]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        p.paragraph_format.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
        p.paragraph_format.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
        _add_text(p, "— ", PAGE_FONT, SIZE_4)
        _field(p, "PAGE")
        _add_text(p, " —", PAGE_FONT, SIZE_4)


def _field(p: Paragraph, instruction: str) -> None:
    for kind, text in (("begin", None), ("instr", instruction), ("separate", None), ("result", "1"), ("end", None)):
        run = p.add_run()
        set_run_font(run, PAGE_FONT, SIZE_4)
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {text} "
            run._element.append(el)
        elif kind == "result":
            t = OxmlElement("w:t")
            t.text = text
            run._element.append(t)
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
            run._element.append(el)


def _title(doc: object, report: Report) -> None:
    for i, line in enumerate(report.title):
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        _para_format(p, align="center", indent=False, line=Pt(35), after=Pt(0) if i < len(report.title) - 1 else LINE)
        _add_text(p, line, TITLE_FONT, SIZE_2)


def _heading(doc: object, h: Heading) -> None:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    _para_format(p)
    p.paragraph_format.keep_with_next = True
    _add_text(p, h.text, H1_FONT if h.level == 1 else H2_FONT, SIZE_3)


def _para(doc: object, para: Para) -> None:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    _para_format(p, align=para.align, indent=para.indent)
    if para.lead:
        _add_text(p, para.lead, BODY_FONT, SIZE_3, bold=True)
    _add_text(p, para.text, BODY_FONT, SIZE_3)


def _cell_text(cell: _Cell, text: str, *, align: str, bold: bool, font: str) -> None:
    p = cell.paragraphs[0]
    _para_format(p, align=align, indent=False, line=None)
    _add_text(p, text, font, SIZE_TABLE, bold=bold)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _table(doc: object, t: Table) -> None:
    cap = doc.add_paragraph()  # type: ignore[attr-defined]
    _para_format(cap, align="center", indent=False, before=Pt(6))
    cap.paragraph_format.keep_with_next = True
    _add_text(cap, t.caption, H1_FONT, SIZE_4)
    if t.unit:
        u = doc.add_paragraph()  # type: ignore[attr-defined]
        _para_format(u, align="right", indent=False, line=None)
        u.paragraph_format.keep_with_next = True
        _add_text(u, t.unit, BODY_FONT, Pt(12))
    n_rows = len(t.header) + len(t.rows)
    table = doc.add_table(rows=n_rows, cols=len(t.widths))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    total = sum(t.widths)
    widths = [Mm(TEXT_WIDTH_MM * w / total) for w in t.widths]
    for j, col in enumerate(table.columns):
        col.width = widths[j]
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(TEXT_WIDTH_MM / 25.4 * 1440)))
    for i, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        cant = OxmlElement("w:cantSplit")
        tr_pr.append(cant)
        if i < len(t.header):
            head = OxmlElement("w:tblHeader")
            tr_pr.append(head)
        for j, cell in enumerate(row.cells):
            cell.width = widths[j]
    for i, hrow in enumerate(t.header):
        for j, text in enumerate(hrow):
            _cell_text(table.rows[i].cells[j], text, align="center", bold=False, font=H1_FONT)
    for i, drow in enumerate(t.rows):
        strong = i in t.strong_rows
        for j, text in enumerate(drow):
            align = "right" if t.numeric[j] else "left"
            _cell_text(table.rows[len(t.header) + i].cells[j], text, align=align, bold=strong, font=BODY_FONT)
    gap = doc.add_paragraph()  # type: ignore[attr-defined]
    _para_format(gap, indent=False, line=Pt(12))


def _figure(doc: object, fig: FigureRef, images: dict[str, Path]) -> None:
    path = images.get(fig.chart)
    if path is None:
        return
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    _para_format(p, align="center", indent=False, line=None, before=Pt(6))
    p.paragraph_format.keep_with_next = True
    p.add_run().add_picture(str(path), width=Mm(140))
    cap = doc.add_paragraph()  # type: ignore[attr-defined]
    _para_format(cap, align="center", indent=False, after=Pt(6))
    _add_text(cap, fig.caption, H1_FONT, SIZE_4)


def _signature(doc: object, report: Report) -> None:
    for i, line in enumerate(report.signature):
        p = doc.add_paragraph()  # type: ignore[attr-defined]
        _para_format(p, align="right", indent=False, before=LINE if i == 0 else Pt(0))
        p.paragraph_format.right_indent = Pt(64)
        _add_text(p, line, BODY_FONT, SIZE_3)


def render_docx(report: Report, images: dict[str, Path]) -> bytes:
    """The .docx as bytes, byte-identical for identical input (fixed metadata and zip timestamps)."""
    doc = _setup_document(report)
    _title(doc, report)
    for block in report.blocks:
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Para):
            _para(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
        else:
            _figure(doc, block, images)
    _signature(doc, report)
    buf = BytesIO()
    doc.save(buf)  # type: ignore[attr-defined]
    return normalize_zip(buf.getvalue(), report.doc_date)
