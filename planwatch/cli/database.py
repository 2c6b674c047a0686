"""The ``--db`` option every command that reads or writes the store shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from planwatch.config import DB_ENV, DEFAULT_DB
from planwatch.store import Store

DB_HELP = (f"Database: a file path (SQLite) or a URL (sqlite:///FILE, postgresql+psycopg://USER@HOST/DB). "
           f"Default: ${DB_ENV}, else ./{DEFAULT_DB}.")


def db_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option("--db", "db", metavar="DB", help=DB_HELP)(func)


def open_store(db: str | None, create: bool = True) -> Store:
    """Open the store named by ``--db`` (StoreError, with the location, if it cannot be).

    Commands that only read pass ``create=False`` so a mistyped path is an error.
    """
    return Store.open(db, create=create)
