"""Where a target stands: the realised value, the expected value now (序时进度), the status.

A target is judged on its own metric:
- level / share / count: the level itself; the path from baseline B (year y0) to target T
  (year yT) is a straight line, E = B + (T − B)·(y − y0)/(yT − y0);
- growth_avg: the realised average annual growth since y0, from levels
  ((A/B)^(1/(y − y0)) − 1) or, when only annual rates are known, their mean; E = T;
- growth (one year): that year's growth; judged only once the year has an actual;
- change_total: the change since y0 (in % of B, or in points for 个百分点 targets), with a
  straight path from 0 to T; when only yearly changes are reported (单位GDP能耗下降 3.2% in each
  year's bulletin) they are compounded: a total decline 1 − Π(1 − dᵢ), a total rise Π(1 + gᵢ) − 1.
  A decline is counted as a positive number when the target's name says 下降/降低 (and an
  actual's sign is flipped when its own wording differs from the target's).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from planwatch.evaluate.judge import (
    final_reached,
    judge_against_path,
    judge_final,
    judge_progress,
    judge_rate_progress,
    path_bound,
)
from planwatch.evaluate.model import Goal, Judgement, Settings, TargetInfo
from planwatch.evaluate.status import status_text

HUNDRED = Decimal(100)
LEVEL_METRICS = frozenset({"level", "share", "count"})
# Words of a qualitative target that defer to a number set elsewhere (需人工判断), as opposed to
# a goal stated without any number (未量化).
DEFERRING_WORDS: tuple[str, ...] = ("省定", "上级", "下达", "目标任务", "考核", "完成")


@dataclass
class Series:
    """Actuals for one target, already in the target's unit, by year.

    ``growth_avg`` holds reported average growth since the base year up to the key year.
    """

    levels: dict[int, Decimal] = field(default_factory=dict)
    growth: dict[int, Decimal] = field(default_factory=dict)
    growth_avg: dict[int, Decimal] = field(default_factory=dict)
    change: dict[int, Decimal] = field(default_factory=dict)
    annual_change: dict[int, Decimal] = field(default_factory=dict)  # a year's own change, target's sense
    decline: bool = False  # changes are declines counted positive (the target says 下降)

    def years(self) -> set[int]:
        return (set(self.levels) | set(self.growth) | set(self.growth_avg) | set(self.change)
                | set(self.annual_change))


def tidy(value: Decimal | None) -> Decimal | None:
    """Round a computed value to 4 decimals (values read from text are never rounded)."""
    if value is None:
        return None
    exp = value.as_tuple().exponent
    return value.quantize(Decimal("0.0001")) if isinstance(exp, int) and exp < -4 else value


def compound_rate(ratio: Decimal, years: int) -> Decimal | None:
    """(ratio)^(1/years) − 1, in %; None when undefined (non-positive ratio, no years)."""
    if years <= 0 or ratio <= 0:
        return None
    return (ratio ** (Decimal(1) / Decimal(years)) - 1) * HUNDRED


def compound_changes(changes: list[Decimal], decline: bool) -> Decimal:
    """The total change of several yearly changes in %: 1 − Π(1 − d) for declines, Π(1 + g) − 1 else."""
    total = Decimal(1)
    for c in changes:
        total *= (1 - c / HUNDRED) if decline else (1 + c / HUNDRED)
    return ((1 - total) if decline else (total - 1)) * HUNDRED


def realised(target: TargetInfo, series: Series, year: int, base: Decimal | None) -> Decimal | None:
    """The value of the target's own metric in ``year``, from what the series holds."""
    y0 = target.base_year
    metric = target.metric
    if metric in LEVEL_METRICS or metric == "qualitative":
        return series.levels.get(year)
    if metric == "growth":
        if year in series.growth:
            return series.growth[year]
        prev = series.levels.get(year - 1, base if y0 == year - 1 else None)
        now = series.levels.get(year)
        return tidy(compound_rate(now / prev, 1)) if now is not None and prev else None
    if metric == "growth_avg":
        if year in series.growth_avg:
            return series.growth_avg[year]
        if y0 is None or year <= y0:
            return None
        now = series.levels.get(year)
        if now is not None and base:
            return tidy(compound_rate(now / base, year - y0))
        rates = [series.growth[y] for y in range(y0 + 1, year + 1) if y in series.growth]
        if rates and year in series.growth:
            return tidy(sum(rates, Decimal(0)) / len(rates))
        return None
    if metric == "change_total":
        if year in series.change:
            return series.change[year]
        if y0 is not None and year in series.annual_change:
            return tidy(compound_changes(
                [series.annual_change[y] for y in range(y0 + 1, year + 1) if y in series.annual_change],
                series.decline))
        now = series.levels.get(year)
        if now is None or base is None:
            return None
        if target.unit and "百分点" in target.unit:
            return now - base
        return tidy((now / base - 1) * HUNDRED) if base else None
    return None


