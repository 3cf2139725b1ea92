"""Regenerate examples/<stem>.xlsx from every examples/<stem>.yaml (deterministic output).

Run: .venv/bin/python scripts/build_example_workbooks.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.findings import has_errors
from jixiao.frameworks import FrameworkNotFound, get_framework
from jixiao.intake.template import write_workbook
from jixiao.model.load import load_department

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def main() -> int:
    failed = 0
    for source in sorted(EXAMPLES.glob("*.yaml")):
        dy, findings = load_department(source)
        if dy is None or has_errors(findings):
            failed += 1
            print(f"跳过 {source.name}：数据有错误", file=sys.stderr)
            for f in findings:
                print("  " + f.render(), file=sys.stderr)
            continue
        fw = None
        if dy.framework:
            try:
                fw = get_framework(dy.framework)
            except FrameworkNotFound:
                print(f"{source.name}：框架「{dy.framework}」尚未内置，管理评价表只列出数据中已有的事项", file=sys.stderr)
        target = source.with_suffix(".xlsx")
        write_workbook(target, dy, fw, force=True)
        print(f"{source.name} -> {target.name}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
