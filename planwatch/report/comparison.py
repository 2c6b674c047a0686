"""One indicator across regions, and whether a region's target outbids its parent's (层层加码).

For every stored region with a target or an actual of the indicator: its targets (from plans'
tables and prose and work reports, through ``evaluate.sources``), the actual judged for each
(the engine's choice of figure as of ``year``), the status, and — where the region's parent
is also in the store — the parent's target of the same metric and target year, and whether the
local target is above, equal to or below it. A target more demanding than the parent's
(higher for a higher-is-better quantity, lower for a ceiling) is 层层加码: each level adding
to the one above is a known risk of the target-responsibility system, which planners and
researchers check for.

Parents are found through the gazetteer (株洲市石峰区 → 株洲市), else as a stored region
whose full name starts the child's (云川市 for 云川市青岚县), so fictional regions work too.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from planwatch.evaluate.engine import evaluate_targets
from planwatch.evaluate.model import Actual, Direction, EvaluationRow, TargetInfo
from planwatch.evaluate.sources import load_evidence, load_targets
from planwatch.evaluate.units import convert
from planwatch.ingest.regions import canonical_region, gazetteer, same_region
from planwatch.link.catalogue import default_catalogue
from planwatch.link.linker import Evidence, choose

RELATION_TEXT = {"above": "高于上级", "equal": "等于上级", "below": "低于上级"}


@dataclass(frozen=True)
class ComparedTarget:
    """One region's target of the indicator, its actual and status, and the parent's target."""

    region: str
    target: TargetInfo
    direction: Direction
    actual: Actual | None
    status: str
    status_text: str
    parent: str | None
    parent_target: TargetInfo | None
    relation: str | None  # above | equal | below (local target against the parent's)
    escalated: bool  # 层层加码: the local target is more demanding than the parent's


@dataclass(frozen=True)
class RegionActual:
    """The latest actual of a region that has no target of the indicator."""

    region: str
    actual: Actual


@dataclass(frozen=True)
class Comparison:
    indicator_id: str
    indicator: str
    year: int | None
    targets: tuple[ComparedTarget, ...]
    actuals_only: tuple[RegionActual, ...]

    @property
    def escalations(self) -> tuple[ComparedTarget, ...]:
        return tuple(t for t in self.targets if t.escalated)


def parent_in_store(region: str, stored: list[str]) -> str | None:
    """The nearest ancestor of ``region`` that is itself a stored region."""
    found = canonical_region(region)
    if found is not None:
        for ancestor in gazetteer().ancestors(found):
            for name in stored:
                if name != region and same_region(ancestor.full_name, name):
                    return name
    prefixes = [name for name in stored if name != region and len(name) < len(region) and region.startswith(name)]
    return max(prefixes, key=len, default=None)


def _goal(t: TargetInfo) -> Decimal | None:
    """The number a target sets; a range by its lower bound (what must at least be reached)."""
    if t.comparator == "range":
        return t.low
    return t.value


def relation(local: TargetInfo, parent: TargetInfo) -> str | None:
    """above / equal / below: the local target's number against the parent's (same unit)."""
    a, b = _goal(local), _goal(parent)
    if a is None or b is None:
        return None
    b_conv = convert(b, parent.unit, local.unit) if parent.unit != local.unit else b
    if b_conv is None:
        return None
    return "above" if a > b_conv else ("below" if a < b_conv else "equal")


def escalated(rel: str | None, direction: Direction) -> bool:
    """More demanding than the parent: higher when more is better, lower for a ceiling."""
    return rel == ("above" if direction == "higher" else "below")


def _matching_parent_target(t: TargetInfo, parent_targets: list[TargetInfo]) -> TargetInfo | None:
    same = [p for p in parent_targets if p.metric == t.metric and p.year == t.year and _goal(p) is not None]
    return same[0] if same else None


def _latest_actual(evidence: list[Evidence], year: int | None) -> Actual | None:
    usable = [e for e in evidence if e.observation.year is not None and (year is None or e.observation.year <= year)]
    if not usable:
        return None
    last = max(e.observation.year for e in usable)  # type: ignore[type-var]
    best, _ = choose([e for e in usable if e.observation.year == last])
    return best.as_actual() if best else None


def compare_indicator(store, indicator_id: str, year: int | None = None) -> Comparison:
    """``indicator_id`` across every stored region (see the module's docstring)."""
    catalogue = default_catalogue()
    entry = catalogue.get(indicator_id)
    regions = [r.region for r in store.regions()]
    per_region: dict[str, list[EvaluationRow]] = {}
    evidence_of: dict[str, list[Evidence]] = {}
    for region in regions:
        targets, _ = load_targets(store, region, None, catalogue)
        mine = [t for t in targets if t.indicator_id == indicator_id and (year is None or (t.year or 0) >= year)]
        evidence = load_evidence(store, region)
        evidence_of[region] = [e for e in evidence if e.observation.indicator_id == indicator_id]
        if mine:
            evaluation = evaluate_targets(mine, evidence, region, year, catalogue=catalogue, compare_previous=False)
            per_region[region] = list(evaluation.rows)
    compared = []
    for region, rows in per_region.items():
        parent = parent_in_store(region, regions)
        parent_targets = [r.target for r in per_region.get(parent, [])] if parent else []
        for r in rows:
            match = _matching_parent_target(r.target, parent_targets)
            rel = relation(r.target, match) if match else None
            compared.append(ComparedTarget(region, r.target, r.direction, r.actual, r.judgement.status,
                                           r.judgement.status_text, parent, match, rel, escalated(rel, r.direction)))
    compared.sort(key=lambda c: (c.target.metric, c.target.year or 0, c.region))
    only = []
    for region in regions:
        if region in per_region:
            continue
        actual = _latest_actual(evidence_of[region], year)
        if actual is not None:
            only.append(RegionActual(region, actual))
    name = entry.name if entry else indicator_id
    return Comparison(indicator_id, name, year, tuple(compared), tuple(only))
