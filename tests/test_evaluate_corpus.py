"""With the sample corpus ingested, `evaluate` gives a row, with its source, for every target the
plans of 涟源市, 石峰区 and 雁峰区 set (the issue's bar), through the real CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from planwatch.store.repository import Store

PLANS = {"涟源市": "004_8ea32ed0690f39a6", "石峰区": "000_6d30eace15c0d417", "雁峰区": "002_7639c02c9fdb3ff9"}


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planwatch", *args], capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def corpus_db(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("corpus") / "pw.db")
    out = run_cli("ingest", *sorted(str(p) for p in corpus_dir.glob("*.txt")), "--db", db, "-q")
    assert out.returncode == 0, out.stderr
    return db


@pytest.mark.parametrize("region", sorted(PLANS))
def test_every_plan_target_has_a_row_with_its_source(corpus_db: str, corpus_dir: Path, region: str) -> None:
    out = run_cli("evaluate", "--region", region, "--db", corpus_db, "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)["rows"]
    plan_path = str(corpus_dir / f"{PLANS[region]}.txt")
    text = Path(plan_path).read_text(encoding="utf-8")
    store = Store.open(corpus_db, create=False)
    try:
        doc = store.document(plan_path)
        ex = store.extraction(doc.id)
    finally:
        store.close()
    wanted = {(t.span.start, t.span.end) for t in ex.targets}
    wanted |= {(r.span.start, r.span.end) for t in ex.tables if t.kind == "plan_indicators" for r in t.rows}
    assert len(wanted) > 30
    got = {tuple(src["span"]) for r in rows for src in [r["target_source"], *r["target_restated"]]
           if Path(src["document"]).name == Path(plan_path).name}
    missing = sorted(wanted - got)
    assert not missing, [text[s:e] for s, e in missing[:10]]
    for r in rows:  # every row says where its target was read, and the quote holds that text
        src = r["target_source"]
        if src["document"] == plan_path:
            s, e = src["span"]
            assert squeeze(text[s:e]) in squeeze(src["quote"]), (text[s:e], src["quote"])


def squeeze(s: str) -> str:
    """Without white space: a flattened table row is quoted with its cells on one line."""
    return re.sub(r"\s", "", s)
