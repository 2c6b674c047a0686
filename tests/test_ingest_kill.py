"""An ingest killed with SIGKILL mid-way leaves a sound store, and a re-run completes it."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
FILES = 60


def stored_count(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError:  # not created yet
        return 0


def ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, "-m", "planwatch", "ingest", str(folder), "--db", str(db), "-q"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


@pytest.mark.slow
def test_sigkill_mid_ingest_then_rerun(tmp_path: Path, corpus_dir: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    sources = sorted(corpus_dir.glob("*.txt"))
    for i in range(FILES):  # distinct bytes each, so every file is its own document
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"doc{i:03}.txt").write_text(f"{text}\n（副本 {i}）\n", encoding="utf-8")
    db = tmp_path / "pw.db"

    proc = ingest(folder, db)
    deadline = time.monotonic() + 240
    while stored_count(db) < FILES // 6 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.01)
    assert proc.poll() is None, "the ingest finished before it could be killed; use more files"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    con.close()
    with Store.open(db) as store:
        assert store.check() == []  # every stored document has all its rows
        killed_at = len(store.documents())
    assert 0 < killed_at < FILES

    rerun = ingest(folder, db)
    _out, err = rerun.communicate(timeout=600)
    assert rerun.returncode == 0, err
    assert f"ingested {FILES - killed_at}, unchanged {killed_at}, failed 0" in err
    with Store.open(db) as store:
        docs = store.documents(current_only=False)
        assert store.check() == []
    assert len(docs) == FILES
    assert sorted(Path(d.path).name for d in docs) == sorted(p.name for p in folder.iterdir())
