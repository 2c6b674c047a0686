"""The research panel and its coverage manifest: row values on a small real store, and the
csv/parquet/dta files read back with pandas (CLI through a subprocess)."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from planwatch.export.coverage import COVERAGE_COLUMNS, build_coverage
from planwatch.export.panel import COLUMNS, PanelRow, build_panel
from planwatch.export.writers import coverage_path
from planwatch.store import Store
from tests.test_report_corpus import CHILD, PARENT, build_store, run_cli

D = Decimal


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("export"))


@pytest.fixture(scope="module")
def panel(db: Path) -> list[PanelRow]:
    with Store.open(db, create=False) as store:
        return build_panel(store)


def rows_of(panel: list[PanelRow], indicator_id: str, target_metric: str | None = None) -> list[PanelRow]:
    return [r for r in panel if r.indicator_id == indicator_id and r.target_metric == target_metric]


def test_column_names_fit_stata() -> None:
    assert all(len(c) <= 32 and c.isascii() and c.isidentifier() for c in COLUMNS)
    assert len(set(COLUMNS)) == len(COLUMNS)


def test_one_row_per_region_indicator_year_source_and_target(panel: list[PanelRow]) -> None:
    forest = rows_of(panel, "forest_coverage", "share")
    child = [r for r in forest if r.region == CHILD]
    assert [(r.year, r.actual, r.status) for r in child] == [
        (2021, D("41"), "on_track"), (2022, D("41.2"), "lagging"), (2023, D("41.3"), "lagging")]
    r = child[-1]
    assert (r.comparator, r.target, r.target_unit, r.target_year, r.base_year, r.baseline) == \
        ("eq", D("45"), "%", 2025, 2020, D("40"))
    assert (r.attribute, r.status_text, r.expected_now, r.warning_level) == ("binding", "滞后", D("43"), 1)
    assert (r.doc_type, r.source_kind, r.actual_unit, r.estimated) == ("bulletin", "extracted", "%", False)
    assert r.document.endswith("shifeng_bulletin_2023.txt") and r.quote == "森林覆盖率41.3%。"
    assert Path(r.document).read_text(encoding="utf-8")[r.span_start:r.span_end] == "41.3%"
    assert r.target_document.endswith("shifeng_plan.txt") and r.region_code == "430204"


def test_a_figure_informing_two_targets_gives_two_rows(panel: list[PanelRow]) -> None:
    gdp_2023 = [r for r in panel if r.region == CHILD and r.indicator_id == "gdp" and r.year == 2023]
    assert sorted((r.target_metric, r.target, r.status) for r in gdp_2023) == [
        ("growth_avg", D("7"), "lagging"), ("level", D("420"), "on_track")]
    assert {r.actual for r in gdp_2023} == {D("360")}


def test_targets_without_actuals_are_kept(panel: list[PanelRow]) -> None:
    city = [r for r in panel if r.region == PARENT]
    assert sorted((r.indicator_id, r.target_metric, r.target, r.comparator) for r in city) == [
        ("forest_coverage", "share", D("48"), "eq"), ("gdp", "growth_avg", D("6.5"), "eq"),
        ("surveyed_unemployment_rate", "share", D("5.5"), "le")]
    assert {(r.year, r.actual, r.status) for r in city} == {(None, None, "no_data")}


def test_as_of_leaves_later_actuals_out(db: Path) -> None:
    with Store.open(db, create=False) as store:
        panel = build_panel(store, [CHILD], as_of=2022)
    assert max(r.year for r in panel if r.year) == 2022
    assert {r.region for r in panel} == {CHILD}


def test_coverage_manifest(db: Path, panel: list[PanelRow]) -> None:
    with Store.open(db, create=False) as store:
        coverage = build_coverage(store, panel)
    by_key = {(c.region, c.year, c.doc_type): c for c in coverage}
    b2023 = by_key[(CHILD, 2023, "bulletin")]
    assert (b2023.documents, b2023.paths.endswith("shifeng_bulletin_2023.txt")) == (1, True)
    assert b2023.actuals == 4  # GDP, forest, unemployment, patents (distinct figures, not rows)
    assert by_key[(CHILD, 2022, "bulletin")].actuals == 4
    assert [y for (r, y, t) in by_key if r == PARENT and t == "plan"] == [2021, 2022, 2023, 2024, 2025]
    assert by_key[(PARENT, 2024, "plan")].actuals == 0


def test_cli_csv_exact_numbers_and_manifest(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "panel.csv"
    done = run_cli("export", "--format", "csv", "-o", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    assert list(rows[0]) == list(COLUMNS)
    forest = [r for r in rows if r["indicator_id"] == "forest_coverage" and r["year"] == "2022"]
    assert [(r["actual"], r["target"], r["status_text"], r["target_low"]) for r in forest] == \
        [("41.2", "45", "滞后", "")]
    with coverage_path(out).open(encoding="utf-8-sig", newline="") as f:
        manifest = list(csv.DictReader(f))
    assert list(manifest[0]) == list(COVERAGE_COLUMNS)
    assert {m["region"] for m in manifest} == {CHILD, PARENT}


def test_cli_parquet_and_dta_read_back(db: Path, tmp_path: Path) -> None:
    for fmt in ("parquet", "dta"):
        out = tmp_path / f"plans.{fmt}"
        done = run_cli("export", "--format", fmt, "-o", str(out), "--db", str(db))
        assert done.returncode == 0, done.stderr
        assert (tmp_path / f"plans.coverage.{fmt}").exists()
    pq = pd.read_parquet(tmp_path / "plans.parquet")
    dta = pd.read_stata(tmp_path / "plans.dta")
    assert list(pq.columns) == list(COLUMNS) == list(dta.columns)
    assert len(pq) == len(dta) > 10
    for frame in (pq, dta):
        forest = frame[(frame["indicator_id"] == "forest_coverage") & (frame["year"] == 2023)].iloc[0]
        assert forest["actual"] == pytest.approx(41.3) and forest["target"] == 45
        assert forest["status_text"] == "滞后" and forest["region"] == CHILD
    assert str(pq["year"].dtype) == "Int64" and pq["year"].isna().sum() == 3  # the city's three targets
    assert dta["year"].isna().sum() == 3  # Stata missing, not 0
    with pd.io.stata.StataReader(tmp_path / "plans.dta") as reader:
        assert reader.variable_labels()["status_text"] == "完成情况"
    cover = pd.read_stata(tmp_path / "plans.coverage.dta")
    assert list(cover.columns) == list(COVERAGE_COLUMNS)


def test_cli_errors(db: Path, tmp_path: Path) -> None:
    missing_folder = run_cli("export", "-o", str(tmp_path / "no" / "p.csv"), "--db", str(db))
    assert missing_folder.returncode == 1 and "does not exist" in missing_folder.stderr
    assert run_cli("export", "--format", "xls", "--db", str(db)).returncode == 2


def test_cli_region_filter_uses_stored_names(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "shifeng.csv"
    done = run_cli("export", "--region", "石峰区", "-o", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    with out.open(encoding="utf-8-sig", newline="") as f:
        assert {r["region"] for r in csv.DictReader(f)} == {CHILD}
    with coverage_path(out).open(encoding="utf-8-sig", newline="") as f:
        manifest = list(csv.DictReader(f))
    assert {m["region"] for m in manifest} == {CHILD}
    assert {m["doc_type"] for m in manifest} == {"plan", "bulletin"}
