"""The `compare_peer` rows: each department-year's current evaluation with the figures `compare` reads.

One derivation: every writer of a current evaluation calls :func:`refresh_peers` with the evaluations it just
made current, and the row is copied from the evaluation and its revision in one ``INSERT … SELECT … ON
CONFLICT DO UPDATE`` (a department-year has exactly one current evaluation, so one row, replaced in place).
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from jixiao.store.tables import ComparePeer, Department, DepartmentYearRow, Evaluation, Revision

COPIED = (
    (ComparePeer.evaluation_id, Evaluation.id),
    (ComparePeer.year, DepartmentYearRow.year),
    (ComparePeer.region_id, Department.region_id),
    (ComparePeer.framework_version_id, Evaluation.framework_version_id),
    (ComparePeer.department_id, Department.id),
    (ComparePeer.total, Evaluation.total),
    (ComparePeer.grade, Evaluation.grade),
    (ComparePeer.complete, Evaluation.complete),
    (ComparePeer.missing_count, Evaluation.missing_count),
    (ComparePeer.rate_budget_execution, Revision.rate_budget_execution),
    (ComparePeer.rate_carryover, Revision.rate_carryover),
    (ComparePeer.rate_three_public_control, Revision.rate_three_public_control),
    (ComparePeer.rate_staff_control, Revision.rate_staff_control),
)


def refresh_peers(session: Session, evaluation_ids: Collection[int]) -> None:
    """Make these (current) evaluations their department-years' compare rows."""
    if not evaluation_ids:
        return
    source = (
        select(DepartmentYearRow.id, *(column for _, column in COPIED))
        .join(Revision, Revision.id == Evaluation.revision_id)
        .join(DepartmentYearRow, DepartmentYearRow.id == Revision.department_year_id)
        .join(Department, Department.id == DepartmentYearRow.department_id)
        .where(Evaluation.id.in_(sorted(evaluation_ids)))  # a WHERE clause: SQLite needs one before ON CONFLICT
        .order_by(DepartmentYearRow.id)  # a stable order, so concurrent writers queue, not deadlock
    )
    names = [ComparePeer.department_year_id.key, *(target.key for target, _ in COPIED)]
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    stmt = insert(ComparePeer).from_select(names, source)
    session.execute(stmt.on_conflict_do_update(
        index_elements=[ComparePeer.department_year_id],
        set_={target.key: stmt.excluded[target.key] for target, _ in COPIED},
    ))
