"""A partial covering index of first-level indicator scores, for `jixiao compare` over thousands of departments.

Revision ID: 0004
Revises: 0003
Create Date: 2025-01-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    where = sa.text("level = 1")
    op.create_index("ix_indicator_score_top", "indicator_score", ["evaluation_id", "position", "name", "score"],
                    sqlite_where=where, postgresql_where=where)


def downgrade() -> None:
    op.drop_index("ix_indicator_score_top", table_name="indicator_score")
