"""The charts as PNG files (:mod:`jixiao.report.charts`, drawn by the chart worker)."""

from __future__ import annotations

from jixiao.report.writers import Package


def write(package: Package) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in package.charts().values()}
