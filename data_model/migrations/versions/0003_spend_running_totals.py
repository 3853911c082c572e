"""running totals per budget line on each spend day, so "spent as at a date" is one row per line

Filled here from the day rows already in the database, so an upgraded database is consistent.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op


revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

RUNNING: dict[str, tuple[str, sa.types.TypeEngine[Any]]] = {
    'spent_to_date': ('spent', sa.Numeric(precision=18, scale=2)),
    'payments_to_date': ('payments', sa.Integer()),
    'illustrative_spent_to_date': ('illustrative_spent', sa.Numeric(precision=18, scale=2)),
    'illustrative_payments_to_date': ('illustrative_payments', sa.Integer()),
}


def upgrade() -> None:
    with op.batch_alter_table('spend_day', schema=None) as batch_op:
        for name, (_, kind) in RUNNING.items():
            batch_op.add_column(sa.Column(name, kind, nullable=False, server_default='0'))
    sums = ', '.join(
        f'SUM({day}) OVER (PARTITION BY budget_line_id ORDER BY spend_date) AS {name}'
        for name, (day, _) in RUNNING.items()
    )
    assignments = ', '.join(f'{name} = running.{name}' for name in RUNNING)
    op.execute(
        f'UPDATE spend_day SET {assignments} '
        f'FROM (SELECT budget_line_id, spend_date, {sums} FROM spend_day) AS running '
        'WHERE running.budget_line_id = spend_day.budget_line_id AND running.spend_date = spend_day.spend_date'
    )


def downgrade() -> None:
    with op.batch_alter_table('spend_day', schema=None) as batch_op:
        for name in reversed(RUNNING):
            batch_op.drop_column(name)
