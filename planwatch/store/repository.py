"""``Store``: the planwatch database (SQLite by default, PostgreSQL by URL) as one object.

Writing is ``save`` (one transaction per document: all its rows or none) and ``ingest`` (files
and folders, see ``planwatch.store.ingest``); reading returns data classes for the CLI, the
evaluation and the web. Documents are identified by the SHA-256 of their bytes: the same bytes
again change nothing, new bytes at a known path become a new version and the old one is kept.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, delete, func, insert, inspect, or_, select, update
from sqlalchemy.exc import DataError, DBAPIError, IntegrityError

from planwatch.config import resolve_db_url
from planwatch.errors import NotFoundError, StoreError
from planwatch.model import Extraction, Observation
from planwatch.store import schema
from planwatch.store.dialect import (
    WRITE_OPTION,
    integrity_problems,
    make_engine,
    search_backend,
    sqlite_file,
)
from planwatch.store.migrations import now_iso, upgrade
from planwatch.store.reader import document_of, load_extraction, observation_of, section_of, target_of
from planwatch.store.records import (
    RegionSummary,
    SaveResult,
    StoredDocument,
    StoredObservation,
    StoredSection,
    StoredTarget,
)
from planwatch.store.writer import PreparedRows, insert_extraction, observation_values, replace_extraction

if TYPE_CHECKING:
    from planwatch.model import DocumentMeta
    from planwatch.store.ingest import IngestSummary, Mapper

D = schema.documents
_HEX = re.compile(r"[0-9a-fA-F]{6,64}")


class Store:
    """The planwatch database (监测数据库). Open with ``Store.open(url_or_path)``."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = make_engine(url)
        self.applied_now: list[str] = []  # migrations applied when this process opened the store

    # -- opening ---------------------------------------------------------------------------
    @classmethod
    def open(cls, url_or_path: str | Path | None = None, create: bool = True) -> Store:
        """Open (creating or upgrading) the store at a path or URL; None means the default.

        ``create=False`` is for commands that only read: a mistyped path should say so, not
        silently create an empty database.
        """
        url = resolve_db_url(url_or_path)
        file = sqlite_file(url)
        if file is not None and not create and not file.exists():
            raise StoreError(f"no database at {file}", hint="run `planwatch ingest PATH` first, or give --db")
        if file is not None and not file.parent.is_dir():
            why = "is not a folder" if file.parent.exists() else "does not exist"
            raise StoreError(f"cannot create database {file}: {file.parent} {why}")
        store = cls(url)
        try:
            store.applied_now = upgrade(store.engine)
        except DBAPIError as exc:
            store.close()
            raise StoreError(f"cannot open database {file or url}: {exc.orig}",
                             hint="check the path and that it is writable") from exc
        except StoreError:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        file = sqlite_file(self.url)
        return str(file) if file else self.engine.url.render_as_string(hide_password=True)

    @contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction; database failures become a StoreError naming the store."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(**{WRITE_OPTION: True})
                with conn.begin():
                    yield conn
        except (IntegrityError, DataError):
            raise  # about the rows being written, not the database: the caller decides
        except DBAPIError as exc:
            raise StoreError(f"cannot write to database {self.location}: {exc.orig}") from exc

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise StoreError(f"cannot read database {self.location}: {exc.orig}") from exc

    # -- writing ---------------------------------------------------------------------------
    def save(self, extraction: Extraction, path_key: str, replace: bool = False,
             prepared: PreparedRows | None = None) -> SaveResult:
        """Store one document's extraction atomically; idempotent by the SHA-256 of its bytes.

        ``replace=True`` rewrites a document already stored with these bytes (same id and
        version): for a re-read with metadata the user corrected. ``prepared`` is
        ``writer.prepare_rows(extraction, …)`` when a worker process computed it (the blocks'
        JSON, the search index's rows for this database); else that is done here.
        """
        try:
            with self._writing() as conn:
                return self._save(conn, extraction, path_key, replace, prepared)
        except IntegrityError:
            # Another process stored the same bytes between our check and our insert.
            with self._writing() as conn:
                return self._save(conn, extraction, path_key, replace, prepared)

    def search_dialect(self) -> str | None:
        """The dialect whose search index this store has ("sqlite", "postgresql"), or None."""
        with self._reading() as conn:
            return conn.dialect.name if _has_search(conn) else None

    def _save(self, conn: Connection, ex: Extraction, path_key: str, replace: bool,
              prepared: PreparedRows | None = None) -> SaveResult:
        sha = ex.source.sha256
        existing = conn.execute(select(D).where(D.c.sha256 == sha)).mappings().first()
        if existing is not None and replace:
            doc_id = existing["id"]
            replace_extraction(conn, doc_id, ex, now_iso(), prepared)
            _index_in_search(conn, doc_id, ex, prepared.search if prepared else None)
            return SaveResult("updated", doc_id, existing["path"], sha, existing["version"], "read again")
        if existing is not None:
            return self._same_bytes(conn, existing, path_key)
        earlier = conn.execute(select(D.c.id, D.c.version, D.c.is_current).where(D.c.path == path_key)).all()
        version = max((v for _, v, _ in earlier), default=0) + 1
        for old_id, _, current in earlier:
            if current:
                conn.execute(update(D).where(D.c.id == old_id).values(is_current=False))
                _forget_in_search(conn, old_id)
        doc_id = insert_extraction(conn, ex, path_key, version, now_iso(), prepared)
        _index_in_search(conn, doc_id, ex, prepared.search if prepared else None)
        return SaveResult("ingested" if version == 1 else "new_version", doc_id, path_key, sha, version)

    def _same_bytes(self, conn: Connection, existing: Any, path_key: str) -> SaveResult:
        doc_id, path, sha, version = existing["id"], existing["path"], existing["sha256"], existing["version"]
        if path == path_key and not existing["is_current"]:
            # The file went back to an earlier content: that version is current again.
            conn.execute(update(D).where(D.c.path == path).values(is_current=(D.c.id == doc_id)))
            _sync_search(conn)
            return SaveResult("restored", doc_id, path, sha, version, f"back to version {version}")
        note = "" if path == path_key else f"same content as document {doc_id} ({path})"
        return SaveResult("unchanged", doc_id, path, sha, version, note)

    def ingest(self, paths: Sequence[str | Path], overrides: DocumentMeta | None = None,
               manifest: str | Path | None = None, max_bytes: int | None = None,
               progress: bool = True, mapper: Mapper = map) -> IngestSummary:
        """Read, extract and store files and folders (recursive, hidden files skipped).

        ``mapper`` runs the read + extract step: ``map`` here, a process pool's ``map`` to
        use several cores (saving stays in this process, one transaction per document).
        """
        from planwatch.store.ingest import ingest_paths  # ingest builds on Store, not the reverse

        return ingest_paths(self, paths, overrides=overrides, manifest=manifest,
                            max_bytes=max_bytes, progress=progress, mapper=mapper)

    def add_observations(self, observations: Iterable[Observation], source: str,
                         vintage: str | None = None) -> int:
        """Store actuals imported from outside a document (a spreadsheet); returns how many.

        Each call is one vintage: a revised figure added later sits beside the earlier one.
        """
        vintage = vintage or now_iso()
        rows = [{"document_id": None, "seq": i, "source_kind": "imported", "source": source,
                 "vintage": vintage, **observation_values(o)} for i, o in enumerate(observations)]
        if rows:
            with self._writing() as conn:
                conn.execute(insert(schema.observations), rows)
        return len(rows)

    def delete_document(self, doc_id: int) -> None:
        """Delete one stored version; if it was current, the latest remaining version becomes current."""
        with self._writing() as conn:
            row = conn.execute(select(D).where(D.c.id == doc_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"no document {doc_id} in {self.location}")
            _forget_in_search(conn, doc_id)
            for table in schema.DOCUMENT_CHILDREN:
                conn.execute(delete(table).where(table.c.document_id == doc_id))
            conn.execute(delete(D).where(D.c.id == doc_id))
            if row["is_current"]:
                latest = conn.execute(select(func.max(D.c.id)).where(D.c.path == row["path"])).scalar()
                if latest is not None:
                    conn.execute(update(D).where(D.c.id == latest).values(is_current=True))
            _sync_search(conn)

    # -- reading ---------------------------------------------------------------------------
    def known_sha(self, sha256: str) -> StoredDocument | None:
        with self._reading() as conn:
            row = conn.execute(select(D).where(D.c.sha256 == sha256)).mappings().first()
        return document_of(row) if row else None

    def known_shas(self, shas: Iterable[str]) -> dict[str, StoredDocument]:
        """``known_sha`` for many files at once: one query per thousand hashes, not one each
        (on PostgreSQL each is a round trip, made by the one process that also saves)."""
        wanted = sorted(set(shas))
        found: dict[str, StoredDocument] = {}
        with self._reading() as conn:
            for i in range(0, len(wanted), 1000):
                rows = conn.execute(select(D).where(D.c.sha256.in_(wanted[i:i + 1000]))).mappings()
                found.update((r["sha256"], document_of(r)) for r in rows)
        return found

    def documents(self, current_only: bool = True) -> list[StoredDocument]:
        query = select(D).order_by(D.c.id)
        if current_only:
            query = query.where(D.c.is_current.is_(True))
        with self._reading() as conn:
            return [document_of(r) for r in conn.execute(query).mappings()]

    def document(self, ref: int | str) -> StoredDocument:
        """A document by id, SHA-256 prefix (≥ 6 characters) or path (its current version)."""
        text = str(ref).strip()
        with self._reading() as conn:
            if text.isdigit():
                row = conn.execute(select(D).where(D.c.id == int(text))).mappings().first()
                if row is not None:
                    return document_of(row)
            if _HEX.fullmatch(text):
                rows = conn.execute(select(D).where(D.c.sha256.startswith(text.lower())).limit(2)).mappings().all()
                if len(rows) > 1:
                    raise NotFoundError(f"{text!r} is the start of more than one document's SHA-256",
                                        hint="give more characters")
                if rows:
                    return document_of(rows[0])
            candidates = {text, str(Path(text).expanduser().resolve())}
            row = conn.execute(select(D).where(D.c.path.in_(candidates))
                               .order_by(D.c.is_current.desc(), D.c.version.desc())).mappings().first()
        if row is None:
            raise NotFoundError(f"no document {text!r} in {self.location}",
                                hint="give an id, a SHA-256 prefix or a path; `planwatch documents` lists them")
        return document_of(row)

    def text(self, doc_id: int) -> str:
        with self._reading() as conn:
            text = conn.execute(select(schema.texts.c.text).where(schema.texts.c.document_id == doc_id)).scalar()
        if text is None:
            raise NotFoundError(f"no document {doc_id} in {self.location}")
        return str(text)

    def extraction(self, doc_id: int) -> Extraction:
        """Everything stored for one document, rebuilt as the pipeline's ``Extraction``."""
        with self._reading() as conn:
            row = conn.execute(select(D).where(D.c.id == doc_id)).mappings().first()
            if row is None:
                raise NotFoundError(f"no document {doc_id} in {self.location}")
            return load_extraction(conn, row)

    def sections(self, doc_id: int) -> list[StoredSection]:
        S = schema.sections
        with self._reading() as conn:
            rows = conn.execute(select(S).where(S.c.document_id == doc_id).order_by(S.c.seq)).mappings()
            return [StoredSection(r["id"], r["document_id"], section_of(r)) for r in rows]

    def targets(self, region: str | None = None, doc_id: int | None = None) -> list[StoredTarget]:
        """Targets of current documents (or of one document), optionally of one region.

        A target without its own region belongs to its document's region.
        """
        T = schema.targets
        query = select(T, D.c.path.label("doc_path")).join(D, D.c.id == T.c.document_id)
        query = query.where(T.c.document_id == doc_id) if doc_id is not None else query.where(D.c.is_current.is_(True))
        if region is not None:
            query = query.where(or_(T.c.region == region, and_(T.c.region.is_(None), D.c.region == region)))
        with self._reading() as conn:
            rows = conn.execute(query.order_by(T.c.document_id, T.c.seq)).mappings()
            return [StoredTarget(r["id"], r["document_id"], r["doc_path"], target_of(r)) for r in rows]

    def observations(self, region: str | None = None, indicator_id: str | None = None,
                     doc_id: int | None = None) -> list[StoredObservation]:
        """Actuals from current documents and from imports, oldest vintage first."""
        O = schema.observations  # noqa: E741 - the table's initial, like D and T
        query = select(O, D.c.path.label("doc_path")).outerjoin(D, D.c.id == O.c.document_id)
        if doc_id is not None:
            query = query.where(O.c.document_id == doc_id)
        else:
            query = query.where(or_(O.c.document_id.is_(None), D.c.is_current.is_(True)))
        if region is not None:
            query = query.where(or_(O.c.region == region, and_(O.c.region.is_(None), D.c.region == region)))
        if indicator_id is not None:
            query = query.where(O.c.indicator_id == indicator_id)
        with self._reading() as conn:
            rows = conn.execute(query.order_by(O.c.vintage, O.c.id)).mappings()
            return [StoredObservation(r["id"], r["document_id"], r["doc_path"], r["source_kind"], r["source"],
                                      r["vintage"], observation_of(r)) for r in rows]

    def regions(self) -> list[RegionSummary]:
        """Regions of current documents with how many documents each has."""
        query = (select(D.c.region, func.max(D.c.region_code), func.count())
                 .where(D.c.is_current.is_(True), D.c.region.is_not(None))
                 .group_by(D.c.region).order_by(D.c.region))
        with self._reading() as conn:
            return [RegionSummary(r[0], r[1], r[2]) for r in conn.execute(query)]

    def migrations(self) -> list[tuple[str, str]]:
        M = schema.schema_migrations
        with self._reading() as conn:
            return [(r[0], r[1]) for r in conn.execute(select(M.c.name, M.c.applied_at).order_by(M.c.name))]

    def check(self) -> list[str]:
        """Problems found: the engine's integrity check, then every document whose stored rows
        do not match the counts recorded with it (a half-written document). Empty when sound."""
        problems: list[str] = []
        with self._reading() as conn:
            problems.extend(integrity_problems(conn))
            docs = {r["id"]: r for r in conn.execute(select(D)).mappings()}
            texts = set(conn.execute(select(schema.texts.c.document_id)).scalars())
            problems.extend(f"document {i} has no text" for i in docs if i not in texts)
            for table, column in schema.CHILD_COUNTS:
                query = (select(table.c.document_id, func.count()).where(table.c.document_id.is_not(None))
                         .group_by(table.c.document_id))
                counted: dict[int, int] = {doc_id: n for doc_id, n in conn.execute(query)}
                for doc_id, doc in docs.items():
                    if counted.get(doc_id, 0) != doc[column]:
                        problems.append(f"document {doc_id}: {counted.get(doc_id, 0)} rows in "
                                        f"{table.name}, {doc[column]} recorded")
        return problems


_SEARCH_SEEN: weakref.WeakSet[Any] = weakref.WeakSet()  # engines whose database has the search index


def _has_search(conn: Connection) -> bool:
    """Whether the database has the full-text index (asked once per engine: on PostgreSQL the
    question is a catalogue query, and saving a document asks it twice)."""
    if conn.engine in _SEARCH_SEEN:
        return True
    found = conn.dialect.name in ("sqlite", "postgresql") and inspect(conn).has_table("search_documents")
    if found:
        _SEARCH_SEEN.add(conn.engine)
    return found


def _forget_in_search(conn: Connection, doc_id: int) -> None:
    """Drop a document from the full-text index in the same transaction, so a rewritten or
    deleted document is never found by its old words."""
    if _has_search(conn):
        search_backend(conn).remove_document(conn, doc_id)


def _index_in_search(conn: Connection, doc_id: int, ex: Extraction, prepared: Sequence[Any] | None = None) -> None:
    """Index a document's paragraphs in the same transaction that stores it."""
    if _has_search(conn):
        meta = ex.meta
        search_backend(conn).index_document(conn, doc_id, ex.source.text, region=meta.region,
                                            doc_type=meta.doc_type, period=meta.period, sections=ex.sections,
                                            prepared=prepared)



def _sync_search(conn: Connection) -> None:
    """Index current documents not yet indexed and drop superseded ones, inside the write's
    transaction: the store and its full-text index never disagree."""
    if _has_search(conn):
        search_backend(conn).sync_index(conn)
