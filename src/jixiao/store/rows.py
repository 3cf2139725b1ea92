"""Small row helpers shared by the store's services: race-free insert-or-get, time, the change log."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from jixiao.store.tables import Base, ChangeLogEntry, Region


def now() -> datetime:
    return datetime.now(UTC)


def insert_or_get(session: Session, model: type[Base], unique: dict[str, Any], values: dict[str, Any]) -> int:
    """The id of the row with ``unique`` values, inserted with ``values`` when absent.

    ``SELECT``; when absent ``INSERT … ON CONFLICT DO NOTHING`` and ``SELECT`` again: when another transaction
    inserts the same key at the same time, PostgreSQL waits for it and SQLite has
    already serialised the writers, so the select finds exactly one row.
    """
    table = model.__table__
    assert isinstance(table, Table)
    columns = table.c
    query = select(columns.id)
    for name, value in unique.items():
        query = query.where(columns[name] == value)
    found = session.execute(query).scalar_one_or_none()
    if found is not None:
        return int(found)
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = insert(table).values(**unique, **values).on_conflict_do_nothing(index_elements=list(unique))
    session.execute(stmt)
    return int(session.execute(query).scalar_one())


def region_id(session: Session, name: str | None) -> int:
    return insert_or_get(session, Region, {"name": name or ""}, {})


def log_entry(actor: str, action: str, subject: str, **detail: Any) -> dict[str, Any]:
    """One change-log row (for :func:`log_many`)."""
    return {"at": now(), "actor": actor, "action": action, "subject": subject, "detail": detail}


def log(session: Session, actor: str, action: str, subject: str, **detail: Any) -> None:
    """Append one entry to the change log."""
    log_many(session, [log_entry(actor, action, subject, **detail)])


def log_many(session: Session, entries: list[dict[str, Any]]) -> None:
    """Append entries to the change log in one statement."""
    if entries:
        session.execute(insert(ChangeLogEntry), entries)
