"""The store's public service layer: what the CLI, the web app and the batch runner call.

Every method opens and closes its own session and transaction and returns plain
frozen dataclasses, never ORM rows, so callers need no SQLAlchemy.
"""

from __future__ import annotations

import getpass
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from jixiao.findings import Finding, Location, Severity
from jixiao.frameworks import Framework
from jixiao.model import DepartmentYear
from jixiao.model.load import parse_department
from jixiao.store import assign, migrate
from jixiao.store.compare import Comparison
from jixiao.store.database import Database, StoreError
from jixiao.store.importing import (
    CHUNK,
    ImportOutcome,
    Prepared,
    Source,
    chunks,
    data_files,
    evaluate_revision,
    failed,
    failure_from,
    latest_revision,
    prepare,
    prior_year,
    read_prepared,
    read_source,
    read_waves,
    store_chunk,
    usable,
)
from jixiao.store.rows import log
from jixiao.store.tables import (
    AuditBatch,
    AuditFindingRow,
    ChangeLogEntry,
    Department,
    DepartmentYearRow,
    Evaluation,
    FrameworkAssignment,
    FrameworkVersion,
    Region,
    Revision,
)


def default_user() -> str:
    """Who is importing: ``JIXIAO_USER``, else the login name."""
    env = os.environ.get("JIXIAO_USER")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


@dataclass(frozen=True)
class DepartmentRef:
    id: int
    name: str
    code: str | None
    region: str
    level: str | None
    parent_id: int | None = None  # the 主管部门 of a 二级单位


@dataclass(frozen=True)
class DepartmentYearSummary:
    department: DepartmentRef
    year: int
    revisions: int
    framework_id: str | None
    framework_name: str | None
    total: Decimal | None
    max_total: Decimal | None
    grade: str | None
    complete: bool
    imported_at: datetime
    imported_by: str
    source_name: str


@dataclass(frozen=True)
class RevisionInfo:
    number: int
    imported_at: datetime
    imported_by: str
    source_name: str
    source_format: str
    source_sha256: str
    total: Decimal | None
    grade: str | None
    complete: bool
    framework_id: str | None


@dataclass(frozen=True)
class YearHistory:
    year: int
    revisions: tuple[RevisionInfo, ...]
    total: Decimal | None  # current evaluation of the newest revision
    grade: str | None
    complete: bool
    change: Decimal | None  # total minus last year's total, when both are complete and years are adjacent
    findings: tuple[Finding, ...]  # year-on-year differences of the current evaluation


@dataclass(frozen=True)
class DepartmentHistory:
    department: DepartmentRef
    years: tuple[YearHistory, ...]


@dataclass(frozen=True)
class ChangeEntry:
    at: datetime
    actor: str
    action: str
    subject: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class Assignment:
    region: str
    year: int
    framework_id: str
    framework_name: str
    sha256: str
    assigned_by: str
    assigned_at: datetime


@dataclass(frozen=True)
class AssignOutcome:
    framework_id: str
    reevaluated: int


class AuditFindingLike(Protocol):
    """Read-only, as the auditor's frozen findings are."""

    @property
    def rule(self) -> str: ...
    @property
    def severity(self) -> str: ...
    @property
    def location(self) -> str: ...
    @property
    def quote(self) -> str: ...
    @property
    def stated(self) -> str: ...
    @property
    def expected(self) -> str: ...
    @property
    def explanation(self) -> str: ...

    def to_dict(self) -> dict[str, object]: ...


class AuditReportLike(Protocol):
    path: str
    error: str | None

    @property
    def findings(self) -> Sequence[AuditFindingLike]: ...


ReadCallback = Callable[[Path], None]
DoneCallback = Callable[[ImportOutcome], None]


def _finding_from_dict(d: dict[str, Any]) -> Finding:
    loc = d.get("location") or {}
    return Finding(str(d["code"]), Severity(d["severity"]), str(d["message"]), Location(**loc))


