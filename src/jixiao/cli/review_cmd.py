"""``jixiao review``: re-score a report and compare, indicator by indicator, with what it claims."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.app import app, err, exit_with_findings, out

if TYPE_CHECKING:
    from jixiao.review.compare import Review


@app.command()
def review(
    report: Annotated[Path, typer.Argument(help="被复核的自评报告（.txt / .docx / .pdf）")],
    framework: Annotated[str | None, typer.Option("--framework", "-f", help="框架 ID 或框架文件；默认取数据中的 framework")] = None,
    data: Annotated[Path | None, typer.Option("--data", "-d", help="部门年度数据（.yaml / .json / .xlsx），代替从报告中自动提取")] = None,
    claims: Annotated[Path | None, typer.Option("--claims", "-c", help="报告所称得分（.yaml），代替从报告中自动提取")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出复核结果")] = False,
) -> None:
    """复核报告：按框架重新评分，逐项列出报告得分、jixiao 得分及差异原因。"""
    from jixiao.cli.inputs import read_department
    from jixiao.findings import InputError, has_errors
    from jixiao.frameworks import FrameworkNotFound
    from jixiao.review.report import review_dict, summary_lines
    from jixiao.review.workflow import ReviewUnavailable, run_review

    department = None
    if data is not None:
        department, findings = read_department(data)
        if department is None or has_errors(findings):
            exit_with_findings(findings)
    try:
        outcome = run_review(report, framework=framework, department=department, claims=claims)
    except ReviewUnavailable as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(1 if not report.exists() else 2) from None
    except FrameworkNotFound as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(1) from None
    except InputError as exc:
        exit_with_findings(exc.findings)
    if as_json:
        payload = review_dict(outcome.review)
        payload["audit"] = [f.to_dict() for f in outcome.audit]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    _print(outcome.review, summary_lines(outcome.review))
    if outcome.audit:
        out.print("审核发现的报告数字不一致：", markup=False)
        for f in outcome.audit:
            out.print(f"- [{f.severity}] {f.location}：{f.explanation}", markup=False)


def _print(rv: Review, header: list[str]) -> None:
    from jixiao.textfmt import score as fs

    for line in header:
        out.print(line, markup=False)
    for r in (*rv.rows, *rv.unclaimed):
        out.print(
            f"【{r.kind.value}】{r.name}（{fs(r.weight)}分）：报告{fs(r.claimed)}，jixiao {fs(r.jixiao)}",
            markup=False,
        )
        for reason in r.reasons:
            out.print(f"    {reason}", markup=False)
    if rv.inconsistencies:
        out.print("报告自相矛盾之处：", markup=False)
        for x in rv.inconsistencies:
            out.print(f"- {x}", markup=False)
    if rv.notes:
        out.print("说明：", markup=False)
        for x in rv.notes:
            out.print(f"- {x}", markup=False)
