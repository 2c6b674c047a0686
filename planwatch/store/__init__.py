"""The planwatch store: SQLite by default, PostgreSQL by URL (see ``repository.Store``)."""

from planwatch.store.ingest import FileOutcome, IngestJob, IngestSummary, extract_job, plan_jobs
from planwatch.store.records import (
    RegionSummary,
    SaveResult,
    StoredDocument,
    StoredObservation,
    StoredSection,
    StoredTarget,
)
from planwatch.store.repository import Store

__all__ = [
    "FileOutcome", "IngestJob", "IngestSummary", "RegionSummary", "SaveResult", "Store", "StoredDocument",
    "StoredObservation", "StoredSection", "StoredTarget", "extract_job", "plan_jobs",
]
