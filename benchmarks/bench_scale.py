"""Scale benchmark: batch evaluation and audit on --jobs 1, --jobs 2 and --cluster local:2; warm costs; the
auditor's cost per KB from 10 KB to 10 MB. Prints figures; asserts nothing (not a timed test).

    .venv/bin/python benchmarks/bench_scale.py [--count 10000] [--packages 10000] [--reports 5000]
                                               [--engines 1,2,local:2] [--skip-sizes]
    .venv/bin/python benchmarks/bench_scale.py --cold-only [--cold-rounds 7]     # start-up figures alone
    .venv/bin/python benchmarks/bench_scale.py --memory-only [--memory-sizes 1000,4000] [--memory-engines 2,local:2]

Each batch run is the real command (`jixiao evaluate DIR …`, `jixiao audit DIR …`) in a fresh process on
files written to a temporary folder, so start-up, reading, transport and writing are all counted. Peak
memory is the largest resident set of the command and of any process it started (pool or Dask workers),
and the command's own (the client's); the client-memory runs evaluate report packages at two sizes
(1,000 and 4,000 by default) and print the ratio of the client's peaks, which stays near 1 when the
client's memory does not grow with the batch.
The machine may be shared: a reference loop (a fixed pure-Python workload, ~0.05 s on an idle core) is timed
beside every figure, so that a slow machine can be told from slow code.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.store.generate import as_json, generate  # noqa: E402

AUDIT_TEXTS = sorted((ROOT / "tests" / "audit" / "data" / "modelled").glob("*.txt"))
PACKAGE_FORMATS = "docx,xlsx,png"  # the report package of issue 15: docx + two xlsx + charts, no PDF


def reference_seconds() -> float:
    """A fixed pure-Python workload, to tell a slow or shared machine from slow code (typically ~0.05 s)."""
    start = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return time.perf_counter() - start


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min) {five:.1f} (5 min) on {os.cpu_count()} cores"


def engine_args(engine: str) -> list[str]:
    return ["--cluster", engine] if engine.startswith("local:") else ["--jobs", engine]


def workers_of(engine: str) -> int:
    return int(engine.split(":")[1]) if engine.startswith("local:") else int(engine)


_WRAP = """
import resource, subprocess, sys
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, stdin=subprocess.DEVNULL)
if done.returncode not in (0, 1):
    sys.stderr.write(done.stderr[-2000:])
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""

# The command itself, run as the installed entry point runs it, writing its own peak resident set (not its
# workers': RUSAGE_SELF) to the file named by its first argument when it exits.
_CLIENT = """
import atexit, os, resource, sys
peak_file, pid = sys.argv[1], os.getpid()

def _peak():
    if os.getpid() == pid:  # not in a forked pool process
        with open(peak_file, "w") as f:
            f.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))

atexit.register(_peak)
sys.argv = ["jixiao", *sys.argv[2:]]
from jixiao.cli.entry import main
main()
"""


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest process: the command or any process it started (pool or Dask workers)
    client_mb: float  # the command's own process (the client): what must not grow with the batch
    code: int


def run_command(args: list[str]) -> Run:
    """The command's wall time, peak memory (its own and the largest of its processes) and exit code."""
    with tempfile.NamedTemporaryFile(prefix="jixiao-bench-peak-", delete=False) as f:
        peak_file = Path(f.name)
    try:
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-c", _WRAP, sys.executable, "-c", _CLIENT, str(peak_file), *args],
                              capture_output=True, text=True, stdin=subprocess.DEVNULL)
        took = time.perf_counter() - start
        client_kb = int(peak_file.read_text() or 0)
    finally:
        peak_file.unlink(missing_ok=True)
    if done.stderr:
        print(done.stderr)
    code, peak_kb = done.stdout.split()
    return Run(took, int(peak_kb) / 1024, client_kb / 1024, int(code))


