"""board registers: risks and issues with their reassessments, milestones with their forecast changes,
and the actions the board agrees

New tables only; an upgraded database starts with them empty until the next load.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('board_action',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('meeting_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('action', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('closed_date', sa.Date(), nullable=True),
    sa.Column('latest_update', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['board_meeting.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('board_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_board_action_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('milestone',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision_ref', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('forum_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('baselined_on', sa.Date(), nullable=False),
    sa.Column('baseline_date', sa.Date(), nullable=False),
    sa.Column('actual_date', sa.Date(), nullable=True),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['decision_ref'], ['decision.reference'], ),
    sa.ForeignKeyConstraint(['forum_id'], ['forum.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_decision_ref'), ['decision_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_milestone_forum_id'), ['forum_id'], unique=False)

    op.create_table('risk',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('description', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('owner', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('decision_ref', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('forum_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('recommendation_id', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('proximity', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('response', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('target_score', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('raised_date', sa.Date(), nullable=False),
    sa.Column('review_date', sa.Date(), nullable=True),
    sa.Column('closed_date', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['decision_ref'], ['decision.reference'], ),
    sa.ForeignKeyConstraint(['forum_id'], ['forum.id'], ),
    sa.ForeignKeyConstraint(['recommendation_id'], ['recommendation.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_decision_ref'), ['decision_ref'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_forum_id'), ['forum_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_recommendation_id'), ['recommendation_id'], unique=False)

    op.create_table('milestone_forecast',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('milestone_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('changed_on', sa.Date(), nullable=False),
    sa.Column('forecast_date', sa.Date(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['milestone_id'], ['milestone.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('milestone_forecast', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_milestone_forecast_changed_on'), ['changed_on'], unique=False)
        batch_op.create_index('ix_milestone_forecast_latest', ['milestone_id', 'changed_on', 'id'], unique=False)

    op.create_table('risk_assessment',
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('illustrative', sa.Boolean(), nullable=False),
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('risk_id', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('assessed_on', sa.Date(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.ForeignKeyConstraint(['risk_id'], ['risk.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('risk_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_assessment_assessed_on'), ['assessed_on'], unique=False)
        batch_op.create_index('ix_risk_assessment_latest', ['risk_id', 'assessed_on', 'id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('risk_assessment', schema=None) as batch_op:
        batch_op.drop_index('ix_risk_assessment_latest')
        batch_op.drop_index(batch_op.f('ix_risk_assessment_assessed_on'))

    op.drop_table('risk_assessment')
    with op.batch_alter_table('milestone_forecast', schema=None) as batch_op:
        batch_op.drop_index('ix_milestone_forecast_latest')
        batch_op.drop_index(batch_op.f('ix_milestone_forecast_changed_on'))

    op.drop_table('milestone_forecast')
    with op.batch_alter_table('risk', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_recommendation_id'))
        batch_op.drop_index(batch_op.f('ix_risk_forum_id'))
        batch_op.drop_index(batch_op.f('ix_risk_decision_ref'))

    op.drop_table('risk')
    with op.batch_alter_table('milestone', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_milestone_forum_id'))
        batch_op.drop_index(batch_op.f('ix_milestone_decision_ref'))

    op.drop_table('milestone')
    with op.batch_alter_table('board_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_board_action_meeting_id'))

    op.drop_table('board_action')
