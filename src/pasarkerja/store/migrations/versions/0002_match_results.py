"""batch match runs and their ranked results

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 12:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "match_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.Column("engine", sa.String(length=8), nullable=False),
        sa.Column("top_k", sa.Integer(), nullable=False),
        sa.Column("seekers", sa.Integer(), nullable=False),
        sa.Column("vacancies", sa.Integer(), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("parquet_path", sa.String(length=1000), nullable=True),
        sa.CheckConstraint("engine IN ('local', 'dask')", name=op.f("ck_match_run_engine")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_match_run")),
    )
    op.create_table(
        "match_result",
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("seeker_id", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["run_id"], ["match_run.id"], name=op.f("fk_match_result_run_id_match_run"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["seeker_id"], ["seeker.id"], name=op.f("fk_match_result_seeker_id_seeker"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["vacancy_id"],
            ["vacancy.id"],
            name=op.f("fk_match_result_vacancy_id_vacancy"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("run_id", "seeker_id", "rank", name=op.f("pk_match_result")),
    )
    op.create_index(op.f("ix_match_result_vacancy_id"), "match_result", ["vacancy_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_match_result_vacancy_id"), table_name="match_result")
    op.drop_table("match_result")
    op.drop_table("match_run")
