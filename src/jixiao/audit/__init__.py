"""Auditor: read submitted reports and list every inconsistency between their figures."""

from __future__ import annotations

from jixiao.audit.api import AuditReport, audit_document, audit_path, audit_text

__all__ = ["AuditReport", "audit_document", "audit_path", "audit_text"]
