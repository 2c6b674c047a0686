"""Full-text search latency on 100,000 paragraphs (the web's /api/search path, without HTTP).

Builds a real SQLite index with ``planwatch.store.search`` from the sample corpus, repeated
with a copy number mixed into every paragraph until it holds N paragraphs (default 100,000),
then times ``search()`` — ranked top 20 (bm25), total count and snippets mapped back to the
original text — for a fixed set of queries: 1-character (森), 2-character (森林, 产业, …),
3- and 4-character words sampled from the corpus, ASCII (GDP, IGBT) and two-phrase queries.
Each query runs 3 times on a warm cache; p50/p95/max over all runs in milliseconds, wall
clock and CPU time of the process (CPU is what a shared, busy machine does not distort).

    .venv/bin/python bench/bench_search.py [--corpus DIR] [--paragraphs 100000] [--db PATH]
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

from planwatch.store.search import create_search_schema, index_document, search, split_paragraphs

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"
FIXED = ["森", "森林", "产业", "创新", "生态", "旅游", "养老", "物流", "乡村", "GDP", "IGBT", "高质量", "新能源",
         "碳达峰", "森林覆盖率", "乡村振兴", "营商环境", "轨道交通", "数字经济", "产业 园区", "森林 公园"]


def sample_words(paragraphs: list[str], n: int, size: int, rng: random.Random) -> list[str]:
    """Random ``size``-character runs of Han characters from the corpus (real substrings)."""
    words: set[str] = set()
    while len(words) < n:
        p = rng.choice(paragraphs)
        i = rng.randrange(max(1, len(p) - size))
        w = p[i : i + size]
        if len(w) == size and all("\u4e00" <= c <= "\u9fff" for c in w):
            words.add(w)
    return sorted(words)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


def build(db: Path, texts: list[str], target: int) -> tuple[int, float, float]:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    create_search_schema(conn)
    total, copy, mb = 0, 0, 0.0
    start = time.process_time()
    while total < target:
        for i, text in enumerate(texts):
            paragraphs = split_paragraphs(text)[: target - total]
            if not paragraphs:
                break
            body = "\n".join(f"{text[s:e]}（{copy}）" for s, e in paragraphs)
            mb += len(body.encode()) / 1e6
            total += index_document(conn, copy * 100 + i + 1, body, region=f"地区{copy % 40}", doc_type="plan",
                                    period=(2021, 2025))
            if total >= target:
                break
        copy += 1
    conn.commit()
    conn.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
    conn.commit()
    cpu = time.process_time() - start
    conn.close()
    return total, mb, cpu


def run(corpus: Path, target: int, db: Path) -> dict:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt")) if not p.name.startswith("README")]
    total, mb, build_cpu = build(db, texts, target)
    paragraphs = [t[s:e] for t in texts for s, e in split_paragraphs(t)]
    rng = random.Random(7)
    classes = {"fixed": FIXED, "2-char": sample_words(paragraphs, 60, 2, rng),
               "3-char": sample_words(paragraphs, 30, 3, rng), "4-char": sample_words(paragraphs, 30, 4, rng)}
    conn = sqlite3.connect(db)
    for words in classes.values():  # warm the cache
        for q in words:
            search(conn, q)
    result: dict = {"paragraphs": total, "mb_indexed": round(mb, 1), "build_cpu_s": round(build_cpu, 1),
                    "build_mb_per_s": round(mb / build_cpu, 1), "db_mb": round(db.stat().st_size / 1e6, 1),
                    "sqlite": sqlite3.sqlite_version, "classes": {}}
    everything: list[float] = []
    everything_cpu: list[float] = []
    slowest: list[tuple[float, str, int]] = []
    for name, words in classes.items():
        times, cpus = [], []
        for _ in range(3):
            for q in words:
                t0, c0 = time.perf_counter(), time.process_time()
                found = search(conn, q, limit=20)
                dt, dc = (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
                times.append(dt)
                cpus.append(dc)
                slowest.append((dt, q, found.total))
        everything += times
        everything_cpu += cpus
        result["classes"][name] = {"queries": len(words), "p50_ms": round(statistics.median(times), 2),
                                   "p95_ms": round(percentile(times, 95), 2), "max_ms": round(max(times), 2),
                                   "cpu_p50_ms": round(statistics.median(cpus), 2),
                                   "cpu_p95_ms": round(percentile(cpus, 95), 2)}
    result["all"] = {"p50_ms": round(statistics.median(everything), 2), "p95_ms": round(percentile(everything, 95), 2),
                     "max_ms": round(max(everything), 2), "cpu_p50_ms": round(statistics.median(everything_cpu), 2),
                     "cpu_p95_ms": round(percentile(everything_cpu, 95), 2)}
    result["slowest"] = [{"q": q, "ms": round(dt, 1), "matches": n} for dt, q, n in sorted(slowest, reverse=True)[:5]]
    result["answers"] = {q: search(conn, q).total for q in ("森", "森林", "产业", "GDP", "IGBT", "森林 公园")}
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--paragraphs", type=int, default=100_000)
    parser.add_argument("--db", type=Path, help="where to build the index (default: a temporary file)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "search.db"
        if db.exists():
            db.unlink()
        print(json.dumps(run(args.corpus, args.paragraphs, db), ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