def batch_table(label: str, unit: str, count: int, engines: list[str],
                command: Callable[[str, Path], list[str]], tmp: Path, full: int | None = None) -> None:
    """One batch command on every engine; ``full``: the issue's count, whose time is projected from the rate."""
    print(f"\n{label}: {count} {unit} ({load()})")
    rates: dict[str, float] = {}
    for engine in engines:
        out = tmp / f"out-{engine.replace(':', '-')}"
        ref = reference_seconds()
        done = run_command(command(engine, out))
        ref = (ref + reference_seconds()) / 2
        rates[engine] = count / done.seconds
        shutil.rmtree(out, ignore_errors=True)
        if out.with_suffix(".json").exists():
            out.with_suffix(".json").unlink()
        per_worker = rates[engine] / workers_of(engine)
        print(f"  {engine_args(engine)[0]} {engine_args(engine)[1]:8s} {done.seconds:8.1f} s  {rates[engine]:8.1f} "
              f"{unit}/s ({per_worker:.1f} per worker)  peak memory {done.peak_mb:6.0f} MB (client {done.client_mb:.0f} "
              f"MB)  exit {done.code}  reference loop {ref:.3f} s")
    if "1" in rates:
        for engine in engines:
            if engine != "1":
                print(f"  speed-up 1 → {engine}: {rates[engine] / rates['1']:.2f}× (same run, same inputs)")
    if full is not None and full != count:
        print(f"  the issue's {full} {unit} at these rates: " + "; ".join(
            f"{engine_args(e)[0]} {engine_args(e)[1]} {full / rates[e] / 60:.0f} min" for e in engines))


def package_command(folder: Path, out: Path, engine: str) -> list[str]:
    return ["evaluate", str(folder), "-o", str(out), "--format", PACKAGE_FORMATS, *engine_args(engine)]


def client_memory(sizes: list[int], engines: list[str], tmp: Path) -> None:
    """The client's own peak memory (the `jixiao` process, not its workers) evaluating report packages at
    several run sizes on each engine, and the ratio of the largest run's peak to the smallest's: a client
    whose memory is flat in the number of packages stays near 1.00 while the count grows."""
    source = tmp / "memory-departments"
    write_departments(source, max(sizes))
    names = sorted(source.iterdir())
    print(f"\nclient memory, report packages ({PACKAGE_FORMATS}) and summary.xlsx ({load()})")
    for engine in engines:
        peaks: dict[int, float] = {}
        for n in sorted(sizes):
            folder = tmp / f"memory-{n}"
            if not folder.exists():
                folder.mkdir()
                for f in names[:n]:
                    os.link(f, folder / f.name)
            out = tmp / "memory-out"
            ref = reference_seconds()
            done = run_command(package_command(folder, out, engine))
            shutil.rmtree(out, ignore_errors=True)
            peaks[n] = done.client_mb
            print(f"  {engine_args(engine)[0]} {engine_args(engine)[1]:8s} {n:6d} packages {done.seconds:7.1f} s  "
                  f"client peak {done.client_mb:6.0f} MB  largest process {done.peak_mb:6.0f} MB  exit {done.code}  "
                  f"reference loop {(ref + reference_seconds()) / 2:.3f} s")
        low, high = min(peaks), max(peaks)
        print(f"  {engine_args(engine)[0]} {engine_args(engine)[1]:8s} client peak {high} / {low} packages: "
              f"{peaks[high]:.0f} / {peaks[low]:.0f} MB = {peaks[high] / peaks[low]:.2f}× for {high / low:.0f}× the packages")


def write_departments(folder: Path, count: int) -> None:
    folder.mkdir(parents=True)
    for dy in generate(count, seed=15):
        (folder / f"{dy.profile.code}-{dy.profile.year}.json").write_text(as_json(dy), encoding="utf-8")


def write_reports(folder: Path, count: int) -> float:
    folder.mkdir(parents=True)
    size = 0
    for i in range(count):
        source = AUDIT_TEXTS[i % len(AUDIT_TEXTS)]
        target = folder / f"report_{i:05d}.txt"
        shutil.copyfile(source, target)
        size += target.stat().st_size
    return size / count / 1024


