"""Initial schema: regions, departments, department-years with revisions, evaluations, frameworks, audit, change log.

Money columns are NUMERIC(15, 6) (万元), scores NUMERIC(12, 6); see jixiao.store.types for why 15 digits.
The change log is append-only: triggers refuse UPDATE and DELETE in both databases.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('audit_batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('document_count', sa.Integer(), nullable=False),
    sa.Column('finding_count', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_batch'))
    )
    op.create_table('change_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=50), nullable=False),
    sa.Column('subject', sa.String(length=1000), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_change_log'))
    )
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_change_log_at'), ['at'], unique=False)

    op.create_table('framework_version',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('framework_id', sa.String(length=200), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('region', sa.String(length=200), nullable=True),
    sa.Column('year', sa.Integer(), nullable=True),
    sa.Column('bundled', sa.Boolean(), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_framework_version')),
    sa.UniqueConstraint('sha256', name=op.f('uq_framework_version_sha256'))
    )
    with op.batch_alter_table('framework_version', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_framework_version_framework_id'), ['framework_id'], unique=False)

    op.create_table('region',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('bureau', sa.String(length=200), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_region')),
    sa.UniqueConstraint('name', name=op.f('uq_region_name'))
    )
    op.create_table('audit_finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('document', sa.String(length=1000), nullable=False),
    sa.Column('rule', sa.String(length=100), nullable=False),
    sa.Column('severity', sa.String(length=20), nullable=False),
    sa.Column('location', sa.String(length=200), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.Column('stated', sa.String(length=200), nullable=False),
    sa.Column('expected', sa.String(length=200), nullable=False),
    sa.Column('explanation', sa.Text(), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['audit_batch.id'], name=op.f('fk_audit_finding_batch_id_audit_batch')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_finding'))
    )
    with op.batch_alter_table('audit_finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_finding_batch_id'), ['batch_id'], unique=False)

    op.create_table('department',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=500), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=True),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('level', sa.String(length=100), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['department.id'], name=op.f('fk_department_parent_id_department')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_department_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department')),
    sa.UniqueConstraint('key', name=op.f('uq_department_key'))
    )
    with op.batch_alter_table('department', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_name'), ['name'], unique=False)
        batch_op.create_index(batch_op.f('ix_department_region_id'), ['region_id'], unique=False)

    op.create_table('framework_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('framework_version_id', sa.Integer(), nullable=False),
    sa.Column('assigned_by', sa.String(length=200), nullable=False),
    sa.Column('assigned_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['framework_version_id'], ['framework_version.id'], name=op.f('fk_framework_assignment_framework_version_id_framework_version')),
    sa.ForeignKeyConstraint(['region_id'], ['region.id'], name=op.f('fk_framework_assignment_region_id_region')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_framework_assignment')),
    sa.UniqueConstraint('region_id', 'year', name=op.f('uq_framework_assignment_region_id_year'))
    )
    op.create_table('department_year',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('latest_revision', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['department_id'], ['department.id'], name=op.f('fk_department_year_department_id_department')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_department_year')),
    sa.UniqueConstraint('department_id', 'year', name=op.f('uq_department_year_department_id_year'))
    )
    with op.batch_alter_table('department_year', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_department_year_year'), ['year'], unique=False)

    op.create_table('revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('department_year_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('source_name', sa.String(length=1000), nullable=False),
    sa.Column('source_format', sa.String(length=20), nullable=False),
    sa.Column('source_sha256', sa.String(length=64), nullable=False),
    sa.Column('source_bytes', sa.LargeBinary(), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('data_sha256', sa.String(length=64), nullable=False),
    sa.Column('imported_by', sa.String(length=200), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('budget_final', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('revenue_total', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('fiscal_appropriation', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('expenditure_total', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('expenditure_basic', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('expenditure_project', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('carryover', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('assets_total', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('three_public_budget', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('three_public_actual', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('staff_authorized', sa.Integer(), nullable=True),
    sa.Column('staff_actual', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['department_year_id'], ['department_year.id'], name=op.f('fk_revision_department_year_id_department_year')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_revision')),
    sa.UniqueConstraint('department_year_id', 'number', name=op.f('uq_revision_department_year_id_number'))
    )
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_revision_source_sha256'), ['source_sha256'], unique=False)

    op.create_table('evaluation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('framework_version_id', sa.Integer(), nullable=False),
    sa.Column('prior_revision_id', sa.Integer(), nullable=True),
    sa.Column('current', sa.Boolean(), nullable=False),
    sa.Column('total', sa.Numeric(precision=12, scale=6), nullable=False),
    sa.Column('max_total', sa.Numeric(precision=12, scale=6), nullable=False),
    sa.Column('grade', sa.String(length=20), nullable=True),
    sa.Column('complete', sa.Boolean(), nullable=False),
    sa.Column('missing_count', sa.Integer(), nullable=False),
    sa.Column('result', sa.JSON(), nullable=False),
    sa.Column('findings', sa.JSON(), nullable=False),
    sa.Column('evaluated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['framework_version_id'], ['framework_version.id'], name=op.f('fk_evaluation_framework_version_id_framework_version')),
    sa.ForeignKeyConstraint(['prior_revision_id'], ['revision.id'], name=op.f('fk_evaluation_prior_revision_id_revision')),
    sa.ForeignKeyConstraint(['revision_id'], ['revision.id'], name=op.f('fk_evaluation_revision_id_revision')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation')),
    sa.UniqueConstraint('revision_id', 'framework_version_id', name=op.f('uq_evaluation_revision_id_framework_version_id'))
    )
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_evaluation_current'), ['current'], unique=False)
        batch_op.create_index(batch_op.f('ix_evaluation_revision_id'), ['revision_id'], unique=False)

    op.create_table('three_public_figure',
    sa.Column('revision_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('budget', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.Column('actual', sa.Numeric(precision=15, scale=6), nullable=True),
    sa.ForeignKeyConstraint(['revision_id'], ['revision.id'], name=op.f('fk_three_public_figure_revision_id_revision')),
    sa.PrimaryKeyConstraint('revision_id', 'kind', name=op.f('pk_three_public_figure'))
    )
    op.create_table('indicator_score',
    sa.Column('evaluation_id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.String(length=200), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('weight', sa.Numeric(precision=12, scale=6), nullable=False),
    sa.Column('score', sa.Numeric(precision=12, scale=6), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['evaluation_id'], ['evaluation.id'], name=op.f('fk_indicator_score_evaluation_id_evaluation')),
    sa.PrimaryKeyConstraint('evaluation_id', 'indicator_id', name=op.f('pk_indicator_score'))
    )
    with op.batch_alter_table('indicator_score', schema=None) as batch_op:
        batch_op.create_index('ix_indicator_score_indicator', ['indicator_id', 'level'], unique=False)

    _append_only("change_log")


def _append_only(table: str) -> None:
    """Triggers that refuse UPDATE and DELETE on ``table``."""
    message = f"{table} is append-only"
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{message}'; END $$"
        )
        op.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )


def _drop_append_only(table: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {table}_append_only ON {table}")
        op.execute(f"DROP FUNCTION {table}_append_only()")
    else:
        for event in ("update", "delete"):
            op.execute(f"DROP TRIGGER {table}_no_{event}")


def downgrade() -> None:
    _drop_append_only("change_log")
    with op.batch_alter_table('indicator_score', schema=None) as batch_op:
        batch_op.drop_index('ix_indicator_score_indicator')

    op.drop_table('indicator_score')
    op.drop_table('three_public_figure')
    with op.batch_alter_table('evaluation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_evaluation_revision_id'))
        batch_op.drop_index(batch_op.f('ix_evaluation_current'))

    op.drop_table('evaluation')
    with op.batch_alter_table('revision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_revision_source_sha256'))

    op.drop_table('revision')
    with op.batch_alter_table('department_year', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_year_year'))

    op.drop_table('department_year')
    op.drop_table('framework_assignment')
    with op.batch_alter_table('department', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_department_region_id'))
        batch_op.drop_index(batch_op.f('ix_department_name'))

    op.drop_table('department')
    with op.batch_alter_table('audit_finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_finding_batch_id'))

    op.drop_table('audit_finding')
    op.drop_table('region')
    with op.batch_alter_table('framework_version', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_framework_version_framework_id'))

    op.drop_table('framework_version')
    with op.batch_alter_table('change_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_change_log_at'))

    op.drop_table('change_log')
    op.drop_table('audit_batch')
