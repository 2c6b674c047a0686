"""The research panel (面板数据): every reported actual with the target it informs.

One row per region, indicator, year and source — and per target, when one figure informs
several (a GDP level informs both the 2025 level target and the average-growth target). Each
row carries the target (value or bounds, comparator, unit, year, attribute), the actual (value,
unit, estimated), the status of that target as of the row's year (the engine's judgement at
``as_of = year``), and where both numbers were read (document, character span, quote).
Actuals no target uses stay in the panel with empty target columns; targets with no actual
get one row with an empty year and their latest status.

The numbers come from ``planwatch.evaluate`` (targets, evidence, linking and judging are not
redone here).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from decimal import Decimal

from planwatch.evaluate.engine import evaluate_targets
from planwatch.evaluate.model import Actual, EvaluationRow, SourceRef, TargetInfo
from planwatch.evaluate.sources import load_evidence, load_targets
from planwatch.ingest.regions import canonical_region, same_region
from planwatch.link.catalogue import default_catalogue
from planwatch.link.linker import Evidence


@dataclass(frozen=True)
class PanelRow:
    """One panel row; field names are the column names (ASCII, ≤ 32 characters, for Stata)."""

    region: str
    region_code: str | None
    indicator_id: str | None
    indicator: str | None
    metric: str | None
    year: int | None
    actual: Decimal | None
    actual_unit: str | None
    estimated: bool | None
    source_kind: str | None  # extracted | spreadsheet
    doc_type: str | None
    document_id: int | None
    document: str | None
    span_start: int | None
    span_end: int | None
    quote: str | None
    vintage: str | None
    target_indicator: str | None
    target_metric: str | None
    comparator: str | None  # the target's modifier: eq | approx | ge | le | range
    target: Decimal | None
    target_low: Decimal | None
    target_high: Decimal | None
    target_unit: str | None
    target_year: int | None
    base_year: int | None
    baseline: Decimal | None
    attribute: str | None  # binding | expected
    target_document_id: int | None
    target_document: str | None
    target_span_start: int | None
    target_span_end: int | None
    status: str | None  # the target's status as of ``year``
    status_text: str | None
    expected_now: Decimal | None
    warning_level: int | None


COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(PanelRow))
DECIMAL_COLUMNS = frozenset({"actual", "target", "target_low", "target_high", "baseline", "expected_now"})
INTEGER_COLUMNS = frozenset({"year", "document_id", "span_start", "span_end", "target_year", "base_year",
                             "target_document_id", "target_span_start", "target_span_end", "warning_level"})
BOOL_COLUMNS = frozenset({"estimated"})


def _key(a: Actual) -> tuple:
    return (a.source.document, a.source.span, a.year, a.metric, a.value, a.vintage)


def _span(src: SourceRef | None) -> tuple[int | None, int | None]:
    return (src.span[0], src.span[1]) if src and src.span else (None, None)


def _target_fields(t: TargetInfo | None) -> dict:
    if t is None:
        return {name: None for name in COLUMNS if name.startswith("target") or name in
                ("comparator", "base_year", "attribute")}
    start, end = _span(t.source)
    return {"target_indicator": t.indicator, "target_metric": t.metric, "comparator": t.comparator,
            "target": t.value, "target_low": t.low, "target_high": t.high, "target_unit": t.unit,
            "target_year": t.year, "base_year": t.base_year, "attribute": t.attribute,
            "target_document_id": t.source.document_id, "target_document": t.source.document,
            "target_span_start": start, "target_span_end": end}


def _actual_fields(e: Evidence | None) -> dict:
    if e is None:
        return {"indicator_id": None, "indicator": None, "metric": None, "year": None, "actual": None,
                "actual_unit": None, "estimated": None, "source_kind": None, "doc_type": None, "document_id": None,
                "document": None, "span_start": None, "span_end": None, "quote": None, "vintage": None}
    o, src = e.observation, e.source
    start, end = _span(src)
    return {"indicator_id": o.indicator_id, "indicator": o.indicator or None, "metric": o.metric, "year": o.year,
            "actual": o.value, "actual_unit": o.unit, "estimated": o.estimated, "source_kind": e.source_kind,
            "doc_type": e.doc_type, "document_id": src.document_id, "document": src.document,
            "span_start": start, "span_end": end, "quote": src.quote, "vintage": e.vintage}


def _judged_fields(r: EvaluationRow | None) -> dict:
    if r is None:
        return {"baseline": None, "status": None, "status_text": None, "expected_now": None,
                "warning_level": None}
    return {"baseline": r.baseline, "status": r.judgement.status, "status_text": r.judgement.status_text,
            "expected_now": r.judgement.expected_now, "warning_level": r.warning.level if r.warning else None}


def region_panel(store, region: str, as_of: int | None = None) -> list[PanelRow]:
    """The panel rows of one region (see the module's docstring)."""
    catalogue = default_catalogue()
    targets, _ = load_targets(store, region, None, catalogue)
    evidence = load_evidence(store, region)
    by_key = {_key(e.as_actual()): e for e in evidence}
    found = canonical_region(region)
    code = found.code if found else None
    years = sorted({e.observation.year for e in evidence if e.observation.year is not None
                    and (as_of is None or e.observation.year <= as_of)})
    rows: list[PanelRow] = []
    used: set[tuple] = set()
    linked_targets: set[int] = set()
    for year in years:
        evaluation = evaluate_targets(targets, evidence, region, year, catalogue=catalogue, compare_previous=False)
        for r in evaluation.rows:
            for a in r.evidence:
                if a.year != year or _key(a) not in by_key:
                    continue
                used.add(_key(a))
                linked_targets.add(id(r.target))
                rows.append(PanelRow(region=region, region_code=code, **_actual_fields(by_key[_key(a)]),
                                     **_target_fields(r.target), **_judged_fields(r)))
    if targets:
        latest = evaluate_targets(targets, evidence, region, as_of, catalogue=catalogue, compare_previous=False)
        for r in latest.rows:
            if id(r.target) not in linked_targets:
                named = {**_actual_fields(None), "indicator_id": r.target.indicator_id,
                         "indicator": r.target.indicator}
                rows.append(PanelRow(region=region, region_code=code, **named, **_target_fields(r.target),
                                     **_judged_fields(r)))
    for e in evidence:
        key = _key(e.as_actual())
        if key in used or (as_of is not None and (e.observation.year or 0) > as_of):
            continue
        used.add(key)
        rows.append(PanelRow(region=region, region_code=code, **_actual_fields(e), **_target_fields(None),
                             **_judged_fields(None)))
    return rows


def _order(row: PanelRow) -> tuple:
    return (row.region, row.indicator_id or row.target_indicator or row.indicator or "", row.year or 0,
            row.document or "", row.span_start or 0, row.target_metric or "", row.target_year or 0)


def build_panel(store, regions: list[str] | None = None, as_of: int | None = None) -> list[PanelRow]:
    """The panel of every region of the store (or of ``regions``, each named as stored:
    石峰区 → 株洲市石峰区), sorted by region, indicator, year and source."""
    stored = [r.region for r in store.regions()]
    names = stored if not regions else list(dict.fromkeys(
        name for wanted in regions for name in ([s for s in stored if same_region(wanted, s)] or [wanted])))
    rows = [row for name in names for row in region_panel(store, name, as_of)]
    return sorted(rows, key=_order)
