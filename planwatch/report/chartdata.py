"""The numbers of an indicator's chart: its actuals by year against the target path (图表数据).

Kept apart from the drawing (``charts.py``) so what is plotted can be tested and reused:

- level / share / count targets: actual levels (in the target's unit) against the straight path
  from the baseline (y0, B) to the target (yT, T), the STATUS_SPEC's 序时进度;
- growth_avg targets with a baseline level: levels against the compound path
  B·(1 + T/100)^(y − y0); without one, the reported growth rates against the flat line T;
- one-year growth targets: that year's growth against T.
Range targets draw the band's middle as the path and keep both bounds for shading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from planwatch.evaluate.model import Actual, EvaluationRow
from planwatch.evaluate.progress import LEVEL_METRICS
from planwatch.evaluate.units import convert

GROWTH_METRICS = frozenset({"growth", "growth_avg"})
HUNDRED = Decimal(100)


@dataclass(frozen=True)
class ChartData:
    title: str
    unit: str | None
    actuals: tuple[tuple[int, Decimal], ...]  # (year, value), one per year
    path: tuple[tuple[int, Decimal], ...]  # the target path, from the base year to the target year
    band: tuple[Decimal, Decimal] | None = None  # a range target's bounds (at the target year)
    judged_year: int | None = None


def _preference(a: Actual) -> tuple:
    """Which figure of a year to plot: final before 预计, a bulletin before the rest."""
    return (a.estimated, a.source.doc_type != "bulletin", a.source_kind != "extracted")


def yearly(actuals: Iterable[Actual], metrics: frozenset[str], unit: str | None,
           chosen: Actual | None = None) -> tuple[tuple[int, Decimal], ...]:
    """One value per year, converted to ``unit`` (figures that cannot be are left out); the
    row's chosen actual wins its year."""
    best: dict[int, tuple[tuple, Decimal]] = {}
    for a in actuals:
        if a.metric not in metrics:
            continue
        value = a.value if a.metric in GROWTH_METRICS else convert(a.value, a.unit, unit)
        if value is None:
            continue
        rank = (0,) if a is chosen else (1, *_preference(a))
        if a.year not in best or rank < best[a.year][0]:
            best[a.year] = (rank, value)
    return tuple(sorted((year, v) for year, (_, v) in best.items()))


def _goal_value(row: EvaluationRow) -> Decimal | None:
    t = row.target
    if t.comparator == "range" and t.low is not None and t.high is not None:
        return (t.low + t.high) / 2
    return t.value


def linear_path(b: Decimal | None, y0: int | None, t: Decimal, yt: int) -> tuple[tuple[int, Decimal], ...]:
    if b is None or y0 is None or y0 >= yt:
        return ((yt, t),)
    return tuple((y, b + (t - b) * (y - y0) / (yt - y0)) for y in range(y0, yt + 1))


def compound_path(b: Decimal, y0: int, rate: Decimal, yt: int) -> tuple[tuple[int, Decimal], ...]:
    step = 1 + rate / HUNDRED
    return tuple((y, (b * step ** (y - y0)).quantize(Decimal("0.01"))) for y in range(y0, yt + 1))


def chart_data(row: EvaluationRow) -> ChartData | None:
    """What to plot for one evaluation row, or None (qualitative target, no number, no year)."""
    t = row.target
    goal = _goal_value(row)
    if t.metric == "qualitative" or goal is None or t.year is None:
        return None
    band = (t.low, t.high) if t.comparator == "range" and t.low is not None and t.high is not None else None
    judged = row.judgement.year
    if t.metric == "growth_avg" and row.baseline is not None and t.base_year is not None and t.base_year < t.year:
        unit = t.baseline_unit or next((a.unit for a in row.evidence if a.metric in LEVEL_METRICS), None)
        actuals = yearly(row.evidence, LEVEL_METRICS, unit, row.actual)
        if actuals:
            path = compound_path(row.baseline, t.base_year, goal, t.year)
            return ChartData(f"{t.indicator}（年均增长{goal.normalize():f}%的路径）", unit,
                             ((t.base_year, row.baseline), *[p for p in actuals if p[0] != t.base_year]),
                             path, None, judged)
    if t.metric in GROWTH_METRICS:
        actuals = yearly(row.evidence, frozenset({t.metric}), t.unit, row.actual)
        start = (t.base_year + 1) if t.base_year is not None else min((y for y, _ in actuals), default=t.year)
        path = tuple((y, goal) for y in range(min(start, t.year), t.year + 1))
        return ChartData(f"{t.indicator}（增速）", t.unit or "%", actuals, path, band, judged)
    if t.metric == "change_total":
        actuals = yearly(row.evidence, frozenset({"change_total"}), t.unit, row.actual)
        path = linear_path(Decimal(0), t.base_year, goal, t.year)
        return ChartData(f"{t.indicator}（累计变化）", t.unit, actuals, path, band, judged)
    actuals = yearly(row.evidence, LEVEL_METRICS, t.unit, row.actual)
    base = row.baseline if row.baseline is not None and (t.baseline_unit in (None, t.unit)) else None
    return ChartData(t.indicator, t.unit, actuals, linear_path(base, t.base_year, goal, t.year), band, judged)
