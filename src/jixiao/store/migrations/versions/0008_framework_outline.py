"""`framework_version.outline`: what `jixiao compare` needs of a framework (total, grade order, first-level
indicators and weights) as JSON text, so comparing loads no framework. Filled from each stored framework text.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    from jixiao.store.assign import framework_from_text, outline

    # NOT NULL from the start, with a placeholder default for the rows filled just below: SQLite cannot drop a
    # column default or NOT NULL-ify a column without rebuilding the table, and a rebuild of framework_version
    # fails its foreign keys. PostgreSQL drops the default again; on SQLite it stays, unused (every writer sets it).
    op.add_column("framework_version", sa.Column("outline", sa.Text(), nullable=False, server_default=""))
    conn = op.get_bind()
    versions = sa.table("framework_version", sa.column("id", sa.Integer()), sa.column("content", sa.Text()),
                        sa.column("outline", sa.Text()))
    for vid, content in conn.execute(sa.select(versions.c.id, versions.c.content)).all():
        conn.execute(versions.update().where(versions.c.id == vid)
                     .values(outline=outline(framework_from_text(content))))
    if conn.dialect.name != "sqlite":
        op.alter_column("framework_version", "outline", server_default=None)


def downgrade() -> None:
    op.drop_column("framework_version", "outline")  # SQLite ≥ 3.35: ALTER TABLE … DROP COLUMN, no rebuild
