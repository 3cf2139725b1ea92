"""summary.xlsx's memory: the peak (tracemalloc) of writing the batch summary for N rows, streamed
(:func:`jixiao.batch.summary.summary_workbook`) and as main built it whole before session 8 (the reference of
``tests/batch/test_summary_streamed.py``). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_summary.py [--rows 250,1000,4000]

Rows are the outcomes of distinct generated departments (``evaluate_input``, scores only); xlsxprint's text
caches are cleared before each measure, and what they hold when it ends is printed beside the peak.
"""

from __future__ import annotations

import argparse
import gc
import sys
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.batch.test_summary_streamed import whole_in_memory  # noqa: E402
from tests.store.generate import as_json, generate  # noqa: E402

import jixiao.xlsxprint as xp  # noqa: E402
from jixiao.batch.evaluation import EvaluateOptions, evaluate_input  # noqa: E402
from jixiao.batch.runner import Input  # noqa: E402
from jixiao.batch.summary import Row, summary_workbook  # noqa: E402


def rows_of(count: int) -> list[Row]:
    return [Row(evaluate_input(Input(f"/in/{dy.profile.code}-{dy.profile.year}.json", as_json(dy).encode()),
                               EvaluateOptions()), f"{dy.profile.code}-{dy.profile.year}")
            for dy in generate(count, seed=3)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default="250,1000,4000", help="row counts (comma-separated)")
    args = parser.parse_args()
    ways = {"whole (main 9902dfe)": whole_in_memory, "streamed": lambda rows: summary_workbook(rows, date.today())}
    for count in (int(n) for n in args.rows.split(",")):
        rows = rows_of(count)
        for name, write in ways.items():
            write(rows[:5])  # imports and first-use costs outside the measure
            for cache in (xp.line_count, xp._pieces, xp._token_units):
                cache.cache_clear()
            gc.collect()
            tracemalloc.start()
            data = write(rows)
            kept, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            print(f"{count:6d} rows  {name:22s} peak {peak / 2**20:6.1f} MiB  held after {kept / 2**20:5.1f} MiB "
                  f"(text caches: {xp._pieces.cache_info().currsize} lines, {xp.line_count.cache_info().currsize} "
                  f"counts)  {len(data) / 1024:.0f} KB written", flush=True)


if __name__ == "__main__":
    main()
