"""Documents: the list, and one document's text with every extraction highlighted.

A click on a highlighted number opens its record (``/records/{kind}/{id}``) and everything
that uses it: the evidence trail both ways. Search results link here with ``?hl=start-end``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Path, Query, Request

from planwatch.errors import NotFoundError
from planwatch.report.highlight import Mark, extraction_mark, hit_mark, render_text
from planwatch.web import queries
from planwatch.web.views.common import doc_link, serve_both, store_of

router = APIRouter()

HL_PATTERN = r"^\d{1,9}-\d{1,9}$"


def record_label(kind: str, r: dict[str, Any]) -> str:
    """A one-line description of a stored record, as its tooltip and list entry."""
    if kind == "target":
        value = r.get("value")
        return f"{r['indicator']} {r.get('year') or ''} {value if value is not None else r.get('text') or ''}" \
               f"{r.get('unit') or ''}".strip()
    if kind == "observation":
        return f"{r['indicator']} {r.get('year') or ''} {r['value']}{r.get('unit') or ''}".strip()
    if kind == "row":
        return f"{r['name']} {r.get('target_text') or r.get('target') or ''}".strip()
    if kind == "glossary":
        return str(r["term"])
    return str(r.get("name") or r.get("title") or f"{kind} {r['id']}")


def document_summary(d: Any) -> dict[str, Any]:
    return {"id": d.id, "title": d.title or d.path, "path": d.path, "doc_type": d.doc_type, "region": d.region,
            "period": d.period, "format": d.format, "encoding": d.encoding, "chars": d.chars,
            "version": d.version, "is_current": d.is_current, "ingested_at": d.ingested_at,
            "sha256": d.sha256, "counts": d.counts, "href": doc_link(d.id)}


@serve_both(router, "/documents", "/api/documents", "documents.html", summary="Stored documents (current versions)",
            tags=["documents"])
def documents_list(request: Request, region: str | None = Query(None, max_length=200),
                   doc_type: str | None = Query(None, max_length=20)) -> dict[str, Any]:
    docs = store_of(request).documents()
    docs = [d for d in docs if (region is None or d.region == region) and (doc_type is None or d.doc_type == doc_type)]
    return {"documents": [document_summary(d) for d in docs], "region": region, "doc_type": doc_type}


@serve_both(router, "/documents/{doc_id}", "/api/documents/{doc_id}", "document.html",
            summary="One document: text, sections and every extraction with its span", tags=["documents"])
def document_page(request: Request, doc_id: int = Path(..., ge=1, le=2**31, examples=[1]),
                  hl: str | None = Query(None, pattern=HL_PATTERN)) -> dict[str, Any]:
    store = store_of(request)
    try:
        doc = store.document(doc_id)
        text = store.text(doc.id)
    except NotFoundError as exc:
        raise HTTPException(404, f"no document {doc_id}") from exc
    with store.engine.connect() as conn:
        records = queries.records_of_document(conn, doc.id)
    extractions, marks = [], []
    for kind, rows in records.items():
        for r in rows:
            label = record_label(kind, r)
            span = [r["span_start"], r["span_end"]]
            extractions.append({"kind": kind, "id": r["id"], "span": span, "label": label,
                                "indicator_id": r.get("indicator_id"), "text": text[span[0]:span[1]],
                                "href": f"/records/{kind}/{r['id']}"})
            marks.append(extraction_mark(kind, r["id"], span[0], span[1], label))
    highlight = None
    if hl:
        start, end = (int(x) for x in hl.split("-"))
        if 0 <= start < end <= len(text):
            highlight = [start, end]
            marks.append(hit_mark(start, end))
    sections = [{"id": s.id, "title": s.section.title, "level": s.section.level, "kind": s.section.kind,
                 "span": s.section.span.as_list(), "href": f"#p{s.section.span.start}"}
                for s in store.sections(doc.id)]
    return {
        "document": document_summary(doc),
        "text": text,
        "text_html": render_text(text, _ordered(marks)),
        "sections": sections,
        "extractions": extractions,
        "highlight": highlight,
    }


def _ordered(marks: list[Mark]) -> list[Mark]:
    return sorted(marks, key=lambda m: (m.start, -m.end))
