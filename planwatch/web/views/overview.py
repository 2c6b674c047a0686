"""The overview (总览) at ``/``: every region, its plans, counts by status, warnings first."""

from __future__ import annotations

import time
from functools import lru_cache
from typing import Any

from fastapi import APIRouter, Request

from planwatch.ingest.regions import same_region
from planwatch.web.i18n import STATUS_ORDER
from planwatch.web.summaries import load_summaries, refresh, stamp_text, start_warming, warming
from planwatch.web.views.common import AS_OF, serve_both, store_of, year_of
from planwatch.web.views.evaluation import data_stamp, evaluate, evaluation_rows

router = APIRouter()


# Stale or missing summaries refreshed inside one overview request (unless the background thread
# is already at work): at least this many, then more only while the request is younger than the
# budget; the rest by the background thread.
SYNC_REFRESH_MIN = 4
SYNC_REFRESH_BUDGET_S = 0.3


def evaluation_summary(store: Any, region: str, as_of: int | None, stamp: tuple[Any, ...] | None = None,
                       ) -> dict[str, Any]:
    """What the overview shows of one region's evaluation (persisted by ``summaries``)."""
    evaluation = evaluate(store, region, as_of, stamp)
    rows = evaluation_rows(evaluation) if evaluation is not None else []
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    warnings = sorted((r for r in rows if r["warning_level"] in (1, 2) or r["veto"]),
                      key=lambda r: (r["warning_level"] or 9, not r["veto"], r["seq"]))
    return {
        "evaluated": evaluation is not None,
        "as_of": getattr(evaluation, "as_of", None),
        "indicators": len(rows),
        "counts": [{"status": s, "count": counts[s]} for s in STATUS_ORDER if s in counts],
        "level1": sum(1 for r in rows if r["warning_level"] == 1),
        "warnings": [{"indicator": r["indicator"], "indicator_id": r["indicator_id"], "status": r["status"],
                      "level": r["warning_level"], "text": r["warning_text"], "veto": r["veto"],
                      "change": r["warning_change"]} for r in warnings[:8]],
    }


PENDING: dict[str, Any] = {"evaluated": False, "as_of": None, "indicators": 0, "counts": [], "level1": 0,
                           "warnings": []}


def region_summary(region: str, docs: list[Any], evaluation: dict[str, Any], state: str) -> dict[str, Any]:
    """``state``: fresh (evaluated on the current data), stale (an earlier data's summary,
    being refreshed) or pending (not evaluated yet, being evaluated)."""
    plans = [d for d in docs if d.doc_type == "plan"]
    return {"region": region, "documents": len(docs),
            "plans": [{"id": d.id, "title": d.title or d.path, "period": d.period} for d in plans],
            **evaluation, "summary": state}


@lru_cache(maxsize=8)
def fullest_names(names: tuple[str, ...]) -> dict[str, str]:
    """Each region name -> the fullest name of its region (pairwise gazetteer comparisons:
    ~0.1 s for 160 names, so kept while the set of names is the same)."""
    keys: list[str] = []
    out = {}
    for name in sorted(names, key=lambda n: (-len(n), n)):
        key = next((k for k in keys if same_region(k, name)), None)
        if key is None:
            keys.append(key := name)
        out[name] = key
    return out


def region_groups(docs: list[Any]) -> dict[str, list[Any]]:
    """Documents by region; 青澜县 and 云川市青澜县 are one region, under the fullest name."""
    fullest = fullest_names(tuple(sorted({d.region for d in docs if d.region})))
    by_region: dict[str, list[Any]] = {}
    for name in sorted(fullest, key=lambda n: (-len(n), n)):
        by_region.setdefault(fullest[name], []).extend(d for d in docs if d.region == name)
    return by_region


def region_summaries(store: Any, names: list[str], as_of: int | None,
                     budget_s: float = SYNC_REFRESH_BUDGET_S) -> dict[str, tuple[dict[str, Any], str]]:
    """Each region's evaluation summary and its state: fresh ones read from the table, stale ones
    refreshed within the request's budget, the rest left to the background thread."""
    started = time.perf_counter()
    stamp = data_stamp(store)
    current = stamp_text(stamp)
    stored = load_summaries(store, as_of)
    out: dict[str, tuple[dict[str, Any], str]] = {}
    # with the background thread already at work (``serve`` starts it) the request leaves the
    # refreshing to it: two threads evaluating under one interpreter lock only slow each other
    busy = warming(store) is not None
    refreshed = 0
    for name in names:
        old = stored.get(name)
        if old is not None and old[0] == current:
            out[name] = (old[1], "fresh")
        elif not busy and (refreshed < SYNC_REFRESH_MIN or time.perf_counter() - started < budget_s):
            out[name] = (refresh(store, [name], as_of, current,
                                 lambda s, r, a: evaluation_summary(s, r, a, stamp))[name], "fresh")
            refreshed += 1
        else:
            out[name] = (old[1], "stale") if old is not None else (PENDING, "pending")
    if any(state != "fresh" for _, state in out.values()):
        start_warming(store, names, as_of, lambda: stamp_text(data_stamp(store)), evaluation_summary)
    return out


@serve_both(router, "/", "/api/overview", "overview.html", summary="Every region with its plans, "
            "status counts and warnings (warnings first)", tags=["overview"])
def overview(request: Request, as_of: str | None = AS_OF) -> dict[str, Any]:
    store = store_of(request)
    docs = store.documents()
    by_region = region_groups(docs)
    names = sorted(by_region)
    budget = getattr(request.app.state, "summary_budget_s", SYNC_REFRESH_BUDGET_S)
    summaries = region_summaries(store, names, year_of(as_of), budget)
    regions = [region_summary(name, by_region[name], *summaries[name]) for name in names]
    regions.sort(key=lambda r: (-r["level1"], -len(r["warnings"]), r["region"]))
    return {"regions": regions, "documents": len(docs),
            "unassigned_documents": sum(1 for d in docs if not d.region),
            "updating": sum(1 for r in regions if r["summary"] != "fresh")}
