"""The benchmark scripts read their arguments with argparse: ``--help`` prints the usage (before, bench_report.py took
it for an input file and ran ``jixiao evaluate --help`` eight times over, bench_evaluate.py died on int("--help")), and
a missing input or a count below one is refused with a Chinese reason before anything is timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _run(script: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "benchmarks" / script), *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


@pytest.mark.parametrize(("script", "usage"), [
    ("bench_report.py", "usage: bench_report.py [-h] [--warm [COUNT]] [input] [runs]"),
    ("bench_evaluate.py", "usage: bench_evaluate.py [-h] [n]"),
])
def test_help_prints_the_usage(script: str, usage: str) -> None:
    done = _run(script, "--help")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[0] == usage


@pytest.mark.parametrize(("script", "args", "reason"), [
    ("bench_report.py", ("没有这个文件.yaml",), "找不到输入文件 没有这个文件.yaml"),
    ("bench_report.py", ("examples/wanzhou-2020.yaml", "0"), "次数应至少为 1"),
    ("bench_report.py", ("--warm", "0"), "次数应至少为 1"),
    ("bench_evaluate.py", ("0",), "数量应至少为 1"),
])
def test_bad_arguments_are_refused_before_timing(script: str, args: tuple[str, ...], reason: str) -> None:
    done = _run(script, *args)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.splitlines()[-1] == f"{script}: error: {reason}"
