"""Time to evaluate department-years under the Wanzhou (Chongqing district 2020) framework.

Target: at most 2 ms per department-year on one core. Prints figures; asserts nothing.
Run: .venv/bin/python benchmarks/bench_evaluate.py [N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from decimal import Decimal
from pathlib import Path

from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework
from jixiao.model import DepartmentYear
from jixiao.model.load import load_department, parse_department
from jixiao.model.records import dump

ROOT = Path(__file__).resolve().parent.parent


def variants(base: DepartmentYear, n: int) -> list[DepartmentYear]:
    """n distinct department-years: the example with varied staffing, spending and completion."""
    data = dump(base)
    out = []
    for i in range(n):
        d = dict(data)
        d["staffing"] = {"authorized": 7, "actual": 5 + i % 5}
        d["expenditure"] = {**data["expenditure"], "total": Decimal("200") + Decimal(i % 50)}
        tasks = [dict(t) for t in data["key_tasks"]]
        tasks[4]["completion"] = Decimal(i % 101)
        d["key_tasks"] = tasks
        out.append(parse_department(d))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=10_000, help="department-years in the batch (default 10000)")
    n: int = ap.parse_args().n
    if n < 1:
        ap.error("数量应至少为 1")
    dy, _ = load_department(ROOT / "examples" / "wanzhou-2020.yaml")
    assert dy is not None
    fw = get_framework("chongqing-district-2020")
    evaluate(dy, fw)  # warm caches

    singles = []
    for _ in range(200):
        t0 = time.perf_counter()
        evaluate(dy, fw)
        singles.append(time.perf_counter() - t0)
    print(f"one department-year: median {statistics.median(singles) * 1000:.3f} ms, "
          f"p95 {sorted(singles)[int(len(singles) * 0.95)] * 1000:.3f} ms (200 runs)")

    batch = variants(dy, n)
    t0 = time.perf_counter()
    totals = [evaluate(d, fw).total for d in batch]
    elapsed = time.perf_counter() - t0
    print(f"{n} department-years: {elapsed:.2f} s, {elapsed / n * 1000:.3f} ms each on one core "
          f"(target ≤ 2 ms); totals range {min(totals)}–{max(totals)}")


if __name__ == "__main__":
    main()
