"""The installed ``jixiao`` entry point: as little as possible before the real CLI.

``jixiao --help`` is printed from the command registry; ``jixiao evaluate FILE`` with plain options runs
without typer (:func:`jixiao.cli.evaluate_run.parse_light`); everything else goes to the typer app, which
builds only the command asked for. When the command will write a report package, the chart process is forked here,
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
    from jixiao.cli.stdout import echo, guard_stdout

    guard_stdout()
    args = [a for a in sys.argv[1:] if a != "--debug"]
    if not args or args[0] == "--help":  # the list of commands: no typer, no command built
        echo(top_help(_prog()))
        return
    if args[-1] == "--help":  # a command's help page, stored as typer prints it (jixiao.cli.helptext)
        from jixiao.cli.helptext import stored

        page = stored(args[:-1], _prog())
        if page is not None:
            echo(page)
            return
    select(args)  # build only the command asked for
    if _writes_package(sys.argv[1:]):
        from jixiao.report.chartpool import start_early

        start_early()
    if args[0] == "evaluate":
        _evaluate_light()
    from jixiao.cli.app import main as run

    run()


def _evaluate_light() -> None:
    """``jixiao evaluate FILE`` without typer, ended as the typer app ends a command (exit codes, signals,
    ``--debug``, the messages of :mod:`jixiao.cli.failures`); returns without doing anything when the
    command line is for typer to parse."""
    from jixiao.cli.evaluate_run import parse_light

    if any(k.startswith("_") and k.endswith("_COMPLETE") for k in os.environ):  # click's shell completion
        return
    parsed = parse_light([a for a in sys.argv[1:] if a != "--debug"][1:])
    if parsed is None:
        return
    from jixiao.cli.common import err
    from jixiao.cli.evaluate_run import run_evaluate
    from jixiao.cli.failures import exit_with, install_signal_handlers, run, take_debug_flag

    def command() -> None:
        try:
            run_evaluate(parsed)
        except KeyboardInterrupt as exc:  # as typer's main: exit 130, no message
            raise SystemExit(130) from exc

    debug = take_debug_flag(sys.argv)
    install_signal_handlers()
    exit_with(run(command, err, debug))

