"""A read-only memo of the store for evaluating many regions at one data stamp.

``evaluate_region`` reads the whole store for each region: every document's text (to tell
which documents name a region the gazetteer does not know), every stored actual, and the
extraction of each of the region's documents. With 100 regions that is the same reads a
hundred times (~1 s a region). ``StoreSnapshot`` answers those reads from memory for as long
as the data stamp is unchanged (any write changes it, and a new snapshot is made), so what an
evaluation sees is exactly what the store holds: the outputs are identical, only the reading
is shared.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import select

from planwatch.store import Store, schema

EXTRACTIONS_KEPT = 1024  # rebuilt extractions held (~0.1 MB each on average, a plan's ~1 MB)


class StoreSnapshot:
    """The reads ``planwatch.evaluate.sources`` makes, memoised; everything else delegated."""

    def __init__(self, store: Store, stamp: tuple[Any, ...]) -> None:
        self.store = store
        self.stamp = stamp
        self._lock = threading.Lock()
        self._documents: dict[bool, list[Any]] = {}
        self._texts: dict[int, str] | None = None
        self._extractions: dict[int, Any] = {}
        self._observations: list[Any] | None = None

    def preload(self) -> None:
        """Read what every evaluation reads (documents, texts, actuals) now, e.g. in the
        background at start-up, so the first region page does not."""
        self.documents(True)
        self.documents(False)
        self.observations()
        docs = self._documents[True]
        if docs:
            self.text(docs[0].id)
        # documents that can speak of any region are read by every region's evaluation
        from planwatch.evaluate.sources import MULTI_REGION_TYPES

        for doc in docs:
            if doc.doc_type in MULTI_REGION_TYPES and doc.counts.get("targets", 1):
                self.extraction(doc.id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def documents(self, current_only: bool = True) -> list[Any]:
        with self._lock:
            if current_only not in self._documents:
                self._documents[current_only] = self.store.documents(current_only=current_only)
            return self._documents[current_only]

    def text(self, doc_id: int) -> str:
        with self._lock:
            if self._texts is None:
                # one query for every text instead of one per document and region
                with self.store.engine.connect() as conn:
                    t = schema.texts
                    self._texts = {r[0]: str(r[1]) for r in conn.execute(select(t.c.document_id, t.c.text))}
            text = self._texts.get(doc_id)
        return text if text is not None else self.store.text(doc_id)  # raises NotFoundError

    def extraction(self, doc_id: int) -> Any:
        with self._lock:
            found = self._extractions.get(doc_id)
        if found is None:
            found = self.store.extraction(doc_id)
            with self._lock:
                if len(self._extractions) >= EXTRACTIONS_KEPT:
                    self._extractions.clear()
                self._extractions[doc_id] = found
        return found

    def observations(self, region: str | None = None, indicator_id: str | None = None,
                     doc_id: int | None = None) -> list[Any]:
        if region is not None or indicator_id is not None or doc_id is not None:
            return self.store.observations(region=region, indicator_id=indicator_id, doc_id=doc_id)
        with self._lock:
            if self._observations is None:
                self._observations = self.store.observations()
            return self._observations
