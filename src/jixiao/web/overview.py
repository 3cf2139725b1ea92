"""What reviewers see: the year's dashboard, one department over the years, and comparisons.

All queries read the store's current evaluations (one per department-year: its
newest revision's), limited to the reviewer's region.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, select, true
from sqlalchemy.orm import Session

from jixiao.store.tables import Department, DepartmentYearRow, Evaluation, IndicatorScore, Region, Revision
from jixiao.web.accounts import Principal

GRADES = ("优", "良", "中", "差")


def _in_scope(user: Principal) -> ColumnElement[bool]:
    """The reviewer's region, or every department."""
    if user.is_reviewer and user.region_id is not None:
        return Department.region_id == user.region_id
    return true()


def years(session: Session, user: Principal) -> list[int]:
    q = select(DepartmentYearRow.year).join(Department).where(_in_scope(user)).distinct()
    return sorted(session.scalars(q), reverse=True)


@dataclass(frozen=True)
class DashboardRow:
    department_id: int
    department: str
    code: str | None
    region: str
    parent: str | None
    year: int | None
    submitted: bool
    revision_id: int | None
    revisions: int
    total: Decimal | None
    max_total: Decimal | None
    grade: str | None
    complete: bool
    rank: int | None = None


def _current(year: int | None) -> Select[Department, str, DepartmentYearRow, Revision, Evaluation]:
    q = (select(Department, Region.name, DepartmentYearRow, Revision, Evaluation)
         .join(Region, Region.id == Department.region_id)
         .join(DepartmentYearRow, DepartmentYearRow.department_id == Department.id)
         .join(Revision, and_(Revision.department_year_id == DepartmentYearRow.id,
                              Revision.number == DepartmentYearRow.latest_revision))
         .outerjoin(Evaluation, and_(Evaluation.revision_id == Revision.id, Evaluation.current)))
    return q.where(DepartmentYearRow.year == year) if year is not None else q


def dashboard(session: Session, user: Principal, year: int | None) -> list[DashboardRow]:
    """Every department in scope for ``year`` (submitted or not), ranked by total within each year;
    ``year=None`` lists every department-year."""
    parents = {i: n for i, n in session.execute(select(Department.id, Department.name))}
    rows: list[DashboardRow] = []
    seen: set[int] = set()
    for dept, region, dyr, rev, ev in session.execute(_current(year).where(_in_scope(user))):
        seen.add(dept.id)
        rows.append(DashboardRow(
            dept.id, dept.name, dept.code, region, parents.get(dept.parent_id) if dept.parent_id else None, dyr.year,
            True, rev.id, dyr.latest_revision, ev.total if ev else None, ev.max_total if ev else None,
            ev.grade if ev else None, bool(ev and ev.complete)))
    if year is not None:
        for dept, region in session.execute(select(Department, Region.name).join(Region).where(_in_scope(user))):
            if dept.id not in seen:
                rows.append(DashboardRow(dept.id, dept.name, dept.code, region,
                                         parents.get(dept.parent_id) if dept.parent_id else None, year, False, None,
                                         0, None, None, None, False))
    return _ranked(rows)


def _ranked(rows: list[DashboardRow]) -> list[DashboardRow]:
    """Competition ranking (1, 2, 2, 4) by total within each year, complete evaluations only."""
    from dataclasses import replace

    by_year: dict[int | None, list[DashboardRow]] = {}
    for r in rows:
        if r.submitted and r.complete and r.total is not None:
            by_year.setdefault(r.year, []).append(r)
    ranks: dict[tuple[int, int | None], int] = {}
    for y, group in by_year.items():
        for r in group:
            ranks[(r.department_id, y)] = 1 + sum(1 for s in group if (s.total or 0) > (r.total or 0))
    return [replace(r, rank=ranks.get((r.department_id, r.year))) for r in rows]


SORTS = {
    "rank": ("按排名", lambda r: (r.rank is None, r.rank or 0, r.department)),
    "total": ("按总分（高到低）", lambda r: (r.total is None, -(r.total or 0), r.department)),
    "name": ("按部门名称", lambda r: (r.department, r.year or 0)),
    "year": ("按年度", lambda r: (-(r.year or 0), r.rank or 10**9, r.department)),
}


