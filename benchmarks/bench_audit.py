"""Audit speed: ms per ~30 KB text report, and throughput of a 1,000-report batch on 2 processes.

Run: .venv/bin/python benchmarks/bench_audit.py [--batch 1000] [--jobs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from jixiao.audit import audit_path
from jixiao.audit.batch import run_batch

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "audit" / "data" / "modelled"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()
    seed = SEEDS / "seed_004.txt"  # the largest seed, ~30 KB
    size_kb = seed.stat().st_size / 1024
    audit_path(seed)  # warm imports
    times = []
    for _ in range(30):
        t = time.perf_counter()
        audit_path(seed)
        times.append((time.perf_counter() - t) * 1000)
    print(f"single report: {size_kb:.1f} KB, median {statistics.median(times):.1f} ms, "
          f"min {min(times):.1f} ms, max {max(times):.1f} ms (30 runs)")
    seeds = sorted(SEEDS.glob("seed_*.txt"))
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        files = []
        for i in range(args.batch):
            f = tmp / f"report_{i:04d}.txt"
            shutil.copyfile(seeds[i % len(seeds)], f)
            files.append(f)
        total_kb = sum(f.stat().st_size for f in files) / 1024
        for jobs in (1, args.jobs):
            t = time.perf_counter()
            reports = list(run_batch(files, jobs=jobs))
            dt = time.perf_counter() - t
            findings = sum(len(r.findings) for r in reports)
            print(f"batch: {len(files)} reports ({total_kb / 1024:.1f} MB), {jobs} process(es): {dt:.2f} s, "
                  f"{len(files) / dt:.0f} reports/s, {findings} findings")
        print(f"cores available: {os.cpu_count()}")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
