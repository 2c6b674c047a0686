"""Link reported actuals to a target and choose the one to judge by (实际值的选取).

An actual belongs to a target when it is about the same region (石峰区 = 株洲市石峰区), the same
canonical indicator (indicator_id; the printed name when neither has an id) and a metric the
target can be judged on. Where several sources give a figure for the same year and metric,
the choice is, in order:

1. a final figure over a 预计 estimate;
2. the more authoritative source: an imported spreadsheet (a planner's deliberate entry), then
   the statistical bulletin (统计公报), evaluation report, government work report, plan, news,
   listings;
3. the later document (the year it covers) over the earlier, then the later vintage.

Nothing is discarded: the others stay beside the choice as alternatives with their sources,
and a revised figure (a later vintage) sits beside the figure it revises.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from planwatch.evaluate.model import Actual, SourceRef
from planwatch.ingest.regions import gazetteer, same_region
from planwatch.link.catalogue import Catalogue, fold_name
from planwatch.model import Observation

SOURCE_RANK: dict[str, int] = {
    "spreadsheet": 0, "bulletin": 1, "evaluation": 2, "work_report": 3, "plan": 4, "news": 5, "listing": 6,
    "other": 7,
}
LEVEL_METRICS = frozenset({"level", "share", "count"})
# Which observed metrics can inform a target of each metric.
USABLE: dict[str, frozenset[str]] = {
    "level": LEVEL_METRICS, "share": LEVEL_METRICS, "count": LEVEL_METRICS,
    "growth": frozenset({"growth"}) | LEVEL_METRICS,
    "growth_avg": frozenset({"growth_avg", "growth"}) | LEVEL_METRICS,
    "change_total": frozenset({"change_total", "growth"}) | LEVEL_METRICS,
    "qualitative": LEVEL_METRICS,
}


@dataclass(frozen=True)
class Evidence:
    """An observation with where it came from (a document or an imported spreadsheet)."""

    observation: Observation
    source: SourceRef
    source_kind: str  # "spreadsheet" | "extracted"
    doc_type: str | None
    doc_year: int | None  # the (last) year the source document covers
    vintage: str
    region: str | None  # the observation's region, else its document's

    def as_actual(self) -> Actual:
        o = self.observation
        return Actual(value=o.value, unit=o.unit, year=o.year or 0, metric=o.metric, source=self.source,
                      estimated=o.estimated, vintage=self.vintage, source_kind=self.source_kind,
                      period=o.period)


# Endings of an administrative name: what is left before a shorter name that ends with one of
# these is that name's parent (云川市 in 云川市青岚县).
PARENT_ENDINGS: tuple[str, ...] = ("省", "市", "州", "盟", "地区", "自治区")


@lru_cache(maxsize=4096)
def regions_match(a: str, b: str) -> bool:
    """``same_region``, remembered (every target asks it of every actual), and for two names the
    gazetteer does not know, the same place written with and without its parent
    (云川市青岚县 = 青岚县)."""
    if same_region(a, b):
        return True
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    if not shorter or not longer.endswith(shorter) or longer == shorter:
        return False
    gaz = gazetteer()
    return not gaz.lookup(longer) and not gaz.lookup(shorter) and longer[: -len(shorter)].endswith(PARENT_ENDINGS)


def source_rank(e: Evidence) -> int:
    kind = "spreadsheet" if e.source_kind == "spreadsheet" else (e.doc_type or "other")
    return SOURCE_RANK.get(kind, SOURCE_RANK["other"])


def rank_evidence(items: Iterable[Evidence]) -> list[Evidence]:
    """Best first: final before 预计, bulletin before work report before news, later before earlier."""
    ordered = sorted(items, key=lambda e: e.vintage, reverse=True)
    return sorted(ordered, key=lambda e: (e.observation.estimated, source_rank(e), -(e.doc_year or 0)))


def choose(items: Iterable[Evidence], estimated_ok: bool = True) -> tuple[Evidence | None, list[Evidence]]:
    """The figure to judge by and the alternatives (same year and metric) beside it."""
    ranked = rank_evidence(items)
    if not ranked:
        return None, []
    if not estimated_ok and ranked[0].observation.estimated:
        return None, ranked
    return ranked[0], ranked[1:]


def same_indicator(a_id: str | None, a_name: str, b_id: str | None, b_name: str) -> bool:
    """The same canonical indicator: equal ids, or (without ids) the same folded name."""
    if a_id and b_id:
        return a_id == b_id
    return fold_name(a_name) == fold_name(b_name)


def link_evidence(indicator_id: str | None, indicator: str, metric: str, region: str | None,
                  evidence: Iterable[Evidence], catalogue: Catalogue | None = None) -> list[Evidence]:
    """All evidence that can inform a target on ``indicator`` with ``metric`` in ``region``."""
    usable = USABLE.get(metric, LEVEL_METRICS)
    out = []
    for e in evidence:
        o = e.observation
        if o.metric not in usable or o.year is None:
            continue
        oid = o.indicator_id
        if oid is None and indicator_id and catalogue is not None:
            hit = catalogue.match(o.indicator, o.unit)
            oid = hit.id if hit else None
        if not same_indicator(indicator_id, indicator, oid, o.indicator):
            continue
        if region and e.region and not regions_match(region, e.region):
            continue
        out.append(e)
    return out


def group_by_year_metric(items: Iterable[Evidence]) -> dict[tuple[str, int], list[Evidence]]:
    groups: dict[tuple[str, int], list[Evidence]] = defaultdict(list)
    for e in items:
        metric = "level" if e.observation.metric in LEVEL_METRICS else e.observation.metric
        groups[(metric, e.observation.year or 0)].append(e)
    return groups
