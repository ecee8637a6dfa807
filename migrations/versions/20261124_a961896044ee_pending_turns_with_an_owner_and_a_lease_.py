"""pending turns with an owner and a lease; calls by caller and time

Revision ID: a961896044ee
Revises: 470c2799bc18
Create Date: 2026-11-24 09:14:57.361808

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "a961896044ee"
down_revision: str | Sequence[str] | None = "470c2799bc18"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.create_index("ix_calls_from_started", ["from_number", "started_at"], unique=False)

    with op.batch_alter_table("turns", schema=None) as batch_op:
        batch_op.add_column(sa.Column("state", sa.String(length=10), server_default="done", nullable=False))
        batch_op.add_column(sa.Column("owner", sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column("deadline", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("turns", schema=None) as batch_op:
        batch_op.drop_column("deadline")
        batch_op.drop_column("owner")
        batch_op.drop_column("state")

    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_index("ix_calls_from_started")
