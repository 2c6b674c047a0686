"""An ordered, bounded parallel map over any executor: chunks of items, a window of chunks in flight.

Why chunks: one file is ~40 ms of work, so sending files one at a time spends a visible share on
messages; a chunk of a few files amortises that. Why a window: submitting 10,000 files at once
holds 10,000 results (each a whole document's extraction) until the caller has saved them; with
at most ``in_flight`` chunks outstanding, memory stays flat however long the run. Results come
back in input order, so documents are saved — and numbered — exactly as a serial run would.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, Protocol


class Future(Protocol):
    def result(self) -> Any: ...

    def cancel(self) -> Any: ...


Submit = Callable[..., Future]  # submit(function, *args) -> future, as Executor.submit / Client.submit


def run_chunk(fn: Callable[[Any], Any], chunk: list[Any]) -> list[Any]:
    """What a worker runs: ``fn`` over one chunk (module level, so it pickles by reference)."""
    return [fn(item) for item in chunk]


def chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def ordered_map(submit: Submit, fn: Callable[[Any], Any], items: Iterable[Any], chunk_size: int,
                in_flight: int, cancel: bool = True) -> Iterator[Any]:
    """``map(fn, items)`` through ``submit``, in order, with at most ``in_flight`` chunks pending.

    Abandoning the iterator (an error while saving) cancels the chunks not yet collected.
    """
    pending: deque[Future] = deque()
    source = chunks(items, max(1, chunk_size))
    try:
        for chunk in islice(source, max(1, in_flight)):
            pending.append(submit(run_chunk, fn, chunk))
        while pending:
            done = pending.popleft().result()
            nxt = next(source, None)
            if nxt is not None:
                pending.append(submit(run_chunk, fn, nxt))
            yield from done
    finally:
        if cancel:
            for future in pending:
                future.cancel()
