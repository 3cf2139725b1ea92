"""Every hostile input of the corpus, through the real command in a subprocess.

Asserted per case: the exit code is in the case's set (never 3, the internal-error
code), the output names the file and the problem in Chinese, no traceback and no
"程序内部错误", the command ends within the case's time bound and a memory limit
(RLIMIT_AS, so a bomb fails the test instead of the machine), and the folder holds
nothing but the inputs and the declared outputs (no temporary leftovers).

The time bound is on the CPU time the command spends (its own and that of the children it waited
for, from its rusage): other jobs on a loaded machine stretch the clock several times over (the
cases run a few at a time, beside whatever else runs) but not the work a command does. A command
that waits on something forever (a FIFO with no writer) spends no CPU time: the clock still cuts it
off, at HANG_FACTOR times its bound.
"""

from __future__ import annotations

import os
import resource
import shlex
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.corpus import ROOT, Case, available, cases

MEMORY_LIMIT = 3 * 1024**3  # address space per command
RSS_LIMIT_KB = 1024 * 1024  # peak resident memory a hostile input may cost (1 GB)
HANG_FACTOR = 10  # a command still running after this many times its CPU bound by the clock is waiting forever
CASES = cases()


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("JIXIAO_")}
    env.update(COLUMNS="200", PYTHONPATH=str(ROOT / "src"), PYTHONDONTWRITEBYTECODE="1")
    return env


def run_command(args: list[str], cwd: Path, seconds: float) -> tuple[int, str, float, int]:
    """Exit code (-1: killed after ``seconds`` by the clock), combined output, CPU seconds (user and system, the
    command's and its waited-for children's) and peak RSS (KB) of one command."""
    argv = ["unshare", "-m", "sh", "-c", args[1]] if args[0] == "--shell" else [sys.executable, "-m", "jixiao", *args]
    out_path = cwd.parent / f".{cwd.name}.out"
    start = time.monotonic()
    with out_path.open("wb") as fh:
        proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=fh, stderr=subprocess.STDOUT, cwd=cwd,
                                env=_env(), preexec_fn=_limit_memory)
        deadline = start + seconds
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() > deadline:
                proc.kill()
                pid, status, usage = os.wait4(proc.pid, 0)
                status = -1
                break
            time.sleep(0.02)
        proc.returncode = 0  # reaped above; keep Popen from waiting again
    text = out_path.read_text(encoding="utf-8", errors="replace")
    out_path.unlink()
    code = os.waitstatus_to_exitcode(status) if status != -1 else -1
    return code, text, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


def run_case(case: Case, folder: Path) -> list[str]:
    """Problems found when running ``case`` in ``folder`` (empty when it behaves)."""
    args = case.build(folder)
    inputs = {p.relative_to(folder) for p in folder.rglob("*")}
    commands = [shlex.split(c) for c in args[1:]] if args[0] == "--sequence" else [args]
    problems: list[str] = []
    outputs = ""
    for command in commands:
        code, text, cpu, rss = run_command(command, folder, case.seconds * HANG_FACTOR)
        outputs += text
        if cpu > case.seconds:
            problems.append(f"spent {cpu:.1f} CPU s, more than its {case.seconds} s")
        if code == -1:
            problems.append(f"did not finish within {case.seconds * HANG_FACTOR} s by the clock (waiting forever?)")
        elif code not in case.exits:
            problems.append(f"exit code {code}, expected one of {sorted(case.exits)}")
        if rss > RSS_LIMIT_KB:
            problems.append(f"peak memory {rss // 1024} MB")
        for bad in ("Traceback", "程序内部错误"):
            if bad in text:
                problems.append(f"output contains {bad}")
    for want in case.says:
        if want.format(dir=folder) not in outputs:
            problems.append(f"output does not mention {want!r}")
    if case.check is not None and (problem := case.check(folder)) is not None:
        problems.append(problem)
    allowed = {Path(p) for p in case.allow_outputs}
    for p in folder.rglob("*"):
        rel = p.relative_to(folder)
        if rel in inputs or any(rel == a or a in rel.parents for a in allowed):
            continue
        problems.append(f"left behind: {rel}")
    if problems:
        problems.append("output:\n" + outputs[-3000:])
    return problems


@pytest.fixture(scope="module")
def results(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """Run every selected case once, several at a time (each is a subprocess that mostly waits on I/O
    and imports); the tests below then report one case each."""
    from concurrent.futures import ThreadPoolExecutor

    selected = {item.callspec.params["case"].name for item in request.session.items
                if item.nodeid.startswith(request.node.nodeid) and hasattr(item, "callspec")}
    todo = [c for c in CASES if c.name in selected and available(c.needs) is None]

    def one(case: Case) -> tuple[str, list[str]]:
        folder = tmp_path_factory.mktemp(case.name) / "case"
        folder.mkdir()
        return case.name, run_case(case, folder)

    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return dict(pool.map(one, todo))


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_input(case: Case, results: dict[str, list[str]]) -> None:
    missing = available(case.needs)
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{case.name} cannot run here: {missing}")
        pytest.skip(missing)
    problems = results[case.name]
    assert not problems, "\n".join(problems)
