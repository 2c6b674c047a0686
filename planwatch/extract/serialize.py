"""The JSON contract of ``planwatch extract FILE --json`` (planwatch.extraction/1).

Kept apart from the extractors so the contract has one home: the schema file in the package
(``planwatch/data/extraction.schema.json``) and this module change together, and a test
validates every output against the schema.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.model import Extraction, IndicatorRow, Observation, Span, Target

SCHEMA_ID = "planwatch.extraction/1"

_ROW_FIELDS = (
    "category", "baseline", "baseline_year", "target", "target_text", "target_year", "annual_growth",
    "target_growth", "actual", "actual_text", "actual_growth", "actual_avg_growth", "gap", "status_text",
    "indicator_id",
)


def number(value: Decimal | None) -> int | float | None:
    """A Decimal as a JSON number: integers stay integers, the rest go through their shortest
    decimal text, which ``float`` reproduces exactly for the digits a plan prints."""
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 10**15:
        return int(value)
    return float(value)


def span(s: Span) -> list[int]:
    return [s.start, s.end]


def row_to_json(row: IndicatorRow) -> dict[str, Any]:
    out: dict[str, Any] = {"seq": row.seq, "name": row.name, "unit": row.unit, "attribute": row.attribute}
    for key in _ROW_FIELDS:
        value = getattr(row, key)
        out[key] = number(value) if isinstance(value, Decimal) else value
    out["span"] = span(row.span)
    return out


def target_to_json(t: Target) -> dict[str, Any]:
    return {
        "indicator": t.indicator, "indicator_id": t.indicator_id, "metric": t.metric,
        "value": number(t.value), "low": number(t.low), "high": number(t.high),
        "comparator": t.comparator, "unit": t.unit, "year": t.year, "region": t.region,
        "span": span(t.span),
    }


def observation_to_json(o: Observation) -> dict[str, Any]:
    return {
        "indicator": o.indicator, "indicator_id": o.indicator_id, "metric": o.metric,
        "value": number(o.value), "comparator": o.comparator, "unit": o.unit, "year": o.year,
        "period": list(o.period) if o.period else None, "estimated": o.estimated,
        "region": o.region, "span": span(o.span),
    }


def extraction_to_json(ex: Extraction) -> dict[str, Any]:
    """The whole extraction as the planwatch.extraction/1 JSON object.

    Qualitative targets (a goal without a number) are listed under ``qualitative_targets``
    rather than ``targets``: the contract's targets are quantified goals, and a consumer that
    counts them must not count "保持在合理区间" as a number.
    """
    src, meta = ex.source, ex.meta
    quantified = [t for t in ex.targets if t.metric != "qualitative"]
    qualitative = [t for t in ex.targets if t.metric == "qualitative"]
    return {
        "schema": SCHEMA_ID,
        "document": {
            "path": src.path, "sha256": src.sha256, "chars": len(src.text), "encoding": src.encoding,
            "format": src.format, "title": meta.title, "doc_type": meta.doc_type, "region": meta.region,
            "region_code": meta.region_code, "period": list(meta.period) if meta.period else None,
        },
        "sections": [
            {"title": s.title, "level": s.level, "kind": s.kind, "span": span(s.span)} for s in ex.sections
        ],
        "indicator_tables": [
            {"title": t.title, "kind": t.kind, "span": span(t.span), "rows": [row_to_json(r) for r in t.rows]}
            for t in ex.tables
        ],
        "targets": [target_to_json(t) for t in quantified],
        "qualitative_targets": [
            {"indicator": t.indicator, "indicator_id": t.indicator_id, "text": t.text, "year": t.year,
             "region": t.region, "span": span(t.span)}
            for t in qualitative
        ],
        "observations": [observation_to_json(o) for o in ex.observations],
        "glossary": [{"term": g.term, "definition": g.definition, "span": span(g.span)} for g in ex.glossary],
        "projects": [{"name": p.name, "section": p.section, "investment": number(p.investment),
                      "investment_unit": p.investment_unit, "span": span(p.span)} for p in ex.projects],
    }
