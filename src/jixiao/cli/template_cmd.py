"""``jixiao template``: write the intake workbook, blank or filled from existing data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.app import app, err, framework_or_exit, out
from jixiao.cli.common import workbook_output_or_exit


@app.command()
def template(
    output: Annotated[Path, typer.Argument(help="要生成的工作簿（.xlsx）")],
    framework: Annotated[str | None, typer.Option("--framework", "-f", help="框架 ID 或框架文件；管理评价表列出该框架需要的事项")] = None,
    source: Annotated[Path | None, typer.Option("--from", help="用已有数据（.yaml / .json / .xlsx）填好工作簿")] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的文件")] = False,
) -> None:
    """生成数据填报工作簿（Excel 模板）。"""
    from jixiao.cli.app import exit_with_findings
    from jixiao.cli.inputs import read_department
    from jixiao.findings import has_errors
    from jixiao.intake.template import write_workbook

    workbook_output_or_exit(output, force)
    dy = None
    if source is not None:
        dy, findings = read_department(source)
        if dy is None or has_errors(findings):
            exit_with_findings(findings)
    ref = framework or (dy.framework if dy is not None else None)
    fw = None
    if ref:
        fw = framework_or_exit(ref)
    if source is not None and output.exists() and output.resolve() == source.resolve():
        err.print(f"[错误] 文件 {output}：输出文件就是输入文件 --from，写出会覆盖它；请换一个文件名", markup=False)
        raise typer.Exit(2)
    write_workbook(output, dy, fw, force=force)  # atomic; problems are raised as Refused (see cli.failures)
    what = f"，已填入「{dy.profile.name}」{dy.profile.year}年度数据" if dy is not None else ""
    by = f"，管理评价表按框架「{fw.name}」列出事项" if fw is not None else ""
    out.print(f"已生成填报工作簿 {output}{what}{by}", markup=False)
