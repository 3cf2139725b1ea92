"""Store benchmark: import + evaluate generated department-years into SQLite and PostgreSQL; compare; size.

    .venv/bin/python benchmarks/bench_store.py [--count 10000] [--skip-postgres]

Prints figures; it is not a timed test. The department-years are generated from the five examples with
varied figures (tests/store/generate.py); `compare` runs over one year's ranking group of the same size.
PostgreSQL runs on a private server started like the tests' (tests/servers/postgres.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

from tests.store.generate import generate, write_files  # noqa: E402

from jixiao.store import Database, Store  # noqa: E402
from jixiao.store.migrate import upgrade  # noqa: E402


def run(url: str, files: list[Path], label: str, size: Callable[[], int] | None = None) -> None:
    db = Database.open(url)
    upgrade(db)
    db.dispose()
    with Store.open(url) as store:
        start = time.perf_counter()
        outcomes = store.import_paths(files, user="bench")
        took = time.perf_counter() - start
        failed = [o for o in outcomes if o.status.value == "failed"]
        print(f"{label}: imported+evaluated {len(files) - len(failed)} department-years in {took:.1f} s "
              f"= {len(files) / took:.0f} per second ({1000 * took / len(files):.1f} ms each); failed {len(failed)}")
        years = sorted({o.year for o in outcomes if o.year})
        for year in years[:1]:
            store.compare(year)  # warm caches
            times = []
            for _ in range(5):
                t0 = time.perf_counter()
                c = store.compare(year)
                times.append(time.perf_counter() - t0)
            ref = reference_seconds()
            print(f"{label}: compare --year {year} over {c.count} department-years: best {min(times):.3f} s, "
                  f"median {sorted(times)[2]:.3f} s (reference loop {ref:.3f} s; best ÷ reference = "
                  f"{min(times) / ref:.1f})")
        if size is not None:
            n = store.counts()["department_year"]
            total = size()
            print(f"{label}: database size {total / 1024 / 1024:.1f} MB = {total / n / 1024:.1f} KB per department-year")


def reference_seconds() -> float:
    """A fixed pure-Python workload, to tell a slow or shared machine from slow code (typically ~0.05 s)."""
    start = time.perf_counter()
    total = 0
    for i in range(1_000_000):
        total += i
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-store-"))
    try:
        wanzhou = generate(args.count, seed=1, names=("wanzhou-2020",))
        files = write_files(tmp / "in", wanzhou)
        print(f"{len(files)} generated department-years (重庆市万州区 2020, varied figures), "
              f"{sum(f.stat().st_size for f in files) / len(files) / 1024:.1f} KB per file (JSON)")
        sqlite_file = tmp / "bench.db"
        run(f"sqlite:///{sqlite_file}", files, "SQLite",
            lambda: sum(p.stat().st_size for p in tmp.glob("bench.db*")))
        if not args.skip_postgres:
            from tests.servers.postgres import start_server

            base = Path(tempfile.mkdtemp(prefix="jixiao-bench-pg-"))
            server = start_server(base)
            try:
                name = server.create_database()

                def pg_size() -> int:
                    with server.connect(name) as conn:
                        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
                        assert row is not None
                        return int(str(row[0]))

                run(server.url(name), files, "PostgreSQL", pg_size)
            finally:
                server.stop()
                shutil.rmtree(base, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
