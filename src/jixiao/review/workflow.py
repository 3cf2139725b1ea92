"""The review of one submitted report: read it, find what it claims, re-score, compare, audit.

``run_review`` is the whole workflow behind ``jixiao review`` (and anything else that reviews a
report); the command line only parses its arguments and prints the outcome. The report is read
with the auditor's reader, its claimed scores with the auditor's claim extraction and, unless the
department's data is given, its figures with the auditor's mapping onto the model.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jixiao.audit.api import audit_document
from jixiao.audit.claims import extract_claims
from jixiao.audit.documents import Document, DocumentError, read_document
from jixiao.audit.finding import AuditFinding
from jixiao.audit.mapping import extract_model
from jixiao.claims import ReportClaims
from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult
from jixiao.findings import Finding, InputError, has_errors
from jixiao.frameworks import get_framework
from jixiao.model import DepartmentYear
from jixiao.review.claims_file import load_claims
from jixiao.review.compare import Review, compare

DEFAULT_FRAMEWORK = "national-2013"


class ReviewUnavailable(Exception):
    """The report cannot give what the review needs; the Chinese message says what to pass instead."""


@dataclass(frozen=True)
class ReviewOutcome:
    review: Review
    result: EvaluationResult
    audit: tuple[AuditFinding, ...] = ()  # the report's own inconsistencies (when the report was read)
    findings: tuple[Finding, ...] = field(default_factory=tuple)  # notes on the data taken from the report


def _read(path: Path) -> Document:
    try:
        return read_document(path)
    except DocumentError as exc:
        raise ReviewUnavailable(f"无法读取报告「{path}」：{exc}") from None


def _claims(document: Document) -> ReportClaims:
    claims = extract_claims(document)
    if claims.total is None and not claims.scores:
        raise ReviewUnavailable(
            f"报告「{document.path}」中没有找到所称的总分或指标得分；可用 --claims 指定得分文件（格式见 examples/claims/）。"
        )
    return claims


def _department(document: Document) -> tuple[DepartmentYear, list[Finding]]:
    dy, findings = extract_model(document)
    if dy is None:
        why = "；".join(f.message for f in findings) or "报告中缺少部门名称或评价年度"
        raise ReviewUnavailable(f"无法从报告中提取部门数据（{why}），请用 --data 指定部门数据文件。")
    return dy, findings


def run_review(report: Path, *, framework: str | None = None, department: DepartmentYear | None = None,
               claims: Path | None = None) -> ReviewOutcome:
    """Re-score ``report`` and compare with what it claims.

    ``department`` replaces the figures mapped from the report, ``claims`` (a claims file) the
    scores read from it. Raises :class:`ReviewUnavailable`, :class:`jixiao.findings.InputError`
    (a bad claims or framework file) or :class:`jixiao.frameworks.FrameworkNotFound`.
    """
    if not report.exists():
        raise ReviewUnavailable(f"文件 {report}：文件不存在")
    document = _read(report) if claims is None or department is None else None
    if claims is None:
        assert document is not None
        stated = _claims(document)
    else:
        loaded, problems = load_claims(claims)
        if loaded is None or has_errors(problems):
            raise InputError(problems)
        stated = loaded
    notes: list[Finding] = []
    if department is None:
        assert document is not None
        department, notes = _department(document)
    fw = get_framework(framework or department.framework or DEFAULT_FRAMEWORK)
    result = evaluate(department, fw)
    review = compare(result, stated, framework=fw)
    audited = tuple(audit_document(document).findings) if document is not None else ()
    return ReviewOutcome(review, result, audited, tuple(notes))
