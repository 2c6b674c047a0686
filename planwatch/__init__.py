"""planwatch: monitor and evaluate Chinese development plans from their own documents.

The library comes first; the ``planwatch`` command and the web app are thin adapters over it.

    import planwatch
    ex = planwatch.extract_document("plan.pdf")           # nothing stored
    store = planwatch.Store.open("planwatch.db")          # SQLite file or a SQLAlchemy URL
    store.ingest(["docs/"])                               # idempotent, atomic per document
    ev = planwatch.evaluate_region(store, "株洲市石峰区", as_of=2025)
"""

from __future__ import annotations

from planwatch.errors import InputError, PlanwatchError, StoreError
from planwatch.evaluate.audit import audit_document, audit_tables
from planwatch.evaluate.engine import evaluate_region
from planwatch.extract.pipeline import extract_document, extract_source
from planwatch.extract.serialize import extraction_to_json
from planwatch.ingest.reader import read_bytes, read_document
from planwatch.ingest.textview import normalize
from planwatch.link.catalogue import Catalogue, default_catalogue
from planwatch.model import (
    DocumentMeta,
    Extraction,
    GlossaryTerm,
    IndicatorRow,
    IndicatorTable,
    Observation,
    Section,
    SourceText,
    Span,
    Target,
)
from planwatch.store.repository import Store

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "DocumentMeta",
    "Extraction",
    "GlossaryTerm",
    "IndicatorRow",
    "IndicatorTable",
    "InputError",
    "Observation",
    "PlanwatchError",
    "Section",
    "SourceText",
    "Span",
    "Store",
    "StoreError",
    "Target",
    "audit_document",
    "audit_tables",
    "default_catalogue",
    "evaluate_region",
    "extract_document",
    "extract_source",
    "extraction_to_json",
    "normalize",
    "read_bytes",
    "read_document",
]
