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
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, selectinload

from jixiao.findings import Finding, Location, Severity, has_errors
from jixiao.frameworks import Framework
from jixiao.model import DepartmentYear, ThreePublicKind
from jixiao.model.load import parse_department
from jixiao.model.records import dump
from jixiao.store import assign
from jixiao.store.database import Database
from jixiao.store.peers import refresh_peers
from jixiao.store.rows import log, log_entry, log_many, now, region_id
from jixiao.store.tables import (
    Base,
    Department,
    DepartmentUnit,
    DepartmentYearRow,
    Evaluation,
    FrameworkVersion,
    IndicatorScore,
    Revision,
    ThreePublicFigure,
)
from jixiao.store.types import DecimalOutOfRange, fits

if TYPE_CHECKING:  # the engine and the readers load only when a file is imported, not for `compare` or `list`
    from jixiao.engine.figures import Figures
    from jixiao.store.yoy import KeyFigures, PriorYear

MAX_SOURCE_BYTES = 20 * 1024 * 1024
CHUNK = 100  # department-years per transaction when importing many files
WAVE = 1000  # files read (and evaluated) ahead of storing, sorted by year within each wave


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
    from jixiao.intake.files import DATA_SUFFIXES

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
    from jixiao.intake.files import DATA_SUFFIXES, read_department

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
    dumped: dict[str, object] = dump(dy, exclude_defaults=True)
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
    text = json.dumps(_canonical(dump(dy)), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def department_key(region: str | None, code: str | None, name: str) -> str:
    """A department's identity in the store: its region plus 预算编码, or plus its name when it has no code."""
    return f"{region or ''}|code:{code}" if code else f"{region or ''}|name:{name}"


def latest_revision(session: Session, dy_row: DepartmentYearRow) -> Revision | None:
    if dy_row.latest_revision == 0:
        return None
    return session.scalars(select(Revision).where(
        Revision.department_year_id == dy_row.id, Revision.number == dy_row.latest_revision)).one()


def _figures_of(rev: Revision) -> KeyFigures:
    from jixiao.store.yoy import KeyFigures

    return KeyFigures(
        budget_final=rev.budget_final, revenue_total=rev.revenue_total,
        fiscal_appropriation=rev.fiscal_appropriation, expenditure_total=rev.expenditure_total,
        expenditure_basic=rev.expenditure_basic, expenditure_project=rev.expenditure_project,
        assets_total=rev.assets_total, carryover=rev.carryover, three_public_budget=rev.three_public_budget,
        three_public_actual=rev.three_public_actual, staff_authorized=rev.staff_authorized,
        staff_actual=rev.staff_actual, three_public={f.kind: (f.budget, f.actual) for f in rev.three_public},
    )


def prior_years(session: Session, wanted: Iterable[tuple[int, int]]) -> dict[tuple[int, int], tuple[PriorYear, int]]:
    """Last year's stored figures and score for each (department id, year), and the revision they come from."""
    from jixiao.store.yoy import PriorYear

    pairs = set(wanted)
    if not pairs:
        return {}
    revs = session.scalars(
        select(Revision).join(DepartmentYearRow, (DepartmentYearRow.id == Revision.department_year_id)
                              & (Revision.number == DepartmentYearRow.latest_revision))
        .where(DepartmentYearRow.department_id.in_({d for d, _ in pairs}),
               DepartmentYearRow.year.in_({y - 1 for _, y in pairs}))
        .options(selectinload(Revision.three_public), selectinload(Revision.department_year))
    ).all()
    revs = [r for r in revs if (r.department_year.department_id, r.department_year.year + 1) in pairs]
    if not revs:
        return {}
    evs = {e.revision_id: e for e in session.scalars(select(Evaluation).where(
        Evaluation.revision_id.in_([r.id for r in revs]), Evaluation.current))}
    out: dict[tuple[int, int], tuple[PriorYear, int]] = {}
    for rev in revs:
        ev = evs.get(rev.id)
        score = ev.total if ev is not None and ev.complete else None
        grade = ev.grade if ev is not None else None
        row = rev.department_year
        out[(row.department_id, row.year + 1)] = (PriorYear(row.year, rev.number, _figures_of(rev), score, grade),
                                                  rev.id)
    return out


def prior_year(session: Session, department_id: int, year: int) -> tuple[PriorYear | None, int | None]:
    """Last year's stored figures and score, and the revision they come from."""
    found = prior_years(session, [(department_id, year)]).get((department_id, year))
    return (found[0], found[1]) if found is not None else (None, None)


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
    for kind, pair in kf.three_public.items():
        for value in pair:
            if value is not None and not fits(value, 15, 6):
                raise DecimalOutOfRange(f"“三公”经费（{ThreePublicKind(kind).label}）{value} 万元超出数据库可精确保存的范围（整数部分最多 9 位，小数最多 6 位）")


PriorKey = tuple[int, Decimal | None, str | None]  # last year's revision id, score and grade as used


@dataclass(frozen=True)
class Evaluated:
    """An evaluation as it is stored (plain values, cheap to send between processes)."""

    total: Decimal
    max_total: Decimal
    grade: str | None
    complete: bool
    missing_count: int
    result: dict[str, Any]  # EvaluationResult.to_dict()
    scores: tuple[dict[str, Any], ...]  # indicator_score rows without evaluation_id
    findings: tuple[Finding, ...]  # year-on-year differences
    prior: PriorKey | None


@dataclass(frozen=True)
class Guess:
    """An evaluation made before the transaction, from what the store held then; used only if still true."""

    framework_sha256: str
    evaluated: Evaluated


@dataclass(frozen=True)
class Prepared:
    """A department-year read and checked before any transaction (can run in another process)."""

    source: Source
    dy: DepartmentYear
    figures: KeyFigures
    digest: str  # data_sha256
    intake: tuple[Finding, ...] = ()  # the reader's findings (warnings), reported with the outcome
    guess: Guess | None = None

    @property
    def key(self) -> str:
        p = self.dy.profile
        return department_key(p.region, p.code, p.name)


def prior_key(prior: tuple[PriorYear, int] | None) -> PriorKey | None:
    return None if prior is None else (prior[1], prior[0].score, prior[0].grade)


def evaluated(dy: DepartmentYear, fw: Framework, prior: tuple[PriorYear, int] | None) -> tuple[Evaluated, Figures]:
    """Evaluate with last year's figures from the store (pure); also the figures the engine derived."""
    from jixiao.engine.evaluate import evaluate
    from jixiao.store.yoy import with_prior

    derived, findings = with_prior(dy, prior[0] if prior else None)
    r = evaluate(derived, fw)
    scores = tuple({"indicator_id": x.id, "position": i, "name": x.name, "level": x.level, "weight": x.weight,
                    "score": x.score, "status": x.status.value} for i, x in enumerate(r.walk()))
    assert r.figures is not None
    return Evaluated(r.total, r.max_total, r.grade, r.complete, r.missing_count, r.to_dict(), scores,
                     tuple(findings), prior_key(prior)), r.figures


def _guess(db: Database, dy: DepartmentYear, framework: str | None) -> tuple[Guess, Figures] | None:
    """Evaluate against the store as it is now (read-only); None when the framework is not found."""
    p = dy.profile
    try:
        with db.reading() as s:
            found = _explicit(framework) if framework is not None else assign.lookup(s, p.region, p.year)
            if found is None:
                return None
            dept = s.execute(select(Department.id).where(
                Department.key == department_key(p.region, p.code, p.name))).scalar_one_or_none()
            prior = prior_years(s, [(dept, p.year)]).get((dept, p.year)) if dept is not None else None
    except Exception:  # only a guess: the transaction resolves again and reports what is wrong
        return None
    done, figures = evaluated(dy, found[1], prior)
    return Guess(found[0], done), figures


@lru_cache(maxsize=8)
def _explicit(ref: str) -> tuple[str, Framework]:
    ft = assign.framework_text(ref)
    return ft.sha256, ft.framework


def prepare(source: Source, dy: DepartmentYear, intake: Sequence[Finding] = (), db: Database | None = None,
            framework: str | None = None) -> Prepared | ImportOutcome:
    """Key figures, digest and range checks of a department-year, and (with ``db``) its evaluation against the
    store as it is now; a failed outcome when the store cannot hold it."""
    from jixiao.store.yoy import key_figures

    guessed = _guess(db, dy, framework) if db is not None else None
    kf = key_figures(dy, guessed[1] if guessed is not None else None)
    try:
        check_figures(kf)
    except DecimalOutOfRange as exc:
        return failed(source.name, [Finding("store.not-imported", Severity.ERROR, f"{exc}；未导入",
                                            Location(file=source.name))])
    return Prepared(source, dy, kf, data_sha256(dy), tuple(intake), guessed[0] if guessed is not None else None)


def read_prepared(path: Path, db: Database | None = None, framework: str | None = None) -> Prepared | ImportOutcome:
    """Read and prepare one file."""
    source, dy, findings = read_source(path)
    if source is None or dy is None or not usable(dy, findings):
        return failed(str(path), findings)
    return prepare(Source(path.name, source.format, source.data), dy, findings, db, framework)


def revision_values(dy_row_id: int, number: int, item: Prepared, user: str) -> dict[str, Any]:
    """The revision row of a prepared department-year."""
    kf, source = item.figures, item.source
    return dict(
        department_year_id=dy_row_id, number=number, source_name=source.name, source_format=source.format,
        source_sha256=source.sha256, source_bytes=source.data, data=data_json(item.dy), data_sha256=item.digest,
        imported_by=user, imported_at=now(),
        budget_final=kf.budget_final, revenue_total=kf.revenue_total, fiscal_appropriation=kf.fiscal_appropriation,
        expenditure_total=kf.expenditure_total, expenditure_basic=kf.expenditure_basic,
        expenditure_project=kf.expenditure_project, carryover=kf.carryover, assets_total=kf.assets_total,
        three_public_budget=kf.three_public_budget, three_public_actual=kf.three_public_actual,
        staff_authorized=kf.staff_authorized, staff_actual=kf.staff_actual,
        rate_budget_execution=kf.ratios["budget_execution"], rate_carryover=kf.ratios["carryover"],
        rate_three_public_control=kf.ratios["three_public_control"], rate_staff_control=kf.ratios["staff_control"],
    )


def evaluation_values(done: Evaluated) -> dict[str, Any]:
    return {"prior_revision_id": done.prior[0] if done.prior else None, "total": done.total,
            "max_total": done.max_total, "grade": done.grade, "complete": done.complete,
            "missing_count": done.missing_count, "result": done.result,
            "findings": [f.to_dict() for f in done.findings], "evaluated_at": now(), "current": True}


def score_rows(evaluation_id: int, done: Evaluated) -> list[dict[str, Any]]:
    return [{"evaluation_id": evaluation_id, **row} for row in done.scores]


def _not_current_except(session: Session, dy_row_ids: Collection[int], keep: Collection[int]) -> None:
    """Exactly one current evaluation per department-year: its newest revision's."""
    if dy_row_ids:
        session.execute(update(Evaluation).where(
            Evaluation.revision_id.in_(select(Revision.id).where(Revision.department_year_id.in_(dy_row_ids))),
            Evaluation.id.not_in(keep), Evaluation.current).values(current=False))


def evaluate_revision(session: Session, rev: Revision, dy: DepartmentYear, department_id: int, fv_id: int,
                      fw: Framework) -> Evaluated:
    """Re-evaluate a stored revision with last year's figures from the store; store it as the current evaluation."""
    done, _ = evaluated(dy, fw, prior_years(session, [(department_id, dy.profile.year)]).get(
        (department_id, dy.profile.year)))
    values = evaluation_values(done)
    ev_id = session.execute(select(Evaluation.id).where(
        Evaluation.revision_id == rev.id, Evaluation.framework_version_id == fv_id)).scalar_one_or_none()
    if ev_id is None:
        ev_id = session.execute(insert(Evaluation).values(revision_id=rev.id, framework_version_id=fv_id, **values)
                                .returning(Evaluation.id)).scalar_one()
    else:
        session.execute(update(Evaluation).where(Evaluation.id == ev_id).values(**values))
    session.execute(delete(IndicatorScore).where(IndicatorScore.evaluation_id == ev_id))
    session.execute(insert(IndicatorScore), score_rows(ev_id, done))
    _not_current_except(session, [rev.department_year_id], [ev_id])
    refresh_peers(session, [ev_id])
    return done


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
        dy = parse_department(rev.data)
        evaluate_revision(session, rev, dy, department_id, fv.id, assign.framework_from_text(fv.content))
        log(session, actor, "reevaluate", f"{dy.profile.name} {year}",
            reason=f"{year - 1} 年度数据变化，重新计算同比", revision=rev.number)
        refreshed.append(year)


def _insert_missing(session: Session, model: type[Base], rows: list[dict[str, Any]], unique: list[str]) -> None:
    """``INSERT … ON CONFLICT DO NOTHING`` of many rows (in a stable order, so concurrent writers queue, not deadlock)."""
    if not rows:
        return
    table = model.__table__
    assert isinstance(table, Table)
    insert_ = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    rows = sorted(rows, key=lambda r: tuple(r[c] for c in unique))
    session.execute(insert_(table).on_conflict_do_nothing(index_elements=unique), rows)


def _departments(session: Session, items: Sequence[Prepared]) -> dict[str, int]:
    """Department id by key, inserting the new ones; 二级单位 linked to their parents."""
    regions = {name: region_id(session, name) for name in sorted({it.dy.profile.region or "" for it in items})}
    keys = [it.key for it in items]
    found = dict(session.execute(select(Department.key, Department.id).where(Department.key.in_(keys))).all())
    created = now()
    _insert_missing(session, Department, [
        {"key": it.key, "region_id": regions[it.dy.profile.region or ""], "code": it.dy.profile.code,
         "name": it.dy.profile.name, "level": it.dy.profile.level, "created_at": created}
        for it in items if it.key not in found], ["key"])
    if len(found) < len(set(keys)):
        found = dict(session.execute(select(Department.key, Department.id).where(Department.key.in_(keys)))
                     .all())
    units = [{"department_id": found[it.key], "name": name} for it in items for name in it.dy.profile.subordinate_units]
    _insert_missing(session, DepartmentUnit, units, ["department_id", "name"])
    link_units(session, [found[k] for k in keys])
    return found


def link_units(session: Session, department_ids: Collection[int]) -> None:
    """二级单位: a department without a parent gets the department of its region that lists it under 下属单位
    (the one first stored when several do), whichever of the two was imported first.

    Each query is driven by names through an index: a region may hold thousands of departments."""
    if not department_ids:
        return
    names = set(session.execute(select(DepartmentUnit.name).where(
        DepartmentUnit.department_id.in_(department_ids))).scalars())  # units these departments list
    names |= set(session.execute(select(Department.name).where(
        Department.id.in_(department_ids), Department.parent_id.is_(None))).scalars())  # these, if listed
    if not names:
        return
    listers: dict[tuple[str, int], list[int]] = {}
    for lister, name, region in session.execute(
            select(DepartmentUnit.department_id, DepartmentUnit.name, Department.region_id)
            .join(Department, Department.id == DepartmentUnit.department_id).where(DepartmentUnit.name.in_(names))):
        listers.setdefault((name, region), []).append(lister)
    if not listers:
        return
    pairs = []
    for unit, name, region in session.execute(
            select(Department.id, Department.name, Department.region_id)
            .where(Department.name.in_({n for n, _ in listers}), Department.parent_id.is_(None))):
        parents = [d for d in listers.get((name, region), ()) if d != unit]
        if parents:
            pairs.append({"id": unit, "parent_id": min(parents)})
    if pairs:
        session.execute(update(Department), pairs)  # by primary key


def store_chunk(session: Session, items: Sequence[Prepared], user: str, framework: str | None = None,
                strict: bool = False) -> list[ImportOutcome]:
    """The transaction body of importing many department-years (each department at most once): outcomes in order.

    Reads and writes are batched: one query per kind of row, many rows per statement. A department-year whose
    framework cannot be found gets a failed outcome (``strict``: raises); other errors roll the whole chunk back
    (the caller then imports its files one by one, so one bad file does not stop the others).
    """
    assert len({it.key for it in items}) == len(items), "a chunk holds each department at most once"
    outcomes: dict[int, ImportOutcome] = {}
    frameworks: dict[tuple[str | None, int], tuple[int, Framework] | Exception] = {}
    chosen: dict[int, tuple[int, Framework]] = {}
    for i, it in enumerate(items):
        p = it.dy.profile
        key = (None, 0) if framework is not None else (p.region, p.year)
        if key not in frameworks:
            try:
                frameworks[key] = (assign.explicit(session, framework) if framework is not None
                                   else assign.resolve(session, p.region, p.year))
            except Exception as exc:
                if strict or failure_from(exc, it.source.name) is None:
                    raise
                frameworks[key] = exc
        got = frameworks[key]
        if isinstance(got, Exception):
            known = failure_from(got, it.source.name)
            assert known is not None
            outcomes[i] = known
        else:
            chosen[i] = got
    live = [i for i in range(len(items)) if i in chosen]
    if not live:
        return [outcomes[i] for i in range(len(items))]

    dept = _departments(session, [items[i] for i in live])
    dept_of = {i: dept[items[i].key] for i in live}
    _insert_missing(session, DepartmentYearRow, [{"department_id": dept_of[i], "year": items[i].dy.profile.year,
                                                  "latest_revision": 0} for i in live], ["department_id", "year"])
    rows = {(d, y): (rid, n) for rid, d, y, n in session.execute(
        select(DepartmentYearRow.id, DepartmentYearRow.department_id, DepartmentYearRow.year,
               DepartmentYearRow.latest_revision)
        .where(DepartmentYearRow.department_id.in_(set(dept_of.values())),
               DepartmentYearRow.year.in_({items[i].dy.profile.year for i in live}))
        .order_by(DepartmentYearRow.id).with_for_update()  # PostgreSQL locks them; SQLite holds the write lock
    )}
    row_of = {i: rows[(dept_of[i], items[i].dy.profile.year)] for i in live}

    # The newest revision of each stored department-year: the same data again adds nothing.
    newest = {dyid: (rid, n, digest) for rid, dyid, n, digest in session.execute(
        select(Revision.id, Revision.department_year_id, Revision.number, Revision.data_sha256)
        .join(DepartmentYearRow, (DepartmentYearRow.id == Revision.department_year_id)
              & (Revision.number == DepartmentYearRow.latest_revision))
        .where(DepartmentYearRow.id.in_([row_of[i][0] for i in live if row_of[i][1] > 0])))}
    unchanged = [i for i in live if (n := newest.get(row_of[i][0])) is not None and n[2] == items[i].digest]
    adding = [i for i in live if i not in set(unchanged)]
    if unchanged:
        current = {ev.revision_id: ev for ev in session.execute(
            select(Evaluation.revision_id, Evaluation.total, Evaluation.max_total, Evaluation.grade,
                   Evaluation.complete)
            .where(Evaluation.revision_id.in_([newest[row_of[i][0]][0] for i in unchanged]), Evaluation.current))}
        entries = []
        for i in unchanged:
            it, (_vid, fw) = items[i], chosen[i]
            p = it.dy.profile
            rid, number, _ = newest[row_of[i][0]]
            ev = current.get(rid)
            entries.append(log_entry(user, "import-unchanged", f"{p.name} {p.year}", source=it.source.name,
                                     sha256=it.source.sha256, revision=number))
            outcomes[i] = ImportOutcome(it.source.name, ImportStatus.UNCHANGED, p.name, p.region, p.year, number,
                                        fw.id, ev.total if ev else None, ev.max_total if ev else None,
                                        ev.grade if ev else None, bool(ev and ev.complete))
        log_many(session, entries)
    if not adding:
        return [outcomes[i] for i in range(len(items))]

    # New revisions, their “三公” figures, evaluations (last year from the store) and indicator scores.
    number_of = {i: row_of[i][1] + 1 for i in adding}
    rev_ids = list(session.execute(
        insert(Revision).returning(Revision.id, sort_by_parameter_order=True),
        [revision_values(row_of[i][0], number_of[i], items[i], user) for i in adding]).scalars())
    session.execute(update(DepartmentYearRow), [{"id": row_of[i][0], "latest_revision": number_of[i]} for i in adding])
    three = [{"revision_id": rid, "kind": kind, "budget": b, "actual": a}
             for i, rid in zip(adding, rev_ids, strict=True)
             for kind, (b, a) in sorted(items[i].figures.three_public.items())]
    if three:
        session.execute(insert(ThreePublicFigure), three)
    done = dict(zip(adding, _evaluations(session, [(items[i], dept_of[i], chosen[i]) for i in adding]), strict=True))
    ev_ids = list(session.execute(
        insert(Evaluation).returning(Evaluation.id, sort_by_parameter_order=True),
        [{"revision_id": rid, "framework_version_id": chosen[i][0], **evaluation_values(done[i])}
         for i, rid in zip(adding, rev_ids, strict=True)]).scalars())
    session.execute(insert(IndicatorScore), [row for i, ev_id in zip(adding, ev_ids, strict=True)
                                             for row in score_rows(ev_id, done[i])])
    _not_current_except(session, [row_of[i][0] for i in adding if number_of[i] > 1], ev_ids)
    refresh_peers(session, ev_ids)
    entries = []
    for i in adding:
        it, r = items[i], done[i]
        entries.append(log_entry(user, "import", f"{it.dy.profile.name} {it.dy.profile.year}", source=it.source.name,
                                 sha256=it.source.sha256, revision=number_of[i], framework=chosen[i][1].id,
                                 total=str(r.total), grade=r.grade))
    log_many(session, entries)

    # Later years whose year-on-year figures follow the years just stored.
    following = set(session.execute(
        select(DepartmentYearRow.department_id, DepartmentYearRow.year)
        .where(DepartmentYearRow.department_id.in_([dept_of[i] for i in adding]),
               DepartmentYearRow.year.in_({items[i].dy.profile.year + 1 for i in adding}),
               DepartmentYearRow.latest_revision > 0)))
    for i in adding:
        it, r = items[i], done[i]
        p = it.dy.profile
        refreshed = (refresh_following(session, dept_of[i], p.year, user)
                     if (dept_of[i], p.year + 1) in following else [])
        status = ImportStatus.NEW if number_of[i] == 1 else ImportStatus.REVISED
        outcomes[i] = ImportOutcome(it.source.name, status, p.name, p.region, p.year, number_of[i], chosen[i][1].id,
                                    r.total, r.max_total, r.grade, r.complete, tuple(done[i].findings),
                                    tuple(refreshed))
    return [outcomes[i] for i in range(len(items))]


def _evaluations(session: Session, work: Sequence[tuple[Prepared, int, tuple[int, Framework]]]) -> list[Evaluated]:
    """Each department-year's evaluation: its guess when the framework and last year's data it used are still
    what the store holds, else evaluated now."""
    if not work:
        return []
    shas = dict(session.execute(select(FrameworkVersion.id, FrameworkVersion.sha256).where(
        FrameworkVersion.id.in_({vid for _, _, (vid, _) in work}))).all())
    pairs = {(dept, it.dy.profile.year) for it, dept, _ in work}
    held: dict[tuple[int, int], PriorKey] = {}
    for dept, year, rev_id, total, complete, grade in session.execute(
        select(DepartmentYearRow.department_id, DepartmentYearRow.year, Revision.id, Evaluation.total,
               Evaluation.complete, Evaluation.grade)
        .join(Revision, (Revision.department_year_id == DepartmentYearRow.id)
              & (Revision.number == DepartmentYearRow.latest_revision))
        .outerjoin(Evaluation, (Evaluation.revision_id == Revision.id) & Evaluation.current)
        .where(DepartmentYearRow.department_id.in_({d for d, _ in pairs}),
               DepartmentYearRow.year.in_({y - 1 for _, y in pairs}))
    ):
        if (dept, year + 1) in pairs:
            held[(dept, year + 1)] = (rev_id, total if complete else None, grade)
    out: list[Evaluated | None] = []
    for it, dept, (vid, _) in work:
        g = it.guess
        valid = g is not None and g.framework_sha256 == shas[vid] and g.evaluated.prior == held.get(
            (dept, it.dy.profile.year))
        out.append(g.evaluated if valid and g is not None else None)
    priors = prior_years(session, [(dept, it.dy.profile.year) for (it, dept, _), o in zip(work, out, strict=True)
                                   if o is None])
    return [o if o is not None else evaluated(it.dy, fw, priors.get((dept, it.dy.profile.year)))[0]
            for (it, dept, (_, fw)), o in zip(work, out, strict=True)]


def store_department(session: Session, dy: DepartmentYear, source: Source, user: str,
                     framework: str | None = None) -> ImportOutcome:
    """One department-year in the caller's transaction. Raises NoFramework / DecimalOutOfRange / framework errors."""
    from jixiao.store.yoy import key_figures

    kf = key_figures(dy)
    check_figures(kf)
    [outcome] = store_chunk(session, [Prepared(source, dy, kf, data_sha256(dy))], user, framework, strict=True)
    return outcome


_WORKER: tuple[Database, str | None] | None = None


def _start_worker(url: str, framework: str | None) -> None:
    global _WORKER
    _WORKER = (Database.open(url), framework)


def _read_in_worker(path: Path) -> Prepared | ImportOutcome:
    assert _WORKER is not None
    return read_prepared(path, *_WORKER)


def read_waves(paths: Sequence[Path], db: Database, framework: str | None, jobs: int = 1,
               wave: int = WAVE) -> Iterator[list[Prepared | ImportOutcome]]:
    """:func:`read_prepared` of the paths, ``wave`` at a time, in order: with ``jobs`` > 1 in worker processes,
    which read and evaluate the next wave while the caller stores this one."""
    waves = [paths[k:k + wave] for k in range(0, len(paths), wave)]
    if jobs <= 1 or len(paths) < 2 * jobs:
        for part in waves:
            yield [read_prepared(p, db, framework) for p in part]
        return
    import multiprocessing
    from concurrent.futures import Future, ProcessPoolExecutor

    url = db.url.render_as_string(hide_password=False)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(url, framework)) as pool:
        pending: list[list[Future[Prepared | ImportOutcome]]] = []
        for k in range(len(waves) + 1):
            if k < len(waves):
                pending.append([pool.submit(_read_in_worker, p) for p in waves[k]])
            if k >= 1:
                yield [f.result() for f in pending.pop(0)]


def chunks(items: Sequence[Prepared], size: int) -> Iterator[list[Prepared]]:
    """Consecutive runs of at most ``size`` items with each department at most once (order kept)."""
    chunk: list[Prepared] = []
    keys: set[str] = set()
    for it in items:
        if len(chunk) >= size or it.key in keys:
            yield chunk
            chunk, keys = [], set()
        chunk.append(it)
        keys.add(it.key)
    if chunk:
        yield chunk


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
