"""`compare` reads the narrow `compare_peer` rows (migration 0007). Over a varied store of a few hundred
department-years, in both databases, it must give exactly what the pre-0007 reading gave: the current
evaluations joined to their revisions, every exact column through its typed processing. Exercised: five
frameworks and regions, ties, incomplete evaluations (a framework assigned to data it does not fit), new
revisions, a previous year imported after its successor (re-evaluation), a reassigned framework, the region
filter; and 0007's backfill of a store that already holds all of that.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from random import Random
from typing import Any

import pytest
from alembic import command
from sqlalchemy import inspect, select

from jixiao.model.records import replace
from jixiao.store import Database, Store
from jixiao.store import assign as assign_module
from jixiao.store.compare import Comparison, Peer, group
from jixiao.store.migrate import alembic_config, current, head, upgrade
from jixiao.store.tables import (
    Department,
    DepartmentYearRow,
    Evaluation,
    FrameworkVersion,
    IndicatorScore,
    Region,
    Revision,
)
from tests.store.generate import NAMES, example, generate, variant, write_files


def reference(store: Store, year: int, region: str | None = None) -> Comparison:
    """compare as it read the store before migration 0007 (ORM columns, typed: an independent read path)."""
    with store.db.reading() as s:
        query = (
            select(Evaluation.id, Evaluation.framework_version_id, Department.name, Region.name, Department.code,
                   Evaluation.total, Evaluation.grade, Evaluation.complete, Evaluation.missing_count,
                   Revision.rate_budget_execution, Revision.rate_carryover, Revision.rate_three_public_control,
                   Revision.rate_staff_control)
            .join(Revision, Revision.id == Evaluation.revision_id)
            .join(DepartmentYearRow, DepartmentYearRow.id == Revision.department_year_id)
            .join(Department, Department.id == DepartmentYearRow.department_id)
            .join(Region, Region.id == Department.region_id)
            .where(Evaluation.current, DepartmentYearRow.year == year)
        )
        if region is not None:
            query = query.where(Region.name == region)
        rows = s.execute(query).all()
        scores: dict[int, list[tuple[str, Decimal | None]]] = {}
        for eid, name, score in s.execute(
                select(IndicatorScore.evaluation_id, IndicatorScore.name, IndicatorScore.score)
                .where(IndicatorScore.level == 1, IndicatorScore.evaluation_id.in_([r[0] for r in rows]))
                .order_by(IndicatorScore.evaluation_id, IndicatorScore.position)):
            scores.setdefault(eid, []).append((name, score))
        versions = {v.id: (v.framework_id, v.name, v.content) for v in s.scalars(select(FrameworkVersion))}
    frameworks = {vid: assign_module.framework_from_text(text) for vid, (_, _, text) in versions.items()}
    by_version: dict[int, list[Peer]] = {}
    for eid, vid, name, region_name, code, total, grade, complete, missing, *rates in rows:
        fw = frameworks[vid]
        weights = {t.name: t.weight for t in fw.indicators}
        by_version.setdefault(vid, []).append(Peer(
            name, region_name, code, total, fw.total, grade, complete, missing,
            tuple((n, weights.get(n, Decimal(0)), sc) for n, sc in scores.get(eid, ())),
            dict(zip(("budget_execution", "carryover", "three_public_control", "staff_control"), rates, strict=True))))
    groups = [group(versions[vid][0], versions[vid][1], [b.grade for b in frameworks[vid].grades], peers)
              for vid, peers in sorted(by_version.items(), key=lambda kv: (-len(kv[1]), versions[kv[0]][0]))]
    return Comparison(year, region, tuple(groups))


def exact(c: Comparison) -> Any:
    """Everything a comparison says, with every decimal as its exact text (so 94 and 94.000 differ)."""
    def d(v: Decimal | None) -> str | None:
        return None if v is None else str(v)

    def peer(p: Peer) -> tuple[Any, ...]:
        return (p.department, p.region, p.code, d(p.total), d(p.max_total), p.grade, p.complete, p.missing_count,
                tuple((n, d(w), d(sc)) for n, w, sc in p.tops), tuple(sorted((k, d(v)) for k, v in p.ratios.items())))

    return (c.year, c.region, [(
        g.framework_id, g.framework_name, g.grade_order, [peer(p) for p in g.peers],
        [(r.rank, r.peer.department, d(r.value)) for r in g.ranking], [p.department for p in g.incomplete],
        [(name, [(r.rank, r.peer.department, d(r.value)) for r in ranked]) for name, ranked in g.by_indicator],
        g.grades, [(o.department, o.measure, d(o.value), d(o.median), d(o.z)) for o in g.outliers],
    ) for g in c.groups])


def _varied_store(store: Store, tmp_path: Path) -> None:
    rng = Random(13)
    # 250 department-years over the five examples (five regions, frameworks and years).
    store.import_paths(write_files(tmp_path / "a", generate(250, seed=7, names=NAMES)), user="甲")
    # 30 more 2020 departments evaluated under another region's framework: incomplete evaluations in a second group.
    base = example("wanzhou-2020")
    store.import_paths(write_files(tmp_path / "b", [variant(base, 1000 + i, rng) for i in range(30)]),
                       user="乙", framework="guangzhou-2021")
    # Three 2020 departments that carried over 40 times as much: outliers of 结转结余率.
    odd = [variant(base, 2000 + i, rng) for i in range(3)]
    store.import_paths(write_files(tmp_path / "e", [replace(dy, **{"carryover": replace(dy.carryover, **
        {"amount": (dy.carryover.amount or Decimal(1)) * 40})}) for dy in odd]), user="戊")
    # New revisions of 20 departments (the compare row follows the newest revision's evaluation).
    store.import_paths(write_files(tmp_path / "c", [variant(base, i, rng) for i in range(0, 100, 5)]), user="丙")
    # Last year of 15 departments imported after their 2020: 2020 is re-evaluated with the stored 2019.
    store.import_paths(write_files(tmp_path / "d", [variant(base, i, rng, year=2019) for i in range(0, 75, 5)]),
                       user="丁")


@pytest.mark.parametrize("region", [None, "重庆市万州区"])
def test_compare_reads_peers_exactly_as_before(store: Store, tmp_path: Path, region: str | None) -> None:
    _varied_store(store, tmp_path)
    years = (2017, 2019, 2020, 2021, 2022, 2023)
    before = {y: exact(reference(store, y, region)) for y in years}
    assert {y: exact(store.compare(y, region)) for y in years} == before
    c2020 = store.compare(2020, region)
    if region is None:
        assert [len(g.peers) for g in c2020.groups] == [53, 30]  # 53 variants of 2020, 30 under another framework
        assert len(c2020.groups[1].incomplete) == 30
        assert {(o.department[-6:-1], o.measure) for o in c2020.groups[0].outliers} >= {
            (f"{2000 + i:05d}", "结转结余率") for i in range(3)}
    assert len({r.rank for r in c2020.groups[0].ranking}) < len(c2020.groups[0].ranking)  # ties share places

    # A reassigned framework re-evaluates a year: the compare rows follow.
    store.assign_framework("广东省湛江市", 2023, "guangzhou-2021", user="科长")
    assert exact(store.compare(2023, region)) == exact(reference(store, 2023, region))

    # 0007 and 0008 on a store that already holds all this (downgrade drops the table and the outline column;
    # upgrade fills them from the evaluations and the framework texts).
    after_assign = {y: exact(reference(store, y, region)) for y in years}
    db = Database.open(store.db.url.render_as_string(hide_password=False))
    try:
        cfg = alembic_config(db)
        with db.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0006")
        assert current(db) == "0006"
        with db.engine.connect() as conn:  # 0008's downgrade dropped the outline column
            assert "outline" not in {c["name"] for c in inspect(conn).get_columns("framework_version")}
        assert upgrade(db) == ("0006", head())
    finally:
        db.dispose()
    assert {y: exact(store.compare(y, region)) for y in years} == after_assign
