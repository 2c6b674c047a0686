"""The local engine: read and extract files in worker processes on this machine.

A ``concurrent.futures.ProcessPoolExecutor`` fed through ``window.ordered_map`` (chunks of a
few files, a bounded number in flight, results in input order). The workers are started by a
fork server that has already imported the extraction pipeline: a worker costs a fork, not a
second of imports, and no worker inherits the caller's threads (a progress bar) or its open
database connections, which forking the caller itself would.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from planwatch.engine.window import ordered_map

CHUNK_SIZE = 4  # files per task: ~0.2 s of work, message overhead well under 1 %
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: none idles while the caller saves
PRELOAD = ["planwatch.store.ingest", "planwatch.extract.pipeline", "planwatch.link.catalogue"]


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")


class LocalEngine:
    """Worker processes on this machine; ``workers`` defaults to one per usable core."""

    name = "local"

    def __init__(self, workers: int | None = None, chunk_size: int = CHUNK_SIZE) -> None:
        from planwatch.engine import usable_cores

        self.workers = workers or usable_cores()
        self.chunk_size = chunk_size
        self._pool: ProcessPoolExecutor | None = None

    @property
    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=_context())
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        return ordered_map(self.pool.submit, fn, items, self.chunk_size,
                           self.workers * IN_FLIGHT_PER_WORKER)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
