"""docs/performance.md from the benchmark results that bench/run.py collected.

Every figure in the document is read from the results here; the prose around them only says
what was measured and how. A benchmark that failed shows as "—" with its error listed.
"""

from __future__ import annotations

import json
from typing import Any

GOALS = {"extract": 5.0, "ingest": 2.0, "scale_minutes": 10.0}


def get(results: dict, name: str, *path: Any) -> Any:
    """``results[name]["result"][path…]`` or None when the benchmark or the value is missing."""
    node: Any = results.get(name, {}).get("result")
    for key in path:
        found = (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and -len(node) <= key < len(node))
        if not found:
            return None
        node = node[key]
    return node


def fmt(value: Any, unit: str = "") -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if isinstance(value, float):
        value = f"{value:,.2f}".rstrip("0").rstrip(".") if abs(value) < 100 else f"{value:,.0f}"
    return f"{value}{unit}"


def verdict(value: float | None, goal: float, lower_is_better: bool = False) -> str:
    if value is None:
        return "—"
    ok = value <= goal if lower_is_better else value >= goal
    return "met" if ok else "**not met**"


def _ingest_run(results: dict, corpus: str, database: str, engine: str, workers: int) -> dict | None:
    for row in get(results, "ingest", "runs") or []:
        if (row["corpus"], row["database"], row["engine"], row["workers"]) == (corpus, database, engine, workers):
            return row  # type: ignore[no-any-return]
    return None


def summary(results: dict) -> list[str]:
    extract = get(results, "extract", next((k for k in (get(results, "extract") or {}) if k.startswith("corpus_x")),
                                           "corpus"), "mb_per_s_per_core")
    real_sqlite = _ingest_run(results, "real", "sqlite", "serial", 1) or {}
    real_pg = _ingest_run(results, "real", "postgresql", "serial", 1) or {}
    scale = get(results, "scale", "local_postgres") or {}
    documents = get(results, "scale", "documents")
    s10, s100 = get(results, "search_10k", "all") or {}, get(results, "search_100k", "all") or {}
    dash = get(results, "dashboard", "all_pages") or {}
    return [
        "| what | goal | measured | |",
        "|---|---|---:|---|",
        f"| extraction, MB/s per core (sample corpus, CPU time) | ≥ {GOALS['extract']:g} | {fmt(extract)} | "
        f"{verdict(extract, GOALS['extract'])} |",
        f"| end-to-end ingest into SQLite, MB/s per core (read, extract, save with search index) | "
        f"≥ {GOALS['ingest']:g} | {fmt(real_sqlite.get('mb_per_s_per_core'))} | "
        f"{verdict(real_sqlite.get('mb_per_s_per_core'), GOALS['ingest'])} |",
        f"| end-to-end ingest into PostgreSQL, MB/s per core (client + server CPU) | ≥ {GOALS['ingest']:g} | "
        f"{fmt(real_pg.get('mb_per_s_per_core'))} | {verdict(real_pg.get('mb_per_s_per_core'), GOALS['ingest'])} |",
        f"| {fmt(documents)} synthetic documents into PostgreSQL, local engine, minutes (wall) | "
        f"< {GOALS['scale_minutes']:g} | {fmt(scale.get('wall_min'))} | "
        f"{verdict(scale.get('wall_min'), GOALS['scale_minutes'], lower_is_better=True)} |",
        f"| Dask engine stores exactly what a serial run stores | identical | "
        f"{fmt(get(results, 'scale', 'identity', 'dask_equals_serial'))} | |",
        f"| search p50 / p95 at 10,000 paragraphs, ms | | {fmt(s10.get('p50_ms'))} / {fmt(s10.get('p95_ms'))} | |",
        f"| search p50 / p95 at 100,000 paragraphs, ms | | {fmt(s100.get('p50_ms'))} / {fmt(s100.get('p95_ms'))} | |",
        f"| dashboard pages p50 / p95 with {fmt(get(results, 'dashboard', 'regions'))} regions, ms | | "
        f"{fmt(dash.get('p50_ms'))} / {fmt(dash.get('p95_ms'))} | |",
    ]


def _spread(row: dict) -> str:
    runs = row.get("repeats_mb_per_s_per_core") or []
    return f" (runs: {', '.join(fmt(x) for x in runs)})" if len(runs) > 1 else ""


