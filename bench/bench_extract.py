"""Extraction throughput (MB of text per second per core) and peak memory.

Runs the whole extraction (metadata, sections, tables, prose, glossary) on already decoded
documents, in one process on one core, over the sample corpus and over N copies of it
(default 50). CPU time, not wall time, so a busy neighbour does not flatter or hurt the figure.

    .venv/bin/python bench/bench_extract.py [--corpus DIR] [--copies 50]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from pathlib import Path

from planwatch.extract.pipeline import extract_source
from planwatch.ingest.reader import read_document
from planwatch.link.catalogue import default_catalogue

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def run(corpus: Path, copies: int) -> dict:
    files = sorted(p for p in corpus.iterdir()
                   if p.suffix in {".txt", ".html", ".docx", ".pdf"} and not p.name.startswith("README"))
    if not files:
        raise SystemExit(f"no documents in {corpus}")
    sources = [read_document(p) for p in files]
    catalogue = default_catalogue()
    extract_source(sources[0], catalogue=catalogue)  # warm caches and regex compilation
    megabytes = sum(len(s.text.encode("utf-8")) for s in sources) / 1e6
    result = {"documents": len(sources), "mb_text": round(megabytes, 3)}
    for label, n in (("corpus", 1), (f"corpus_x{copies}", copies)):
        items = 0
        start = time.process_time()
        for _ in range(n):
            for s in sources:
                ex = extract_source(s, catalogue=catalogue)
                items += len(ex.targets) + len(ex.observations) + sum(len(t.rows) for t in ex.tables)
        cpu = time.process_time() - start
        result[label] = {"mb": round(megabytes * n, 2), "cpu_s": round(cpu, 3),
                         "mb_per_s_per_core": round(megabytes * n / cpu, 2), "items": items}
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--copies", type=int, default=50)
    args = ap.parse_args()
    print(json.dumps(run(args.corpus, args.copies), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
