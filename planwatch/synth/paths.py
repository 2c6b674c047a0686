"""Plausible indicator trajectories drawn from an intended status (指标轨迹).

A region's numbers are not random walks: each indicator is given an intended progress status
(ahead, on_track, …) and an intended final status (exceeded, met, …), and its yearly actuals are
placed in the middle of that status's band — at least three tolerances from a boundary where
the band is open, at its centre where it is narrow. Every drawn path is then re-judged with
``judge`` on the numbers *as printed*; a path that does not land where intended, or lands too
close to an edge, is redrawn with another intention. So the truth is what the printed numbers
say, and the intentions only steer the mix.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from planwatch.synth.judge import (
    Tolerance,
    judge_final,
    judge_growth_progress,
    judge_level_progress,
    realised_growth,
    tolerance,
)
from planwatch.synth.specs import IndicatorSpec

PROGRESS = ("achieved_early", "ahead", "on_track", "lagging")
FINAL = ("exceeded", "met", "nearly_met", "missed")
MIN_MARGIN = 0.5  # in tolerances: a judgement closer than this to an edge is redrawn


@dataclass
class AnnualTarget:
    """A one-year target of a work report's 主要预期目标 (growth, or a ceiling for a level)."""

    comparator: str
    value: Decimal | None
    low: Decimal | None = None
    high: Decimal | None = None


@dataclass
class Track:
    """One indicator of one region over the plan period: targets and the actuals as printed."""

    spec: IndicatorSpec
    y0: int
    yt: int
    comparator: str
    intended: tuple[str, str] = ("", "")
    baseline: Decimal | None = None  # level (or, for growth_only, the growth) in y0
    base_avg_growth: Decimal | None = None  # the previous plan's realised average growth
    target: Decimal | None = None  # the level for yt (level kind; table cell for growth kind)
    target_growth: Decimal | None = None  # planned average annual growth (growth kinds)
    levels: dict[int, Decimal] = field(default_factory=dict)
    growths: dict[int, Decimal] = field(default_factory=dict)
    estimates: dict[int, dict[str, Decimal]] = field(default_factory=dict)  # 预计 values
    annual: dict[int, AnnualTarget] = field(default_factory=dict)
    missing: set[int] = field(default_factory=set)
    no_data: bool = False

    @property
    def lower(self) -> bool:
        return self.spec.lower_is_better or self.comparator == "le"

    def has_actual(self, year: int) -> bool:
        return not self.no_data and year not in self.missing and (
            year in self.levels or year in self.growths)


def quantize(x: float | Decimal, decimals: int) -> Decimal:
    q = Decimal(1).scaleb(-decimals)
    return Decimal(str(x)).quantize(q, rounding=ROUND_HALF_UP)


def _pretty(x: float, decimals: int) -> Decimal:
    """A target as plans print it: one decimal rounder than the actuals (60.5, 0.62, 435)."""
    return quantize(x, max(decimals - 1, 0))


def make_track(spec: IndicatorSpec, rng: random.Random, y0: int, yt: int,
               floor_growth: Decimal | None = None) -> Track:
    """Draw one indicator's targets and actuals for the years y0+1..yt."""
    if spec.kind == "qualitative":
        return Track(spec, y0, yt, "eq")
    for _ in range(12):
        track = _draw(spec, rng, y0, yt, floor_growth)
        if track is not None:
            return track
    raise RuntimeError(f"could not draw a robust path for {spec.key}")


def _draw(spec: IndicatorSpec, rng: random.Random, y0: int, yt: int,
          floor_growth: Decimal | None) -> Track | None:
    progress = rng.choice(PROGRESS[1:] if spec.kind != "level" else PROGRESS)
    final = rng.choice(_FINAL_AFTER[progress])
    track = Track(spec, y0, yt, spec.comparator, (progress, final))
    ok = _draw_level(track, rng) if spec.kind == "level" else _draw_growth(track, rng, floor_growth)
    return track if ok else None


_FINAL_AFTER = {
    "achieved_early": ("exceeded", "met"),
    "ahead": ("exceeded", "met"),
    "on_track": ("met", "nearly_met", "exceeded"),
    "lagging": ("missed", "nearly_met"),
}


def _position(status: str, a_frac: float, e: float, t: float, tl: Tolerance, rng: random.Random) -> float:
    """Where in the oriented band of ``status`` the actual goes (E = expected now)."""
    jitter = rng.uniform(0.0, 1.0) * tl.tol
    return {
        "achieved_early": t + 2 * tl.tol + a_frac * tl.tol,
        "ahead": (e + tl.tol + t - tl.tol) / 2,
        "on_track": e - tl.near / 2,
        "lagging": e - tl.near - 3 * tl.tol - jitter,
        "exceeded": t + 3 * tl.tol + jitter,
        "met": t,
        "nearly_met": t - (tl.near + tl.tol) / 2,
        "missed": t - tl.near - 3 * tl.tol - jitter,
    }[status]


