"""A plan's review of the previous plan's indicators (上一规划主要指标完成情况表).

Per indicator the previous plan's target for the base year (a level and/or an average growth),
what was achieved (the base-year level, its growth, the five-year average), the gap and the
completion word (超额完成, 完成, 基本完成, 未完成). The target is placed so the realised value
lies well inside the band of a drawn status, and the printed word is STATUS_SPEC's judgement of
the printed numbers, so the table is internally true.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

from planwatch.synth.judge import judge_final, tolerance
from planwatch.synth.paths import FINAL, Track, quantize
from planwatch.synth.printing import plain

WORDS = {"exceeded": "超额完成", "met": "完成", "nearly_met": "基本完成", "missed": "未完成"}
_OFFSET = {"exceeded": -0.7, "met": 0.0, "nearly_met": 0.3, "missed": 1.2}  # target − actual, pp
EMPTY = ("—", "/", "-")


def review_header(y0: int, with_unit: bool) -> list[str]:
    return ["类别", "序号", "指标名称"] + (["单位"] if with_unit else []) + [
        f"{y0}年目标", "年均增长目标（%）", f"{y0}年实际", f"{y0}年增速（%）", "年均增长（%）",
        "差距", "完成情况"]


def review_row(seq: int, track: Track, rng: random.Random, with_unit: bool, first: bool,
               empty: str) -> tuple[list[str], dict[str, Any]]:
    """One row of the completion table and its truth (fields of the shared gold layout)."""
    spec = track.spec
    name, unit = spec.names[0], spec.unit
    row: dict[str, Any] = {"seq": seq, "category": spec.category, "name": name, "unit": unit,
                           "attribute": None, "indicator_id": spec.indicator_id,  # no 属性 column
                           "target": None, "target_text": None, "target_growth": None,
                           "actual": None, "actual_growth": None,
                           "actual_avg_growth": None, "gap": None, "status_text": None,
                           "achieved": None, "ambiguous": False}
    if spec.kind == "qualitative":
        row.update(target_text="完成省下达任务", status_text="完成", achieved=True)
    elif spec.kind in ("growth", "growth_only"):
        _growth_row(row, track, rng)
    else:
        _level_row(row, track, rng)
    if spec.kind == "growth_only":
        row["name"], row["unit"] = name + "增长", "%"
    if row["target"] is not None:
        row["target_text"] = plain(row["target"])
    texts = [row["target_text"] or "", _text(row["target_growth"]),
             "完成" if spec.kind == "qualitative" else _text(row["actual"]), _text(row["actual_growth"]),
             _text(row["actual_avg_growth"]), _text(row["gap"], signed=True), row["status_text"] or ""]
    shown = row["name"] if with_unit else f"{row['name']}（{row['unit']}）"
    cells = [spec.category if first else "", str(seq), shown] + ([row["unit"]] if with_unit else []) + \
        [t or empty for t in texts]
    return cells, row


def _text(value: Decimal | None, signed: bool = False) -> str:
    if value is None:
        return ""
    return ("+" if signed and value > 0 else "") + plain(value)


def _growth_row(row: dict[str, Any], track: Track, rng: random.Random) -> None:
    avg = track.base_avg_growth
    assert avg is not None
    status = rng.choice(FINAL)
    target_growth = quantize(float(avg) + _OFFSET[status], 1)
    judged = judge_final(float(avg), float(target_growth), tolerance("%", "growth_avg", 0.0), "eq", False)
    row.update(target_growth=target_growth, actual_avg_growth=avg,
               actual_growth=quantize(float(avg) + rng.uniform(-2.5, 0.5), 1),
               gap=avg - target_growth, status_text=WORDS[judged.status],
               achieved=judged.status in ("exceeded", "met"))
    if track.spec.kind == "growth" and track.baseline is not None:
        start = float(track.baseline) / (1 + float(avg) / 100) ** 5
        digits = min(track.spec.decimals, 1) if start > 100 else track.spec.decimals
        target = quantize(start * (1 + float(target_growth) / 100) ** 5, digits)
        row.update(target=target, actual=track.baseline)


def _level_row(row: dict[str, Any], track: Track, rng: random.Random) -> None:
    actual = track.baseline
    assert actual is not None
    status = rng.choice(FINAL)
    metric = "share" if track.spec.unit == "%" else "level"
    tl = tolerance(track.spec.unit, metric, float(actual))
    sign = -1.0 if track.lower else 1.0
    offset = {"exceeded": -(tl.tol * 3 + tl.tol), "met": 0.0, "nearly_met": (tl.near + tl.tol) / 2,
              "missed": tl.near + tl.tol * 4}[status]
    target = quantize(float(actual) + sign * offset, track.spec.decimals)
    judged = judge_final(float(actual), float(target), tolerance(track.spec.unit, metric, float(target)),
                         "le" if track.lower else "eq", track.lower)
    row.update(target=target, actual=actual, gap=actual - target, status_text=WORDS[judged.status],
               achieved=judged.status in ("exceeded", "met"))
