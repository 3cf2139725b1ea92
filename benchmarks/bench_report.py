"""Time a cold `jixiao evaluate INPUT -o DIR` writing the whole package (no PDF), several runs.

Each run is a fresh process (imports included), as a user would run it. Target: at most 1.5 s.
Usage: .venv/bin/python benchmarks/bench_report.py [INPUT] [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_S = 1.5


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "examples" / "wanzhou-2020.yaml"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 7
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
