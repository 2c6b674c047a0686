"""Persisted per-region evaluation summaries, so the overview never waits for 100 evaluations.

The overview needs, per region, only counts by status and the first warnings. Those are kept
in ``evaluation_summaries`` with the data stamp they were computed at (``data_stamp``: counts
and highest ids of documents and actuals, which every save, deletion and import changes). A
summary whose stamp is the store's current one is used as it is, also after a server restart;
a stale or missing one is recomputed, a few within the request and the rest by one background
thread (``start_warming``), never all of them inside one request.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, Text, delete, insert, select
from sqlalchemy.exc import IntegrityError

from planwatch.store import Store

log = logging.getLogger(__name__)

# Bump when the summary's shape or the evaluation's rules change: older rows become stale.
SUMMARY_VERSION = 1

metadata = MetaData()

evaluation_summaries = Table(
    "evaluation_summaries", metadata,
    Column("region", String(200), primary_key=True),
    Column("as_of", Integer, primary_key=True),  # 0: the default (latest year with data)
    Column("stamp", String(200), nullable=False),
    Column("summary", Text, nullable=False),  # JSON: evaluated, as_of, indicators, counts, level1, warnings
    Column("computed_at", String(40), nullable=False),
)


def create_summary_table(conn: Connection) -> None:
    """Migration: the evaluation summaries behind the overview."""
    metadata.create_all(conn, checkfirst=True)


def stamp_text(stamp: tuple[Any, ...]) -> str:
    """The stamp as stored: data stamp, summary version and this year (an evaluation's default
    year never runs past today, so a new year can change it)."""
    return json.dumps([SUMMARY_VERSION, date.today().year, *stamp], default=str)


def _as_of_key(as_of: int | None) -> int:
    return as_of or 0


def load_summaries(store: Store, as_of: int | None) -> dict[str, tuple[str, dict[str, Any]]]:
    """Every stored summary for ``as_of``: region -> (stamp, summary)."""
    t = evaluation_summaries
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.c.region, t.c.stamp, t.c.summary).where(t.c.as_of == _as_of_key(as_of)))
        return {r[0]: (r[1], json.loads(r[2])) for r in rows}


def save_summary(store: Store, region: str, as_of: int | None, stamp: str, summary: dict[str, Any]) -> None:
    """Replace a region's summary (two writers racing for one region both hold the same data)."""
    t = evaluation_summaries
    key = _as_of_key(as_of)
    try:
        with store.engine.begin() as conn:
            conn.execute(delete(t).where(t.c.region == region, t.c.as_of == key))
            conn.execute(insert(t).values(region=region, as_of=key, stamp=stamp,
                                          summary=json.dumps(summary, ensure_ascii=False, default=str),
                                          computed_at=datetime.now(UTC).isoformat(timespec="seconds")))
    except IntegrityError:
        log.debug("summary of %s written by another worker", region)


Summarise = Callable[[Store, str, int | None], dict[str, Any]]

_warming: dict[str, threading.Thread] = {}
_warming_lock = threading.Lock()


def refresh(store: Store, regions: Iterable[str], as_of: int | None, stamp: str, summarise: Summarise,
            ) -> dict[str, dict[str, Any]]:
    """Compute and store the summaries of ``regions`` at ``stamp``; returns them by region."""
    done = {}
    for region in regions:
        done[region] = summarise(store, region, as_of)
        save_summary(store, region, as_of, stamp, done[region])
    return done


def start_warming(store: Store, regions: list[str], as_of: int | None, current_stamp: Callable[[], str],
                  summarise: Summarise, before: Callable[[], None] | None = None) -> bool:
    """Refresh every stale summary of ``regions`` in one background thread per store (a second
    call while it runs does nothing: the running one re-checks freshness region by region).
    ``before``: run first in the same thread (start-up reads)."""
    with _warming_lock:
        running = _warming.get(store.url)
        if running is not None and running.is_alive():
            return False

        def work() -> None:
            try:
                if before is not None:
                    before()
                stored = load_summaries(store, as_of)
                for region in regions:
                    stamp = current_stamp()  # a write meanwhile: the rest are computed on the new data
                    if region not in stored or stored[region][0] != stamp:
                        refresh(store, [region], as_of, stamp, summarise)
            except Exception:  # a closed store at shutdown, a dropped database: the next request retries
                log.exception("warming the evaluation summaries stopped")

        thread = threading.Thread(target=work, name="planwatch-summaries", daemon=True)
        _warming[store.url] = thread
        thread.start()
        return True


def warming(store: Store) -> threading.Thread | None:
    """The store's running warm-up thread, if any (tests and the benchmark wait on it)."""
    thread = _warming.get(store.url)
    return thread if thread is not None and thread.is_alive() else None
