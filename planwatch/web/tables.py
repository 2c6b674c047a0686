"""The web layer's own tables (API tokens, audit log) and the migrations that create them.

They live beside the store's tables in the same database, so a write and its audit record
commit together. The store runs these migrations after its own (see ``WEB_MIGRATIONS``); each
checks before it creates, so running them on an existing database is safe.
"""

from __future__ import annotations

from sqlalchemy import Column, Connection, Index, Integer, MetaData, String, Table, Text

from planwatch.store.search import create_search_schema, upgrade_search_schema
from planwatch.web.summaries import create_summary_table

metadata = MetaData()

api_tokens = Table(
    "api_tokens", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    # sha256 of the token: the token itself is printed once and never stored.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),  # first characters, to tell tokens apart in lists
    Column("created_at", String(40), nullable=False),
    Column("last_used_at", String(40)),
    Column("revoked_at", String(40)),
)

audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", String(40), nullable=False),
    Column("who", String(200), nullable=False),  # token name
    Column("action", String(40), nullable=False),  # upload_document, import_actuals, add_observation, …
    Column("target", Text),  # what was written: document id, table, file name
    Column("detail", Text),  # JSON: counts, client address
    Index("ix_audit_log_at", "at"),
)


def create_web_tables(conn: Connection) -> None:
    """Migration: API tokens and the audit log."""
    metadata.create_all(conn, checkfirst=True)


def create_search_index(conn: Connection) -> None:
    """Migration: the full-text search index (SQLite only; other databases search without it)."""
    if conn.dialect.name == "sqlite":
        create_search_schema(conn)


def upgrade_search_index(conn: Connection) -> None:
    """Migration: filters as FTS columns (rebuilds an older index from the stored texts)."""
    if conn.dialect.name == "sqlite":
        upgrade_search_schema(conn)


# (name, function, why) for the store's migration list; names prefixed so they never collide
# with the store's own numbering.
WEB_MIGRATIONS = (
    ("search_0001_index", create_search_index, "full-text search over paragraphs (CJK unigram FTS5)"),
    ("web_0001_tokens_audit", create_web_tables, "API tokens (hashed) and the audit log of writes"),
    ("search_0002_filter_columns", upgrade_search_index, "search filters (region, type, years, section) "
     "as FTS5 columns: filtered queries without a join"),
    ("web_0002_evaluation_summaries", create_summary_table, "per-region evaluation summaries with the data "
     "stamp they were computed at: the overview without evaluating every region"),
)
