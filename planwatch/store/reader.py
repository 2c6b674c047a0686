"""Turn stored rows back into planwatch's data classes (the inverse of ``writer.py``)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, RowMapping, select

from planwatch.model import (
    Block,
    Cell,
    DocumentMeta,
    Extraction,
    GlossaryTerm,
    IndicatorRow,
    IndicatorTable,
    Observation,
    Project,
    Section,
    SourceText,
    Span,
    Target,
)
from planwatch.store import schema
from planwatch.store.records import StoredDocument
from planwatch.store.writer import ROW_VALUE_FIELDS


def span_of(row: RowMapping) -> Span:
    return Span(row["span_start"], row["span_end"])


def period_of(row: RowMapping) -> tuple[int, int] | None:
    if row["period_start"] is None or row["period_end"] is None:
        return None
    return (row["period_start"], row["period_end"])


def document_of(row: RowMapping) -> StoredDocument:
    counts = {column[2:]: row[column] for _table, column in schema.CHILD_COUNTS}
    return StoredDocument(
        id=row["id"], path=row["path"], sha256=row["sha256"], size=row["size"], format=row["format"],
        encoding=row["encoding"], title=row["title"], doc_type=row["doc_type"], region=row["region"],
        region_code=row["region_code"], period=period_of(row), chars=row["chars"], version=row["version"],
        is_current=bool(row["is_current"]), ingested_at=row["ingested_at"], counts=counts)


def meta_of(row: RowMapping) -> DocumentMeta:
    return DocumentMeta(doc_type=row["doc_type"], region=row["region"], period=period_of(row),
                        title=row["title"], region_code=row["region_code"])


def section_of(row: RowMapping) -> Section:
    heading = (Span(row["heading_start"], row["heading_end"])
               if row["heading_start"] is not None and row["heading_end"] is not None else None)
    return Section(title=row["title"], level=row["level"], kind=row["kind"], span=span_of(row), heading=heading)


def indicator_row_of(row: RowMapping) -> IndicatorRow:
    return IndicatorRow(span=span_of(row), **{k: row[k] for k in ROW_VALUE_FIELDS})


def target_of(row: RowMapping) -> Target:
    return Target(indicator=row["indicator"], metric=row["metric"], comparator=row["comparator"],
                  value=row["value"], unit=row["unit"], year=row["year"], span=span_of(row), low=row["low"],
                  high=row["high"], indicator_id=row["indicator_id"], region=row["region"],
                  period=period_of(row), text=row["text"])


def observation_of(row: RowMapping) -> Observation:
    return Observation(indicator=row["indicator"], metric=row["metric"], value=row["value"], unit=row["unit"],
                       year=row["year"], span=span_of(row), period=period_of(row),
                       estimated=bool(row["estimated"]), indicator_id=row["indicator_id"], region=row["region"],
                       comparator=row["comparator"])


def glossary_of(row: RowMapping) -> GlossaryTerm:
    return GlossaryTerm(term=row["term"], definition=row["definition"], span=span_of(row))


def project_of(row: RowMapping) -> Project:
    return Project(name=row["name"], span=span_of(row), section=row["section"], investment=row["investment"],
                   investment_unit=row["investment_unit"])


def blocks_of(raw: str) -> tuple[Block, ...]:
    return tuple(
        Block(kind=b["kind"], span=Span(*b["span"]),
              rows=tuple(tuple(Cell(text, Span(s, e)) for text, s, e in row) for row in b["rows"]))
        for b in json.loads(raw)
    )


def _children(conn: Connection, table: Any, doc_id: int) -> list[RowMapping]:
    order = table.c.seq if "seq" in table.c else table.c.id
    return list(conn.execute(select(table).where(table.c.document_id == doc_id).order_by(order)).mappings())


def load_extraction(conn: Connection, doc: RowMapping) -> Extraction:
    """Rebuild everything stored for one document row."""
    doc_id = doc["id"]
    text_row = conn.execute(select(schema.texts).where(schema.texts.c.document_id == doc_id)).mappings().one()
    source = SourceText(path=doc["path"], text=text_row["text"], sha256=doc["sha256"], encoding=doc["encoding"],
                        format=doc["format"], blocks=blocks_of(text_row["blocks"]), size=doc["size"])
    rows_by_table: dict[int, list[IndicatorRow]] = {}
    row_query = (select(schema.indicator_rows).where(schema.indicator_rows.c.document_id == doc_id)
                 .order_by(schema.indicator_rows.c.table_id, schema.indicator_rows.c.ordinal))
    for r in conn.execute(row_query).mappings():
        rows_by_table.setdefault(r["table_id"], []).append(indicator_row_of(r))
    tables = tuple(IndicatorTable(title=t["title"], kind=t["kind"], span=span_of(t),
                                  rows=tuple(rows_by_table.get(t["id"], ())))
                   for t in _children(conn, schema.indicator_tables, doc_id))
    extracted = [r for r in _children(conn, schema.observations, doc_id) if r["source_kind"] == "extracted"]
    return Extraction(
        source=source, meta=meta_of(doc),
        sections=tuple(section_of(r) for r in _children(conn, schema.sections, doc_id)),
        tables=tables,
        targets=tuple(target_of(r) for r in _children(conn, schema.targets, doc_id)),
        observations=tuple(observation_of(r) for r in extracted),
        glossary=tuple(glossary_of(r) for r in _children(conn, schema.glossary, doc_id)),
        projects=tuple(project_of(r) for r in _children(conn, schema.projects, doc_id)),
    )
