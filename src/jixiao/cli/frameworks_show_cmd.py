"""``jixiao frameworks show ID``: a framework's indicator tree with weights, formulas, rules and sources."""

from __future__ import annotations

from typing import Annotated

import typer

from jixiao.cli.app import framework_or_exit, frameworks_app, out


@frameworks_app.command("show")
def frameworks_show(
    ref: Annotated[str, typer.Argument(help="框架 ID（见 jixiao frameworks list）或框架文件路径")],
    sources: Annotated[bool, typer.Option("--sources/--no-sources", help="是否显示每项的来源说明")] = True,
) -> None:
    """显示评价框架的指标树：分值、计算公式、评分标准和来源。"""
    from jixiao.frameworks.describe import describe_framework

    fw = framework_or_exit(ref)
    for line in describe_framework(fw, sources=sources):
        out.print(line, markup=False)
