"""a line for a real business: the assistant that answered each call (one per number), and the
transfer whose whisper the person answering accepted, and voice messages' recordings

Revision ID: b3f1d2a4c5e6
Revises: 9e4a1c6b2d80
Create Date: 2026-12-02 10:00:00

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "b3f1d2a4c5e6"
down_revision: str | Sequence[str] | None = "9e4a1c6b2d80"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table("calls") as batch:
        batch.add_column(sa.Column("assistant", sa.String(length=200), nullable=True))
        batch.add_column(sa.Column("accepted_transfer", sa.Integer(), nullable=True))
    with op.batch_alter_table("messages") as batch:
        batch.add_column(sa.Column("recording_sid", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("recording_url", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("recording_duration_s", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("transcription", sa.Text(), nullable=True))
        batch.create_unique_constraint("uq_messages_recording_sid", ["recording_sid"])


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("messages") as batch:
        batch.drop_constraint("uq_messages_recording_sid", type_="unique")
        for column in ("transcription", "recording_duration_s", "recording_url", "recording_sid"):
            batch.drop_column(column)
    with op.batch_alter_table("calls") as batch:
        batch.drop_column("accepted_transfer")
        batch.drop_column("assistant")
