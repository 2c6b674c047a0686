"""Audit a completion review (完成情况表): re-derive every row from its printed numbers.

A completion table prints, per indicator, the planned target (level and/or average growth), the
final-year level and growth, the five-year average growth, a gap (与规划目标差距) and often a
status word. Planners copy these tables forward; this audit recomputes each row so a wrong gap,
an optimistic status, or a row whose level target and growth target disagree is visible.

Per row:
- level basis: printed level target against the final-year level (以上 floors, 以内 ceilings,
  and the indicator's direction);
- growth basis: planned average growth against the realised five-year average (or, when the
  table gives none, the final-year growth). A lower-is-better indicator whose planned growth is
  negative (−8) and whose realised rate is printed unsigned (9.1) is read as a decline of 9.1;
- text basis: an actual printed as words (完成省定目标) or a structure ratio (15:49:36).
``achieved`` follows the basis the table itself used (the one whose gap reproduces the printed
gap, else the one agreeing with the printed status, else growth); a disagreement between the
bases is a finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from planwatch.evaluate.direction import indicator_direction
from planwatch.evaluate.judge import goal_direction, judge_final, make_goal
from planwatch.evaluate.model import Settings
from planwatch.evaluate.status import STATUSES, parse_printed_status, status_text
from planwatch.extract.serialize import number
from planwatch.link.catalogue import Catalogue
from planwatch.model import IndicatorRow, IndicatorTable

SCHEMA_ID = "planwatch.audit/1"
GAP_TOLERANCE = Decimal("0.05")  # a printed gap is reproduced when within this of ours
_RATIO = re.compile(r"^\s*\d+(?:\.\d+)?(?:\s*[:：]\s*\d+(?:\.\d+)?)+\s*$")


@dataclass(frozen=True)
class AuditRow:
    """One completion-review row re-derived (the JSON row plus the workings)."""

    table: str | None
    seq: int | None
    name: str
    printed_gap: Decimal | None
    computed_gap: Decimal | None
    printed_status: str | None
    achieved: bool | None
    basis: str | None  # growth | level | both | text | None
    findings: tuple[str, ...] = ()
    level_status: str | None = None
    growth_status: str | None = None
    text_status: str | None = None
    notes: tuple[str, ...] = field(default=())
    span: tuple[int, int] | None = None


def comparator_of(text: str | None) -> str:
    """The comparator a printed target cell carries: 45以上 → ge, 4.5以内 → le, 8左右 → approx."""
    t = text or ""
    if any(w in t for w in ("以上", "不低于", "超过", "≥", ">=")):
        return "ge"
    if any(w in t for w in ("以内", "以下", "不高于", "不超过", "低于", "≤", "<=")):
        return "le"
    return "approx" if "左右" in t else "eq"


def parse_ratio(text: str | None) -> tuple[Decimal, ...] | None:
    if not text or not _RATIO.match(text):
        return None
    try:
        return tuple(Decimal(p.strip()) for p in re.split(r"[:：]", text))
    except InvalidOperation:
        return None


def _fmt(value: Decimal | None) -> str:
    return "—" if value is None else format(value.normalize(), "f")


def _achieved(code: str | None) -> bool | None:
    return None if code is None else STATUSES[code].achieved


def audit_row(row: IndicatorRow, table_title: str | None, settings: Settings,
              catalogue: Catalogue | None = None) -> AuditRow:
    """Re-derive one row: gaps, achieved, basis and findings in words."""
    direction = indicator_direction(row.name, row.unit, row.indicator_id, catalogue)
    notes: list[str] = []
    findings: list[str] = []

    level_status = level_gap = None
    if row.target is not None and row.actual is not None:
        comp = comparator_of(row.target_text)
        d = goal_direction(comp, direction, "level", row.name, row.unit)
        goal = make_goal(comp, row.target, None, None, d, row.unit, "level")
        if goal is not None:
            level_status = judge_final(row.actual, goal, settings)
            level_gap = row.actual - row.target

    growth_status = growth_gap = None
    realised = row.actual_avg_growth if row.actual_avg_growth is not None else row.actual_growth
    if row.target_growth is not None and realised is not None:
        if row.actual_avg_growth is None:
            notes.append("未列五年平均增速，以末年增速代替 (no five-year average: the final-year growth stands in)")
        if direction == "lower" and row.target_growth < 0 < realised:
            notes.append(f"实际增速 {_fmt(realised)} 未标负号，对照规划 {_fmt(row.target_growth)}，"
                         f"按下降 {_fmt(realised)} 解读")
            realised = -realised
        d = goal_direction("eq", direction, "growth_avg", row.name, "%")
        goal = make_goal("eq", row.target_growth, None, None, d, "%", "growth_avg")
        if goal is not None:
            growth_status = judge_final(realised, goal, settings)
            growth_gap = realised - row.target_growth

    text_status = None
    planned_ratio, actual_ratio = parse_ratio(row.target_text), parse_ratio(row.actual_text)
    if planned_ratio and actual_ratio:
        same = len(planned_ratio) == len(actual_ratio) and all(
            abs(a - p) <= settings.rate_near for a, p in zip(planned_ratio, actual_ratio, strict=True))
        text_status = "met" if same else "missed"
        notes.append(f"结构目标 {row.target_text}，实际 {row.actual_text}")
    elif row.actual is None and row.actual_text:
        text_status = parse_printed_status(row.actual_text)

    printed_status = row.status_text
    printed_code = parse_printed_status(printed_status)
    printed_gap = row.gap

    # Which basis the table used: the one reproducing its gap, else the one agreeing with its status.
    gap_match = {b: g for b, g in (("growth", growth_gap), ("level", level_gap))
                 if g is not None and printed_gap is not None and abs(g - printed_gap) <= GAP_TOLERANCE}
    statuses = {b: s for b, s in (("growth", growth_status), ("level", level_status)) if s is not None}
    if gap_match:
        used = next(iter(gap_match))
    elif printed_code and any(_achieved(s) == _achieved(printed_code) for s in statuses.values()):
        used = next(b for b, s in statuses.items() if _achieved(s) == _achieved(printed_code))
    elif statuses:
        used = next(iter(statuses))
    else:
        used = None

    computed_status: str | None
    basis: str | None
    if used is not None:
        computed_status = statuses[used]
        computed_gap = growth_gap if used == "growth" else level_gap
        basis = "both" if len(statuses) == 2 else used
    else:
        computed_status, computed_gap = text_status, None
        basis = "text" if text_status is not None else None
    achieved = _achieved(computed_status)

    if printed_gap is not None and not gap_match and (growth_gap is not None or level_gap is not None):
        findings.append(
            f"表中差距 {_fmt(printed_gap)} 与“实际 − 目标”不符（增速口径 {_fmt(growth_gap)}，"
            f"总量口径 {_fmt(level_gap)}）")
    if printed_code and computed_status and printed_code != computed_status:
        findings.append(f"表中为“{printed_status}”，按数据应为“{status_text(computed_status)}”")
    if level_status and growth_status and _achieved(level_status) != _achieved(growth_status):
        findings.append(
            f"总量目标 {_fmt(row.target)} {status_text(level_status)}（实际 {_fmt(row.actual)}），"
            f"而增速目标 {_fmt(row.target_growth)}% {status_text(growth_status)}（实际 {_fmt(realised)}%）"
            + (f"；表中为“{printed_status}”" if printed_status else ""))
    if direction == "lower" and printed_gap is not None and printed_gap < 0 and achieved:
        notes.append(f"上限指标：差距 {_fmt(printed_gap)} 是低于上限的余量，不是缺口")

    return AuditRow(
        table=table_title, seq=row.seq, name=row.name, printed_gap=printed_gap, computed_gap=computed_gap,
        printed_status=printed_status, achieved=achieved, basis=basis, findings=tuple(findings),
        level_status=level_status, growth_status=growth_status, text_status=text_status,
        notes=tuple(notes), span=(row.span.start, row.span.end))


def audit_tables(tables: Iterable[IndicatorTable], settings: Settings | None = None,
                 catalogue: Catalogue | None = None) -> list[AuditRow]:
    """Audit every completion-review row of ``tables`` (plan indicator tables are skipped)."""
    settings = settings or Settings()
    return [audit_row(row, t.title, settings, catalogue)
            for t in tables if t.kind == "completion_review" for row in t.rows]


def audit_document(path: str | Path, settings: Settings | None = None) -> list[AuditRow]:
    """Extract a document and audit its completion tables."""
    from planwatch.extract.pipeline import extract_document

    return audit_tables(extract_document(path).tables, settings)


def audit_to_json(rows: Iterable[AuditRow]) -> dict[str, Any]:
    """The ``planwatch.audit/1`` JSON document."""
    return {"schema": SCHEMA_ID, "rows": [{
        "table": r.table, "seq": r.seq, "name": r.name,
        "printed_gap": number(r.printed_gap), "computed_gap": number(r.computed_gap),
        "printed_status": r.printed_status, "achieved": r.achieved, "basis": r.basis,
        "findings": list(r.findings),
        "level_status": r.level_status, "growth_status": r.growth_status, "text_status": r.text_status,
        "notes": list(r.notes), "span": list(r.span) if r.span else None,
    } for r in rows]}
