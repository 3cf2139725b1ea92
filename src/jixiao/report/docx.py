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

import functools
import re
from collections.abc import Callable
from datetime import datetime
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docx.shared import Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from jixiao.report.model import FigureRef, Heading, Para, Report, Table
from jixiao.safeio.ooxml import normalize_zip

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


def set_run_font(run: Run, east_asia: str, size: Pt | None = None, bold: bool | None = None) -> None:
    """Set ascii/hAnsi (Latin) and eastAsia fonts on a run's rPr, which font.name alone does not."""
    r = run._element
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
        run.font.size = size
    if bold is not None:
        run.font.bold = bold


def _rfonts(rpr: CT_RPr, east_asia: str) -> None:
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr, value in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:eastAsia", east_asia),
                        ("w:hint", "eastAsia")):
        fonts.set(qn(attr), value)


# name: (east-Asian font, size, bold, alignment, first-line indent, exact line spacing, space before, after,
#        outline level)
STYLES: dict[str, tuple[str, Pt, bool, str, bool, Pt | None, Pt, Pt, int | None]] = {
    "公文标题": (TITLE_FONT, SIZE_2, False, "center", False, Pt(35), Pt(0), Pt(0), None),
    "一级标题": (H1_FONT, SIZE_3, False, "justify", True, LINE, Pt(0), Pt(0), 0),
    "二级标题": (H2_FONT, SIZE_3, False, "justify", True, LINE, Pt(0), Pt(0), 1),
    "公文正文": (BODY_FONT, SIZE_3, False, "justify", True, LINE, Pt(0), Pt(0), None),
    "落款": (BODY_FONT, SIZE_3, False, "right", False, LINE, Pt(0), Pt(0), None),
    "表题": (H1_FONT, SIZE_4, False, "center", False, LINE, Pt(6), Pt(0), None),
    "图题": (H1_FONT, SIZE_4, False, "center", False, LINE, Pt(0), Pt(6), None),
    "图片": (BODY_FONT, SIZE_3, False, "center", False, None, Pt(6), Pt(0), None),
    "单位说明": (BODY_FONT, Pt(12), False, "right", False, None, Pt(0), Pt(0), None),
    "表头": (H1_FONT, SIZE_TABLE, False, "center", False, None, Pt(0), Pt(0), None),
    "表格文字": (BODY_FONT, SIZE_TABLE, False, "left", False, None, Pt(0), Pt(0), None),
    "表格数字": (BODY_FONT, SIZE_TABLE, False, "right", False, None, Pt(0), Pt(0), None),
    "表后空行": (BODY_FONT, Pt(10), False, "left", False, Pt(12), Pt(0), Pt(0), None),
}


STYLE_IDS: dict[str, str] = {}
TABLE_STYLE = "Table Grid"


def _define_styles(doc: DocxDocument) -> None:
    """Paragraph styles carry all formatting (users can restyle in Word); runs stay bare."""
    from docx.enum.style import WD_STYLE_TYPE

    styles = doc.styles
    for name, (font, size, bold, align, indent, line, before, after, outline) in STYLES.items():
        st = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        STYLE_IDS[name] = st.style_id
        st.base_style = styles["Normal"]
        st.quick_style = True
        st.font.size = size
        st.font.bold = bold
        _rfonts(st.element.get_or_add_rPr(), font)
        pf = st.paragraph_format
        pf.alignment = ALIGN[align]
        pf.first_line_indent = Pt(32) if indent else Pt(0)
        if line is not None:
            pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            pf.line_spacing = line
        else:
            pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        pf.space_before, pf.space_after = before, after
        pf.widow_control = True
        if outline is not None:
            pf.keep_with_next = True
            ppr = st.element.get_or_add_pPr()
            lvl = OxmlElement("w:outlineLvl")
            lvl.set(qn("w:val"), str(outline))
            ppr.append(lvl)


# The paragraphs, runs and cells of a report are built with lxml directly, in the order the schema wants:
# python-docx's generic "insert in schema order" scans the parent's children on every insertion, which
# made a report quadratic in its length. The XML is the same, element for element (tests/report compare).


def _set_style(p: Paragraph, name: str) -> None:
    """Set pStyle directly: python-docx's lookup by style name scans all styles every time."""
    if p._p.pPr is None:  # a new paragraph: its pPr goes first
        ppr = OxmlElement("w:pPr")
        ppr.append(OxmlElement("w:pStyle", {qn("w:val"): STYLE_IDS[name]}))
        p._p.insert(0, ppr)
        return
    p._p.get_or_add_pPr().get_or_add_pStyle().val = STYLE_IDS[name]


