"""Measure the auditor on the labelled corpus: recall, false 错误 per report, coverage.

Run: .venv/bin/python scripts/measure_audit.py [corpus folder] [-v]
(`make measure` runs it on tests/audit/corpus.)
"""

from __future__ import annotations

import argparse
from pathlib import Path

from jixiao.audit.measure import by_kind, corpus_folders, measure_folder, summarize

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("corpus", nargs="?", default=str(ROOT / "tests" / "audit" / "corpus"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed, unchecked and false findings")
    args = ap.parse_args()
    results = [measure_folder(f) for f in corpus_folders(Path(args.corpus))]
    if args.verbose:
        for r in results:
            if r.error:
                print(f"{r.doc}: unreadable: {r.error}")
                continue
            print(f"{r.doc}: found {r.found}/{r.inconsistent}, checked {r.checked}/{r.labels}"
                  + (f", missed {r.missed}" if r.missed else "") + (f", unchecked {r.unchecked}" if r.unchecked else ""))
            for x in r.false:
                print(f"    false 错误: {x}")
    for kind, (labels, checked, bad, found) in sorted(by_kind(results).items()):
        print(f"kind {kind:<14} labels {labels:>4}  checked {checked:>4}  inconsistent {bad:>3}  found {found:>3}")
    totals = summarize(results)
    for name in sorted(totals, key=lambda k: (k != "all", k)):
        print(totals[name].line(name))


if __name__ == "__main__":
    main()
