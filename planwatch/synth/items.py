"""Truth items (应抽取的条目): the targets and actuals a composed sentence states.

Plain dicts in the layout of the shared gold files (indicator, metric, comparator, value, low,
high, unit, year, quote) plus ``indicator_id``, the printed ``name`` and ``_q``: which «quote»
of the sentence the item belongs to (the builder resolves it to ``quote`` and ``span``).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from planwatch.synth.specs import IndicatorSpec


def target(spec: IndicatorSpec, metric: str, comparator: str | None, value: Decimal | None,
           unit: str | None, year: int | None, *, name: str | None = None,
           low: Decimal | None = None, high: Decimal | None = None, text: str | None = None,
           period: tuple[int, int] | None = None, q: int = 0) -> dict[str, Any]:
    return {
        "kind": "target", "indicator": spec.names[0], "name": name or spec.names[0],
        "indicator_id": spec.indicator_id, "metric": metric, "comparator": comparator,
        "value": value, "low": low, "high": high, "unit": unit, "year": year,
        "period": list(period) if period else None, "text": text, "_q": q,
    }


def observation(spec: IndicatorSpec, metric: str, value: Decimal, unit: str | None, year: int,
                *, name: str | None = None, estimated: bool = False,
                period: tuple[int, int] | None = None, q: int = 0) -> dict[str, Any]:
    return {
        "kind": "observation", "indicator": spec.names[0], "name": name or spec.names[0],
        "indicator_id": spec.indicator_id, "metric": metric, "comparator": "eq", "value": value,
        "unit": unit, "year": year, "period": list(period) if period else None, "estimated": estimated,
        "_q": q,
    }


def level_metric(spec: IndicatorSpec) -> str:
    """share for a percentage (城镇化率), level for anything else."""
    return "share" if spec.unit == "%" else "level"
