"""the overview's figures of days long past, kept once instead of read from every call again; on
PostgreSQL, a trigram index of what callers said, for the console's words filter

Revision ID: c4e7a2b9d1f3
Revises: b3f1d2a4c5e6
Create Date: 2026-12-03 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "c4e7a2b9d1f3"
down_revision: str | Sequence[str] | None = "b3f1d2a4c5e6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table(
        "overview_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("zone", sa.String(length=64), nullable=False),
        sa.Column("tallies", sa.Text(), nullable=False),
        sa.Column("kept_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("day", "zone"),
    )
    if op.get_bind().dialect.name == "postgresql":
        # pg_trgm is a trusted extension (PostgreSQL 13+): a database owner may create it. In public,
        # so that it outlives any one schema; the index finds `text ILIKE '%words%'`.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        op.execute(
            "CREATE INDEX ix_turns_said_trgm ON turns USING gin (text public.gin_trgm_ops) "
            "WHERE role = 'caller' AND input_kind = 'speech'"
        )
    else:  # SQLite: no index finds part of a text; an empty one keeps the schema one (see models)
        op.create_index("ix_turns_said_trgm", "turns", ["text"], sqlite_where=sa.text("0"))


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_index("ix_turns_said_trgm", table_name="turns")  # pg_trgm stays: others may use it
    op.drop_table("overview_days")
