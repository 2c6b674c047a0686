"""The Dask engine on a real local cluster (2 worker processes on loopback): the database it
writes — SQLite or PostgreSQL — holds exactly what a serial run writes."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest
from pg_server import pg_database, pg_url  # noqa: F401 (fixtures)
from store_snapshot import snapshot

from planwatch.engine.dask import DaskEngine
from planwatch.store import Store
from planwatch.synth.corpus import generate_corpus

distributed = pytest.importorskip("distributed")
TIMEOUT_S = 180


@pytest.fixture(autouse=True)
def time_limit() -> Iterator[None]:
    """Fail a test that hangs (a cluster that never comes up) instead of stalling the suite."""
    def expire(_sig: int, _frame: FrameType | None) -> None:
        raise TimeoutError(f"Dask test took more than {TIMEOUT_S} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(TIMEOUT_S)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with distributed.LocalCluster(host="127.0.0.1", n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("dask")
    generate_corpus(root / "docs", regions=2, years=(2021, 2025), seed=5, truth_dir=root / "truth")
    return root / "docs"


def _serial(url: str, folder: Path) -> dict:
    with Store.open(url) as store:
        assert not store.ingest([folder], progress=False).failed
        return snapshot(store)


def test_dask_sqlite_same_as_serial(cluster: object, synth_dir: Path, tmp_path: Path) -> None:
    expected = _serial(str(tmp_path / "serial.db"), synth_dir)
    with Store.open(tmp_path / "dask.db") as store, DaskEngine(address=cluster.scheduler_address) as engine:
        summary = store.ingest([synth_dir], progress=False, mapper=engine.map)
        assert engine.worker_count() == 2
        assert len(summary.ingested) == len(expected["documents"]) >= 20
        got = snapshot(store)
    assert got == expected
    assert len(got["targets"]) > 50 and len(got["observations"]) > 50


@pytest.mark.postgres
def test_dask_postgres_same_as_serial(cluster: object, synth_dir: Path, pg_url: str) -> None:  # noqa: F811
    from pg_server import create_database

    expected = _serial(create_database(pg_url), synth_dir)
    url = create_database(pg_url)
    with Store.open(url) as store, DaskEngine(address=cluster.scheduler_address) as engine:
        store.ingest([synth_dir], progress=False, mapper=engine.map)
        got = snapshot(store)
        assert store.check() == []
    assert got == expected


def test_cli_dask_with_address(cluster: object, synth_dir: Path, tmp_path: Path) -> None:
    expected = _serial(str(tmp_path / "serial.db"), synth_dir)
    db = tmp_path / "cli.db"
    done = subprocess.run([sys.executable, "-m", "planwatch", "ingest", str(synth_dir), "--db", str(db),
                           "--engine", "dask", "--address", cluster.scheduler_address, "-q"],
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    assert done.returncode == 0, done.stderr
    with Store.open(db) as store:
        assert snapshot(store) == expected


def test_cli_dask_unreachable_scheduler(synth_dir: Path, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "planwatch", "ingest", str(synth_dir), "--db",
                           str(tmp_path / "x.db"), "--address", "tcp://127.0.0.1:9", "-q"],
                          capture_output=True, text=True, timeout=TIMEOUT_S)
    assert done.returncode != 0 and "Dask scheduler" in done.stderr


def _cube(x: int) -> int:
    return x ** 3


def test_dask_engine_starts_and_stops_its_own_cluster() -> None:
    engine = DaskEngine(workers=1)
    with engine:
        assert list(engine.map(_cube, range(11))) == [x ** 3 for x in range(11)]
        cluster = engine._cluster
        assert cluster is not None and engine.worker_count() == 1
    assert engine._client is None and cluster.status.name == "closed"