def warm_costs() -> None:
    """One process, libraries loaded: the engine alone (ms per evaluation); department-years per second read and
    evaluated without files; one report package's time. Best of several passes, wall and CPU time.
    ``benchmarks/bench_warm.py`` measures the first two alone, and against another commit in the same run."""
    from jixiao.batch.evaluation import EvaluateOptions, evaluate_input
    from jixiao.batch.runner import Input
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import get_framework

    dys = list(generate(500, seed=3))
    items = [Input(f"{dy.profile.code}.json", as_json(dy).encode()) for dy in dys]
    pairs = [(dy, get_framework(dy.framework or "national-2013")) for dy in dys]

    def best(run: Callable[[], object], passes: int = 5) -> tuple[float, float]:
        wall = cpu = float("inf")
        for _ in range(passes):
            start, start_cpu = time.perf_counter(), time.process_time()
            run()
            wall, cpu = min(wall, time.perf_counter() - start), min(cpu, time.process_time() - start_cpu)
        return wall, cpu

    for item in items[:20]:
        evaluate_input(item, EvaluateOptions())
    def engine() -> None:
        for dy, fw in pairs:  # each result dropped, as a batch worker drops it (keeping 500 whole results
            evaluate(dy, fw)  # doubled the time: the collector scanning them, not the engine)

    ref = reference_seconds()
    wall, cpu = best(engine)
    print(f"\nwarm, one core ({load()}): evaluate() {wall * 1000 / len(pairs):.2f} ms per department-year "
          f"(CPU {cpu * 1000 / len(pairs):.2f} ms; target ≤ 1 ms; reference loop {ref:.3f} s)")
    wall, cpu = best(lambda: [evaluate_input(item, EvaluateOptions()) for item in items])
    print(f"warm, one core: {len(items) / wall:.0f} department-years/s read and evaluated without report files "
          f"({len(items) / cpu:.0f}/s of CPU time; target ≥ 1000; reference loop {reference_seconds():.3f} s)")
    options = EvaluateOptions(formats=tuple(PACKAGE_FORMATS.split(",")))
    for item in items[:3]:
        evaluate_input(item, options)
    times, cpus = [], []
    for item in items[3:23]:
        start, start_cpu = time.perf_counter(), time.process_time()
        evaluate_input(item, options)
        times.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    ref = reference_seconds()
    times.sort()
    cpus.sort()
    print(f"warm, one core: report package ({PACKAGE_FORMATS}, no PDF) median {times[len(times) // 2] * 1000:.0f} ms, "
          f"best {times[0] * 1000:.0f} ms (CPU median {cpus[len(cpus) // 2] * 1000:.0f} ms, best {cpus[0] * 1000:.0f} ms; "
          f"target ≤ 100 ms; reference loop {ref:.3f} s)")


def cold_start(rounds: int = 7) -> None:
    """Start-up of one command as the ratio to ``python -c pass``, the runs interleaved in one loop so
    that machine load hits both alike; best and median of ``rounds``, wall time and CPU time (the CPU
    time of a run is what load stretches least). Run in this environment as it is: jixiao's own bytecode is
    compiled by ``make setup`` (scripts/setup.sh); with PYTHONDONTWRITEBYTECODE set and no bytecode,
    every run would compile jixiao's modules again (docs/scale.md gives both figures)."""
    import resource

    python = str(ROOT / ".venv" / "bin" / "python")
    example = str(ROOT / "examples" / "wanzhou-2020.yaml")
    typer_app = "import sys; sys.argv[0] = 'jixiao'; from jixiao.cli.app import main; main()"
    commands = {
        "python -c pass": [python, "-c", "pass"],
        "jixiao --help": [python, "-m", "jixiao", "--help"],
        "jixiao evaluate FILE": [python, "-m", "jixiao", "evaluate", example],
        # the same command parsed by typer (what the entry point's light dispatch saves)
        "  parsed by typer": [python, "-c", typer_app, "evaluate", example],
        "jixiao evaluate FILE --json": [python, "-m", "jixiao", "evaluate", example, "--json"],
        # the floor under evaluate FILE: importing the model and the frameworks (building their classes)
        "  model+frameworks import": [python, "-c", "import jixiao.model, jixiao.frameworks"],
        "  pydantic import alone": [python, "-c", "from pydantic import BaseModel"],
        "jixiao evaluate --help": [python, "-m", "jixiao", "evaluate", "--help"],
    }
    from jixiao.cli._helps import HELPS  # every command's --help (the slowest is printed)

    helps = {f"jixiao {path} --help": [python, "-m", "jixiao", *path.split(), "--help"] for path in HELPS}
    commands.update(helps)
    walls: dict[str, list[float]] = {label: [] for label in commands}
    cpus: dict[str, list[float]] = {label: [] for label in commands}
    for i in range(rounds + 1):
        for label, argv in commands.items():
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                           check=False)
            took = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if i:  # the first round warms the page cache
                walls[label].append(took)
                cpus[label].append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    slowest = max(helps, key=lambda label: min(walls[label]))
    slowest_cpu = max(helps, key=lambda label: min(cpus[label]))
    every = f"every command's --help ({len(helps)}), slowest"
    walls[every], cpus[every] = walls[slowest], cpus[slowest_cpu]
    targets = {"jixiao --help": 5, "jixiao evaluate FILE": 10, every: 5}
    base, base_cpu = min(walls["python -c pass"]), min(cpus["python -c pass"])
    base_median, base_cpu_median = statistics.median(walls["python -c pass"]), statistics.median(cpus["python -c pass"])
    print(f"\ncold start, best of {rounds} interleaved runs, [median] ({load()}):")
    for label in walls:
        if label in helps and label != "jixiao evaluate --help":
            continue
        took, spent = min(walls[label]), min(cpus[label])
        wall_median, cpu_median = statistics.median(walls[label]), statistics.median(cpus[label])
        target = ""
        if label in targets:
            verdict = "met" if took / base <= targets[label] and spent / base_cpu <= targets[label] else "NOT met"
            target = f" (target ≤ {targets[label]}×: {verdict})"
        print(f"  {label:38s} {took * 1000:7.1f} ms = {took / base:5.1f}× [{wall_median * 1000:7.1f} ms = "
              f"{wall_median / base_median:5.1f}×] python -c pass; CPU {spent * 1000:6.1f} ms = {spent / base_cpu:5.1f}× "
              f"[{cpu_median * 1000:6.1f} ms = {cpu_median / base_cpu_median:5.1f}×]{target}")


