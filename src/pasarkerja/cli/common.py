"""What every command group shares: consoles, the database option, settings and clear errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from pasarkerja.settings import Settings, get_settings, settings_from

if TYPE_CHECKING:
    from sqlalchemy import Engine

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


def open_database(database: str | None) -> Engine:
    """The database engine, or a clear error when the database cannot be opened or has no schema yet
    (``match_run`` comes with the current migrations)."""
    from sqlalchemy import inspect
    from sqlalchemy.exc import SQLAlchemyError

    from pasarkerja.store.db import make_engine

    try:
        engine = make_engine(resolve_settings(database).database_url)
        if not inspect(engine).has_table("match_run"):
            fail("the database has no schema yet: run `pasarkerja db init` (or `pasarkerja demo`) first")
    except SQLAlchemyError as exc:
        fail(f"cannot open the database: {type(exc).__name__}: {str(exc).splitlines()[0]}")
    return engine
