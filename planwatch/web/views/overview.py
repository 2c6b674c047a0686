"""The overview (总览) at ``/``: every region, its plans, counts by status, warnings first."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from planwatch.ingest.regions import same_region
from planwatch.web.i18n import STATUS_ORDER
from planwatch.web.views.common import AS_OF, serve_both, store_of, year_of
from planwatch.web.views.evaluation import evaluate, evaluation_rows

router = APIRouter()


def region_summary(store: Any, region: str, docs: list[Any], as_of: int | None) -> dict[str, Any]:
    evaluation = evaluate(store, region, as_of)
    rows = evaluation_rows(evaluation) if evaluation is not None else []
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    warnings = sorted((r for r in rows if r["warning_level"] in (1, 2) or r["veto"]),
                      key=lambda r: (r["warning_level"] or 9, not r["veto"], r["seq"]))
    plans = [d for d in docs if d.doc_type == "plan"]
    return {
        "region": region,
        "documents": len(docs),
        "plans": [{"id": d.id, "title": d.title or d.path, "period": d.period} for d in plans],
        "evaluated": evaluation is not None,
        "as_of": getattr(evaluation, "as_of", None),
        "indicators": len(rows),
        "counts": [{"status": s, "count": counts[s]} for s in STATUS_ORDER if s in counts],
        "level1": sum(1 for r in rows if r["warning_level"] == 1),
        "warnings": [{"indicator": r["indicator"], "indicator_id": r["indicator_id"], "status": r["status"],
                      "level": r["warning_level"], "text": r["warning_text"], "veto": r["veto"],
                      "change": r["warning_change"]} for r in warnings[:8]],
    }


@serve_both(router, "/", "/api/overview", "overview.html", summary="Every region with its plans, "
            "status counts and warnings (warnings first)", tags=["overview"])
def overview(request: Request, as_of: str | None = AS_OF) -> dict[str, Any]:
    store = store_of(request)
    docs = store.documents()
    by_region: dict[str, list[Any]] = {}
    # 青澜县 and 云川市青澜县 are one region: group under the fullest name
    for name in sorted({d.region for d in docs if d.region}, key=lambda n: (-len(n), n)):
        key = next((k for k in by_region if same_region(k, name)), name)
        by_region.setdefault(key, []).extend(d for d in docs if d.region == name)
    regions = [region_summary(store, name, by_region[name], year_of(as_of)) for name in sorted(by_region)]
    regions.sort(key=lambda r: (-r["level1"], -len(r["warnings"]), r["region"]))
    return {"regions": regions, "documents": len(docs),
            "unassigned_documents": sum(1 for d in docs if not d.region)}
