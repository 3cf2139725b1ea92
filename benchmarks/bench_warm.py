"""Warm throughput of the batch path without report files: read + evaluate per department-year, one core.

    .venv/bin/python benchmarks/bench_warm.py [--count 300] [--rounds 3] [--against REV]

Each measurement runs in a fresh process that loads the libraries, warms up on 50 inputs, then times
(best of 7 passes, CPU time of the process) reading generated JSON department files from bytes (the
intake reader with its limits), ``evaluate()`` alone on department-years already read, and both as a
batch worker does them (``jixiao.batch.evaluation.evaluate_input``). Results are dropped as a batch
worker drops them (it keeps only the summary), so the figures do not include the collector scanning
thousands of retained results.

``--against REV`` measures the source tree of another commit in the same run (exported with
``git archive``), alternating the two ``--rounds`` times so that machine load hits both alike, and
prints the ratio old/new of each round. Prints figures; asserts nothing (not a timed test).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench_scale import reference_seconds  # the same fixed workload

ROOT = Path(__file__).resolve().parent.parent

_MEASURE = r"""
import sys, time
root, count = sys.argv[1], int(sys.argv[2])
sys.path[:0] = [root + "/src", %(tests)r]
import jixiao
assert jixiao.__file__.startswith(root), jixiao.__file__
from tests.store.generate import as_json, generate
from jixiao.batch.evaluation import EvaluateOptions, evaluate_input, _read
from jixiao.batch.runner import Input
from jixiao.engine.evaluate import evaluate
from jixiao.frameworks import get_framework

items = [Input(f"{dy.profile.code}.json", as_json(dy).encode()) for dy in generate(count, seed=3)]
options = EvaluateOptions()
for item in items[:50]:
    evaluate_input(item, options)
dys = [_read(item)[0] for item in items]
pairs = [(dy, get_framework(dy.framework or "national-2013")) for dy in dys]

def best(run, passes=7):
    least = float("inf")
    for _ in range(passes):
        start = time.process_time()
        run()
        least = min(least, time.process_time() - start)
    return least * 1000 / len(items)

def read():
    for item in items:
        _read(item)

def engine():
    for dy, fw in pairs:
        evaluate(dy, fw)

def both():
    for item in items:
        evaluate_input(item, options)

print(best(read), best(engine), best(both))
"""


def measure(root: Path, count: int) -> tuple[float, float, float]:
    """ms per department-year: read, evaluate, read + evaluate (CPU time, best of 7 passes)."""
    script = _MEASURE % {"tests": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", script, str(root), str(count)], capture_output=True, text=True,
                          check=True, stdin=subprocess.DEVNULL)
    r, e, b = (float(x) for x in done.stdout.split())
    return r, e, b


def export(rev: str, into: Path) -> Path:
    """The ``src`` tree of ``rev`` (a commit of this repository), for measuring it beside the working tree."""
    archive = into / "src.tar"
    with archive.open("wb") as fh:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev, "src"], stdout=fh, check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / rev, filter="data")
    return into / rev


def line(label: str, figures: tuple[float, float, float]) -> str:
    r, e, b = figures
    return (f"  {label:14s} read {r:6.3f} ms  evaluate() {e:6.3f} ms  read + evaluate {b:6.3f} ms "
            f"= {1000 / b:6.0f} department-years/s per core (target ≥ 1000)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=300, help="generated department-years per pass")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--against", help="a commit to measure in the same run (e.g. main)")
    args = parser.parse_args()
    one, five, _ = os.getloadavg()
    print(f"warm read + evaluate, CPU time, best of 7 passes over {args.count} department-years per process "
          f"(load average {one:.1f} / {five:.1f} on {os.cpu_count()} cores; reference loop {reference_seconds():.3f} s)")
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-warm-") as tmp:
        old = export(args.against, Path(tmp)) if args.against else None
        for i in range(args.rounds):
            new = measure(ROOT, args.count)
            if old is None:
                print(line(f"round {i + 1}", new))
                continue
            before = measure(old, args.count)
            print(line(f"{args.against[:12]}", before))
            print(line("this tree", new))
            print(f"  round {i + 1}: old/new read {before[0] / new[0]:.2f}×, evaluate() {before[1] / new[1]:.2f}×, "
                  f"read + evaluate {before[2] / new[2]:.2f}×")
    one, five, _ = os.getloadavg()
    print(f"end: load average {one:.1f} / {five:.1f}; reference loop {reference_seconds():.3f} s")


if __name__ == "__main__":
    main()
