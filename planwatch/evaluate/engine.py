"""Evaluate a region's targets with the actuals reported for it (监测评估).

``evaluate_targets`` is the pure core (targets + evidence in, ``Evaluation`` out);
``evaluate_region`` reads both from the store. Per target: link the actuals (linker), build
the yearly series in the target's unit, judge (progress), grade the warning, the binding veto
and the SDG method, and compare the warning with the assessment a year earlier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import cast

from planwatch.evaluate.direction import indicator_direction
from planwatch.evaluate.judge import DECLINE_WORDS, goal_direction, make_goal
from planwatch.evaluate.model import Actual, Evaluation, EvaluationRow, Settings, TargetInfo
from planwatch.evaluate.progress import LEVEL_METRICS, Series, judge_target
from planwatch.evaluate.sdg import assess_sdg
from planwatch.evaluate.units import convert, is_rate
from planwatch.evaluate.warning import assess_warning, warning_change
from planwatch.link.catalogue import Catalogue, default_catalogue
from planwatch.link.linker import Evidence, choose, group_by_year_metric, link_evidence, rank_evidence
from planwatch.model import Metric, Observation

VETO_STATUSES = frozenset({"missed", "lagging"})
# Which evidence group shows as "the actual" of a row, by target metric (first present wins).
SHOWN: dict[str, tuple[str, ...]] = {
    "growth": ("growth", "level"), "growth_avg": ("growth_avg", "level", "growth"),
    "change_total": ("change_total", "annual_change", "level"),
}


def level_unit(target: TargetInfo, linked: Sequence[Evidence]) -> str | None:
    """The unit levels are brought to: the target's own for levels, else the baseline's, else
    the first reported level's."""
    if target.baseline_unit:
        return target.baseline_unit
    if target.metric in LEVEL_METRICS and target.unit:
        return target.unit
    return next((e.observation.unit for e in linked if e.observation.metric in LEVEL_METRICS), None)


def _period_fits(e: Evidence, base_year: int | None) -> bool:
    """A reported average/total counts only when it runs from the target's base year."""
    period = e.observation.period
    if period is None or base_year is None:
        return True
    return period[0] in (base_year, base_year + 1)


def build_series(target: TargetInfo, linked: Sequence[Evidence], settings: Settings,
                 ) -> tuple[Series, dict[tuple[str, int], tuple[Evidence, list[Evidence]]]]:
    """The yearly values in the target's unit, and per (metric, year) the choice and the rest."""
    series = Series(decline=says_decline(target.indicator))
    chosen: dict[tuple[str, int], tuple[Evidence, list[Evidence]]] = {}
    unit = level_unit(target, linked)
    if target.metric == "change_total":
        linked = [yearly_change(e, target) for e in linked]
    for (metric, year), group in group_by_year_metric(linked).items():
        if metric == "level":
            usable = [e for e in group if convert(e.observation.value, e.observation.unit, unit) is not None]
        elif metric in ("growth", "growth_avg"):
            usable = [e for e in group if not e.observation.unit or is_rate(e.observation.unit)]
            if metric == "growth_avg":
                usable = [e for e in usable if _period_fits(e, target.base_year)]
        elif metric == "annual_change":
            usable = [e for e in group if not e.observation.unit or is_rate(e.observation.unit)]
        else:
            usable = [e for e in group if _period_fits(e, target.base_year)
                      and convert(e.observation.value, e.observation.unit, target.unit) is not None]
        best, _ = choose(usable, settings.estimated_ok)
        if best is None:
            continue
        # alternatives: the other figures that could have been judged (a figure in a unit that
        # cannot be compared stays in the row's evidence, not among the alternatives)
        chosen[(metric, year)] = (best, [e for e in rank_evidence(usable) if e is not best])
        o = best.observation
        if metric == "level":
            value = convert(o.value, o.unit, unit)
            assert value is not None
            series.levels[year] = value
        elif metric == "growth":
            series.growth[year] = o.value
        elif metric == "growth_avg":
            series.growth_avg[year] = o.value
        elif metric == "annual_change":
            series.annual_change[year] = signed_change(o, series.decline)
        else:
            value = convert(o.value, o.unit, target.unit)
            assert value is not None
            series.change[year] = signed_change(replace(o, value=value), series.decline)
    return series, chosen


def says_decline(name: str | None) -> bool:
    return bool(name) and any(w in (name or "") for w in DECLINE_WORDS)


def signed_change(o: Observation, decline: bool) -> Decimal:
    """A change in the target's sense: a decline counted positive when the target says 下降."""
    if says_decline(o.indicator) == decline:
        return o.value
    return -o.value


def yearly_change(e: Evidence, target: TargetInfo) -> Evidence:
    """For a change_total target: a growth, or a change reported for one year only, is that
    year's own change (compounded later), not the change since the base year."""
    o = e.observation
    one_year = o.period is None or o.period[0] == o.period[1]
    starts_at_base = o.period is not None and target.base_year is not None and \
        o.period[0] in (target.base_year, target.base_year + 1) and not one_year
    if o.metric == "growth" or (o.metric == "change_total" and not starts_at_base):
        # an internal metric of the series, never stored: "this year's own change"
        return replace(e, observation=replace(o, metric=cast(Metric, "annual_change")))
    return e


