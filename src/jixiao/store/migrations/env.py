"""Alembic environment for the store; run through jixiao.store.migrate (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from jixiao.store import web_tables as _web_tables  # noqa: F401  (the web app's tables join Base.metadata)
from jixiao.store.tables import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only through jixiao.store.migrate
    raise RuntimeError("run migrations through jixiao.store.migrate")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
