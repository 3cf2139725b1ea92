"""The installed ``jixiao`` entry point: as little as possible before the real CLI.

When the command will write a report package, the chart process is forked here,
before typer and rich are imported, so that its slow matplotlib import overlaps
with everything the main process does.
"""

from __future__ import annotations

import os
import sys

_VALUE_OPTIONS = {"-o", "--output", "-f", "--framework", "--format", "--db", "-j", "--jobs", "--cluster", "--style"}


def _writes_package(argv: list[str]) -> bool:
    """``evaluate`` of one file with ``-o``: the single-file package (a batch renders on its workers)."""
    if not argv or argv[0] != "evaluate":
        return False
    positional: list[str] = []
    output = False
    args = iter(argv[1:])
    for a in args:
        if a in _VALUE_OPTIONS:
            output = output or a in ("-o", "--output")
            next(args, None)
        elif a.startswith("--output="):
            output = True
        elif not a.startswith("-"):
            positional.append(a)
    return output and len(positional) == 1 and not os.path.isdir(positional[0])


def _prog() -> str:
    """The program name as click shows it."""
    first = os.path.basename(sys.argv[0]) if sys.argv else "jixiao"
    return "python -m jixiao" if first == "__main__.py" else first


def main() -> None:
    from jixiao.cli.commands import select, top_help

    args = [a for a in sys.argv[1:] if a != "--debug"]
    if not args or args[0] == "--help":  # the list of commands: no typer, no command built
        sys.stdout.write(top_help(_prog()))
        sys.stdout.flush()
        return
    select(args)  # build only the command asked for
    if _writes_package(sys.argv[1:]):
        from jixiao.report.chartpool import start_early

        start_early()
    from jixiao.cli.app import main as run

    run()
