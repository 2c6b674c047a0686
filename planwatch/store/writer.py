"""Turn one ``Extraction`` into rows and insert them, inside the caller's transaction.

Pure mapping from data classes to row dicts plus one ``insert_extraction`` that writes them;
the transaction (all rows of a document or none) belongs to ``Store.save``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, CursorResult, delete, insert, update

from planwatch.model import (
    Block,
    Extraction,
    GlossaryTerm,
    IndicatorRow,
    Observation,
    Project,
    Section,
    Span,
    Target,
)
from planwatch.store import schema
from planwatch.store.dialect import search_module

ROW_VALUE_FIELDS = (
    "seq", "name", "unit", "attribute", "category", "baseline", "baseline_year", "target", "target_text",
    "target_year", "annual_growth", "target_growth", "actual", "actual_text", "actual_growth",
    "actual_avg_growth", "gap", "status_text", "indicator_id",
)


def span_values(span: Span) -> dict[str, int]:
    return {"span_start": span.start, "span_end": span.end}


def period_values(period: tuple[int, int] | None) -> dict[str, int | None]:
    return {"period_start": period[0] if period else None, "period_end": period[1] if period else None}


def blocks_json(blocks: tuple[Block, ...]) -> str:
    """The reader's blocks as compact JSON: they are only ever read back whole."""
    return json.dumps([
        {"kind": b.kind, "span": b.span.as_list(),
         "rows": [[[c.text, c.span.start, c.span.end] for c in row] for row in b.rows]}
        for b in blocks
    ], ensure_ascii=False, separators=(",", ":"))


def section_values(s: Section) -> dict[str, Any]:
    return {"title": s.title, "level": s.level, "kind": s.kind, **span_values(s.span),
            "heading_start": s.heading.start if s.heading else None,
            "heading_end": s.heading.end if s.heading else None}


def row_values(r: IndicatorRow) -> dict[str, Any]:
    return {**{k: getattr(r, k) for k in ROW_VALUE_FIELDS}, **span_values(r.span)}


def target_values(t: Target) -> dict[str, Any]:
    return {"indicator": t.indicator, "metric": t.metric, "comparator": t.comparator, "value": t.value,
            "unit": t.unit, "year": t.year, **span_values(t.span), "low": t.low, "high": t.high,
            "indicator_id": t.indicator_id, "region": t.region, **period_values(t.period), "text": t.text}


def observation_values(o: Observation) -> dict[str, Any]:
    return {"indicator": o.indicator, "metric": o.metric, "value": o.value, "unit": o.unit, "year": o.year,
            **span_values(o.span), **period_values(o.period), "estimated": o.estimated,
            "indicator_id": o.indicator_id, "region": o.region, "comparator": o.comparator}


def glossary_values(g: GlossaryTerm) -> dict[str, Any]:
    return {"term": g.term, "definition": g.definition, **span_values(g.span)}


def project_values(p: Project) -> dict[str, Any]:
    return {"name": p.name, "section": p.section, **span_values(p.span), "investment": p.investment,
            "investment_unit": p.investment_unit}


def document_values(ex: Extraction, path_key: str, version: int, ingested_at: str) -> dict[str, Any]:
    src, meta = ex.source, ex.meta
    return {
        "path": path_key, "sha256": src.sha256, "size": src.size, "format": src.format,
        "encoding": src.encoding, "title": meta.title, "doc_type": meta.doc_type, "region": meta.region,
        "region_code": meta.region_code, **period_values(meta.period), "chars": len(src.text),
        "version": version, "is_current": True, "ingested_at": ingested_at,
        "n_sections": len(ex.sections), "n_tables": len(ex.tables),
        "n_rows": sum(len(t.rows) for t in ex.tables), "n_targets": len(ex.targets),
        "n_observations": len(ex.observations), "n_glossary": len(ex.glossary), "n_projects": len(ex.projects),
    }


@dataclass(frozen=True)
class PreparedRows:
    """The costly, pure part of saving one extraction, done where it was extracted (an ingest
    worker process), so the process that saves only writes: the blocks' JSON and the search
    index's rows for the database dialect named when preparing (None: computed when saving)."""

    blocks_json: str
    search: list[Any] | None = None


def prepare_rows(ex: Extraction, search_dialect: str | None = None) -> PreparedRows:
    """``PreparedRows`` for ``ex``; ``search_dialect`` is "sqlite" or "postgresql" (None: no index)."""
    search = None
    if search_dialect is not None:
        meta = ex.meta
        search = search_module(search_dialect).prepare_index(
            ex.source.text, region=meta.region, doc_type=meta.doc_type, period=meta.period, sections=ex.sections)
    return PreparedRows(blocks_json(ex.source.blocks), search)


def insert_extraction(conn: Connection, ex: Extraction, path_key: str, version: int, ingested_at: str,
                      prepared: PreparedRows | None = None) -> int:
    """Insert the document row and every child row; return the new document id."""
    # Statement and values apart: the compiled INSERT is cached, ``.values(dict)`` built a new one.
    doc_id = _new_id(conn.execute(insert(schema.documents), document_values(ex, path_key, version, ingested_at)))
    insert_children(conn, doc_id, ex, ingested_at, prepared)
    return doc_id


def replace_extraction(conn: Connection, doc_id: int, ex: Extraction, ingested_at: str,
                       prepared: PreparedRows | None = None) -> None:
    """Rewrite a stored document's metadata and rows in place (same id, path and version)."""
    for table in schema.DOCUMENT_CHILDREN:
        conn.execute(delete(table).where(table.c.document_id == doc_id))
    values = document_values(ex, "", 0, ingested_at)
    for keep in ("path", "version", "is_current"):
        values.pop(keep)
    conn.execute(update(schema.documents).where(schema.documents.c.id == doc_id).values(values))
    insert_children(conn, doc_id, ex, ingested_at, prepared)


def insert_children(conn: Connection, doc_id: int, ex: Extraction, ingested_at: str,
                    prepared: PreparedRows | None = None) -> None:
    blocks = prepared.blocks_json if prepared is not None else blocks_json(ex.source.blocks)
    conn.execute(insert(schema.texts), {"document_id": doc_id, "text": ex.source.text, "blocks": blocks})
    _insert_many(conn, schema.sections, doc_id, [section_values(s) for s in ex.sections])
    for seq, table in enumerate(ex.tables):
        table_id = _new_id(conn.execute(insert(schema.indicator_tables), {
            "document_id": doc_id, "seq": seq, "title": table.title, "kind": table.kind, **span_values(table.span)}))
        rows = [{"table_id": table_id, "document_id": doc_id, "ordinal": i, **row_values(r)}
                for i, r in enumerate(table.rows)]
        if rows:
            conn.execute(insert(schema.indicator_rows), rows)
    _insert_many(conn, schema.targets, doc_id, [target_values(t) for t in ex.targets])
    _insert_many(conn, schema.observations, doc_id,
                 [{"source_kind": "extracted", "source": None, "vintage": ingested_at, **observation_values(o)}
                  for o in ex.observations])
    _insert_many(conn, schema.glossary, doc_id, [glossary_values(g) for g in ex.glossary])
    _insert_many(conn, schema.projects, doc_id, [project_values(p) for p in ex.projects])


def _new_id(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    if key is None:  # only a non-INSERT statement gets here
        raise RuntimeError("insert returned no primary key")
    return int(key[0])


def _insert_many(conn: Connection, table: Any, doc_id: int | None, rows: list[dict[str, Any]]) -> None:
    if rows:
        conn.execute(insert(table), [{"document_id": doc_id, "seq": i, **r} for i, r in enumerate(rows)])
