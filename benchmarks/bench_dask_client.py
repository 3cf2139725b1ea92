"""The client's peak memory on a local Dask cluster as a batch grows, with Dask's debugging logs as jixiao sets
them (``DEBUG_LOG_LENGTH``) and at Dask's default (1,000 batches a stream). Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bench_dask_client.py [--inputs 250,1000,4000] [--workers 2]

The tasks return real outcomes (``evaluate_input`` report packages, docx + xlsx + png, of 40 generated departments,
made once beforehand) and take real department files as inputs, so the figures are the client's — the runner,
Dask's client and in-process scheduler, the summary rows — without the workers' time blurring them. Each
measure is a fresh process (its own peak resident set).
"""

from __future__ import annotations

import argparse
import pickle
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

OUTCOMES = 40


def make_outcomes(target: Path) -> None:
    from tests.store.generate import as_json, generate

    from jixiao.batch.evaluation import EvaluateOptions, evaluate_input
    from jixiao.batch.runner import Input

    options = EvaluateOptions(formats=("docx", "xlsx", "png"))
    made = [pickle.dumps(evaluate_input(Input(f"/in/{dy.profile.code}.json", as_json(dy).encode()), options))
            for dy in generate(OUTCOMES, seed=15)]
    target.write_bytes(pickle.dumps(made))


def measure(count: int, workers: int, log_length: int, outcomes: str) -> None:
    """One run in this (fresh) process; prints its peak."""
    from tests.batch.tasks import stored_outcome
    from tests.store.generate import as_json, generate

    import jixiao.batch.engines as engines
    from jixiao.batch.runner import Input, run
    from jixiao.batch.summary import Row
    from jixiao.cli.evaluate_batch import _lean

    engines.DEBUG_LOG_LENGTH = log_length
    files = [as_json(dy).encode() for dy in generate(OUTCOMES, seed=15)]
    inputs = (Input(f"/in/{i:05d}.json", files[i % OUTCOMES]) for i in range(count))
    engine = engines.start(engines.EngineSpec(cluster=f"local:{workers}"))
    rows = []
    try:
        for outcome in run(stored_outcome, inputs, outcomes, engine, on_error=lambda i, r: None, total=count,
                           most=16, weight=lambda i: len(i.data)):
            rows.append(Row(_lean(outcome), "x", ""))
            del outcome
    finally:
        engine.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{count:6d} inputs  Dask log length {log_length:5d}  client peak {peak:6.1f} MB  ({len(rows)} rows)",
          flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inputs", default="250,1000,4000", help="input counts (comma-separated)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--measure", nargs=3, metavar=("COUNT", "LOG", "OUTCOMES"), help=argparse.SUPPRESS)
    parser.add_argument("--make", metavar="OUTCOMES", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.make:
        make_outcomes(Path(args.make))
        return
    if args.measure:
        count, log_length, outcomes = args.measure
        measure(int(count), args.workers, int(log_length), outcomes)
        return
    from jixiao.batch.engines import DEBUG_LOG_LENGTH

    # Every step in a child of this small process: Linux keeps a process's peak across exec, so a child forked
    # from a process that made the outcomes would start with that peak.
    with tempfile.TemporaryDirectory() as tmp:
        outcomes = Path(tmp) / "outcomes.pickle"
        subprocess.run([sys.executable, __file__, "--make", str(outcomes)], check=True)
        for log_length in (1000, DEBUG_LOG_LENGTH):
            for count in args.inputs.split(","):
                subprocess.run([sys.executable, __file__, "--workers", str(args.workers), "--measure", count,
                                str(log_length), str(outcomes)], check=True)


if __name__ == "__main__":
    main()
