"""Status codes and the words planners read for them (one table, Chinese first).

Codes are stable English identifiers used in JSON and code; ``text`` is what the terminal,
reports and the web show. The final words are those of completion reviews (完成情况), the
in-progress words those of the national mid-term evaluation (提前实现, 快于预期, 基本符合预期,
滞后), so a planner recognises every label.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

StatusKind = Literal["final", "progress", "other"]


@dataclass(frozen=True)
class StatusInfo:
    code: str
    text: str  # Chinese label
    english: str
    kind: StatusKind
    achieved: bool | None  # does this status mean the target is (or was already) reached?


STATUSES: dict[str, StatusInfo] = {s.code: s for s in (
    StatusInfo("exceeded", "超额完成", "exceeded", "final", True),
    StatusInfo("met", "完成", "met", "final", True),
    StatusInfo("nearly_met", "基本完成", "nearly met", "final", False),
    StatusInfo("missed", "未完成", "missed", "final", False),
    StatusInfo("achieved_early", "提前实现", "achieved early", "progress", True),
    StatusInfo("ahead", "快于预期", "ahead of schedule", "progress", None),
    StatusInfo("on_track", "基本符合预期", "on track", "progress", None),
    StatusInfo("lagging", "滞后", "lagging", "progress", False),
    StatusInfo("no_data", "无数据", "no data", "other", None),
    StatusInfo("manual", "需人工判断", "needs a planner's judgement", "other", None),
    StatusInfo("unquantified", "未量化", "no number set", "other", None),
    StatusInfo("insufficient_data", "数据不足", "too few data points", "other", None),
)}

# Printed words of completion tables, mapped to the codes above (longest first when matching).
PRINTED_STATUS: dict[str, str] = {
    "超额完成": "exceeded",
    "基本完成": "nearly_met",
    "未完成": "missed",
    "未达到": "missed",
    "提前完成": "exceeded",
    "提前实现": "achieved_early",
    "完成": "met",
    "达到": "met",
    "实现": "met",
}

# 预警 levels as the national energy-target barometer grades regions.
WARNING_LEVELS: dict[int, tuple[str, str, str]] = {
    1: ("一级", "red", "severe: behind on both schedules, a binding indicator behind, or out of reach"),
    2: ("二级", "yellow", "fairly severe: behind on one schedule, or on track but below the path"),
    3: ("三级", "green", "on track"),
}

# How a target's number is stated (口径), for tables a planner reads.
METRIC_TEXTS: dict[str, str] = {
    "level": "总量", "share": "比重/比率", "count": "数量", "growth": "当年增速", "growth_avg": "年均增速",
    "change_total": "累计变化", "qualitative": "定性",
}

SDG_GRADES: dict[str, str] = {
    "on_track": "按期可实现",
    "moderate": "进展一般，需加速",
    "limited": "进展有限",
    "regression": "倒退",
}


def status_text(code: str) -> str:
    return STATUSES[code].text


def warning_text(level: int | None) -> str | None:
    return WARNING_LEVELS[level][0] if level else None


def parse_printed_status(text: str | None) -> str | None:
    """The status code a completion table's printed word means (超额完成 → exceeded), or None."""
    if not text:
        return None
    compact = "".join(text.split())
    for word in sorted(PRINTED_STATUS, key=len, reverse=True):
        if word in compact:
            return PRINTED_STATUS[word]
    return None
