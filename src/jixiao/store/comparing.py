"""Reading a comparison from the store: what :meth:`jixiao.store.Store.compare` and `jixiao compare` run.

It needs only the database, the tables and :mod:`jixiao.store.compare`: no framework is loaded (each framework
version's `outline` column holds its total, grade order and first-level weights) and nothing of importing or
evaluating, so the command starts quickly. Two queries read the narrow `compare_peer` rows of a year and their
first-level indicator scores; every exact number arrives as the database's text of it (PostgreSQL: ``numeric``
cast to text; SQLite: its INTEGER or REAL) and becomes a Decimal once per distinct value (thousands of scores take
few distinct values), exactly as the typed columns would read it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, Text, cast, literal_column, select
from sqlalchemy.orm import QueryableAttribute

from jixiao.store.compare import RATIOS, Comparison, Outline, Peer, gc_paused, group
from jixiao.store.database import Database
from jixiao.store.tables import ComparePeer, Department, FrameworkVersion, IndicatorScore, Region
from jixiao.store.types import decimal_reader, raw


def _exact(column: QueryableAttribute[Any], dialect: str) -> ColumnElement[Any]:
    """An exact column as the database's own text (PostgreSQL) or stored number (SQLite), without processing."""
    return cast(column, Text) if dialect == "postgresql" else raw(column)


def compare_queries(year: int, region: str | None = None, dialect: str = "sqlite") -> tuple[Select[Any], Select[Any]]:
    """The current evaluations of a year with their key ratios (the narrow `compare_peer` rows), and their first-level
    indicator scores in evaluation order (benchmarks/bench_store.py prints their plans)."""
    where = [ComparePeer.year == year]
    if region is not None:
        where.append(ComparePeer.region_id == select(Region.id).where(Region.name == region).scalar_subquery())
    peers_query = (
        select(ComparePeer.evaluation_id, ComparePeer.framework_version_id, Department.name, Region.name,
               Department.code, _exact(ComparePeer.total, dialect), ComparePeer.grade, ComparePeer.complete,
               ComparePeer.missing_count, *(_exact(c, dialect) for c in (
                   ComparePeer.rate_budget_execution, ComparePeer.rate_carryover,
                   ComparePeer.rate_three_public_control, ComparePeer.rate_staff_control)))
        .join(Department, Department.id == ComparePeer.department_id)
        .join(Region, Region.id == ComparePeer.region_id)
        .where(*where)
    )
    tops_query = (select(IndicatorScore.evaluation_id, IndicatorScore.name, _exact(IndicatorScore.score, dialect))
                  # a literal 1, not a parameter: that is what lets the partial index ix_indicator_score_top serve
                  .where(IndicatorScore.level == literal_column("1"),
                         IndicatorScore.evaluation_id.in_(select(ComparePeer.evaluation_id).where(*where)))
                  .order_by(IndicatorScore.evaluation_id, IndicatorScore.position))
    return peers_query, tops_query


def compare(db: Database, year: int, region: str | None = None) -> Comparison:
    """Rank one year's department-years (current evaluations), per framework version; see compare.py."""
    with gc_paused():
        return _compare(db, year, region)


def _compare(db: Database, year: int, region: str | None) -> Comparison:
    peers_query, tops_query = compare_queries(year, region, db.dialect)
    exact = decimal_reader("sqlite" if db.dialect == "sqlite" else "text")
    with db.read_connection() as conn, conn.begin():
        rows = conn.execute(peers_query).all()
        tops = conn.execute(tops_query).all()
        versions = {vid: (framework_id, name, Outline.parse(outline)) for vid, framework_id, name, outline in
                    conn.execute(select(FrameworkVersion.id, FrameworkVersion.framework_id, FrameworkVersion.name,
                                        FrameworkVersion.outline)
                                 .where(FrameworkVersion.id.in_({r[1] for r in rows})))}
    scores: dict[int, list[tuple[str, Decimal | None]]] = {}
    last, found = None, []
    for eid, name, score in tops:  # ordered by evaluation
        if eid != last:
            last, found = eid, scores.setdefault(eid, [])
        found.append((name, exact(score)))
    by_version: dict[int, list[Peer]] = {}
    zero = Decimal(0)
    keys = [key for key, _ in RATIOS]  # the order of compare_queries' four ratio columns
    make = tuple.__new__  # Peer(...) without the Python-level __new__: ten thousand of them
    for eid, vid, name, region_name, code, total, grade, complete, missing, *rates in rows:
        outline = versions[vid][2]
        w = outline.weights
        total_ = exact(total)
        assert total_ is not None
        peers = by_version.get(vid)
        if peers is None:
            peers = by_version[vid] = []
        peers.append(make(Peer, (
            name, region_name, code, total_, outline.total, grade, bool(complete), missing,
            tuple([(n, w.get(n, zero), sc) for n, sc in scores.get(eid, ())]),
            dict(zip(keys, map(exact, rates), strict=True)))))
    groups = []
    for vid, peers in sorted(by_version.items(), key=lambda kv: (-len(kv[1]), versions[kv[0]][0])):
        framework_id, framework_name, outline = versions[vid]
        groups.append(group(framework_id, framework_name, outline.grades, peers))
    return Comparison(year, region, tuple(groups))
