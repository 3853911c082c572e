"""spend summary by day, and indexes for a line's payments by date and each recommendation's latest progress

`spend_day` holds payments summed per budget line and day; the loader keeps it up to date. It is
filled here from the payments already in the database, so an upgraded database is consistent.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('spend_day',
    sa.Column('budget_line_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('spend_date', sa.Date(), nullable=False),
    sa.Column('spent', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('payments', sa.Integer(), nullable=False),
    sa.Column('illustrative_spent', sa.Numeric(precision=18, scale=2), nullable=False),
    sa.Column('illustrative_payments', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('budget_line_id', 'spend_date')
    )
    with op.batch_alter_table('spend_day', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_spend_day_spend_date'), ['spend_date'], unique=False)

    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.create_index('ix_progress_update_latest', ['recommendation_id', 'update_date', 'id', 'status'], unique=False)

    with op.batch_alter_table('spend', schema=None) as batch_op:
        batch_op.create_index('ix_spend_line_date', ['budget_line_id', 'spend_date'], unique=False)

    op.execute(
        "INSERT INTO spend_day (budget_line_id, spend_date, spent, payments, illustrative_spent, "
        "illustrative_payments) "
        "SELECT budget_line_id, spend_date, SUM(amount), COUNT(*), "
        "SUM(CASE WHEN illustrative THEN amount ELSE 0 END), SUM(CASE WHEN illustrative THEN 1 ELSE 0 END) "
        "FROM spend GROUP BY budget_line_id, spend_date"
    )


def downgrade() -> None:
    with op.batch_alter_table('spend', schema=None) as batch_op:
        batch_op.drop_index('ix_spend_line_date')

    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.drop_index('ix_progress_update_latest')

    with op.batch_alter_table('spend_day', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_spend_day_spend_date'))

    op.drop_table('spend_day')
