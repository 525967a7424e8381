"""Imported orders: a quantity and an import key on purchases, and the forgotten customers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-03
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("purchases") as batch:
        batch.add_column(sa.Column("quantity", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("import_key", sa.String(64), nullable=True))
    op.create_index("ix_purchases_import_key", "purchases", ["import_key"], unique=True)
    op.create_table(
        "forgotten_customers",
        sa.Column("id_hash", sa.String(64), nullable=False),
        sa.Column("forgotten_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id_hash"),
    )


def downgrade() -> None:
    op.drop_table("forgotten_customers")
    op.drop_index("ix_purchases_import_key", table_name="purchases")
    with op.batch_alter_table("purchases") as batch:
        batch.drop_column("import_key")
        batch.drop_column("quantity")
