"""``jixiao import-final``: read a published 部门决算 and pre-fill the intake workbook."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from jixiao.cli.app import app, err, out
from jixiao.cli.common import workbook_output_or_exit
from jixiao.model.records import dump


@app.command("import-final")
def import_final(
    document: Annotated[Path, typer.Argument(help="部门决算文件（.pdf / .docx / .xlsx）")],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写出预填的数据填报工作簿（.xlsx）")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出映射到的部门年度数据及每个数字的出处")] = False,
    force: Annotated[bool, typer.Option("--force", help="覆盖已存在的输出文件")] = False,
) -> None:
    """读取部门决算：识别各决算表，核对表间勾稽，预填数据填报工作簿。"""
    from jixiao.final.analyse import analyse
    from jixiao.final.mapping import map_accounts, to_department
    from jixiao.final.readers import FinalReadError
    from jixiao.final.workbook import write_prefilled

    if output is not None:
        workbook_output_or_exit(output, force)
    try:
        analysis = analyse(document)
    except FinalReadError as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(1) from None
    fa = analysis.accounts
    if not fa.is_final_accounts:
        err.print(f"[错误] 文件 {document}：没有识别出部门决算表（应有“收入支出决算总表”等标题及表头）", markup=False)
        raise typer.Exit(1)
    mapped = map_accounts(fa)
    dy, findings = to_department(fa, mapped)
    failed = analysis.failed()
    if as_json:
        payload = {
            "document": str(document),
            "unit": fa.unit_name,
            "year": fa.year,
            "family": fa.family_name,
            "tables": {k: {"title": t.title, "unit": t.unit, "pages": t.pages, "rows": len(t.lines), "no_data": t.no_data}
                       for k, t in fa.tables.items()},
            "department": dump(dy, mode="json", exclude_defaults=True) if dy is not None else None,
            "sources": {m.path: list(m.sources) for m in mapped},
            "findings": [{"rule": c.rule, "severity": c.severity, "stated": c.stated, "expected": c.expected,
                          "where": c.where or c.quote, "explanation": c.explanation} for c in failed],
        }
        out.print_json(json.dumps(payload, ensure_ascii=False, default=str))
    else:
        out.print(f"{document}：{fa.unit_name or '（未识别单位名称）'} {fa.year or ''}年度部门决算，{fa.family_name}", markup=False)
        for _k, t in fa.tables.items():
            extra = "（本表无数据）" if t.no_data else f"{len(t.lines)} 行"
            pages = f"，第{'、'.join(map(str, t.pages))}页" if t.pages else ""
            out.print(f"  {t.number}. {t.title}（单位：{t.unit}{pages}）{extra}", markup=False)
        out.print(f"映射到部门数据的数字 {sum(1 for m in mapped if not m.path.endswith('.kind'))} 个；核对发现 "
                  f"错误 {sum(c.severity == '错误' for c in failed)} 处、提示 {sum(c.severity == '提示' for c in failed)} 处"
                  "（详见 jixiao audit）", markup=False)
    for f in findings:
        err.print(f.render(), markup=False)
    if dy is None:
        raise typer.Exit(1)
    if output is not None:
        write_prefilled(output, dy, mapped, document.name, force=force)  # problems: Refused (see cli.failures)
        out.print(f"已生成预填的数据填报工作簿 {output}；绩效目标、重点任务、满意度等决算中没有的内容请补充填写", markup=False)
