"""The evaluation engine's result shaped for the dashboard: one display row per target.

The engine (``planwatch.evaluate``) judges; this module only chooses what a row shows and
computes the two fractions a progress bar needs (how far from baseline to target the latest
actual is, and where 序时进度 says it should be by now).
"""

from __future__ import annotations

import logging
import threading
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select

from planwatch.store import Store, schema
from planwatch.web.snapshot import StoreSnapshot
from planwatch.web.views.common import doc_link

log = logging.getLogger(__name__)
COMPARATOR_SIGN = {"ge": "≥", "le": "≤", "approx": "≈", "eq": "", "range": ""}


_CACHE: dict[tuple[str, str, int | None, tuple[Any, ...]], Any] = {}
_CACHE_SIZE = 256


def data_stamp(store: Store) -> tuple[Any, ...]:
    """Changes whenever documents or actuals change (ids are never reused, rows only added or
    deleted), so a cached evaluation is used only while its inputs are the same."""
    docs_t, obs_t = schema.documents, schema.observations
    with store.engine.connect() as conn:
        docs = conn.execute(select(func.count(), func.max(docs_t.c.id), func.max(docs_t.c.ingested_at))).one()
        obs = conn.execute(select(func.count(), func.max(obs_t.c.id))).one()
    return (*docs, *obs)


_SNAPSHOTS: dict[str, StoreSnapshot] = {}
_SNAPSHOT_LOCK = threading.Lock()


def snapshot_of(store: Store, stamp: tuple[Any, ...]) -> StoreSnapshot:
    """The store's read memo at ``stamp`` (one per store; a new stamp replaces it)."""
    with _SNAPSHOT_LOCK:
        snap = _SNAPSHOTS.get(store.url)
        if snap is None or snap.stamp != stamp or snap.store is not store:
            snap = _SNAPSHOTS[store.url] = StoreSnapshot(store, stamp)
        return snap


def evaluate(store: Store, region: str, as_of: int | None = None,
             stamp: tuple[Any, ...] | None = None) -> Any | None:
    """The region's Evaluation (cached while the data is unchanged), or None without the engine.

    ``stamp``: the data stamp when the caller has just read it (the overview, per request)."""
    try:
        from planwatch.evaluate.engine import evaluate_region
    except ImportError:
        return None
    stamp = stamp if stamp is not None else data_stamp(store)
    key = (store.url, region, as_of, stamp)
    found = _CACHE.get(key)
    if found is None:
        try:
            found = evaluate_region(snapshot_of(store, stamp), region, as_of=as_of)
        except Exception:
            # One region's failure must not take the whole dashboard down; the page shows its
            # targets unjudged and the log has the traceback for the evaluation's maintainers.
            log.exception("evaluation of %s failed", region)
            return None
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        _CACHE[key] = found
    return found


def evaluation_json(evaluation: Any) -> dict[str, Any] | None:
    """The engine's own JSON of an evaluation (its contract, unchanged)."""
    try:
        from planwatch.evaluate.serialize import evaluation_to_json
    except ImportError:
        return None
    return evaluation_to_json(evaluation)  # type: ignore[no-any-return]


def _fraction(value: Decimal | None, start: Decimal | None, end: Decimal | None) -> float | None:
    if value is None or start is None or end is None or end == start:
        return None
    return max(0.0, min(1.0, float((value - start) / (end - start))))


def target_text(comparator: str | None, value: Decimal | None, low: Decimal | None,
                high: Decimal | None, text: str | None = None) -> str:
    if comparator == "range" and low is not None and high is not None:
        return f"{low:f}–{high:f}"
    if value is None:
        return text or "—"
    return f"{COMPARATOR_SIGN.get(comparator or 'eq', '')}{value:f}"


def source_view(ref: Any) -> dict[str, Any] | None:
    if ref is None:
        return None
    return {"document": ref.document, "document_id": ref.document_id, "span": list(ref.span) if ref.span else None,
            "quote": ref.quote, "href": doc_link(ref.document_id, ref.span)}


def row_view(index: int, row: Any) -> dict[str, Any]:
    t, j = row.target, row.judgement
    actual = row.actual
    growth = t.metric in ("growth", "growth_avg")
    if growth:
        progress = _fraction(j.realised, Decimal(0), t.value)
        marker = _fraction(j.expected_now, Decimal(0), t.value)
    else:
        progress = _fraction(actual.value if actual else None, row.baseline, t.value)
        marker = _fraction(j.expected_now, row.baseline, t.value)
    warning = row.warning
    return {
        "seq": index,
        "indicator": t.indicator,
        "indicator_id": t.indicator_id,
        "metric": t.metric,
        "unit": t.unit,
        "attribute": t.attribute,
        "baseline": row.baseline,
        "base_year": t.base_year,
        "target": target_text(t.comparator, t.value, t.low, t.high, t.text),
        "target_value": t.value,
        "target_year": t.year,
        # what was judged: the level, or for a growth target the realised (average) growth
        "latest": j.realised if j.realised is not None else (actual.value if actual else None),
        "latest_year": actual.year if actual else None,
        "latest_estimated": bool(actual and actual.estimated),
        "latest_source": source_view(actual.source) if actual else None,
        "realised": j.realised,
        "expected_now": j.expected_now,
        "gap": j.gap,
        "status": j.status,
        "status_text": j.status_text,
        "note": j.note,
        "progress": progress,
        "marker": marker,
        "warning_level": warning.level if warning else None,
        "warning_text": warning.text if warning else None,
        "warning_reasons": list(warning.reasons) if warning else [],
        "warning_change": row.warning_change,
        "veto": row.veto,
        "target_source": source_view(t.source),
    }


def evaluation_rows(evaluation: Any) -> list[dict[str, Any]]:
    return [row_view(i, row) for i, row in enumerate(evaluation.rows, 1)]


def targets_as_rows(store: Store, region: str) -> list[dict[str, Any]]:
    """Without the engine: the region's targets as stated, unjudged."""
    rows = []
    for i, st in enumerate(store.targets(region=region), 1):
        t = st.target
        rows.append({
            "seq": i, "indicator": t.indicator, "indicator_id": t.indicator_id, "metric": t.metric,
            "unit": t.unit, "attribute": None, "baseline": None, "base_year": None,
            "target": target_text(t.comparator, t.value, t.low, t.high, t.text), "target_value": t.value,
            "target_year": t.year, "latest": None, "latest_year": None, "latest_estimated": False,
            "latest_source": None, "realised": None, "expected_now": None, "gap": None, "status": None,
            "status_text": None, "note": None, "progress": None, "marker": None, "warning_level": None,
            "warning_text": None, "warning_reasons": [], "warning_change": None, "veto": False,
            "target_source": {"document": st.path, "document_id": st.document_id, "span": t.span.as_list(),
                              "quote": None, "href": doc_link(st.document_id, t.span.as_list())},
        })
    return rows
