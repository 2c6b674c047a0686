"""The overview reads persisted evaluation summaries: regions whose summary is fresh are not
evaluated again (also by a new app over the same database, as after a restart), a write makes
them stale, and a stale region is refreshed — within the request's budget or by the background
thread. Counted calls of the engine, not time."""

from __future__ import annotations

import warnings
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete

import planwatch.evaluate.engine as engine
from planwatch.store import Store
from planwatch.web.app import create_app
from planwatch.web.summaries import evaluation_summaries, load_summaries, warming
from planwatch.web.views import evaluation as web_evaluation
from planwatch.web.views.overview import SYNC_REFRESH_MIN

REGIONS = 12


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from planwatch.synth.corpus import generate_corpus

    folder = tmp_path_factory.mktemp("summaries")
    generate_corpus(folder / "docs", regions=REGIONS, years=(2024, 2025), seed=5, truth_dir=folder / "truth")
    path = folder / "store.db"
    with Store.open(path) as store:
        store.ingest(sorted((folder / "docs").glob("*.txt")), progress=False)
    return path


@pytest.fixture()
def calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Regions the engine is asked to evaluate (the web imports it at call time)."""
    seen: list[str] = []
    real = engine.evaluate_region

    def counting(store: Any, region: str, *args: Any, **kwargs: Any) -> Any:
        seen.append(region)
        return real(store, region, *args, **kwargs)

    monkeypatch.setattr(engine, "evaluate_region", counting)
    return seen


def restart() -> None:
    """Forget what this process holds in memory, as a new server process would."""
    web_evaluation._CACHE.clear()
    web_evaluation._SNAPSHOTS.clear()


def client_of(store: Store, **options: Any) -> TestClient:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return TestClient(create_app(store, **options))


def overview(client: TestClient) -> dict[str, dict[str, Any]]:
    data = client.get("/api/overview").json()
    return {r["region"]: r for r in data["regions"]}


def test_fresh_summaries_are_not_evaluated_again_after_a_restart(db: Path, calls: list[str]) -> None:
    restart()
    with Store.open(db) as store:
        first = overview(client_of(store, summary_budget_s=60))
    assert len(first) >= REGIONS
    assert sorted(calls) == sorted(first)  # each region evaluated once
    assert {r["summary"] for r in first.values()} == {"fresh"}
    assert sum(r["indicators"] for r in first.values()) > 0

    calls.clear()
    restart()
    with Store.open(db) as store:
        second = overview(client_of(store))
        assert calls == []  # every summary fresh in the table: nothing evaluated
        assert second == first
        # the persisted summary says what the region's own page says
        name = max(second, key=lambda n: second[n]["indicators"])
        rows = client_of(store).get(f"/api/regions/{name}").json()["rows"]
    assert len(rows) == second[name]["indicators"]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    assert {c["status"]: c["count"] for c in second[name]["counts"]} == counts


def change_an_actual(store: Store, step: int) -> None:
    some = store.observations()[0]
    o = replace(some.observation, value=some.observation.value + Decimal(step), year=2025)
    assert store.add_observations([o], source=f"import.csv:{step}\tchanged") == 1


def wait_for_warming(store: Store) -> None:
    thread = warming(store)
    if thread is not None:
        thread.join(timeout=120)
    assert warming(store) is None


def test_a_write_makes_summaries_stale_and_they_are_refreshed_in_bounded_steps(db: Path, calls: list[str]) -> None:
    restart()
    with Store.open(db) as store:
        overview(client_of(store, summary_budget_s=60))  # all fresh
        change_an_actual(store, 1)

        calls.clear()
        client = client_of(store, summary_budget_s=0)
        stale = overview(client)
        states = [r["summary"] for r in stale.values()]
        # the request itself refreshed only its minimum; the rest show their earlier summary
        assert states.count("fresh") == SYNC_REFRESH_MIN
        assert states.count("stale") == len(stale) - SYNC_REFRESH_MIN
        wait_for_warming(store)
        assert sorted(set(calls)) == sorted(stale)  # the background thread did the others

        calls.clear()
        after = overview(client)
        assert calls == []
        assert {r["summary"] for r in after.values()} == {"fresh"}
        assert set(load_summaries(store, None)) == set(after)

        # the page says which regions show an earlier result
        change_an_actual(store, 2)
        page = client.get("/").text
        assert page.count('class="small muted">数据已更新') == len(stale) - SYNC_REFRESH_MIN
        assert f"{len(stale) - SYNC_REFRESH_MIN} 个地区正在评估" in page
        assert '<meta http-equiv="refresh"' in page
        wait_for_warming(store)

        # no summary at all (a database written before the table existed): pending, not stale
        with store.engine.begin() as conn:
            conn.execute(delete(evaluation_summaries))
        pending = overview(client)
        assert [r["summary"] for r in pending.values()].count("pending") == len(pending) - SYNC_REFRESH_MIN
        assert all(r["counts"] == [] and r["plans"] == after[n]["plans"] for n, r in pending.items()
                   if r["summary"] == "pending")
        wait_for_warming(store)
        calls.clear()
        final = overview(client)
        assert calls == [] and {r["summary"] for r in final.values()} == {"fresh"}
        assert set(final) == set(after)
