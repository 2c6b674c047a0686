"""Everything a store holds, as plain comparable values: to check that two runs stored the same."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from planwatch.store import Store, schema

VOLATILE = {"ingested_at", "applied_at"}  # when, not what
# An observation read from a document has its ingest time as vintage (an import keeps its own).
VOLATILE_IF_EXTRACTED = {"vintage"}


def snapshot(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every store table (documents, texts, sections, tables, rows, targets,
    observations with their spans, …) in primary-key order, timestamps left out."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with store.engine.connect() as conn:
        for table in schema.metadata.sorted_tables:
            if table is schema.schema_migrations:
                continue
            columns = [c for c in table.columns if c.name not in VOLATILE]
            order = list(table.primary_key.columns) or columns
            rows = [dict(r) for r in conn.execute(select(*columns).order_by(*order)).mappings()]
            for row in rows:
                if row.get("source_kind") == "extracted":
                    for name in VOLATILE_IF_EXTRACTED:
                        row.pop(name, None)
            out[table.name] = [tuple(row.items()) for row in rows]
    return out
