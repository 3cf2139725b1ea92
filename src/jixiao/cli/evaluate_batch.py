"""``jixiao evaluate FILE|DIR…``: many department files at once, on a process pool or a Dask cluster.

Every input is read here as bytes and evaluated on a worker (:mod:`jixiao.batch`); results come back
in input order. With ``-o OUTDIR`` each package goes into its own folder named after the department
and year, and ``summary.xlsx`` lists every input; with ``--store`` each department-year is imported
into the store as it arrives (the store's import is keyed and idempotent). A file that fails is listed
with its reasons and the others go on. Exit code 1 when any input failed.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Collection, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from jixiao.cli.common import err, out

if TYPE_CHECKING:
    from jixiao.batch.evaluation import Evaluated
    from jixiao.batch.runner import Input
    from jixiao.batch.summary import Row
    from jixiao.frameworks.schema import Framework
    from jixiao.store import Store

SUMMARY_XLSX = "summary.xlsx"
SHOW_ROWS = 50  # larger batches print failures and counts only; summary.xlsx has every row


@dataclass(frozen=True)
class BatchOptions:
    output: Path | None
    formats: tuple[str, ...]
    framework: str | None
    store: bool
    db: str | None
    jobs: int | None
    cluster: str | None
    style: str | None = None  # the report family (default: the framework's)
    force: bool = False  # replace files in package folders (and summary.xlsx) that jixiao did not write


def collect(paths: Iterable[Path]) -> list[Path]:
    """Files given, plus data files under folders (recursively, sorted; hidden and Office lock files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(_data_files(path))
        else:
            found.append(path)
    return found


def _data_files(folder: Path) -> Iterator[Path]:
    """Regular files (or links to them) with a data suffix under ``folder``, not inside a hidden folder or one
    whose name starts with ``~$``, and not named so themselves; links to folders are not followed. One
    directory listing per folder and no ``stat`` per file (the listing says what each entry is)."""
    from jixiao.intake.files import DATA_SUFFIXES

    skip = (".", "~$")
    folders = [str(folder)]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.startswith(skip):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif os.path.splitext(entry.name)[1].lower() in DATA_SUFFIXES and entry.is_file():
                    yield Path(entry.path)


def read_inputs(files: list[Path]) -> Iterator[Input]:
    """Each file's bytes, read only when its chunk is sent; an unreadable file travels empty and is reported."""
    from jixiao.batch.runner import Input

    for path in files:
        try:
            data = path.read_bytes() if path.is_file() else b""
        except OSError:
            data = b""
        yield Input(str(path), data)


def run_batch(inputs: list[Path], opts: BatchOptions) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from jixiao.batch import EngineError, EngineSpec, run_batch
    from jixiao.batch.evaluation import EvaluateOptions, evaluate_input, failed

    files = collect(inputs)
    if not files:
        err.print("[错误] 没有找到部门年度数据文件（.yaml/.yml/.json/.xlsx）", markup=False)
        raise typer.Exit(2)
    try:
        spec = EngineSpec(jobs=opts.jobs, cluster=opts.cluster)
    except EngineError as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(2) from None
    if opts.output is not None:
        _check_output(opts.output, opts.force)
    options = EvaluateOptions(framework=_framework(opts.framework), formats=opts.formats if opts.output else (),
                              keep_model=opts.store, style=opts.style)
    missing = {str(f) for f in inputs if not f.is_dir() and not f.is_file()}  # a folder's files were listed as files
    with ExitStack() as stack:
        store = _open_store(stack, opts.db) if opts.store else None
        progress = stack.enter_context(Progress(
            TextColumn("评价"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
            transient=True, disable=len(files) < 2 or not err.is_terminal))
        task = progress.add_task("evaluate", total=len(files))
        err.print(f"共 {len(files)} 个文件，运行于：{spec.describe()}", markup=False, highlight=False)
        try:
            results = run_batch(evaluate_input, read_inputs(files), options, spec, on_error=failed,
                                total=len(files), most=16 if options.formats else 256,
                                weight=lambda i: len(i.data), on_progress=lambda n: progress.advance(task, n))
            rows = write_results(results, opts, store, missing)
        except EngineError as exc:
            err.print(f"[错误] {exc}", markup=False)
            raise typer.Exit(1) from None
    _report(rows, opts.output)
    if any(not r.outcome.ok for r in rows):
        raise typer.Exit(1)


def write_results(results: Iterable[Evaluated], opts: BatchOptions, store: Store | None,
                  missing: Collection[str] = ()) -> list[Row]:
    """Each outcome, as it arrives in input order, written (its package folder; with a store, its import) and
    reduced to its summary row. Nothing here keeps an outcome once its row is made: a package's files are
    in memory only between their arrival and their writing, however large the batch."""
    folders: dict[str, int] = {}
    # map() holds no reference to the outcome it handled last (a for loop's variable would, until the next arrives)
    return list(map(functools.partial(_written, opts=opts, store=store, missing=missing, folders=folders), results))


def _written(outcome: Evaluated, *, opts: BatchOptions, store: Store | None, missing: Collection[str],
             folders: dict[str, int]) -> Row:
    """One outcome written where it goes; its summary row (a failure when its folder was refused)."""
    from jixiao.batch.summary import Row

    if outcome.name in missing:
        outcome = _missing(outcome)
    if not outcome.ok:
        return Row(outcome)
    folder = _folder(outcome, folders) if opts.output is not None and outcome.files else ""
    if folder:
        assert opts.output is not None
        refused = _write_folder(opts.output / folder, outcome.files, Path(outcome.name), opts.force)
        if refused is not None:
            return Row(_refused(outcome, refused))
    stored = _store(store, outcome, opts.framework) if store is not None else ""
    return Row(_lean(outcome), folder, stored)


def _framework(ref: str | None) -> Framework | None:
    """A framework given on the command line, resolved here so that workers need not see its file."""
    if ref is None:
        return None
    from jixiao.cli.common import framework_or_exit

    return framework_or_exit(ref)


def _open_store(stack: ExitStack, db: str | None) -> Store:
    from jixiao.cli.common import open_store

    return stack.enter_context(open_store(db))


def _missing(outcome: Evaluated) -> Evaluated:
    from jixiao.batch.evaluation import Evaluated

    return Evaluated(outcome.name, False, ("文件不存在或无法读取",))


def _lean(outcome: Evaluated) -> Evaluated:
    """The outcome without its files and data once they are written (a large batch keeps only the rows)."""
    from dataclasses import replace

    return replace(outcome, files=(), model=None) if outcome.files or outcome.model is not None else outcome


def _folder(outcome: Evaluated, used: dict[str, int]) -> str:
    """The package folder: department and year; a second input for the same one gets “（2）”."""
    base = outcome.folder
    used[base] = used.get(base, 0) + 1
    return base if used[base] == 1 else f"{base}（{used[base]}）"


def _check_output(output: Path, force: bool) -> None:
    """Before any work: OUTDIR is a folder (or absent), and its summary.xlsx is jixiao's own unless ``force``;
    stale temporaries of interrupted runs are cleaned once here (not once per package folder)."""
    from jixiao.safeio.atomic import clean_stale
    from jixiao.safeio.outdir import replaceable

    if output.exists() and not output.is_dir():
        err.print(f"[错误] 输出位置 {output} 已存在且不是文件夹", markup=False)
        raise typer.Exit(2)
    if output.is_dir():
        clean_stale(output)
        if not force and not replaceable(output, SUMMARY_XLSX):
            err.print(f"[错误] {output / SUMMARY_XLSX} 已存在，且不是 jixiao 写出的（或写出后被修改过）；为免覆盖，"
                      "未评价任何文件。请换一个输出文件夹，或加 --force", markup=False)
            raise typer.Exit(2)


def _refused(outcome: Evaluated, reason: str) -> Evaluated:
    from jixiao.batch.evaluation import Evaluated

    return Evaluated(outcome.name, False, (reason,))


def _write_folder(folder: Path, files: tuple[tuple[str, bytes], ...], source: Path, force: bool) -> str | None:
    """Write a package folder whole: into a hidden sibling first, then moved into place; recorded in the
    folder's manifest. An existing folder is checked as ``jixiao evaluate FILE -o`` checks its output folder
    (:func:`jixiao.safeio.outdir.check_output_dir`): what jixiao did not write, or what was changed since,
    is never replaced without ``force``. Returns why the folder was not written, or None."""
    import shutil
    import tempfile

    from jixiao.safeio.limits import Refused
    from jixiao.safeio.outdir import check_output_dir, record

    names = [name for name, _ in files]
    try:
        check_output_dir(folder, names, [source], force=force, clean=False)
    except Refused as exc:
        return f"{folder}：{exc.message}"
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        for name, data in files:
            (tmp / name).write_bytes(data)
        if not folder.exists():
            os.chmod(tmp, 0o755)
            tmp.rename(folder)
        else:
            for name in names:
                os.replace(tmp / name, folder / name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    record(folder, [folder / name for name in names])
    return None


def _store(store: Store, outcome: Evaluated, framework: str | None) -> str:
    """Import one department-year (new, new revision or unchanged); the status as the summary shows it."""
    from jixiao.store import ImportStatus
    from jixiao.store.importing import Source
    from jixiao.store.service import default_user

    assert outcome.model is not None
    path = Path(outcome.name)
    suffix = path.suffix.lower()
    fmt = {".yml": "yaml", ".xlsm": "xlsx"}.get(suffix, suffix.lstrip("."))
    result = store.import_department(outcome.model, Source(path.name, fmt, path.read_bytes()), default_user(),
                                    framework)
    if result.status is ImportStatus.FAILED:
        return "失败：" + "；".join(f.message for f in result.findings)
    return f"{result.status.label}（第 {result.revision} 版）"


def _report(rows: list[Row], output: Path | None) -> None:
    from rich.table import Table

    from jixiao.batch.summary import counts, summary_workbook
    from jixiao.safeio.outdir import record
    from jixiao.textfmt import score

    if len(rows) <= SHOW_ROWS:
        table = Table(title="批量评价结果")
        right = {"序号", "年度", "总分"}
        for col in ("序号", "文件", "部门", "年度", "总分", "等级", "状态"):
            table.add_column(col, justify="right" if col in right else "left", overflow="fold")
        for i, row in enumerate(rows, 1):
            o = row.outcome
            status = ("成功" + (f"，{row.stored}" if row.stored else "")) if o.ok else "失败"
            table.add_row(str(i), Path(o.name).name, o.department or "", str(o.year or ""),
                          "" if o.total is None else score(o.total), o.grade or ("" if not o.ok else "未定级"), status,
                          style=None if o.ok else "red")
        out.print(table)
    for i, row in enumerate(rows, 1):
        if not row.outcome.ok:
            out.print(f"[失败] {i}. {row.outcome.name}：{'；'.join(row.outcome.reasons)}", markup=False,
                      style="red", highlight=False)
    out.print("汇总：" + "，".join(f"{k} {v}" for k, v in counts(rows).items()), markup=False, highlight=False)
    if output is not None:
        output.mkdir(parents=True, exist_ok=True)
        target = output / SUMMARY_XLSX
        tmp = target.with_name(f".{SUMMARY_XLSX}.part")
        tmp.write_bytes(summary_workbook(rows, date.today()))
        os.replace(tmp, target)
        record(output, [target])
        out.print(f"已写出 {sum(bool(r.folder) for r in rows)} 个报告包和 {target}", markup=False, highlight=False)
