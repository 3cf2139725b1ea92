"""Write the whole evaluation package to a directory, atomically.

Everything is written into a temporary sibling directory first and moved into
place at the end, so a failed run never leaves a half-written package behind.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.engine.result import EvaluationResult
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.report.advice import stronger_report
from jixiao.report.chartpool import ChartWorker

FORMATS = ("docx", "xlsx", "md", "png", "json")
REPORT_DOCX = "自评报告.docx"
REPORT_MD = "自评报告.md"
SCORING_XLSX = "评分表.xlsx"
DATA_XLSX = "数据表.xlsx"
RESULT_JSON = "result.json"


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
                  formats: Iterable[str] = FORMATS, pdf: bool = False, worker: ChartWorker | None = None) -> Written:
    """Write the chosen outputs; ``worker`` is a chart process started early (see :mod:`chartpool`)."""
    from jixiao.report.content import build_report
    from jixiao.report.figures import derive

    formats = set(formats)
    worker = worker or ChartWorker()
    report = build_report(dy, result, fw)
    outdir = outdir.resolve()
    outdir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}-", dir=outdir.parent))
    written = Written()
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
        written.files = _replace_dir(tmp, outdir)
    except BaseException:
        worker.stop()
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    written.notes += [f"报告中未包含“{g}”：输入数据未提供" for g in report.gaps]
    written.notes += [f"报告的分析可补充：{s}" for s in stronger_report(dy)]
    return written


def _replace_dir(tmp: Path, outdir: Path) -> list[Path]:
    """Move the finished files into place. A new directory is renamed in one step; into an
    existing one (which may hold other files) each file is moved with an atomic replace."""
    names = sorted(p.name for p in tmp.iterdir())
    if not outdir.exists():
        os.chmod(tmp, 0o755)
        tmp.rename(outdir)
    else:
        for name in names:
            os.replace(tmp / name, outdir / name)
        tmp.rmdir()
    return [outdir / n for n in names]