def evaluate_target(target: TargetInfo, evidence: Sequence[Evidence], as_of: int | None, settings: Settings,
                    catalogue: Catalogue) -> EvaluationRow:
    """Judge one target with every actual that can inform it."""
    quantity_direction = indicator_direction(target.indicator, target.unit, target.indicator_id, catalogue)
    direction = goal_direction(target.comparator, quantity_direction, target.metric, target.indicator, target.unit)
    goal = None if target.metric == "qualitative" else make_goal(
        target.comparator, target.value, target.low, target.high, direction, target.unit, target.metric)
    linked = link_evidence(target.indicator_id, target.indicator, target.metric, target.region, evidence, catalogue)
    known = [e for e in linked if as_of is None or (e.observation.year or 0) <= as_of]
    series, chosen = build_series(target, known, settings)

    base, base_source = target.baseline, target.source if target.baseline is not None else None
    if base is None and target.base_year is not None and target.base_year in series.levels:
        base = series.levels[target.base_year]
        base_source = chosen[("level", target.base_year)][0].source

    judgement = judge_target(target, goal, series, base, as_of, settings)
    actual: Actual | None = None
    alternatives: tuple[Actual, ...] = ()
    if judgement.year is not None:
        for metric in SHOWN.get(target.metric, ("level",)):
            if (metric, judgement.year) in chosen:
                best, rest = chosen[(metric, judgement.year)]
                actual, alternatives = best.as_actual(), tuple(e.as_actual() for e in rest)
                break
    warning = assess_warning(target, goal, judgement, series, base, settings)
    return EvaluationRow(
        target=target, direction=direction, baseline=base, baseline_source=base_source, actual=actual,
        alternatives=alternatives, judgement=judgement, warning=warning,
        veto=target.attribute == "binding" and judgement.status in VETO_STATUSES,
        sdg=assess_sdg(target, goal, judgement, base, settings),
        evidence=tuple(e.as_actual() for e in sorted(known, key=lambda e: (e.observation.year or 0))))


# Words a goal's name can end with that are not part of the indicator (GDP增长目标 8.8%左右).
GOAL_WORDS: tuple[str, ...] = ("预期目标", "目标值", "目标", "指标")


def identify(target: TargetInfo, catalogue: Catalogue) -> TargetInfo:
    """A target without a catalogue id gets one if its name, or its name without a trailing
    goal word, is in the catalogue (an id is what links a target to its actuals)."""
    if target.indicator_id:
        return target
    name = target.indicator
    for candidate in (name, *(name.removesuffix(w) for w in GOAL_WORDS if name.endswith(w))):
        hit = catalogue.match(candidate, target.unit) if candidate else None
        if hit is not None:
            return replace(target, indicator_id=hit.id)
    return target


def latest_year(evidence: Sequence[Evidence]) -> int | None:
    """The latest year an actual is reported for, never after this year (a misread 2035 is not
    an actual)."""
    this_year = date.today().year
    years = [y for e in evidence if (y := e.observation.year) is not None and y <= this_year]
    return max(years) if years else None


def evaluate_targets(targets: Sequence[TargetInfo], evidence: Sequence[Evidence], region: str,
                     as_of: int | None = None, settings: Settings | None = None,
                     plan_document: str | None = None, catalogue: Catalogue | None = None,
                     compare_previous: bool = True) -> Evaluation:
    """Judge every target as of ``as_of`` (default: the latest year any actual is reported for)."""
    settings = settings or Settings()
    catalogue = catalogue or default_catalogue()
    as_of = as_of if as_of is not None else latest_year(evidence)
    targets = [identify(t, catalogue) for t in targets]
    rows = [evaluate_target(t, evidence, as_of, settings, catalogue) for t in targets]
    if compare_previous and as_of is not None:
        before = evaluate_targets(targets, evidence, region, as_of - 1, settings, plan_document, catalogue,
                                  compare_previous=False)
        previous = {r.key: r.warning for r in before.rows}
        rows = [replace(r, warning_change=warning_change(previous.get(r.key), r.warning)) for r in rows]
    rows.sort(key=lambda r: (r.target.origin != "table", r.target.source.span or (0, 0)))
    return Evaluation(region=region, as_of=as_of, plan_document=plan_document, rows=tuple(rows), settings=settings)


def evaluate_region(store, region: str, plan_doc: str | int | None = None, as_of: int | None = None,
                    settings: Settings | None = None) -> Evaluation:
    """Evaluate ``region``'s targets (of one plan, or of every current document) from the store.

    ``store`` is a ``planwatch.store.Store``; ``plan_doc`` an id, SHA-256 prefix or path.
    """
    from planwatch.evaluate.sources import load_evidence, load_targets

    catalogue = default_catalogue()
    targets, plan_name = load_targets(store, region, plan_doc, catalogue)
    evidence = load_evidence(store, region)
    return evaluate_targets(targets, evidence, region, as_of, settings, plan_name, catalogue)
