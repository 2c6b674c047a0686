"""A manifest: a CSV saying, file by file, what a folder's documents are.

Header ``path,doc_type,region,year,period_start,period_end,title``; only ``path`` is required,
relative paths are relative to the manifest, UTF-8 with or without BOM. Every row is checked
before anything is ingested, and every error names the manifest and its line: a planner
fixing a 300-row spreadsheet needs to know where to look.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planwatch.errors import ManifestError
from planwatch.model import DOC_TYPES, DocumentMeta

COLUMNS = ("path", "doc_type", "region", "year", "period_start", "period_end", "title")
YEAR_RANGE = (1949, 2100)


@dataclass(frozen=True)
class ManifestEntry:
    path: Path  # resolved
    meta: DocumentMeta
    line: int


def read_manifest(manifest: str | Path) -> dict[Path, ManifestEntry]:
    """Entries by resolved file path; raises ``ManifestError`` naming file and line."""
    name = str(manifest)
    try:
        raw = Path(manifest).read_bytes()
    except OSError as exc:
        raise ManifestError(f"cannot read manifest: {exc.strerror}", path=name) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ManifestError(f"manifest is not UTF-8 (byte {exc.start})", path=name,
                            hint="save it as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [h.strip().lower() for h in next(reader, [])]
    _check_header(header, name)
    base = Path(manifest).resolve().parent
    entries: dict[Path, ManifestEntry] = {}
    for values in reader:
        line = reader.line_num
        if not any(v.strip() for v in values):
            continue
        if len(values) > len(header):
            raise ManifestError(f"{len(values)} values but the header has {len(header)} columns",
                                path=name, line=line)
        row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
        entry = _entry(row, base, name, line)
        if entry.path in entries:
            raise ManifestError(f"{row['path']} is already listed on line {entries[entry.path].line}",
                                path=name, line=line)
        entries[entry.path] = entry
    return entries


def _check_header(header: list[str], name: str) -> None:
    if "path" not in header:
        raise ManifestError("the header has no 'path' column", path=name, line=1,
                            hint=f"first line: {','.join(COLUMNS)}")
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ManifestError(f"unknown column(s) {', '.join(map(repr, unknown))}", path=name, line=1,
                            hint=f"columns are {', '.join(COLUMNS)}")
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise ManifestError(f"column(s) {', '.join(dup)} appear twice", path=name, line=1)


def _entry(row: dict[str, str], base: Path, name: str, line: int) -> ManifestEntry:
    def fail(reason: str, hint: str | None = None) -> ManifestError:
        return ManifestError(reason, path=name, line=line, hint=hint)

    if not row["path"]:
        raise fail("the path is empty")
    path = (base / row["path"]).resolve()
    if not path.is_file():
        raise fail(f"no such file: {row['path']}", hint=f"paths are relative to {base}")
    doc_type = row.get("doc_type") or None
    if doc_type is not None and doc_type not in DOC_TYPES:
        raise fail(f"unknown doc_type {doc_type!r}", hint=f"one of {', '.join(DOC_TYPES)}")
    year = _year(row.get("year", ""), "year", fail)
    start = _year(row.get("period_start", ""), "period_start", fail)
    end = _year(row.get("period_end", ""), "period_end", fail)
    if (start is None) != (end is None):
        raise fail("give both period_start and period_end, or neither")
    if year is not None and start is not None:
        raise fail("give year or period_start/period_end, not both")
    period = (year, year) if year is not None else ((start, end) if start is not None and end is not None else None)
    if period and period[0] > period[1]:
        raise fail(f"period {period[0]}–{period[1]} ends before it starts")
    meta = DocumentMeta(doc_type=doc_type or "other", region=row.get("region") or None, period=period,
                        title=row.get("title") or None)
    return ManifestEntry(path=path, meta=meta, line=line)


def _year(value: str, column: str, fail: Callable[..., ManifestError]) -> int | None:
    if not value:
        return None
    if not value.isdigit() or not YEAR_RANGE[0] <= int(value) <= YEAR_RANGE[1]:
        raise fail(f"{column} {value!r} is not a year", hint=f"a year like 2025, {YEAR_RANGE[0]}–{YEAR_RANGE[1]}")
    return int(value)
