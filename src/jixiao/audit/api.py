"""Audit one document: read, analyse, run the rules; never raises on bad input."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from jixiao.audit.claims import claims_of
from jixiao.audit.context import Context, Relation
from jixiao.audit.documents import Document, DocumentError, document_from_text, read_document
from jixiao.audit.finding import ERROR, AuditFinding
from jixiao.claims import ReportClaims


@dataclass
class AuditReport:
    path: str
    findings: list[AuditFinding] = field(default_factory=list)
    error: str | None = None  # why the file could not be read
    figures: int = 0
    claims: ReportClaims | None = None
    relations: list[Relation] = field(default_factory=list)  # every relation the rules checked

    @property
    def errors(self) -> int:
        return sum(f.severity == ERROR for f in self.findings)

    @property
    def hints(self) -> int:
        return len(self.findings) - self.errors

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "error": self.error,
            "figures": self.figures,
            "findings": [f.to_dict() for f in self.findings],
        }


def audit_document(document: Document, disabled: tuple[str, ...] = ()) -> AuditReport:
    return audit_context(Context.build(document), disabled)


def audit_context(ctx: Context, disabled: tuple[str, ...] = ()) -> AuditReport:
    from jixiao.audit.rules import select_rules

    document = ctx.document
    findings: list[AuditFinding] = []
    seen: set[tuple[str, str, str]] = set()
    for rule in select_rules(disabled):
        for f in rule.check(ctx):
            key = (f.location, f.stated, f.quote)
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return AuditReport(path=document.path, findings=findings, figures=sum(len(p.figures) for p in ctx.paras),
                       claims=claims_of(ctx), relations=ctx.relations)


def audit_text(text: str, path: str = "<文本>", disabled: tuple[str, ...] = ()) -> AuditReport:
    return audit_document(document_from_text(text, path), disabled)


def audit_path(path: str | Path, disabled: tuple[str, ...] = ()) -> AuditReport:
    """Audit one file; an unreadable file gives a report with ``error`` set."""
    try:
        document = read_document(path)
    except DocumentError as exc:
        return AuditReport(path=str(path), error=str(exc))
    return audit_document(document, disabled)
