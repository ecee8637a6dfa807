"""the language a call runs in, when the caller chose one the assistant offers besides its own

Revision ID: d5f8b3c0e2a4
Revises: c4e7a2b9d1f3
Create Date: 2026-12-04 09:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "d5f8b3c0e2a4"
down_revision: str | Sequence[str] | None = "c4e7a2b9d1f3"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("calls") as batch:
        batch.add_column(sa.Column("language", sa.String(length=16), nullable=True))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("calls") as batch:
        batch.drop_column("language")
