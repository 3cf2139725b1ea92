"""The ``jixiao`` command."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer
from rich.console import Console

from jixiao.findings import Finding, InputError, Severity, has_errors

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

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def exit_with_findings(findings: list[Finding], code: int = 1) -> NoReturn:
    from jixiao.cli.render import print_findings

    print_findings(err, findings)
    raise typer.Exit(code)


def framework_or_exit(ref: str) -> Framework:
    """The framework named by id or file; any problem is printed in Chinese and exits 1."""
    from jixiao.frameworks import FrameworkNotFound, get_framework

    try:
        return get_framework(ref)
    except FrameworkNotFound as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(1) from None
    except InputError as exc:
        exit_with_findings(exc.findings)


@app.command()
def evaluate(
    input: Annotated[Path, typer.Argument(help="部门年度数据：.yaml / .json / .xlsx")],
    framework: Annotated[str | None, typer.Option("--framework", "-f", help="框架 ID 或框架文件；默认取数据中的 framework")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出完整结果")] = False,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出目录：写出自评报告、评分表、数据表、图表和 result.json")] = None,
    formats: Annotated[str | None, typer.Option("--format", help="只输出其中几种，逗号分隔：docx,xlsx,md,png,json（默认全部）")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="另外生成 PDF（需要 LibreOffice）")] = False,
) -> None:
    """计算全部指标并评分、定级；给出 -o 时写出自评报告（Word）、评分表和数据表（Excel）、图表。"""
    worker = _start_package(output, formats)
    try:
        _evaluate(input, framework, as_json, output, formats, pdf, worker)
    finally:
        if worker is not None:
            worker.stop()


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
              pdf: bool, worker: ChartWorker | None) -> None:
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
        _write_package(dy, result, fw, output, formats, pdf, worker)
    elif as_json:
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
                   formats: str | None, pdf: bool, worker: ChartWorker | None) -> None:
    from jixiao.cli.render import summary_lines
    from jixiao.report.package import parse_formats, write_package

    written = write_package(dy, result, fw, output, parse_formats(formats), pdf=pdf, worker=worker)
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

    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if info.name.endswith("_cmd"):
            importlib.import_module(f"jixiao.cli.{info.name}")


_register_command_modules()


def main() -> None:
    """Entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("已中断", markup=False)
        sys.exit(130)
    except Exception as exc:  # pragma: no cover - last line of defence
        err.print(f"[错误] 程序内部错误：{type(exc).__name__}: {exc}。请将此信息和输入文件报告给开发者。", markup=False)
        sys.exit(3)


if __name__ == "__main__":
    main()
