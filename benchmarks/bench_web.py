"""Web app under load: concurrent clients uploading workbooks and fetching results from ``jixiao serve``.

Each client belongs to one of the five seed departments and loops until the time
is up: upload a workbook (a re-submission: the seed's data with the client's own
填报人, so every upload is a new revision), fetch its result from the JSON API,
then its result page. Prints requests/s, p50/p95/p99 latency per kind and the
errors; then checks in the store that every accepted upload is there. Only
loopback traffic; bounded in time and count.

Run: .venv/bin/python benchmarks/bench_web.py [--clients 50] [--seconds 60] [--workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from jixiao.model.records import replace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.web.live import serve  # noqa: E402
from tests.web.site import EXAMPLES, PASSWORD, SEEDS, build  # noqa: E402

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
USERS = {"wanzhou-2020": "wz", "guangzhou-2021": "gz", "nanchang-2017": "nc", "shaoguan-2022": "sg", "zhanjiang-2023": "zj"}
MAX_REQUESTS = 100_000  # a hard stop besides the clock


@dataclass
class Stats:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    accepted: list[tuple[int, str]] = field(default_factory=list)  # (submission id, 填报人 sent)
    requests: int = 0

    def record(self, kind: str, seconds: float, ok: bool, sample: str = "") -> None:
        self.requests += 1
        self.latencies.setdefault(kind, []).append(seconds)
        if not ok:
            self.errors[kind] = self.errors.get(kind, 0) + 1
            if len(self.error_samples) < 5:
                self.error_samples.append(f"{kind}: {sample[:200]}")


def variants(seed: str, count: int) -> list[tuple[str, bytes]]:
    """(填报人, workbook bytes): the seed's data re-submitted by different preparers.

    One workbook is written per seed; the variants differ only in the 填报人 text, replaced
    in the worksheet XML (same length, so nothing else moves)."""
    import io
    import zipfile

    from jixiao.intake.template import workbook_bytes
    from jixiao.model.load import load_department

    dy, _ = load_department(EXAMPLES / f"{seed}.yaml")
    assert dy is not None
    marker = f"bench-{seed[:2]}-0000"  # ASCII: stored as is in the worksheet's inline string
    base = workbook_bytes(replace(dy, **{"profile": replace(dy.profile, **{"preparer": marker})}))
    with zipfile.ZipFile(io.BytesIO(base)) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    holder = next(name for name, data in parts.items() if marker.encode() in data)
    out = []
    for i in range(count):
        who = f"bench-{seed[:2]}-{i:04d}"
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            for name, data in parts.items():
                z.writestr(name, data.replace(marker.encode(), who.encode()) if name == holder else data)
        out.append((who, buf.getvalue()))
    return out


async def login(client: httpx.AsyncClient, name: str) -> None:
    page = await client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    r = await client.post("/login", data={"username": name, "password": PASSWORD, "csrf_token": token.group(1)})
    assert r.status_code == 303, r.status_code


async def one_client(base: str, token: str, browser: httpx.AsyncClient, work: list[tuple[str, bytes]], offset: int,
                     deadline: float, stats: Stats) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as api:
        headers = {"Authorization": f"Bearer {token}"}
        i = offset
        while time.monotonic() < deadline and stats.requests < MAX_REQUESTS:
            who, body = work[i % len(work)]
            i += 7
            start = time.perf_counter()
            try:
                r = await api.post("/api/v1/submissions", headers=headers, files={"file": (f"{who}.xlsx", body, XLSX)})
                ok = r.status_code == 201
                stats.record("upload", time.perf_counter() - start, ok, f"{r.status_code} {r.text}")
            except httpx.HTTPError as exc:
                stats.record("upload", time.perf_counter() - start, False, repr(exc))
                continue
            if not ok:
                continue
            sid = int(r.json()["id"])
            stats.accepted.append((sid, who))
            for kind, client, path in (("result-api", api, f"/api/v1/submissions/{sid}"),
                                       ("result-page", browser, f"/submissions/{sid}")):
                start = time.perf_counter()
                try:
                    got = await client.get(path, headers=headers if client is api else None)
                    stats.record(kind, time.perf_counter() - start, got.status_code == 200,
                                 f"{got.status_code} {got.text}")
                except httpx.HTTPError as exc:
                    stats.record(kind, time.perf_counter() - start, False, repr(exc))


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def verify(url: str, accepted: list[tuple[int, str]], seed_revisions: int) -> tuple[int, int]:
    """(accepted uploads found in the store with the data sent, revisions in the store)."""
    from sqlalchemy import func, select

    from jixiao.store.database import Database
    from jixiao.store.tables import Revision

    db = Database.open(url)
    try:
        with db.reading() as session:
            found = 0
            for sid, who in accepted:
                rev = session.get(Revision, sid)
                if rev is not None and rev.data["profile"].get("preparer") == who:
                    found += 1
            total = session.scalar(select(func.count()).select_from(Revision)) or 0
    finally:
        db.dispose()
    return found, total - seed_revisions


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--variants", type=int, default=60, help="distinct workbooks per department")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="jixiao-bench-web-") as tmp:
        folder = Path(tmp)
        t0 = time.perf_counter()
        site = build(folder)
        seeds = list(SEEDS)
        work = {seed: variants(seed, args.variants) for seed in seeds}
        from jixiao.store.database import Database
        from jixiao.web.accounts import issue_token

        db = Database.open(site.url)
        tokens = {seed: db.write(lambda s, u=USERS[seed]: issue_token(s, u, "bench")) for seed in seeds}
        db.dispose()
        print(f"prepared store and {sum(len(w) for w in work.values())} workbooks in {time.perf_counter() - t0:.1f} s")
        stats = Stats()
        with serve(site.url, folder / "data", folder / "server.log", extra=["--workers", str(args.workers)]) as base:
            async def run() -> float:
                browsers = [httpx.AsyncClient(base_url=base, timeout=120) for _ in range(args.clients)]
                start = time.perf_counter()
                for i, b in enumerate(browsers):  # one session per client, before the clock starts
                    await login(b, USERS[seeds[i % len(seeds)]])
                print(f"{args.clients} clients logged in (argon2) in {time.perf_counter() - start:.1f} s")
                deadline = time.monotonic() + args.seconds
                start = time.perf_counter()
                await asyncio.gather(*(
                    one_client(base, tokens[seeds[i % len(seeds)]], browsers[i], work[seeds[i % len(seeds)]], i,
                               deadline, stats)
                    for i in range(args.clients)))
                elapsed = time.perf_counter() - start
                for b in browsers:
                    await b.aclose()
                return elapsed

            elapsed = asyncio.run(run())
        print(f"{args.clients} clients, {elapsed:.1f} s, {args.workers} worker process(es), SQLite store")
        print(f"requests: {stats.requests}  ({stats.requests / elapsed:.1f} requests/s)  "
              f"errors: {sum(stats.errors.values())}")
        everything = [v for vs in stats.latencies.values() for v in vs]
        for kind, values in [*sorted(stats.latencies.items()), ("all", everything)]:
            if values:
                print(f"  {kind:12s} n={len(values):5d}  p50 {pct(values, 0.5):7.0f} ms  p95 {pct(values, 0.95):7.0f} ms"
                      f"  p99 {pct(values, 0.99):7.0f} ms  mean {statistics.fmean(values) * 1000:7.0f} ms"
                      f"  errors {stats.errors.get(kind, 0)}")
        for sample in stats.error_samples:
            print(f"  error sample: {sample}")
        found, stored = verify(site.url, stats.accepted, len(SEEDS))
        distinct = len({sid for sid, _ in stats.accepted})
        print(f"accepted uploads: {len(stats.accepted)} ({distinct} distinct revisions); found in the store with the "
              f"data sent: {found}; new revisions in the store: {stored}")
        if not stats.accepted:
            print("NO UPLOAD ACCEPTED")
        else:
            print("nothing lost" if found == len(stats.accepted) and stored == distinct else "MISMATCH: uploads lost or extra")


if __name__ == "__main__":
    main()
