"""Importing department-years: one transaction per department-year (revision + evaluation, or nothing).

A re-import whose data differ from the newest revision adds a revision; the
same data again adds nothing (the change log notes it). Each revision is
evaluated under the framework resolved for its region and year, with last
year's figures taken from the store (:mod:`jixiao.store.yoy`); a new revision
of year Y re-evaluates year Y+1 (and on) so their year-on-year figures follow.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from pathlib import Path

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from jixiao.engine.evaluate import evaluate
from jixiao.engine.result import EvaluationResult
from jixiao.findings import Finding, Location, Severity, has_errors
from jixiao.frameworks import Framework
from jixiao.intake.files import DATA_SUFFIXES, read_department
from jixiao.model import DepartmentYear
from jixiao.store import assign
from jixiao.store.rows import insert_or_get, log, now, region_id
from jixiao.store.tables import (
    Department,
    DepartmentYearRow,
    Evaluation,
    FrameworkVersion,
    IndicatorScore,
    Revision,
    ThreePublicFigure,
)
from jixiao.store.types import DecimalOutOfRange, fits
from jixiao.store.yoy import KeyFigures, PriorYear, key_figures, with_prior

MAX_SOURCE_BYTES = 20 * 1024 * 1024


class ImportStatus(StrEnum):
    NEW = "new"  # first revision of a department-year
    REVISED = "revised"  # a new revision of a stored department-year
    UNCHANGED = "unchanged"  # the same data as the newest revision: nothing added
    FAILED = "failed"  # not stored; see findings

    @property
    def label(self) -> str:
        return {"new": "新增", "revised": "新版本", "unchanged": "未变化", "failed": "失败"}[self.value]


@dataclass(frozen=True)
class Source:
    """The file a department-year came from."""

    name: str
    format: str  # yaml / json / xlsx
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class ImportOutcome:
    source: str
    status: ImportStatus
    department: str | None = None
    region: str | None = None
    year: int | None = None
    revision: int | None = None
    framework_id: str | None = None
    total: Decimal | None = None
    max_total: Decimal | None = None
    grade: str | None = None
    complete: bool = False
    findings: tuple[Finding, ...] = ()
    refreshed_years: tuple[int, ...] = ()


def data_files(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Files to import (folders searched recursively, hidden and Office lock files skipped) and missing paths."""
    files: list[Path] = []
    missing: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in DATA_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts) and not p.name.startswith("~$")
            )
        elif path.exists():
            files.append(path)
        else:
            missing.append(path)
    return files, missing


def read_source(path: Path) -> tuple[Source | None, DepartmentYear | None, list[Finding]]:
    """The file's bytes and its department-year; problems as findings with file/sheet/cell/line."""
    where = Location(file=str(path))
    if not path.is_file():
        return None, None, read_department(path)[1]
    suffix = path.suffix.lower()
    if suffix not in DATA_SUFFIXES:
        return None, None, [Finding("store.file-type", Severity.ERROR,
                                    f"不支持的文件类型「{path.suffix or '无扩展名'}」，应为 .yaml、.yml、.json 或 .xlsx", where)]
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        return None, None, [Finding("store.too-large", Severity.ERROR,
                                    f"文件过大（{size / 1024 / 1024:.1f} MB），上限为 {MAX_SOURCE_BYTES // 1024 // 1024} MB", where)]
    data = path.read_bytes()
    dy, findings = read_department(path)
    fmt = {".yml": "yaml", ".xlsm": "xlsx"}.get(suffix, suffix.lstrip("."))
    return Source(path.name, fmt, data), dy, findings


def data_json(dy: DepartmentYear) -> dict[str, object]:
    """The model as stored (JSON with exact decimals, see :mod:`jixiao.store.jsontext`)."""
    dumped: dict[str, object] = dy.model_dump(exclude_defaults=True)
    return dumped