def _add(doc_or_cell: DocxDocument | _Cell, style: str, text: str = "", lead: str = "", bold: bool = False) -> Paragraph:
    body = doc_or_cell.element.body if isinstance(doc_or_cell, DocxDocument) else None
    if isinstance(doc_or_cell, DocxDocument) and body is not None and len(body) and body[-1].tag == _SECT_PR:
        new = OxmlElement("w:p")  # the body ends with its sectPr: the paragraph goes before it
        body[-1].addprevious(new)
        p = Paragraph(new, doc_or_cell._body)
    else:
        p = doc_or_cell.add_paragraph()
    _set_style(p, style)
    _fill(p, text, lead, bold)
    return p


_SECT_PR = qn("w:sectPr")
_PLAIN = re.compile(r"[\t\n\r]")
_SPACE = qn("xml:space")


def _run(p: Paragraph, text: str, bold: bool) -> None:
    """A run of plain text (no tab or line break), bold or not; anything else goes through python-docx."""
    if _PLAIN.search(text):
        run = p.add_run(text)
        if bold:
            run.bold = True
        return
    r = OxmlElement("w:r")
    if bold:
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:b"))
        r.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_SPACE, "preserve")
    r.append(t)
    p._p.append(r)


def _fill(p: Paragraph, text: str, lead: str = "", bold: bool = False) -> None:
    if lead:
        _run(p, lead, True)
    if text:
        _run(p, text, bold)


def _setup_document(report: Report) -> DocxDocument:
    """The report's document: a copy of the empty 公文 document with the report's properties."""
    doc = Document(BytesIO(_empty_document()))
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


@functools.cache
def _empty_document() -> bytes:
    """Page, styles and page numbers, made once per process: defining the styles through python-docx
    costs more than writing a report's text, and every report starts from the same document."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.header_distance, section.footer_distance = Mm(15), Mm(24)
    normal = doc.styles["Normal"]
    normal.font.size = SIZE_3
    rpr = normal.element.get_or_add_rPr()
    _rfonts(rpr, BODY_FONT)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    rpr.append(lang)
    _no_auto_space(normal.element.get_or_add_pPr())
    _define_styles(doc)
    STYLE_IDS[TABLE_STYLE] = doc.styles[TABLE_STYLE].style_id
    _page_numbers(doc)
    _only_used_styles(doc)
    buf = BytesIO()
    doc.save(buf)
    return buf.getvalue()


_STYLE_LINKS = tuple(qn(f"w:{tag}") for tag in ("basedOn", "next", "link"))
STYLES_WITH_EFFECTS = "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects"


def _only_used_styles(doc: DocxDocument) -> None:
    """Keep the styles a report uses (with those they are based on) and the defaults; drop the rest.

    python-docx's template defines 160-odd table and list styles (355 KB) and a copy of them all for
    Word 2010 (stylesWithEffects, 438 KB, an optional part); reading, writing and compressing them
    cost more than the report's text. Word and WPS still offer every built-in style (latentStyles)."""
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    wanted = [sid for sid, s in by_id.items() if s.get(qn("w:default")) == "1"]
    wanted += STYLE_IDS.values()
    section = doc.sections[0]
    for part in (doc.element, doc.part.numbering_part.element, section.footer._element,
                 section.even_page_footer._element):
        wanted += part.xpath(".//w:pStyle/@w:val | .//w:rStyle/@w:val | .//w:tblStyle/@w:val")
    kept: set[str] = set()
    while wanted:
        sid = wanted.pop()
        if sid in kept or sid not in by_id:
            continue
        kept.add(sid)
        wanted += [el.get(qn("w:val")) for el in by_id[sid] if el.tag in _STYLE_LINKS]
    for sid, style in by_id.items():
        if sid not in kept:
            root.remove(style)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == STYLES_WITH_EFFECTS:
            doc.part.drop_rel(rid)


# pPr children that come after autoSpaceDE/autoSpaceDN in the schema's sequence
_AFTER_AUTOSPACE = ("w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
                    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
                    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr",
                    "w:pPrChange")


def _no_auto_space(ppr: CT_PPr) -> None:
    """No extra space between Chinese and Latin letters or digits ("2020年" set tight, as 公文 are):
    the automatic quarter-em gaps make justified lines look stretched around every number."""
    anchor = next((ppr.find(qn(tag)) for tag in _AFTER_AUTOSPACE if ppr.find(qn(tag)) is not None),
                  None)
    for tag in ("w:autoSpaceDE", "w:autoSpaceDN"):
        el = OxmlElement(tag)
        el.set(qn("w:val"), "0")
        if anchor is None:
            ppr.append(el)
        else:
            anchor.addprevious(el)


