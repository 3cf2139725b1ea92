"""Audit speed: ms per ~30 KB text report; cost per KB from 10 KB to 10 MB (it must stay flat: no
paragraph×claim loops); 1,000 to 4,000 paragraphs of one column word (CPU per paragraph must stay flat); 1,000 and
4,000 paragraphs of header words read as flattened tables (CPU per paragraph and the ratio, one run); the
one-cell-per-paragraph readers on 1,000 and 4,000 paragraphs of column words and a table whose totals head their
groups at 100 and 3,200 groups (CPU and the ratio, one run each); a 20-page PDF with tables (LibreOffice from a generated Word file), per page; and
throughput of a 1,000-report batch on 2 processes.

Run: .venv/bin/python benchmarks/bench_audit.py [--batch 1000] [--jobs 2] [--max-mb 10] [--no-pdf]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jixiao.audit import audit_path, audit_text
from jixiao.audit.batch import run_batch

SEEDS = Path(__file__).resolve().parent.parent / "tests" / "audit" / "data" / "modelled"
CORPUS = Path(__file__).resolve().parent.parent / "tests" / "audit" / "corpus"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--batch", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--max-mb", type=float, default=10, help="largest text for the cost-per-KB series")
    ap.add_argument("--no-pdf", action="store_true")
    args = ap.parse_args()
    seed = SEEDS / "seed_004.txt"  # the largest seed, ~30 KB
    size_kb = seed.stat().st_size / 1024
    audit_path(seed)  # warm imports
    times = []
    for _ in range(30):
        t = time.perf_counter()
        audit_path(seed)
        times.append((time.perf_counter() - t) * 1000)
    print(f"single report: {size_kb:.1f} KB, median {statistics.median(times):.1f} ms, "
          f"min {min(times):.1f} ms, max {max(times):.1f} ms (30 runs)")
    thirty_kb()
    per_kb_series(args.max_mb)
    column_word_paragraphs_series()
    header_words_series()
    paragraph_readers_series()
    grouped_table_series()
    if not args.no_pdf:
        pdf_pages(20)
    seeds = sorted(SEEDS.glob("seed_*.txt"))
    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-"))
    try:
        files = []
        for i in range(args.batch):
            f = tmp / f"report_{i:04d}.txt"
            shutil.copyfile(seeds[i % len(seeds)], f)
            files.append(f)
        total_kb = sum(f.stat().st_size for f in files) / 1024
        for jobs in (1, args.jobs):
            t = time.perf_counter()
            reports = list(run_batch(files, jobs=jobs))
            dt = time.perf_counter() - t
            findings = sum(len(r.findings) for r in reports)
            print(f"batch: {len(files)} reports ({total_kb / 1024:.1f} MB), {jobs} process(es): {dt:.2f} s, "
                  f"{len(files) / dt:.0f} reports/s, {findings} findings")
        print(f"cores available: {os.cpu_count()}")
    finally:
        shutil.rmtree(tmp)


def thirty_kb() -> None:
    """A 30 KB report (the largest seed followed by the start of the next, cut at a line end): wall and CPU
    time, with the load average beside them (the machine is shared)."""
    text = (SEEDS / "seed_004.txt").read_text(encoding="utf-8") + "\n" + (SEEDS / "seed_003.txt").read_text(encoding="utf-8")
    text = text.encode()[:30 * 1024].decode(errors="ignore")
    text = text[:text.rfind("\n")]
    audit_text(text)
    wall, cpu = [], []
    for _ in range(30):
        t, c = time.perf_counter(), time.process_time()
        audit_text(text)
        wall.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    print(f"30 KB report: {len(text.encode()) / 1024:.1f} KB, median {statistics.median(wall):.1f} ms wall, "
          f"{statistics.median(cpu):.1f} ms CPU (30 runs; load average {os.getloadavg()[0]:.2f})")


def _corpus_text() -> str:
    """Every labelled corpus document and the seeds: prose, 其中 lists and flattened tables."""
    docs = sorted(CORPUS.glob("*/doc.txt")) + sorted(SEEDS.glob("seed_*.txt"))
    return "\n".join(p.read_text(encoding="utf-8") for p in docs)


def per_kb_series(max_mb: float) -> None:
    """The same mix of documents repeated to 10 KB … max_mb: the cost per KB must not grow."""
    base = _corpus_text()
    audit_text(base[:2000])  # warm imports
    sizes = [10, 100, 1000]
    if max_mb * 1024 > 1000:
        sizes.append(int(max_mb * 1024))
    for kb in sizes:
        text = base * (kb * 1024 // len(base.encode()) + 1)
        text = text[: int(len(text) * kb * 1024 / len(text.encode()))]
        t = time.perf_counter()
        report = audit_text(text)
        dt = time.perf_counter() - t
        print(f"text {kb:>6} KB: {dt * 1000:9.0f} ms, {dt * 1000 / kb:6.2f} ms/KB, "
              f"{len(report.relations)} relations checked, {len(report.findings)} findings")


def column_word_paragraphs_series() -> None:
    """Paragraphs of one column word ("预算数", blank lines between): a header read from every paragraph must stop
    after a form's header words, not run on to the end (it did: 1,000 paragraphs 4.4 CPU s, 2,000 14.9 s)."""
    sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]
    from tests.audit.test_linear_time import column_word_paragraphs

    for n in (1000, 2000, 4000):
        text = column_word_paragraphs("预算数", n)
        c = time.process_time()
        audit_text(text)
        dt = time.process_time() - c
        print(f"{n:>5} paragraphs of one column word: {dt:6.2f} CPU s, {dt * 1000 / n:5.2f} ms CPU per paragraph")