def _canonical(value: object) -> object:
    if isinstance(value, Decimal):
        return f"{value.normalize():f}" if value else "0"
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_canonical(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def data_sha256(dy: DepartmentYear) -> str:
    """A digest of the data's meaning: 1.10 and 1.1 are the same amount, whichever file format carried it."""
    text = json.dumps(_canonical(dy.model_dump()), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def department_key(region: str | None, code: str | None, name: str) -> str:
    """A department's identity in the store: its region plus 预算编码, or plus its name when it has no code."""
    return f"{region or ''}|code:{code}" if code else f"{region or ''}|name:{name}"


def _department_id(session: Session, dy: DepartmentYear) -> int:
    p = dy.profile
    rid = region_id(session, p.region)
    did = insert_or_get(
        session, Department, {"key": department_key(p.region, p.code, p.name)},
        {"region_id": rid, "code": p.code, "name": p.name, "level": p.level, "created_at": now()},
    )
    if p.subordinate_units:
        # 二级单位: units this department lists under 下属单位, stored in the same region, get it as parent.
        session.execute(update(Department).where(
            Department.region_id == rid, Department.name.in_(p.subordinate_units), Department.id != did,
            Department.parent_id.is_(None)).values(parent_id=did))
    return did


def _department_year(session: Session, department_id: int, year: int) -> DepartmentYearRow:
    """The department-year row, locked for this transaction (PostgreSQL row lock; SQLite holds the write lock)."""
    dyid = insert_or_get(session, DepartmentYearRow, {"department_id": department_id, "year": year},
                         {"latest_revision": 0})
    row = session.scalars(select(DepartmentYearRow).where(DepartmentYearRow.id == dyid).with_for_update()).one()
    return row


def latest_revision(session: Session, dy_row: DepartmentYearRow) -> Revision | None:
    if dy_row.latest_revision == 0:
        return None
    return session.scalars(select(Revision).where(
        Revision.department_year_id == dy_row.id, Revision.number == dy_row.latest_revision)).one()


def _figures_of(rev: Revision) -> KeyFigures:
    return KeyFigures(
        budget_final=rev.budget_final, revenue_total=rev.revenue_total,
        fiscal_appropriation=rev.fiscal_appropriation, expenditure_total=rev.expenditure_total,
        expenditure_basic=rev.expenditure_basic, expenditure_project=rev.expenditure_project,
        assets_total=rev.assets_total, carryover=rev.carryover, three_public_budget=rev.three_public_budget,
        three_public_actual=rev.three_public_actual, staff_authorized=rev.staff_authorized,
        staff_actual=rev.staff_actual, three_public={f.kind: (f.budget, f.actual) for f in rev.three_public},
    )


def prior_year(session: Session, department_id: int, year: int) -> tuple[PriorYear | None, int | None]:
    """Last year's stored figures and score, and the revision they come from."""
    row = session.scalars(select(DepartmentYearRow).where(
        DepartmentYearRow.department_id == department_id, DepartmentYearRow.year == year - 1)).first()
    if row is None:
        return None, None
    rev = latest_revision(session, row)
    if rev is None:
        return None, None
    ev = session.scalars(select(Evaluation).where(Evaluation.revision_id == rev.id, Evaluation.current)).first()
    score = ev.total if ev is not None and ev.complete else None
    grade = ev.grade if ev is not None else None
    return PriorYear(year - 1, rev.number, _figures_of(rev), score, grade), rev.id


_FIGURE_LABELS = {
    "budget_final": "全年预算数", "revenue_total": "本年收入合计", "fiscal_appropriation": "财政拨款收入",
    "expenditure_total": "本年支出合计", "expenditure_basic": "基本支出", "expenditure_project": "项目支出",
    "carryover": "年末结转结余", "assets_total": "资产总计", "three_public_budget": "“三公”经费预算数",
    "three_public_actual": "“三公”经费实际支出",
}


def check_figures(kf: KeyFigures) -> None:
    """Refuse amounts the Money columns cannot hold exactly (before anything is written)."""
    for name, label in _FIGURE_LABELS.items():
        value = getattr(kf, name)
        if value is not None and not fits(value, 15, 6):
            raise DecimalOutOfRange(f"{label} {value} 万元超出数据库可精确保存的范围（整数部分最多 9 位，小数最多 6 位）")


def _add_revision(session: Session, dy_row: DepartmentYearRow, dy: DepartmentYear, source: Source, user: str,
                  digest: str) -> Revision:
    kf = key_figures(dy)
    check_figures(kf)
    rev = Revision(
        department_year_id=dy_row.id, number=dy_row.latest_revision + 1, source_name=source.name,
        source_format=source.format, source_sha256=source.sha256, source_bytes=source.data, data=data_json(dy),
        data_sha256=digest, imported_by=user, imported_at=now(),
        budget_final=kf.budget_final, revenue_total=kf.revenue_total, fiscal_appropriation=kf.fiscal_appropriation,
        expenditure_total=kf.expenditure_total, expenditure_basic=kf.expenditure_basic,
        expenditure_project=kf.expenditure_project, carryover=kf.carryover, assets_total=kf.assets_total,
        three_public_budget=kf.three_public_budget, three_public_actual=kf.three_public_actual,
        staff_authorized=kf.staff_authorized, staff_actual=kf.staff_actual,
        rate_budget_execution=kf.ratios["budget_execution"], rate_carryover=kf.ratios["carryover"],
        rate_three_public_control=kf.ratios["three_public_control"], rate_staff_control=kf.ratios["staff_control"],
    )
    rev.three_public = [ThreePublicFigure(kind=k, budget=b, actual=a) for k, (b, a) in sorted(kf.three_public.items())]
    session.add(rev)
    dy_row.latest_revision = rev.number
    session.flush()
    return rev


@dataclass(frozen=True)
class Evaluated:
    evaluation: Evaluation
    result: EvaluationResult
    findings: list[Finding]


def evaluate_revision(session: Session, rev: Revision, dy: DepartmentYear, department_id: int, fv_id: int,
                      fw: Framework) -> Evaluated:
    """Evaluate a revision with last year's figures from the store; store it as the current evaluation."""
    prior, prior_rev = prior_year(session, department_id, dy.profile.year)
    derived, findings = with_prior(dy, prior)
    result = evaluate(derived, fw)
    ev = session.scalars(select(Evaluation).where(
        Evaluation.revision_id == rev.id, Evaluation.framework_version_id == fv_id)).first()
    if ev is None:
        ev = Evaluation(revision_id=rev.id, framework_version_id=fv_id)
        session.add(ev)
    ev.prior_revision_id = prior_rev
    ev.total = result.total
    ev.max_total = result.max_total
    ev.grade = result.grade
    ev.complete = result.complete
    ev.missing_count = result.missing_count
    ev.result = result.to_dict()
    ev.findings = [f.to_dict() for f in findings]
    ev.evaluated_at = now()
    ev.current = True
    session.flush()
    session.execute(delete(IndicatorScore).where(IndicatorScore.evaluation_id == ev.id))
    session.execute(insert(IndicatorScore), [
        {"evaluation_id": ev.id, "indicator_id": r.id, "position": i, "name": r.name, "level": r.level,
         "weight": r.weight, "score": r.score, "status": r.status.value}
        for i, r in enumerate(result.walk())
    ])
    # Exactly one current evaluation per department-year: its newest revision's.
    session.execute(update(Evaluation).where(
        Evaluation.revision_id.in_(select(Revision.id).where(Revision.department_year_id == rev.department_year_id)),
        Evaluation.id != ev.id, Evaluation.current).values(current=False))
    return Evaluated(ev, result, findings)


def refresh_following(session: Session, department_id: int, year: int, actor: str) -> list[int]:
    """Re-evaluate year+1, year+2, … whose year-on-year figures depend on the year just changed."""
    refreshed: list[int] = []
    while True:
        year += 1
        row = session.scalars(select(DepartmentYearRow).where(
            DepartmentYearRow.department_id == department_id, DepartmentYearRow.year == year)
            .with_for_update()).first()  # a concurrent import of that year waits, or is waited for
        rev = latest_revision(session, row) if row is not None else None
        if rev is None:
            return refreshed
        ev = session.scalars(select(Evaluation).where(Evaluation.revision_id == rev.id, Evaluation.current)).first()
        if ev is None:
            return refreshed
        fv = session.get_one(FrameworkVersion, ev.framework_version_id)
        dy = DepartmentYear.model_validate(rev.data)
        evaluate_revision(session, rev, dy, department_id, fv.id, assign.framework_from_text(fv.content))
        log(session, actor, "reevaluate", f"{dy.profile.name} {year}",
            reason=f"{year - 1} 年度数据变化，重新计算同比", revision=rev.number)
        refreshed.append(year)


def store_department(session: Session, dy: DepartmentYear, source: Source, user: str,
                     framework: str | None = None) -> ImportOutcome:
    """The transaction body of one import. Raises NoFramework / DecimalOutOfRange / framework errors."""
    p = dy.profile
    if framework is not None:
        fv_id, fw = assign.explicit(session, framework)
    else:
        fv_id, fw = assign.resolve(session, p.region, p.year)
    dept_id = _department_id(session, dy)
    dy_row = _department_year(session, dept_id, p.year)
    digest = data_sha256(dy)
    subject = f"{p.name} {p.year}"
    newest = latest_revision(session, dy_row)
    if newest is not None and newest.data_sha256 == digest:
        log(session, user, "import-unchanged", subject, source=source.name, sha256=source.sha256,
            revision=newest.number)
        ev = session.scalars(select(Evaluation).where(Evaluation.revision_id == newest.id, Evaluation.current)).first()
        return ImportOutcome(
            source.name, ImportStatus.UNCHANGED, p.name, p.region, p.year, newest.number, fw.id,
            ev.total if ev else None, ev.max_total if ev else None, ev.grade if ev else None,
            ev.complete if ev else False,
        )
    rev = _add_revision(session, dy_row, dy, source, user, digest)
    done = evaluate_revision(session, rev, dy, dept_id, fv_id, fw)
    log(session, user, "import", subject, source=source.name, sha256=source.sha256, revision=rev.number,
        framework=fw.id, total=str(done.result.total), grade=done.result.grade)
    refreshed = refresh_following(session, dept_id, p.year, user)
    status = ImportStatus.NEW if rev.number == 1 else ImportStatus.REVISED
    r = done.result
    return ImportOutcome(source.name, status, p.name, p.region, p.year, rev.number, fw.id, r.total, r.max_total,
                         r.grade, r.complete, tuple(done.findings), tuple(refreshed))


def failed(source: str, findings: list[Finding]) -> ImportOutcome:
    return ImportOutcome(source, ImportStatus.FAILED, findings=tuple(findings))


def failure_from(exc: Exception, source: str) -> ImportOutcome | None:
    """An expected failure of the import transaction as an outcome; None for anything else."""
    from sqlalchemy.exc import StatementError

    from jixiao.findings import InputError
    from jixiao.frameworks import FrameworkNotFound

    if isinstance(exc, StatementError) and isinstance(exc.orig, Exception) and not isinstance(exc.orig, StatementError):
        inner = exc.orig
        if isinstance(inner, DecimalOutOfRange):
            exc = inner
    where = Location(file=source)
    if isinstance(exc, assign.NoFramework | FrameworkNotFound | DecimalOutOfRange):
        return failed(source, [Finding("store.not-imported", Severity.ERROR, f"{exc}；未导入", where)])
    if isinstance(exc, InputError):
        return failed(source, [*exc.findings, Finding("store.not-imported", Severity.ERROR, "框架有误，未导入", where)])
    return None


def usable(dy: DepartmentYear | None, findings: list[Finding]) -> bool:
    return dy is not None and not has_errors(findings)
