"""Run every benchmark and write docs/performance.md: ``python bench/run.py [--quick]``.

Each benchmark is a script in bench/ printing JSON; it runs here as a child process, so its
peak memory (``ru_maxrss`` of the child and its reaped descendants, from ``wait4``) and CPU
seconds are measured from outside as well. The machine (cores, memory, CPU, Python, SQLite,
PostgreSQL, load), the date, the command and the commit are recorded with the figures.

--quick runs smaller inputs (a few minutes instead of ~20) to check that everything works;
its figures are noisier and the 10,000-document run becomes a 500-document one.

    .venv/bin/python bench/run.py [--quick] [--only NAME,...] [--out docs/performance.md]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from performance_doc import render  # noqa: E402


def plan(quick: bool) -> dict[str, list[str]]:
    """Benchmark name -> its script and arguments."""
    if quick:
        return {
            "extract": ["bench_extract.py", "--copies", "3"],
            "store": ["bench_store.py", "--copies", "3"],
            "ingest": ["bench_ingest.py", "--quick"],
            "search_10k": ["bench_search.py", "--paragraphs", "10000"],
            "dashboard": ["bench_dashboard.py", "--regions", "20", "--requests", "5"],
            "scale": ["bench_scale.py", "--documents", "500", "--identity", "40"],
        }
    return {
        "extract": ["bench_extract.py", "--copies", "50"],
        "store": ["bench_store.py", "--copies", "10"],
        "ingest": ["bench_ingest.py"],
        "search_10k": ["bench_search.py", "--paragraphs", "10000"],
        "search_100k": ["bench_search.py", "--paragraphs", "100000"],
        "dashboard": ["bench_dashboard.py", "--regions", "100", "--requests", "20"],
        "scale": ["bench_scale.py", "--documents", "10000", "--identity", "200"],
    }


def run_one(script: list[str], timeout: float) -> dict:
    """Run a benchmark script; its JSON plus the child's wall, CPU and peak RSS (from wait4:
    the child and the descendants it reaped; live worker processes report their own peaks)."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        child = subprocess.Popen([sys.executable, str(HERE / script[0]), *script[1:]], cwd=HERE, stdout=out)
        timer = threading.Timer(timeout, child.kill)
        timer.start()
        try:
            _pid, status, usage = os.wait4(child.pid, 0)
        finally:
            timer.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    wall = time.perf_counter() - started
    if child.returncode != 0:
        why = f"killed after {timeout:.0f} s" if wall >= timeout else f"exit code {child.returncode}"
        return {"error": why, "wall_s": round(wall, 1)}
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {"error": "no JSON on stdout", "stdout_tail": text[-500:]}
    return {"result": data, "wall_s": round(wall, 1), "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
            "maxrss_mb": round(usage.ru_maxrss / 1024, 1)}


def machine() -> dict:
    import psutil

    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    pg = None
    postgres = shutil.which("postgres") or next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin/postgres"))), None)
    if postgres:
        pg = subprocess.run([str(postgres), "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout
    return {"nproc": len(os.sched_getaffinity(0)), "cpu": model,
            "memory_gb": round(psutil.virtual_memory().total / 2**30, 1), "python": platform.python_version(),
            "sqlite": sqlite3.sqlite_version, "postgresql": pg, "os": platform.platform(),
            "commit": commit.strip(), "load_start": [round(x, 2) for x in os.getloadavg()]}


def previous(path: Path) -> dict | None:
    """The machine and results recorded in an earlier performance.md (its JSON block), if any."""
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    start = text.find("```json\n")
    end = text.find("\n```", start + 8)
    if start < 0 or end < 0:
        return None
    try:
        data = json.loads(text[start + 8:end])
    except json.JSONDecodeError:
        return None
    return data if isinstance(data, dict) and "results" in data else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small inputs: minutes, noisier figures")
    ap.add_argument("--only", help="comma-separated benchmark names (default: all)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "performance.md")
    ap.add_argument("--timeout", type=float, default=1800, help="seconds per benchmark")
    ap.add_argument("--rerender", action="store_true",
                    help="only write the document again from the results already in it (after editing the text)")
    args = ap.parse_args()
    benches = plan(args.quick)
    if args.only:
        benches = {k: v for k, v in benches.items() if k in args.only.split(",")}
    earlier = previous(args.out)
    if args.rerender:
        if not earlier:
            raise SystemExit(f"no results in {args.out} to render again")
        args.out.write_text(render(earlier["machine"], earlier["results"], earlier["machine"].get("quick", False)),
                            encoding="utf-8")
        return 0
    info = machine()
    info["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    info["command"] = " ".join(["python bench/run.py", *sys.argv[1:]])
    info["quick"] = args.quick
    # --only re-runs some benchmarks and keeps the others' results (each row has its own date).
    results: dict = dict(earlier["results"]) if args.only and earlier else {}
    for name, script in benches.items():
        print(f"== {name}: {' '.join(script)}", file=sys.stderr, flush=True)
        row = run_one(script, args.timeout)
        row["date"] = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
        row["commit"] = info["commit"]
        row["command"] = "python bench/" + " ".join(script)
        results[name] = row
        print(f"   {row.get('error') or 'done'} ({row.get('wall_s', '?')} s)", file=sys.stderr, flush=True)
    info["load_end"] = [round(x, 2) for x in os.getloadavg()]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(info, results, args.quick), encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    return 1 if any("error" in r for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
