"""End-to-end ingest throughput: files to stored rows (read, extract, save with the search index).

Two inputs, because they answer different questions:

- copies of the real sample documents (50–180 KB each), for MB/s per core — the figure the
  throughput goal is stated in; each copy is made distinct so every one is really stored;
- a synthetic corpus (``planwatch synth``; small documents, 2–3 KB), for documents per second
  and for the scaling from 1 to 2 worker processes.

Each configuration ingests into a fresh database: SQLite (a file) and PostgreSQL (a throw-away
local server, as the tests start it). CPU is of this process and its worker processes (and,
for PostgreSQL, of the server too: per-core figures count all the work); wall time is what a
user waits; the saving process's own CPU (planning and writing, the part that does not scale
with workers) is reported apart. The worker pool is started before timing (start-up is ~1 s,
reported separately).
Real-corpus runs are repeated 3 times (not with --quick) and the median run is reported.

    .venv/bin/python bench/bench_ingest.py [--quick] [--no-postgres]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

import psutil
from measure import Meter, postmaster, sample_copies, synth_corpus, tree_peak_rss_mb

from planwatch.engine import get_engine
from planwatch.store import Store
from planwatch.store.ingest import IngestJob, extract_job


def _noop(x: int) -> int:
    return x


def ingest_once(url: str, files: list[Path], mb: float, engine: str, workers: int | None) -> dict:
    with Store.open(url) as store, get_engine(engine, workers=workers) as runner:
        started = time.perf_counter()
        list(runner.map(_noop, range(8)))  # start the pool (and import in its workers) before timing
        startup = time.perf_counter() - started
        # Warm up: load the catalogue, compile the patterns (once per process, not per document).
        warm = [IngestJob(str(f), str(f.resolve())) for f in files[: 2 * (workers or 1)]]
        list(runner.map(extract_job, warm))
        own = psutil.Process()
        own_start = sum(own.cpu_times()[:2])
        with Meter(postmaster(url)) as m:
            summary = store.ingest(files, progress=False, mapper=runner.map)
            m.stop()
        saver = sum(own.cpu_times()[:2]) - own_start  # this process alone: planning and saving
        peak = tree_peak_rss_mb()
    if summary.failed or len(summary.ingested) != len(files):
        raise SystemExit(f"ingest failed: {summary.failed[:3]}")
    cpu_all = m.cpu + m.server_cpu
    return {"engine": engine, "workers": workers or 1, "documents": len(files), "mb": round(mb, 2),
            "wall_s": round(m.wall, 2), "cpu_s": round(m.cpu, 2), "server_cpu_s": round(m.server_cpu, 2),
            "saver_cpu_s": round(saver, 2), "saver_ms_cpu_per_doc": round(saver / len(files) * 1000, 1),
            "docs_per_s": round(len(files) / m.wall, 1), "mb_per_s_wall": round(mb / m.wall, 2),
            "mb_per_s_per_core": round(mb / cpu_all, 2), "ms_cpu_per_doc": round(cpu_all / len(files) * 1000, 1),
            "pool_startup_s": round(startup, 2), "peak_rss_mb": peak}


def run(quick: bool, postgres: bool) -> dict:
    from pg_server import available, create_database, pg_server

    work = Path(tempfile.mkdtemp(prefix="planwatch-bench-ingest-"))
    real, real_mb = sample_copies(work / "real", 3 if quick else 10)
    synth, synth_mb = synth_corpus(work / "synth", regions=8 if quick else 32)
    result: dict = {"real_corpus": {"documents": len(real), "mb": round(real_mb, 2)},
                    "synthetic_corpus": {"documents": len(synth), "mb": round(synth_mb, 2)}, "runs": []}
    plans = [("real", "sqlite", "serial", None), ("synth", "sqlite", "serial", None),
             ("synth", "sqlite", "local", 1), ("synth", "sqlite", "local", 2)]
    if postgres and available():
        plans += [("real", "postgresql", "serial", None), ("synth", "postgresql", "serial", None),
                  ("synth", "postgresql", "local", 1), ("synth", "postgresql", "local", 2)]
    server = pg_server() if postgres and available() else None
    server_url = server.__enter__() if server else None
    try:
        for n, (corpus, database, engine, workers) in enumerate(plans):
            files, mb = (real, real_mb) if corpus == "real" else (synth, synth_mb)
            repeats = 1 if quick or corpus == "synth" else 3
            rows = []
            for i in range(repeats):  # the real-corpus figure is the median of 3: the machine is shared
                url = str(work / f"run{n}_{i}.db") if database == "sqlite" else create_database(server_url or "")
                rows.append(ingest_once(url, files, mb, engine, workers))
            rows.sort(key=lambda r: r["mb_per_s_per_core"])
            row = {**rows[len(rows) // 2], "repeats_mb_per_s_per_core": [r["mb_per_s_per_core"] for r in rows]}
            result["runs"].append({"corpus": corpus, "database": database, **row})
            print(f"{corpus:5s} {database:10s} {engine:6s} x{row['workers']}: {row['docs_per_s']:7.1f} docs/s wall, "
                  f"{row['mb_per_s_per_core']:5.2f} MB/s per core", file=sys.stderr)
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    by = {(r["corpus"], r["database"], r["engine"], r["workers"]): r for r in result["runs"]}
    for database, key in (("sqlite", "scaling_1_to_2_workers"), ("postgresql", "scaling_1_to_2_workers_postgresql")):
        one, two = by.get(("synth", database, "local", 1)), by.get(("synth", database, "local", 2))
        if one and two:
            result[key] = {"speedup_wall": round(one["wall_s"] / two["wall_s"], 2),
                           "cpu_per_doc_ratio": round(two["ms_cpu_per_doc"] / one["ms_cpu_per_doc"], 2)}
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small corpora (a minute)")
    ap.add_argument("--no-postgres", action="store_true", help="SQLite only")
    args = ap.parse_args()
    print(json.dumps(run(args.quick, not args.no_postgres), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
