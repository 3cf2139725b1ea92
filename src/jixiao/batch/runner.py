"""Run one function over many inputs in chunks, on any engine, with results in input order.

:func:`run` reads the inputs lazily, groups them into chunks (several inputs per task, never one task
per tiny file), keeps a bounded number of chunks in flight, and yields one result per input in the
order given, whatever order the chunks finish in. The same inputs therefore give the same results —
and the same files, byte for byte — on one process, a process pool or a Dask cluster. A result is
held only until it is yielded: the runner, its engine and their futures keep no reference to it
afterwards, so a caller that writes each result and lets it go runs in memory bounded by the window,
however many inputs there are.

Failures stay with their input: the task turns a bad file into a result that says why, and the
runner turns anything the task did not catch into ``on_error(input, reason)``. A chunk whose worker
was lost is run again; a chunk that keeps killing workers is split until the one input that does it
is found and reported, so one poisonous file never takes the batch or its neighbours down.
"""

from __future__ import annotations

import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from jixiao.batch.engines import Engine, EngineError

T = TypeVar("T")
R = TypeVar("R")

LOST = "处理该文件时工作进程意外退出（可能是内存不足或文件触发了程序错误），已跳过"
MAX_CHUNK_BYTES = 4 * 1024 * 1024  # inputs travel inside the task; keep each task's message small
CHUNKS_PER_WORKER = 4  # at least this many chunks per worker when the batch is large enough, for balance
WINDOW_PER_WORKER = 3  # chunks in flight (or done and held for the order) per worker: busy, yet bounded memory


@dataclass(frozen=True)
class Input:
    """One input file: the name it is reported under and its content."""

    name: str
    data: bytes


@dataclass(frozen=True)
class ItemError:
    """What a chunk task returns for an input whose task raised (a bug, not a bad file)."""

    reason: str


def run_chunk(task: Callable[[T, Any], R], chunk: Sequence[T], options: Any) -> list[R | ItemError]:
    """The task run on a worker: ``task(item, options)`` for every item, an exception kept with its item."""
    out: list[R | ItemError] = []
    for item in chunk:
        try:
            out.append(task(item, options))
        except Exception as exc:
            out.append(ItemError(f"处理时出错：{type(exc).__name__}: {exc}"))
    return out


@dataclass
class _Chunk(Generic[T]):
    first: int  # index of its first input in the whole batch
    items: list[T]
    alone: bool = False  # run with nothing else in flight (after a pool broke)


def chunk_size(total: int | None, workers: int, most: int) -> int:
    """Inputs per chunk: ``most`` at most, small enough that every worker gets several chunks."""
    if total is None:
        return most
    return max(1, min(most, -(-total // (workers * CHUNKS_PER_WORKER))))


def chunks(items: Iterable[T], size: int, weight: Callable[[T], int] = lambda _: 0,
           max_weight: int = MAX_CHUNK_BYTES) -> Iterator[_Chunk[T]]:
    """Consecutive chunks of at most ``size`` items and ``max_weight`` bytes (one item may exceed it)."""
    current: list[T] = []
    first = 0
    load = 0
    for item in items:
        w = weight(item)
        if current and (len(current) >= size or load + w > max_weight):
            yield _Chunk(first, current)
            first += len(current)
            current, load = [], 0
        current.append(item)
        load += w
    if current:
        yield _Chunk(first, current)


def run(task: Callable[[T, Any], R], items: Iterable[T], options: Any, engine: Engine, *,
        on_error: Callable[[T, str], R], total: int | None = None, most: int = 64,
        weight: Callable[[T], int] = lambda _: 0, on_progress: Callable[[int], None] | None = None) -> Iterator[R]:
    """``task(item, options)`` for every item on ``engine``; one result per item, in input order.

    ``task`` must be a module-level function (it is sent to other processes by reference);
    ``on_error(item, reason)`` makes the result of an item whose task raised or whose worker was lost
    for good; ``on_progress(n)`` is called as ``n`` more items finish (in any order).
    """
    run_id = uuid.uuid4().hex[:12]
    size = chunk_size(total, engine.workers, most)
    source = chunks(items, size, weight)
    window = max(2, engine.workers * WINDOW_PER_WORKER)
    in_flight: dict[Any, _Chunk[T]] = {}
    retry: deque[_Chunk[T]] = deque()  # chunks to run again, each alone when the engine cannot attribute loss
    done: dict[int, R] = {}
    next_out = 0
    exhausted = False
    serial = 0

    def submit(chunk: _Chunk[T]) -> None:
        nonlocal serial
        serial += 1
        key = f"jixiao-{run_id}-{chunk.first}-{serial}"
        in_flight[engine.submit(run_chunk, task, chunk.items, options, key=key)] = chunk

    def finish(chunk: _Chunk[T], results: list[R | ItemError]) -> None:
        for k, (item, r) in enumerate(zip(chunk.items, results, strict=True)):
            done[chunk.first + k] = on_error(item, r.reason) if isinstance(r, ItemError) else r
        if on_progress:
            on_progress(len(chunk.items))

    def fill() -> None:
        nonlocal exhausted
        while len(in_flight) < window and not any(c.alone for c in in_flight.values()):
            if retry:
                if retry[0].alone and in_flight:
                    return
                submit(retry.popleft())
                continue
            if len(done) >= size * window:
                return  # results held for the input order (behind a slow chunk) count against the window
            nxt = None if exhausted else next(source, None)
            if nxt is None:
                exhausted = True
                return
            submit(nxt)

    def settle(future: Any) -> None:
        chunk = in_flight.pop(future)
        try:
            results = future.result()
        except BaseException as exc:
            if isinstance(exc, KeyboardInterrupt):
                raise
            if isinstance(exc, CancelledError):
                raise EngineError(f"任务被取消（与调度器的连接可能已中断）：{exc}") from None
            if not engine.lost(exc):
                finish(chunk, [ItemError(f"处理时出错：{type(exc).__name__}: {exc}")] * len(chunk.items))
                return
            engine.recover(future)
            _lost(chunk, engine.attributes_loss, retry, finish)
            return
        finish(chunk, results)

    while True:
        fill()
        if not in_flight:
            break
        finished = engine.wait(in_flight)
        while finished:
            settle(finished.pop())  # no name here keeps a finished chunk (or its future) alive while we yield
        while next_out in done:
            yield done.pop(next_out)
            next_out += 1


def _lost(chunk: _Chunk[T], attributed: bool, retry: deque[_Chunk[T]],
          finish: Callable[[_Chunk[T], list[Any]], None]) -> None:
    """A chunk whose worker died: rerun it, split it, or report its one input as lost."""
    if not attributed and not chunk.alone:
        retry.append(_Chunk(chunk.first, chunk.items, alone=True))  # maybe a bystander: rerun it alone
    elif len(chunk.items) > 1:
        retry.extend(_Chunk(chunk.first + k, [item], alone=not attributed) for k, item in enumerate(chunk.items))
    else:
        finish(chunk, [ItemError(LOST)])

