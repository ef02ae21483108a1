"""API keys (copilot.service.keys): hashed secrets, tenants and roles per key

Revision ID: 0002_api_keys
Revises: 0001_automation
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002_api_keys'
down_revision = '0001_automation'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_keys',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('tenants', sa.JSON(), nullable=False),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key_id', name='uq_api_keys_key_id')
    )


def downgrade() -> None:
    op.drop_table('api_keys')
