"""The ``jixiao`` command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.common import err as err  # re-exported: the command modules print through them
from jixiao.cli.common import exit_with_findings as exit_with_findings
from jixiao.cli.common import framework_or_exit as framework_or_exit
from jixiao.cli.common import out as out
from jixiao.findings import has_errors

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
    from jixiao.cli.evaluate_run import EvaluateArgs, run_evaluate

    run_evaluate(EvaluateArgs(tuple(inputs), framework, as_json, output, formats, pdf, store, db, jobs, cluster, force,
                              style))


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
