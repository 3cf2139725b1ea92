"""One narrow row per department-year with its current evaluation and key ratios, for `jixiao compare`.

`compare` read the ratios from `revision`, whose rows also carry the source file and the model JSON (on
SQLite it walked their overflow pages to reach the ratios). Filled from the current evaluations already stored.

Revision ID: 0007
Revises: 0006
Create Date: 2025-01-06
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RATES = ("rate_budget_execution", "rate_carryover", "rate_three_public_control", "rate_staff_control")


def upgrade() -> None:
    op.create_table(
        "compare_peer",
        sa.Column("department_year_id", sa.Integer(), nullable=False),
        sa.Column("evaluation_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("region_id", sa.Integer(), nullable=False),
        sa.Column("framework_version_id", sa.Integer(), nullable=False),
        sa.Column("department_id", sa.Integer(), nullable=False),
        sa.Column("total", sa.Numeric(precision=12, scale=6), nullable=False),
        sa.Column("grade", sa.String(length=20), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("missing_count", sa.Integer(), nullable=False),
        *(sa.Column(name, sa.Numeric(precision=15, scale=6), nullable=True) for name in RATES),
        sa.ForeignKeyConstraint(["department_year_id"], ["department_year.id"],
                                name=op.f("fk_compare_peer_department_year_id_department_year")),
        sa.ForeignKeyConstraint(["evaluation_id"], ["evaluation.id"],
                                name=op.f("fk_compare_peer_evaluation_id_evaluation")),
        sa.ForeignKeyConstraint(["region_id"], ["region.id"], name=op.f("fk_compare_peer_region_id_region")),
        sa.ForeignKeyConstraint(["framework_version_id"], ["framework_version.id"],
                                name=op.f("fk_compare_peer_framework_version_id_framework_version")),
        sa.ForeignKeyConstraint(["department_id"], ["department.id"],
                                name=op.f("fk_compare_peer_department_id_department")),
        sa.PrimaryKeyConstraint("department_year_id", name=op.f("pk_compare_peer")),
        sa.UniqueConstraint("evaluation_id", name=op.f("uq_compare_peer_evaluation_id")),
    )
    op.create_index("ix_compare_peer_year", "compare_peer", ["year", "region_id", "framework_version_id"])
    rates = ", ".join(f"r.{name}" for name in RATES)
    op.execute(
        "INSERT INTO compare_peer (department_year_id, evaluation_id, year, region_id, framework_version_id, "
        f"department_id, total, grade, complete, missing_count, {', '.join(RATES)}) "
        "SELECT dy.id, e.id, dy.year, d.region_id, e.framework_version_id, d.id, e.total, e.grade, e.complete, "
        f"e.missing_count, {rates} "
        "FROM evaluation e JOIN revision r ON r.id = e.revision_id "
        "JOIN department_year dy ON dy.id = r.department_year_id JOIN department d ON d.id = dy.department_id "
        "WHERE e.current"
    )


def downgrade() -> None:
    op.drop_index("ix_compare_peer_year", table_name="compare_peer")
    op.drop_table("compare_peer")
