"""DIALECT MODULE: the only place with database-specific SQL (SQLite PRAGMAs, BEGIN modes).

Everything else in ``planwatch.store`` is portable SQLAlchemy Core. For SQLite this module:

- turns on WAL (readers never block the writer: the web can serve while ``ingest`` runs),
  foreign keys and a busy timeout;
- takes over transaction control from Python's sqlite3 driver, which otherwise commits DDL
  implicitly and starts transactions lazily; with it, a migration or a document's rows are
  truly all-or-nothing, and writers take the write lock up front (``BEGIN IMMEDIATE``) so two
  writers queue on the busy timeout instead of failing on a lock upgrade.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

BUSY_TIMEOUT_MS = 30_000
WRITE_OPTION = "planwatch_write"  # execution option marking a connection that will write


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with planwatch's per-dialect settings applied."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    engine = create_engine(url, pool_pre_ping=True)
    if parsed.get_backend_name() == "postgresql":
        event.listen(engine, "connect", _on_postgres_connect)
    return engine


def _on_postgres_connect(dbapi_connection: Any, _record: Any) -> None:
    """Compress large values (a document's text, its blocks, long paragraphs' tsvectors) with
    lz4 rather than the default pglz: pglz was a tenth of the server's time in saving, lz4 is
    several times faster. A server built without lz4 refuses the setting and keeps pglz; values
    are readable whichever way each was compressed."""
    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET default_toast_compression = lz4")
        dbapi_connection.commit()  # a SET inside a rolled-back transaction would be undone
    except Exception:  # any refusal (no lz4 in this server) just keeps the default
        dbapi_connection.rollback()


def sqlite_file(url: str) -> Path | None:
    """The file behind an SQLite URL (None for in-memory or other databases)."""
    parsed = make_url(url)
    database = parsed.database or ""
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:":
        return None
    if parsed.query.get("uri") == "true" and database.startswith("file:"):  # sqlite:///file:x.db?mode=ro&uri=true
        database = database.removeprefix("file:")
        if not database or database.startswith(":memory:"):
            return None
    return Path(database)


def _sqlite_engine(url: str) -> Engine:
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _on_begin)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        # With WAL, NORMAL never corrupts: a killed process loses nothing committed, a power cut
        # at worst the last commits.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get(WRITE_OPTION, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def search_backend(conn: Connection) -> ModuleType:
    """The full-text search module for this database: FTS5 on SQLite, tsvector on PostgreSQL.

    Both offer ``index_document``, ``remove_document``, ``search``, ``stale_documents`` and
    ``sync_index`` with the same signatures and results.
    """
    return search_module(conn.dialect.name)


def search_module(dialect_name: str) -> ModuleType:
    """The full-text search module for a dialect's name (``search_backend`` without a connection:
    an ingest worker prepares the index rows for the database it never connects to)."""
    if dialect_name == "postgresql":
        from planwatch.store import search_postgres

        return search_postgres
    from planwatch.store import search

    return search


def integrity_problems(conn: Connection) -> list[str]:
    """The database engine's own consistency check; empty when all is well."""
    if conn.dialect.name != "sqlite":
        return []
    rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else rows