def expected_now(target: TargetInfo, goal: Goal, base: Decimal | None, year: int) -> Decimal | None:
    """E for ``year``: the straight path for levels and changes, T itself for growth targets."""
    bound = path_bound(goal)
    y0, yT = target.base_year, target.year
    if target.metric in ("growth", "growth_avg"):
        return bound
    if y0 is None or yT is None or yT <= y0:
        return None
    share = Decimal(year - y0) / Decimal(yT - y0)
    if target.metric == "change_total":
        return tidy(bound * share)
    if base is None:
        return None
    return tidy(base + (bound - base) * share)


def final_gap(value: Decimal, goal: Goal) -> Decimal:
    """realised − target; for a range, 0 inside it, else the distance to the nearer bound."""
    if goal.comparator == "range":
        assert goal.low is not None and goal.high is not None
        if value < goal.low:
            return value - goal.low
        return value - goal.high if value > goal.high else Decimal(0)
    assert goal.value is not None
    return value - goal.value


def judgement(status: str, basis: str, **kw) -> Judgement:
    return Judgement(status=status, status_text=status_text(status), basis=basis, **kw)


def qualitative_status(target: TargetInfo) -> str:
    text = target.text or ""
    return "manual" if any(w in text for w in DEFERRING_WORDS) else "unquantified"


def judge_target(target: TargetInfo, goal: Goal | None, series: Series, base: Decimal | None,
                 as_of: int | None, settings: Settings) -> Judgement:
    """The status of one target as of ``as_of`` (None: everything known)."""
    if goal is None:
        return judgement(qualitative_status(target), "none")
    y0, yT = target.base_year, target.year
    known = sorted(y for y in series.years() if (as_of is None or y <= as_of) and (y0 is None or y > y0))
    if yT is not None and (as_of is None or as_of >= yT):
        value = realised(target, series, yT, base)
        if value is not None:
            return judgement(judge_final(value, goal, settings), "final", realised=value,
                             expected_now=path_bound(goal), gap=tidy(final_gap(value, goal)), year=yT)
    if not known:
        return judgement("no_data", "none")
    candidates = [y for y in known if yT is None or y < yT]
    for year in reversed(candidates):
        value = realised(target, series, year, base)
        if value is None:
            continue
        if target.metric == "growth":
            break  # a one-year growth is judged only in its own year
        if target.metric == "growth_avg":
            status = judge_rate_progress(value, goal, settings)
            return judgement(status, "progress", realised=value, expected_now=path_bound(goal),
                             gap=tidy(value - path_bound(goal)), year=year)
        expected = expected_now(target, goal, base, year)
        if expected is None:
            if final_reached(value, goal, settings):
                return judgement("achieved_early", "progress", realised=value, year=year)
            return judgement("insufficient_data", "none", realised=value, year=year,
                             note="no baseline to draw the path from")
        status = judge_progress(value, expected, goal, settings, can_achieve_early=True)
        return judgement(status, "progress", realised=value, expected_now=expected,
                         gap=tidy(value - expected), year=year)
    return judgement("insufficient_data", "none", note="the actuals known cannot give this target's metric")


def annual_expected(target: TargetInfo, goal: Goal, prev_year: int, prev_value: Decimal, year: int,
                    ) -> Decimal | None:
    """The annual schedule: last year's realised value advanced by the pace still required."""
    yT = target.year
    if yT is None or yT <= prev_year:
        return None
    bound = path_bound(goal)
    if target.metric == "growth_avg":
        y0 = target.base_year
        if y0 is None:
            return None
        # index reached by prev_year, and the growth still required each remaining year
        index_prev = (1 + prev_value / HUNDRED) ** (prev_year - y0)
        needed = ((1 + bound / HUNDRED) ** (yT - y0) / index_prev) ** (Decimal(1) / (yT - prev_year))
        index_now = index_prev * needed ** (year - prev_year)
        return tidy(compound_rate(index_now, year - y0))
    return tidy(prev_value + (bound - prev_value) * Decimal(year - prev_year) / Decimal(yT - prev_year))


def path_status(value: Decimal, expected: Decimal, target: TargetInfo, goal: Goal, settings: Settings) -> str:
    """ahead / on_track / lagging of a realised value against an expected one, by metric."""
    if target.metric == "growth_avg":
        shifted = Goal("eq", expected, None, None, goal.direction, goal.rate)
        return judge_rate_progress(value, shifted, settings)
    return judge_against_path(value, expected, goal, settings)
