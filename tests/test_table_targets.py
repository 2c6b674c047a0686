"""Targets read from a plan's indicator-table rows, including a row whose % is a misprint."""

from __future__ import annotations

from decimal import Decimal

from planwatch.evaluate.model import SourceRef
from planwatch.evaluate.targets import targets_from_row
from planwatch.model import DocumentMeta, IndicatorRow, Span

META = DocumentMeta(doc_type="plan", region="青澜县", period=(2021, 2025))
SOURCE = SourceRef(document="plan.txt", span=(0, 10), quote="1 地区生产总值增长率(% 预期性 302.9 435 7.5")


def row(name: str, unit: str, baseline: str, target: str, growth: str | None) -> IndicatorRow:
    return IndicatorRow(seq=1, name=name, unit=unit, attribute="expected", span=Span(0, 10),
                        baseline=Decimal(baseline), baseline_year=2020, target=Decimal(target), target_year=2025,
                        annual_growth=Decimal(growth) if growth else None, indicator_id="gdp")


def test_levels_printed_under_a_percent_unit_are_levels_not_a_435_percent_rate() -> None:
    targets = targets_from_row(row("地区生产总值增长率", "%", "302.9", "435", "7.5"), META, SOURCE)
    assert [(t.metric, t.value, t.unit) for t in targets] == [
        ("level", Decimal("435"), None), ("growth_avg", Decimal("7.5"), "%")]
    assert targets[1].baseline == Decimal("302.9")  # the growth is judged from the level


def test_a_real_rate_row_stays_a_rate() -> None:
    targets = targets_from_row(row("常住人口城镇化率", "%", "51.2", "55.8", None), META, SOURCE)
    assert [(t.metric, t.value, t.unit) for t in targets] == [("share", Decimal("55.8"), "%")]
    growth = targets_from_row(row("地区生产总值增长率", "%", "7.0", "7.5", None), META, SOURCE)
    assert growth[0].unit == "%" and growth[0].metric != "level"
