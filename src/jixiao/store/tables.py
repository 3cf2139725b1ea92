"""The store's tables (SQLAlchemy 2 typed ORM). See docs/store.md for the diagram.

Every department-year keeps all its revisions: a re-import with different data
adds a revision, nothing is updated in place. Evaluations are derived data: one
row per revision and framework version, refreshed when the previous year changes.
The change log is append-only (database triggers refuse UPDATE and DELETE).
Money and scores are :class:`~jixiao.store.types.ExactDecimal`, never float.
Users and roles are not here yet: the web app adds them with its own migration;
``imported_by`` and ``actor`` hold the user's name until then.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from jixiao.store.types import Money, Score

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Region(Base):
    """A region (地区) and the finance bureau that evaluates its departments."""

    __tablename__ = "region"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)  # "" = 未注明地区
    bureau: Mapped[str | None] = mapped_column(String(200))


class Department(Base):
    """A budget unit. ``key`` is its identity within the store: region + 预算编码, or region + name."""

    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"), index=True)
    code: Mapped[str | None] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(300), index=True)
    level: Mapped[str | None] = mapped_column(String(100))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))  # 二级单位 → 主管部门
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    region: Mapped[Region] = relationship()
    parent: Mapped[Department | None] = relationship(remote_side=[id])


class DepartmentUnit(Base):
    """A unit a department has listed under 下属单位 in any imported data: links 二级单位 in either import order."""

    __tablename__ = "department_unit"
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"), primary_key=True)
    name: Mapped[str] = mapped_column(String(300), primary_key=True, index=True)


class DepartmentYearRow(Base):
    """One department and one year; its data lives in its revisions."""

    __tablename__ = "department_year"
    __table_args__ = (UniqueConstraint("department_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    year: Mapped[int] = mapped_column(Integer, index=True)
    latest_revision: Mapped[int] = mapped_column(Integer, default=0)  # number of the newest revision

    department: Mapped[Department] = relationship()
    revisions: Mapped[list[Revision]] = relationship(back_populates="department_year", order_by="Revision.number")


class Revision(Base):
    """One imported version of a department-year: the source file, the model data and key figures."""

    __tablename__ = "revision"
    __table_args__ = (UniqueConstraint("department_year_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    department_year_id: Mapped[int] = mapped_column(ForeignKey("department_year.id"))
    number: Mapped[int] = mapped_column(Integer)
    source_name: Mapped[str] = mapped_column(String(1000))
    source_format: Mapped[str] = mapped_column(String(20))
    source_sha256: Mapped[str] = mapped_column(String(64), index=True)
    source_bytes: Mapped[bytes | None] = mapped_column(LargeBinary)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)  # jixiao.model.dump(dy, mode="json"): Decimals as text
    data_sha256: Mapped[str] = mapped_column(String(64))
    imported_by: Mapped[str] = mapped_column(String(200))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # Key figures, copied from the data for queries and year-on-year (万元, exact).
    budget_final: Mapped[Decimal | None] = mapped_column(Money)
    revenue_total: Mapped[Decimal | None] = mapped_column(Money)
    fiscal_appropriation: Mapped[Decimal | None] = mapped_column(Money)
    expenditure_total: Mapped[Decimal | None] = mapped_column(Money)
    expenditure_basic: Mapped[Decimal | None] = mapped_column(Money)
    expenditure_project: Mapped[Decimal | None] = mapped_column(Money)
    carryover: Mapped[Decimal | None] = mapped_column(Money)
    assets_total: Mapped[Decimal | None] = mapped_column(Money)
    three_public_budget: Mapped[Decimal | None] = mapped_column(Money)
    three_public_actual: Mapped[Decimal | None] = mapped_column(Money)
    staff_authorized: Mapped[int | None] = mapped_column(Integer)
    staff_actual: Mapped[int | None] = mapped_column(Integer)
    # Key ratios (%) as the engine's metrics compute them, to 6 places, for comparing departments.
    rate_budget_execution: Mapped[Decimal | None] = mapped_column(Money)
    rate_carryover: Mapped[Decimal | None] = mapped_column(Money)
    rate_three_public_control: Mapped[Decimal | None] = mapped_column(Money)
    rate_staff_control: Mapped[Decimal | None] = mapped_column(Money)

    department_year: Mapped[DepartmentYearRow] = relationship(back_populates="revisions")
    three_public: Mapped[list[ThreePublicFigure]] = relationship(order_by="ThreePublicFigure.kind")


class ThreePublicFigure(Base):
    """“三公”经费 of one revision by category (summed when a category appears twice)."""

    __tablename__ = "three_public_figure"
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    budget: Mapped[Decimal | None] = mapped_column(Money)
    actual: Mapped[Decimal | None] = mapped_column(Money)


class FrameworkVersion(Base):
    """One exact text of a framework (bundled or user-added), identified by its sha256."""

    __tablename__ = "framework_version"
    id: Mapped[int] = mapped_column(primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    framework_id: Mapped[str] = mapped_column(String(200), index=True)
    name: Mapped[str] = mapped_column(String(500))
    region: Mapped[str | None] = mapped_column(String(200))
    year: Mapped[int | None] = mapped_column(Integer)
    bundled: Mapped[bool] = mapped_column(Boolean)
    content: Mapped[str] = mapped_column(Text)
    # What `compare` needs of the framework, as JSON text (jixiao.store.assign.outline): its total, grade order and
    # first-level indicators with their weights, decimals as their exact text. Read without loading the framework.
    outline: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class FrameworkAssignment(Base):
    """Which framework version evaluates a region's departments in a year."""

    __tablename__ = "framework_assignment"
    __table_args__ = (UniqueConstraint("region_id", "year"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    year: Mapped[int] = mapped_column(Integer)
    framework_version_id: Mapped[int] = mapped_column(ForeignKey("framework_version.id"))
    assigned_by: Mapped[str] = mapped_column(String(200))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    region: Mapped[Region] = relationship()
    framework_version: Mapped[FrameworkVersion] = relationship()


class Evaluation(Base):
    """The result of evaluating one revision under one framework version."""

    __tablename__ = "evaluation"
    __table_args__ = (UniqueConstraint("revision_id", "framework_version_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    revision_id: Mapped[int] = mapped_column(ForeignKey("revision.id"), index=True)
    framework_version_id: Mapped[int] = mapped_column(ForeignKey("framework_version.id"))
    prior_revision_id: Mapped[int | None] = mapped_column(ForeignKey("revision.id"))  # last year's data used
    current: Mapped[bool] = mapped_column(Boolean, index=True)  # the evaluation shown for the department-year
    total: Mapped[Decimal] = mapped_column(Score)
    max_total: Mapped[Decimal] = mapped_column(Score)
    grade: Mapped[str | None] = mapped_column(String(20))
    complete: Mapped[bool] = mapped_column(Boolean)
    missing_count: Mapped[int] = mapped_column(Integer)
    result: Mapped[dict[str, Any]] = mapped_column(JSON)  # EvaluationResult.to_dict()
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)  # store findings (year-on-year differences)
    evaluated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    revision: Mapped[Revision] = relationship(foreign_keys=[revision_id])
    framework_version: Mapped[FrameworkVersion] = relationship()
    scores: Mapped[list[IndicatorScore]] = relationship(order_by="IndicatorScore.position", viewonly=True)


class IndicatorScore(Base):
    """One indicator of one evaluation, queryable."""

    __tablename__ = "indicator_score"
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id"), primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    level: Mapped[int] = mapped_column(Integer)
    weight: Mapped[Decimal] = mapped_column(Score)
    score: Mapped[Decimal | None] = mapped_column(Score)
    status: Mapped[str] = mapped_column(String(20))


Index("ix_indicator_score_indicator", IndicatorScore.indicator_id, IndicatorScore.level)
# First-level scores of each evaluation, covered by one small index (what `compare` reads for thousands).
Index("ix_indicator_score_top", IndicatorScore.evaluation_id, IndicatorScore.position, IndicatorScore.name,
      IndicatorScore.score, sqlite_where=IndicatorScore.level == 1, postgresql_where=IndicatorScore.level == 1)


class ComparePeer(Base):
    """The current evaluation of one department-year with what `compare` reads, in one narrow row.

    Derived data, one row per department-year: :func:`jixiao.store.peers.refresh_peers` writes it from the
    evaluation and its revision whenever an evaluation becomes current. `compare` reads only this table,
    the department's name and code, and first-level scores: never the rows that carry JSON and source files.
    """

    __tablename__ = "compare_peer"
    department_year_id: Mapped[int] = mapped_column(ForeignKey("department_year.id"), primary_key=True)
    evaluation_id: Mapped[int] = mapped_column(ForeignKey("evaluation.id"), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    region_id: Mapped[int] = mapped_column(ForeignKey("region.id"))
    framework_version_id: Mapped[int] = mapped_column(ForeignKey("framework_version.id"))
    department_id: Mapped[int] = mapped_column(ForeignKey("department.id"))
    total: Mapped[Decimal] = mapped_column(Score)
    grade: Mapped[str | None] = mapped_column(String(20))
    complete: Mapped[bool] = mapped_column(Boolean)
    missing_count: Mapped[int] = mapped_column(Integer)
    rate_budget_execution: Mapped[Decimal | None] = mapped_column(Money)
    rate_carryover: Mapped[Decimal | None] = mapped_column(Money)
    rate_three_public_control: Mapped[Decimal | None] = mapped_column(Money)
    rate_staff_control: Mapped[Decimal | None] = mapped_column(Money)


Index("ix_compare_peer_year", ComparePeer.year, ComparePeer.region_id, ComparePeer.framework_version_id)


class AuditBatch(Base):
    """A batch of submitted reports checked by the auditor."""

    __tablename__ = "audit_batch"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    document_count: Mapped[int] = mapped_column(Integer)
    finding_count: Mapped[int] = mapped_column(Integer)

    findings: Mapped[list[AuditFindingRow]] = relationship(order_by="AuditFindingRow.id")


class AuditFindingRow(Base):
    """One finding (or one unreadable document) of an audit batch."""

    __tablename__ = "audit_finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("audit_batch.id"), index=True)
    document: Mapped[str] = mapped_column(String(1000))
    rule: Mapped[str] = mapped_column(String(100))
    severity: Mapped[str] = mapped_column(String(20))
    location: Mapped[str] = mapped_column(String(200))
    quote: Mapped[str] = mapped_column(Text)
    stated: Mapped[str] = mapped_column(String(200))
    expected: Mapped[str] = mapped_column(String(200))
    explanation: Mapped[str] = mapped_column(Text)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)


class ChangeLogEntry(Base):
    """Append-only record of every change: imports, evaluations, assignments."""

    __tablename__ = "change_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    action: Mapped[str] = mapped_column(String(50))
    subject: Mapped[str] = mapped_column(String(1000))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
