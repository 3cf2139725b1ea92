"""Shared paths and expectations for the audit tests (imported as a plain module)."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).parent / "data"


def seed_path(seed: str) -> Path:
    return DATA / f"seed_{seed}.txt"



SEED_FINDINGS: dict[str, list[tuple[str, str, str, str, str]]] = {
    "000": [("rate", "错误", "第121行", "89.8%", "89.50%")],
    "001": [],
    "002": [("sum", "错误", "第40行", "26名", "28名")],
    "003": [
        ("share", "提示", "第25行", "0.04%", "0.05%"),
        ("sum", "错误", "第26行", "226.86万元", "226.75万元"),
    ],
    "004": [
        ("rate", "错误", "第113行", "97.65%", "93.26%"),
        ("sum", "错误", "第115行", "91.82万元", "91.76万元"),
        ("unit", "错误", "第107行", "7.44元", "7.44万元"),
        ("overspend", "提示", "第113行", "13.88万元", "≤10万元"),
    ],
}
