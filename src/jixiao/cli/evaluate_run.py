"""What ``jixiao evaluate`` does, without typer: the typer command (:mod:`jixiao.cli.app`) and the
installed entry point's light dispatch (:func:`parse_light`, used by :mod:`jixiao.cli.entry`) both call
:func:`run_evaluate`, so there is one implementation whichever parsed the command line.

The light dispatch exists for start-up time: typer, its click and the pydantic adapters typer builds for
every option cost more than reading, evaluating and printing one file (docs/scale.md). It accepts only
command lines whose meaning is plain — one file, options from :data:`_VALUED` and :data:`_FLAGS` spelt
out, no ``--opt=value``, no value starting with ``-`` — and returns ``None`` for anything else, which
typer then parses as before (help, usage errors and their messages unchanged).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from jixiao.cli.common import err, exit_with_findings, framework_or_exit, out
from jixiao.findings import Severity, has_errors
from jixiao.frozen import frozen

if TYPE_CHECKING:
    from jixiao.engine.result import EvaluationResult
    from jixiao.frameworks.schema import Framework
    from jixiao.model import DepartmentYear
    from jixiao.report.chartpool import ChartWorker


@frozen
class EvaluateArgs:
    """The parameters of ``jixiao evaluate`` (their help text is on the typer command in app.py)."""

    inputs: tuple[Path, ...]
    framework: str | None = None
    as_json: bool = False
    output: Path | None = None
    formats: str | None = None
    pdf: bool = False
    store: bool = False
    db: str | None = None
    jobs: int | None = None
    cluster: str | None = None
    force: bool = False
    style: str | None = None


# option spelling -> EvaluateArgs field, for the options the light dispatch reads
_VALUED = {"-f": "framework", "--framework": "framework", "-o": "output", "--output": "output",
           "--format": "formats", "--db": "db", "--style": "style"}
_FLAGS = {"--json": "as_json", "--pdf": "pdf", "--store": "store", "--force": "force"}


def parse_light(argv: list[str]) -> EvaluateArgs | None:
    """``evaluate``'s arguments (after the command name) when they name one file and nothing unusual;
    ``None`` to leave the command line to typer (batch inputs, --jobs/--cluster, help, any doubt)."""
    values: dict[str, object] = {}
    files: list[str] = []
    args = iter(argv)
    for a in args:
        if a in _VALUED:
            value = next(args, None)
            if value is None or value == "" or value.startswith("-"):
                return None
            values[_VALUED[a]] = Path(value) if _VALUED[a] == "output" else value
        elif a in _FLAGS:
            values[_FLAGS[a]] = True
        elif a.startswith("-") or a == "":
            return None
        else:
            files.append(a)
    if len(files) != 1 or os.path.isdir(files[0]):
        return None
    return EvaluateArgs(inputs=(Path(files[0]),), **values)  # type: ignore[arg-type]


def _exit(code: int) -> NoReturn:
    raise SystemExit(code)


def run_evaluate(a: EvaluateArgs) -> None:
    """``jixiao evaluate``: one file (its table, ``--json``, or its package with ``-o``) or a batch."""
    if a.style is not None:
        from jixiao.report.phrases import families

        if a.style not in families():
            err.print(f"[错误] 未知的报告样式：{a.style}；可选：{'、'.join(families())}", markup=False)
            _exit(2)
    if len(a.inputs) > 1 or any(p.is_dir() for p in a.inputs):
        _evaluate_many(a)
        return
    worker = _start_package(a.output, a.formats)
    try:
        _evaluate(a.inputs[0], a.framework, a.as_json, a.output, a.formats, a.pdf, worker, a.force, a.style)
        if a.store:
            _store_one(a.inputs[0], a.framework, a.db)
    finally:
        if worker is not None:
            worker.stop()


def _evaluate_many(a: EvaluateArgs) -> None:
    from jixiao.cli.evaluate_batch import BatchOptions, run_batch
    from jixiao.report.package import parse_formats

    if a.as_json:
        err.print("[错误] --json 只用于单个文件；批量评价请用 -o 输出目录（含 summary.xlsx 和各部门的 result.json）", markup=False)
        _exit(2)
    try:
        wanted = parse_formats(a.formats)
    except ValueError as exc:
        err.print(f"[错误] {exc}", markup=False)
        _exit(2)
    run_batch(list(a.inputs), BatchOptions(a.output, (*wanted, *(("pdf",) if a.pdf else ())), a.framework, a.store,
                                           a.db, a.jobs, a.cluster, a.style, a.force))


def _store_one(input: Path, framework: str | None, db: str | None) -> None:
    """Import the file into the store (as ``jixiao import`` does) and say what became of it."""
    from jixiao.cli.common import open_store
    from jixiao.cli.render import print_findings
    from jixiao.store import ImportStatus

    with open_store(db) as store:
        outcomes = store.import_paths([input], framework=framework)
    for o in outcomes:
        if o.status is ImportStatus.FAILED:
            err.print(f"[错误] 未能入库 {o.source}", markup=False)
            print_findings(err, o.findings)
            _exit(1)
        out.print(f"已入库：{o.status.label}（{o.department} {o.year} 年度，第 {o.revision} 版）", markup=False,
                  highlight=False)


def _start_package(output: Path | None, formats: str | None) -> ChartWorker | None:
    """Check the package options first; start the chart process early (it imports matplotlib meanwhile)."""
    if output is None:
        return None
    from jixiao.report.chartpool import ChartWorker, take_early
    from jixiao.report.package import parse_formats

    early = take_early()
    try:
        wanted = parse_formats(formats)
    except ValueError as exc:
        if early is not None:
            early.stop()
        err.print(f"[错误] {exc}", markup=False)
        _exit(2)
    if output.exists() and not output.is_dir():
        if early is not None:
            early.stop()
        err.print(f"[错误] 输出位置 {output} 已存在且不是文件夹", markup=False)
        _exit(2)
    if not {"png", "docx"} & set(wanted):
        if early is not None:
            early.stop()
        return None
    return early or ChartWorker().start()


def _evaluate(input: Path, framework: str | None, as_json: bool, output: Path | None, formats: str | None,
              pdf: bool, worker: ChartWorker | None, force: bool = False, style: str | None = None) -> None:
    from jixiao.cli.inputs import read_department
    from jixiao.engine.evaluate import evaluate as run

    dy, findings = read_department(input)
    if dy is None or has_errors(findings):
        exit_with_findings(findings)
    assert dy is not None
    fw = framework_or_exit(framework or dy.framework or "national-2013")
    result = run(dy, fw)
    if output is not None:
        inputs = [input] + ([Path(framework)] if framework and Path(framework).exists() else [])
        _write_package(dy, result, fw, output, formats, pdf, worker, force, inputs, style)
    elif as_json:
        import json

        sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False, indent=2) + "\n")
        return
    # The same missing data and the same checks of the input (found once, when it was read, with
    # their file, sheet, cell or line) whether or not the package is written.
    notes = [f for f in result.findings if f.code != "evaluate.missing"]
    checks = [f for f in findings if f.severity is not Severity.INFO] + notes
    if output is None:
        from jixiao.cli.plain import console_target, plain_report

        target = console_target()
        pieces = None if target is None else plain_report(result, checks, *target)
        if pieces is not None:  # exactly what rich would print (jixiao/cli/plain.py)
            for piece in pieces:
                sys.stdout.write(piece)
                sys.stdout.flush()
            return
        from jixiao.cli.render import print_result

        print_result(out, result)
    from jixiao.cli.render import print_checks, print_missing

    print_missing(out, result)
    print_checks(out, checks)


def _write_package(dy: DepartmentYear, result: EvaluationResult, fw: Framework, output: Path,
                   formats: str | None, pdf: bool, worker: ChartWorker | None, force: bool, inputs: list[Path],
                   style: str | None = None) -> None:
    from jixiao.cli.table_text import summary_lines
    from jixiao.report.package import parse_formats, write_package

    written = write_package(dy, result, fw, output, parse_formats(formats), pdf=pdf, worker=worker, force=force,
                            inputs=inputs, style=style)
    for line in summary_lines(result):
        out.print(line, markup=False, highlight=False)
    out.print(f"已写出 {len(written.files)} 个文件到 {output}：", markup=False, highlight=False)
    for f in written.files:
        out.print(f"  {f.name}", markup=False, highlight=False)
    for note in written.notes:
        err.print(f"[提示] {note}", markup=False)
