"""An indicator's page: its trajectory against the target path, its sources, and the same
indicator across regions."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Path, Query, Request
from markupsafe import Markup

from planwatch.ingest.regions import same_region
from planwatch.web import queries
from planwatch.web.charts import trajectory_svg
from planwatch.web.i18n import translate
from planwatch.web.render import language
from planwatch.web.views.common import doc_link, serve_both, store_of
from planwatch.web.views.evaluation import evaluate, evaluation_rows

router = APIRouter()


def _catalogue_entry(indicator_id: str) -> dict[str, Any] | None:
    try:
        from planwatch.link.catalogue import default_catalogue
        ind = default_catalogue().get(indicator_id)
    except Exception:  # the catalogue is optional for this page
        return None
    if ind is None:
        return None
    return {"id": ind.id, "name": ind.name, "unit": ind.unit, "category": ind.category,
            "attribute": ind.attribute, "direction": ind.direction, "synonyms": list(ind.synonyms)}


def target_path(rows: list[dict[str, Any]], targets: list[Any],
                evaluated: Sequence[dict[str, Any]] = ()) -> list[tuple[int, Decimal]]:
    """Baseline to target as two points: from the plan table if it has both, else from the
    evaluation (which finds the baseline among the actuals), else the bare target."""
    for r in rows:
        if r["baseline"] is not None and r["target"] is not None and r["baseline_year"] and r["target_year"]:
            return [(r["baseline_year"], r["baseline"]), (r["target_year"], r["target"])]
    for e in evaluated:
        if (e["metric"] not in ("growth", "growth_avg") and e["baseline"] is not None and e["base_year"]
                and e["target_value"] is not None and e["target_year"]):
            return [(e["base_year"], e["baseline"]), (e["target_year"], e["target_value"])]
    for st in targets:
        t = st.target
        if t.value is not None and t.year and t.metric not in ("growth", "growth_avg"):
            return [(t.year, t.value)]
    return []


@serve_both(router, "/indicators", "/api/indicators", "indicators.html",
            summary="Indicators present in the store with their counts", tags=["indicators"])
def indicators_list(request: Request) -> dict[str, Any]:
    with store_of(request).engine.connect() as conn:
        return {"indicators": queries.indicator_usage(conn)}


@serve_both(router, "/indicators/{indicator_id}", "/api/indicators/{indicator_id}", "indicator.html",
            summary="One indicator: actuals, targets, trajectory, across regions", tags=["indicators"])
def indicator_page(request: Request, indicator_id: str = Path(..., max_length=80, examples=["gdp"]),
                   region: str | None = Query(None, max_length=200)) -> dict[str, Any]:
    store = store_of(request)
    with store.engine.connect() as conn:
        rows = queries.indicator_rows_for(conn, indicator_id)
    observations = [o for o in store.observations(indicator_id=indicator_id)]
    targets = [t for t in store.targets() if t.target.indicator_id == indicator_id]
    catalogue = _catalogue_entry(indicator_id)
    if not rows and not observations and not targets and catalogue is None:
        raise HTTPException(404, f"no indicator {indicator_id!r}")
    regions = sorted({*(o.observation.region or "" for o in observations), *(r["doc_region"] or "" for r in rows),
                      *(t.target.region or "" for t in targets)} - {""})
    doc_regions = {d.id: d.region for d in store.documents()}

    def region_of(item_region: str | None, doc_id: int | None) -> str | None:
        return item_region or (doc_regions.get(doc_id) if doc_id else None)

    names = sorted({*regions, *(region_of(None, o.document_id) or "" for o in observations)} - {""},
                   key=lambda n: (-len(n), n))
    groups: dict[str, list[str]] = {}  # the fullest name, and every name of the same region
    for name in names:
        key = next((k for k in groups if same_region(k, name)), name)
        groups.setdefault(key, []).append(name)
    across = []
    for name in sorted(groups):
        alias = set(groups[name])
        obs = [o for o in observations
               if region_of(o.observation.region, o.document_id) in alias and o.observation.year]
        latest = max(obs, key=lambda o: (o.observation.year, o.vintage), default=None)
        plan_rows = [r for r in rows if r["doc_region"] in alias]
        stated = [t.target for t in targets if region_of(t.target.region, t.document_id) in alias
                  and t.target.value is not None and t.target.metric not in ("growth", "growth_avg")]
        across.append({"region": name, "href": f"/indicators/{quote(indicator_id)}?region={quote(name)}",
                       "latest": latest.observation.value if latest else None,
                       "latest_year": latest.observation.year if latest else None,
                       "unit": latest.observation.unit if latest else None,
                       "target": plan_rows[0]["target"] if plan_rows else (stated[0].value if stated else None),
                       "target_year": plan_rows[0]["target_year"] if plan_rows else
                       (stated[0].year if stated else None)})
    chosen: str | None = region or (str(across[0]["region"]) if len(across) == 1 else None)

    def mine(name: str | None) -> bool:
        return chosen is None or (name is not None and same_region(name, chosen))

    mine_obs = [o for o in observations if mine(region_of(o.observation.region, o.document_id))]
    mine_rows = [r for r in rows if mine(r["doc_region"])]
    mine_targets = [t for t in targets if mine(region_of(t.target.region, t.document_id))]
    series: dict[int, Decimal] = {}
    for o in sorted(mine_obs, key=lambda o: o.vintage):
        ob = o.observation
        if ob.year and ob.metric in ("level", "share", "count") and (ob.period is None or ob.period[0] == ob.period[1]):
            series[ob.year] = ob.value
    evaluated = []
    if chosen:
        evaluation = evaluate(store, str(chosen))
        if evaluation is not None:
            evaluated = [r for r in evaluation_rows(evaluation) if r["indicator_id"] == indicator_id]
    path = target_path(mine_rows, mine_targets, evaluated) if chosen else []
    lang = language(request)
    unit = (catalogue or {}).get("unit") or next((o.observation.unit for o in mine_obs if o.observation.unit), None)
    chart = trajectory_svg(sorted(series.items()), path, unit=unit,
                           labels=(translate("actual", lang), translate("target_path", lang))) if chosen else ""
    return {
        "indicator_id": indicator_id,
        "catalogue": catalogue,
        "name": (catalogue or {}).get("name") or (rows[0]["name"] if rows else None)
        or (observations[0].observation.indicator if observations else indicator_id),
        "region": chosen,
        "unit": unit,
        "evaluation": [{k: e[k] for k in ("status", "status_text", "baseline", "base_year", "target", "target_year",
                                          "latest", "latest_year", "expected_now", "warning_level")}
                       for e in evaluated],
        "series": [{"year": y, "value": v} for y, v in sorted(series.items())],
        "target_path": [{"year": y, "value": v} for y, v in path],
        "chart_svg": Markup(chart),
        "observations": [{"id": o.id, "year": o.observation.year, "value": o.observation.value,
                          "unit": o.observation.unit, "metric": o.observation.metric,
                          "estimated": o.observation.estimated,
                          "region": region_of(o.observation.region, o.document_id),
                          "source_kind": o.source_kind, "source": o.source or o.path, "vintage": o.vintage,
                          "href": doc_link(o.document_id, o.observation.span.as_list()) if o.document_id else None,
                          "record": f"/records/observation/{o.id}"} for o in mine_obs],
        "targets": [{"id": t.id, "year": t.target.year, "value": t.target.value, "unit": t.target.unit,
                     "metric": t.target.metric, "comparator": t.target.comparator,
                     "region": region_of(t.target.region, t.document_id),
                     "href": doc_link(t.document_id, t.target.span.as_list()),
                     "record": f"/records/target/{t.id}"} for t in mine_targets],
        "plan_rows": [{"id": r["id"], "name": r["name"], "region": r["doc_region"], "baseline": r["baseline"],
                       "baseline_year": r["baseline_year"], "target": r["target"], "target_year": r["target_year"],
                       "unit": r["unit"], "attribute": r["attribute"],
                       "href": doc_link(r["document_id"], [r["span_start"], r["span_end"]]),
                       "record": f"/records/row/{r['id']}"} for r in mine_rows],
        "across_regions": across,
    }
