"""The JSON of an evaluation (``planwatch.evaluation/1``), documented in docs/evaluation.md.

The fields of the contract (schema, region, as_of, rows[indicator, indicator_id, target,
baseline, actual, expected_now, status, status_text, gap, warning, target_source]) stay
stable; the rest (alternatives, sdg, veto, warning_change, ...) are additions.
"""

from __future__ import annotations

from typing import Any

from planwatch.evaluate.model import Actual, Evaluation, EvaluationRow, SdgAssessment, SourceRef, Warning
from planwatch.extract.serialize import number

SCHEMA_ID = "planwatch.evaluation/1"


def source_json(s: SourceRef | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"document": s.document, "span": list(s.span) if s.span else None, "quote": s.quote,
            "doc_type": s.doc_type}


def actual_json(a: Actual | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"value": number(a.value), "year": a.year, "source": source_json(a.source), "unit": a.unit,
            "metric": a.metric, "estimated": a.estimated, "vintage": a.vintage, "source_kind": a.source_kind,
            "period": list(a.period) if a.period else None}


def warning_json(w: Warning | None) -> dict[str, Any] | None:
    if w is None:
        return None
    return {"level": w.level, "text": w.text, "colour": w.colour, "reasons": list(w.reasons),
            "annual_expected": number(w.annual_expected), "projected": number(w.projected)}


def sdg_json(s: SdgAssessment | None) -> dict[str, Any] | None:
    if s is None:
        return None
    return {"grade": s.grade, "text": s.text, "ratio": number(s.ratio),
            "realised_rate": number(s.realised_rate), "required_rate": number(s.required_rate)}


def row_json(r: EvaluationRow) -> dict[str, Any]:
    t, j = r.target, r.judgement
    return {
        "indicator": t.indicator, "indicator_id": t.indicator_id,
        "target": {"metric": t.metric, "comparator": t.comparator, "value": number(t.value),
                   "low": number(t.low), "high": number(t.high), "unit": t.unit, "year": t.year,
                   "base_year": t.base_year, "attribute": t.attribute, "text": t.text, "origin": t.origin},
        "baseline": number(r.baseline),
        "actual": actual_json(r.actual),
        "expected_now": number(j.expected_now),
        "status": j.status, "status_text": j.status_text,
        "gap": number(j.gap),
        "warning": warning_json(r.warning),
        "target_source": source_json(t.source),
        # additions
        "target_restated": [source_json(src) for src in t.restated],
        "realised": number(j.realised), "judged_year": j.year, "basis": j.basis, "note": j.note,
        "direction": r.direction, "binding": t.attribute == "binding", "veto": r.veto,
        "warning_change": r.warning_change, "sdg": sdg_json(r.sdg),
        "baseline_source": source_json(r.baseline_source),
        "alternatives": [actual_json(a) for a in r.alternatives],
        "evidence": [actual_json(a) for a in r.evidence],
    }


def evaluation_to_json(evaluation: Evaluation) -> dict[str, Any]:
    """The ``planwatch.evaluation/1`` document of an evaluation."""
    return {"schema": SCHEMA_ID, "region": evaluation.region, "as_of": evaluation.as_of,
            "plan_document": evaluation.plan_document, "counts": evaluation.counts(),
            "rows": [row_json(r) for r in evaluation.rows]}
