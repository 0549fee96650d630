"""seekers' remote-work and working-time preferences

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 15:00:00

``seeker.accepts_remote`` (false for every existing row, through the server default) and
``seeker.preferred_working_time`` (NULL, i.e. no preference, for every existing row; otherwise ``non-shift``
or ``shift``, checked by the database).

Both columns are added with ``ALTER TABLE … ADD COLUMN`` on SQLite and PostgreSQL alike, the check written
into the column itself. A batch (copy-and-rename) migration is deliberately avoided: on SQLite it would drop
and recreate ``seeker``, and with foreign keys on that DROP cascades into the seeker's skills, work history,
preferences, consents and personal data.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# The vocabulary of models.WORKING_TIMES as of this revision (a migration never imports the current models).
_WORKING_TIMES = ("non-shift", "shift")


def upgrade() -> None:
    op.add_column(
        "seeker",
        sa.Column("accepts_remote", sa.Boolean(), nullable=False, server_default=sa.false()),
    )
    allowed = ", ".join(f"'{value}'" for value in _WORKING_TIMES)
    op.add_column(
        "seeker",
        sa.Column(
            "preferred_working_time",
            sa.String(length=16),
            sa.CheckConstraint(
                f"preferred_working_time IN ({allowed})", name=op.f("ck_seeker_preferred_working_time")
            ),
            nullable=True,
        ),
    )


def downgrade() -> None:
    # Dropping the column drops its own check with it (PostgreSQL; SQLite ≥ 3.35 for a column-level check).
    op.drop_column("seeker", "preferred_working_time")
    op.drop_column("seeker", "accepts_remote")
