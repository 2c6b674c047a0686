"""Choosing the actual for a target: bulletin over work report over news, final over 预计,
later over earlier, region and indicator matching, alternatives kept."""

from __future__ import annotations

from decimal import Decimal

from planwatch.evaluate.model import SourceRef
from planwatch.link.catalogue import default_catalogue
from planwatch.link.linker import Evidence, choose, link_evidence, rank_evidence
from planwatch.model import Observation, Span


def ev(value, doc_type="bulletin", estimated=False, doc_year=2024, vintage="2025-01-01", region="株洲市石峰区",
       indicator="地区生产总值", indicator_id="gdp", metric="level", year=2024, kind="extracted"):
    o = Observation(indicator, metric, Decimal(value), "亿元", year, Span(0, 1), estimated=estimated,
                    indicator_id=indicator_id)
    return Evidence(o, SourceRef(f"{doc_type}-{value}", (0, 1), None, doc_type), kind, doc_type, doc_year,
                    vintage, region)


def values(items):
    return [str(e.observation.value) for e in items]


def test_bulletin_beats_work_report_beats_news():
    ranked = rank_evidence([ev("3", "news"), ev("2", "work_report"), ev("1", "bulletin")])
    assert values(ranked) == ["1", "2", "3"]


def test_final_beats_estimate_whatever_the_source():
    best, rest = choose([ev("1", "bulletin", estimated=True), ev("2", "news")])
    assert best is not None and values([best]) == ["2"] and values(rest) == ["1"]


def test_later_document_then_later_vintage_wins():
    assert values(rank_evidence([ev("1", doc_year=2023), ev("2", doc_year=2024)])) == ["2", "1"]
    revised = rank_evidence([ev("1", vintage="2025-01-01"), ev("2", vintage="2025-06-01")])
    assert values(revised) == ["2", "1"]


def test_spreadsheet_is_the_planners_word():
    assert values(rank_evidence([ev("1", "bulletin"), ev("2", None, kind="spreadsheet")])) == ["2", "1"]


def test_estimate_can_be_refused():
    best, rest = choose([ev("1", estimated=True)], estimated_ok=False)
    assert best is None and values(rest) == ["1"]


def test_link_by_region_indicator_and_metric():
    items = [
        ev("1"),
        ev("2", region="石峰区"),  # the same district without its city
        ev("3", region="株洲市荷塘区"),  # another district
        ev("4", indicator="一般公共预算收入", indicator_id="general_budget_revenue"),
        ev("5", metric="growth"),
        ev("6", indicator="生产总值", indicator_id=None),  # no id: matched through the catalogue
    ]
    level = link_evidence("gdp", "地区生产总值", "level", "石峰区", items, default_catalogue())
    assert values(level) == ["1", "2", "6"]
    growth = link_evidence("gdp", "地区生产总值", "growth_avg", "石峰区", items, default_catalogue())
    assert values(growth) == ["1", "2", "5", "6"]
    no_ids = link_evidence(None, "某某指数", "level", "石峰区",
                           [ev("7", indicator="某某指数", indicator_id=None), ev("8")], None)
    assert values(no_ids) == ["7"]


def test_unknown_places_with_and_without_their_parent():
    from planwatch.link.linker import regions_match

    assert regions_match("青岚县", "云川市青岚县")  # neither is in the gazetteer
    assert not regions_match("云川市", "云川市青岚县")
    assert not regions_match("岚县", "青岚县")  # 岚县 is a real county, not a part of 青岚县
    assert regions_match("石峰区", "株洲市石峰区") and not regions_match("株洲市", "株洲市石峰区")