def audit_sizes() -> None:
    """The auditor's cost per KB for one document of 10 KB … 10 MB (made of the modelled reports)."""
    from jixiao.audit.api import audit_text

    pieces = [p.read_text(encoding="utf-8") for p in AUDIT_TEXTS]
    print("\nauditor, one document of growing size (the modelled seed reports repeated):")
    for kb in (10, 100, 1000, 10_000):
        text = ""
        i = 0
        while len(text.encode()) < kb * 1024:
            text += pieces[i % len(pieces)] + "\n"
            i += 1
        text = text.encode()[: kb * 1024].decode(errors="ignore")
        audit_text(text[:2000])
        ref = reference_seconds()
        start = time.perf_counter()
        report = audit_text(text)
        took = time.perf_counter() - start
        print(f"  {kb:6d} KB: {took:8.2f} s = {took * 1000 / kb:7.2f} ms per KB, {len(report.findings)} findings "
              f"(reference loop {ref:.3f} s)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000, help="department-years evaluated without files")
    parser.add_argument("--packages", type=int, default=10_000, help="department-years evaluated with packages")
    parser.add_argument("--reports", type=int, default=5_000, help="report texts audited")
    parser.add_argument("--engines", default="1,2,local:2")
    parser.add_argument("--skip-sizes", action="store_true", help="skip the 10 KB … 10 MB auditor run")
    parser.add_argument("--cold-only", action="store_true", help="only the start-up figures")
    parser.add_argument("--cold-rounds", type=int, default=7, help="interleaved rounds of the start-up figures")
    parser.add_argument("--memory-sizes", default="1000,4000",
                        help="package counts of the client-memory runs (comma-separated)")
    parser.add_argument("--memory-engines", default="2,local:2", help="engines of the client-memory runs")
    parser.add_argument("--memory-only", action="store_true", help="only the client-memory runs")
    parser.add_argument("--skip-memory", action="store_true", help="leave the client-memory runs out")
    args = parser.parse_args()
    if args.cold_only:
        cold_start(args.cold_rounds)
        return
    memory_sizes = [int(n) for n in args.memory_sizes.split(",")]
    if args.memory_only:
        tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-memory-"))
        try:
            client_memory(memory_sizes, args.memory_engines.split(","), tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    engines = args.engines.split(",")
    print(f"jixiao scale benchmark — {load()}; reference loop {reference_seconds():.3f} s")
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-scale-"))
    try:
        cold_start(args.cold_rounds)
        warm_costs()
        most = max(args.count, args.packages)
        write_departments(tmp / "departments", most)
        scores = tmp / "scores"
        scores.mkdir()
        for f in sorted((tmp / "departments").iterdir())[: args.count]:
            os.link(f, scores / f.name)
        batch_table("evaluate, scores only (no report files)", "department-years", args.count, engines,
                    lambda engine, out: ["evaluate", str(scores), *engine_args(engine)], tmp, full=10_000)
        packages = tmp / "packages"
        packages.mkdir()
        for f in sorted((tmp / "departments").iterdir())[: args.packages]:
            os.link(f, packages / f.name)
        batch_table(f"evaluate with report packages ({PACKAGE_FORMATS}) and summary.xlsx", "department-years",
                    args.packages, engines, lambda engine, out: package_command(packages, out, engine), tmp, full=10_000)
        kb = write_reports(tmp / "reports", args.reports)
        batch_table(f"audit ({kb:.1f} KB text reports) with findings written to .json", "reports", args.reports,
                    engines, lambda engine, out: ["audit", str(tmp / "reports"), "-o", str(out.with_suffix(".json")),
                                                  *engine_args(engine)], tmp, full=5_000)
        if not args.skip_memory:
            client_memory(memory_sizes, args.memory_engines.split(","), tmp)
        if not args.skip_sizes:
            audit_sizes()
        print(f"\nend — {load()}; reference loop {reference_seconds():.3f} s")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
