"""A region's page: the plan's indicator table in the 完成情况 layout, warnings, key projects,
annual targets by year, and the region's documents."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Path, Request

from planwatch.ingest.regions import same_region
from planwatch.web import queries
from planwatch.web.views.common import AS_OF, doc_link, serve_both, store_of, year_of
from planwatch.web.views.evaluation import (
    evaluate,
    evaluation_json,
    evaluation_rows,
    target_text,
    targets_as_rows,
)

router = APIRouter()


def annual_targets(store: Any, region: str, doc_types: dict[int, str]) -> list[dict[str, Any]]:
    """Targets set in work reports (年度主要预期目标), grouped by the year they are for."""
    by_year: dict[int, list[dict[str, Any]]] = {}
    for st in store.targets(region=region):
        t = st.target
        if t.year is None or doc_types.get(st.document_id) != "work_report":
            continue
        by_year.setdefault(t.year, []).append({
            "id": st.id, "indicator": t.indicator, "indicator_id": t.indicator_id, "metric": t.metric,
            "target": target_text(t.comparator, t.value, t.low, t.high, t.text), "unit": t.unit,
            "href": doc_link(st.document_id, t.span.as_list())})
    return [{"year": y, "targets": by_year[y]} for y in sorted(by_year, reverse=True)]


@serve_both(router, "/regions/{region}", "/api/regions/{region}", "region.html",
            summary="One region: indicator table with status, warnings, projects, annual targets",
            tags=["regions"])
def region_page(request: Request, region: str = Path(..., max_length=200),
                as_of: str | None = AS_OF) -> dict[str, Any]:
    store = store_of(request)
    docs = [d for d in store.documents() if d.region and same_region(d.region, region)]
    if not docs:
        raise HTTPException(404, f"no region {region!r}")
    evaluation = evaluate(store, region, year_of(as_of))
    rows = evaluation_rows(evaluation) if evaluation is not None else targets_as_rows(store, region)
    warnings = [r for r in rows if r["warning_level"] in (1, 2) or r["veto"]]
    warnings.sort(key=lambda r: (r["warning_level"] or 9, r["seq"]))
    with store.engine.connect() as conn:
        projects = queries.projects_of_region(conn, region)
    return {
        "region": region,
        "as_of": getattr(evaluation, "as_of", None),
        "evaluated": evaluation is not None,
        "plan_document": getattr(evaluation, "plan_document", None),
        "rows": rows,
        "warnings": warnings,
        "projects": [{"id": p["id"], "name": p["name"], "section": p["section"], "document_id": p["document_id"],
                      "investment": p.get("investment"), "investment_unit": p.get("investment_unit"),
                      "href": doc_link(p["document_id"], [p["span_start"], p["span_end"]])} for p in projects],
        "annual_targets": annual_targets(store, region, {d.id: d.doc_type for d in docs}),
        "documents": [{"id": d.id, "title": d.title or d.path, "doc_type": d.doc_type, "period": d.period,
                       "href": doc_link(d.id)} for d in docs],
    }


@serve_both(router, "/regions", "/api/regions", "regions.html", summary="Regions with their document counts",
            tags=["regions"])
def regions_list(request: Request) -> dict[str, Any]:
    return {"regions": [{"region": r.region, "region_code": r.region_code, "documents": r.documents}
                        for r in store_of(request).regions()]}


@serve_both(router, "/regions/{region}/evaluation", "/api/regions/{region}/evaluation", "region.html",
            summary="The region's evaluation (the engine's full JSON)", tags=["evaluations"])
def region_evaluation(request: Request, region: str = Path(..., max_length=200),
                      as_of: str | None = AS_OF) -> dict[str, Any]:
    data = region_page(request=request, region=region, as_of=as_of)
    store = store_of(request)
    evaluation = evaluate(store, region, year_of(as_of))
    if evaluation is not None:
        data["evaluation"] = evaluation_json(evaluation)
    return data
