"""Store benchmark: import + evaluate generated department-years into SQLite and PostgreSQL; compare; size.

    .venv/bin/python benchmarks/bench_store.py [--count 10000] [--jobs 2] [--skip-postgres] [--skip-sqlite]
                                               [--keep DIR | --reuse DIR]

``--keep DIR`` keeps both databases in DIR (a new folder); ``--reuse DIR`` measures only compare on the
databases kept there (no generating, no importing: re-measure compare after a change in a minute).

Prints figures; it is not a timed test. The department-years are generated from an example with varied
figures (tests/store/generate.py: budget execution, “三公” spending, carry-over, staffing, identity); each is
one JSON file, imported with `Store.import_paths` (what `jixiao import DIR --jobs N` runs). PostgreSQL runs on
a private server started like the tests' (tests/servers/postgres.py: initdb into a temporary folder, an
unprivileged user when run as root, a free loopback port).

Figures printed, and what they mean:
* import: wall seconds and department-years per second, and the CPU seconds of this process and of the
  worker processes (CPU time does not grow when other programs share the machine; wall time does);
* compare: `Store.compare(year)` over all of them, read from the narrow `compare_peer` rows (migration 0007):
  best and median of --repeat calls, after one warm-up,
  and the whole command `jixiao compare --year Y --db …` in a fresh process (best of 3: interpreter start,
  imports, query, ranking and printing the tables);
* the database size per department-year; the load average next to every figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
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

YEAR = 2020  # the year of every generated department-year (the wanzhou-2020 example)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f} on {os.cpu_count()} CPUs"


def cpu() -> tuple[float, float]:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime


def cli_seconds(url: str, year: int, tries: int = 3) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    env.pop("JIXIAO_DATABASE_URL", None)
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "jixiao", "compare", "--year", str(year), "--db", url],
                              capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL, check=False)
        took = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"jixiao compare failed: {done.stderr[-2000:]}")
        best = min(best, took)
    return best


def print_plans(store: Store, year: int) -> None:
    """The database's plan for the two queries of `compare` (PostgreSQL: as executed, with timings)."""
    from jixiao.store.compare_read import compare_queries

    sqlite = store.db.dialect == "sqlite"
    with store.db.engine.connect() as conn:
        for query in compare_queries(year, dialect=store.db.dialect):
            sql = str(query.compile(store.db.engine, compile_kwargs={"literal_binds": True}))
            prefix = "EXPLAIN QUERY PLAN " if sqlite else "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
            lines = [str(r[-1]) if sqlite else str(r[0]) for r in conn.exec_driver_sql(prefix + sql)]
            print("  plan: " + "\n        ".join(lines), flush=True)


def run(url: str, files: list[Path] | None, label: str, jobs: int, repeat: int, size: Callable[[], int]) -> None:
    """Import ``files`` (None: the database is already filled, see --reuse), then measure compare."""
    db = Database.open(url)
    upgrade(db)
    db.dispose()
    with Store.open(url) as store:
        if files is not None:
            print(f"{label}: before import, {load()}", flush=True)
            own0, kids0 = cpu()
            start = time.perf_counter()
            outcomes = store.import_paths(files, user="bench", jobs=jobs)
            took = time.perf_counter() - start
            own1, kids1 = cpu()
            failed = [o for o in outcomes if o.status.value == "failed"]
            n = len(files)
            print(f"{label}: imported+evaluated {n - len(failed)} department-years (failed {len(failed)}) with "
                  f"--jobs {jobs} in {took:.1f} s = {n / took:.0f} per second ({1000 * took / n:.1f} ms each); CPU: "
                  f"this process {own1 - own0:.1f} s ({1000 * (own1 - own0) / n:.1f} ms each), workers "
                  f"{kids1 - kids0:.1f} s; {load()}", flush=True)
            if store.db.dialect == "postgresql":
                # What autovacuum does within a minute of a bulk load; measured right away, compare would also pay
                # for visibility checks of 40,000 fresh index entries (the plan's "Heap Fetches").
                start = time.perf_counter()
                with store.db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.exec_driver_sql("VACUUM ANALYZE")
                print(f"{label}: VACUUM ANALYZE after the import (as autovacuum would): "
                      f"{time.perf_counter() - start:.1f} s", flush=True)
        year = YEAR
        c = store.compare(year)  # warm-up
        times = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            c = store.compare(year)
            times.append(time.perf_counter() - t0)
        times.sort()
        print(f"{label}: Store.compare(year={year}) over {c.count} department-years: best {times[0]:.3f} s, "
              f"median {times[len(times) // 2]:.3f} s of {repeat}; {load()}", flush=True)
        print(f"{label}: whole command `jixiao compare --year {year}` (new process, best of 3): "
              f"{cli_seconds(url, year):.2f} s; {load()}", flush=True)
        print_plans(store, year)
        stored = store.counts()["department_year"]
        total = size()
        print(f"{label}: database size {total / 1024 / 1024:.1f} MB = {total / stored / 1024:.1f} KB per "
              f"department-year ({stored} stored)", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--jobs", type=int, default=2, help="worker processes reading and evaluating files")
    parser.add_argument("--repeat", type=int, default=7, help="Store.compare calls timed (after one warm-up)")
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--skip-sqlite", action="store_true")
    kept = parser.add_mutually_exclusive_group()
    kept.add_argument("--keep", type=Path, help="keep both databases in this new folder")
    kept.add_argument("--reuse", type=Path, help="measure compare only, on the databases kept in this folder")
    args = parser.parse_args()
    print(subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip(), flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-store-"))
    where = args.reuse or args.keep or tmp
    if args.keep is not None:
        args.keep.mkdir(parents=True)
    try:
        files = None
        if args.reuse is None:
            files = write_files(tmp / "in", generate(args.count, seed=1, names=("wanzhou-2020",)))
            print(f"{len(files)} generated department-years (重庆市万州区 {YEAR}, varied figures), "
                  f"{sum(f.stat().st_size for f in files) / len(files) / 1024:.1f} KB per file (JSON)", flush=True)
        if not args.skip_sqlite:
            run(f"sqlite:///{where / 'bench.db'}", files, "SQLite", args.jobs, args.repeat,
                lambda: sum(p.stat().st_size for p in where.glob("bench.db*")))
        if not args.skip_postgres:
            from tests.servers.postgres import start_server

            base = where / "pg" if where is not tmp else Path(tempfile.mkdtemp(prefix="jixiao-bench-pg-"))
            base.mkdir(exist_ok=True)
            server = start_server(base)
            try:
                if files is None:
                    with server.connect() as conn:
                        name = str(conn.execute("SELECT datname FROM pg_database WHERE datname LIKE 't\\_%'")
                                   .fetchall()[0][0])
                else:
                    name = server.create_database()

                def pg_size() -> int:
                    with server.connect(name) as conn:
                        conn.execute("CHECKPOINT")
                        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
                        assert row is not None
                        return int(str(row[0]))

                run(server.url(name), files, "PostgreSQL", args.jobs, args.repeat, pg_size)
            finally:
                server.stop()
                if base.parent != where:
                    shutil.rmtree(base, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip(), flush=True)


if __name__ == "__main__":
    main()