def _page_numbers(doc: DocxDocument) -> None:
    """“— 1 —”: a PAGE field between em dashes; odd pages right-aligned, even pages left-aligned."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]
        p.alignment = align
        p.paragraph_format.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else Pt(0)
        p.paragraph_format.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else Pt(0)
        set_run_font(p.add_run("— "), PAGE_FONT, SIZE_4)
        _field(p, "PAGE")
        set_run_font(p.add_run(" —"), PAGE_FONT, SIZE_4)


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


def _title(doc: DocxDocument, report: Report) -> None:
    for line in report.title:
        _add(doc, "公文标题", line)
    _add(doc, "公文正文")  # one blank line between title and text, as 公文 do


def _heading(doc: DocxDocument, h: Heading) -> None:
    _add(doc, "一级标题" if h.level == 1 else "二级标题", h.text)


def _para(doc: DocxDocument, para: Para) -> None:
    p = _add(doc, "公文正文", para.text, para.lead)
    if para.align != "justify":
        p.alignment = ALIGN[para.align]
    if not para.indent:
        p.paragraph_format.first_line_indent = Pt(0)


# --- column widths measured from the text -------------------------------------------------------
# Advance widths in em of the Latin characters (Times New Roman / Liberation Serif, bold where wider);
# every other character is set in a CJK font, one em wide.
_LATIN_EM = {**dict.fromkeys("0123456789", 0.5), ".": 0.25, ",": 0.25, ":": 0.28, ";": 0.28, "%": 1.0,
             "-": 0.34, "+": 0.57, "=": 0.57, "<": 0.57, ">": 0.57, "≤": 0.55, "≥": 0.55, "×": 0.57,
             "÷": 0.57, "/": 0.28, "(": 0.34, ")": 0.34, " ": 0.25, "|": 0.2}
CELL_MARGIN_PT = 5.4  # left and right, each (Word's default 0.19 cm)
_SLACK_PT = 1.5  # rounding in the layout engines
_UNBREAKABLE = re.compile(r"[-+−]?[0-9][0-9.,:%]*|[A-Za-z]+")


def text_width(text: str, size_pt: float = 10.5) -> float:
    """Width of ``text`` in points at ``size_pt``."""
    em = 0.0
    for c in text:
        if c in _LATIN_EM:
            em += _LATIN_EM[c]
        elif c.isascii():
            em += 0.72 if c.isupper() else 0.5
        else:
            em += 1.0
    return em * size_pt


def _cell_min(text: str, numeric: bool) -> float:
    """The narrowest content width that breaks no number: a figure cell whole; in text at least two
    characters and the longest number or Latin word."""
    if numeric:
        return max((text_width(line) for line in text.split("\n")), default=0.0)
    tokens = [text_width(m.group()) for m in _UNBREAKABLE.finditer(text)]
    return max([text_width("一二") if text else 0.0, *tokens])


SHORT_HEADER = 5  # headers of up to five characters (预算执行率) never wrap


def _header_min(text: str) -> float:
    """Short headers never wrap; longer ones may take two balanced lines."""
    if len(text) <= SHORT_HEADER:
        return text_width(text)
    return max(text_width(line) for line in _halves(text))


def _halves(text: str) -> list[str]:
    """Two balanced lines, breaking before an opening bracket when that is near the middle."""
    mid = (len(text) + 1) // 2
    cut = text.find("（")
    if not (cut > 0 and abs(cut - mid) <= 2):
        cut = mid
    return [text[:cut], text[cut:]]


def header_lines(text: str, width_pt: float) -> list[str]:
    """The header on one line if it fits the column, else on two balanced lines."""
    if len(text) <= SHORT_HEADER or text_width(text) + 2 * CELL_MARGIN_PT + _SLACK_PT <= width_pt:
        return [text]
    return _halves(text)


def column_widths(t: Table, total_pt: float = TEXT_WIDTH_MM / 25.4 * 72) -> list[float]:
    """Column widths in points: the relative widths of ``t.widths`` scaled to the text width, but no
    column narrower than its widest number or its header (two balanced lines for long headers).
    Space a column needs is taken from the columns with room to spare, in proportion to that room."""
    pad = 2 * CELL_MARGIN_PT + _SLACK_PT
    n = len(t.widths)
    mins = [0.0] * n
    for j in range(n):
        cells = [_cell_min(r[j], t.numeric[j]) for r in t.rows]
        heads = [_header_min(h[j]) for h in t.header]
        mins[j] = max([*cells, *heads, 0.0]) + pad
    share = sum(t.widths)
    want = [total_pt * w / share for w in t.widths]
    for _ in range(n):  # each round fixes at least one column at its minimum
        short = [j for j in range(n) if want[j] < mins[j] - 1e-9]
        if not short:
            break
        need = sum(mins[j] - want[j] for j in short)
        for j in short:
            want[j] = mins[j]
        room = {j: want[j] - mins[j] for j in range(n) if want[j] > mins[j]}
        spare = sum(room.values())
        if spare <= 0:
            break
        take = min(need, spare)
        for j, r in room.items():
            want[j] -= take * r / spare
    return want


def _table(doc: DocxDocument, t: Table) -> None:
    """The table's XML written as text and parsed once (built element by element through python-docx,
    a table cost more than all the paragraphs of the report), its properties in the schema's order."""
    _add(doc, "表题", t.caption).paragraph_format.keep_with_next = True
    if t.unit:
        _add(doc, "单位说明", t.unit).paragraph_format.keep_with_next = True
    widths_pt = column_widths(t)
    twips = [str(int(Pt(w).twips)) for w in widths_pt]
    n_head = len(t.header)
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{_attr(STYLE_IDS[TABLE_STYLE])}"/>'
           f'<w:tblW w:type="dxa" w:w="{sum(int(w) for w in twips)}"/><w:jc w:val="center"/>'
           # cell margins stated in the table, so the measured widths hold in every office suite
           f'<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="{int(CELL_MARGIN_PT * 20)}" w:type="dxa"/>'
           f'<w:right w:w="{int(CELL_MARGIN_PT * 20)}" w:type="dxa"/></w:tblCellMar>'
           '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" '
           'w:val="04A0"/></w:tblPr><w:tblGrid>',
           *(f'<w:gridCol w:w="{w}"/>' for w in twips), "</w:tblGrid>"]
    for i in range(n_head + len(t.rows)):
        head = i < n_head
        out.append("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if head else
                   "<w:tr><w:trPr><w:cantSplit/></w:trPr>")
        texts = t.header[i] if head else t.rows[i - n_head]
        bold = not head and (i - n_head) in t.strong_rows
        for j, w in enumerate(twips):
            style = "表头" if head else ("表格数字" if t.numeric[j] else "表格文字")
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{w}"/><w:vAlign w:val="center"/></w:tcPr>'
                       f'<w:p><w:pPr><w:pStyle w:val="{_attr(STYLE_IDS[style])}"/></w:pPr>')
            if head:  # one run, a line break where header_lines put one
                out.append(_run_xml("\n".join(header_lines(texts[j], widths_pt[j])), False))
            elif texts[j]:
                out.append(_run_xml(texts[j], bold))
            out.append("</w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    body = doc.element.body
    tbl = parse_xml("".join(out))
    if len(body) and body[-1].tag == _SECT_PR:
        body[-1].addprevious(tbl)
    else:
        body.append(tbl)
    _add(doc, "表后空行")


_BREAKS = re.compile(r"(\t|\r\n|[\n\r])")


def _run_xml(text: str, bold: bool) -> str:
    """A run as python-docx writes ``add_run(text)``: tabs as <w:tab/>, line breaks as <w:br/>."""
    parts = ["<w:r>", "<w:rPr><w:b/></w:rPr>" if bold else ""]
    for piece in _BREAKS.split(text):
        if piece == "\t":
            parts.append("<w:tab/>")
        elif piece in ("\n", "\r", "\r\n"):
            parts.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            parts.append(f"<w:t{space}>{escape(piece)}</w:t>")
    parts.append("</w:r>")
    return "".join(parts)


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def _figure(doc: DocxDocument, fig: FigureRef) -> Paragraph:
    """The picture paragraph (filled in later, when the chart is ready) and its caption."""
    p = _add(doc, "图片")
    p.paragraph_format.keep_with_next = True
    _add(doc, "图题", fig.caption)
    return p


def _signature(doc: DocxDocument, report: Report) -> None:
    for i, line in enumerate(report.signature):
        p = _add(doc, "落款", line)
        p.paragraph_format.right_indent = Pt(64)
        if i == 0:
            p.paragraph_format.space_before = LINE


def render_docx(report: Report, images: dict[str, Path] | Callable[[], dict[str, Path]]) -> bytes:
    """The .docx as bytes, byte-identical for identical input (fixed metadata and zip timestamps).

    ``images`` maps chart keys to PNG files, or is a function returning that map: it is
    called only after the text is laid out, so charts may still be rendering meanwhile.
    """
    doc = _setup_document(report)
    pictures: list[tuple[str, Paragraph]] = []
    _title(doc, report)
    for block in report.blocks:
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Para):
            _para(doc, block)
        elif isinstance(block, Table):
            _table(doc, block)
        else:
            pictures.append((block.chart, _figure(doc, block)))
    _signature(doc, report)
    paths = images() if callable(images) else images
    for key, p in pictures:
        if key in paths:
            p.add_run().add_picture(str(paths[key]), width=Mm(140))
    buf = BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue(), report.doc_date)
