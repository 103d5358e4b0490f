"""business reg no hash: a keyed hash of a deleted company's 사업자등록번호, which is freed

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 06:30:00

Reviewed by hand: one nullable column and its index, no data to move. Plain ADD/DROP
COLUMN (not a batch copy of ``organizations``, which other tables' foreign keys point at).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column(
        'organizations', sa.Column('business_reg_no_hash', sa.String(length=64), nullable=True)
    )
    op.create_index(
        op.f('ix_organizations_business_reg_no_hash'),
        'organizations',
        ['business_reg_no_hash'],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f('ix_organizations_business_reg_no_hash'), table_name='organizations')
    op.drop_column('organizations', 'business_reg_no_hash')
