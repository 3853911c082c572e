"""status spans: the days each progress update is its recommendation's status

`status_span` turns "every recommendation's status on a date" into a range filter. Filled here
from the progress updates already in the database, so an upgraded database is consistent.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('status_span',
    sa.Column('update_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('recommendation_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('update_date', sa.Date(), nullable=False),
    sa.Column('superseded_on', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('percent_complete', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('update_id')
    )
    with op.batch_alter_table('status_span', schema=None) as batch_op:
        batch_op.create_index('ix_status_span_held', ['recommendation_id', 'update_date', 'superseded_on', 'status', 'percent_complete'], unique=False)

    op.execute(
        'INSERT INTO status_span (update_id, recommendation_id, update_date, superseded_on, status, percent_complete) '
        'SELECT id, recommendation_id, update_date, '
        'LEAD(update_date) OVER (PARTITION BY recommendation_id ORDER BY update_date, id), status, percent_complete '
        'FROM progress_update'
    )


def downgrade() -> None:
    with op.batch_alter_table('status_span', schema=None) as batch_op:
        batch_op.drop_index('ix_status_span_held')

    op.drop_table('status_span')
