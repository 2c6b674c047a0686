"""A fictional region's numbers for one plan period (虚构地区的指标世界).

Draws every indicator's track, then the features that make evaluation hard: indicators never
reported again (no_data), years missing from every document, work-report estimates (预计) that
the bulletin corrects, and the one-year targets of each work report.
"""

from __future__ import annotations

import random
from decimal import Decimal

from planwatch.synth.paths import FINAL, Track, annual_target, make_track, quantize
from planwatch.synth.specs import SPECS

_ANNUAL = {"gdp": ("approx", "approx", "range", "ge"), "revenue": ("ge", "eq", "approx"),
           "investment": ("ge", "approx", "eq"), "retail": ("approx", "ge", "eq", "range"),
           "unemployment": ("le",)}
# A ceiling such as the unemployment rate is rarely missed by a whole point: mostly kept.
_ANNUAL_STATUSES = {"unemployment": ("exceeded", "exceeded", "met", "nearly_met")}
_ALWAYS = frozenset({"gdp", "revenue", "urban_income", "rural_income", "unemployment", "forest",
                     "energy", "pollutants"})


def make_world(rng: random.Random, period: tuple[int, int], actual_years: list[int],
               bulletin_years: set[int], target_years: list[int],
               parent: dict[str, Track] | None = None) -> dict[str, Track]:
    """Tracks of one region, keyed by spec key, in table order."""
    y0, yt = period[0] - 1, period[1]
    tracks: dict[str, Track] = {}
    for spec in SPECS:
        if spec.key not in _ALWAYS and rng.random() < 0.12:
            continue
        floor = parent[spec.key].target_growth if parent and spec.key in parent else None
        track = make_track(spec, rng, y0, yt, floor)
        if spec.kind == "level":
            if rng.random() < 0.06 and spec.key not in _ALWAYS:
                track.no_data = True
            elif rng.random() < 0.15 and len(actual_years) > 2:
                track.missing.add(rng.choice([y for y in actual_years[:-1] if y < yt] or [yt - 1]))
        if spec.kind == "growth":
            for y in actual_years:
                if rng.random() < 0.35 and y in bulletin_years and y in track.levels:
                    track.estimates[y] = _estimate(track, y, rng)
        if spec.key in _ANNUAL:
            for y in target_years:
                actual = (track.levels if spec.kind == "level" else track.growths).get(y)
                if actual is not None and track.has_actual(y):
                    track.annual[y] = annual_target(actual, track.lower, rng, _ANNUAL[spec.key],
                                                    _ANNUAL_STATUSES.get(spec.key, FINAL))
        tracks[spec.key] = track
    return tracks


def _estimate(track: Track, y: int, rng: random.Random) -> dict[str, Decimal]:
    """A 预计 figure a little off the final one, as work reports print before the bulletin."""
    level = track.levels[y]
    shift = Decimal(str(rng.choice((-1, 1)) * rng.uniform(0.001, 0.003)))
    growth = track.growths[y] + Decimal(rng.choice((-1, 0, 1))) / 10
    return {"level": quantize(level * (1 + shift), track.spec.decimals), "growth": growth}
