"""``pasarkerja match …``:
rank vacancies for a seeker, candidates for a vacancy, batch top-k and capacity-aware assignment."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Rank vacancies for a seeker, candidates for a vacancy, batch top-k and capacity-aware assignment.",
    no_args_is_help=True,
)
