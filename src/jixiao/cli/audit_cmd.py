"""``jixiao audit``: check submitted reports for inconsistent figures.

Exit code: 0 when no report has an 错误 finding, 1 when at least one has (or a
file is unreadable), 2 for bad command-line input.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.app import app, err, out


@app.command()
def audit(
    paths: Annotated[list[Path] | None, typer.Argument(help="报告文件（.txt/.md/.docx/.pdf）或文件夹")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出审核结果：.xlsx / .csv / .json / .html")] = None,
    disable: Annotated[list[str] | None, typer.Option("--disable", help="关闭某条规则（可多次）")] = None,
    list_rules: Annotated[bool, typer.Option("--list-rules", help="列出全部审核规则")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数，默认为全部 CPU 核")] = None,
    cluster: Annotated[str | None, typer.Option("--cluster", help="交给 Dask 集群：调度器地址（如 tcp://10.0.0.5:8786）或 local:N（本机启动 N 个工作进程）")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """审核自评报告：列出数字之间的不一致（比率、合计、同比、得分、等级、单位、算式）。退出码：无“错误”为 0，否则为 1。"""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
    from rich.table import Table
    from rich.text import Text

    from jixiao.audit import export
    from jixiao.audit.api import AuditReport
    from jixiao.audit.batch import collect, run_batch
    from jixiao.audit.rules import RULES, select_rules
    from jixiao.safeio.atomic import refuse_existing

    if list_rules:
        from jixiao.cli.render import print_entries

        print_entries(out, "审核规则", [(f"{r.name}　{r.title}", [r.description]) for r in RULES],
                      hint="可用 --disable 名称 关闭某条规则。")
        return
    if not paths:
        err.print("[错误] 请给出要审核的报告文件或文件夹", markup=False)
        raise typer.Exit(2)
    disabled = tuple(disable or ())
    try:
        select_rules(disabled)
    except ValueError as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(2) from None
    if output is not None and output.suffix.lower() not in export.SUFFIXES:
        err.print(f"[错误] 不支持的输出格式 {output.suffix or '（无扩展名）'}，应为 .xlsx、.csv、.json 或 .html", markup=False)
        raise typer.Exit(2)
    if output is not None:
        refuse_existing(output, force)  # before the work, not after it
    files = collect(paths)
    if not files:
        err.print("[错误] 没有找到可审核的报告（.txt/.md/.docx/.pdf）", markup=False)
        raise typer.Exit(2)
    reports: list[AuditReport] = []
    if cluster is not None:
        from jixiao.cli.audit_cluster import audit_on_cluster

        reports = audit_on_cluster(files, disabled, cluster)
    elif len(files) > 1:
        with Progress(TextColumn("审核"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), console=err,
                      transient=True) as progress:
            task = progress.add_task("audit", total=len(files))
            for r in run_batch(files, disabled, jobs, on_done=lambda _: progress.advance(task)):
                reports.append(r)
    else:
        reports = list(run_batch(files, disabled, 1))
    show_each = len(reports) <= 50
    for r in reports:
        if r.error:
            out.print(f"[无法读取] {r.path}：{r.error}", markup=False, style="red")
        elif show_each and r.findings:
            table = Table(title=f"{r.path}：错误 {r.errors} 条，提示 {r.hints} 条", show_lines=True)
            for col in ("位置", "规则", "程度", "报告值", "复算值", "说明"):
                table.add_column(col, overflow="fold")
            for f in r.findings:
                style = "red" if f.severity == "错误" else "yellow"
                table.add_row(f.location, f.title, Text(f.severity, style=style), f.stated, f.expected, f.explanation)
            out.print(table)
        elif show_each:
            out.print(f"{r.path}：未发现不一致（识别数字 {r.figures} 个）", markup=False)
    s = export.summary(reports)
    out.print("汇总：" + "，".join(f"{k} {v}" for k, v in s.items()), markup=False)
    if output is not None:
        export.write(reports, output, force=force)
        out.print(f"已写出 {output}", markup=False)
    if s["错误"] or s["无法读取"]:
        raise typer.Exit(1)
