"""The coverage manifest beside a panel: which regions and years have which documents.

A researcher needs to know whether a missing value means "not reported" or "no document
read": one row per region, year and document type with how many documents cover that year
(a plan covers every year of its period, a bulletin or work report its own year), their ids
and paths, and how many actuals the panel holds for that region, year and type.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields

from planwatch.export.panel import PanelRow


@dataclass(frozen=True)
class CoverageRow:
    region: str
    year: int
    doc_type: str
    documents: int
    document_ids: str  # "3;7"
    paths: str  # "a.txt;b.txt"
    actuals: int  # panel rows with an actual from these sources in this year


COVERAGE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(CoverageRow))


def build_coverage(store, panel: Sequence[PanelRow], regions: Sequence[str] | None = None) -> list[CoverageRow]:
    """The manifest for ``panel`` (documents from the store, imported sheets from the panel);
    ``regions`` (stored names) limits the documents to those regions."""
    docs: dict[tuple[str, int, str], dict[int | str, str]] = defaultdict(dict)
    for d in store.documents():
        if not d.region or not d.period or (regions is not None and d.region not in regions):
            continue
        for year in range(d.period[0], d.period[1] + 1):
            docs[(d.region, year, d.doc_type)][d.id] = d.path
    actuals: dict[tuple[str, int, str], set[tuple]] = defaultdict(set)
    for row in panel:
        if row.year is None or row.actual is None:
            continue
        kind = row.doc_type or "spreadsheet"
        key = (row.region, row.year, kind)
        actuals[key].add((row.document, row.span_start, row.indicator, row.metric, row.actual))
        if row.document_id is None and row.document:  # an imported sheet: FILE:LINE
            docs[key].setdefault(row.document.rsplit(":", 1)[0], row.document.rsplit(":", 1)[0])
    out = []
    for key in sorted(set(docs) | set(actuals)):
        region, year, doc_type = key
        found = docs.get(key, {})
        out.append(CoverageRow(region, year, doc_type, len(found),
                               ";".join(str(i) for i in found if isinstance(i, int)),
                               ";".join(sorted(set(found.values()))), len(actuals.get(key, ()))))
    return out
