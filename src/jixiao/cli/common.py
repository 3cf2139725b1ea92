"""What several commands share: the two consoles, a framework by id or file, the store.

Kept apart from :mod:`jixiao.cli.app` (which imports every command module) so that a command's
helpers can use them without importing the app back, and free of typer: the installed entry point runs
``jixiao evaluate FILE`` without it (:mod:`jixiao.cli.evaluate_run`). A command ends with ``SystemExit(code)``:
click lets it through to :func:`jixiao.cli.failures.run`, which returns its code, as click's own
``typer.Exit`` becomes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, cast

from jixiao.findings import Finding, InputError

if TYPE_CHECKING:
    from rich.console import Console

    from jixiao.frameworks.schema import Framework
    from jixiao.store import Database, Store


class _LazyConsole:
    """A rich ``Console`` made on first use: importing rich costs more than the rest of ``jixiao --help``,
    which prints through click and needs none (see tests/test_startup.py)."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def _real(self) -> Console:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return self._console

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real(), name)

    # Special methods bypass __getattr__; rich's Live (progress bars) uses the console as a context manager.
    def __enter__(self) -> Console:
        return self._real().__enter__()

    def __exit__(self, *exc: object) -> None:
        self._real().__exit__(*exc)


# emoji=False: a department's own text is printed as written (rich would turn ":thumbs_up:" into an emoji)
out = cast("Console", _LazyConsole(highlight=False, soft_wrap=True, markup=False, emoji=False))
err = cast("Console", _LazyConsole(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False))


def exit_with_findings(findings: list[Finding], code: int = 1) -> NoReturn:
    import sys

    from jixiao.cli.plain import console_target, finding_pieces

    target = console_target(sys.stderr)
    pieces = None if target is None else finding_pieces(findings, target[1])
    if pieces is None:
        from jixiao.cli.render import print_findings

        print_findings(err, findings)
    else:  # what rich would write, without importing its console (jixiao/cli/plain.py)
        for piece in pieces:
            sys.stderr.write(piece)
            sys.stderr.flush()
    raise SystemExit(code)


def framework_or_exit(ref: str) -> Framework:
    """The framework named by id or file; any problem is printed in Chinese and exits 1."""
    from jixiao.frameworks import FrameworkNotFound, get_framework

    try:
        return get_framework(ref)
    except FrameworkNotFound as exc:
        err.print(f"[错误] {exc}", markup=False)
        raise SystemExit(1) from None
    except InputError as exc:
        exit_with_findings(exc.findings)




def workbook_output_or_exit(output: Path, force: bool) -> None:
    """Before any work: ``output`` names an .xlsx file that does not exist yet (or ``force``) in a folder that
    does; otherwise the reason, naming the file, is printed in Chinese and the command exits 1."""
    if output.suffix.lower() != ".xlsx":
        problem = "输出文件应以 .xlsx 结尾"
    elif output.exists() and not force:
        problem = "文件已存在，未覆盖；如需覆盖请加 --force"
    elif not output.parent.is_dir():
        problem = f"目录 {output.parent} 不存在"
    else:
        return
    err.print(f"[错误] 文件 {output}：{problem}", markup=False)
    raise SystemExit(1)


@contextmanager
def open_database(db: str | None) -> Iterator[Database]:
    """The database, schema checked; every store problem is printed in Chinese and exits 1. Loads no framework,
    model or engine (what `jixiao compare` needs; the other store commands use :func:`open_store`)."""
    from sqlalchemy.exc import SQLAlchemyError

    from jixiao.store import Database, StoreError
    from jixiao.store.migrate import check_schema

    try:
        database = Database.open(db)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except SQLAlchemyError as exc:
        raise _fail(f"无法连接数据库：{db_error(exc)}") from None
    try:
        try:
            check_schema(database)
        except SQLAlchemyError as exc:
            raise _fail(f"无法连接数据库：{db_error(exc)}") from None
        yield database
    except StoreError as exc:
        raise _fail(str(exc)) from None
    except SQLAlchemyError as exc:
        raise _fail(f"数据库错误：{db_error(exc)}") from None
    finally:
        database.dispose()


@contextmanager
def open_store(db: str | None) -> Iterator[Store]:
    """The store, schema checked; every store problem is printed in Chinese and exits 1."""
    from jixiao.store import Store

    with open_database(db) as database:
        yield Store(database)


def db_error(exc: Exception) -> str:
    """The first line of the database's own message."""
    orig = getattr(exc, "orig", None)
    return str(orig or exc).strip().splitlines()[0] if str(orig or exc).strip() else type(exc).__name__


def _fail(message: str) -> SystemExit:
    err.print(f"[错误] {message}", markup=False)
    return SystemExit(1)
