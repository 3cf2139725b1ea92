"""The store: every department and every year in a database (SQLite by default, PostgreSQL when shared).

Public API (the CLI, the web app and the batch runner use only this):
:class:`Store` (import, evaluate under the assigned framework, list, history,
compare, export, assignments, change log, audit batches), :class:`Database`
and the migration functions in :mod:`jixiao.store.migrate`.
"""

from jixiao.store import web_tables as _web_tables  # noqa: F401  (the web app's tables join Base.metadata)
from jixiao.store.database import Database, SchemaOutdated, StoreError, database_url, describe
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
