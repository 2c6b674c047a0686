"""The same store on PostgreSQL: a throw-away server is started in a temporary folder.

Skipped when the PostgreSQL server programs (initdb, pg_ctl) are not installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text
from store_samples import PLAN_TEXT, sample_extraction

from planwatch.store import Store

pytestmark = pytest.mark.postgres
PORT = 5400 + os.getpid() % 500


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))), None)
    return found


@pytest.fixture(scope="module")
def pg_url() -> Iterator[str]:
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        pytest.skip("PostgreSQL server programs are not installed")
    folder = Path(tempfile.mkdtemp(prefix="planwatch-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        shutil.chown(folder, "nobody")
        as_user = ["runuser", "-u", "nobody", "--"]
    data = folder / "data"
    run = lambda *cmd: subprocess.run([*as_user, *cmd], check=True, capture_output=True, timeout=120)  # noqa: E731
    run(initdb, "-D", str(data), "-A", "trust", "-U", "pw", "-E", "UTF8")
    run(pg_ctl, "-D", str(data), "-w", "-l", str(folder / "log"),
        "-o", f"-k {folder} -c listen_addresses='' -p {PORT} -c fsync=off", "start")
    try:
        admin = Store(f"postgresql+psycopg://pw@/postgres?host={folder}&port={PORT}")
        with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("CREATE DATABASE planwatch"))
        admin.close()
        yield f"postgresql+psycopg://pw@/planwatch?host={folder}&port={PORT}"
    finally:
        run(pg_ctl, "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def store(pg_url: str) -> Iterator[Store]:
    with Store.open(pg_url) as s:
        yield s
        for doc in s.documents(current_only=False):
            s.delete_document(doc.id)
        with s.engine.begin() as conn:
            conn.execute(text("DELETE FROM observations"))


def test_round_trip_and_versions(store: Store) -> None:
    ex = sample_extraction()
    v1 = store.save(ex, ex.source.path)
    assert store.extraction(v1.document_id) == ex
    assert store.save(ex, ex.source.path).status == "unchanged"
    v2 = store.save(sample_extraction(PLAN_TEXT + "修订\n"), ex.source.path)
    assert (v2.status, v2.version) == ("new_version", 2)
    assert store.save(ex, ex.source.path).status == "restored"
    assert [d.id for d in store.documents()] == [v1.document_id]
    assert store.document(v2.sha256[:8]).id == v2.document_id
    store.delete_document(v1.document_id)
    assert [d.id for d in store.documents()] == [v2.document_id]
    assert store.check() == []


def test_queries_and_imports(store: Store) -> None:
    store.save(sample_extraction(), "/data/a.txt")
    assert len(store.targets(region="株洲市石峰区")) == 2
    obs = replace(sample_extraction().observations[0], value=Decimal("816.40"), region="株洲市石峰区")
    assert store.add_observations([obs], source="年鉴.xlsx", vintage="2025-01-01") == 1
    values = [str(o.observation.value) for o in store.observations(region="株洲市石峰区", indicator_id="gdp")]
    assert values == ["816.40", "816.4"]  # the import (vintage 2025-01-01) first, exact digits kept
    assert [r.region for r in store.regions()] == ["株洲市石峰区"]


def test_corpus_ingest(store: Store, corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(store.ingest(files, progress=False).ingested) == len(files)
    assert len(store.ingest(files, progress=False).unchanged) == len(files)
    assert store.check() == []


def test_migrations_recorded_once(pg_url: str) -> None:
    with Store.open(pg_url) as first:
        names = first.migrations()
    with Store.open(pg_url) as second:
        assert second.applied_now == [] and second.migrations() == names
