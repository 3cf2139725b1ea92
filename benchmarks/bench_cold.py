"""Cold start of this tree against another commit, in the same run: ``jixiao evaluate FILE`` (and
``--json``, ``--help``) as ratios to ``python -c pass``, medians of interleaved rounds.

    .venv/bin/python benchmarks/bench_cold.py --against main [--rounds 21]

Each round runs every command of both trees once, one after another, so that machine load hits them
alike; the other commit's ``src`` is exported with ``git archive`` and compiled to bytecode as ``make
setup`` compiles this tree's, and each command runs with ``PYTHONPATH`` naming the tree it measures.
Prints the median (and least) wall time and the median CPU time of the process (what load stretches
least) of each; asserts nothing (not a timed test). ``bench_scale.py --cold-only`` prints this tree's
figures alone, with every command's ``--help``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_warm import export

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = str(ROOT / "examples" / "wanzhou-2020.yaml")
COMMANDS = {
    "jixiao evaluate FILE": ["-m", "jixiao", "evaluate", EXAMPLE],
    "jixiao evaluate FILE --json": ["-m", "jixiao", "evaluate", EXAMPLE, "--json"],
    "jixiao --help": ["-m", "jixiao", "--help"],
}


def run(argv: list[str], src: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one command in a fresh interpreter importing jixiao from ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, *argv], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   stdin=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--against", required=True, help="a commit to measure in the same run (e.g. main)")
    parser.add_argument("--rounds", type=int, default=21)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="jixiao-bench-cold-") as tmp:
        trees = {args.against[:12]: export(args.against, Path(tmp)) / "src", "this tree": ROOT / "src"}
        for src in trees.values():
            compileall.compile_dir(src / "jixiao", quiet=1)
        times: dict[tuple[str, str], list[tuple[float, float]]] = {}
        for i in range(args.rounds + 1):  # the first round warms the page cache
            for tree, src in trees.items():
                for label, argv in {"python -c pass": ["-c", "pass"], **COMMANDS}.items():
                    took = run(argv, src)
                    if i:
                        times.setdefault((tree, label), []).append(took)
    one, five, _ = os.getloadavg()
    print(f"cold start, {args.rounds} interleaved rounds, median [least] (load average {one:.1f} / {five:.1f} "
          f"on {os.cpu_count()} cores):")
    for tree in trees:
        base = times[(tree, "python -c pass")]
        wall0, cpu0 = statistics.median(w for w, _ in base), statistics.median(c for _, c in base)
        for label in COMMANDS:
            got = times[(tree, label)]
            wall, cpu = statistics.median(w for w, _ in got), statistics.median(c for _, c in got)
            least = min(w for w, _ in got)
            print(f"  {tree:12s} {label:28s} wall {wall * 1000:7.1f} ms = {wall / wall0:5.2f}× [{least * 1000:7.1f} ms]"
                  f"  CPU {cpu * 1000:6.1f} ms = {cpu / cpu0:5.2f}× python -c pass")


if __name__ == "__main__":
    main()
