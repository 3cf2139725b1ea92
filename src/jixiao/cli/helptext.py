"""``jixiao COMMAND --help`` without typer: each command's help page as typer prints it, stored.

typer turns a command's parameters into runtime parameters through pydantic before it prints a help
page, so ``jixiao evaluate --help`` through typer costs ~16× ``python -c pass`` (docs/scale.md). The
pages are plain text that changes only when a command's options or help change, so
:mod:`jixiao.cli._helps` holds every one of them, rendered by typer itself (:func:`render`, with
``python -m jixiao.cli.helptext --write``), and the entry point prints the stored page for a plain
``jixiao COMMAND [SUBCOMMAND] --help``. ``tests/test_cli_help.py`` renders every page again through
typer and requires the stored text to be the same, so a changed option fails the tests until the pages
are written again.

A page is stored as click lays it out for a terminal of 80 columns or more (and for output that is not a
terminal); for a narrower terminal, or another program name (``python -m jixiao``) that would change how
click lays out the usage line, typer prints it as before.
"""

from __future__ import annotations

import sys
from pathlib import Path

PROG = "jixiao"
WIDTH_COLUMNS = 80  # click's help is at most 78 wide: the same page for any terminal at least this wide
HELP_WIDTH = WIDTH_COLUMNS - 2
USAGE = "用法："  # jixiao.cli.chinese.USAGE (not imported: that module imports typer)


def stored(path: list[str], prog: str = PROG) -> str | None:
    """The help page of the command ``path`` (``["db", "upgrade"]``) for the program name ``prog``, when it is
    stored and click would print the same here; None to leave it to typer."""
    if not path or any(p.startswith("-") for p in path):
        return None
    import shutil

    if shutil.get_terminal_size().columns < WIDTH_COLUMNS:  # click measures the terminal the same way
        return None
    from jixiao.cli._helps import HELPS

    page = HELPS.get(" ".join(path))
    if page is None or prog == PROG:
        return page
    return _renamed(page, prog)


def _renamed(page: str, prog: str) -> str | None:
    """``page`` with another program name (``python -m jixiao``) in its usage line, when click lays that line
    out the same way: on one line, with room for 20 characters after the name (click's rule), both for
    ``jixiao`` and for ``prog``. None otherwise."""
    usage, _, rest = page.partition("\n")
    if not rest.startswith("\n") or not usage.startswith(f"{USAGE}{PROG} "):  # the usage line was wrapped
        return None
    command = usage[len(USAGE):].split(" [", 1)[0]  # "jixiao db upgrade"
    renamed = f"{USAGE}{prog}{usage[len(USAGE) + len(PROG):]}"
    prefix = len(USAGE) + len(command) - len(PROG) + len(prog) + 1
    if len(renamed) > HELP_WIDTH or prefix + 20 > HELP_WIDTH:
        return None
    return f"{renamed}\n{rest}"


def command_paths() -> list[tuple[str, ...]]:
    """Every command and sub-command of the typer app, in the app's order."""
    import typer.main

    from jixiao.cli.app import app

    def walk(command: object, path: tuple[str, ...]) -> list[tuple[str, ...]]:
        subs: dict[str, object] = getattr(command, "commands", {})
        return [path, *(p for name, sub in subs.items() for p in walk(sub, (*path, name)))]

    return walk(typer.main.get_command(app), ())[1:]


def render(path: tuple[str, ...], prog: str = PROG) -> str:
    """``jixiao PATH --help`` as the typer app prints it (80 columns, program name ``prog``)."""
    import contextlib
    import io
    import os

    from jixiao.cli.app import app
    from jixiao.cli.chinese import install

    install()
    buffer = io.StringIO()
    columns = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(WIDTH_COLUMNS)
    try:
        with contextlib.redirect_stdout(buffer):
            code = app(args=[*path, "--help"], prog_name=prog, standalone_mode=False)
    finally:
        if columns is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = columns
    assert code in (0, None), (path, code)
    return buffer.getvalue()


def source() -> str:
    """The text of :mod:`jixiao.cli._helps`."""
    lines = ['"""Every command\'s help page as typer prints it: written by ``python -m jixiao.cli.helptext --write``',
             "(see :mod:`jixiao.cli.helptext`); do not edit by hand.\"\"\"", "", "HELPS: dict[str, str] = {"]
    lines += [f"    {' '.join(path)!r}: {render(path)!r}," for path in command_paths()]
    return "\n".join([*lines, "}", ""])


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit("usage: python -m jixiao.cli.helptext --write")
    Path(__file__).with_name("_helps.py").write_text(source(), encoding="utf-8")
