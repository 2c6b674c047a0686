"""The local engine: read and extract files in worker processes on this machine.

A ``concurrent.futures.ProcessPoolExecutor`` fed through ``window.ordered_map`` (chunks of a
few files, a bounded number in flight, results in input order). Workers are *spawned* (a fresh
interpreter each, ~1 s of imports at start): a forked worker would inherit the caller's threads
(a progress bar) and open database connections. Each worker watches the process that started
it and exits when that is gone: killed with SIGKILL, the caller cannot shut its pool down, and a
pool worker would otherwise wait for work forever.

As with any ``multiprocessing`` code, a script that uses this engine must start its work under
``if __name__ == "__main__":`` (the workers import the script's module).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from planwatch.engine.window import ordered_map
from planwatch.errors import PlanwatchError

CHUNK_SIZE = 4  # files per task: ~0.2 s of work, message overhead well under 1 %
IN_FLIGHT_PER_WORKER = 3  # chunks queued per worker: none idles while the caller saves
ORPHAN_CHECK_S = 0.5


def watch_parent(parent: int) -> None:
    """Worker initializer: leave as soon as the process that started the pool is gone."""
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(ORPHAN_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="planwatch-parent-watch", daemon=True).start()


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
            self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=watch_parent, initargs=(os.getpid(),))
        return self._pool

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        try:
            yield from ordered_map(self.pool.submit, fn, items, self.chunk_size,
                                   self.workers * IN_FLIGHT_PER_WORKER)
        except BrokenProcessPool as exc:  # a worker was killed (out of memory) or crashed
            raise PlanwatchError("a worker process died while reading the files",
                                 hint="the documents stored so far are complete; run again (stored files "
                                      "are skipped), with --engine serial to see which file it is") from exc

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> LocalEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
