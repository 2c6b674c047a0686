"""Dashboard page latency with 100 regions: the web app's pages through its ASGI interface.

Builds a synthetic store of 100 fictional regions (``planwatch synth``, statistical years
2024–2025: plans, work reports, bulletins, news; ingested with the local engine), then sends a
bounded number of requests to each page kind in-process with httpx (no network, no server:
what is timed is the app — routing, store queries, evaluation, template rendering). The first
overview request is reported apart: right after the ingest no region has an evaluation summary
yet; the app refreshes them in a background thread (as ``planwatch serve`` does) and the request
itself only what fits its budget (``updating``: regions shown as being evaluated). Then the
time until every summary is ready, the pages, and the first requests of a new app over the
same database with nothing in memory (a restart). p50/p95/max in milliseconds, wall clock.

    .venv/bin/python bench/bench_dashboard.py [--regions 100] [--requests 40] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

from measure import Meter, synth_corpus, tree_peak_rss_mb

from planwatch.engine import get_engine
from planwatch.store import Store
from planwatch.web.summaries import warming


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def build(folder: Path, regions: int, db: Path) -> dict:
    from planwatch.synth.corpus import generate_corpus

    docs = folder / "docs"
    generate_corpus(docs, regions=regions, years=(2024, 2025), seed=2, truth_dir=folder / "truth")
    files, mb = synth_corpus(folder, regions)
    with Store.open(db) as store, get_engine("local") as engine, Meter() as m:
        summary = store.ingest(files, progress=False, mapper=engine.map)
        m.stop()
    return {"documents": len(summary.ingested), "mb": round(mb, 2), "ingest_wall_s": round(m.wall, 1),
            "ingest_cpu_s": round(m.cpu, 1)}


def timed(client: object, url: str) -> float:
    t0 = time.perf_counter()
    response = client.get(url)  # type: ignore[attr-defined]
    elapsed = (time.perf_counter() - t0) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    return elapsed


def run(regions: int, requests: int, db: Path) -> dict:
    from fastapi.testclient import TestClient

    from planwatch.web.app import create_app

    result: dict = {"regions": regions, "requests_per_page": requests}
    with tempfile.TemporaryDirectory() as tmp:
        if not db.exists():
            result["store"] = build(Path(tmp), regions, db)
        with Store.open(db) as store:
            names = [r.region for r in store.regions()]
            doc_ids = [d.id for d in store.documents()]
            result["regions_in_store"] = len(names)
            rng = random.Random(1)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                # as ``planwatch serve`` does: stale summaries are refreshed in the background
                client = TestClient(create_app(store, warm=True))
            with client:
                started = time.perf_counter()
                result["overview_first_ms"] = round(timed(client, "/"), 1)
                result["overview_first_regions_updating"] = client.get("/api/overview").json()["updating"]
                thread = warming(store)
                if thread is not None:
                    thread.join()
                result["summaries_ready_s"] = round(time.perf_counter() - started, 1)
                pages = {
                    "overview (/)": lambda: "/",
                    "overview JSON (/api/overview)": lambda: "/api/overview",
                    "regions list (/regions)": lambda: "/regions",
                    "region (/regions/{r})": lambda: f"/regions/{rng.choice(names)}",
                    "region evaluation (/regions/{r}/evaluation)": lambda: f"/regions/{rng.choice(names)}/evaluation",
                    "document (/documents/{id})": lambda: f"/documents/{rng.choice(doc_ids)}",
                }
                result["pages"] = {}
                everything: list[float] = []
                for name, url in pages.items():
                    times = [timed(client, url()) for _ in range(requests)]
                    everything += times
                    result["pages"][name] = {"p50_ms": round(statistics.median(times), 1),
                                             "p95_ms": round(percentile(times, 95), 1),
                                             "max_ms": round(max(times), 1)}
                result["all_pages"] = {"requests": len(everything), "p50_ms": round(statistics.median(everything), 1),
                                       "p95_ms": round(percentile(everything, 95), 1)}
        result["after_restart"] = restarted(db, names, rng)
    result["peak_rss_mb"] = tree_peak_rss_mb()
    return result


def restarted(db: Path, names: list[str], rng: random.Random) -> dict:
    """First requests of a new server over the same database: nothing in memory, the persisted
    summaries fresh (what a restart or a second worker process sees)."""
    from fastapi.testclient import TestClient

    from planwatch.web.app import create_app
    from planwatch.web.views import evaluation

    evaluation._CACHE.clear()
    evaluation._SNAPSHOTS.clear()
    out = {}
    with Store.open(db) as store:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            client = TestClient(create_app(store, warm=True))
        with client:
            out["overview_first_ms"] = round(timed(client, "/"), 1)
            out["region_first_ms"] = round(timed(client, f"/regions/{rng.choice(names)}"), 1)
            times = [timed(client, f"/regions/{rng.choice(names)}") for _ in range(10)]
            out["region_next_10_p50_ms"] = round(statistics.median(times), 1)
            out["region_next_10_max_ms"] = round(max(times), 1)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--regions", type=int, default=100)
    ap.add_argument("--requests", type=int, default=40, help="requests per page kind")
    ap.add_argument("--db", type=Path, help="reuse (or keep) the store here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "dashboard.db"
        print(json.dumps(run(args.regions, args.requests, db), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
