"""Run a function over many items in worker processes, each item under a time limit.

A hostile document may make a parser or a rule run far longer than any real one. Each item
gets ``seconds``: inside the worker a timer (SIGALRM) interrupts the work cleanly, which
reaches even a running regular expression; if the worker still does not answer within a
grace period (stuck in C code), the parent kills that worker and starts a fresh one. Either
way the item's result is ``on_timeout(item)`` and the other items go on. Results come back
in input order. Nothing here knows what the items are (the auditor uses it for reports).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from multiprocessing.connection import Connection, wait
from types import FrameType
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
GRACE = 5.0  # seconds after the limit before a silent worker is killed


class TimeLimit(BaseException):
    """The work of one item exceeded its time (a BaseException: no ``except Exception`` swallows it)."""


@contextmanager
def time_limit(seconds: float, cpu: bool = False) -> Iterator[None]:
    """Raise :class:`TimeLimit` in this thread after ``seconds`` (main thread of a process only;
    elsewhere, e.g. in a thread pool, it does nothing and the caller's hard limit applies).
    ``cpu``: seconds of this process's CPU time instead of the clock's — a bound on the work done that
    other jobs on the machine do not move (a process waiting on nothing is never cut off by it)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise TimeLimit

    timer, signum = (signal.ITIMER_PROF, signal.SIGPROF) if cpu else (signal.ITIMER_REAL, signal.SIGALRM)
    previous = signal.signal(signum, expire)
    signal.setitimer(timer, seconds)
    try:
        yield
    finally:
        signal.setitimer(timer, 0)
        signal.signal(signum, previous)


_TIMED_OUT = "__jixiao_timed_out__"


def _serve(conn: Connection, fn: Callable[[Any], Any], seconds: float) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; Ctrl-C reaches it too
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, item = message
        try:
            with time_limit(seconds):
                result: Any = fn(item)
        except TimeLimit:
            result = _TIMED_OUT
        try:
            conn.send((index, result))
        except (OSError, ValueError):
            return


class _Worker(Generic[T]):
    def __init__(self, ctx: Any, fn: Callable[[T], Any], seconds: float) -> None:
        parent, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn, seconds), daemon=True)
        self.proc.start()
        child.close()
        self.conn: Connection = parent
        self.task: int | None = None
        self.started = 0.0

    def give(self, index: int, item: T) -> None:
        self.task, self.started = index, time.monotonic()
        self.conn.send((index, item))

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(timeout=5)
        self.conn.close()

    def stop(self) -> None:
        with suppress(OSError, ValueError):
            self.conn.send(None)
        self.proc.join(timeout=2)
        if self.proc.is_alive():
            self.kill()
        else:
            self.conn.close()


def run_inline(fn: Callable[[T], R], items: list[T], *, seconds: float, on_timeout: Callable[[T], R],
               on_done: Callable[[R], None] | None = None) -> Iterator[R]:
    """``fn(item)`` for every item in this process, each under a ``seconds`` time limit, in input order."""
    for item in items:
        try:
            with time_limit(seconds):
                r = fn(item)
        except TimeLimit:
            r = on_timeout(item)
        if on_done:
            on_done(r)
        yield r


def run_bounded(fn: Callable[[T], R], items: list[T], *, jobs: int, seconds: float,
                on_timeout: Callable[[T], R], on_crash: Callable[[T], R],
                on_done: Callable[[R], None] | None = None) -> Iterator[R]:
    """``fn(item)`` for every item on ``jobs`` worker processes (fork), in input order.

    ``fn`` must be a module-level function. An item that exceeds ``seconds`` gives
    ``on_timeout(item)``; one whose worker dies gives ``on_crash(item)``.
    """
    if "fork" not in mp.get_all_start_methods():  # pragma: no cover - Linux always has fork
        yield from run_inline(fn, items, seconds=seconds, on_timeout=on_timeout, on_done=on_done)
        return
    ctx = mp.get_context("fork")
    workers: list[_Worker[T]] = []
    results: dict[int, R] = {}
    pending = list(range(len(items)))[::-1]
    next_out = 0
    try:
        workers = [_Worker(ctx, fn, seconds) for _ in range(max(1, min(jobs, len(items))))]
        while next_out < len(items):
            for w in workers:
                if w.task is None and pending:
                    i = pending.pop()
                    w.give(i, items[i])
            busy = [w for w in workers if w.task is not None]
            now = time.monotonic()
            timeout = max(0.0, min((w.started + seconds + GRACE - now for w in busy), default=1.0))
            ready = wait([w.conn for w in busy], timeout=timeout)
            for k, w in enumerate(workers):
                if w.task is None:
                    continue
                i = w.task
                if w.conn in ready:
                    try:
                        index, result = w.conn.recv()
                    except (EOFError, OSError):
                        results[i] = on_crash(items[i])
                    else:
                        timed_out = isinstance(result, str) and result == _TIMED_OUT
                        results[index] = on_timeout(items[index]) if timed_out else result
                        w.task = None
                        continue
                elif time.monotonic() > w.started + seconds + GRACE:
                    results[i] = on_timeout(items[i])
                else:
                    continue
                w.kill()
                workers[k] = _Worker(ctx, fn, seconds)
            while next_out in results:
                r = results.pop(next_out)
                next_out += 1
                if on_done:
                    on_done(r)
                yield r
    finally:
        for w in workers:
            if w.task is None:
                w.stop()
            else:
                w.kill()


def cpu_jobs(jobs: int | None) -> int:
    return jobs or os.cpu_count() or 1
