"""decision conditions: what each decision allows (caps, lines, terms) and the budget lines each counts;
the project's readings kept apart from documented values

New tables start empty until the next load; `project_reading` on budget lines, forums and
recommendations starts empty.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


READ_BY_THE_PROJECT = ('budget_line', 'forum', 'recommendation')


def upgrade() -> None:
    for table in READ_BY_THE_PROJECT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column('project_reading', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='')
            )
    op.create_table('decision_condition',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision_ref', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('counted', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_months', sa.Integer(), nullable=True),
    sa.Column('past_it', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('near_percent', sa.Integer(), nullable=False),
    sa.Column('project_reading', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['decision_ref'], ['decision.reference'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision_condition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_condition_decision_ref'), ['decision_ref'], unique=False)

    op.create_table('condition_line',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('condition_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('budget_line_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['budget_line_id'], ['budget_line.id'], ),
    sa.ForeignKeyConstraint(['condition_id'], ['decision_condition.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('condition_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_condition_line_budget_line_id'), ['budget_line_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_condition_line_condition_id'), ['condition_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('condition_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_condition_line_condition_id'))
        batch_op.drop_index(batch_op.f('ix_condition_line_budget_line_id'))

    op.drop_table('condition_line')
    with op.batch_alter_table('decision_condition', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_condition_decision_ref'))

    op.drop_table('decision_condition')
    for table in READ_BY_THE_PROJECT:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('project_reading')
