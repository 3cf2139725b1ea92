"""``jixiao review``: re-score a report and compare, indicator by indicator, with what it claims."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.app import app, err, out

if TYPE_CHECKING:
    from jixiao.claims import ReportClaims


class NotYetAvailable(Exception):
    pass


def _claims_from_report(path: Path) -> ReportClaims:
    """The scores a report states, read from its text by the auditor.

    The auditor's extraction (``jixiao.audit.claims.extract_claims``) is wired in
    after it is merged; until then the claims come from ``--claims FILE``.
    """
    raise NotYetAvailable(
        f"尚不能从报告「{path}」中自动提取所称得分（审核模块尚未接入）。"
        "请用 --claims 指定得分文件（格式见 examples/claims/ 与 docs/frameworks.md），"
        "并用 --data 指定部门数据文件。"
    )


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
    from jixiao.cli.render import print_findings
    from jixiao.engine.evaluate import evaluate
    from jixiao.findings import InputError, has_errors
    from jixiao.frameworks import FrameworkNotFound, get_framework
    from jixiao.review import compare
    from jixiao.review.claims_file import load_claims
    from jixiao.review.report import review_dict, summary_lines

    if not report.exists():
        err.print(f"[错误] 文件 {report}：文件不存在", markup=False)
        raise typer.Exit(1)
    try:
        if claims is None:
            stated = _claims_from_report(report)
        else:
            loaded, findings = load_claims(claims)
            if loaded is None or has_errors(findings):
                print_findings(err, findings)
                raise typer.Exit(1)
            stated = loaded
        if data is None:
            raise NotYetAvailable("尚不能从报告中自动提取部门数据（审核模块尚未接入），请用 --data 指定部门数据文件。")
    except NotYetAvailable as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(2) from None
    dy, findings = read_department(data)
    if dy is None or has_errors(findings):
        print_findings(err, findings)
        raise typer.Exit(1)
    try:
        fw = get_framework(framework or dy.framework or "national-2013")
    except FrameworkNotFound as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(1) from None
    except InputError as exc:
        print_findings(err, exc.findings)
        raise typer.Exit(1) from None
    result = evaluate(dy, fw)
    rv = compare(result, stated, framework=fw, department=dy)
    if as_json:
        sys.stdout.write(json.dumps(review_dict(rv), ensure_ascii=False, indent=2) + "\n")
        return
    _print(rv, summary_lines(rv))


def _print(rv: object, header: list[str]) -> None:
    from jixiao.review import Review
    from jixiao.textfmt import score as fs

    assert isinstance(rv, Review)
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
