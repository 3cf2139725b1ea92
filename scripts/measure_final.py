"""Print recall, false alarms per document and coverage of the 部门决算 rules on the labelled set.

Renders every document of tests/final/corpus as .docx, .xlsx and (LibreOffice) .pdf, reads each with the
决算 reader, and compares the checks with the hand labels. Usage: .venv/bin/python scripts/measure_final.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.final.render import render_all  # noqa: E402

from jixiao.final.measure import measure, summary  # noqa: E402


def main() -> None:
    folders = sorted(p for p in (ROOT / "tests/final/corpus").iterdir() if (p / "labels.yaml").exists())
    with tempfile.TemporaryDirectory() as tmp:
        files = render_all(folders, Path(tmp))
        scores = measure(folders, files)
    for s in scores:
        print(f"{s.name:48} labels {s.labels:4}  covered {s.covered:4}  inconsistent {s.inconsistent:3}  found {s.found:3}"
              f"  false 错误 {len(s.false_errors)}  false 提示 {len(s.false_hints)}")
        for m in s.missed:
            print(f"    missed: {m}")
        for f in s.false_errors:
            print(f"    false 错误: {f}")
        for f in s.false_hints:
            print(f"    false 提示: {f}")
        for f in s.severity_mismatch:
            print(f"    severity differs: {f}")
    total = summary(scores)
    print(f"documents {total['documents']}, labelled relations {total['labels']}, inconsistent {total['inconsistent']}")
    print(f"recall {total['recall']:.1%}, coverage {total['coverage']:.1%}, "
          f"false 错误 per 10 documents {total['false_errors_per_10_documents']:.2f}, "
          f"false 提示 per document {total['false_hints_per_document']:.2f}")


if __name__ == "__main__":
    main()
