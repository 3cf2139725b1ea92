"""SIGTERM is handled like Ctrl-C: the run stops, its temporary files and worker processes go,
nothing half-written is left and the exit code is 128 + 15.

Each test starts the real command, waits until it is demonstrably in the middle of its work
(its temporary folder exists, or its audit workers run), sends SIGTERM and then checks the
folder and the process table.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.helpers import EXAMPLES, ROOT

TMP_MARK = ".jixiao-tmp-"


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.update(PYTHONPATH=str(ROOT / "src"), PYTHONDONTWRITEBYTECODE="1")
    return env


def _processes_naming(marker: str) -> list[int]:
    """Pids of live processes whose command line contains ``marker`` (forked workers inherit it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = next((ln for ln in (entry / "status").read_text().splitlines() if ln.startswith("State:")), "")
        except OSError:
            continue
        if marker in cmdline and "Z" not in state.split()[1:2]:
            found.append(int(entry.name))
    return found


def _terminate_when(args: list[str], cwd: Path, ready: Callable[[], bool], limit: float = 60.0) -> tuple[int, str]:
    proc = subprocess.Popen([sys.executable, "-m", "jixiao", *args], cwd=cwd, env=_env(), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + limit
    try:
        while not ready():
            assert proc.poll() is None, "the command ended before it was in the middle of its work: " + (
                proc.stdout.read().decode("utf-8", "replace") if proc.stdout else "")
            assert time.monotonic() < deadline, "the command never reached the middle of its work"
            time.sleep(0.002)
        proc.send_signal(signal.SIGTERM)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return proc.returncode, out.decode("utf-8", "replace")


def test_sigterm_during_evaluate_leaves_no_temporary_and_no_half_written_package(tmp_path: Path) -> None:
    out = tmp_path / "报告"

    def writing() -> bool:
        return any(TMP_MARK in p.name for p in tmp_path.iterdir())

    code, text = _terminate_when(["evaluate", str(EXAMPLES / "wanzhou-2020.yaml"), "-o", str(out)], tmp_path, writing)
    assert code == 128 + signal.SIGTERM, text
    assert "已中断" in text and "SIGTERM" in text, text
    assert "Traceback" not in text and "程序内部错误" not in text, text
    time.sleep(0.5)  # the chart worker dies with the signal's default action
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "left behind"
    assert _processes_naming(str(out)) == []


def test_sigterm_during_an_audit_batch_stops_the_workers_and_writes_nothing(tmp_path: Path) -> None:
    sentence = "年初预算100万元，全年支出60万元，预算执行率为90%。"
    paragraph = ("其中基本支出40万元，项目支出20万元。" + sentence) * 40 + "\n"
    reports = []
    for i in range(60):
        path = tmp_path / f"报告{i:02d}.txt"
        path.write_text(paragraph * 40, encoding="utf-8")
        reports.append(path.name)
    target = tmp_path / "审核结果.xlsx"
    marker = str(target)
    me = os.getpid()

    def workers_running() -> bool:
        return len([p for p in _processes_naming(marker) if p != me]) >= 2  # the command and a worker

    code, text = _terminate_when(["audit", *reports, "-o", str(target), "--jobs", "2"], tmp_path, workers_running)
    assert code == 128 + signal.SIGTERM, text
    assert "已中断" in text, text
    assert "Traceback" not in text and "程序内部错误" not in text, text
    deadline = time.monotonic() + 10
    while _processes_naming(marker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_naming(marker) == [], "audit workers outlived the command"
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(reports), "left behind"
