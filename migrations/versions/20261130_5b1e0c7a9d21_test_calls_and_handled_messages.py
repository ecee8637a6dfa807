"""test calls, and messages someone has handled

Revision ID: 5b1e0c7a9d21
Revises: d01abe0ded70
Create Date: 2026-11-30 18:05:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "5b1e0c7a9d21"
down_revision: str | Sequence[str] | None = "d01abe0ded70"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.add_column(sa.Column("test", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.add_column(sa.Column("handled_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("messages", schema=None) as batch_op:
        batch_op.drop_column("handled_at")
    with op.batch_alter_table("calls", schema=None) as batch_op:
        batch_op.drop_column("test")
