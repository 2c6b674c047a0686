"""Search (检索) at ``/search?q=`` and ``/api/search?q=``: paragraphs with highlighted snippets,
filters by region, type, year and section; each result links to the exact place."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from markupsafe import Markup, escape

from planwatch.store import Store
from planwatch.store.dialect import WRITE_OPTION
from planwatch.store.search import SearchHit, search, stale_documents, sync_index
from planwatch.web.views.common import doc_link, serve_both, store_of

router = APIRouter()
PAGE_SIZE = 20


def ensure_index(store: Store) -> None:
    """Index documents stored by a process that did not index them (cheap when nothing is due)."""
    if store.engine.dialect.name not in ("sqlite", "postgresql"):
        return
    with store.engine.connect() as conn:
        missing, gone = stale_documents(conn)
    if missing or gone:
        with store.engine.connect() as conn:
            conn = conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                sync_index(conn)


def snippet_html(hit: SearchHit) -> Markup:
    """The snippet escaped, with the query's occurrences wrapped in <mark>."""
    out, pos = [], 0
    for s, e in hit.highlights:
        if s < pos:
            continue
        out.append(escape(hit.snippet[pos:s]))
        out.append(Markup("<mark>") + escape(hit.snippet[s:e]) + Markup("</mark>"))
        pos = e
    out.append(escape(hit.snippet[pos:]))
    return Markup("").join(out)


@serve_both(router, "/search", "/api/search", "search.html",
            summary="Full-text search (any Chinese substring, ASCII words whole); results with document, "
            "span and snippet", tags=["search"])
def search_page(request: Request, q: str = Query("", max_length=200, description="words or phrases, all required"),
                region: str | None = Query(None, max_length=200), doc_type: str | None = Query(None, max_length=20),
                year: str | None = Query(None, pattern=r"^(\d{4})?$", description="a year, or empty"),
                section: str | None = Query(None, max_length=200),
                document: int | None = Query(None, ge=1, le=2**31, description="only this document"),
                page: int = Query(1, ge=1, le=1000)) -> dict[str, Any]:
    store = store_of(request)
    results: list[dict[str, Any]] = []
    total, ranked, more = 0, True, False
    if q.strip() and store.engine.dialect.name in ("sqlite", "postgresql"):
        ensure_index(store)
        titles = {d.id: d.title or d.path for d in store.documents()}
        with store.engine.connect() as conn:
            found = search(conn, q, region=region or None, doc_type=doc_type or None,
                           year=int(year) if year and len(year) == 4 else None,
                           section=section or None, doc_id=document, limit=PAGE_SIZE,
                           offset=(page - 1) * PAGE_SIZE)
        total, ranked, more = found.total, found.ranked, found.more
        for hit in found.hits:
            first = hit.matches[0] if hit.matches else (hit.start, hit.end)
            results.append({**hit.as_dict(), "title": titles.get(hit.doc_id, str(hit.doc_id)),
                            "href": doc_link(hit.doc_id, first),
                            "paragraph_href": f"/documents/{hit.doc_id}#p{hit.start}",
                            "snippet_html": snippet_html(hit)})
    regions = [r.region for r in store.regions()]
    return {"q": q, "region": region, "doc_type": doc_type, "year": year, "section": section, "document": document,
            "page": page,
            "page_size": PAGE_SIZE, "total": total, "ranked": ranked, "more": more, "results": results,
            "regions": regions,
            "pages": (total + PAGE_SIZE - 1) // PAGE_SIZE}
