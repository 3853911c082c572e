"""decision facts: what the decision documents record that fits no other table

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('decision_fact',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision_ref', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fact', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('fact_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['decision_ref'], ['decision.reference'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision_fact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_fact_decision_ref'), ['decision_ref'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('decision_fact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_fact_decision_ref'))

    op.drop_table('decision_fact')
