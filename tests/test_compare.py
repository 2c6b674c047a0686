"""``compare``: one indicator across regions and 层层加码 on a parent/child pair (株洲市 and
株洲市石峰区, ingested from written documents), plus the pure rules behind it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from planwatch.evaluate.model import SourceRef, TargetInfo
from planwatch.report.comparison import compare_indicator, escalated, parent_in_store, relation
from planwatch.store import Store
from tests.test_report_corpus import CHILD, PARENT, build_store, run_cli

D = Decimal


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("compare"))


def target(value: str | None, unit: str = "%", comparator: str = "eq", low: str | None = None,
           high: str | None = None) -> TargetInfo:
    return TargetInfo(indicator="x", indicator_id="x", metric="share", comparator=comparator,
                      value=D(value) if value else None, low=D(low) if low else None, high=D(high) if high else None,
                      unit=unit, year=2025, base_year=2020, attribute=None, source=SourceRef(None, None, None))


def test_relation_and_escalation_rules() -> None:
    assert relation(target("7"), target("6.5")) == "above"
    assert relation(target("6.5"), target("6.5")) == "equal"
    assert relation(target("45"), target("48")) == "below"
    assert relation(target("200", "亿元"), target("1.5", "万亿元")) == "below"  # units brought together
    assert relation(target(None, comparator="range", low="6", high="7"), target("6.5")) == "below"  # by the floor
    assert relation(target("5"), target(None)) is None
    assert escalated("above", "higher") and escalated("below", "lower")
    assert not escalated("below", "higher") and not escalated("equal", "lower") and not escalated(None, "higher")


def test_parent_found_by_gazetteer_or_by_name_prefix() -> None:
    assert parent_in_store("石峰区", ["株洲市", "石峰区", "长沙市"]) == "株洲市"
    assert parent_in_store("株洲市石峰区", ["湖南省", "株洲市石峰区"]) == "湖南省"  # nearest stored ancestor
    assert parent_in_store("云川市青岚县", ["云川市", "云川市青岚县"]) == "云川市"  # fictional: by prefix
    assert parent_in_store("株洲市", ["株洲市", "株洲市石峰区"]) is None


def test_county_growth_target_above_the_city_is_escalation(db: Path) -> None:
    with Store.open(db, create=False) as store:
        c = compare_indicator(store, "gdp")
    assert c.indicator == "地区生产总值"
    child = next(t for t in c.targets if t.region == CHILD and t.target.metric == "growth_avg")
    assert (child.target.value, child.parent, child.parent_target.value) == (D("7"), PARENT, D("6.5"))
    assert (child.relation, child.escalated) == ("above", True)
    assert child.actual.value == D("360") and child.status == "lagging"
    level = next(t for t in c.targets if t.region == CHILD and t.target.metric == "level")
    assert level.parent_target is None and level.relation is None and not level.escalated  # city set no level
    city = next(t for t in c.targets if t.region == PARENT)
    assert city.parent is None and city.status == "no_data"


def test_lower_ceiling_is_escalation_lower_share_is_not(db: Path) -> None:
    with Store.open(db, create=False) as store:
        jobless = compare_indicator(store, "surveyed_unemployment_rate")
        forest = compare_indicator(store, "forest_coverage")
    j = next(t for t in jobless.targets if t.region == CHILD)
    assert (j.target.comparator, j.target.value, j.parent_target.value, j.direction) == \
        ("le", D("5"), D("5.5"), "lower")
    assert (j.relation, j.escalated) == ("below", True)
    f = next(t for t in forest.targets if t.region == CHILD)
    assert (f.target.value, f.parent_target.value, f.relation, f.escalated) == (D("45"), D("48"), "below", False)
    assert len(forest.escalations) == 0 and len(jobless.escalations) == 1


def test_year_limits_actuals_and_targets(db: Path) -> None:
    with Store.open(db, create=False) as store:
        c = compare_indicator(store, "forest_coverage", year=2022)
        late = compare_indicator(store, "forest_coverage", year=2026)
    f = next(t for t in c.targets if t.region == CHILD)
    assert (f.actual.value, f.actual.year) == (D("41.2"), 2022)
    assert late.targets == ()  # no target runs past 2025
    assert [(a.region, a.actual.value) for a in late.actuals_only] == [(CHILD, D("41.3"))]


def test_cli_json_and_table(db: Path) -> None:
    done = run_cli("compare", "--indicator", "gdp", "--json", "--db", str(db))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["schema"] == "planwatch.comparison/1" and data["escalations"] == 1
    row = next(t for t in data["targets"] if t["region"] == CHILD and t["target"]["metric"] == "growth_avg")
    assert (row["target"]["value"], row["parent_target"]["value"], row["relation"], row["escalated"]) == \
        (7, 6.5, "above", True)
    assert row["actual"]["value"] == 360 and row["target"]["document"].endswith("shifeng_plan.txt")
    table = run_cli("compare", "--indicator", "surveyed_unemployment_rate", "--db", str(db))
    assert table.returncode == 0 and table.stdout.startswith("城镇调查失业率 (surveyed_unemployment_rate)")
    assert table.stdout.rstrip().endswith("层层加码: 1 项")
    missing = run_cli("compare", "--indicator", "no_such_indicator", "--db", str(db))
    assert missing.returncode == 1 and "no targets or actuals" in missing.stderr
