"""Reading a comparison from the store: what :meth:`jixiao.store.Store.compare` and `jixiao compare` run.

It needs only SQLAlchemy's Core, the database and :mod:`jixiao.store.compare`: not the ORM tables, no framework
(each framework version's `outline` column holds its total, grade order and first-level weights) and nothing of
importing or evaluating, so the command starts quickly. Two queries read the narrow `compare_peer` rows of a year and their
first-level indicator scores; every exact number arrives as the database's text of it (PostgreSQL: ``numeric``
cast to text; SQLite: its INTEGER or REAL) and becomes a Decimal once per distinct value (thousands of scores take
few distinct values), exactly as the typed columns would read it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnClause, ColumnElement, Select, Text, cast, column, literal_column, select, table

from jixiao.store.compare import RATIOS, Comparison, Outline, Peer, gc_paused, group
from jixiao.store.database import Database
from jixiao.store.types import decimal_reader, raw

# The columns compare reads, as light table clauses: the ORM classes of jixiao.store.tables (and the ORM) need not
# load. tests/store/test_compare_peers.py reads the same through the ORM classes and compares every figure.
RATE_COLUMNS = ("rate_budget_execution", "rate_carryover", "rate_three_public_control", "rate_staff_control")
PEER = table("compare_peer", *map(column, ("evaluation_id", "year", "region_id", "framework_version_id",
                                           "department_id", "total", "grade", "complete", "missing_count",
                                           *RATE_COLUMNS)))
DEPARTMENT = table("department", column("id"), column("name"), column("code"))
REGION = table("region", column("id"), column("name"))
SCORE = table("indicator_score", column("evaluation_id"), column("name"), column("score"), column("level"),
              column("position"))
VERSION = table("framework_version", column("id"), column("framework_id"), column("name"), column("outline"))


def _exact(col: ColumnClause[Any], dialect: str) -> ColumnElement[Any]:
    """An exact column as the database's own text (PostgreSQL) or stored number (SQLite), without processing."""
    return cast(col, Text) if dialect == "postgresql" else raw(col)


def compare_queries(year: int, region: str | None = None, dialect: str = "sqlite") -> tuple[Select[Any], Select[Any]]:
    """The current evaluations of a year with their key ratios (the narrow `compare_peer` rows), and their first-level
    indicator scores in evaluation order (benchmarks/bench_store.py prints their plans)."""
    p = PEER.c
    where = [p.year == year]
    if region is not None:
        where.append(p.region_id == select(REGION.c.id).where(REGION.c.name == region).scalar_subquery())
    peers_query = (
        select(p.evaluation_id, p.framework_version_id, DEPARTMENT.c.name, REGION.c.name, DEPARTMENT.c.code,
               _exact(p.total, dialect), p.grade, p.complete, p.missing_count,
               *(_exact(p[name], dialect) for name in RATE_COLUMNS))
        .join_from(PEER, DEPARTMENT, DEPARTMENT.c.id == p.department_id)
        .join(REGION, REGION.c.id == p.region_id)
        .where(*where)
    )
    tops_query = (select(SCORE.c.evaluation_id, SCORE.c.name, _exact(SCORE.c.score, dialect))
                  # a literal 1, not a parameter: that is what lets the partial index ix_indicator_score_top serve
                  .where(SCORE.c.level == literal_column("1"),
                         SCORE.c.evaluation_id.in_(select(p.evaluation_id).where(*where)))
                  .order_by(SCORE.c.evaluation_id, SCORE.c.position))
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
        v = VERSION.c
        versions = {vid: (framework_id, name, Outline.parse(outline)) for vid, framework_id, name, outline in
                    conn.execute(select(v.id, v.framework_id, v.name, v.outline)
                                 .where(v.id.in_(sorted({r[1] for r in rows}))))}
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
