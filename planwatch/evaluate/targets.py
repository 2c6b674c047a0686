"""The targets a region is judged on, gathered from what was extracted (目标的来源).

Two kinds of source:
- prose targets (``Target``): 到2025年 GDP 年均增长 7.5%; a work report's 主要预期目标 for
  year Y are targets for Y (annual targets are first-class);
- plan indicator tables (``IndicatorRow`` of kind plan_indicators): a row with a target is a
  level target (a share when its unit is a rate; a growth or change target when the rate row is
  named for one: 固定资产投资增长 %, 单位GDP能耗降低 %) for the target year; when the row
  also prints an average annual growth, a growth_avg target too, unless the row is a plain rate
  with a target (城镇化率 45 → 50 with 1: the annual figure is in points and the level target
  already says it); a positive growth printed for a falling row (0.102 → 0.068 with 7.7) is a
  fall and is read as −7.7; a row whose target is words (完成省定目标任务) is qualitative.
Base year y0: the row's baseline year; else the start of the target's period − 1; else the
plan's period start − 1; for an annual target (a work report's) the year before.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from decimal import Decimal
from functools import partial

from planwatch.evaluate.audit import comparator_of
from planwatch.evaluate.model import SourceRef, TargetInfo
from planwatch.evaluate.units import is_rate
from planwatch.link.catalogue import metric_hint
from planwatch.model import DocumentMeta, IndicatorRow, IndicatorTable, Target

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
QUOTE_LIMIT = 240


def quote_at(text: str | None, start: int, end: int, sentence: bool = True) -> str | None:
    """The sentence around ``[start, end)`` (or the exact text for a table row), spaces tidied."""
    if text is None:
        return None
    if sentence:
        left = max((m.end() for m in _SENTENCE_END.finditer(text, max(0, start - QUOTE_LIMIT), start)), default=None)
        s = left if left is not None else max(0, start - QUOTE_LIMIT // 2)
        m = _SENTENCE_END.search(text, end)
        e = m.end() if m and m.end() - end < QUOTE_LIMIT else min(len(text), end + QUOTE_LIMIT // 2)
        start, end = min(s, start), max(e, end)
    return " ".join(text[start:end].split())


def source_of(document: str | None, text: str | None, start: int, end: int, doc_type: str | None,
              document_id: int | None = None, sentence: bool = True) -> SourceRef:
    return SourceRef(document=document, span=(start, end), quote=quote_at(text, start, end, sentence),
                     doc_type=doc_type, document_id=document_id)


def base_year_for(period: tuple[int, int] | None, meta: DocumentMeta, year: int | None) -> int | None:
    if period:
        return period[0] - 1
    if meta.doc_type == "plan" and meta.period:
        return meta.period[0] - 1
    if year is not None and meta.doc_type != "plan":
        return year - 1
    if meta.period:
        return meta.period[0] - 1
    return None


def target_from_prose(t: Target, meta: DocumentMeta, source: SourceRef, attribute: str | None) -> TargetInfo:
    year = t.year if t.year is not None else (t.period[1] if t.period else (meta.period[1] if meta.period else None))
    return TargetInfo(
        indicator=t.indicator, indicator_id=t.indicator_id, metric=t.metric, comparator=t.comparator,
        value=t.value, low=t.low, high=t.high, unit=t.unit, year=year,
        base_year=base_year_for(t.period, meta, year), attribute=attribute, source=source,
        text=t.text, origin="prose", baseline_unit=None if is_rate(t.unit, t.metric) else t.unit,
        region=t.region or meta.region)


def targets_from_row(row: IndicatorRow, meta: DocumentMeta, source: SourceRef) -> list[TargetInfo]:
    year = row.target_year or (meta.period[1] if meta.period else None)
    base_year = row.baseline_year or (meta.period[0] - 1 if meta.period else None)
    target = partial(TargetInfo, indicator=row.name, indicator_id=row.indicator_id, year=year,
                     base_year=base_year, attribute=row.attribute, source=source, origin="table",
                     region=meta.region, low=None, high=None)
    rate = is_rate(row.unit) and not levels_under_a_rate_unit(row, year, base_year)
    unit = row.unit if rate or not is_rate(row.unit) else None  # a misprinted % is no unit at all
    # a rate row named for a change (固定资产投资增长 %, 单位GDP能耗降低 %) holds changes, not levels
    stated = metric_hint(row.name) if rate else None
    out: list[TargetInfo] = []
    if row.target is None:
        if row.target_text and row.target_text.strip():
            out.append(target(metric="qualitative", comparator=None, value=None, unit=row.unit, text=row.target_text))
    elif stated in ("growth", "growth_avg", "change_total"):
        out.append(target(metric="growth" if stated == "growth_avg" else stated,
                          comparator=comparator_of(row.target_text), value=row.target, unit=row.unit))
    else:
        out.append(target(metric="share" if rate else "level", comparator=comparator_of(row.target_text),
                          value=row.target, unit=unit, baseline=row.baseline, baseline_unit=unit))
    if row.annual_growth is not None and (not rate or stated is not None or row.target is None):
        growth = row.annual_growth
        if row.baseline is not None and row.target is not None and row.target < row.baseline and growth > 0:
            growth = -growth
        level_base = None if rate else row.baseline
        out.append(target(metric="growth_avg", comparator="eq", value=growth, unit="%", baseline=level_base,
                          baseline_unit=None if rate else unit))
    return out


def levels_under_a_rate_unit(row: IndicatorRow, year: int | None, base_year: int | None) -> bool:
    """A row printed in % whose baseline and target are really levels: both far above 100 and the
    baseline grown at the row's own average growth reaches the target (地区生产总值增长率(%)
    302.9 → 435 at 7.5% a year is GDP in 亿元). Such a row is a level target of unknown unit, not
    a 435% rate; the table's misprint stays visible in the audit of the printed row."""
    b, t, g = row.baseline, row.target, row.annual_growth
    if b is None or t is None or g is None or year is None or base_year is None:
        return False
    if year <= base_year or b <= 100 or t <= 100:
        return False
    grown = b * (1 + g / 100) ** (year - base_year)
    return abs(grown - t) <= t * Decimal("0.02")


def targets_from_tables(tables: Iterable[IndicatorTable], meta: DocumentMeta, document: str | None,
                        text: str | None, document_id: int | None = None) -> list[TargetInfo]:
    out: list[TargetInfo] = []
    for table in tables:
        if table.kind != "plan_indicators":
            continue
        for row in table.rows:
            src = source_of(document, text, row.span.start, row.span.end, meta.doc_type, document_id, sentence=False)
            out.extend(targets_from_row(row, meta, src))
    return out


def dedupe(targets: Iterable[TargetInfo]) -> list[TargetInfo]:
    """One row per (indicator, metric, base year, year, number): a table row wins over the same
    goal in prose; a work report's goal for its year stays beside a plan's equal goal for the
    period's last year. The places that state a target again stay on its row (``restated``), so
    every target a plan sets can be found on a row with its source."""
    seen: dict[tuple, TargetInfo] = {}
    for t in sorted(targets, key=lambda t: t.origin != "table"):
        key = (t.indicator_id or t.indicator, t.metric, t.base_year, t.year, t.value, t.low, t.high, t.region)
        first = seen.setdefault(key, t)
        if first is not t and t.source not in first.restated and t.source != first.source:
            seen[key] = replace(first, restated=(*first.restated, t.source))
    return list(seen.values())
