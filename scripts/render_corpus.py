"""Render the documents of a labelled set that have a source.yaml as .xlsx, .docx (real tables) and .pdf
(LibreOffice), then measure the auditor on each format.

Run: .venv/bin/python scripts/render_corpus.py OUT_DIR [--no-pdf] [--set tests/audit/heldout6]
(default set: tests/audit/corpus).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.audit.corpus_render import CORPUS, render_all, sources  # noqa: E402

from jixiao.audit.documents import read_document  # noqa: E402
from jixiao.audit.measure import load_labels, measure_document, summarize  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out")
    ap.add_argument("--no-pdf", action="store_true")
    ap.add_argument("--set", default=str(CORPUS), help="labelled set whose source.yaml documents are rendered")
    args = ap.parse_args()
    labelled = Path(args.set).resolve()
    rendered = render_all(Path(args.out), sources(labelled), pdf=not args.no_pdf)
    results = []
    for name, files in rendered.items():
        folder = labelled / name
        meta, labels = load_labels(folder)
        results.append(measure_document(read_document(folder / "doc.txt"), labels, meta, "txt", True)[0])
        for fmt, path in files.items():
            res, _ = measure_document(read_document(path), labels, meta, fmt, False)
            results.append(res)
            print(f"{name} {fmt}: checked {res.checked}/{res.labels}, found {res.found}/{res.inconsistent}"
                  + (f", missed {res.missed}" if res.missed else "") + (f", false {res.false}" if res.false else ""))
    for key, t in sorted(summarize(results).items()):
        if key.startswith(("all", "format")):
            print(t.line(key))


if __name__ == "__main__":
    main()
