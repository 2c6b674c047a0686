"""The 10,000-document run: a synthetic corpus ingested into PostgreSQL with the local engine,
and the Dask engine checked to store exactly what a serial run stores.

1. ``planwatch synth`` writes ~10,000 documents (≈ 805 fictional regions, 2021–2025);
2. a throw-away local PostgreSQL server is started (as the tests start it);
3. the documents are ingested with the local multi-process engine — the code path of
   ``planwatch ingest DIR --db postgresql+psycopg://… --engine local`` — and timed: wall
   clock, CPU of this process and its workers, CPU of the database server, peak memory;
4. the store is checked (``Store.check``: every document's rows complete) and searched;
5. identity: the first 200 documents are ingested serially and with Dask (a LocalCluster of
   2 worker processes on loopback) into two more databases, whose full contents (documents,
   texts, sections, tables, rows, targets, observations, glossary, projects, with spans) are
   compared.

    .venv/bin/python bench/bench_scale.py [--documents 10000] [--identity 200] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from measure import Meter, postmaster, tree_peak_rss_mb

from planwatch.engine import get_engine
from planwatch.store import Store
from planwatch.store.search import search

DOCS_PER_REGION = 12.4  # 2021–2025: a plan, work reports, bulletins, news per region


def make_corpus(folder: Path, documents: int) -> tuple[list[Path], float, float]:
    from planwatch.synth.corpus import generate_corpus

    started = time.perf_counter()
    docs = folder / "docs"
    if not docs.is_dir():
        generate_corpus(docs, regions=int(documents / DOCS_PER_REGION) + 5, years=(2021, 2025), seed=10,
                        truth_dir=folder / "truth")
    files = sorted(docs.glob("*.txt"))  # the documents (the generator also writes manifest.csv)
    for extra in files[documents:]:
        extra.unlink()
    files = files[:documents]
    if len(files) < documents:
        raise SystemExit(f"the generator wrote only {len(files)} documents")
    return files, sum(f.stat().st_size for f in files) / 1e6, time.perf_counter() - started


def ingest(url: str, folder: Path, engine: str, workers: int | None = None) -> tuple[dict, Meter]:
    with Store.open(url) as store, get_engine(engine, workers=workers) as runner:
        with Meter(postmaster(url)) as m:
            summary = store.ingest([folder], progress=False, mapper=runner.map)
            m.stop()
        peak = tree_peak_rss_mb()
    return {"ingested": len(summary.ingested), "failed": len(summary.failed), "peak_rss_mb": peak}, m


def _first_difference(a: list, b: list) -> dict:
    """Where two tables' rows first differ (for the report when they are not identical)."""
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x != y:
            return {"row": i, "serial": [kv for kv in x if kv not in y], "other": [kv for kv in y if kv not in x]}
    return {"rows": [len(a), len(b)]}


def run(documents: int, identity: int, keep: Path | None) -> dict:
    from pg_server import create_database, pg_server
    from store_snapshot import snapshot

    work = keep or Path(tempfile.mkdtemp(prefix="planwatch-bench-scale-"))
    files, mb, synth_s = make_corpus(work, documents)
    result: dict = {"documents": len(files), "mb": round(mb, 1), "synth_wall_s": round(synth_s, 1)}
    with pg_server() as server:
        url = create_database(server)
        row, m = ingest(url, work / "docs", "local")
        result["local_postgres"] = {
            **row, "engine": "local", "workers": get_engine("local").workers,  # type: ignore[attr-defined]
            "wall_s": round(m.wall, 1), "wall_min": round(m.wall / 60, 2), "docs_per_s": round(len(files) / m.wall, 1),
            "cpu_s": round(m.cpu, 1), "server_cpu_s": round(m.server_cpu, 1),
            "mb_per_s_per_core": round(mb / (m.cpu + m.server_cpu), 2), "under_10_minutes": m.wall < 600}
        with Store.open(url) as store:
            t0 = time.perf_counter()
            problems = store.check()
            with store.engine.connect() as conn:
                hits = {q: search(conn, q).total for q in ("森", "森林", "GDP", "地区生产总值")}
            result["after"] = {"stored_documents": len(store.documents()), "check_problems": len(problems),
                               "check_and_search_s": round(time.perf_counter() - t0, 1), "search_totals": hits}

        subset = work / "identity"
        if not subset.is_dir():
            subset.mkdir()
            for f in files[:identity]:
                shutil.copy2(f, subset / f.name)
        contents = {}
        for engine in ("serial", "dask", "local"):
            db = create_database(server)
            row, m = ingest(db, subset, engine, workers=2 if engine != "serial" else None)
            with Store.open(db) as store:
                contents[engine] = snapshot(store)
            result.setdefault("identity", {})[engine] = {**row, "wall_s": round(m.wall, 1)}
        rows = {t: len(v) for t, v in contents["serial"].items()}
        result["identity"]["rows_compared"] = rows
        for engine in ("dask", "local"):
            result["identity"][f"{engine}_equals_serial"] = contents[engine] == contents["serial"]
            differing = {t: _first_difference(contents["serial"][t], contents[engine][t])
                         for t in rows if contents[engine][t] != contents["serial"][t]}
            if differing:
                result["identity"][f"{engine}_differences"] = differing
    if keep is None:
        shutil.rmtree(work, ignore_errors=True)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--identity", type=int, default=200, help="documents in the Dask identity check")
    ap.add_argument("--keep", type=Path, help="keep (and reuse) the corpus in this folder")
    args = ap.parse_args()
    print(json.dumps(run(args.documents, args.identity, args.keep), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
