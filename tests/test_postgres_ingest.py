"""Ingestion into PostgreSQL is atomic per document: an ingest killed with SIGKILL mid-way (with
the default engine, i.e. worker processes) leaves only whole documents, no worker process
outlives it, and a re-run completes the store."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from pg_server import create_database, pg_url  # noqa: F401 (fixture)
from sqlalchemy import create_engine, text

from planwatch.store import Store

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parent.parent
FILES = 40


def stored(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM documents")).scalar() or 0)
    except Exception:  # not created yet
        return 0
    finally:
        engine.dispose()


def ingest(folder: Path, url: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "planwatch", "ingest", str(folder), "--db", url, "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def test_sigkill_mid_ingest_then_rerun(pg_url: str, tmp_path: Path, corpus_dir: Path) -> None:  # noqa: F811
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted(corpus_dir.glob("*.txt"))
    for i in range(FILES):
        body = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"doc{i:03}.txt").write_text(f"{body}\n（副本 {i}）\n", encoding="utf-8")
    url = create_database(pg_url)

    proc = ingest(folder, url)
    deadline = time.monotonic() + 240
    while stored(url) < FILES // 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest finished before it could be killed; use more files"
    helpers = psutil.Process(proc.pid).children(recursive=True)
    assert helpers, "the default engine should read with worker processes here"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    _gone, alive = psutil.wait_procs(helpers, timeout=30)
    assert not alive, f"worker processes outlived the killed ingest: {alive}"

    with Store.open(url) as store:
        assert store.check() == []  # every stored document has all its rows
        killed_at = len(store.documents())
        with store.engine.connect() as conn:
            indexed = conn.execute(text("SELECT count(*) FROM search_documents")).scalar()
    assert 0 < killed_at < FILES and indexed == killed_at

    rerun = ingest(folder, url)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"ingested {FILES - killed_at}, unchanged {killed_at}, failed 0" in err
    with Store.open(url) as store:
        assert store.check() == [] and len(store.documents(current_only=False)) == FILES
