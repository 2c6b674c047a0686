"""Expected statuses and warnings (应得的判定与预警) computed from a region's truth items.

The statuses are derived from what the documents *say* (the truth items), not from the
generator's intentions, so they hold for exactly the evidence an evaluator can read. Where a
year has several values the bulletin's final figure wins over a work report's 预计 estimate; a
line is ``robust`` when every reading of the evidence (levels or rates, final or estimate) gives
the same status at least half a tolerance away from every boundary.

Warning levels follow STATUS_SPEC with these readings (documented in docs/synth.md): the annual
schedule is the previous actual advanced by one year of the pace still required; "cannot be
reached" extrapolates the best annual change (or growth) seen since the base year to the target
year and compares with T − tol.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from planwatch.synth.items import amount_metric
from planwatch.synth.judge import (
    Judgement,
    cagr,
    judge_final,
    judge_growth_progress,
    judge_level_progress,
    tolerance,
)
from planwatch.synth.specs import SPECS

LOWER_IDS = frozenset(s.indicator_id for s in SPECS if s.lower_is_better)
ROBUST = 0.5  # tolerances


@dataclass
class Evidence:
    """Every value a region's documents give, by (indicator_id, metric, year)."""

    final: dict[tuple[str, str, int], float] = field(default_factory=dict)
    estimate: dict[tuple[str, str, int], float] = field(default_factory=dict)
    period_avg: dict[tuple[str, tuple[int, int]], float] = field(default_factory=dict)
    _years: dict[tuple[str, str], set[int]] = field(default_factory=dict)

    def add(self, item: dict[str, Any], doc_type: str) -> None:
        key = (item["indicator_id"], item["metric"], item["year"])
        value = float(item["value"])
        if item.get("period") and item["metric"] == "growth_avg":
            self.period_avg[(key[0], tuple(item["period"]))] = value  # a period's average
            return
        self._years.setdefault(key[:2], set()).add(key[2])
        if item["estimated"]:
            self.estimate[key] = value
        elif doc_type == "bulletin" or key not in self.final:
            self.final[key] = value

    def readings(self, key: tuple[str, str, int]) -> list[float]:
        """The value to use first (final, else estimate), then any other reading."""
        out = []
        if key in self.final:
            out.append(self.final[key])
        if key in self.estimate and self.estimate[key] not in out:
            out.append(self.estimate[key])
        return out

    def years(self, indicator_id: str, metric: str) -> list[int]:
        return sorted(self._years.get((indicator_id, metric), ()))

    def derived_levels(self, indicator_id: str, year: int, y0: int, baseline: float | None
                       ) -> list[float]:
        """A year's level from its stated growth on the year before's stated level (or the
        baseline at y0): 城镇居民人均可支配收入增长7.4% is an actual of the income level too."""
        before = self.readings((indicator_id, "level", year - 1))
        prev = before[0] if before else (baseline if year - 1 == y0 else None)
        if not prev:
            return []
        return [round(prev * (1 + g / 100), 4) for g in self.readings((indicator_id, "growth", year))]


def region_statuses(region: str, docs: list[dict[str, Any]], as_of_years: list[int],
                    period: tuple[int, int]) -> list[dict[str, Any]]:
    """statuses.jsonl lines of one region: plan targets at every as_of year, annual targets."""
    evidence = Evidence()
    plan = next((d for d in docs if d["doc_type"] == "plan"), None)
    for d in docs:
        for item in d["observations"]:
            evidence.add(item, d["doc_type"])
    out: list[dict[str, Any]] = []
    if plan is not None:
        for goal in plan_goals(plan):
            prev: str | None = None
            for as_of in as_of_years:
                line = judge_goal(goal, evidence, as_of, period)
                line.update(region=region, previous_warning=prev)
                prev = line.get("warning")
                out.append(line)
    for d in docs:
        if d["doc_type"] != "work_report":
            continue
        for item in d["targets"]:
            if item["metric"] == "qualitative" or item["year"] not in as_of_years:
                continue
            annual_line = judge_annual(item, evidence)
            if annual_line is not None:
                annual_line["region"] = region
                out.append(annual_line)
    return out


