"""Intake speed: writing and reading the example workbooks. Prints figures; asserts nothing.

Run: .venv/bin/python benchmarks/bench_intake.py
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from jixiao.intake.template import workbook_bytes
from jixiao.intake.workbook import read_workbook
from jixiao.model.load import load_department

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ROUNDS = 10


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for source in sorted(EXAMPLES.glob("*.yaml")):
            dy, _ = load_department(source)
            assert dy is not None
            start = time.perf_counter()
            for _ in range(ROUNDS):
                data = workbook_bytes(dy)
            write_ms = (time.perf_counter() - start) / ROUNDS * 1000
            path = Path(tmp) / f"{source.stem}.xlsx"
            path.write_bytes(data)
            start = time.perf_counter()
            for _ in range(ROUNDS):
                back, _ = read_workbook(path)
            read_ms = (time.perf_counter() - start) / ROUNDS * 1000
            assert back == dy
            print(f"{source.stem:16s} {len(data) / 1024:6.1f} KiB  write {write_ms:6.1f} ms  read {read_ms:6.1f} ms")


if __name__ == "__main__":
    main()
