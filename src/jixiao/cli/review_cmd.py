"""``jixiao review``: re-score a report and compare, indicator by indicator, with what it claims."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from jixiao.cli.app import app, err, exit_with_findings, framework_or_exit, out

if TYPE_CHECKING:
    from jixiao.audit.documents import Document
    from jixiao.audit.finding import AuditFinding
    from jixiao.claims import ReportClaims
    from jixiao.findings import Finding
    from jixiao.model import DepartmentYear


class NotYetAvailable(Exception):
    """The report cannot give what review needs; the message says what to pass instead."""


def _read_report(path: Path) -> Document:
    from jixiao.audit.documents import DocumentError, read_document

    try:
        return read_document(path)
    except DocumentError as exc:
        raise NotYetAvailable(f"无法读取报告「{path}」：{exc}") from None


def _claims_from_report(document: Document) -> ReportClaims:
    """The scores a report states, read from its text by the auditor."""
    from jixiao.audit.claims import extract_claims

    claims = extract_claims(document)
    if claims.total is None and not claims.scores:
        raise NotYetAvailable(
            f"报告「{document.path}」中没有找到所称的总分或指标得分；可用 --claims 指定得分文件（格式见 examples/claims/）。"
        )
    return claims


def _department_from_report(document: Document) -> tuple[DepartmentYear, list[Finding]]:
    """The department-year the auditor can map from the report's figures."""
    from jixiao.audit.mapping import extract_model

    dy, findings = extract_model(document)
    if dy is None:
        why = "；".join(f.message for f in findings) or "报告中缺少部门名称或评价年度"
        raise NotYetAvailable(f"无法从报告中提取部门数据（{why}），请用 --data 指定部门数据文件。")
    return dy, findings


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
    from jixiao.engine.evaluate import evaluate
    from jixiao.findings import has_errors
    from jixiao.review import compare
    from jixiao.review.claims_file import load_claims
    from jixiao.review.report import review_dict, summary_lines

    if not report.exists():
        err.print(f"[错误] 文件 {report}：文件不存在", markup=False)
        raise typer.Exit(1)
    document = None
    try:
        if claims is None or data is None:
            document = _read_report(report)
        if claims is None:
            assert document is not None
            stated = _claims_from_report(document)
        else:
            loaded, findings = load_claims(claims)
            if loaded is None or has_errors(findings):
                exit_with_findings(findings)
            stated = loaded
        if data is None:
            assert document is not None
            dy, findings = _department_from_report(document)
        else:
            read, findings = read_department(data)
            if read is None or has_errors(findings):
                exit_with_findings(findings)
            dy = read
    except NotYetAvailable as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise typer.Exit(2) from None
    fw = framework_or_exit(framework or dy.framework or "national-2013")
    result = evaluate(dy, fw)
    rv = compare(result, stated, framework=fw, department=dy)
    audited = _audit(document) if document is not None else []
    if as_json:
        payload = review_dict(rv)
        payload["audit"] = [f.to_dict() for f in audited]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    _print(rv, summary_lines(rv))
    if audited:
        out.print("审核发现的报告数字不一致：", markup=False)
        for f in audited:
            out.print(f"- [{f.severity}] {f.location}：{f.explanation}", markup=False)


def _audit(document: Document) -> list[AuditFinding]:
    """The auditor's findings on the report itself: its own inconsistencies."""
    from jixiao.audit.api import audit_document

    return list(audit_document(document).findings)


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
