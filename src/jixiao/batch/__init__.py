"""Batch work — evaluation and audit of many files — on this process, a process pool or a Dask cluster.

    run_batch(task, inputs, options, EngineSpec(jobs=2) | EngineSpec(cluster="tcp://…" | "local:2"), …)

yields one result per input, in input order, whatever the engine (:mod:`jixiao.batch.runner`); the
engines are :mod:`concurrent.futures` and Dask distributed (:mod:`jixiao.batch.engines`). The tasks
are :func:`jixiao.batch.evaluation.evaluate_input` and :func:`jixiao.batch.auditing.audit_input`.
This package sits between the edges it calls (intake, report, audit) and the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from jixiao.batch.engines import Engine, EngineError, EngineSpec, start
from jixiao.batch.runner import Input, run

T = TypeVar("T")
R = TypeVar("R")


def run_batch(task: Callable[[T, Any], R], inputs: Iterable[T], options: Any, spec: EngineSpec, *,
              on_error: Callable[[T, str], R], total: int | None = None, most: int = 64,
              weight: Callable[[T], int] = lambda _: 0,
              on_progress: Callable[[int], None] | None = None) -> Iterator[R]:
    """Start the engine ``spec`` names, run ``task`` over ``inputs`` (see :func:`runner.run`), stop it.

    A single input, or ``--jobs 1``, runs in this process: no pool or cluster is started for it
    unless a cluster was asked for.
    """
    engine = start(EngineSpec(jobs=1) if spec.cluster is None and total == 1 else spec)
    try:
        yield from run(task, inputs, options, engine, on_error=on_error, total=total, most=most, weight=weight,
                       on_progress=on_progress)
    finally:
        engine.close()


__all__ = ["Engine", "EngineError", "EngineSpec", "Input", "run", "run_batch", "start"]
