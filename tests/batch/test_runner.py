"""The batch runner: chunks, input order, failures kept with their input, a dying process isolated."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from typing import Any

import pytest

from jixiao.batch import EngineError, EngineSpec, run_batch
from jixiao.batch.engines import Engine, InlineEngine, PoolEngine, local_workers
from jixiao.batch.runner import LOST, chunk_size, chunks, run
from tests.batch import tasks
from tests.batch.memory import results_let_go


def _error(item: int, reason: str) -> str:
    return f"{item}: {reason}"


def test_chunks_respect_count_and_bytes_and_keep_order() -> None:
    got = list(chunks(range(10), 4))
    assert [(c.first, c.items) for c in got] == [(0, [0, 1, 2, 3]), (4, [4, 5, 6, 7]), (8, [8, 9])]
    sized = list(chunks([b"a" * 3, b"b" * 3, b"c" * 3, b"d"], 10, weight=len, max_weight=6))
    assert [(c.first, c.items) for c in sized] == [(0, [b"aaa", b"bbb"]), (2, [b"ccc", b"d"])]
    # one input larger than the byte cap still travels, alone
    assert [c.items for c in chunks([b"x" * 9, b"y"], 10, weight=len, max_weight=6)] == [[b"x" * 9], [b"y"]]


def test_chunk_size_gives_every_worker_several_chunks() -> None:
    assert chunk_size(1000, 2, 64) == 64  # capped
    assert chunk_size(40, 2, 64) == 5  # 8 chunks for 2 workers
    assert chunk_size(3, 4, 64) == 1
    assert chunk_size(None, 2, 16) == 16


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_back_in_input_order_with_failures_in_place(jobs: int) -> None:
    items = [5, -1, 3, 0, -7, *range(20, 40)]
    got = list(run_batch(tasks.square, items, {}, EngineSpec(jobs=jobs), on_error=_error, total=len(items), most=3))
    assert got[:5] == [25, "-1: 处理时出错：ValueError: negative -1", 9, 0, "-7: 处理时出错：ValueError: negative -7"]
    assert got[5:] == [i * i for i in range(20, 40)]


def test_the_pool_really_runs_chunks_in_other_processes() -> None:
    pids = set(run_batch(tasks.pid, range(40), None, EngineSpec(jobs=2), on_error=_error, total=40, most=5))
    assert os.getpid() not in pids and len(pids) == 2


def test_a_process_that_dies_costs_only_its_own_input() -> None:
    """Item 13 kills its pool process: the pool is restarted, the bystanders rerun, 13 alone is reported lost."""
    items = list(range(40))
    engine = PoolEngine(2)
    try:
        got = list(run(tasks.square_or_die, items, None, engine, on_error=_error, total=len(items), most=4))
    finally:
        engine.close()
    assert got[13] == f"13: {LOST}"
    assert got[:13] + got[14:] == [i * i for i in items if i != 13]


def test_engine_options_are_checked_with_chinese_messages() -> None:
    with pytest.raises(EngineError, match="只能选一个"):
        EngineSpec(jobs=2, cluster="local:2")
    with pytest.raises(EngineError, match="正整数"):
        EngineSpec(cluster="local:0")
    with pytest.raises(EngineError, match="正整数"):
        EngineSpec(jobs=0)
    with pytest.raises(EngineError, match="调度器地址"):
        EngineSpec(cluster="myhost")
    assert local_workers("tcp://10.0.0.5:8786") is None and local_workers("local:3") == 3
    assert EngineSpec(cluster="local:2").describe() == "Dask 本地集群（2 个工作进程）"
    assert EngineSpec(jobs=3).describe() == "本机 3 个进程"


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    spec = EngineSpec(cluster=f"tcp://127.0.0.1:{port}")
    from jixiao.batch import engines

    engines.CONNECT_SECONDS = 2
    try:
        with pytest.raises(EngineError, match="无法连接 Dask 调度器"):
            list(run_batch(tasks.square, [1, 2], {}, spec, on_error=_error, total=2))
    finally:
        engines.CONNECT_SECONDS = 20


class _HeadLast:
    """An engine on which the batch's first chunk finishes only when nothing else is left to run: every
    other result must then wait, held for the input order. Counts what the runner submitted meanwhile."""

    workers = 2
    attributes_loss = True

    def __init__(self) -> None:
        self.head: Future[Any] | None = None
        self.submitted = 0
        self.before_head = 0  # chunks submitted before the first one finished

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Future[Any]:
        self.submitted += 1
        future: Future[Any] = Future()
        if self.head is None:
            self.head, self.head_call = future, (fn, args)
        else:
            future.set_result(fn(*args))
        return future

    def wait(self, futures: Iterable[Any]) -> set[Any]:
        finished = {f for f in futures if f.done()}
        if finished:
            return finished
        assert self.head is not None
        self.before_head = self.submitted
        fn, args = self.head_call
        self.head.set_result(fn(*args))
        return {self.head}

    def lost(self, exc: BaseException) -> bool:
        return False

    def recover(self, future: Any) -> None:
        pass

    def close(self) -> None:
        pass


def test_results_held_behind_a_slow_chunk_stop_new_submissions() -> None:
    """Memory stays bounded: finished chunks waiting for a slow first one count against the window."""
    engine = _HeadLast()
    got = list(run(tasks.square, range(1000), {}, engine, on_error=_error, total=1000, most=10))
    assert got == [i * i for i in range(1000)]
    window = engine.workers * 3
    assert engine.submitted == 100
    assert engine.before_head <= 2 * window, engine.before_head  # in flight and held: not all 99 behind the first


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_parent_keeps_no_result_once_it_is_handed_over(jobs: int) -> None:
    """The client's memory does not grow with the batch: before this, the process pool kept every finished
    future (and so every report package it carried) until the run ended — 1,135 MB at 10,000 packages."""
    engine: Engine = InlineEngine() if jobs == 1 else PoolEngine(jobs)
    try:
        assert results_let_go(engine) == 120
    finally:
        engine.close()
