"""Write the whole evaluation package to a directory, atomically and without destroying user files.

Everything is written into a temporary sibling directory first and moved into
place at the end, so a failed or interrupted run never leaves a half-written
package behind. The folder may already hold only what jixiao wrote there before
(see :mod:`jixiao.safeio.outdir`); anything else — a report the user edited, an
unrelated file — stops the run before writing unless ``force``, and no output may
replace one of the run's own input files.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jixiao.engine.result import EvaluationResult
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.report.advice import stronger_report
from jixiao.report.chartpool import ChartWorker
from jixiao.safeio.atomic import temporary_dir, umask, unwritable
from jixiao.safeio.outdir import check_output_dir, record

FORMATS = ("docx", "xlsx", "md", "png", "json")
REPORT_DOCX = "自评报告.docx"
REPORT_MD = "自评报告.md"
SCORING_XLSX = "评分表.xlsx"
DATA_XLSX = "数据表.xlsx"
RESULT_JSON = "result.json"
REPORT_PDF = "自评报告.pdf"


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the user should know (gaps, PDF skipped)


def parse_formats(text: str | None) -> tuple[str, ...]:
    """"docx,xlsx" → ("docx", "xlsx"); raises ValueError with a Chinese message on unknown names."""
    if not text:
        return FORMATS
    wanted = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [w for w in wanted if w not in FORMATS]
    if unknown:
        raise ValueError(f"未知的输出格式：{'、'.join(unknown)}；可选：{','.join(FORMATS)}")
    return wanted


def write_package(dy: DepartmentYear, result: EvaluationResult, fw: Framework, outdir: Path,
                  formats: Iterable[str] = FORMATS, pdf: bool = False, worker: ChartWorker | None = None,
                  *, force: bool = False, inputs: Iterable[Path] = ()) -> Written:
    """Write the chosen outputs; ``worker`` is a chart process started early (see :mod:`chartpool`).

    Raises :class:`jixiao.safeio.Refused` before writing anything when ``outdir`` holds files
    jixiao did not write (unless ``force``) or an output would replace one of ``inputs``.
    """
    from jixiao.report.content import build_report
    from jixiao.report.figures import derive

    formats = set(formats)
    worker = worker or ChartWorker()
    report = build_report(dy, result, fw)
    outdir = outdir.absolute()
    names = [REPORT_DOCX, REPORT_MD, SCORING_XLSX, DATA_XLSX, RESULT_JSON, REPORT_PDF, *(c.filename for c in report.charts)]
    try:
        check_output_dir(outdir, names, inputs, force=force)
        try:
            outdir.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise unwritable(outdir, exc) from None
    except BaseException:
        worker.stop()
        raise
    written = Written()
    with temporary_dir(outdir) as tmp:
        _write_all(dy, result, report, derive, tmp, formats, pdf, worker, written)
        written.files = _replace_dir(tmp, outdir)
        record(outdir, written.files)
    written.notes += [f"报告中未包含“{g}”：输入数据未提供" for g in report.gaps]
    written.notes += [f"报告的分析可补充：{s}" for s in stronger_report(dy)]
    return written


def _write_all(dy: DepartmentYear, result: EvaluationResult, report: Any, derive: Any, tmp: Path, formats: set[str],
               pdf: bool, worker: ChartWorker, written: Written) -> None:
    try:
        wants_docx = "docx" in formats or pdf
        images: dict[str, Path] = {}
        if "png" in formats or wants_docx:
            worker.render(report.charts, tmp)
        else:
            worker.stop()

        def charts() -> dict[str, Path]:
            if not images and ("png" in formats or wants_docx):
                images.update(worker.result())
            return images

        if "md" in formats:
            from jixiao.report.markdown import render_markdown

            (tmp / REPORT_MD).write_text(render_markdown(report), encoding="utf-8")
        if "xlsx" in formats:
            from jixiao.report.xlsx import data_workbook, scoring_workbook

            (tmp / SCORING_XLSX).write_bytes(scoring_workbook(result, report.doc_date))
            (tmp / DATA_XLSX).write_bytes(data_workbook(dy, result, derive(dy), report.doc_date))
        if "json" in formats:
            text = json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n"
            (tmp / RESULT_JSON).write_text(text, encoding="utf-8")
        if wants_docx:
            from jixiao.report.docx import render_docx

            (tmp / REPORT_DOCX).write_bytes(render_docx(report, charts))
        charts()
        if pdf:
            from jixiao.report.pdf import PdfUnavailable, docx_to_pdf

            try:
                docx_to_pdf(tmp / REPORT_DOCX, tmp)
            except PdfUnavailable as exc:
                written.notes.append(f"未生成 PDF：{exc}")
        if "png" not in formats:
            for p in images.values():
                p.unlink()
        if "docx" not in formats and pdf:
            (tmp / REPORT_DOCX).unlink()
    except BaseException:
        worker.stop()
        raise


def _replace_dir(tmp: Path, outdir: Path) -> list[Path]:
    """Move the finished files into place. A new directory is renamed in one step; into an
    existing one (checked by :func:`check_output_dir`) each file is moved with an atomic replace."""
    names = sorted(p.name for p in tmp.iterdir())
    if not outdir.exists():
        os.chmod(tmp, 0o777 & ~umask())
        tmp.rename(outdir)
    else:
        for name in names:
            os.replace(tmp / name, outdir / name)
    return [outdir / n for n in names]