def plan_goals(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The plan's period targets, one per (indicator_id, metric), from table rows and prose."""
    goals: dict[tuple[str, str], dict[str, Any]] = {}
    binding: dict[str, bool] = {}
    baselines: dict[str, float] = {}
    for table in plan["indicator_tables"]:
        if table["kind"] != "plan_indicators":
            continue  # a review of the previous plan sets no target for this one
        for row in table["rows"]:
            iid = row["indicator_id"]
            binding[iid] = row["attribute"] == "binding"
            if row["baseline"] is not None:
                baselines[iid] = float(row["baseline"])
            if row["annual_growth"] is not None:
                goals[(iid, "growth_avg")] = {"indicator_id": iid, "metric": "growth_avg",
                                              "comparator": "eq", "value": float(row["annual_growth"]),
                                              "unit": "%", "year": row["target_year"] or 0}
            if row["target"] is not None:
                metric = "growth" if row["name"].endswith("增长") else amount_metric(row["unit"], row["name"])
                goals[(iid, metric)] = {"indicator_id": iid, "metric": metric,
                                        "comparator": row["comparator"] or "eq",
                                        "value": float(row["target"]), "unit": row["unit"],
                                        "year": row["target_year"]}
            elif row["target_text"]:
                goals[(iid, "qualitative")] = {"indicator_id": iid, "metric": "qualitative",
                                               "comparator": None, "value": None, "unit": None,
                                               "year": row["target_year"]}
    for t in plan["targets"]:
        if t["metric"] in ("level", "share", "count", "growth_avg", "qualitative") and t["indicator_id"]:
            key = (t["indicator_id"], t["metric"])
            if key in goals and goals[key]["comparator"] == "eq" and t["comparator"]:
                goals[key]["comparator"] = t["comparator"]  # the prose says more than a bare cell
            goals.setdefault(key, {k: t[k] for k in ("indicator_id", "metric", "comparator",
                                                     "unit", "year")} | {"value": _f(t["value"])})
    for g in goals.values():
        g["binding"] = binding.get(g["indicator_id"], False)
        g["baseline"] = baselines.get(g["indicator_id"])
    return list(goals.values())


def _f(x: Any) -> float | None:
    return None if x is None else float(x)


def judge_goal(goal: dict[str, Any], ev: Evidence, as_of: int, period: tuple[int, int]
               ) -> dict[str, Any]:
    y0, yt = period[0] - 1, period[1]
    iid, metric = goal["indicator_id"], goal["metric"]
    line: dict[str, Any] = {"indicator_id": iid, "metric": metric, "target": goal["value"],
                            "comparator": goal["comparator"], "target_year": yt, "as_of": as_of,
                            "binding": goal["binding"]}
    if metric == "qualitative":
        return line | {"status": "manual", "robust": True, "warning": None, "veto": False}
    obs_metric = "growth" if metric == "growth_avg" else metric
    level_metric = "level"
    years = [y for y in ev.years(iid, obs_metric if metric != "growth_avg" else "growth")
             if y0 < y <= as_of]
    if metric == "growth_avg":
        years = sorted(set(years) | {y for y in ev.years(iid, level_metric) if y0 < y <= as_of})
    stated_growth = [y for y in ev.years(iid, "growth") if y0 < y <= as_of] if metric == "level" else []
    if not years and not stated_growth:
        return line | {"status": "no_data", "robust": True, "warning": None, "veto": False}
    # A level known only through its growth (the stated level of the year before, advanced by
    # the stated growth) is evidence too; an evaluator may also fall back to the last stated
    # level or find the data insufficient, so a line judged on a derived level is not robust.
    derived: dict[int, list[float]] = {}
    for k in stated_growth:
        if k not in years and (found := ev.derived_levels(iid, k, y0, goal["baseline"])):
            derived[k] = found
    if not years and not derived:
        return line | {"status": "insufficient_data", "robust": False, "warning": None, "veto": False}
    y = max([*years, *derived])
    lower = iid in LOWER_IDS or goal["comparator"] == "le"
    t = goal["value"]
    tl = tolerance(goal["unit"], metric, t)
    if metric == "growth_avg":
        judgements, actual = _growth_readings(goal, ev, y, y0, yt, tl)
    else:
        b = goal["baseline"]
        judgements = []
        readings = derived.get(y) or ev.readings((iid, obs_metric, y))
        for a in readings:
            judgements.append(judge_final(a, t, tl, goal["comparator"], lower) if y == yt
                              else judge_level_progress(a, b, t, y0, yt, y, tl, lower))
        actual = readings[0]
    if not judgements:
        return line | {"status": "insufficient_data", "robust": True, "warning": None, "veto": False}
    first = judgements[0]
    robust = y not in derived and all(j.status == first.status and j.margin >= ROBUST * tl.tol
                                      for j in judgements)
    line.update(status=first.status, actual=actual, actual_year=y, expected=first.expected,
                robust=robust, veto=goal["binding"] and first.status in ("missed", "lagging"))
    warning, warning_robust = _warning(goal, ev, first, actual, y, y0, yt, tl, lower)
    line.update(warning=warning, warning_robust=warning_robust and robust)
    line.update(sdg_grade(goal, actual, y, y0, yt))
    return line


SDG_THRESHOLDS = ((0.95, "on_track"), (0.5, "moderate"), (0.0, "limited"))


def sdg_grade(goal: dict[str, Any], actual: float, y: int, y0: int, yt: int) -> dict[str, Any]:
    """The ESCAP / UNSD grade: realised CAGR since the base year over the required one."""
    t, b = goal["value"], goal["baseline"]
    if goal["metric"] == "growth_avg":
        cr, rr = actual, t
    elif b and b > 0 and t > 0 and actual > 0:
        cr, rr = cagr(b, actual, y - y0), cagr(b, t, yt - y0)
    else:
        return {"sdg": None}
    if abs(rr) < 1e-12:
        return {"sdg": None}
    ratio = cr / rr
    grade = next((g for bound, g in SDG_THRESHOLDS if ratio >= bound), "regression")
    robust = all(abs(ratio - bound) >= 0.02 for bound, _ in SDG_THRESHOLDS)
    return {"sdg": grade, "sdg_ratio": round(ratio, 4), "sdg_robust": robust}


def _growth_readings(goal: dict[str, Any], ev: Evidence, y: int, y0: int, yt: int, tl
                     ) -> tuple[list[Judgement], float]:
    iid, t = goal["indicator_id"], goal["value"]
    values: list[float] = []
    base = ev.readings((iid, "level", y0))
    base_level = base[0] if base else (goal["baseline"] if ev.years(iid, "level") else None)
    for level in ev.readings((iid, "level", y)):
        if base_level:
            values.append(cagr(base_level, level, y - y0))
    rates = [ev.readings((iid, "growth", k))[0] for k in range(y0 + 1, y + 1)
             if ev.readings((iid, "growth", k))]
    if rates:
        values.append(sum(rates) / len(rates))
    reported = ev.period_avg.get((iid, (y0 + 1, y)))
    if reported is not None and y == yt:  # the work report's own "五年年均增长"
        values.append(reported)
    judgements = [judge_final(v, t, tl, goal["comparator"], False) if y == yt
                  else judge_growth_progress(v, t, tl) for v in values]
    return judgements, (values[0] if values else float("nan"))


def _warning(goal: dict[str, Any], ev: Evidence, j: Judgement, actual: float, y: int, y0: int,
             yt: int, tl, lower: bool) -> tuple[str, bool]:
    """三级预警 with its robustness (every comparison at least half a tolerance from its edge)."""
    binding = goal["binding"]
    if y == yt:  # final: missed is severe; nearly met is severe only for a binding indicator
        if j.status == "missed":
            return "一级", True
        if j.status == "nearly_met":
            return ("一级" if binding else "二级"), True
        return "三级", True
    if j.status == "achieved_early":
        return "三级", True
    if goal["metric"] == "growth_avg":
        lag_annual, unreachable, below_e, distances = _growth_schedule(goal, ev, j, y, y0, yt, tl)
    else:
        lag_annual, unreachable, below_e, distances = _level_schedule(goal, ev, j, actual, y, y0,
                                                                      yt, tl, lower)
    whole_lag = j.status == "lagging"
    if (whole_lag and lag_annual) or (binding and whole_lag) or unreachable:
        level = "一级"
    elif whole_lag or lag_annual or below_e:
        level = "二级"
    else:
        level = "三级"
    return level, all(d >= ROBUST * tl.tol for d in distances)


RECENT = 3  # annual changes that count as "the recent pace"


def _level_schedule(goal, ev: Evidence, j: Judgement, actual: float, y: int, y0: int, yt: int,
                    tl, lower: bool) -> tuple[bool, bool, bool, list[float]]:
    iid, metric, t = goal["indicator_id"], goal["metric"], goal["value"]
    sign = -1.0 if lower else 1.0
    series = {k: ev.readings((iid, metric, k))[0] for k in range(y0 + 1, y + 1)
              if ev.readings((iid, metric, k))}
    derived = {k: found[0] for k in range(y0 + 1, y + 1) if k not in series and metric == "level"
               and (found := ev.derived_levels(iid, k, y0, goal["baseline"]))}
    series |= derived
    points = [(k, sign * v) for k, v in [(y0, goal["baseline"]), *sorted(series.items())]
              if v is not None]
    a, to = sign * actual, sign * t
    distances: list[float] = []
    lag_annual = False
    if len(points) > 1:
        p, ap = points[-2]
        e_annual = ap + (to - ap) / (yt - p) * (y - p)
        lag_annual = a < e_annual - tl.near
        distances.append(abs(a - (e_annual - tl.near)))
    steps = [(v2 - v1) / (k2 - k1) for (k1, v1), (k2, v2) in itertools.pairwise(points)]
    unreachable = False
    if len(points) > 2:  # a pace needs two realised points besides the baseline
        projected = a + max(steps[-RECENT:]) * (yt - y)
        unreachable = projected < to - tl.tol
        distances.append(abs(projected - (to - tl.tol)))
    e = sign * j.expected if j.expected is not None else to
    below_e = j.status == "on_track" and a < e
    if j.status == "on_track":
        distances.append(abs(a - e))
    if derived:  # a schedule drawn through a level known only by its growth: not robust
        distances.append(0.0)
    return lag_annual, unreachable, below_e, distances


def _growth_schedule(goal, ev: Evidence, j: Judgement, y: int, y0: int, yt: int, tl
                     ) -> tuple[bool, bool, bool, list[float]]:
    """The annual schedule of an average-growth target, on the compounded index of the level."""
    _iid, t = goal["indicator_id"], goal["value"]
    index = _growth_index(goal, ev, y0, y)
    n = yt - y0
    r = _avg(index[y], y - y0)
    distances: list[float] = []
    lag_annual = False
    years = sorted(index)
    if len(years) > 1:
        p = years[-2]
        needed = ((1 + t / 100) ** n / index[p]) ** (1 / (yt - p))
        e_annual = _avg(index[p] * needed ** (y - p), y - y0)
        lag_annual = r < e_annual - tl.near
        distances.append(abs(r - (e_annual - tl.near)))
    unreachable = False
    if len(years) > 2:
        paces = [(index[b] / index[a]) ** (1 / (b - a)) for a, b in itertools.pairwise(years)]
        projected = _avg(index[y] * max(paces[-RECENT:]) ** (yt - y), n)
        unreachable = projected < t - tl.tol
        distances.append(abs(projected - (t - tl.tol)))
    below_e = j.status == "on_track" and r < t
    if j.status == "on_track":
        distances.append(abs(r - t))
    return lag_annual, unreachable, below_e, distances


def _avg(index: float, years: int) -> float:
    return (index ** (1 / years) - 1) * 100


def _growth_index(goal, ev: Evidence, y0: int, y: int) -> dict[int, float]:
    """Level relative to the base year, from levels where known, else compounded rates."""
    iid = goal["indicator_id"]
    base = ev.readings((iid, "level", y0)) or ([goal["baseline"]] if ev.years(iid, "level") else [])
    index = {y0: 1.0}
    running = 1.0
    for k in range(y0 + 1, y + 1):
        level = ev.readings((iid, "level", k))
        rate = ev.readings((iid, "growth", k))
        if rate:
            running *= 1 + rate[0] / 100
        if level and base and base[0]:
            index[k] = running = level[0] / base[0]
        elif rate:
            index[k] = running
    return index


def judge_annual(item: dict[str, Any], ev: Evidence) -> dict[str, Any] | None:
    """A work report's one-year target against that year's actual."""
    iid, y = item["indicator_id"], item["year"]
    metric = item["metric"]
    readings = ev.readings((iid, metric, y))
    if not readings:
        return None
    value = _f(item["value"])
    low, high = _f(item["low"]), _f(item["high"])
    tl = tolerance(item["unit"], metric, value if value is not None else (high or 0.0))
    lower = iid in LOWER_IDS or item["comparator"] == "le"
    js = [judge_final(a, value, tl, item["comparator"], lower, low, high) for a in readings]
    robust = all(j.status == js[0].status and j.margin >= ROBUST * tl.tol for j in js)
    return {"indicator_id": iid, "metric": metric, "target": value, "low": low, "high": high,
            "comparator": item["comparator"], "target_year": y, "as_of": y, "binding": False,
            "status": js[0].status, "actual": readings[0], "actual_year": y, "robust": robust,
            "warning": None, "veto": False, "annual": True}
