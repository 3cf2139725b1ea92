"""The audit .xlsx export's memory: the peak (tracemalloc) of writing 审核.xlsx for N reports, streamed
(:func:`jixiao.audit.export.write`) and as main built it whole before session 9 (the reference of
``tests/audit/test_export_streamed.py``). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_export.py [--reports 250,1000,4000]

Reports are the corpus documents and the modelled reports audited once (55 reports, 64 findings), repeated
under other names (the outputs' memory grows with the rows; the findings' texts repeat, as they do when
``jixiao audit`` reads many copies); xlsxprint's text caches are cleared before each measure.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.audit.test_export_streamed import DOCUMENTS, whole_in_memory  # noqa: E402

import jixiao.xlsxprint as xp  # noqa: E402
from jixiao.audit import audit_path  # noqa: E402
from jixiao.audit.api import AuditReport  # noqa: E402
from jixiao.audit.export import write  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default="250,1000,4000", help="report counts (comma-separated)")
    args = parser.parse_args()
    audited = [audit_path(p) for p in DOCUMENTS]
    ways = {"whole (main 2d8f43d)": whole_in_memory, "streamed": write}
    with tempfile.TemporaryDirectory() as tmp:
        for count in (int(n) for n in args.reports.split(",")):
            reports: list[AuditReport] = [dataclasses.replace(audited[i % len(audited)], path=f"报告/{i:05d}.txt")
                                          for i in range(count)]
            findings = sum(len(r.findings) + (r.error is not None) for r in reports)
            for name, export in ways.items():
                export(reports[:5], Path(tmp) / "warm.xlsx")  # imports and first-use costs outside the measure
                (Path(tmp) / "warm.xlsx").unlink()
                for cache in (xp.line_count, xp._pieces, xp._token_units):
                    cache.cache_clear()
                gc.collect()
                target = Path(tmp) / "审核.xlsx"
                tracemalloc.start()
                export(reports, target)
                kept, peak = tracemalloc.get_traced_memory()
                tracemalloc.stop()
                print(f"{count:6d} reports ({findings:5d} findings)  {name:22s} peak {peak / 2**20:6.1f} MiB  "
                      f"held after {kept / 2**20:5.1f} MiB  {target.stat().st_size / 1024:.0f} KB written", flush=True)
                target.unlink()


if __name__ == "__main__":
    main()
