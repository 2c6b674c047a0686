"""Two ``planwatch ingest`` processes on the same folder and database at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.store import Store

ROOT = Path(__file__).resolve().parent.parent
FILES = 20


@pytest.mark.slow
def test_two_ingests_at_once_store_each_document_once(tmp_path: Path, corpus_dir: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    sources = sorted(corpus_dir.glob("*.txt"))
    for i in range(FILES):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        (folder / f"doc{i:02}.txt").write_text(f"{text}\n（副本 {i}）\n", encoding="utf-8")
    db = tmp_path / "pw.db"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "planwatch", "ingest", str(folder), "--db", str(db), "--json"]
    procs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    outputs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    summaries = [json.loads(out) for out, _ in outputs]
    assert sum(s["ingested"] for s in summaries) == FILES  # each document stored by exactly one of them
    assert all(s["failed"] == 0 for s in summaries)
    with Store.open(db) as store:
        assert len(store.documents(current_only=False)) == FILES
        assert store.check() == []
