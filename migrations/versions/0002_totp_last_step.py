"""totp last step: the time step of the last accepted TOTP code, so a code counts once

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 05:19:25.652292

Reviewed by hand: one nullable column, no data to move (NULL = no code used yet).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


# Plain ADD/DROP COLUMN (SQLite 3.35+ and PostgreSQL): a batch copy of ``users`` would trip
# the foreign keys that point at it.
def upgrade():
    op.add_column('users', sa.Column('totp_last_step', sa.Integer(), nullable=True))


def downgrade():
    op.drop_column('users', 'totp_last_step')