def filtered(rows: list[DashboardRow], q: str, grade: str, status: str, sort: str) -> list[DashboardRow]:
    out = rows
    if q:
        out = [r for r in out if q in r.department or (r.code and q in r.code)]
    if grade in GRADES:
        out = [r for r in out if r.grade == grade]
    elif grade == "none":
        out = [r for r in out if r.submitted and r.grade is None]
    if status == "submitted":
        out = [r for r in out if r.submitted]
    elif status == "missing":
        out = [r for r in out if not r.submitted]
    key = SORTS.get(sort, SORTS["rank"])[1]
    return sorted(out, key=key)


def grade_counts(rows: list[DashboardRow]) -> dict[str, int]:
    c = Counter(r.grade or "未定级" for r in rows if r.submitted)
    return {g: c.get(g, 0) for g in (*GRADES, "未定级")}


# ---------------------------------------------------------------- one department

KEY_FIGURES = (
    ("budget_final", "全年预算数"),
    ("expenditure_total", "支出合计"),
    ("expenditure_basic", "基本支出"),
    ("expenditure_project", "项目支出"),
    ("three_public_actual", "“三公”经费支出"),
    ("carryover", "年末结转结余"),
    ("staff_actual", "在职人数"),
)


@dataclass(frozen=True)
class YearRow:
    year: int
    revision_id: int
    revisions: int
    total: Decimal | None
    max_total: Decimal | None
    grade: str | None
    complete: bool
    first_level: dict[str, Decimal | None]
    figures: dict[str, Any]


def department(session: Session, user: Principal, department_id: int) -> tuple[Department, list[YearRow]] | None:
    dept = session.get(Department, department_id)
    if dept is None or (user.is_reviewer and user.region_id is not None and dept.region_id != user.region_id):
        return None
    out: list[YearRow] = []
    for _, _, dyr, rev, ev in session.execute(_current(None).where(Department.id == department_id)
                                              .order_by(DepartmentYearRow.year)):
        first: dict[str, Decimal | None] = {}
        if ev is not None:
            for s in session.scalars(select(IndicatorScore).where(IndicatorScore.evaluation_id == ev.id,
                                                                  IndicatorScore.level == 1)
                                     .order_by(IndicatorScore.position)):
                first[s.name] = s.score
        out.append(YearRow(dyr.year, rev.id, dyr.latest_revision, ev.total if ev else None,
                           ev.max_total if ev else None, ev.grade if ev else None, bool(ev and ev.complete), first,
                           {k: getattr(rev, k) for k, _ in KEY_FIGURES}))
    return dept, out


@dataclass(frozen=True)
class Change:
    label: str
    before: Any
    after: Any
    diff: Any
    rate: Decimal | None  # percent


def year_on_year(rows: list[YearRow]) -> list[tuple[int, int, list[Change]]]:
    """Key figures of each year against the year before it (consecutive years only)."""
    out = []
    for prev, cur in itertools.pairwise(rows):
        if cur.year != prev.year + 1:
            continue
        changes = []
        for key, label in KEY_FIGURES:
            a, b = prev.figures.get(key), cur.figures.get(key)
            diff = b - a if a is not None and b is not None else None
            rate = (Decimal(diff) / Decimal(a) * 100) if diff is not None and a else None
            changes.append(Change(label, a, b, diff, rate))
        a, b = prev.total, cur.total
        diff = b - a if a is not None and b is not None else None
        changes.append(Change("自评总分", a, b, diff, None))
        out.append((prev.year, cur.year, changes))
    return out


# ---------------------------------------------------------------- compare


def first_level_means(session: Session, user: Principal, year: int) -> list[tuple[str, Decimal, Decimal, int]]:
    """(first-level indicator, mean score, mean weight, departments) over the year's current evaluations."""
    q = (select(IndicatorScore.name, IndicatorScore.score, IndicatorScore.weight)
                .join(Evaluation, Evaluation.id == IndicatorScore.evaluation_id)
                .join(Revision, Revision.id == Evaluation.revision_id)
                .join(DepartmentYearRow, DepartmentYearRow.id == Revision.department_year_id)
                .join(Department, Department.id == DepartmentYearRow.department_id)
                .where(Evaluation.current, IndicatorScore.level == 1, DepartmentYearRow.year == year, _in_scope(user)))
    sums: dict[str, list[Decimal]] = {}
    order: list[str] = []
    for name, score, weight in session.execute(q):
        if score is None:
            continue
        if name not in sums:
            sums[name] = [Decimal(0), Decimal(0), Decimal(0)]
            order.append(name)
        s = sums[name]
        s[0] += score
        s[1] += weight
        s[2] += 1
    return [(n, sums[n][0] / sums[n][2], sums[n][1] / sums[n][2], int(sums[n][2])) for n in order]
