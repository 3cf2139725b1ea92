"""Worker pool with a time limit per item: slow items are cut off, the batch goes on, order is kept."""

from __future__ import annotations

import os
import re
import signal
import time

from jixiao.safeio.pool import TimeLimit, run_bounded, time_limit


def work(item: str) -> str:
    if item == "regex":  # catastrophic backtracking inside the C regex engine: the timer still cuts it off
        re.match(r"(a+)+$", "a" * 40 + "b")
    if item == "deaf":  # ignores the timer (as C code that never returns to Python would): killed
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    if item == "crash":
        os._exit(7)
    return item.upper()


def test_slow_items_time_out_and_the_batch_goes_on() -> None:
    items = ["a", "regex", "b", "crash", "c", "deaf", "d"]
    start = time.monotonic()
    done: list[str] = []
    out = list(run_bounded(work, items, jobs=2, seconds=1.0, on_timeout=lambda i: f"timeout:{i}",
                           on_crash=lambda i: f"crash:{i}", on_done=done.append))
    assert out == ["A", "timeout:regex", "B", "crash:crash", "C", "timeout:deaf", "D"]
    assert done == out
    assert time.monotonic() - start < 20  # 1 s limit + 5 s grace for the deaf worker, not 60 s


def test_time_limit_in_the_main_thread() -> None:
    start = time.monotonic()
    try:
        with time_limit(0.5):
            re.match(r"(a+)+$", "a" * 40 + "b")
    except TimeLimit:
        pass
    else:
        raise AssertionError("not interrupted")
    assert time.monotonic() - start < 5


def test_a_cpu_time_limit_counts_work_not_waiting() -> None:
    start = time.monotonic()
    with time_limit(0.3, cpu=True):
        time.sleep(1.0)  # a second of waiting spends no CPU time: not cut off
    assert time.monotonic() - start >= 1.0
    spent = time.process_time()
    try:
        with time_limit(0.3, cpu=True):
            re.match(r"(a+)+$", "a" * 40 + "b")
    except TimeLimit:
        pass
    else:
        raise AssertionError("not interrupted")
    assert 0.2 <= time.process_time() - spent < 5  # (the timer and process_time count CPU time at their own ticks)