def ingest_table(results: dict) -> list[str]:
    rows = get(results, "ingest", "runs") or []
    lines = ["| input | database | engine | workers | docs | MB | wall s | docs/s | CPU s (client) | CPU s (server) "
             "| MB/s per core | ms CPU per doc | peak RSS MB |",
             "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in rows:
        lines.append(f"| {r['corpus']} | {r['database']} | {r['engine']} | {r['workers']} | {r['documents']} | "
                     f"{fmt(r['mb'])} | {fmt(r['wall_s'])} | {fmt(r['docs_per_s'])} | {fmt(r['cpu_s'])} | "
                     f"{fmt(r['server_cpu_s'])} | {fmt(r['mb_per_s_per_core'])}{_spread(r)} | "
                     f"{fmt(r['ms_cpu_per_doc'])} | "
                     f"{fmt(r['peak_rss_mb'])} |")
    pg = _ingest_run(results, "real", "postgresql", "serial", 1)
    lite = _ingest_run(results, "real", "sqlite", "serial", 1)
    if pg and lite:
        lines += ["", f"PostgreSQL costs more per MB than SQLite: for the same {fmt(pg['mb'])} MB, planwatch's "
                  f"process used {fmt(pg['cpu_s'])} s CPU (SQLite: {fmt(lite['cpu_s'])} s, which includes the "
                  f"database work, done in-process) and the server another {fmt(pg['server_cpu_s'])} s: every "
                  "paragraph is also a tsvector (each distinct character once, with its positions), parsed, "
                  "written to the heap and to two GIN indexes and logged (WAL). On a server with its own cores "
                  "that work is not on the ingesting machine; planwatch's own share is "
                  f"{fmt(round(pg['mb'] / pg['cpu_s'], 2))} MB/s per core."]
    scaling = get(results, "ingest", "scaling_1_to_2_workers") or {}
    scaling_pg = get(results, "ingest", "scaling_1_to_2_workers_postgresql") or {}
    savers = [f"{db}: {fmt(r.get('saver_ms_cpu_per_doc'))} of {fmt(r['ms_cpu_per_doc'])} ms, a ceiling of "
              f"~{fmt(round(1000 / r['saver_ms_cpu_per_doc']))} documents/s" for db, r in
              (("SQLite", _ingest_run(results, "synth", "sqlite", "local", 2)),
               ("PostgreSQL", _ingest_run(results, "synth", "postgresql", "local", 2)))
              if r and r.get("saver_ms_cpu_per_doc")]
    overlap = [f"×{fmt(round(one['docs_per_s'] / serial['docs_per_s'], 2))} into {db}" for db, serial, one in
               (("SQLite", _ingest_run(results, "synth", "sqlite", "serial", 1),
                 _ingest_run(results, "synth", "sqlite", "local", 1)),
                ("PostgreSQL", _ingest_run(results, "synth", "postgresql", "serial", 1),
                 _ingest_run(results, "synth", "postgresql", "local", 1))) if serial and one]
    if overlap:
        lines += ["", "From the serial engine to the local engine with one worker (extracting in the worker "
                  f"while this process saves), documents per second: {', '.join(overlap)}."]
    lines += ["", "Scaling from 1 to 2 worker processes (synthetic corpus, local engine): wall-clock speed-up "
              f"**×{fmt(scaling.get('speedup_wall'))}** into SQLite, **×{fmt(scaling_pg.get('speedup_wall'))}** "
              f"into PostgreSQL; CPU per document ×{fmt(scaling.get('cpu_per_doc_ratio'))} and "
              f"×{fmt(scaling_pg.get('cpu_per_doc_ratio'))}. With one worker the local engine already runs "
              "two processes — the worker extracts while this process saves — so on 2 cores a second worker "
              "shares the cores rather than adding one, and what it gains depends on what else runs (the "
              "runs differ by a few tenths from one to the next); where there are more cores, workers add "
              "throughput up to the rate at which the one saving process writes. That process (planning, "
              "then writing in input order) now only writes: the workers read, extract and also prepare "
              "the rows to save (the search index's tokens or tsvectors and filter tokens, the blocks' "
              f"JSON). Its CPU per document ({'; '.join(savers) or 'not measured'}) is mostly the database "
              "driver's and SQLAlchemy's per-statement work. Read the wall-clock figures with the load "
              "average in the machine table: the 2 cores were shared with other work."]
    return lines


def search_table(results: dict) -> list[str]:
    lines = ["| index | paragraphs | build MB/s | DB MB | class | p50 ms | p95 ms | max ms |",
             "|---|---:|---:|---:|---|---:|---:|---:|"]
    for name in ("search_10k", "search_100k"):
        r = get(results, name)
        if not r:
            continue
        for cls, c in [*r.get("classes", {}).items(), ("all", r.get("all", {}))]:
            lines.append(f"| SQLite {r.get('sqlite', '')} | {fmt(r.get('paragraphs'))} | "
                         f"{fmt(r.get('build_mb_per_s'))} | "
                         f"{fmt(r.get('db_mb'))} | {cls} | {fmt(c.get('p50_ms'))} | {fmt(c.get('p95_ms'))} | "
                         f"{fmt(c.get('max_ms'))} |")
    return lines


def dashboard_table(results: dict) -> list[str]:
    r = get(results, "dashboard") or {}
    store = r.get("store", {})
    lines = [f"Store: {fmt(store.get('documents'))} synthetic documents ({fmt(store.get('mb'))} MB) of "
             f"{fmt(r.get('regions'))} fictional regions ({fmt(r.get('regions_in_store'))} region names in the store: "
             f"counties and their cities), ingested in {fmt(store.get('ingest_wall_s'))} s. "
             f"{fmt(r.get('requests_per_page'))} requests per page kind, in-process through the ASGI app (httpx).",
             "", *dashboard_cold(r),
             "", "| page | p50 ms | p95 ms | max ms |", "|---|---:|---:|---:|"]
    for page, c in (r.get("pages") or {}).items():
        lines.append(f"| {page} | {fmt(c['p50_ms'])} | {fmt(c['p95_ms'])} | {fmt(c['max_ms'])} |")
    return lines


def dashboard_cold(r: dict) -> list[str]:
    """The first requests: right after the ingest (no evaluation summary yet) and after a restart."""
    if "summaries_ready_s" not in r:  # results of the bench before persisted summaries
        return ["First overview request (evaluates every region, then cached): "
                f"**{fmt(r.get('overview_first_ms'))} ms**."]
    after = r.get("after_restart") or {}
    return [f"First overview request right after the ingest, the app just started as `planwatch serve` starts it: "
            f"**{fmt(r.get('overview_first_ms'))} ms**, {fmt(r.get('overview_first_regions_updating'))} regions "
            "shown as being evaluated (the page reloads itself); every region's summary ready "
            f"{fmt(r.get('summaries_ready_s'))} s after start-up (background thread).",
            "", f"After a restart (a new app over the same database, nothing in memory, summaries persisted): "
            f"first overview **{fmt(after.get('overview_first_ms'))} ms**, first region page "
            f"**{fmt(after.get('region_first_ms'))} ms**, the next 10 region pages p50 "
            f"{fmt(after.get('region_next_10_p50_ms'))} ms, max {fmt(after.get('region_next_10_max_ms'))} ms."]


def scale_section(results: dict) -> list[str]:
    r = get(results, "scale") or {}
    lp, after, ident = r.get("local_postgres", {}), r.get("after", {}), r.get("identity", {})
    lines = [f"- corpus: {fmt(r.get('documents'))} synthetic documents, {fmt(r.get('mb'))} MB, written by the "
             f"generator in {fmt(r.get('synth_wall_s'))} s;",
             f"- ingest into PostgreSQL with the local engine ({fmt(lp.get('workers'))} worker processes): "
             f"**{fmt(lp.get('wall_s'))} s wall ({fmt(lp.get('wall_min'))} min)**, "
             f"{fmt(lp.get('docs_per_s'))} documents/s; "
             f"CPU {fmt(lp.get('cpu_s'))} s in planwatch's processes and {fmt(lp.get('server_cpu_s'))} s in the "
             f"server; peak RSS {fmt(lp.get('peak_rss_mb'))} MB (largest process); failed: {fmt(lp.get('failed'))};",
             f"- afterwards: {fmt(after.get('stored_documents'))} documents stored, `Store.check()` found "
             f"{fmt(after.get('check_problems'))} problems; search totals {after.get('search_totals')};",
             f"- identity on the first documents: serial, Dask (LocalCluster, 2 worker processes on loopback) and "
             f"local into three PostgreSQL databases, every table compared row by row: Dask = serial "
             f"**{fmt(ident.get('dask_equals_serial'))}**, local = serial **{fmt(ident.get('local_equals_serial'))}** "
             f"(rows compared: {ident.get('rows_compared')}); "
             f"wall: serial {fmt((ident.get('serial') or {}).get('wall_s'))} s, "
             f"Dask {fmt((ident.get('dask') or {}).get('wall_s'))} s (cluster start-up included), "
             f"local {fmt((ident.get('local') or {}).get('wall_s'))} s."]
    return lines


def memory_table(results: dict) -> list[str]:
    lines = ["| benchmark | wall s | CPU s (its process tree) | peak RSS MB (wait4) | command | run at |",
             "|---|---:|---:|---:|---|---|"]
    for name, r in results.items():
        lines.append(f"| {name} | {fmt(r.get('wall_s'))} | {fmt(r.get('cpu_s'))} | {fmt(r.get('maxrss_mb'))} | "
                     f"`{r.get('command', '')}` | {r.get('date', '')} {r.get('commit', '')} |")
    errors = [f"- {name}: {r['error']}" for name, r in results.items() if "error" in r]
    note = ["", "CPU and peak RSS here are the benchmark process's and those of the descendants it waited "
            "for (`wait4`): worker processes behind a fork server or a Dask nanny, and the PostgreSQL "
            "server, are not among them; the sections above give their figures, read from /proc while "
            "they ran."]
    return lines + note + (["", "Failed:", *errors] if errors else [])


def render(info: dict, results: dict, quick: bool) -> str:
    extract = get(results, "extract") or {}
    store = get(results, "store") or {}
    out = [
        "# Performance",
        "",
        "Written by `bench/run.py` — do not edit by hand; run it again. "
        + ("**Quick run** (small inputs; figures are indicative only). " if quick else ""),
        "",
        f"Last run {info['date']} at commit `{info['commit']}` with `{info['command']}`; a benchmark re-run "
        "alone (`--only`) replaces its own figures, and the table at the end gives each one's date and "
        "commit (none: the first full run, from commit 14dba68, 2026-11-21 12:03–12:15 UTC; the engine "
        "then started its workers from a fork server, now they are spawned).",
        "",
        "Per-core figures use CPU time (of planwatch's processes, plus the database server's for "
        "PostgreSQL), so a busy neighbour does not change them much; wall-clock figures are what a user "
        "waits and do depend on the load, which is given below (this machine is shared with other "
        "engineers' test runs).",
        "",
        "## Machine",
        "",
        "| | |", "|---|---|",
        f"| cores (`nproc`) | {info['nproc']} ({info['cpu']}) |",
        f"| memory | {info['memory_gb']} GB |",
        f"| Python | {info['python']} |",
        f"| SQLite | {info['sqlite']} |",
        f"| PostgreSQL | {info['postgresql'] or 'not installed'} |",
        f"| OS | {info['os']} |",
        f"| load average (1, 5, 15 min) | at start {info['load_start']}, at end {info['load_end']} |",
        "",
        "## Summary",
        "",
        *summary(results),
        "",
        "## Extraction",
        "",
        f"`bench/bench_extract.py`: the whole extraction (metadata, sections, tables, prose, glossary, "
        f"projects) on already decoded sample documents ({fmt(extract.get('documents'))} documents, "
        f"{fmt(extract.get('mb_text'))} MB), one process: " + "; ".join(
            f"{k}: {fmt(v.get('mb_per_s_per_core'))} MB/s per core" for k, v in extract.items() if isinstance(v, dict))
        + f"; peak RSS {fmt(extract.get('peak_rss_mb'))} MB.",
        "",
        "## Saving",
        "",
        "`bench/bench_store.py`: copies of the sample extractions saved into SQLite, one transaction "
        "each: " + "; ".join(f"{k.replace('_', ' ')}: {fmt(v.get('save_mb_per_s_cpu'))} MB/s CPU, "
                             f"{fmt(v.get('save_ms_per_doc_wall'))} ms wall per document, "
                             f"database {fmt(v.get('db_mb_per_text_mb'))}× the text"
                             for k, v in store.items() if isinstance(v, dict)) + ".",
        "",
        "## End-to-end ingest",
        "",
        "`bench/bench_ingest.py`: files → stored rows with the search index, each run into a fresh "
        "database. *real* = copies of the sample documents (50–180 KB each; the MB/s figure), *synth* = "
        "a synthetic corpus (2–3 KB documents; the documents/s figure). PostgreSQL is a local server "
        "started for the run (Unix socket, `fsync=off` as in the tests). MB/s per core = MB / (client "
        "CPU + server CPU).",
        "",
        *ingest_table(results),
        "",
        "With small documents the per-document costs (one transaction, ~12 statements, file hashing, "
        "moving the extraction between processes) dominate, hence the low MB/s on *synth*. Saving stays "
        "in the main process, in input order, so every engine stores the same ids.",
        "",
        "## Search",
        "",
        "`bench/bench_search.py` (the search engineer's): ranked top 20 with snippets on a CJK-unigram "
        "FTS5 index built from the sample corpus, 1–4 character Chinese queries and ASCII words; 3 runs "
        "per query, warm cache.",
        "",
        *search_table(results),
        "",
        "## Dashboard",
        "",
        "`bench/bench_dashboard.py`.",
        "",
        *dashboard_table(results),
        "",
        "## The 10,000-document run",
        "",
        "`bench/bench_scale.py`.",
        "",
        *scale_section(results),
        "",
        "## Every benchmark: time and peak memory",
        "",
        *memory_table(results),
        "",
        "## Changes made for speed",
        "",
        "- `ingest/textview.py`: the normalised view substitutes only the full-width characters (a "
        "`str.translate` with a dict visited every character, ~45 MB/s) and visits only runs of blanks "
        "(the deletion pattern's lookbehind was tried at every position, ~80 MB/s); the view of a "
        "document is shared by the stages that each built it again. Extraction 3.3 → ~4.9 MB/s per core "
        "on the sample corpus; identical views (a hypothesis test compares with the old code).",
        "- `store/search.py`: full-width folding by substitution, filter tokens cached per document: "
        "saving with the index 3.7 → ~4.9 MB/s CPU.",
        "- `store/search_postgres.py` and `store/repository.py`: a document's paragraphs go into the "
        "PostgreSQL index in one statement (unnest), and whether the index exists is asked once per "
        "engine: saving a synthetic document on PostgreSQL 53 → 27 ms wall.",
        "- `store/writer.py`, `store/ingest.py`: the rows to save (search tokens or tsvectors, the blocks' "
        "JSON) are prepared in the worker that extracted the document (`prepare_rows`), so the saving "
        "process only writes. PostgreSQL: the index's paragraphs go in by COPY (no array escaping here, "
        "no statement per row there), each tsvector literal lists a lexeme once with its positions, "
        "sorted as the server keeps them (it parses a quarter fewer bytes and sorts nothing), and large "
        "values are compressed with lz4 instead of pglz (a tenth of the server's time). Saving 1.9 MB of "
        "sample copies (measured apart, `perf` on the server backend): saving process 0.6–0.7 → 0.2 s "
        "CPU (the tokenising moved to the worker, where it now costs ~40% less), server 0.73–0.84 → "
        "~0.5 s.",
        "",
        "## How to reproduce",
        "",
        "```",
        ".venv/bin/python bench/run.py            # everything (~20–30 min on 2 cores), writes this file",
        ".venv/bin/python bench/run.py --quick    # small inputs, a few minutes",
        ".venv/bin/python bench/run.py --only ingest,search_10k",
        "```",
        "",
        "PostgreSQL benchmarks need the server programs (Debian's `postgresql` package; initdb under "
        "/usr/lib/postgresql/*/bin); they start a throw-away server in a temporary folder, as the tests "
        "do (tests/pg_server.py). Each benchmark script also runs alone and prints JSON.",
        "",
        "<details><summary>Raw results (JSON)</summary>",
        "",
        "```json",
        json.dumps({"machine": info, "results": results}, ensure_ascii=False, indent=1),
        "```",
        "",
        "</details>",
        "",
    ]
    return "\n".join(out)
