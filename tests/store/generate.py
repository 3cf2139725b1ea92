"""Varied, realistic department-years for store tests and benchmarks, generated from the five examples.

Each variant keeps an example's structure (so its bundled framework scores it)
and changes the department's identity and the figures that drive the scores:
execution of the budget, “三公” spending, carry-over and staffing. Amounts stay
exact decimals with two places (万元).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from random import Random
from typing import Any

from jixiao.model import DepartmentYear
from jixiao.model.load import load_department
from jixiao.model.records import dump, replace
from jixiao.store import jsontext

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NAMES = ("wanzhou-2020", "guangzhou-2021", "shaoguan-2022", "zhanjiang-2023", "nanchang-2017")
CENT = Decimal("0.01")


def example(name: str) -> DepartmentYear:
    dy, findings = load_department(EXAMPLES / f"{name}.yaml")
    assert dy is not None, findings
    return dy


def _scale(value: Decimal | None, factor: Decimal) -> Decimal | None:
    return None if value is None else (value * factor).quantize(CENT, rounding=ROUND_HALF_UP)


def variant(base: DepartmentYear, i: int, rng: Random, year: int | None = None) -> DepartmentYear:
    """Department number ``i`` modelled on ``base``."""
    f = Decimal(rng.randint(80, 102)) / 100  # share of the budget spent
    t = Decimal(rng.randint(60, 110)) / 100  # “三公” spending against last year's level
    c = Decimal(rng.randint(20, 300)) / 100  # carry-over
    e = base.expenditure
    expenditure = replace(e, **{
        "total": _scale(e.total, f), "basic": _scale(e.basic, f), "personnel": _scale(e.personnel, f),
        "public": _scale(e.public, f), "project": _scale(e.project, f),
        "projects": [replace(p, **{"actual": _scale(p.actual, f)}) for p in e.projects],
    })
    tp = base.three_public
    items = [replace(it, **{"actual": _scale(it.actual, t)}) for it in tp.items]
    three_public = replace(tp, **{"items": items, "actual_total": _scale(tp.actual_total, t)})
    s = base.staffing
    staffing = replace(s, **{"actual": None if s.authorized is None else max(0, s.authorized - rng.randint(-2, 4))})
    profile = replace(base.profile, **{
        "name": f"{base.profile.name}（样本{i:05d}）", "code": f"S{i:06d}",
        "year": base.profile.year if year is None else year,
    })
    return replace(base, **{
        "profile": profile, "expenditure": expenditure, "three_public": three_public, "staffing": staffing,
        "carryover": replace(base.carryover, **{"amount": _scale(base.carryover.amount, c)}),
    })


def generate(n: int, seed: int = 2024, names: tuple[str, ...] = NAMES) -> Iterator[DepartmentYear]:
    """``n`` department-years cycling over the examples (each in its framework's region and year)."""
    rng = Random(seed)
    bases = [example(name) for name in names]
    for i in range(n):
        yield variant(bases[i % len(bases)], i, rng)


def as_json(dy: DepartmentYear) -> str:
    """The department-year as a JSON data file (exact numbers)."""
    data: dict[str, Any] = dump(dy, exclude_defaults=True)
    return jsontext.dumps(data)


def as_data(dy: DepartmentYear) -> dict[str, Any]:
    """Plain data to edit in a test, then write with :func:`write_data`."""
    data: dict[str, Any] = jsontext.loads(as_json(dy))
    return data


def write_data(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(jsontext.dumps(data), encoding="utf-8")
    return path


def write_files(folder: Path, department_years: Iterator[DepartmentYear] | list[DepartmentYear]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for dy in department_years:
        path = folder / f"{dy.profile.code or dy.profile.name}-{dy.profile.year}.json"
        path.write_text(as_json(dy), encoding="utf-8")
        paths.append(path)
    return paths