class Store:
    """One database of department-years. ``Store.open()`` checks the schema version first."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, db: str | Path | None = None, *, check: bool = True) -> Store:
        database = Database.open(db)
        if check:
            try:
                migrate.check_schema(database)
            except BaseException:
                database.dispose()
                raise
        return cls(database)

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- import -------------------------------------------------------------------------------------------

    def import_department(self, dy: DepartmentYear, source: Source, user: str,
                          framework: str | None = None, intake_findings: Sequence[Finding] = ()) -> ImportOutcome:
        """Store one parsed department-year with its evaluation, in one transaction."""
        item = prepare(source, dy, intake_findings)
        if isinstance(item, ImportOutcome):
            return _with_findings(item, intake_findings)
        [outcome] = self._store([item], user, framework)
        return outcome

    def _store(self, items: Sequence[Prepared], user: str, framework: str | None) -> list[ImportOutcome]:
        """One transaction for the chunk; when it fails, each department-year on its own (the bad one is reported)."""
        try:
            outcomes = self.db.write(lambda s: store_chunk(s, items, user, framework))
        except Exception as exc:
            if len(items) > 1:
                return [o for it in items for o in self._store([it], user, framework)]
            known = failure_from(exc, items[0].source.name)
            if known is None:
                raise
            outcomes = [known]
        return [_with_findings(o, it.intake) for o, it in zip(outcomes, items, strict=True)]

    def import_file(self, path: Path, user: str | None = None, framework: str | None = None) -> ImportOutcome:
        item = read_prepared(path, self.db, framework)
        if isinstance(item, ImportOutcome):
            return item
        [outcome] = self._store([item], user or default_user(), framework)
        return outcome

    def import_bytes(self, name: str, data: bytes, user: str, framework: str | None = None) -> ImportOutcome:
        """An uploaded file (the web app): written to a private temporary file, read, imported."""
        suffix = Path(name).suffix.lower()
        with tempfile.TemporaryDirectory(prefix="jixiao-upload-") as tmp:
            path = Path(tmp) / f"upload{suffix}"
            path.write_bytes(data)
            source, dy, findings = read_source(path)
        findings = [_rename(f, str(path), name) for f in findings]
        if source is None or dy is None or not usable(dy, findings):
            return failed(name, findings)
        return self.import_department(dy, Source(Path(name).name, source.format, source.data), user, framework,
                                      findings)

    def import_paths(self, paths: Iterable[Path], user: str | None = None, framework: str | None = None,
                     on_read: ReadCallback | None = None, on_done: DoneCallback | None = None,
                     jobs: int = 1, chunk: int = CHUNK) -> list[ImportOutcome]:
        """Import files and folders (searched recursively): files are read and evaluated in waves (in ``jobs``
        worker processes), each wave stored in year order so that each year finds its previous year, ``chunk``
        department-years per transaction; a bad file is reported and the rest goes on. A year stored before its
        previous year is re-evaluated when that year arrives, so the final state does not depend on the order."""
        who = user or default_user()
        outcomes: list[ImportOutcome] = []

        def finish(outcome: ImportOutcome) -> None:
            outcomes.append(outcome)
            if on_done:
                on_done(outcome)

        files, missing = data_files(paths)
        for f in missing:
            finish(failed(str(f), [Finding("input.not-found", Severity.ERROR, "文件或文件夹不存在", Location(file=str(f)))]))
        for wave in read_waves(files, self.db, framework, jobs):
            ready: list[Prepared] = []
            for item in wave:
                if on_read:
                    on_read(Path(item.source if isinstance(item, ImportOutcome) else item.source.name))
                if isinstance(item, ImportOutcome):
                    finish(item)
                else:
                    ready.append(item)
            ready.sort(key=lambda it: it.dy.profile.year)  # stable: file order within a year
            for part in chunks(ready, chunk):
                try:
                    stored = self._store(part, who, framework)
                except Exception as exc:  # an unexpected error in one file must not stop the others
                    stored = [failed(it.source.name, [Finding("store.internal", Severity.ERROR,
                                                              f"导入时发生内部错误：{type(exc).__name__}: {exc}",
                                                              Location(file=it.source.name))]) for it in part]
                for outcome in stored:
                    finish(outcome)
        return outcomes

    # ---- frameworks ---------------------------------------------------------------------------------------

    def assign_framework(self, region: str, year: int, framework: str, user: str | None = None) -> AssignOutcome:
        """Assign a framework to (region, year) and re-evaluate that region's stored department-years."""
        who = user or default_user()

        def work(session: Session) -> AssignOutcome:
            vid, fw, previous = assign.assign(session, region, year, framework, who)
            log(session, who, "assign", f"{region} {year}", framework=fw.id, previous_version=previous)
            count = 0
            rows = session.scalars(
                select(DepartmentYearRow).join(Department).join(Region)
                .where(Region.name == region, DepartmentYearRow.year == year, DepartmentYearRow.latest_revision > 0)
                .order_by(DepartmentYearRow.id).with_for_update(of=DepartmentYearRow)
            ).all()
            for row in rows:
                rev = latest_revision(session, row)
                assert rev is not None
                evaluate_revision(session, rev, parse_department(rev.data), row.department_id, vid, fw)
                count += 1
            return AssignOutcome(fw.id, count)

        return self.db.write(work)

    def assignments(self) -> list[Assignment]:
        with self.db.reading() as s:
            rows = s.execute(
                select(Region.name, FrameworkAssignment, FrameworkVersion)
                .join(Region, Region.id == FrameworkAssignment.region_id)
                .join(FrameworkVersion, FrameworkVersion.id == FrameworkAssignment.framework_version_id)
                .order_by(Region.name, FrameworkAssignment.year)
            ).all()
            return [Assignment(r, a.year, v.framework_id, v.name, v.sha256, a.assigned_by, a.assigned_at)
                    for r, a, v in rows]

    # ---- queries ------------------------------------------------------------------------------------------

    def list_department_years(self, year: int | None = None, region: str | None = None) -> list[DepartmentYearSummary]:
        with self.db.reading() as s:
            query = (
                select(Department, Region.name, DepartmentYearRow, Revision, Evaluation, FrameworkVersion)
                .join(Region, Region.id == Department.region_id)
                .join(DepartmentYearRow, DepartmentYearRow.department_id == Department.id)
                .join(Revision, (Revision.department_year_id == DepartmentYearRow.id)
                      & (Revision.number == DepartmentYearRow.latest_revision))
                .outerjoin(Evaluation, (Evaluation.revision_id == Revision.id) & Evaluation.current)
                .outerjoin(FrameworkVersion, FrameworkVersion.id == Evaluation.framework_version_id)
                .order_by(DepartmentYearRow.year.desc(), Region.name, Department.name)
            )
            if year is not None:
                query = query.where(DepartmentYearRow.year == year)
            if region is not None:
                query = query.where(Region.name == region)
            out = []
            for dept, region_name, row, rev, ev, fv in s.execute(query).all():
                out.append(DepartmentYearSummary(
                    _ref(dept, region_name), row.year, row.latest_revision,
                    fv.framework_id if fv else None, fv.name if fv else None,
                    ev.total if ev else None, ev.max_total if ev else None, ev.grade if ev else None,
                    bool(ev and ev.complete), rev.imported_at, rev.imported_by, rev.source_name,
                ))
            return out

    def find_department(self, ref: str, region: str | None = None) -> DepartmentRef:
        """A department by 预算编码 or name (and region when the name is not unique)."""
        with self.db.reading() as s:
            return self._find(s, ref, region)

    def _find(self, s: Session, ref: str, region: str | None) -> DepartmentRef:
        query = select(Department, Region.name).join(Region).where((Department.code == ref) | (Department.name == ref))
        if region is not None:
            query = query.where(Region.name == region)
        rows = s.execute(query.order_by(Region.name)).all()
        if not rows:
            where = f"（地区「{region}」）" if region else ""
            raise StoreError(f"数据库中没有部门「{ref}」{where}：请用 jixiao list 查看已导入的部门")
        if len(rows) > 1:
            regions = "、".join(r or "未注明地区" for _, r in rows)
            raise StoreError(f"有 {len(rows)} 个部门名为或编码为「{ref}」（{regions}）：请用 --region 指定地区")
        dept, region_name = rows[0]
        return _ref(dept, region_name)

    def history(self, ref: str, region: str | None = None) -> DepartmentHistory:
        """Every year and revision of a department, with its score trend."""
        with self.db.reading() as s:
            dept = self._find(s, ref, region)
            years: list[YearHistory] = []
            rows = s.scalars(select(DepartmentYearRow).where(DepartmentYearRow.department_id == dept.id)
                             .order_by(DepartmentYearRow.year)).all()
            for row in rows:
                revs = s.scalars(select(Revision).where(Revision.department_year_id == row.id)
                                 .order_by(Revision.number)).all()
                infos = []
                current: Evaluation | None = None
                for rev in revs:
                    ev = s.execute(
                        select(Evaluation, FrameworkVersion.framework_id)
                        .join(FrameworkVersion, FrameworkVersion.id == Evaluation.framework_version_id)
                        .where(Evaluation.revision_id == rev.id)
                        .order_by(Evaluation.current.desc(), Evaluation.evaluated_at.desc())
                    ).first()
                    e, fid = (ev[0], ev[1]) if ev else (None, None)
                    if e is not None and e.current:
                        current = e
                    infos.append(RevisionInfo(rev.number, rev.imported_at, rev.imported_by, rev.source_name,
                                              rev.source_format, rev.source_sha256, e.total if e else None,
                                              e.grade if e else None, bool(e and e.complete), fid))
                prev = years[-1] if years else None
                change = None
                if (current is not None and current.complete and prev is not None and prev.year == row.year - 1
                        and prev.complete and prev.total is not None):
                    change = current.total - prev.total
                findings = tuple(_finding_from_dict(d) for d in current.findings) if current else ()
                years.append(YearHistory(row.year, tuple(infos), current.total if current else None,
                                         current.grade if current else None, bool(current and current.complete),
                                         change, findings))
            return DepartmentHistory(dept, tuple(years))

    def department_year(self, ref: str, year: int, region: str | None = None,
                        revision: int | None = None) -> tuple[DepartmentYear, int, str | None]:
        """The typed data of a stored department-year (newest revision unless given), its revision
        number and the id of the framework it is evaluated under."""
        with self.db.reading() as s:
            rev, fv = self._revision(s, ref, year, region, revision)
            return parse_department(rev.data), rev.number, fv.framework_id if fv else None

    def _revision(self, s: Session, ref: str, year: int, region: str | None,
                  revision: int | None) -> tuple[Revision, FrameworkVersion | None]:
        dept = self._find(s, ref, region)
        row = s.scalars(select(DepartmentYearRow).where(DepartmentYearRow.department_id == dept.id,
                                                        DepartmentYearRow.year == year)).first()
        if row is None:
            raise StoreError(f"数据库中没有「{dept.name}」{year} 年度的数据")
        number = revision if revision is not None else row.latest_revision
        rev = s.scalars(select(Revision).where(Revision.department_year_id == row.id,
                                               Revision.number == number)).first()
        if rev is None:
            raise StoreError(f"「{dept.name}」{year} 年度没有第 {number} 版（共 {row.latest_revision} 版）")
        fv = s.scalars(select(FrameworkVersion).join(Evaluation, Evaluation.framework_version_id == FrameworkVersion.id)
                       .where(Evaluation.revision_id == rev.id)
                       .order_by(Evaluation.current.desc(), Evaluation.evaluated_at.desc())).first()
        return rev, fv

    def derived_department_year(self, ref: str, year: int, region: str | None = None) -> DepartmentYear:
        """The newest revision with last year's figures from the store: what is evaluated and reported."""
        with self.db.reading() as s:
            rev, _ = self._revision(s, ref, year, region, None)
            dy = parse_department(rev.data)
            prior, _ = prior_year(s, rev.department_year.department_id, year)
            from jixiao.store.yoy import with_prior

            return with_prior(dy, prior)[0]

    def for_report(self, ref: str, year: int, region: str | None = None) -> tuple[DepartmentYear, Framework]:
        """What the report of a stored department-year is written from: the newest revision with last year's
        figures from the store, and the framework version it is evaluated under."""
        with self.db.reading() as s:
            rev, fv = self._revision(s, ref, year, region, None)
            if fv is None:
                raise StoreError(f"「{ref}」{year} 年度尚未评价")
            dy = parse_department(rev.data)
            prior, _ = prior_year(s, rev.department_year.department_id, year)
            from jixiao.store.yoy import with_prior

            return with_prior(dy, prior)[0], assign.framework_from_text(fv.content)

    def export_workbook(self, ref: str, year: int, region: str | None = None, revision: int | None = None,
                        original: bool = False) -> tuple[bytes, str]:
        """The department-year as an intake workbook (the same bytes every time), or the uploaded file
        itself with ``original``; returns (bytes, the source file name)."""
        from jixiao.intake.template import workbook_bytes

        with self.db.reading() as s:
            rev, fv = self._revision(s, ref, year, region, revision)
            if original:
                if rev.source_bytes is None:
                    raise StoreError("该版本没有保存原始文件")
                return rev.source_bytes, rev.source_name
            dy = parse_department(rev.data)
            fw = assign.framework_from_text(fv.content) if fv is not None else None
            return workbook_bytes(dy, fw), rev.source_name

    def current_result(self, ref: str, year: int, region: str | None = None) -> dict[str, Any]:
        """The stored evaluation result (JSON form) of the newest revision."""
        with self.db.reading() as s:
            rev, _ = self._revision(s, ref, year, region, None)
            ev = s.scalars(select(Evaluation).where(Evaluation.revision_id == rev.id, Evaluation.current)).first()
            if ev is None:
                raise StoreError(f"「{ref}」{year} 年度尚未评价")
            return dict(ev.result)

    def change_log(self, limit: int = 50, subject: str | None = None) -> list[ChangeEntry]:
        with self.db.reading() as s:
            query = select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc()).limit(limit)
            if subject:
                query = query.where(ChangeLogEntry.subject.contains(subject))
            return [ChangeEntry(e.at, e.actor, e.action, e.subject, dict(e.detail)) for e in s.scalars(query)]

    def counts(self) -> dict[str, int]:
        """Rows per main table (for `jixiao db status` and the tests)."""
        with self.db.reading() as s:
            return {t.__tablename__: int(s.execute(select(func.count()).select_from(t)).scalar_one())
                    for t in (Department, DepartmentYearRow, Revision, Evaluation, FrameworkVersion,
                              FrameworkAssignment, AuditBatch, AuditFindingRow, ChangeLogEntry)}

    # ---- compare ------------------------------------------------------------------------------------------

    def compare(self, year: int, region: str | None = None) -> Comparison:
        """Rank one year's department-years (current evaluations), per framework version; see compare.py."""
        from jixiao.store.compare_read import compare

        return compare(self.db, year, region)

    # ---- audit --------------------------------------------------------------------------------------------

    def save_audit_batch(self, name: str, reports: Sequence[AuditReportLike], user: str | None = None) -> int:
        """Keep an audit batch and every finding; returns the batch id."""
        who = user or default_user()

        def work(session: Session) -> int:
            rows: list[AuditFindingRow] = []
            for report in reports:
                if report.error is not None:
                    rows.append(AuditFindingRow(document=report.path, rule="unreadable", severity="错误", location="",
                                                quote="", stated="", expected="", explanation=report.error, detail={}))
                for f in report.findings:
                    rows.append(AuditFindingRow(document=report.path, rule=f.rule, severity=f.severity,
                                                location=f.location, quote=f.quote, stated=f.stated,
                                                expected=f.expected, explanation=f.explanation, detail=f.to_dict()))
            batch = AuditBatch(name=name, created_by=who, created_at=_now(), document_count=len(reports),
                               finding_count=sum(len(r.findings) for r in reports), findings=rows)
            session.add(batch)
            session.flush()
            log(session, who, "audit", name, batch=batch.id, documents=len(reports), findings=batch.finding_count)
            return batch.id

        return self.db.write(work)


def _now() -> datetime:
    from jixiao.store.rows import now

    return now()


def _ref(dept: Department, region: str) -> DepartmentRef:
    return DepartmentRef(dept.id, dept.name, dept.code, region, dept.level, dept.parent_id)


def _rename(f: Finding, old: str, new: str) -> Finding:
    if f.location.file != old:
        return f
    loc = f.location
    return Finding(f.code, f.severity, f.message, Location(new, loc.sheet, loc.cell, loc.line, loc.path))


def _with_findings(outcome: ImportOutcome, intake: Sequence[Finding]) -> ImportOutcome:
    extra = [f for f in intake if f.severity is not Severity.INFO]
    return replace(outcome, findings=(*extra, *outcome.findings)) if extra else outcome