def _draw_level(track: Track, rng: random.Random) -> bool:
    spec = track.spec
    b = quantize(rng.uniform(*spec.base), spec.decimals)
    t = _pretty(float(b) + rng.uniform(*spec.gain), spec.decimals)
    if t == b:
        return False
    track.baseline, track.target = b, t
    metric = "share" if spec.unit == "%" else "level"
    tl = tolerance(spec.unit, metric, float(t))
    sign = -1.0 if track.lower else 1.0
    bo, to = sign * float(b), sign * float(t)
    n = track.yt - track.y0
    progress, final = track.intended
    for k, y in enumerate(range(track.y0 + 1, track.yt + 1), start=1):
        e = bo + (to - bo) * k / n
        status = final if y == track.yt else progress
        value = quantize(sign * _position(status, k / n, e, to, tl, rng), spec.decimals)
        if value <= 0:
            return False
        track.levels[y] = value
        if y == track.yt:
            j = judge_final(float(value), float(t), tl, track.comparator, track.lower)
        else:
            j = judge_level_progress(float(value), float(b), float(t), track.y0, track.yt, y, tl,
                                     track.lower)
        if j.status != status or j.margin < MIN_MARGIN * tl.tol:
            return False
    return True


_RATE_FOR = {"ahead": 0.6, "on_track": -0.2, "lagging": -1.2,
             "exceeded": 0.6, "met": 0.0, "nearly_met": -0.3, "missed": -1.3}


def _draw_growth(track: Track, rng: random.Random, floor_growth: Decimal | None) -> bool:
    spec = track.spec
    lo, hi = spec.growth
    t = Decimal(rng.randrange(int(lo * 2), int(hi * 2) + 1)) / 2
    if floor_growth is not None:  # 层层加码: a county aims at least as high as its city
        t = max(t, floor_growth + Decimal(rng.choice((0, 1, 1, 2))) / 2)
    track.target_growth = t
    tl = Tolerance(0.1, 0.5)
    progress, final = track.intended
    n = track.yt - track.y0
    rates: list[Decimal] = []
    for k in range(1, n):
        wiggle = (0.2 if progress != "on_track" else 0.1) * (1 if k % 2 else -1)
        rates.append(quantize(float(t) + _RATE_FOR[progress] + wiggle, 1))
    last = quantize(n * (float(t) + _RATE_FOR[final]) - float(sum(rates)), 1)
    if last < Decimal("-3") or abs(last - rates[-1]) > Decimal("3.5"):
        return False
    rates.append(last)
    track.base_avg_growth = quantize(float(t) + rng.uniform(-1.0, 1.5), 1)
    if spec.kind == "growth_only":
        track.baseline = quantize(float(t) + rng.uniform(-1.5, 1.5), 1)
    else:
        track.baseline = quantize(rng.uniform(*spec.base), spec.decimals)
        level = track.baseline
        for k, g in enumerate(rates, start=1):
            level = quantize(level * (1 + g / 100), spec.decimals)
            track.levels[track.y0 + k] = level
        growth_target = float(track.baseline) * (1 + float(t) / 100) ** n
        track.target = _pretty(growth_target, 1 if growth_target > 100 else spec.decimals)
    for k, g in enumerate(rates, start=1):
        track.growths[track.y0 + k] = g
    base = float(track.baseline) if spec.kind != "growth_only" else None
    for k in range(1, n + 1):
        y = track.y0 + k
        level_now = float(track.levels[y]) if y in track.levels else None
        readings = realised_growth(base, level_now, k, [float(r) for r in rates[:k]])
        status = final if k == n else progress
        for r in readings:
            j = (judge_final(r, float(t), tl, track.comparator, False) if k == n
                 else judge_growth_progress(r, float(t), tl))
            if j.status != status or j.margin < MIN_MARGIN * tl.tol:
                return False
    return True


def annual_target(actual: Decimal, lower: bool, rng: random.Random, comparators: tuple[str, ...],
                  statuses: tuple[str, ...] = FINAL) -> AnnualTarget:
    """A one-year target placed so that ``actual`` lands well inside a chosen final status."""
    status = rng.choice(statuses)
    comparator = rng.choice(comparators)
    sign = -1 if lower else 1
    a = float(actual) * sign
    if comparator == "range":
        low = {"exceeded": a - 1.6, "met": a - 0.5, "nearly_met": a + 0.3, "missed": a + 1.0}[status]
        lo, hi = sorted((quantize(sign * low, 1), quantize(sign * (low + 1.0), 1)))
        return AnnualTarget("range", None, lo, hi)
    offset = {"exceeded": -0.6, "met": 0.0, "nearly_met": 0.3, "missed": 1.0}[status]
    return AnnualTarget(comparator, quantize(sign * (a + offset), 1))