def header_words_series() -> None:
    """Paragraphs of two header words in turn (本年收入合计 / 本年支出合计): every paragraph starts a run of header
    words, read up to MAX_HEADER_RUN words from each start, so each word is passed over by 24 runs. Its lookup is
    made once per token (jixiao.audit.flattened.HeaderWords; before: once per run, 1.1 ms CPU a paragraph, now about
    half). The two sizes are timed in one run: linear growth gives a ratio of 4."""
    from jixiao.audit.flattened import find_flattened

    def cpu(n: int) -> float:
        lines = "\n\n".join(["本年收入合计", "本年支出合计"] * (n // 2)).split("\n")
        c = time.process_time()
        find_flattened(lines, None, 0, frozenset())
        return time.process_time() - c

    cpu(100)  # warm
    small, big = cpu(1000), cpu(4000)
    print(f"header words, flattened-table reading: 1000 paragraphs {small:.2f} CPU s ({small:.2f} ms per paragraph), "
          f"4000 paragraphs {big:.2f} CPU s ({big / 4:.2f} ms per paragraph), ratio {big / small:.2f} (linear: 4)")


def paragraph_readers_series() -> None:
    """The readers of a table pasted one cell per paragraph (paracells: score forms and ledgers; paragrid: names and
    figures) over paragraphs cycling through column words: each looks a paragraph's column word up once, in one pass
    (before: once per header start, 0.10 and 0.13 ms CPU a paragraph)."""
    from jixiao.audit.paracells import paragraph_tables
    from jixiao.audit.paragrid import paragraph_grids

    def cpu(n: int) -> float:
        lines = "\n\n".join((["预算数", "分值", "一级指标", "得分", "指标说明"] * n)[:n]).split("\n")
        c = time.process_time()
        paragraph_tables(lines, None, 0, frozenset())
        paragraph_grids(lines, None, 0, frozenset())
        return time.process_time() - c

    cpu(100)  # warm
    small, big = cpu(1000), cpu(4000)
    print(f"one cell per paragraph, column words: 1000 paragraphs {small * 1000:.1f} ms CPU ({small:.4f} ms per "
          f"paragraph), 4000 paragraphs {big * 1000:.1f} ms CPU ({big / 4:.4f} ms per paragraph), ratio "
          f"{big / small:.2f} (linear: 4)")


def grouped_table_series() -> None:
    """A "|" table of three amount columns opening with its 合计, a 小计 heading each group of two rows: every total
    row asks how the section's totals stand to their rows, worked out once per section (before: once per total row
    and column, 3,200 groups over 120 CPU s)."""
    sys.path[:0] = [str(Path(__file__).resolve().parent.parent)]
    from tests.audit.test_linear_time import audit_cpu, grouped_table

    audit_cpu(grouped_table(10))  # warm
    small, big = audit_cpu(grouped_table(100)), audit_cpu(grouped_table(3200))
    print(f"table whose totals head their groups: 100 groups {small:.2f} CPU s, 3200 groups {big:.2f} CPU s, "
          f"ratio {big / small:.1f} (linear: 32)")


def pdf_pages(pages: int) -> None:
    """A report of about ``pages`` pages with a 评分表 and a 决算 table on every page, as a PDF."""
    import docx

    from jixiao.report.pdf import PdfUnavailable, docx_to_pdf

    tmp = Path(tempfile.mkdtemp(prefix="jixiao-bench-pdf-"))
    try:
        d = docx.Document()
        for page in range(1, pages + 1):
            d.add_paragraph(f"第{page}部分。本年度收入合计1,234.56万元，其中：财政拨款收入1,200.00万元，其他收入34.56万元；"
                            "支出合计1,180.20万元，完成预算1,300.00万元的90.78%，比上年增加80.20万元，增长7.29%。")
            t = d.add_table(rows=7, cols=6)
            t.style = "Table Grid"
            rows = [["一级指标", "二级指标", "三级指标", "分值", "指标值", "得分"],
                    ["产出指标（40分）", "数量指标", f"完成任务{page}项", "20", "100%", "20"],
                    ["", "质量指标", "验收合格率", "20", "98%", "19"],
                    ["效益指标（50分）", "社会效益", "服务覆盖率", "30", "95%", "28"],
                    ["", "可持续影响", "制度健全", "20", "完成", "20"],
                    ["满意度（10分）", "满意度", "群众满意度", "10", "96%", "9.5"],
                    ["总分", "", "", "100", "", "96.5"]]
            for r, row in enumerate(rows):
                for c, v in enumerate(row):
                    t.cell(r, c).text = v
            d.add_paragraph("项目\t预算数\t决算数")
            d.add_page_break()
        d.save(str(tmp / "report.docx"))
        try:
            pdf = docx_to_pdf(tmp / "report.docx", tmp)
        except PdfUnavailable as exc:
            print(f"pdf: skipped ({exc})")
            return
        audit_path(pdf)  # warm
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            report = audit_path(pdf)
            times.append(time.perf_counter() - t0)
        import pdfplumber

        with pdfplumber.open(str(pdf)) as p:
            n = len(p.pages)
        best = min(times)
        print(f"pdf: {n} pages with tables, {best:.2f} s (best of 3), {best * 1000 / n:.0f} ms/page, "
              f"{len(report.relations)} relations checked, {len(report.findings)} findings")
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main()
