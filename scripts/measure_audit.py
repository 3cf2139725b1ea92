"""Measure the auditor on the labelled sets: recall, false 错误 per report, coverage.

Run: .venv/bin/python scripts/measure_audit.py [folder ...] [-v]
(`make measure` runs it on all fourteen sets.) Without folders it measures the main corpus (tests/audit/corpus, the
documents the rules were built on), the held-out set (tests/audit/heldout, documents the rules were not built on,
since used for development), the second held-out set (tests/audit/heldout2, measured once in session 3), the third
(tests/audit/heldout3, measured once at the end of session 4), the fourth (tests/audit/heldout4, blind, measured once
in session 5), the fifth (tests/audit/heldout5, blind, measured once in session 6), the sixth (tests/audit/heldout6,
measured once in session 7), the seventh (tests/audit/heldout7, blind, measured once in session 8), the eighth
(tests/audit/heldout8, blind, measured once in session 9), the ninth (tests/audit/heldout9, blind, measured at the end
of session 10), the tenth (tests/audit/heldout10, blind, measured once in session 11), the
eleventh (tests/audit/heldout11, blind, measured once in session 12), the twelfth (tests/audit/heldout12, blind,
measured once in session 13) and the thirteenth (tests/audit/heldout13, blind,
measured once in session 14) separately;
every line is labelled with its set, "corpus", "held-out", "held-out-2", "held-out-3", "held-out-4", "held-out-5",
"held-out-6", "held-out-7", "held-out-8", "held-out-9", "held-out-10", "held-out-11", "held-out-12" or "held-out-13".
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from jixiao.audit.measure import by_kind, corpus_folders, measure_folder, summarize

ROOT = Path(__file__).resolve().parent.parent
SETS = {
    "corpus": ROOT / "tests" / "audit" / "corpus",
    "held-out": ROOT / "tests" / "audit" / "heldout",
    "held-out-2": ROOT / "tests" / "audit" / "heldout2",
    "held-out-3": ROOT / "tests" / "audit" / "heldout3",
    "held-out-4": ROOT / "tests" / "audit" / "heldout4",
    "held-out-5": ROOT / "tests" / "audit" / "heldout5",
    "held-out-6": ROOT / "tests" / "audit" / "heldout6",
    "held-out-7": ROOT / "tests" / "audit" / "heldout7",
    "held-out-8": ROOT / "tests" / "audit" / "heldout8",
    "held-out-9": ROOT / "tests" / "audit" / "heldout9",
    "held-out-10": ROOT / "tests" / "audit" / "heldout10",
    "held-out-11": ROOT / "tests" / "audit" / "heldout11",
    "held-out-12": ROOT / "tests" / "audit" / "heldout12",
    "held-out-13": ROOT / "tests" / "audit" / "heldout13",
}


def measure(name: str, folder: Path, verbose: bool) -> None:
    results = [measure_folder(f) for f in corpus_folders(folder)]
    print(f"== {name}: {os.path.relpath(folder, ROOT)}")
    if verbose:
        for r in results:
            if r.error:
                print(f"{r.doc}: unreadable: {r.error}")
                continue
            print(
                f"{r.doc}: found {r.found}/{r.inconsistent}, checked {r.checked}/{r.labels}"
                + (f", missed {r.missed}" if r.missed else "")
                + (f", unchecked {r.unchecked}" if r.unchecked else "")
            )
            for x in r.false:
                print(f"    false 错误: {x}")
    for kind, (labels, checked, bad, found) in sorted(by_kind(results).items()):
        print(
            f"{name} kind {kind:<14} labels {labels:>4}  checked {checked:>4}  inconsistent {bad:>3}  found {found:>3}"
        )
    totals = summarize(results)
    for key in sorted(totals, key=lambda k: (k != "all", k)):
        print(totals[key].line(f"{name} {key}"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folders", nargs="*", help="labelled sets to measure (default: all eleven sets)")
    ap.add_argument("-v", "--verbose", action="store_true", help="list missed, unchecked and false findings")
    args = ap.parse_args()
    sets = {Path(f).name: Path(f) for f in args.folders} if args.folders else SETS
    for name, folder in sets.items():
        measure(name, folder, args.verbose)


if __name__ == "__main__":
    main()
