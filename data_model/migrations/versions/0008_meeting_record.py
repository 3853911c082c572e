"""meeting record: each board's agenda, attendance and decisions, and whether its minutes are confirmed

New tables, and two columns on board_meeting; an upgraded database's meetings start with draft
minutes and no agenda until the next load.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('agenda_item',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('shows', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('presenter', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('minutes_allowed', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['meeting_id'], ['board_meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_item_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('board_attendance',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('organisation', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('attendance', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['board_meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('board_attendance', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_attendance_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('board_decision',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('agenda_item_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('summary', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('outcome', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision_ref', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('risk_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('recommendation_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('milestone_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('forum_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_item.id'], ),
    sa.ForeignKeyConstraint(['decision_ref'], ['decision.reference'], ),
    sa.ForeignKeyConstraint(['forum_id'], ['forum.id'], ),
    sa.ForeignKeyConstraint(['meeting_id'], ['board_meeting.id'], ),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], ),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('board_decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_decision_agenda_item_id'), ['agenda_item_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_board_decision_meeting_id'), ['meeting_id'], unique=False)

    with op.batch_alter_table('board_meeting', schema=None) as batch_op:
        batch_op.add_column(sa.Column('minutes_status', sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default='Draft'))
        batch_op.add_column(sa.Column('minutes_confirmed_by', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('board_meeting', schema=None) as batch_op:
        batch_op.drop_column('minutes_confirmed_by')
        batch_op.drop_column('minutes_status')

    with op.batch_alter_table('board_decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_decision_meeting_id'))
        batch_op.drop_index(batch_op.f('ix_board_decision_agenda_item_id'))

    op.drop_table('board_decision')
    with op.batch_alter_table('board_attendance', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_attendance_meeting_id'))

    op.drop_table('board_attendance')
    with op.batch_alter_table('agenda_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_item_meeting_id'))

    op.drop_table('agenda_item')
