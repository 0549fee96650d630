"""``pasarkerja gap …``:
skills gaps, training pathways, career paths and regional training needs."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Skills gaps, training pathways, career paths and regional training needs.",
    no_args_is_help=True,
)
