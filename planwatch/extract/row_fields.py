"""Which value of a table row belongs to which column, when the scrape dropped empty cells.

A flattened row keeps its values in column order but not their columns: "3 预期性 5.4 4
超额完成" under 目标 | 年均增长 | 属性 | 总量 | 增速 | 平均增速 | 差距 could be read several ways.
The reading is chosen the way an analyst would:

* anchors first: 预期性/约束性 sits in the attribute column, a status word (超额完成) in the
  status column or, where the table has none, in the gap column it was printed in;
* between anchors every order-preserving placement is a candidate, if each cell fits its column
  (a ratio or 完成省定目标 is a level, never a growth rate);
* candidates are scored by evidence: the printed gap equals realised − planned (growth or
  level), planned and realised values come in pairs (target ↔ actual, planned growth ↔ average
  growth), levels are of the same magnitude, a rate (unit %) is not given growth rates,
  growth rates are not in the hundreds, plan tables fill target before baseline before growth,
  and rows of the same table that could be read one way only vote for their pattern.

Each rule is a few lines of ``score_fields`` with its weight in plain sight, so a planner can
see why a number was read into the column it sits in.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from planwatch.parse.table_parts import Token

GROWTH_FIELDS = frozenset({"target_growth", "actual_growth", "actual_avg_growth"})
NUMERIC_FIELDS = frozenset({"baseline", "target", "annual_growth", "target_growth", "actual", "actual_growth",
                            "actual_avg_growth", "gap"})
# Which token kinds a column may hold.
_ACCEPTS: dict[str, frozenset[str]] = {
    "num": NUMERIC_FIELDS | {"ignore"},
    "ratio": frozenset({"baseline", "target", "actual", "ignore"}),
    "range": NUMERIC_FIELDS - {"gap"} | {"ignore"},
    "qual": frozenset({"target", "actual", "status", "annual_growth", "target_growth", "ignore"}),
    "status": frozenset({"status", "gap", "ignore"}),
    "attr": frozenset({"attribute"}),
    "text": frozenset({"unit", "ignore", "status"}),
    "empty": NUMERIC_FIELDS | {"attribute", "unit", "status", "ignore"},
}
# Plan tables: a lone value is most often the target, two are baseline and target.
_PLAN_FILL = {"target": 0.3, "baseline": 0.2, "annual_growth": 0.1}
_REVIEW_FILL = {"target": 0.05, "actual": 0.05}
_MAX_CANDIDATES = 2000
_RATE_NAME = re.compile(r"率|比重|比例|占比|覆盖|指数|贡献")
_GROWTH_NAME = re.compile(r"增长|增速|增幅")

Assignment = dict[str, Token]


@dataclass(frozen=True)
class Reading:
    """The chosen placement of a row's tokens, its score and the margin over the next best."""

    fields: Assignment
    score: float
    margin: float

    @property
    def pattern(self) -> frozenset[str]:
        return pattern_of(self.fields)


def pattern_of(fields: Assignment) -> frozenset[str]:
    return frozenset(f for f, t in fields.items() if t.kind != "empty" and f in NUMERIC_FIELDS and f != "gap")


@dataclass(frozen=True)
class RowContext:
    """What the scoring needs to know besides the tokens."""

    kind: str
    unit: str | None
    name: str
    years: int = 5
    prior: Counter[frozenset[str]] | None = None


def read_row(columns: Sequence[str], tokens: Sequence[Token], ctx: RowContext, positional: bool = False) -> Reading:
    """The best placement of ``tokens`` (in column order) into ``columns``."""
    if positional:
        direct = {f: t for f, t in zip(columns, tokens, strict=False) if _fits(t, f)}
        return Reading(direct, score_fields(direct, ctx), float("inf"))
    best: list[tuple[float, Assignment]] = []
    for fields in _candidates(columns, tokens):
        best.append((score_fields(fields, ctx), fields))
    if not best:
        return Reading({}, 0.0, 0.0)
    best.sort(key=lambda sf: -sf[0])
    margin = best[0][0] - best[1][0] if len(best) > 1 else float("inf")
    return Reading(best[0][1], best[0][0], margin)


def _fits(token: Token, field: str) -> bool:
    return field in _ACCEPTS.get(token.kind, frozenset())


def _candidates(columns: Sequence[str], tokens: Sequence[Token]) -> list[Assignment]:
    """Every order-preserving placement that respects the anchors (attribute, status)."""
    anchors = _anchors(columns, tokens)
    if anchors is None:
        return []
    segments: list[list[Assignment]] = []
    prev_t, prev_c = -1, -1
    for ti, ci in [*anchors, (len(tokens), len(columns))]:
        seg_tokens = tokens[prev_t + 1: ti]
        seg_cols = [c for c in range(prev_c + 1, ci) if columns[c] not in ("attribute",)]
        options = _place(seg_tokens, seg_cols, columns)
        if not options:  # a cell that fits no column here: place the others without it
            fitting = [t for t in seg_tokens if any(_fits(t, columns[c]) for c in seg_cols)]
            options = _place(fitting, seg_cols, columns) or [{}]
        if ti < len(tokens):
            for opt in options:
                opt[columns[ci]] = tokens[ti]
        segments.append(options)
        prev_t, prev_c = ti, ci
    out: list[Assignment] = []
    for combo in itertools.product(*segments):
        merged: Assignment = {}
        for part in combo:
            merged.update(part)
        out.append(merged)
        if len(out) >= _MAX_CANDIDATES:
            break
    return out


