"""The store: every department and every year in a database (SQLite by default, PostgreSQL when shared).

Public API (the CLI, the web app and the batch runner use only this):
:class:`Store` (import, evaluate under the assigned framework, list, history,
compare, export, assignments, change log, audit batches), :class:`Database`
and the migration functions in :mod:`jixiao.store.migrate`.

The service and importing names load on first use (PEP 562): `jixiao compare` reads through
:mod:`jixiao.store.compare_read` and never loads the ORM tables, the frameworks, the model or the engine.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from jixiao.store.database import Database, SchemaOutdated, StoreError, database_url, describe

if TYPE_CHECKING:
    from jixiao.store.importing import ImportOutcome, ImportStatus, Source
    from jixiao.store.service import (
        AssignOutcome,
        ChangeEntry,
        DepartmentHistory,
        DepartmentRef,
        DepartmentYearSummary,
        RevisionInfo,
        Store,
        YearHistory,
        default_user,
    )

_LAZY = {
    **dict.fromkeys(("ImportOutcome", "ImportStatus", "Source"), "jixiao.store.importing"),
    **dict.fromkeys(("AssignOutcome", "ChangeEntry", "DepartmentHistory", "DepartmentRef", "DepartmentYearSummary",
                     "RevisionInfo", "Store", "YearHistory", "default_user"), "jixiao.store.service"),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AssignOutcome",
    "ChangeEntry",
    "Database",
    "DepartmentHistory",
    "DepartmentRef",
    "DepartmentYearSummary",
    "ImportOutcome",
    "ImportStatus",
    "RevisionInfo",
    "SchemaOutdated",
    "Source",
    "Store",
    "StoreError",
    "YearHistory",
    "database_url",
    "default_user",
    "describe",
]
