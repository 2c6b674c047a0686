"""Read one document end to end: text, metadata, structure, tables, prose, glossary.

This is the single place where the stages meet; each stage is a pure function of what the
earlier ones produced, so the store, the CLI and the distributed engines all call this.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from planwatch.extract.glossary import extract_glossary
from planwatch.extract.projects import extract_projects
from planwatch.extract.prose import extract_prose
from planwatch.extract.tables import extract_tables
from planwatch.ingest.metadata import detect_metadata
from planwatch.ingest.reader import read_document
from planwatch.link.catalogue import Catalogue, default_catalogue
from planwatch.model import DocumentMeta, Extraction, SourceText
from planwatch.parse.structure import parse_sections


def extract_source(source: SourceText, overrides: DocumentMeta | None = None,
                   catalogue: Catalogue | None = None) -> Extraction:
    """Extract everything from an already decoded document.

    ``overrides`` fields that are set (not None, doc_type not "other") win over detection:
    the user knows better than our guess.
    """
    meta = merge_meta(detect_metadata(source), overrides)
    catalogue = catalogue or default_catalogue()
    sections = tuple(parse_sections(source.text))
    tables = tuple(extract_tables(source, sections, catalogue))
    targets, observations = extract_prose(source, meta, sections, tables, catalogue)
    glossary = tuple(extract_glossary(source.text, sections))
    projects = tuple(extract_projects(source.text, sections))
    return Extraction(source=source, meta=meta, sections=sections, tables=tables,
                      targets=tuple(targets), observations=tuple(observations), glossary=glossary,
                      projects=projects)


def extract_document(path: str | Path, overrides: DocumentMeta | None = None,
                     catalogue: Catalogue | None = None, max_bytes: int | None = None) -> Extraction:
    """Read the file at ``path`` and extract everything from it."""
    return extract_source(read_document(path, max_bytes=max_bytes), overrides, catalogue)


def merge_meta(detected: DocumentMeta, overrides: DocumentMeta | None) -> DocumentMeta:
    if overrides is None:
        return detected
    changes = {k: v for k, v in vars(overrides).items() if v is not None and not (k == "doc_type" and v == "other")}
    if "region" in changes and "region_code" not in changes:
        changes["region_code"] = None
    return replace(detected, **changes)
