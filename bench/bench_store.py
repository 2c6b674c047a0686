"""Store throughput: saving extractions (one transaction each), rebuilding them, database size.

Extracts the sample corpus once, then saves N distinct copies of each extraction (default 20,
each with its own SHA-256 so none is "unchanged") into a fresh SQLite file, with and without
the full-text index, and rebuilds every stored extraction. CPU time of this process (SQLite
runs in-process) and wall time, which includes the fsync of each commit.

    .venv/bin/python bench/bench_store.py [--corpus DIR] [--copies 20]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from planwatch.extract.pipeline import extract_document
from planwatch.model import Extraction
from planwatch.store import Store, migrations

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def copies_of(ex: Extraction, n: int) -> list[Extraction]:
    """``n`` extractions identical to ``ex`` but for the SHA-256 the store dedupes on."""
    shas = [hashlib.sha256(f"{ex.source.sha256}/{i}".encode()).hexdigest() for i in range(n)]
    return [replace(ex, source=replace(ex.source, sha256=sha)) for sha in shas]


def measure(extractions: list[Extraction], megabytes: float, with_search: bool) -> dict:
    saved = migrations.EXTENSION_MIGRATIONS
    if not with_search:
        migrations.EXTENSION_MIGRATIONS = ()
    try:
        with tempfile.TemporaryDirectory() as folder:
            db = Path(folder) / "bench.db"
            with Store.open(db) as store:
                wall, cpu = time.perf_counter(), time.process_time()
                for i, ex in enumerate(extractions):
                    store.save(ex, f"/bench/{i}.txt")
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                rebuild = time.process_time()
                for doc in store.documents():
                    store.extraction(doc.id)
                rebuild = time.process_time() - rebuild
            size = sum(f.stat().st_size for f in Path(folder).iterdir()) / 1e6
    finally:
        migrations.EXTENSION_MIGRATIONS = saved
    n = len(extractions)
    return {"documents": n, "mb_text": round(megabytes, 2), "save_cpu_s": round(cpu, 3), "save_wall_s": round(wall, 3),
            "save_mb_per_s_cpu": round(megabytes / cpu, 2), "save_ms_per_doc_wall": round(wall / n * 1000, 1),
            "rebuild_ms_per_doc_cpu": round(rebuild / n * 1000, 2), "db_mb": round(size, 2),
            "db_mb_per_text_mb": round(size / megabytes, 2)}


def run(corpus: Path, copies: int) -> dict:
    files = sorted(p for p in corpus.glob("*.txt") if not p.name.startswith("README"))
    if not files:
        raise SystemExit(f"no documents in {corpus}")
    extractions = [c for ex in (extract_document(p) for p in files) for c in copies_of(ex, copies)]
    megabytes = sum(len(ex.source.text.encode("utf-8")) for ex in extractions) / 1e6
    return {"without_search_index": measure(extractions, megabytes, with_search=False),
            "with_search_index": measure(extractions, megabytes, with_search=True)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--copies", type=int, default=20)
    args = ap.parse_args()
    print(json.dumps(run(args.corpus, args.copies), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
