"""Engines that run ingestion's pure read-and-extract step over many files (执行引擎).

``Store.ingest`` cuts a run in three (see ``planwatch.store.ingest``): planning and saving stay
in the calling process, one transaction per document, while the middle step — read and extract
one file, picklable in and out — goes through any ``map``-like callable. An engine is such a
callable with a lifetime:

- ``serial``: the builtin ``map`` in this process (no start-up cost; right for a few files);
- ``local``: a pool of worker processes on this machine (``engine/local.py``), results in
  input order with a bounded number in flight, so memory stays flat on 10,000 files;
- ``dask``: the workers of a Dask cluster (``engine/dask.py``), at ``address`` or a local
  cluster started for the run;
- ``auto`` (the CLI's default): ``local`` when there are more than a few files and more than
  one core, else ``serial`` — decided when the file list is known.

Every engine yields the results in the order of its input, so the documents get the same ids
whichever engine read them: a parallel run stores exactly what a serial run stores.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

ENGINE_NAMES = ("auto", "serial", "local", "dask")
AUTO_MIN_FILES = 8  # below this, starting worker processes costs more than it saves


class Engine(Protocol):
    """A ``map`` with a lifetime: ``with get_engine(...) as engine: store.ingest(..., mapper=engine.map)``."""

    name: str

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]: ...

    def close(self) -> None: ...

    def __enter__(self) -> Engine: ...

    def __exit__(self, *_exc: object) -> None: ...


class SerialEngine:
    """The builtin ``map``: everything in this process, one file after the other."""

    name = "serial"

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return map(fn, items)

    def close(self) -> None:
        pass

    def __enter__(self) -> SerialEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


class AutoEngine:
    """Chooses when it sees the work: the local pool for many files on several cores, else serial."""

    name = "auto"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers
        self.chosen: Engine | None = None

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        todo = list(items)
        if self.chosen is None:
            cores = self.workers or usable_cores()
            if len(todo) >= AUTO_MIN_FILES and cores > 1:
                from planwatch.engine.local import LocalEngine

                self.chosen = LocalEngine(workers=cores)
            else:
                self.chosen = SerialEngine()
        return self.chosen.map(fn, todo)

    def close(self) -> None:
        if self.chosen is not None:
            self.chosen.close()

    def __enter__(self) -> AutoEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def usable_cores() -> int:
    """Cores this process may run on (respects CPU affinity, e.g. in containers)."""
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def get_engine(name: str, address: str | None = None, workers: int | None = None) -> Engine:
    """The engine called ``name`` (one of ``ENGINE_NAMES``); ``address`` is a Dask scheduler
    (``tcp://host:8786``) and implies nothing for the other engines; ``workers`` caps the
    number of worker processes (default: one per core)."""
    if workers is not None and workers < 1:
        raise ValueError("workers must be at least 1")
    if name == "serial":
        return SerialEngine()
    if name == "auto":
        return AutoEngine(workers)
    if name == "local":
        from planwatch.engine.local import LocalEngine

        return LocalEngine(workers=workers)
    if name == "dask":
        from planwatch.engine.dask import DaskEngine

        return DaskEngine(address=address, workers=workers)
    raise ValueError(f"unknown engine {name!r} (choose from {', '.join(ENGINE_NAMES)})")


__all__ = ["AUTO_MIN_FILES", "ENGINE_NAMES", "AutoEngine", "Engine", "SerialEngine", "get_engine", "usable_cores"]
