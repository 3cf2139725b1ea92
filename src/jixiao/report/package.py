"""Write the whole evaluation package to a directory, atomically.

Everything is written into a temporary sibling directory first and moved into
place at the end, so a failed run never leaves a half-written package behind.
"""

from __future__ import annotations

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
from jixiao.report.writers import OPTIONAL, Package, Unavailable, default_formats, formats, write
from jixiao.report.writers.docx import REPORT_DOCX
from jixiao.report.writers.json import RESULT_JSON
from jixiao.report.writers.md import REPORT_MD
from jixiao.report.writers.xlsx import DATA_XLSX, SCORING_XLSX

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
                  formats: Iterable[str] = FORMATS, pdf: bool = False, worker: ChartWorker | None = None) -> Written:
    """Write the chosen outputs; ``worker`` is a chart process started early (see :mod:`chartpool`)."""
    from jixiao.report.content import build_report

    wanted = list(dict.fromkeys([*formats, *(["pdf"] if pdf else [])]))
    worker = worker or ChartWorker()
    report = build_report(dy, result, fw)
    outdir = outdir.resolve()
    outdir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{outdir.name}-", dir=outdir.parent))
    written = Written()
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
