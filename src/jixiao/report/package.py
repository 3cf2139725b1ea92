"""Write the whole evaluation package to a directory, atomically and without destroying user files.

Everything is written into a temporary sibling directory first and moved into
place at the end, so a failed or interrupted run never leaves a half-written
package behind. The folder may already hold only what jixiao wrote there before
(see :mod:`jixiao.safeio.outdir`); anything else — a report the user edited, an
unrelated file — stops the run before writing unless ``force``, and no output may
replace one of the run's own input files.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from jixiao.engine.result import EvaluationResult
from jixiao.frameworks.schema import Framework
from jixiao.model import DepartmentYear
from jixiao.report.advice import stronger_report
from jixiao.report.chartpool import ChartWorker
from jixiao.report.model import Report
from jixiao.report.writers import OPTIONAL, Package, Unavailable, default_formats, formats, write
from jixiao.report.writers.docx import REPORT_DOCX
from jixiao.report.writers.json import RESULT_JSON
from jixiao.report.writers.md import REPORT_MD
from jixiao.report.writers.pdf import REPORT_PDF
from jixiao.report.writers.xlsx import DATA_XLSX, SCORING_XLSX
from jixiao.safeio.atomic import temporary_dir, umask, unwritable
from jixiao.safeio.outdir import check_output_dir, record

FORMATS = default_formats()
__all__ = ["DATA_XLSX", "FORMATS", "REPORT_DOCX", "REPORT_MD", "RESULT_JSON", "SCORING_XLSX", "Written",
           "parse_formats", "write_package"]


@dataclass
class Written:
    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # things the user should know (gaps, PDF skipped)


def parse_formats(text: str | None) -> tuple[str, ...]:
    """"docx,xlsx" → ("docx", "xlsx"); raises ValueError with a Chinese message on unknown names."""
    if not text:
        return FORMATS
    wanted = tuple(dict.fromkeys(p.strip().lower() for p in text.split(",") if p.strip()))
    unknown = [w for w in wanted if w not in formats()]
    if unknown:
        raise ValueError(f"未知的输出格式：{'、'.join(unknown)}；可选：{','.join(formats())}")
    return wanted


def write_package(dy: DepartmentYear, result: EvaluationResult, fw: Framework, outdir: Path,
                  formats: Iterable[str] = FORMATS, pdf: bool = False, worker: ChartWorker | None = None,
                  style: str | None = None, *, force: bool = False, inputs: Iterable[Path] = ()) -> Written:
    """Write the chosen outputs; ``worker`` is a chart process started early (see :mod:`chartpool`);
    ``style`` is the report family (default: the one of the framework).

    Raises :class:`jixiao.safeio.Refused` before writing anything when ``outdir`` holds files
    jixiao did not write (unless ``force``) or an output would replace one of ``inputs``.
    """
    from jixiao.report.content import build_report

    wanted = list(dict.fromkeys([*formats, *(["pdf"] if pdf else [])]))
    worker = worker or ChartWorker()
    report = build_report(dy, result, fw, style)
    outdir = outdir.absolute()
    inputs = list(inputs)
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
        _write_all(dy, result, fw, report, wanted, tmp, worker, written)
        # the files a writer actually produced may be named otherwise than listed: check them again
        check_output_dir(outdir, [p.name for p in tmp.iterdir()], inputs, force=True)
        written.files = _replace_dir(tmp, outdir)
        record(outdir, written.files)
    written.notes += [f"报告中未包含“{g}”：输入数据未提供" for g in report.gaps]
    written.notes += [f"报告的分析可补充：{s}" for s in stronger_report(dy)]
    return written


def _write_all(dy: DepartmentYear, result: EvaluationResult, fw: Framework, report: Report, wanted: list[str],
               tmp: Path, worker: ChartWorker, written: Written) -> None:
    try:
        images: dict[str, Path] = {}
        needs_charts = bool({"png", "docx", *OPTIONAL} & set(wanted))
        if needs_charts:
            worker.render(report.charts, tmp)
        else:
            worker.stop()

        def charts() -> dict[str, Path]:
            if not images and needs_charts:
                images.update(worker.result())
            return images

        package = Package(dy, result, fw, report, charts)
        for fmt in wanted:
            try:
                files = write(fmt, package)
            except Unavailable as exc:
                written.notes.append(f"未生成 {fmt.upper()}：{exc}")
                continue
            for name, data in files.items():
                (tmp / name).write_bytes(data)
        charts()
        if "png" not in wanted:
            for path in images.values():
                path.unlink()
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
