"""Benchmark: a 30-page 部门决算 PDF read, mapped and checked (target: under 3 s). Prints figures.

The PDF is made once by LibreOffice from the Shanghai-layout test document with its 功能分类 tables
lengthened (more 款/项 rows, so each table runs over several pages with its header repeated) and its
情况说明 repeated, until it has at least 30 pages.
"""

from __future__ import annotations

import copy
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.final.render import load, to_docx, to_pdf  # noqa: E402

SOURCE = ROOT / "tests/final/corpus/shanghai-putuo-sthjj-2025"


def long_document(copies: int) -> list[dict]:
    blocks = copy.deepcopy(load(SOURCE))
    for b in blocks:
        t = b.get("table")
        if not t or t["title"] not in ("收入决算表", "支出决算表", "一般公共预算财政拨款支出决算表"):
            continue
        head, body = t["rows"][: t["header"]], t["rows"][t["header"]:]
        extra = []
        for k in range(1, copies):
            for row in body:
                code = row[0]
                if code.isdigit() and len(code) in (5, 7):
                    extra.append([code[:3] + f"{(int(code[3:5]) + 10 * k) % 100:02d}" + code[5:], *row[1:]])
        t["rows"] = head + body + extra
    prose = [b for b in blocks if "paragraph" in b][-40:]
    return blocks + prose * 2


def main() -> None:
    from pdfplumber import open as open_pdf

    from jixiao.final.checks import STRUCTURE_RULES
    from jixiao.final.mapping import map_accounts, to_department
    from jixiao.final.prose import all_prose
    from jixiao.final.readers import read_source
    from jixiao.final.recognise import recognise

    with tempfile.TemporaryDirectory() as tmp:
        copies = 4
        while True:
            docx = Path(tmp) / "long.docx"
            to_docx(long_document(copies), docx)
            pdf = to_pdf([docx], Path(tmp))[0]
            with open_pdf(pdf) as p:
                pages = len(p.pages)
            if pages >= 30 or copies > 12:
                break
            copies += 2
        runs = []
        cpu = []
        for _ in range(3):
            c0 = time.process_time()
            t0 = time.perf_counter()
            src = read_source(pdf)
            t1 = time.perf_counter()
            fa = recognise(src)
            t2 = time.perf_counter()
            mapped = map_accounts(fa)
            to_department(fa, mapped)
            t3 = time.perf_counter()
            checks = [c for rule in STRUCTURE_RULES.values() for c in rule(fa)] + all_prose(fa)
            t4 = time.perf_counter()
            runs.append((t1 - t0, t2 - t1, t3 - t2, t4 - t3, t4 - t0))
            cpu.append(time.process_time() - c0)
        best = min(runs, key=lambda r: r[4])
        rows = sum(len(t.lines) for t in fa.tables.values())
        print(f"决算 PDF: {pages} pages, {len(fa.tables)} tables, {rows} table lines, {len(mapped)} mapped fields, {len(checks)} checks")
        print(f"read {best[0]:.3f} s ({best[0] / pages * 1000:.0f} ms/page), recognise {best[1]:.3f} s, map {best[2]:.3f} s, "
              f"check {best[3]:.3f} s; total {best[4]:.3f} s (best of 3; target < 3 s) "
              f"-> {'OK' if best[4] < 3 else 'SLOW'}")
        load = os.getloadavg()[0]
        print(f"CPU time of the whole read-map-check {min(cpu):.3f} s ({min(cpu) / pages * 1000:.0f} ms/page; "
              f"scaled to 30 pages {min(cpu) / pages * 30:.3f} s); machine load average {load:.1f} on {os.cpu_count()} cores "
              "(wall time above includes waiting for a core)")


if __name__ == "__main__":
    main()
