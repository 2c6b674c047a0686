"""Settings: where the database is and how large an input may be.

One place resolves the ``--db`` option, the ``PLANWATCH_DB`` environment variable and the
default, so the CLI, the web server and scripts agree on which store they mean.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from planwatch.errors import StoreError

DB_ENV = "PLANWATCH_DB"
DEFAULT_DB = "planwatch.db"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")


@dataclass(frozen=True)
class Settings:
    """What a planwatch process needs to know before it touches any data."""

    db_url: str
    max_bytes: int | None = None  # None: the reader's limit (50 MB, or $PLANWATCH_MAX_BYTES)


def resolve_db_url(value: str | os.PathLike[str] | None = None,
                   env: Mapping[str, str] | None = None) -> str:
    """Turn ``--db`` (or ``PLANWATCH_DB``, or the default) into an SQLAlchemy URL.

    A value with ``://`` is a URL (``sqlite:///x.db``, ``postgresql+psycopg://…``); anything
    else is a file path, made absolute so that the store does not move with the working
    directory of whoever opens it later.
    """
    env = os.environ if env is None else env
    raw = os.fspath(value) if value is not None else (env.get(DB_ENV) or DEFAULT_DB)
    if not raw.strip():
        raise StoreError("empty database location", hint=f"give --db PATH or set {DB_ENV}")
    if "://" not in raw:
        return "sqlite:///" + str(Path(raw).expanduser().resolve())
    try:
        url = make_url(raw)
    except ArgumentError as exc:
        raise StoreError(f"not a database URL: {raw!r}",
                         hint="use a file path, sqlite:///FILE or postgresql+psycopg://…") from exc
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise StoreError(f"unsupported database {url.get_backend_name()!r} in {raw!r}",
                         hint="planwatch stores into SQLite or PostgreSQL")
    return raw


def max_bytes_from_mb(megabytes: float | None) -> int | None:
    """``--max-size`` in MB to bytes; None leaves the reader's default limit."""
    if megabytes is None:
        return None
    if megabytes <= 0:
        raise ValueError(f"--max-size must be a positive number of MB, not {megabytes}")
    return int(megabytes * 1024 * 1024)


def load_settings(db: str | None = None, max_size_mb: float | None = None,
                  env: Mapping[str, str] | None = None) -> Settings:
    return Settings(db_url=resolve_db_url(db, env), max_bytes=max_bytes_from_mb(max_size_mb))
