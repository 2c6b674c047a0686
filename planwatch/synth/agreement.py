"""How far an evaluation agrees with the synthetic truth (与标准答案的一致性).

``planwatch evaluate --json`` gives one row per target; ``statuses.jsonl`` one line per target
and as-of year. Rows are paired by indicator, metric, target year and whether the target is a
work report's one-year target; only pairs whose truth line is ``robust`` count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Agreement:
    """Paired statuses and warnings, and the pairs that differ (for a report)."""

    pairs: int = 0
    statuses_agree: int = 0
    warnings_compared: int = 0
    warnings_agree: int = 0
    sdg_compared: int = 0
    sdg_agree: int = 0
    unpaired_truth: int = 0
    differences: list[str] = field(default_factory=list)

    @property
    def status_rate(self) -> float:
        return self.statuses_agree / self.pairs if self.pairs else 0.0


def truth_key(line: dict[str, Any]) -> tuple:
    return (line["indicator_id"], line["metric"], line["target_year"], bool(line.get("annual")))


def evaluation_key(row: dict[str, Any]) -> tuple:
    source = row.get("target_source") or {}
    target = row["target"]
    return (row["indicator_id"], target["metric"], target["year"], source.get("doc_type") == "work_report")


def compare(evaluation: dict[str, Any], statuses: Iterable[dict[str, Any]], region: str,
            as_of: int) -> Agreement:
    """Compare one ``evaluate --json`` result with the truth lines of ``region`` at ``as_of``."""
    wanted: dict[tuple, dict[str, Any]] = {}
    for line in statuses:
        if line["region"] != region or not line["robust"]:
            continue
        if line["as_of"] == as_of or (line.get("annual") and line["target_year"] <= as_of):
            wanted[truth_key(line)] = line
    out = Agreement()
    seen: set[tuple] = set()
    for row in evaluation["rows"]:
        key = evaluation_key(row)
        truth_line = wanted.get(key)
        if truth_line is None or key in seen:
            continue
        seen.add(key)
        out.pairs += 1
        if row["status"] == truth_line["status"]:
            out.statuses_agree += 1
        else:
            out.differences.append(f"{key}: truth {truth_line['status']}, evaluation {row['status']}")
        warning = row.get("warning")
        if truth_line.get("warning") and truth_line.get("warning_robust") and warning:
            out.warnings_compared += 1
            out.warnings_agree += warning["text"] == truth_line["warning"]
        sdg = row.get("sdg")
        if truth_line.get("sdg") and truth_line.get("sdg_robust") and sdg:
            out.sdg_compared += 1
            out.sdg_agree += sdg["grade"] == truth_line["sdg"]
    out.unpaired_truth = len(set(wanted) - seen)
    return out
