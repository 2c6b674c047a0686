"""预警: three warning levels, graded as the national energy-target barometer grades regions.

- 一级 (red): lagging on both the whole-period and the annual schedule; or a binding indicator
  missed or lagging on the whole-period schedule; or the target is out of reach even at the
  best pace of the recent years (best annual change or growth, extrapolated to the target
  year); at the end of the period, a missed target, or a binding one only nearly met.
- 二级 (yellow): lagging on one schedule only; on track but below the path; at the end of the
  period, nearly met.
- 三级 (green): otherwise.
A one-year target (a work report's 主要预期目标) judged in its year is a result, not a warning:
it has its status (and its veto if binding) but no warning; nor do targets without a judgement
(no data, qualitative).
"""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

from planwatch.evaluate.judge import below_path, final_reached
from planwatch.evaluate.model import Goal, Judgement, Settings, TargetInfo, Warning
from planwatch.evaluate.progress import HUNDRED, Series, annual_expected, compound_rate, path_status, realised, tidy
from planwatch.evaluate.status import WARNING_LEVELS

JUDGED = frozenset({"exceeded", "met", "nearly_met", "missed", "achieved_early", "ahead", "on_track", "lagging"})


def make_warning(level: int, reasons: list[str], **kw) -> Warning:
    text, colour, _ = WARNING_LEVELS[level]
    return Warning(level=level, text=text, colour=colour, reasons=tuple(reasons), **kw)


def realised_path(target: TargetInfo, series: Series, base: Decimal | None, upto: int) -> dict[int, Decimal]:
    """The target's metric year by year (with the baseline at y0), up to ``upto``."""
    path: dict[int, Decimal] = {}
    y0 = target.base_year
    if y0 is not None and base is not None and target.metric in ("level", "share", "count"):
        path[y0] = base
    if y0 is not None and target.metric in ("growth_avg", "change_total"):
        path[y0] = Decimal(0)
    for year in sorted(series.years()):
        if year > upto or (y0 is not None and year <= y0):
            continue
        value = realised(target, series, year, base)
        if value is not None:
            path[year] = value
    return path


def projected_at_best_pace(target: TargetInfo, path: dict[int, Decimal], goal: Goal,
                           settings: Settings) -> Decimal | None:
    """Where the best recent annual pace leads by the target year.

    None with fewer than three points (the baseline and two realised years): one year's change
    is not yet a pace.
    """
    years = sorted(path)
    yT, y0 = target.year, target.base_year
    if len(years) < 3 or yT is None:
        return None
    recent = years[-(settings.recent_years + 1):]
    last_year, last = recent[-1], path[recent[-1]]
    if target.metric == "growth_avg":
        if y0 is None:
            return None
        index = {y: (1 + path[y] / HUNDRED) ** (y - y0) for y in recent}
        paces = [compound_rate(index[b] / index[a], b - a) for a, b in pairwise(recent)]
        rates = [p for p in paces if p is not None]
        if not rates:
            return None
        best = max(rates) if goal.direction == "higher" else min(rates)
        end_index = index[last_year] * (1 + best / HUNDRED) ** (yT - last_year)
        return tidy(compound_rate(end_index, yT - y0))
    steps = [(path[b] - path[a]) / (b - a) for a, b in pairwise(recent)]
    best = max(steps) if goal.direction == "higher" else min(steps)
    return tidy(last + best * (yT - last_year))


def assess_warning(target: TargetInfo, goal: Goal | None, judgement: Judgement, series: Series,
                   base: Decimal | None, settings: Settings) -> Warning | None:
    """The 预警 level of one judged target, with the reasons in words."""
    status = judgement.status
    if goal is None or status not in JUDGED:
        return None
    binding = target.attribute == "binding"
    if judgement.basis == "final":
        if target.annual:
            return None
        if status == "missed":
            return make_warning(1, ["目标年未完成" + ("（约束性指标）" if binding else "")])
        if status == "nearly_met":
            return make_warning(1 if binding else 2, ["目标年基本完成" + ("（约束性指标）" if binding else "")])
        return make_warning(3, [])
    if status == "achieved_early":
        return make_warning(3, ["已提前实现目标"])
    year = judgement.year
    assert year is not None and judgement.realised is not None
    path = realised_path(target, series, base, year)
    reasons: list[str] = []
    whole_lag = status == "lagging"
    prior = [y for y in path if y < year]
    annual_value = None
    annual_lag = False
    if prior:
        prev = max(prior)
        annual_value = annual_expected(target, goal, prev, path[prev], year)
        if annual_value is not None:
            annual_lag = path_status(judgement.realised, annual_value, target, goal, settings) == "lagging"
    projected = projected_at_best_pace(target, path, goal, settings)
    out_of_reach = projected is not None and not final_reached(projected, goal, settings)
    if whole_lag:
        reasons.append("滞后于规划期序时进度")
    if annual_lag:
        reasons.append("滞后于年度进度")
    if out_of_reach:
        reasons.append("按近年最快进度也难以实现目标")
    if binding and whole_lag:
        reasons.append("约束性指标滞后")
    kw = {"annual_expected": annual_value, "projected": projected}
    if (whole_lag and annual_lag) or (binding and whole_lag) or out_of_reach:
        return make_warning(1, reasons, **kw)
    if whole_lag or annual_lag:
        return make_warning(2, reasons, **kw)
    expected = judgement.expected_now
    if status == "on_track" and expected is not None and below_path(judgement.realised, expected, goal.direction):
        return make_warning(2, ["基本符合预期但低于序时进度"], **kw)
    return make_warning(3, reasons, **kw)


def warning_change(previous: Warning | None, current: Warning | None) -> str | None:
    """"三级 → 一级" when the level changed since the previous assessment, else None."""
    if previous is None or current is None or previous.level == current.level:
        return None
    return f"{previous.text} → {current.text}"
