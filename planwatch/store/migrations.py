"""A versioned schema that upgrades itself: named migrations, applied once, in order.

Like sqlite-utils' migrations: each migration has a name and a function; the names applied
are recorded in ``schema_migrations`` (name, applied_at), and each migration runs in its own
transaction together with its record, so an interrupted upgrade leaves the previous version.

How to change the schema: edit ``schema.py`` *and* append a migration here that brings an
older database to the new shape. A fresh database is built by ``0001_initial`` from the
current ``schema.py`` and then runs every later migration too, so later migrations must check
before they alter (e.g. add a column only if it is missing) — see ``_add_column_if_missing``.
Never rename or remove an applied migration.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, Connection, Engine, inspect, select
from sqlalchemy.exc import OperationalError, ProgrammingError

from planwatch.errors import StoreError
from planwatch.store import schema
from planwatch.store.dialect import WRITE_OPTION


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[Connection], None]
    why: str


def _initial(conn: Connection) -> None:
    tables = [t for t in schema.metadata.sorted_tables if t is not schema.schema_migrations]
    schema.metadata.create_all(conn, tables=tables, checkfirst=True)


def _add_column_if_missing(conn: Connection, table: str, column: Column[Any]) -> None:
    """Portable ``ALTER TABLE … ADD COLUMN`` that does nothing if the column is there."""
    present = {c["name"] for c in inspect(conn).get_columns(table)}
    if column.name not in present:
        ddl = column.type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f'ALTER TABLE {table} ADD COLUMN "{column.name}" {ddl}')


def _observation_comparator(conn: Connection) -> None:
    _add_column_if_missing(conn, "observations", schema.observations.c.comparator)


def _project_investment(conn: Connection) -> None:
    _add_column_if_missing(conn, "projects", schema.projects.c.investment)
    _add_column_if_missing(conn, "projects", schema.projects.c.investment_unit)


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", _initial,
              "documents, texts, sections, indicator tables and rows, targets, observations, "
              "glossary, projects"),
    Migration("0002_observation_comparator", _observation_comparator,
              "Observation.comparator: 超过300亿元 is an actual of at least 300"),
    Migration("0003_project_investment", _project_investment,
              "Project.investment and investment_unit: 总投资50亿元 of a listed project"),
)


# Other parts of planwatch that keep tables in the same database (the web's tokens and audit
# log, the search index) list their migrations as (name, function, why) tuples; they run after
# the store's own, named "module:attribute" so the store does not import them at import time.
EXTENSION_MIGRATIONS: tuple[str, ...] = ("planwatch.web.tables:WEB_MIGRATIONS",
                                         "planwatch.store.search_postgres:MIGRATIONS")


def all_migrations() -> tuple[Migration, ...]:
    """The store's migrations, then each extension's, in order."""
    found = list(MIGRATIONS)
    for ref in EXTENSION_MIGRATIONS:
        module, _, attribute = ref.partition(":")
        found.extend(Migration(name, apply, why)
                     for name, apply, why in getattr(importlib.import_module(module), attribute))
    return tuple(found)


def now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def applied_migrations(conn: Connection) -> list[str]:
    if not inspect(conn).has_table(schema.schema_migrations.name):
        return []
    rows = conn.execute(select(schema.schema_migrations.c.name).order_by(schema.schema_migrations.c.name))
    return [r[0] for r in rows]


def upgrade(engine: Engine, migrations: tuple[Migration, ...] | None = None) -> list[str]:
    """Apply every migration not yet recorded (default: ``all_migrations()``); return their names."""
    migrations = all_migrations() if migrations is None else migrations
    known = {m.name for m in migrations}
    done_now: list[str] = []
    with engine.connect() as conn:
        applied = set(applied_migrations(conn))  # a read first: an up-to-date store needs no write lock
        conn.rollback()
        _refuse_newer(applied - known)
        if known <= applied:
            return done_now
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            schema.schema_migrations.create(conn, checkfirst=True)
        for migration in migrations:
            if migration.name in applied:
                continue
            try:
                with conn.begin():
                    # Re-check under the write lock: another process may have just applied it.
                    if migration.name in applied_migrations(conn):
                        continue
                    migration.apply(conn)
                    conn.execute(schema.schema_migrations.insert().values(
                        name=migration.name, applied_at=now_iso()))
            except (OperationalError, ProgrammingError) as exc:
                raise StoreError(f"cannot apply migration {migration.name}: {exc.orig}") from exc
            done_now.append(migration.name)
    return done_now


def _refuse_newer(unknown: set[str]) -> None:
    if unknown:
        raise StoreError(f"the database was written by a newer planwatch (migrations {', '.join(sorted(unknown))})",
                         hint="upgrade planwatch")
