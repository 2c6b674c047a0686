"""Ingest files and folders into a ``Store``: find, read + extract (pure), save (one transaction).

The work is cut in three so a later engine can run the middle in parallel:

1. ``plan_jobs`` (cheap, in the main process): find the files, apply the manifest and the
   user's overrides, giving one picklable ``IngestJob`` per file;
2. ``extract_job`` (pure, CPU-bound, picklable in and out): read and extract one file, never
   raising — a bad file becomes an ``Extracted`` with its error;
3. ``Store.save`` (in the main process): write one document's rows in one transaction.

``ingest_paths`` strings them together with any ``map``-like function (the builtin ``map``
here; a process pool's ``imap`` or a Dask ``map`` later). One bad file never stops the rest;
files whose bytes are already stored are recognised by their hash before being read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.exc import StatementError

from planwatch.errors import EXIT_FAILED, EXIT_INPUT, EXIT_OK, EmptyDocumentError, PlanwatchError
from planwatch.extract.pipeline import extract_document
from planwatch.model import DocumentMeta, Extraction
from planwatch.store.dialect import sqlite_file
from planwatch.store.manifest import read_manifest
from planwatch.store.writer import PreparedRows, prepare_rows

if TYPE_CHECKING:
    from planwatch.store.records import StoredDocument
    from planwatch.store.repository import Store

Status = Literal["ingested", "new_version", "updated", "unchanged", "restored", "failed"]
Mapper = Callable[[Callable[[Any], Any], Iterable[Any]], Iterable[Any]]


@dataclass(frozen=True)
class IngestJob:
    """One file to ingest: where it is, its identity in the store, and what the user said it is."""

    path: str  # as the user gave or we found it, for messages
    path_key: str  # resolved absolute path: the document's identity across runs
    overrides: DocumentMeta | None = None


@dataclass(frozen=True)
class Extracted:
    """The outcome of the pure step: an extraction, or why there is none."""

    job: IngestJob
    extraction: Extraction | None
    error: str | None = None
    prepared: PreparedRows | None = None  # what saving computes before writing, done in the worker


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: Status
    document_id: int | None = None
    version: int | None = None
    reason: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "status": self.status, "document_id": self.document_id,
                "version": self.version, "reason": self.reason}


@dataclass
class IngestSummary:
    """What an ingest run did with each file (入库结果)."""

    outcomes: list[FileOutcome] = field(default_factory=list)

    def having(self, *statuses: Status) -> list[FileOutcome]:
        return [o for o in self.outcomes if o.status in statuses]

    @property
    def ingested(self) -> list[FileOutcome]:
        return self.having("ingested", "new_version", "updated")

    @property
    def unchanged(self) -> list[FileOutcome]:
        return self.having("unchanged", "restored")

    @property
    def failed(self) -> list[FileOutcome]:
        return self.having("failed")

    @property
    def exit_code(self) -> int:
        """0 all fine; 3 when the only input was bad; 1 when some of several failed."""
        if not self.failed:
            return EXIT_OK
        return EXIT_INPUT if len(self.outcomes) == 1 else EXIT_FAILED

    def to_dict(self) -> dict[str, Any]:
        return {"ingested": len(self.ingested), "unchanged": len(self.unchanged), "failed": len(self.failed),
                "files": [o.to_dict() for o in self.outcomes]}


# -- 1. planning ---------------------------------------------------------------------------
def find_files(paths: Sequence[str | Path], skip: Iterable[Path] = ()) -> tuple[list[Path], list[FileOutcome]]:
    """Files under ``paths`` (folders recursively, hidden names and data files skipped), each once,
    in order.

    A file named explicitly is taken even if hidden; a missing path is a failed outcome.
    """
    skip_set = {p.resolve() for p in skip}
    seen: set[Path] = set()
    found: list[Path] = []
    missing: list[FileOutcome] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            candidates: Iterator[Path] = _walk(p)
        elif p.is_file():
            candidates = iter([p])
        else:
            missing.append(FileOutcome(str(given), "failed", reason="no such file or folder"))
            continue
        for c in candidates:
            key = c.resolve()
            if key not in seen and key not in skip_set:
                seen.add(key)
                found.append(c)
    return found, missing


# Files a folder of documents often holds that are data, not documents: spreadsheets of actuals
# go through `planwatch actuals import`, the rest are outputs or stores. Named explicitly, a file
# is still read (and refused with a reason if it is not a document).
NOT_DOCUMENTS = frozenset({".csv", ".tsv", ".xlsx", ".xls", ".json", ".jsonl", ".parquet", ".dta", ".db",
                           ".sqlite", ".sqlite3"})


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() not in NOT_DOCUMENTS:
                yield Path(root) / name


def plan_jobs(paths: Sequence[str | Path], overrides: DocumentMeta | None = None,
              manifest: str | Path | None = None,
              skip: Iterable[Path] = ()) -> tuple[list[IngestJob], list[FileOutcome]]:
    """Jobs for every file, with overrides: the manifest's row beats the command line's flags.

    With a manifest and no paths, the manifest's files are the input. Raises ``ManifestError``
    before anything is read if any manifest row is invalid.
    """
    entries = read_manifest(manifest) if manifest is not None else {}
    skip = [*skip, *([Path(manifest)] if manifest is not None else [])]
    if not paths:
        paths = [str(p) for p in entries]
    files, failures = find_files(paths, skip)
    jobs = []
    for f in files:
        key = f.resolve()
        entry = entries.get(key)
        meta = combine_meta(overrides, entry.meta if entry else None)
        jobs.append(IngestJob(path=str(f), path_key=str(key), overrides=meta))
    return jobs, failures


def combine_meta(base: DocumentMeta | None, top: DocumentMeta | None) -> DocumentMeta | None:
    """``top``'s set fields over ``base``'s (None and doc_type "other" mean "not set")."""
    if top is None or base is None:
        return top or base
    changes = {k: v for k, v in vars(top).items() if v is not None and not (k == "doc_type" and v == "other")}
    return replace(base, **changes)


# -- 2. the pure step ----------------------------------------------------------------------
def extract_job(job: IngestJob, max_bytes: int | None = None, index_for: str | None = None) -> Extracted:
    """Read and extract one file; never raises for a bad file (the error is in the result).

    ``index_for`` names the database dialect whose search index the document goes into: the
    rows to save are prepared here too (``writer.prepare_rows``: tokenising for the index costs
    as much as writing), so with worker processes the one process that saves only writes, and
    a second worker means more documents per second.
    """
    try:
        extraction = extract_document(job.path_key, job.overrides, max_bytes=max_bytes)
        if not extraction.source.text.strip():
            raise EmptyDocumentError("the document has no text")
        return Extracted(job, extraction, prepared=prepare_rows(extraction, index_for))
    except PlanwatchError as exc:
        tail = f" ({exc.hint})" if exc.hint else ""
        return Extracted(job, None, f"{exc.reason}{tail}")
    except Exception as exc:  # a bug in a stage must not stop the other files
        return Extracted(job, None, f"internal error ({type(exc).__name__}: {exc}); please report it")


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


# -- 3. the whole run ----------------------------------------------------------------------
def ingest_paths(store: Store, paths: Sequence[str | Path], overrides: DocumentMeta | None = None,
                 manifest: str | Path | None = None, max_bytes: int | None = None, progress: bool = True,
                 mapper: Mapper = map) -> IngestSummary:
    """Ingest files and folders into ``store``; see the module docstring for the stages."""
    db_file = sqlite_file(store.url)
    skip = [Path(f"{db_file}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")] if db_file else []
    jobs, failures = plan_jobs(paths, overrides, manifest, skip)
    outcomes: dict[str, FileOutcome] = {}
    todo: list[IngestJob] = []
    rewrite: set[str] = set()  # stored bytes that the user now describes differently
    hashes = {job.path_key: _file_hash(job, max_bytes) for job in jobs}
    stored = store.known_shas(sha for sha in hashes.values() if sha is not None)
    for job in jobs:
        known, stale = _already_stored(job, stored.get(hashes[job.path_key] or ""))
        if known is not None:
            outcomes[job.path_key] = known
        else:
            todo.append(job)
            if stale:
                rewrite.add(job.path_key)
    results = mapper(partial(extract_job, max_bytes=max_bytes, index_for=store.search_dialect() if todo else None),
                     todo)
    with _ProgressBar(len(todo), enabled=progress and len(todo) > 1) as advance:
        for result in results:
            outcomes[result.job.path_key] = _store_result(store, result, result.job.path_key in rewrite)
            advance(result.job.path)
    ordered = [outcomes[j.path_key] for j in jobs if j.path_key in outcomes]
    return IngestSummary(failures + ordered)


def _file_hash(job: IngestJob, max_bytes: int | None) -> str | None:
    """The file's SHA-256, or None when it is too big or unreadable (the reader says why)."""
    try:
        if max_bytes is not None and os.path.getsize(job.path_key) > max_bytes:
            return None
        return file_sha256(job.path_key)
    except OSError:
        return None


