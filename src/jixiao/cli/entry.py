"""The installed ``jixiao`` entry point: as little as possible before the real CLI.

When the command will write a report package, the chart process is forked here,
before typer and rich are imported, so that its slow matplotlib import overlaps
with everything the main process does.
"""

from __future__ import annotations

import sys


def _writes_package(argv: list[str]) -> bool:
    return bool(argv) and argv[0] == "evaluate" and any(
        a in ("-o", "--output") or a.startswith("--output=") for a in argv[1:]
    )


def main() -> None:
    if _writes_package(sys.argv[1:]):
        from jixiao.report.chartpool import start_early

        start_early()
    from jixiao.cli.app import main as run

    run()
