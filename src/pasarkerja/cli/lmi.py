"""``pasarkerja lmi …``:
labour-market information: indicators, reports and exports with small-cell suppression."""

from __future__ import annotations

import typer

app = typer.Typer(
    help="Labour-market information: indicators, reports and exports with small-cell suppression.",
    no_args_is_help=True,
)
