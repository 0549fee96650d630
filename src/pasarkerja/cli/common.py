"""What every command group shares: consoles, the database option, settings and clear errors."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from pasarkerja.settings import Settings, get_settings, settings_from

console = Console()
err_console = Console(stderr=True)

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database", "-d", help="Database URL (default: PASARKERJA_DATABASE_URL or ./pasarkerja.db)"
    ),
]


def resolve_settings(database: str | None) -> Settings:
    return settings_from(database_url=database) if database else get_settings()


def fail(message: str, code: int = 1) -> None:
    """Print a clear error (no traceback) and exit."""
    err_console.print(f"[bold red]error:[/] {escape(message)}", soft_wrap=True, highlight=False)
    raise typer.Exit(code)