def _anchors(columns: Sequence[str], tokens: Sequence[Token]) -> list[tuple[int, int]] | None:
    """(token index, column index) pairs for attribute and status tokens, in order."""
    pairs: list[tuple[int, int]] = []
    last_c = -1
    status_col = "status" if "status" in columns else "gap"
    for ti, tok in enumerate(tokens):
        want = "attribute" if tok.kind == "attr" else status_col if tok.kind == "status" else None
        if want is None:
            continue
        cols = [c for c in range(last_c + 1, len(columns)) if columns[c] == want]
        if not cols:
            if tok.kind == "status" and len(columns) > last_c + 1:
                cols = [len(columns) - 1]
            else:
                continue
        c = cols[-1] if tok.kind == "status" else cols[0]
        pairs.append((ti, c))
        last_c = c
    return pairs


def _place(seg_tokens: Sequence[Token], seg_cols: list[int], columns: Sequence[str]) -> list[Assignment]:
    if not seg_tokens:
        return [{}]
    k = len(seg_tokens)
    if k > len(seg_cols):  # more values than columns: keep the first ones that fit
        seg_tokens = seg_tokens[: len(seg_cols)]
        k = len(seg_tokens)
    if math.comb(len(seg_cols), k) > _MAX_CANDIDATES:  # a very wide table: keep column order, left first
        cols = list(seg_cols)
        placed: Assignment = {}
        for t in seg_tokens:
            while cols and not _fits(t, columns[cols[0]]):
                cols.pop(0)
            if cols:
                placed[columns[cols.pop(0)]] = t
        return [placed]
    options = []
    for combo in itertools.combinations(seg_cols, k):
        if all(_fits(t, columns[c]) for t, c in zip(seg_tokens, combo, strict=True)):
            options.append({columns[c]: t for t, c in zip(seg_tokens, combo, strict=True)})
    return options


# ---------------------------------------------------------------- evidence
def score_fields(fields: Assignment, ctx: RowContext) -> float:
    nums = {f: t.value for f, t in fields.items() if t.kind == "num" and t.value is not None}
    filled = {f for f, t in fields.items() if t.kind not in ("empty",)}
    if ctx.kind == "plan_indicators":
        score = sum(_PLAN_FILL.get(f, 0.0) for f in filled)
        if "annual_growth" in filled and "target" not in filled and _GROWTH_NAME.search(ctx.name):
            score += 0.25  # 固定资产投资增长(%): its goal is a growth rate, at home in the growth column
        score += _plan_arithmetic(nums, ctx.years)
        if abs(nums.get("annual_growth", Decimal(0))) > 100:
            score -= 1
    else:
        score = sum(_REVIEW_FILL.get(f, 0.0) for f in filled) + _review_evidence(filled, nums, ctx)
    if ctx.prior:
        total = sum(ctx.prior.values())
        score += ctx.prior.get(pattern_of(fields), 0) / total
    return score


def _review_evidence(filled: set[str], nums: dict[str, Decimal], ctx: RowContext) -> float:
    score = 0.0
    t, a = "target" in filled, "actual" in filled
    tg, ag, avg = "target_growth" in filled, "actual_growth" in filled, "actual_avg_growth" in filled
    score += (t and a) + (tg and (ag or avg))
    score -= 0.5 * ((t and not a) + (a and not t) + (tg and not (ag or avg)) + ((ag or avg) and not tg))
    if tg and ag and not avg:
        score -= 0.3  # a planned average growth is set against the realised average
    if "target" in nums and "actual" in nums and nums["target"] > 0 and nums["actual"] > 0:
        ratio = nums["actual"] / nums["target"]
        score += 0.25 if Decimal("0.2") <= ratio <= 5 else -0.5
    if _is_rate(ctx):
        score -= sum(1 for f in GROWTH_FIELDS if f in nums)
    score -= 2 * sum(1 for f in (*GROWTH_FIELDS, "gap") if f in nums and abs(nums[f]) > 100)
    if "gap" in nums:
        diffs = _gap_candidates(nums)
        if diffs:
            tol = max(Decimal("0.051"), abs(nums["gap"]) * Decimal("0.005"))
            score += 3 if any(abs(d - nums["gap"]) <= tol for d in diffs) else -2
    return score


def _gap_candidates(nums: dict[str, Decimal]) -> list[Decimal]:
    """What the printed gap may be: realised − planned, for growth or for the level."""
    out = []
    if "target_growth" in nums:
        out += [nums[f] - nums["target_growth"] for f in ("actual_avg_growth", "actual_growth") if f in nums]
    if "target" in nums and "actual" in nums:
        out.append(nums["actual"] - nums["target"])
        if nums["target"]:
            out.append((nums["actual"] - nums["target"]) / nums["target"] * 100)
    return out


def _is_rate(ctx: RowContext) -> bool:
    """A rate or share (unit %, name …率/比重) is reviewed as a level, not through growth rates."""
    unit_rate = ctx.unit in ("%", "‰")
    return (unit_rate or bool(_RATE_NAME.search(ctx.name))) and not _GROWTH_NAME.search(ctx.name)


def _plan_arithmetic(nums: dict[str, Decimal], years: int) -> float:
    """+1 when baseline, target and growth agree (compound, linear in points, or a fall)."""
    b, t, g = nums.get("baseline"), nums.get("target"), nums.get("annual_growth")
    if b is None or t is None or g is None or b <= 0 or t <= 0:
        return 0.0
    n = max(years, 1)
    rate = g / 100
    paths = [b * (1 + rate) ** n, b + n * g, b * (1 - rate) ** n, b - n * g]
    return 1.0 if any(abs(p - t) <= t * Decimal("0.03") for p in paths) else 0.0
