"""Run every atheris target for a time budget, seeded from the repository's own examples.

Usage: ``python fuzz/run.py [SECONDS_PER_TARGET] [TARGET ...]`` (``make fuzz`` passes
``FUZZ_SECONDS``, default 60). Corpora grow in ``.fuzz/<target>/corpus``; a crash is saved as
``.fuzz/<target>/crash-*`` and makes this script exit 1.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fuzz"))
from targets import TARGETS  # noqa: E402

SEEDS: dict[str, list[Path]] = {
    "yaml": [*ROOT.glob("examples/*.yaml"), *ROOT.glob("src/jixiao/frameworks/data/*.yaml")],
    "json": [],
    "formula": [],
    "workbook": list(ROOT.glob("examples/*.xlsx")),
    "audit-text": list(ROOT.glob("tests/audit/corpus/*/doc.txt"))[:40],
    "docx": [],
    "pdf": [],
}
FORMULAS = ["budget.initial / budget.final * 100", "min(staffing.actual, 3) - abs(-2)", "(1e3 + 2) / 0"]


def seed(name: str, corpus: Path) -> None:
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    for i, path in enumerate(SEEDS[name]):
        shutil.copy(path, corpus / f"seed-{i}{path.suffix}")
    if name == "formula":
        for i, text in enumerate(FORMULAS):
            (corpus / f"seed-{i}").write_text(text, encoding="utf-8")
    if name == "json":
        (corpus / "seed-0").write_text('{"profile": {"name": "x", "year": 2023}, "budget": {"initial": 1.5}}',
                                       encoding="utf-8")


def main(argv: list[str]) -> int:
    seconds = int(argv[0]) if argv and argv[0].isdigit() else 60
    names = [a for a in argv if not a.isdigit()] or list(TARGETS)
    failed = []
    for name in names:
        work = ROOT / ".fuzz" / name
        corpus = work / "corpus"
        seed(name, corpus)
        path = os.pathsep.join(p for p in (str(ROOT / "src"), os.environ.get("PYTHONPATH", "")) if p)
        env = {**os.environ, "JIXIAO_FUZZ_TARGET": name, "PYTHONPATH": path}
        cmd = [sys.executable, str(ROOT / "fuzz" / "targets.py"), str(corpus), f"-max_total_time={seconds}",
               "-rss_limit_mb=2048", "-timeout=30", f"-artifact_prefix={work}/", "-print_final_stats=1"]
        print(f"== {name}: {seconds} s", flush=True)
        code = subprocess.run(cmd, env=env, cwd=work, check=False).returncode
        if code != 0:
            failed.append(name)
    if failed:
        print(f"crashes in: {', '.join(failed)} (see .fuzz/<target>/)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
