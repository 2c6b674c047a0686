"""Engines for the read-and-extract step: the local process pool stores exactly what a serial
run stores, results come in input order with a bounded number in flight, and the CLI's
--engine/--workers/--address options choose them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from store_snapshot import snapshot

from planwatch.engine import AUTO_MIN_FILES, AutoEngine, SerialEngine, get_engine
from planwatch.engine.local import LocalEngine
from planwatch.engine.window import ordered_map
from planwatch.errors import PlanwatchError
from planwatch.store import Store
from planwatch.synth.corpus import generate_corpus


def visible(folder: Path) -> list[Path]:
    """The documents ingest takes from a folder (the generator's manifest.csv is data)."""
    return sorted(folder.glob("*.txt"))


@pytest.fixture(scope="module")
def synth_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """~26 small synthetic documents (2 regions, 2021–2025); truth files kept outside."""
    root = tmp_path_factory.mktemp("engine")
    summary = generate_corpus(root / "docs", regions=2, years=(2021, 2025), seed=3, truth_dir=root / "truth")
    assert summary.documents >= 20
    return root / "docs"


@pytest.fixture(scope="module")
def serial_run(synth_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict]:
    """The outcome statuses and stored content of a serial run (the reference)."""
    with Store.open(tmp_path_factory.mktemp("serial") / "s.db") as store:
        summary = store.ingest([synth_dir], progress=False)
        assert not summary.failed and len(summary.outcomes) == len(visible(synth_dir))
        return [o.status for o in summary.outcomes], snapshot(store)


@pytest.fixture(scope="module")
def serial_snapshot(serial_run: tuple[list[str], dict]) -> dict:
    return serial_run[1]


def test_local_engine_stores_what_serial_stores(synth_dir: Path, serial_run: tuple[list[str], dict],
                                                tmp_path: Path) -> None:
    statuses, serial_snapshot = serial_run
    with Store.open(tmp_path / "l.db") as store, LocalEngine(workers=2, chunk_size=3) as engine:
        summary = store.ingest([synth_dir], progress=False, mapper=engine.map)
        assert [o.status for o in summary.outcomes] == statuses
        got = snapshot(store)
    assert got == serial_snapshot
    assert statuses.count("ingested") == len(got["documents"]) >= 20
    assert len(got["targets"]) > 50 and len(got["observations"]) > 50 and len(got["indicator_rows"]) > 10


def _square(x: int) -> int:
    return x * x


def _fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def test_local_engine_keeps_order_and_raises_worker_errors() -> None:
    with LocalEngine(workers=2, chunk_size=2) as engine:
        assert list(engine.map(_square, range(23))) == [x * x for x in range(23)]
        with pytest.raises(ValueError, match="three"):
            list(engine.map(_fail_on_three, range(6)))


def test_ordered_map_bounds_work_in_flight() -> None:
    submitted: list[int] = []
    lock = threading.Lock()
    with ThreadPoolExecutor(2) as pool:
        def submit(fn, *args) -> Future:  # type: ignore[no-untyped-def]
            with lock:
                submitted.append(len(args[1]))
            return pool.submit(fn, *args)

        results = ordered_map(submit, _square, range(100), chunk_size=5, in_flight=3)
        first = [next(results) for _ in range(5)]  # the whole first chunk
        assert first == [0, 1, 4, 9, 16]
        assert len(submitted) == 4  # 3 queued at the start, one more once the first came back
        assert list(results) == [x * x for x in range(5, 100)]
    assert submitted == [5] * 20


def test_abandoned_map_cancels_the_rest() -> None:
    with ThreadPoolExecutor(1) as pool:
        futures: list[Future] = []

        def submit(fn, *args) -> Future:  # type: ignore[no-untyped-def]
            futures.append(pool.submit(fn, *args))
            return futures[-1]

        results: Iterator[int] = ordered_map(submit, _square, range(1000), chunk_size=1, in_flight=50)
        assert next(results) == 0
        results.close()  # type: ignore[attr-defined]
    assert sum(f.cancelled() for f in futures) > 40


def test_auto_engine_chooses_by_work(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("planwatch.engine.usable_cores", lambda: 2)
    few = AutoEngine()
    assert list(few.map(_square, range(AUTO_MIN_FILES - 1))) == [x * x for x in range(AUTO_MIN_FILES - 1)]
    assert isinstance(few.chosen, SerialEngine)
    with AutoEngine() as many:
        assert list(many.map(_square, range(AUTO_MIN_FILES))) == [x * x for x in range(AUTO_MIN_FILES)]
        assert isinstance(many.chosen, LocalEngine) and many.chosen.workers == 2
    monkeypatch.setattr("planwatch.engine.usable_cores", lambda: 1)
    one_core = AutoEngine()
    list(one_core.map(_square, range(50)))
    assert isinstance(one_core.chosen, SerialEngine)


def test_get_engine_names() -> None:
    assert isinstance(get_engine("serial"), SerialEngine)
    assert get_engine("local", workers=3).workers == 3  # type: ignore[attr-defined]
    assert get_engine("dask", address="tcp://127.0.0.1:1").address == "tcp://127.0.0.1:1"  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unknown engine"):
        get_engine("spark")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planwatch", *args], capture_output=True, text=True, timeout=300)


def test_cli_engine_local(synth_dir: Path, serial_snapshot: dict, tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    done = _cli("ingest", str(synth_dir), "--db", str(db), "--engine", "local", "--workers", "2", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["ingested"] == len(serial_snapshot["documents"])
    with Store.open(db) as store:
        assert snapshot(store) == serial_snapshot
    again = _cli("ingest", str(synth_dir), "--db", str(db), "--json")  # default engine: nothing to read
    assert json.loads(again.stdout)["unchanged"] == len(visible(synth_dir))


def test_cli_refuses_address_without_dask(synth_dir: Path, tmp_path: Path) -> None:
    done = _cli("ingest", str(synth_dir), "--db", str(tmp_path / "x.db"), "--engine", "local",
                "--address", "tcp://127.0.0.1:8786")
    assert done.returncode == 2 and "--address" in done.stderr
    assert not (tmp_path / "x.db").exists()


def _die(x: int) -> int:
    if x == 5:
        os._exit(1)  # a worker killed mid-task (as by the out-of-memory killer)
    return x


def test_a_dead_worker_is_a_planwatch_error() -> None:
    with LocalEngine(workers=2, chunk_size=1) as engine, pytest.raises(PlanwatchError, match="worker process died"):
        list(engine.map(_die, range(10)))
