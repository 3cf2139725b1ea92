"""Units each department lists under 下属单位, so that a 二级单位 gets its parent whichever is imported first.

Filled from the stored revisions' data for databases that already hold departments.

Revision ID: 0006
Revises: 0005
Create Date: 2025-01-05
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    unit = op.create_table(
        "department_unit",
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"],
                                name=op.f("fk_department_unit_department_id_department")),
        sa.PrimaryKeyConstraint("department_id", "name", name=op.f("pk_department_unit")),
    )
    op.create_index(op.f("ix_department_unit_name"), "department_unit", ["name"], unique=False)
    conn = op.get_bind()
    rows = conn.execute(sa.text(
        "SELECT dy.department_id, r.data FROM revision r JOIN department_year dy ON dy.id = r.department_year_id"))
    found: set[tuple[int, str]] = set()
    for department_id, data in rows:
        value = json.loads(data) if isinstance(data, str | bytes) else data
        units = ((value or {}).get("profile") or {}).get("subordinate_units") or []
        found.update((int(department_id), str(name)) for name in units if name)
    if found:
        op.bulk_insert(unit, [{"department_id": d, "name": n} for d, n in sorted(found)])


def downgrade() -> None:
    op.drop_index(op.f("ix_department_unit_name"), table_name="department_unit")
    op.drop_table("department_unit")
