"""Reads the dashboard needs that the store does not offer as methods.

Small, parameterised SQLAlchemy Core queries over the store's own tables (``store.schema``);
kept here so the web never edits the store's modules. Every value a user sends arrives as a
bound parameter, never as SQL text, and table names come only from ``RECORD_TABLES``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, and_, func, or_, select

from planwatch.store import schema

D = schema.documents

# Record kinds a user can open, and the table each lives in.
RECORD_TABLES: dict[str, Table] = {
    "target": schema.targets,
    "observation": schema.observations,
    "row": schema.indicator_rows,
    "glossary": schema.glossary,
    "project": schema.projects,
    "section": schema.sections,
    "table": schema.indicator_tables,
}

# Tables anyone may export (document texts are served per document, not in bulk).
EXPORT_TABLES: dict[str, Table] = {
    "documents": schema.documents,
    "sections": schema.sections,
    "indicator_tables": schema.indicator_tables,
    "indicator_rows": schema.indicator_rows,
    "targets": schema.targets,
    "observations": schema.observations,
    "glossary": schema.glossary,
    "projects": schema.projects,
}


def record(conn: Connection, kind: str, record_id: int) -> dict[str, Any] | None:
    table = RECORD_TABLES.get(kind)
    if table is None:
        return None
    row = conn.execute(select(table).where(table.c.id == record_id)).mappings().first()
    return dict(row) if row else None


def records_of_document(conn: Connection, doc_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every extracted item of one document, by kind (sections and tables excluded)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for kind in ("target", "observation", "row", "glossary", "project"):
        table = RECORD_TABLES[kind]
        rows = conn.execute(select(table).where(table.c.document_id == doc_id).order_by(table.c.id)).mappings()
        out[kind] = [dict(r) for r in rows]
    return out


def _region_clause(table: Table, region: str) -> Any:
    return or_(table.c.region == region, and_(table.c.region.is_(None), D.c.region == region))


def linked_records(conn: Connection, indicator_id: str | None, region: str | None,
                   kinds: tuple[str, ...] = ("target", "observation", "row")) -> list[dict[str, Any]]:
    """Targets, actuals and table rows of the same indicator in the same region (current documents
    and imports): what a number is used with when the plan is evaluated."""
    if not indicator_id:
        return []
    out = []
    for kind in kinds:
        table = RECORD_TABLES[kind]
        query = select(table, D.c.region.label("doc_region"), D.c.title.label("doc_title")).outerjoin(
            D, D.c.id == table.c.document_id).where(table.c.indicator_id == indicator_id)
        query = query.where(or_(table.c.document_id.is_(None), D.c.is_current.is_(True)))
        if region and "region" in table.c:
            query = query.where(_region_clause(table, region))
        elif region:
            query = query.where(D.c.region == region)
        for r in conn.execute(query.order_by(table.c.id).limit(200)).mappings():
            out.append({"kind": kind, **dict(r)})
    return out


def indicator_usage(conn: Connection) -> list[dict[str, Any]]:
    """Indicator ids present in the store with how many targets and actuals each has."""
    counts: dict[str, dict[str, Any]] = {}
    for kind, table in (("targets", schema.targets), ("observations", schema.observations),
                        ("rows", schema.indicator_rows)):
        query = (select(table.c.indicator_id, func.min(table.c.indicator if "indicator" in table.c else table.c.name),
                        func.count()).where(table.c.indicator_id.is_not(None)).group_by(table.c.indicator_id))
        for indicator_id, name, n in conn.execute(query):
            entry = counts.setdefault(indicator_id, {"id": indicator_id, "name": name, "targets": 0,
                                                     "observations": 0, "rows": 0})
            entry[kind] = n
    return sorted(counts.values(), key=lambda e: e["id"])


def indicator_rows_for(conn: Connection, indicator_id: str) -> list[dict[str, Any]]:
    """Plan-table rows of one indicator in current documents, with their document's region."""
    R = schema.indicator_rows
    query = (select(R, D.c.region.label("doc_region"), D.c.period_start, D.c.period_end, D.c.title.label("doc_title"))
             .join(D, D.c.id == R.c.document_id)
             .where(R.c.indicator_id == indicator_id, D.c.is_current.is_(True)).order_by(R.c.id))
    return [dict(r) for r in conn.execute(query).mappings()]


def projects_of_region(conn: Connection, region: str) -> list[dict[str, Any]]:
    P = schema.projects
    query = (select(P, D.c.title.label("doc_title")).join(D, D.c.id == P.c.document_id)
             .where(D.c.region == region, D.c.is_current.is_(True)).order_by(P.c.document_id, P.c.seq).limit(500))
    return [dict(r) for r in conn.execute(query).mappings()]


def export_rows(conn: Connection, name: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    table = EXPORT_TABLES[name]
    columns = [c.name for c in table.columns if c.name != "blocks"]
    rows = conn.execute(select(*[table.c[c] for c in columns]).order_by(*table.primary_key.columns)).all()
    return columns, [tuple(r) for r in rows]
