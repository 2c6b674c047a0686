"""The synthetic corpus's own reading of STATUS_SPEC (状态判定), used to write statuses.jsonl.

It is deliberately separate from ``planwatch.evaluate``: the truth must not be the evaluator's
mirror. Every judgement also returns its *margin*, the distance from the actual to the nearest
boundary the decision used, so a line whose number sits near a band edge can be told apart
(``robust``) from one any correct implementation must agree on.

Arithmetic is in ``float``: these are comparisons of already-printed numbers, not stored values.
"""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.synth.specs import is_rate


@dataclass(frozen=True)
class Tolerance:
    tol: float
    near: float


@dataclass(frozen=True)
class Judgement:
    """A status with the margin that makes it safe (or not), and the expected value E."""

    status: str
    margin: float
    expected: float | None = None


def tolerance(unit: str | None, metric: str, target: float) -> Tolerance:
    """0.1 / 0.5 percentage point for rates and growth; 1% / 5% of |T| for levels and counts."""
    if is_rate(unit, metric):
        return Tolerance(0.1, 0.5)
    return Tolerance(0.01 * abs(target), 0.05 * abs(target))


def _margin(a: float, *bounds: float) -> float:
    return min(abs(a - b) for b in bounds)


def judge_final(a: float, t: float | None, tl: Tolerance, comparator: str, lower: bool,
                low: float | None = None, high: float | None = None) -> Judgement:
    """Final judgement at the target year: exceeded / met / nearly_met / missed."""
    if comparator == "range":
        assert low is not None and high is not None
        if lower:  # mirror: a smaller value is "more"
            a, low, high = -a, -high, -low
        m = _margin(a, low - tl.tol, high + tl.tol, low - tl.near)
        if a > high + tl.tol:
            return Judgement("exceeded", m)
        if a >= low - tl.tol:
            return Judgement("met", m)
        if a >= low - tl.near:
            return Judgement("nearly_met", m)
        return Judgement("missed", m)
    assert t is not None
    if lower or comparator == "le":
        a, t = -a, -t
    m = _margin(a, t + tl.tol, t - tl.tol, t - tl.near)
    if comparator == "approx":
        if abs(a - t) <= tl.tol:
            return Judgement("met", m)
        if a > t + tl.tol:
            return Judgement("exceeded", m)
    else:
        if a >= t + tl.tol:
            return Judgement("exceeded", m)
        if a >= t - tl.tol:
            return Judgement("met", m)
    if a >= t - tl.near:
        return Judgement("nearly_met", m)
    return Judgement("missed", m)


def judge_level_progress(a: float, b: float, t: float, y0: int, yt: int, y: int, tl: Tolerance,
                         lower: bool) -> Judgement:
    """序时进度 of a level or share target: the straight line from baseline to target."""
    e = b + (t - b) * (y - y0) / (yt - y0)
    if lower:
        a, b, t, e_o = -a, -b, -t, -e
    else:
        e_o = e
    m = _margin(a, t - tl.tol, e_o + tl.tol, e_o - tl.near)
    if a >= t - tl.tol:
        return Judgement("achieved_early", m, e)
    if a >= e_o + tl.tol:
        return Judgement("ahead", m, e)
    if a >= e_o - tl.near:
        return Judgement("on_track", m, e)
    return Judgement("lagging", m, e)


def judge_growth_progress(r: float, t: float, tl: Tolerance, lower: bool = False) -> Judgement:
    """序时进度 of an average-growth target: realised average growth so far against T (E = T)."""
    if lower:
        r, t = -r, -t
    m = _margin(r, t + tl.tol, t - tl.near)
    if r >= t + tl.tol:
        status = "ahead"
    elif r >= t - tl.near:
        status = "on_track"
    else:
        status = "lagging"
    return Judgement(status, m, -t if lower else t)


def cagr(first: float, last: float, years: int) -> float:
    """Average annual growth in percent between two levels ``years`` apart."""
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def realised_growth(base_level: float | None, level: float | None, years: int,
                    rates: list[float]) -> list[float]:
    """Every reading of the realised average growth the data allows (levels, reported rates).

    Both are returned when both exist, so the truth can require that they agree.
    """
    out = []
    if base_level and level:
        out.append(cagr(base_level, level, years))
    if rates:
        out.append(sum(rates) / len(rates))
    return out
