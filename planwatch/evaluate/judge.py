"""Judge one number against one goal, as planners do (STATUS_SPEC).

Everything here is written for "higher is better"; a goal whose direction is "lower" (a
ceiling: unemployment, energy per GDP, emissions, or any ``le`` target) is judged by mirroring
(negating actual, target and bounds), so the two directions cannot drift apart.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.evaluate.model import Direction, Goal, Settings
from planwatch.evaluate.units import is_rate

# Words in an indicator name that say its value is a decline, printed unsigned (下降 18%).
DECLINE_WORDS: tuple[str, ...] = ("下降", "降低", "降幅", "减少", "减排", "削减")
GROWTH_LIKE: frozenset[str] = frozenset({"growth", "growth_avg", "change_total"})


def goal_direction(comparator: str | None, catalogue_direction: str | None, metric: str | None = None,
                   indicator: str | None = None, unit: str | None = None) -> Direction:
    """Which way is better for this target.

    ``le`` is a ceiling and ``ge`` a floor whatever the catalogue says; a growth-like target
    (or a rate) whose name carries a decline verb (单位GDP能耗下降 13.5%) counts the decline, so
    more is better; otherwise the catalogue's direction, defaulting to higher.
    """
    if comparator == "le":
        return "lower"
    if comparator == "ge":
        return "higher"
    declines = bool(indicator) and any(w in (indicator or "") for w in DECLINE_WORDS)
    if declines and (metric in GROWTH_LIKE or is_rate(unit)):
        return "higher"
    return "lower" if catalogue_direction == "lower" else "higher"


def make_goal(comparator: str | None, value: Decimal | None, low: Decimal | None, high: Decimal | None,
              direction: Direction, unit: str | None, metric: str | None) -> Goal | None:
    """A ``Goal`` or None when the target has no number to judge against."""
    comp = comparator or "eq"
    if comp == "range":
        if low is None or high is None:
            if value is None:
                return None
            comp = "eq"
        else:
            low, high = min(low, high), max(low, high)
    if comp != "range" and value is None:
        return None
    return Goal(comparator=comp, value=value, low=low, high=high, direction=direction,
                rate=is_rate(unit, metric))


def tolerances(goal: Goal, bound: Decimal, settings: Settings) -> tuple[Decimal, Decimal]:
    """(tol, near) around ``bound``: points for rates, a share of |bound| for levels."""
    if goal.rate:
        return settings.rate_tol, settings.rate_near
    return abs(bound) * settings.level_tol, abs(bound) * settings.level_near


def _mirror(goal: Goal, actual: Decimal) -> tuple[Goal, Decimal]:
    """Turn a lower-is-better goal into the equivalent higher-is-better one."""
    if goal.direction == "higher":
        return goal, actual
    neg = lambda v: None if v is None else -v  # noqa: E731
    mirrored = Goal(comparator=goal.comparator, value=neg(goal.value), low=neg(goal.high),
                    high=neg(goal.low), direction="higher", rate=goal.rate)
    return mirrored, -actual


def judge_final(actual: Decimal, goal: Goal, settings: Settings) -> str:
    """exceeded / met / nearly_met / missed for the target year's actual."""
    g, a = _mirror(goal, actual)
    if g.comparator == "range":
        assert g.low is not None and g.high is not None
        tol_low, near_low = tolerances(goal, g.low, settings)
        tol_high, _ = tolerances(goal, g.high, settings)
        if a > g.high + tol_high:
            return "exceeded"
        if a >= g.low - tol_low:
            return "met"
        return "nearly_met" if a >= g.low - near_low else "missed"
    assert g.value is not None
    t = g.value
    tol, near = tolerances(goal, t, settings)
    if g.comparator == "approx":
        if abs(a - t) <= tol:
            return "met"
        if a > t:
            return "exceeded"
    elif a >= t + tol:
        return "exceeded"
    elif a >= t - tol:
        return "met"
    return "nearly_met" if a >= t - near else "missed"


def final_reached(actual: Decimal, goal: Goal, settings: Settings) -> bool:
    """Is the final target already met (A ≥ T − tol; for ranges A ≥ L − tol)?"""
    return judge_final(actual, goal, settings) in ("met", "exceeded")


def path_bound(goal: Goal) -> Decimal:
    """The number a path to the target aims at: the value, or for a range the bound that must
    be reached (L when higher is better, H when lower is)."""
    if goal.comparator == "range":
        bound = goal.low if goal.direction == "higher" else goal.high
        assert bound is not None
        return bound
    assert goal.value is not None
    return goal.value


def judge_against_path(actual: Decimal, expected: Decimal, goal: Goal, settings: Settings) -> str:
    """ahead / on_track / lagging against the expected value now (序时进度).

    Tolerances are the target's own (points for rates, a share of |T| for levels).
    """
    tol, near = tolerances(goal, path_bound(goal), settings)
    a, e = (actual, expected) if goal.direction == "higher" else (-actual, -expected)
    if a >= e + tol:
        return "ahead"
    return "on_track" if a >= e - near else "lagging"


# A growth target before its year: the realised average growth so far against T itself (E = T).
_RATE_PROGRESS = {"exceeded": "ahead", "met": "on_track", "nearly_met": "on_track", "missed": "lagging"}


def judge_rate_progress(rate: Decimal, goal: Goal, settings: Settings) -> str:
    """ahead / on_track / lagging of a realised average growth against a growth target.

    The thresholds are the final ones read as progress: r ≥ T + tol ahead, T − near ≤ r < T + tol
    on track, below that lagging (ranges and 左右 keep their band).
    """
    return _RATE_PROGRESS[judge_final(rate, goal, settings)]


def judge_progress(actual: Decimal, expected: Decimal, goal: Goal, settings: Settings,
                   can_achieve_early: bool) -> str:
    """achieved_early / ahead / on_track / lagging for a year before the target year."""
    if can_achieve_early and final_reached(actual, goal, settings):
        return "achieved_early"
    return judge_against_path(actual, expected, goal, settings)


def below_path(actual: Decimal, expected: Decimal, direction: Direction) -> bool:
    """Strictly behind the path (used for the yellow "on track but below E" warning)."""
    return actual < expected if direction == "higher" else actual > expected
