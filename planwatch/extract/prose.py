"""Prose targets (目标) and reported actuals (实际值), each grounded in its exact source span.

The extraction runs on a normalised view of the text (PDF spaces gone, full-width forms
folded) and maps every match back to the original text, so a span always shows the number
as printed. Steps:

1. find quantities (number + unit, quantities.py), dropping those inside indicator tables;
2. find the document's review and goal parts and its years (timeline.py);
3. read each quantity in its sentence: goal or actual, year, metric, name (clauses.py);
4. link the name to the catalogue of indicators.

Goals without a number (GDP增长保持在合理区间) are not read here: ``qualitative_targets``
finds them separately, because a value-less item cannot be checked against anything.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from planwatch.extract.clauses import ClauseReader, sentence_bounds
from planwatch.extract.quantities import Quantity, find_quantities
from planwatch.extract.timeline import build_timeline
from planwatch.extract.vocabulary import vocabulary
from planwatch.ingest.textview import TextView, normalize
from planwatch.model import (
    DocumentMeta,
    IndicatorTable,
    Observation,
    Section,
    SourceText,
    Span,
    Target,
)


def extract_prose(source: SourceText, meta: DocumentMeta, sections: Sequence[Section],
                  tables: Sequence[IndicatorTable], catalogue) -> tuple[list[Target], list[Observation]]:
    """All quantified targets and observations stated in the prose of ``source``."""
    vocab = vocabulary()
    view = normalize(source.text)
    text = view.text
    glossary_at = glossary_start(text)
    quantities = [q for q in find_quantities(text, vocab)
                  if q.start < glossary_at and not in_tables(view, q, tables)]
    timeline = build_timeline(text, meta, sections, vocab)
    reader = ClauseReader(text, timeline, vocab, quantities)
    targets: list[Target] = []
    observations: list[Observation] = []
    for q in quantities:
        r = reader.read(q)
        span = view.orig_span(q.start, q.end)
        indicator_id = link(catalogue, r.name, q.unit)
        if r.kind == "target":
            targets.append(Target(indicator=r.name, metric=r.metric, comparator=q.comparator,
                                  value=q.value, unit=q.unit, year=r.year, span=span,
                                  low=q.low, high=q.high, indicator_id=indicator_id,
                                  period=timeline.plan_period if r.metric == "growth_avg" else None))
        elif q.value is not None:
            observations.append(Observation(indicator=r.name, metric=r.metric, value=q.value,
                                            unit=q.unit, year=r.year, span=span, period=r.period,
                                            estimated=r.estimated, indicator_id=indicator_id,
                                            comparator=q.comparator))
    return targets, observations


GLOSSARY_HEADING = regex.compile(r"(?:^|\n)\s*(?:附[件录]?\s*[:：]?\s*)?名词解释\s*(?:\n|$)")


def glossary_start(text: str) -> int:
    """Where the glossary (名词解释) begins: its slogans (“1+5+N+X”: 1个…5个…) define terms,
    they set no targets. Everything from there on is left out."""
    m = GLOSSARY_HEADING.search(text)
    return m.start() if m else len(text)


def in_tables(view: TextView, q: Quantity, tables: Sequence[IndicatorTable]) -> bool:
    """Whether the quantity lies inside an indicator table the table extractor already read."""
    if not tables:
        return False
    span = view.orig_span(q.start, q.end)
    return any(t.span.start <= span.start and span.end <= t.span.end for t in tables)


def link(catalogue, name: str, unit: str | None) -> str | None:
    """The catalogue's indicator id for ``name``, when a catalogue is there to ask."""
    match = getattr(catalogue, "match", None)
    if match is None or not name:
        return None
    try:
        found = match(name, unit)
    except TypeError:
        found = match(name)
    return getattr(found, "id", None) if found is not None else None


QUALITATIVE = regex.compile(
    r"(?:保持在合理区间|与经济增长基本同步|完成(?:省|市)(?:定|下达)(?:的)?(?:目标)?任务|"
    r"控制在(?:省|市)下达(?:的)?(?:指标|目标)(?:以内|范围内)|同步增长|稳步提高|持续改善)")


def qualitative_targets(source: SourceText, meta: DocumentMeta) -> list[Target]:
    """Goals stated without a number (GDP增长保持在合理区间, 完成省定目标任务).

    Kept apart from ``extract_prose``: such an item carries no value, so it cannot be scored
    or evaluated, but "the plan sets no number" differs from "we found nothing".
    """
    view = normalize(source.text)
    text = view.text
    out: list[Target] = []
    for m in QUALITATIVE.finditer(text):
        s_start, _ = sentence_bounds(text, m.start())
        wording = text[s_start:m.end()].strip()
        span: Span = view.orig_span(s_start, m.end())
        out.append(Target(indicator=wording[:30], metric="qualitative", comparator=None,
                          value=None, unit=None, year=meta.period[1] if meta.period else None,
                          span=span, text=wording))
    return out
