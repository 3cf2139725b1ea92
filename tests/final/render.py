"""Render a labelled 决算 test document (``source.yaml``) as .docx, .xlsx and .pdf, and as flat text.

``source.yaml`` is a list of blocks in document order:

- ``paragraph: "…"`` — a paragraph of the 情况说明 or a title line;
- ``page_break: true`` — start a new page (the .docx and the PDF made from it);
- ``table: {title, unit, header, rows, notes, landscape}`` — a 决算 table: its title line, its 单位 line
  (``unit: 万元`` or ``元``; a custom line with ``unit_line``), ``header`` header rows (repeated on every
  page the table spans), the rows, and the note lines printed under it.

The .docx has real Word tables (adjacent equal header cells merged, header rows marked to repeat); the
PDF is made from it by LibreOffice, so tables that run past a page break continue on the next page with
their header repeated; the .xlsx has one sheet per table and a sheet for the text.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml


def load(folder: Path) -> list[dict[str, Any]]:
    blocks = yaml.safe_load((folder / "source.yaml").read_text("utf-8"))
    assert isinstance(blocks, list)
    return blocks


def _rows(table: dict[str, Any]) -> list[list[str]]:
    return [[str(c) if c is not None else "" for c in row] for row in table["rows"]]


def _unit_line(table: dict[str, Any]) -> str | None:
    if table.get("unit_line"):
        return str(table["unit_line"])
    return f"单位：{table['unit']}" if table.get("unit") else None


def to_text(blocks: list[dict[str, Any]]) -> str:
    """The flat text rendering (doc.txt): paragraphs as lines, table rows as cells joined by " | "."""
    out: list[str] = []
    for b in blocks:
        if "paragraph" in b:
            out.append(str(b["paragraph"]))
        elif "table" in b:
            t = b["table"]
            out.append(str(t["title"]))
            unit = _unit_line(t)
            if unit:
                out.append(unit)
            out.extend(" | ".join(row) for row in _rows(t))
            out.extend(str(n) for n in t.get("notes", []))
    return "\n".join(out) + "\n"


def to_docx(blocks: list[dict[str, Any]], path: Path) -> None:
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    d = docx.Document()
    style = d.styles["Normal"]
    style.font.name = "宋体"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    sec = d.sections[0]
    sec.left_margin = sec.right_margin = Cm(2)
    pending_break = False
    for b in blocks:
        if b.get("page_break"):
            pending_break = True
            continue
        if "paragraph" in b:
            p = d.add_paragraph(str(b["paragraph"]))
            if pending_break:
                p.paragraph_format.page_break_before = True
                pending_break = False
            continue
        t = b["table"]
        landscape = bool(t.get("landscape"))
        if landscape or pending_break:
            new = d.add_section()
            new.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            w, h = sorted((sec.page_width or 0, sec.page_height or 0))
            new.page_width, new.page_height = (h, w) if landscape else (w, h)
            new.left_margin = new.right_margin = Cm(1.5)
            pending_break = False
        title = d.add_paragraph(str(t["title"]))
        title.alignment = WD_ALIGN_PARAGRAPH.CENTER
        title.runs[0].bold = True
        unit = _unit_line(t)
        if unit:
            d.add_paragraph(unit).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        rows = _rows(t)
        header = int(t.get("header", 1))
        width = max(len(r) for r in rows)
        table = d.add_table(rows=len(rows), cols=width)
        table.style = "Table Grid"
        for i, row in enumerate(rows):
            for j in range(width):
                cell = table.cell(i, j)
                cell.text = row[j] if j < len(row) else ""
                for para in cell.paragraphs:
                    for run in para.runs:
                        run.font.size = Pt(8 if width > 6 else 9)
            if i < header:
                tr_pr = table.rows[i]._tr.get_or_add_trPr()
                el = OxmlElement("w:tblHeader")
                el.set(qn("w:val"), "true")
                tr_pr.append(el)
        for i in range(header):  # merge equal neighbours in the header rows (same group above)
            row = rows[i]
            j = 0
            while j < width:
                k = j
                while (k + 1 < width and row[k + 1] == row[j] and row[j]
                       and (i == 0 or rows[i - 1][k + 1] == rows[i - 1][j])):
                    k += 1
                if k > j:
                    for c in range(j + 1, k + 1):
                        table.cell(i, c).text = ""
                    merged = table.cell(i, j).merge(table.cell(i, k))
                    merged.text = row[j]
                j = k + 1
        for note in t.get("notes", []):
            d.add_paragraph(str(note))
        if landscape:
            back = d.add_section()
            back.orientation = WD_ORIENT.PORTRAIT
            w, h = sorted((sec.page_width or 0, sec.page_height or 0))
            back.page_width, back.page_height = w, h
    d.save(str(path))


def to_xlsx(blocks: list[dict[str, Any]], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    text = wb.active
    assert text is not None
    text.title = "说明"
    r = 1
    n = 0
    for b in blocks:
        if "paragraph" in b:
            text.cell(row=r, column=1, value=str(b["paragraph"]))
            r += 1
        elif "table" in b:
            t = b["table"]
            n += 1
            ws = wb.create_sheet(f"表{n}")
            ws.cell(row=1, column=1, value=str(t["title"]))
            row_no = 2
            unit = _unit_line(t)
            if unit:
                ws.cell(row=2, column=1, value=unit)
                row_no = 3
            header = int(t.get("header", 1))
            for i, row in enumerate(_rows(t)):
                for j, value in enumerate(row):
                    cell = ws.cell(row=row_no, column=j + 1)
                    if i >= header and _is_number(value):
                        cell.value = float(value.replace(",", ""))
                        cell.number_format = "#,##0.00"
                    else:
                        cell.value = value or None
                row_no += 1
            for note in t.get("notes", []):
                ws.cell(row=row_no, column=1, value=str(note))
                row_no += 1
    wb.save(str(path))


def _is_number(text: str) -> bool:
    s = text.replace(",", "")
    try:
        float(s)
    except ValueError:
        return False
    return any(ch.isdigit() for ch in s) and "." in s


def to_pdf(docx_files: list[Path], outdir: Path) -> list[Path]:
    """Convert all the .docx files with one LibreOffice run (a private profile, headless)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="jixiao-final-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)]
        subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    out = [outdir / (f.stem + ".pdf") for f in docx_files]
    missing = [p.name for p in out if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not produce {missing}")
    return out


def render_all(folders: list[Path], outdir: Path, formats: tuple[str, ...] = ("docx", "xlsx", "pdf")) -> dict[str, dict[str, Path]]:
    """Every format of every document: {doc id: {"docx": path, "xlsx": path, "pdf": path}}."""
    out: dict[str, dict[str, Path]] = {}
    docx_files: list[Path] = []
    for folder in folders:
        blocks = load(folder)
        files: dict[str, Path] = {}
        if "docx" in formats or "pdf" in formats:
            files["docx"] = outdir / f"{folder.name}.docx"
            to_docx(blocks, files["docx"])
            docx_files.append(files["docx"])
        if "xlsx" in formats:
            files["xlsx"] = outdir / f"{folder.name}.xlsx"
            to_xlsx(blocks, files["xlsx"])
        out[folder.name] = files
    if "pdf" in formats and docx_files:
        for pdf in to_pdf(docx_files, outdir):
            out[pdf.stem]["pdf"] = pdf
    return out
