"""Key ratios per revision (预算执行率, 结转结余率, “三公”经费控制率, 在职人员控制率) for `jixiao compare`.

Revision ID: 0003
Revises: 0001
Create Date: 2025-01-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("rate_budget_execution", "rate_carryover", "rate_three_public_control", "rate_staff_control")


def upgrade() -> None:
    with op.batch_alter_table("revision") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Numeric(precision=15, scale=6), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("revision") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
