"""What travels to a worker: chunks of inputs as bytes; the worker needs no file of the client's.

Issue 15, item 2: work is split into chunks (several inputs per task, never one task per tiny file) and
inputs travel as bytes, so a worker on another machine evaluates a file it cannot see. The bar the client
shows while a batch runs (item 1) is drawn on a terminal.
"""

from __future__ import annotations

import os
import pickle
import pty
import select
import subprocess
import sys
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

from jixiao.batch.engines import InlineEngine
from jixiao.batch.evaluation import EvaluateOptions, evaluate_input, failed
from jixiao.batch.runner import Input, run
from tests.helpers import EXAMPLES, ROOT
from tests.store.generate import as_json, generate

ELSEWHERE = "/没有这个文件夹/客户端的文件"  # a path no worker has: only the bytes arrive


def test_a_worker_evaluates_the_bytes_of_a_file_it_cannot_see() -> None:
    for name in ("wanzhou-2020.yaml", "wanzhou-2020.xlsx"):
        item = Input(f"{ELSEWHERE}/{name}", (EXAMPLES / name).read_bytes())
        sent = pickle.loads(pickle.dumps(item))  # as the pool and Dask send it
        got = pickle.loads(pickle.dumps(evaluate_input(sent, EvaluateOptions())))  # and send the outcome back
        assert got.ok, got.reasons
        assert (got.name, got.department, got.year, got.total, got.grade) == (
            item.name, "重庆市万州区人民政府外事办公室", 2020, 94, "优")
    broken = evaluate_input(Input(f"{ELSEWHERE}/bad.xlsx", b"PK\x03\x04 not a workbook"), EvaluateOptions())
    assert not broken.ok and f"{ELSEWHERE}/bad.xlsx" in broken.reasons[0]  # named as the client knows it


class _Counting(InlineEngine):
    def __init__(self) -> None:
        self.tasks: list[int] = []

    def submit(self, fn: Callable[..., Any], *args: Any, key: str) -> Future[Any]:
        self.tasks.append(len(args[1]))  # run_chunk(task, chunk, options)
        return super().submit(fn, *args, key=key)


def test_inputs_go_in_chunks_not_one_task_per_file() -> None:
    items = [Input(f"{d.profile.code}.json", as_json(d).encode()) for d in generate(40, seed=3)]
    engine = _Counting()
    got = list(run(evaluate_input, items, EvaluateOptions(), engine, on_error=failed, total=len(items), most=256,
                   weight=lambda i: len(i.data)))
    assert [g.name for g in got] == [i.name for i in items] and all(g.ok for g in got)
    assert engine.tasks == [10, 10, 10, 10]  # four chunks for the one worker, ten inputs each
    capped = _Counting()  # a 4 MB cap per task: large inputs travel in smaller chunks
    big = [Input(f"{i}.json", items[0].data + b" " * (1024 * 1024)) for i in range(6)]
    list(run(evaluate_input, big, EvaluateOptions(), capped, on_error=failed, total=6, most=256,
             weight=lambda i: len(i.data)))
    assert capped.tasks == [2, 2, 2]


def test_a_terminal_shows_the_progress_bar(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for d in generate(3, seed=3):
        (folder / f"{d.profile.code}.json").write_text(as_json(d), encoding="utf-8")
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "PYTHONPATH": str(ROOT / "src"), "TERM": "xterm"}
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", "evaluate", str(folder), "--jobs", "1"], stdout=subprocess.PIPE,
                            stderr=slave, stdin=subprocess.DEVNULL, env=env, cwd=ROOT)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the command ended and closed its side
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 0
    text = shown.decode(errors="replace")
    assert "评价" in text and "3/3" in text, text  # rich's bar: the label and done/total
    assert "汇总：输入 3，已评价 3" in out.decode()
