"""Render corpus documents that have a ``source.yaml`` as a workbook, a Word file with real tables, and a
PDF with ruled tables (LibreOffice from the Word file), so that the auditor is measured on the same
document in every format it reads. Nothing rendered is committed; the tests render into a temp dir.

``source.yaml`` is a list of blocks: ``{paragraph: text}`` or ``{table: {title, rows}}``; in ``rows`` a
merged cell is written out in every position it covers (or left ""). Here a run of equal text cells in a
row, or down a column, becomes one merged cell again; figures are never merged, also when the cell writes a unit
after them ("3359.62万" twice in a row is two amounts, not one merged label).

Run by hand: ``.venv/bin/python scripts/render_corpus.py OUT_DIR`` (see that script).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).parent / "corpus"
_FIGURE = re.compile(r"^-?\d[\d,]*(?:\.\d+)?%?$")
_FIGURE_WITH_UNIT = re.compile(r"^-?\d[\d,]*(?:\.\d+)?(?:%|万元|万|元)?$")


def sources(root: Path = CORPUS) -> list[Path]:
    """Corpus folders that carry a source.yaml, in name order."""
    return sorted(p.parent for p in root.glob("*/source.yaml"))


def blocks(folder: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load((folder / "source.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, list), f"{folder.name}/source.yaml: expected a list of blocks"
    return data


def _rows(table: dict[str, Any]) -> list[list[str]]:
    rows = [[str(c) if c is not None else "" for c in row] for row in table.get("rows") or []]
    width = max((len(r) for r in rows), default=0)
    return [r + [""] * (width - len(r)) for r in rows]


def merges(rows: list[list[str]]) -> list[tuple[int, int, int, int]]:
    """Merged regions (r0, c0, r1, c1), inclusive: horizontal runs of one text first, then vertical runs of
    one text in one column (cells already merged are left alone)."""
    taken: set[tuple[int, int]] = set()
    out: list[tuple[int, int, int, int]] = []
    for r, row in enumerate(rows):
        c = 0
        while c < len(row):
            v = row[c]
            e = c
            while e + 1 < len(row) and row[e + 1] == v and v and not _FIGURE_WITH_UNIT.match(v):
                e += 1
            if e > c:
                out.append((r, c, r, e))
                taken.update((r, k) for k in range(c, e + 1))
            c = e + 1
    width = max((len(r) for r in rows), default=0)
    for c in range(width):
        r = 0
        while r < len(rows):
            v = rows[r][c]
            e = r
            while (e + 1 < len(rows) and rows[e + 1][c] == v and v and not _FIGURE_WITH_UNIT.match(v)
                   and (e + 1, c) not in taken and (r, c) not in taken):
                e += 1
            if e > r:
                out.append((r, c, e, c))
                taken.update((k, c) for k in range(r, e + 1))
            r = e + 1
    return out


def render_docx(folder: Path, target: Path) -> Path:
    import docx
    from docx.shared import Pt

    d = docx.Document()
    for block in blocks(folder):
        if "paragraph" in block:
            d.add_paragraph(str(block["paragraph"]))
            continue
        table = block["table"]
        if table.get("title"):
            d.add_paragraph(str(table["title"]))
        rows = _rows(table)
        if not rows:
            continue
        t = d.add_table(rows=len(rows), cols=len(rows[0]))
        t.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                t.cell(r, c).text = v
        for r0, c0, r1, c1 in merges(rows):
            merged = t.cell(r0, c0).merge(t.cell(r1, c1))
            merged.text = rows[r0][c0]
        for row in t.rows:
            for cell in row.cells:
                for p in cell.paragraphs:
                    for run in p.runs:
                        run.font.size = Pt(8)
    d.save(str(target))
    return target


def _cell_value(text: str) -> tuple[str | int | float, str]:
    """A figure as a number with the format it is written in; anything else as text."""
    if not _FIGURE.match(text) or (len(text) > 1 and text.startswith("0") and not text.startswith("0.")):
        return text, "General"
    percent = text.endswith("%")
    core = text.rstrip("%").replace(",", "")
    places = len(core.partition(".")[2])
    number = float(core) / 100 if percent else float(core)
    fmt = ("#,##0" if "," in text else "0") + ("." + "0" * places if places else "") + ("%" if percent else "")
    return (int(number) if not percent and not places else number), fmt


def render_xlsx(folder: Path, target: Path) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    first = wb.active
    assert first is not None
    text_sheet = None
    n = 0
    for block in blocks(folder):
        if "paragraph" in block:
            if text_sheet is None:
                text_sheet = first if n == 0 else wb.create_sheet()
                text_sheet.title = "正文"
                n += 1
            text_sheet.append([str(block["paragraph"])])
            continue
        table = block["table"]
        rows = _rows(table)
        if not rows:
            continue
        ws = first if n == 0 else wb.create_sheet()
        n += 1
        ws.title = f"表{n}"
        offset = 0
        if table.get("title"):
            ws.append([str(table["title"])])
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(rows[0]))
            offset = 1
        for r, row in enumerate(rows, start=1 + offset):
            for c, v in enumerate(row, start=1):
                value, fmt = _cell_value(v)
                cell = ws.cell(row=r, column=c, value=value if v else None)
                cell.number_format = fmt
                if isinstance(value, str) and value.startswith("="):
                    cell.data_type = "s"  # text such as a target "=8个", not a formula (Excel: a leading apostrophe)
        for r0, c0, r1, c1 in merges(rows):
            ws.merge_cells(start_row=r0 + 1 + offset, start_column=c0 + 1, end_row=r1 + 1 + offset, end_column=c1 + 1)
    wb.save(str(target))
    return target


def render_pdfs(docx_files: list[Path], outdir: Path, timeout: int = 600) -> dict[Path, Path]:
    """One LibreOffice run (own profile) converting every .docx; the PDFs it wrote, by source."""
    if not docx_files:  # LibreOffice given no file waits for one (a set without source.yaml renderings)
        return {}
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="jixiao-lo-") as profile:
        subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(outdir), *map(str, docx_files)],
                       capture_output=True, timeout=timeout, check=False)
    return {d: outdir / (d.stem + ".pdf") for d in docx_files if (outdir / (d.stem + ".pdf")).exists()}


def render_all(out: Path, folders: list[Path] | None = None, pdf: bool = True) -> dict[str, dict[str, Path]]:
    """Every rendering of every source document: {doc id: {"xlsx": path, "docx": path, "pdf": path}}."""
    out.mkdir(parents=True, exist_ok=True)
    result: dict[str, dict[str, Path]] = {}
    for folder in folders if folders is not None else sources():
        result[folder.name] = {
            "xlsx": render_xlsx(folder, out / f"{folder.name}.xlsx"),
            "docx": render_docx(folder, out / f"{folder.name}.docx"),
        }
    if pdf:
        pdfs = render_pdfs([r["docx"] for r in result.values()], out)
        for r in result.values():
            if r["docx"] in pdfs:
                r["pdf"] = pdfs[r["docx"]]
    return result
