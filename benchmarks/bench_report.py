"""Time report packages (docx + two xlsx + charts, no PDF): cold, as one command, or warm, as a batch.

Cold (default): `jixiao evaluate INPUT -o DIR` in a fresh process each run, imports included, as a user
would run it. Target: at most 1.5 s.
Warm (``--warm``): one process with the libraries loaded, as a batch worker renders packages
(issue 15: at most 100 ms each); generated department-years, the whole package as the batch makes it
(read, evaluate, write, read back) and the share of each part (content, charts, workbooks, docx)
measured on the same inputs in the same run.

Usage: .venv/bin/python benchmarks/bench_report.py [INPUT] [RUNS]
       .venv/bin/python benchmarks/bench_report.py --warm [COUNT]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.5
WARM_TARGET_MS = 100
PACKAGE = ("docx", "xlsx", "png")


def warm(count: int) -> None:
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    from tests.store.generate import as_json, generate

    from jixiao.batch.evaluation import EvaluateOptions, evaluate_input
    from jixiao.batch.runner import Input
    from jixiao.engine.evaluate import evaluate
    from jixiao.frameworks import get_framework
    from jixiao.report.charts import render_chart
    from jixiao.report.content import build_report
    from jixiao.report.docx import render_docx
    from jixiao.report.xlsx import data_workbook, scoring_workbook

    dys = list(generate(count + 3, seed=3))
    items = [Input(f"{dy.profile.code}.json", as_json(dy).encode()) for dy in dys]
    options = EvaluateOptions(formats=PACKAGE)
    for item in items[:3]:  # fonts, styles and caches loaded once, as in a batch worker
        evaluate_input(item, options)
    whole, cpu = [], []
    parts: dict[str, list[float]] = {"content": [], "charts": [], "workbooks": [], "docx": []}
    with tempfile.TemporaryDirectory() as tmp:
        for item, dy in zip(items[3:], dys[3:], strict=True):  # interleaved: load on the machine hits both alike
            start, start_cpu = time.perf_counter(), time.process_time()
            evaluate_input(item, options)
            whole.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            fw = get_framework(dy.framework or "national-2013")
            result = evaluate(dy, fw)
            t0 = time.perf_counter()
            report = build_report(dy, result, fw)
            t1 = time.perf_counter()
            images = {}
            for spec in report.charts:
                path = Path(tmp) / spec.filename
                path.write_bytes(render_chart(spec))
                images[spec.key] = path
            t2 = time.perf_counter()
            scoring_workbook(result, report.doc_date)
            data_workbook(dy, result, report.doc_date)
            t3 = time.perf_counter()
            render_docx(report, images)
            t4 = time.perf_counter()
            for key, took in zip(parts, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
                parts[key].append(took)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    median = statistics.median(whole) * 1000
    print(f"warm report packages ({', '.join(PACKAGE)}, no PDF), {count} generated department-years, one process:")
    print(f"  whole package (read, evaluate, render, files as bytes): median {median:.0f} ms, "
          f"best {min(whole) * 1000:.0f} ms, max {max(whole) * 1000:.0f} ms; CPU time median "
          f"{statistics.median(cpu) * 1000:.0f} ms, best {min(cpu) * 1000:.0f} ms (what load stretches least)")
    total = sum(sum(v) for v in parts.values())
    for key, times in parts.items():
        print(f"  {key:10s} median {statistics.median(times) * 1000:6.1f} ms  best {min(times) * 1000:6.1f} ms  "
              f"share {sum(times) / total * 100:3.0f}%")
    print(f"  target ≤ {WARM_TARGET_MS} ms: {'met' if median <= WARM_TARGET_MS else 'NOT met'} (median)")
    print(f"  cpus {os.cpu_count()}, load average {load:.2f} (other work on the machine slows this down)")


def _arguments(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input", nargs="?", type=Path, default=ROOT / "examples" / "wanzhou-2020.yaml",
                    help="department-year to evaluate (cold runs; default examples/wanzhou-2020.yaml)")
    ap.add_argument("runs", nargs="?", type=int, default=7, help="cold runs after one warm-up (default 7)")
    ap.add_argument("--warm", nargs="?", type=int, const=40, metavar="COUNT",
                    help="time COUNT packages in one process instead (default 40)")
    args = ap.parse_args(argv)
    if args.warm is None and not args.input.is_file():
        ap.error(f"找不到输入文件 {args.input}")
    if (args.runs if args.warm is None else args.warm) < 1:
        ap.error("次数应至少为 1")
    return args


def main() -> None:
    args = _arguments()
    if args.warm is not None:
        warm(args.warm)
        return
    source: Path = args.input
    runs: int = args.runs
    exe = ROOT / ".venv" / "bin" / "jixiao"
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(runs + 1):
            out = Path(tmp) / f"run{i}"
            start = time.perf_counter()
            subprocess.run([str(exe), "evaluate", str(source), "-o", str(out)], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            if i > 0:  # the first run warms the OS file cache and matplotlib's font cache
                times.append(elapsed)
        files = sorted(p.name for p in (Path(tmp) / "run1").iterdir())
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"jixiao evaluate {source.name} -o DIR（完整报告包，不含 PDF），{runs} 次冷启动：")
    print(f"  files: {', '.join(files)}")
    print(f"  min {min(times):.3f} s   median {statistics.median(times):.3f} s   max {max(times):.3f} s")
    print(f"  target ≤ {TARGET_S} s: {'met' if statistics.median(times) <= TARGET_S else 'NOT met'} (median)")
    print(f"  cpus {os.cpu_count()}, load average {load:.2f} (other work on the machine slows this down)")


if __name__ == "__main__":
    main()
