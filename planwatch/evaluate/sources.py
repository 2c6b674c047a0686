"""Read what an evaluation needs from the store: a region's targets and its reported actuals.

Imported spreadsheet rows carry their origin in the store's ``source`` column as
``FILE:LINE<TAB>row text`` (see ``planwatch.link.actuals``); extracted ones point at their
document, whose text gives the quoted sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from functools import lru_cache

from planwatch.errors import NotFoundError
from planwatch.evaluate.direction import indicator_attribute
from planwatch.evaluate.model import SourceRef, TargetInfo
from planwatch.evaluate.targets import dedupe, source_of, target_from_prose, targets_from_tables
from planwatch.ingest.regions import gazetteer
from planwatch.link.catalogue import Catalogue
from planwatch.link.linker import Evidence, regions_match
from planwatch.model import Extraction, Observation
from planwatch.store.records import StoredDocument

# Documents that can speak of several regions (a portal listing carrying a district's work
# report): read even when their own region is another one; their targets carry their region.
MULTI_REGION_TYPES = frozenset({"listing", "news", "other"})


def _in_region(region: str, name: str | None) -> bool:
    return bool(name) and regions_match(region, name or "")


@lru_cache(maxsize=256)
def unknown_region(name: str) -> bool:
    """A name the gazetteer does not know (a town, a development zone, a new or invented place)."""
    return not gazetteer().lookup(name)


OPENING = 600  # characters of a document that say whom it is about (title, dateline, speaker)


def document_region(region: str, doc: StoredDocument, text_of: Callable[[int], str]) -> str | None:
    """The region a stored document is about, as far as an evaluation of ``region`` goes.

    Its detected region; but for a region the gazetteer does not know, a document that names it
    in its title or opening lines is about it (detection can only pick names it knows, and may
    pick a known name inside the unknown one: 岚县 inside 青岚县). A document of a place inside the
    region (翠屿市桐溪县 for 翠屿市) names the region too, but is about its own place.
    """
    if _in_region(region, doc.region):
        return doc.region
    if doc.region and doc.region != region and doc.region.startswith(region):
        return doc.region
    if unknown_region(region) and (region in (doc.title or "") or region in text_of(doc.id)[:OPENING]):
        return region
    return doc.region


def targets_of_extraction(ex: Extraction, region: str, document: str, catalogue: Catalogue,
                          document_id: int | None = None, tables: bool = True) -> list[TargetInfo]:
    """The targets one document sets for ``region``: its prose targets (a target's own region,
    else the document's, must be the region) and, with ``tables``, its plan indicator tables."""
    text, meta = ex.source.text, ex.meta
    out: list[TargetInfo] = []
    for t in ex.targets:
        if not _in_region(region, t.region or meta.region):
            continue
        src = source_of(document, text, t.span.start, t.span.end, meta.doc_type, document_id)
        attribute = indicator_attribute(t.indicator, t.unit, t.indicator_id, catalogue)
        out.append(target_from_prose(t, meta, src, attribute))
    if tables:
        out.extend(targets_from_tables(ex.tables, meta, document, text, document_id))
    return out


def evidence_of_extraction(ex: Extraction, region: str, document: str, vintage: str = "",
                           document_id: int | None = None) -> list[Evidence]:
    """The actuals one document reports about ``region``, with their sources."""
    meta, text = ex.meta, ex.source.text
    out = []
    for o in ex.observations:
        obs_region = o.region or meta.region
        if obs_region and not regions_match(region, obs_region):
            continue
        src = source_of(document, text, o.span.start, o.span.end, meta.doc_type, document_id)
        out.append(Evidence(observation=o, source=src, source_kind="extracted", doc_type=meta.doc_type,
                            doc_year=meta.period[1] if meta.period else None, vintage=vintage, region=obs_region))
    return out


def evidence_of_spreadsheet(rows: list[tuple[int, Observation, str]], region: str, name: str,
                            vintage: str = "") -> list[Evidence]:
    """The actuals of a read spreadsheet (``read_actuals(...).accepted``) about ``region``."""
    return [Evidence(observation=o, source=SourceRef(f"{name}:{line}", None, quote, "spreadsheet"),
                     source_kind="spreadsheet", doc_type="spreadsheet", doc_year=None, vintage=vintage,
                     region=o.region)
            for line, o, quote in rows if not o.region or regions_match(region, o.region)]


def load_targets(store, region: str, plan_doc: str | int | None, catalogue: Catalogue,
                 ) -> tuple[list[TargetInfo], str | None]:
    """Targets of the plan ``plan_doc``, or of every current document of ``region``."""
    # Without a plan: every current document (plans, work reports' annual targets, listings that
    # carry a whole work report); a target's own region (else its document's) must be the region.
    docs = [store.document(plan_doc)] if plan_doc is not None else store.documents()
    targets: list[TargetInfo] = []
    for doc in docs:
        doc_region = document_region(region, doc, store.text)
        if plan_doc is None and not _in_region(region, doc_region) and (
                doc.doc_type not in MULTI_REGION_TYPES or not doc.counts.get("targets", 1)):
            continue
        ex = store.extraction(doc.id)
        ex = replace(ex, meta=replace(ex.meta, region=doc_region))
        targets.extend(targets_of_extraction(ex, region, doc.path, catalogue, doc.id,
                                             tables=plan_doc is not None or _in_region(region, doc_region)))
    if plan_doc is not None and not targets:
        raise NotFoundError(f"no targets for {region} in document {plan_doc}")
    return dedupe(targets), (docs[0].path if plan_doc is not None else None)


def load_evidence(store, region: str) -> list[Evidence]:
    """Every stored actual about ``region`` (extracted and imported), with its source."""
    docs = {d.id: d for d in store.documents(current_only=False)}

    @lru_cache(maxsize=64)
    def text_of(doc_id: int) -> str:
        return store.text(doc_id)

    # a document's region for this evaluation, worked out once per document, not per actual
    region_of: dict[int, str | None] = {}

    def doc_region(doc: StoredDocument) -> str | None:
        if doc.id not in region_of:
            region_of[doc.id] = document_region(region, doc, text_of)
        return region_of[doc.id]

    out: list[Evidence] = []
    for so in store.observations():
        o = so.observation
        doc = docs.get(so.document_id) if so.document_id is not None else None
        obs_region = o.region or (doc_region(doc) if doc else None)
        if obs_region and not regions_match(region, obs_region):
            continue
        if doc is not None:
            src = source_of(doc.path, text_of(doc.id), o.span.start, o.span.end, doc.doc_type, doc.id)
            kind, doc_type = "extracted", doc.doc_type
            doc_year = doc.period[1] if doc.period else None
        else:
            where, _, quote = (so.source or "").partition("\t")
            src = SourceRef(document=where or so.source, span=None, quote=quote or None, doc_type="spreadsheet")
            kind, doc_type, doc_year = "spreadsheet", "spreadsheet", None
        out.append(Evidence(observation=o, source=src, source_kind=kind, doc_type=doc_type, doc_year=doc_year,
                            vintage=so.vintage, region=obs_region))
    return out
