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


# Measure words of things counted one by one (家, 个, 户…): a goal in them is a ``count`` in the
# gold files' convention (高新技术企业120家, 5G基站1200个, 市场主体12.5万户), unless the name
# makes it a density (每万人口…拥有量, 每千人口…医师数), which stays a ``level``.
COUNT_WORDS = frozenset("个家户人件项所座套台名条处")
DENSITY_WORDS = ("每万", "每千", "每百", "拥有量")


def amount_metric(unit: str | None, name: str = "") -> str:
    """The metric of an amount in ``unit``: share for %, count for things counted, else level."""
    if unit == "%":
        return "share"
    counted = unit is not None and unit.removeprefix("万") in COUNT_WORDS
    return "count" if counted and not any(w in name for w in DENSITY_WORDS) else "level"


def level_metric(spec: IndicatorSpec) -> str:
    """share for a percentage (城镇化率), count for things counted, level for anything else."""
    return amount_metric(spec.unit, "".join(spec.names))
