"""result.json: the whole evaluation as data (Decimals as strings, nothing lost)."""

from __future__ import annotations

import json

from jixiao.report.writers import Package

RESULT_JSON = "result.json"


def write(package: Package) -> dict[str, bytes]:
    text = json.dumps(package.result.to_dict(), ensure_ascii=False, indent=2) + "\n"
    return {RESULT_JSON: text.encode("utf-8")}
