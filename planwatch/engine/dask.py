"""The Dask engine: read and extract files on the workers of a Dask cluster.

Workers run the pure step (``extract_job``) and send back ``Extracted`` objects (pickled by
Dask); the client — this process — saves them to the store, one transaction per document, so
only the client needs to reach the database and an SQLite file works as well as PostgreSQL.
The files must be readable at the same path on every worker (a shared folder), and every
worker needs planwatch installed.

Without ``address`` a ``LocalCluster`` of worker processes is started on loopback for the run
and stopped after it. Results are taken in input order with a bounded number of chunks in
flight (``window.ordered_map``), so the stored ids match a serial run's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any

from planwatch.engine.window import ordered_map
from planwatch.errors import InputError, PlanwatchError

CHUNK_SIZE = 4
IN_FLIGHT_PER_WORKER = 3


class DaskEngine:
    """A Dask client, at ``address`` (``tcp://host:8786``) or on a local cluster it starts."""

    name = "dask"

    def __init__(self, address: str | None = None, workers: int | None = None,
                 chunk_size: int = CHUNK_SIZE) -> None:
        self.address, self.workers, self.chunk_size = address, workers, chunk_size
        self._client: Any = None
        self._cluster: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            from distributed import Client, LocalCluster

            if self.address:
                try:
                    self._client = Client(self.address, timeout="20s")
                except OSError as exc:
                    raise InputError(f"cannot reach the Dask scheduler at {self.address}: {exc}",
                                     hint="start it with `dask scheduler` and workers with `dask worker ADDRESS`"
                                     ) from exc
            else:
                from planwatch.engine import usable_cores

                self._cluster = LocalCluster(host="127.0.0.1", n_workers=self.workers or usable_cores(),
                                             threads_per_worker=1, processes=True, dashboard_address=None)
                self._client = Client(self._cluster)
        return self._client

    def worker_count(self) -> int:
        return max(1, len(self.client.scheduler_info().get("workers", {})))

    def map(self, fn: Callable[[Any], Any], items: Iterable[Any]) -> Iterator[Any]:
        client = self.client

        def submit(run: Callable[..., Any], *args: Any) -> Any:
            return client.submit(run, *args, pure=False)

        from distributed import KilledWorker

        try:
            yield from ordered_map(submit, fn, items, self.chunk_size, self.worker_count() * IN_FLIGHT_PER_WORKER)
        except KilledWorker as exc:  # the task took workers down more than once (out of memory, a crash)
            raise PlanwatchError("Dask workers died while reading the files",
                                 hint="the documents stored so far are complete; run again (stored files "
                                      "are skipped), with --engine serial to see which file it is") from exc

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def __enter__(self) -> DaskEngine:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
