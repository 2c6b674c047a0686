"""What the store hands back: model objects with the document they came from attached.

The pipeline's data classes (``planwatch.model``) do not know where they are stored; readers
of the store (CLI, evaluation, web) need the document id and path to link back to evidence,
so each is wrapped in a small frozen record here.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from planwatch.model import Observation, Section, Target

SaveStatus = Literal["ingested", "new_version", "updated", "unchanged", "restored"]


@dataclass(frozen=True)
class StoredDocument:
    """One stored version of a document (文档) and what was read out of it."""

    id: int
    path: str
    sha256: str
    size: int
    format: str
    encoding: str
    title: str | None
    doc_type: str
    region: str | None
    region_code: str | None
    period: tuple[int, int] | None
    chars: int
    version: int
    is_current: bool
    ingested_at: str
    counts: dict[str, int] = field(default_factory=dict)  # sections, tables, rows, targets, …

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["period"] = list(self.period) if self.period else None
        return data


@dataclass(frozen=True)
class StoredSection:
    id: int
    document_id: int
    section: Section


@dataclass(frozen=True)
class StoredTarget:
    id: int
    document_id: int
    path: str
    target: Target


@dataclass(frozen=True)
class StoredObservation:
    """A reported actual, extracted from a document or imported from a spreadsheet.

    ``vintage`` is when the figure was recorded: a revised figure is a new row with a later
    vintage, so earlier figures stay and can be compared.
    """

    id: int
    document_id: int | None
    path: str | None
    source_kind: str  # "extracted" | "imported"
    source: str | None
    vintage: str
    observation: Observation


@dataclass(frozen=True)
class RegionSummary:
    region: str
    region_code: str | None
    documents: int


@dataclass(frozen=True)
class SaveResult:
    """What ``Store.save`` did with one document."""

    status: SaveStatus
    document_id: int
    path: str
    sha256: str
    version: int
    message: str = ""

    @property
    def added(self) -> bool:
        return self.status in ("ingested", "new_version", "updated")
