"""Flat lists for scripts and spreadsheets: plans, targets, actuals, evaluations.

Each is one view (page and JSON); the page is a plain table of the same items, every item
linked to its record and its place in the document.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Query, Request

from planwatch.web.views.common import AS_OF, doc_link, serve_both, store_of, year_of
from planwatch.web.views.evaluation import evaluate, evaluation_json

router = APIRouter()
MAX_ITEMS = 5000


@serve_both(router, "/plans", "/api/plans", "list.html", summary="Plans (规划纲要) with region and period",
            tags=["plans"])
def plans(request: Request, region: str | None = Query(None, max_length=200)) -> dict[str, Any]:
    docs = [d for d in store_of(request).documents() if d.doc_type == "plan" and (region is None or d.region == region)]
    items = [{"id": d.id, "title": d.title or d.path, "region": d.region, "period": d.period,
              "targets": d.counts.get("targets"), "href": doc_link(d.id)} for d in docs]
    return {"title": "plans", "items": items}


@serve_both(router, "/targets", "/api/targets", "list.html", summary="Targets of current documents",
            tags=["targets"])
def targets(request: Request, region: str | None = Query(None, max_length=200),
            indicator_id: str | None = Query(None, max_length=80)) -> dict[str, Any]:
    found = store_of(request).targets(region=region or None)
    items = []
    for st in found:
        t = st.target
        if indicator_id and t.indicator_id != indicator_id:
            continue
        items.append({"id": st.id, "document_id": st.document_id, "indicator": t.indicator,
                      "indicator_id": t.indicator_id, "metric": t.metric, "comparator": t.comparator,
                      "value": t.value, "low": t.low, "high": t.high, "unit": t.unit, "year": t.year,
                      "region": t.region, "span": t.span.as_list(), "text": t.text,
                      "href": doc_link(st.document_id, t.span.as_list()), "record": f"/records/target/{st.id}"})
    return {"title": "targets", "items": items[:MAX_ITEMS], "truncated": len(items) > MAX_ITEMS}


@serve_both(router, "/observations", "/api/observations", "list.html",
            summary="Actuals from current documents and imports (every vintage)", tags=["observations"])
def observations(request: Request, region: str | None = Query(None, max_length=200),
                 indicator_id: str | None = Query(None, max_length=80)) -> dict[str, Any]:
    found = store_of(request).observations(region=region or None, indicator_id=indicator_id or None)
    items = []
    for so in found:
        o = so.observation
        items.append({"id": so.id, "document_id": so.document_id, "indicator": o.indicator,
                      "indicator_id": o.indicator_id, "metric": o.metric, "value": o.value, "unit": o.unit,
                      "year": o.year, "period": o.period, "estimated": o.estimated, "region": o.region,
                      "source_kind": so.source_kind, "source": so.source, "vintage": so.vintage,
                      "span": o.span.as_list() if so.document_id else None,
                      "href": doc_link(so.document_id, o.span.as_list()) if so.document_id else None,
                      "record": f"/records/observation/{so.id}"})
    return {"title": "observations", "items": items[:MAX_ITEMS], "truncated": len(items) > MAX_ITEMS}


@serve_both(router, "/evaluations", "/api/evaluations", "list.html",
            summary="Every region's evaluation (the engine's JSON under `evaluation`)", tags=["evaluations"])
def evaluations(request: Request, as_of: str | None = AS_OF) -> dict[str, Any]:
    store = store_of(request)
    items = []
    for r in store.regions():
        evaluation = evaluate(store, r.region, year_of(as_of))
        if evaluation is None:
            continue
        items.append({"region": r.region, "as_of": evaluation.as_of, "plan_document": evaluation.plan_document,
                      "counts": evaluation.counts(), "href": f"/regions/{quote(r.region)}",
                      "evaluation": evaluation_json(evaluation)})
    return {"title": "evaluations", "items": items}