def _already_stored(job: IngestJob, doc: StoredDocument | None) -> tuple[FileOutcome | None, bool]:
    """An "unchanged" outcome when the file's exact bytes are stored (``doc``: current, or
    elsewhere); else None and whether the stored copy must be rewritten because the user's
    overrides now say something else than what is stored (re-ingesting is how a wrong guess is
    corrected)."""
    if doc is None or (doc.path == job.path_key and not doc.is_current):
        return None, False  # new bytes, or an old version coming back (save restores it)
    if doc.path == job.path_key and overrides_differ(doc, job.overrides):
        return None, True
    note = "" if doc.path == job.path_key else f"same content as document {doc.id} ({doc.path})"
    return FileOutcome(job.path, "unchanged", doc.id, doc.version, note), False


def overrides_differ(doc: StoredDocument, overrides: DocumentMeta | None) -> bool:
    """Whether a field the user set differs from what is stored for the document."""
    if overrides is None:
        return False
    wanted = {"doc_type": None if overrides.doc_type == "other" else overrides.doc_type,
              "region": overrides.region, "period": overrides.period, "title": overrides.title}
    return any(value is not None and getattr(doc, name) != value for name, value in wanted.items())


def _store_result(store: Store, result: Extracted, rewrite: bool = False) -> FileOutcome:
    if result.extraction is None:
        return FileOutcome(result.job.path, "failed", reason=result.error or "unknown error")
    try:
        saved = store.save(result.extraction, result.job.path_key, replace=rewrite, prepared=result.prepared)
    except StatementError as exc:  # rows this database refuses (a StoreError, the database's fault, stops the run)
        reason = exc.orig if exc.orig is not None else exc
        return FileOutcome(result.job.path, "failed", reason=f"cannot store it: {reason}; please report it")
    return FileOutcome(result.job.path, saved.status, saved.document_id, saved.version, saved.message)


class _ProgressBar:
    """A rich progress bar on stderr, or nothing; yields ``advance(label)``."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self._progress: Any = None

    def __enter__(self) -> Callable[[str], None]:
        if not self.enabled:
            return lambda _label: None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(),
                                  TimeRemainingColumn(), TextColumn("{task.description}"),
                                  console=Console(stderr=True), transient=False)
        self._progress.start()
        task = self._progress.add_task("", total=self.total)

        def advance(label: str) -> None:
            self._progress.update(task, advance=1, description=Path(label).name)

        return advance

    def __exit__(self, *_exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()
