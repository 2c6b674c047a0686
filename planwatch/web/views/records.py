"""One stored record (a target, an actual, a table row…) and everything linked to it."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote as urlquote

from fastapi import APIRouter, HTTPException, Path, Request

from planwatch.web import queries
from planwatch.web.i18n import translate
from planwatch.web.render import language
from planwatch.web.views.common import doc_link, serve_both, store_of
from planwatch.web.views.document import record_label

router = APIRouter()

KIND_PATTERN = "^(" + "|".join(queries.RECORD_TABLES) + ")$"


@serve_both(router, "/records/{kind}/{record_id}", "/api/records/{kind}/{record_id}", "record.html",
            summary="A record with its quote and what uses it (same indicator, same region)", tags=["records"])
def record_page(request: Request, kind: str = Path(..., pattern=KIND_PATTERN, examples=["target"]),
                record_id: int = Path(..., ge=1, le=2**31, examples=[1])) -> dict[str, Any]:
    store = store_of(request)
    with store.engine.connect() as conn:
        row = queries.record(conn, kind, record_id)
        if row is None:
            raise HTTPException(404, f"no {kind} {record_id}")
        doc = None
        if row.get("document_id") is not None:
            doc = store.document(row["document_id"])
        region = row.get("region") or (doc.region if doc else None)
        linked = [r for r in queries.linked_records(conn, row.get("indicator_id"), region)
                  if not (r["kind"] == kind and r["id"] == record_id)]
    quote = None
    span = [row["span_start"], row["span_end"]] if "span_start" in row else None
    if doc is not None and span:
        text = store.text(doc.id)
        quote = text[span[0]:span[1]]
    lang = language(request)

    def kind_word(k: str) -> str:
        return translate(f"kind_{k}", lang)

    used_by = [{"kind": r["kind"], "id": r["id"], "label": f"{kind_word(r['kind'])}: {record_label(r['kind'], r)}",
                "href": f"/records/{r['kind']}/{r['id']}"} for r in linked]
    indicator_id = row.get("indicator_id")
    if indicator_id:
        suffix = f"?region={urlquote(region)}" if region else ""
        used_by.insert(0, {"kind": "indicator", "id": indicator_id,
                           "label": f"{kind_word('indicator')}: {indicator_id}",
                           "href": f"/indicators/{urlquote(indicator_id)}{suffix}"})
    if region:
        used_by.insert(0, {"kind": "region", "id": region, "label": f"{kind_word('region')}: {region}",
                           "href": f"/regions/{urlquote(region)}"})
    return {
        "kind": kind,
        "id": record_id,
        "label": f"{kind_word(kind)}: {record_label(kind, row)}",
        "record": {k: v for k, v in row.items()},
        "quote": quote,
        "document": {"id": doc.id, "title": doc.title or doc.path} if doc else None,
        "href": (f"/documents/{doc.id}#x-{kind}-{record_id}" if doc else None),
        "source_href": doc_link(doc.id, span) if doc else None,
        "used_by": used_by,
    }
