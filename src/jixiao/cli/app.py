"""The ``jixiao`` command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.common import err as err  # re-exported: the command modules print through them
from jixiao.cli.common import exit_with_findings as exit_with_findings
from jixiao.cli.common import framework_or_exit as framework_or_exit
from jixiao.cli.common import out as out
from jixiao.findings import Severity, has_errors

if TYPE_CHECKING:

    from jixiao.engine.result import EvaluationResult
    from jixiao.frameworks.schema import Framework
    from jixiao.model import DepartmentYear
    from jixiao.report.chartpool import ChartWorker

app = typer.Typer(
    name="jixiao",
    help="jixiao 绩效：部门整体支出绩效自评——计算指标、评分、定级、写报告、审核。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
frameworks_app = typer.Typer(help="评价框架：列出、查看、校验。", no_args_is_help=True)
app.add_typer(frameworks_app, name="frameworks")

@app.callback()
def _options(
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的调用栈（供开发者排查；可放在命令行任意位置）")] = False,
) -> None:
    """jixiao 绩效：部门整体支出绩效自评——计算指标、评分、定级、写报告、审核。"""



@app.command()
def evaluate(
    inputs: Annotated[list[Path], typer.Argument(help="部门年度数据：.yaml / .json / .xlsx；给出多个文件或文件夹时批量评价", metavar="FILE|DIR...", show_default=False)],
    framework: Annotated[str | None, typer.Option("--framework", "-f", help="框架 ID 或框架文件；默认取数据中的 framework")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出完整结果（仅单个文件）")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出目录：写出自评报告、评分表、数据表、图表和 result.json；批量时每个部门年度一个子文件夹，另有 summary.xlsx")] = None,
    formats: Annotated[str | None, typer.Option("--format", help="只输出其中几种，逗号分隔：docx,xlsx,md,png,json（默认全部）")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="另外生成 PDF（需要 LibreOffice）")] = False,
    store: Annotated[bool, typer.Option("--store", help="同时导入数据库（见 jixiao import；--db 指定数据库）")] = False,
    db: Annotated[str | None, typer.Option("--db", help="数据库：SQLite 文件路径或数据库 URL；默认取 JIXIAO_DATABASE_URL，否则为 jixiao.db")] = None,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="批量时在本机并行的进程数，默认为全部 CPU 核")] = None,
    cluster: Annotated[str | None, typer.Option("--cluster", help="批量时交给 Dask 集群：调度器地址（如 tcp://10.0.0.5:8786）或 local:N（本机启动 N 个工作进程）")] = None,
    force: Annotated[bool, typer.Option("--force", help="输出文件夹中有不是 jixiao 写出（或已被修改）的文件时仍然写出，只替换本次写出的文件")] = False,
    style: Annotated[str | None, typer.Option(
        "--style", help="报告样式：score-sheet（评分表式：湖南、广西、重庆区县、广东各市等）或 central"
                        "（部门（单位）整体支出预算绩效自评报告格式模版）；默认按评价框架选择")] = None,
) -> None:
    """计算全部指标并评分、定级；给出 -o 时写出自评报告（Word）、评分表和数据表（Excel）、图表。

    给出多个文件或文件夹时批量评价：失败的文件列出原因，其余继续；-o 下每个部门年度一个文件夹，并写出 summary.xlsx。
    """
    if style is not None:
        from jixiao.report.phrases import families

        if style not in families():
            err.print(f"[错误] 未知的报告样式：{style}；可选：{'、'.join(families())}", markup=False)
            raise typer.Exit(2)
    if len(inputs) > 1 or any(p.is_dir() for p in inputs):
        _evaluate_many(inputs, framework, as_json, output, formats, pdf, store, db, jobs, cluster, style, force)
        return
    worker = _start_package(output, formats)
    try:
        _evaluate(inputs[0], framework, as_json, output, formats, pdf, worker, force, style)
        if store:
            _store_one(inputs[0], framework, db)
    finally:
        if worker is not None:
            worker.stop()


def _evaluate_many(inputs: list[Path], framework: str | None, as_json: bool, output: Path | None,
                   formats: str | None, pdf: bool, store: bool, db: str | None, jobs: int | None,
                   cluster: str | None, style: str | None, force: bool = False) -> None:
    from jixiao.cli.evaluate_batch import BatchOptions, run_batch
    from jixiao.report.package import parse_formats

    if as_json:
        err.print("[错误] --json 只用于单个文件；批量评价请用 -o 输出目录（含 summary.xlsx 和各部门的 result.json）", markup=False)
        raise typer.Exit(2)
    try:
        wanted = parse_formats(formats)
    except ValueError as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(2) from None
    run_batch(inputs, BatchOptions(output, (*wanted, *(("pdf",) if pdf else ())), framework, store, db, jobs, cluster,
                                   style, force))


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
            raise typer.Exit(1)
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
        raise typer.Exit(2) from None
    if output.exists() and not output.is_dir():
        if early is not None:
            early.stop()
        err.print(f"[错误] 输出位置 {output} 已存在且不是文件夹", markup=False)
        raise typer.Exit(2)
    if not {"png", "docx"} & set(wanted):
        if early is not None:
            early.stop()
        return None
    return early or ChartWorker().start()


def _evaluate(input: Path, framework: str | None, as_json: bool, output: Path | None, formats: str | None,
              pdf: bool, worker: ChartWorker | None, force: bool = False, style: str | None = None) -> None:
    from jixiao.cli.inputs import read_department
    from jixiao.cli.render import print_checks, print_missing, print_result
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
    else:
        print_result(out, result)
    # The same missing data and the same checks of the input (found once, when it was read, with
    # their file, sheet, cell or line) whether or not the package is written.
    print_missing(out, result)
    notes = [f for f in result.findings if f.code != "evaluate.missing"]
    print_checks(out, [f for f in findings if f.severity is not Severity.INFO] + notes)


def _write_package(dy: DepartmentYear, result: EvaluationResult, fw: Framework, output: Path,
                   formats: str | None, pdf: bool, worker: ChartWorker | None, force: bool, inputs: list[Path],
                   style: str | None = None) -> None:
    from jixiao.cli.render import summary_lines
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


@frameworks_app.command("list")
def frameworks_list() -> None:
    """列出内置评价框架。"""
    from jixiao.cli.render import print_entries
    from jixiao.frameworks import bundled_ids, get_framework

    entries = []
    for fid in bundled_ids():
        fw = get_framework(fid)
        facts = [f"{k}：{v}" for k, v in (("地区", fw.region), ("年度", fw.year), ("文号", fw.document)) if v]
        entries.append((fid, [fw.name + ("（模板）" if fw.template else ""), "　".join(facts)]))
    print_entries(out, "内置评价框架", entries, hint="用 --framework ID 选用；jixiao frameworks show ID 查看指标与评分标准。")


@frameworks_app.command("check")
def frameworks_check(file: Annotated[Path, typer.Argument(help="框架文件（.yaml）")]) -> None:
    """校验框架文件：分值加总、规则格式、指标方法是否存在。"""
    from jixiao.cli.render import print_findings
    from jixiao.frameworks import load_framework

    if not file.exists():
        err.print(f"[错误] 文件 {file}：文件不存在", markup=False)
        raise typer.Exit(1)
    fw, findings = load_framework(file)
    if findings:
        print_findings(err, findings)
    if fw is None or has_errors(findings):
        raise typer.Exit(1)
    out.print(f"框架「{fw.name}」（{fw.id}）校验通过：{len(fw.walk())} 个指标，总分 {fw.total}", markup=False)


def _register_command_modules() -> None:
    """Import every ``jixiao.cli.*_cmd`` module; each adds its commands to ``app``.

    Capabilities (audit, template, review, ...) live in their own modules so that
    the CLI grows without one file everybody edits. Heavy imports stay inside
    the command functions to keep start-up fast.
    """
    import importlib
    import pkgutil

    import jixiao.cli as package
    from jixiao.cli.commands import wanted

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.endswith("_cmd") and wanted(info.name):  # the installed entry point asks for one command
            importlib.import_module(f"jixiao.cli.{info.name}")


_register_command_modules()


def main() -> None:
    """Entry point: no traceback reaches the user unless ``--debug`` (see :mod:`jixiao.cli.failures`)."""
    from jixiao.cli.chinese import install, invoke
    from jixiao.cli.failures import exit_with, install_signal_handlers, run, take_debug_flag

    debug = take_debug_flag(sys.argv)
    install_signal_handlers()
    install()
    exit_with(run(lambda: invoke(app, lambda text: err.print(text, markup=False, highlight=False)), err, debug))


if __name__ == "__main__":
    main()
