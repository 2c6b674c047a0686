"""Prose targets (目标) and reported actuals (实际值), each grounded in its exact source span.

The extraction runs on a normalised view of the text (PDF spaces gone, full-width forms
folded) and maps every match back to the original text, so a span always shows the number
as printed. Steps:

1. find quantities (number + unit, quantities.py), dropping those inside indicator tables;
2. find the document's review and goal parts and its years (timeline.py);
3. read each quantity in its sentence: goal or actual, year, metric (clauses.py) and name
   (names.py);
4. link the name to the catalogue of indicators.

Goals without a number (GDP增长保持在合理区间, 完成省定目标任务) come last, as targets of metric
"qualitative" with no value: the JSON contract lists them apart from the quantified targets.
"""

from __future__ import annotations

from collections.abc import Sequence

import regex

from planwatch.extract.clauses import ClauseReader
from planwatch.extract.quantities import Quantity, find_quantities
from planwatch.extract.sentences import clause_start, sentence_bounds
from planwatch.extract.timeline import build_timeline
from planwatch.extract.vocabulary import vocabulary
from planwatch.ingest.textview import TextView, normalize
from planwatch.link.catalogue import Catalogue
from planwatch.model import (
    DocumentMeta,
    IndicatorTable,
    Observation,
    Section,
    SourceText,
    Target,
)


def extract_prose(source: SourceText, meta: DocumentMeta, sections: Sequence[Section],
                  tables: Sequence[IndicatorTable],
                  catalogue: Catalogue | None) -> tuple[list[Target], list[Observation]]:
    """All quantified targets and observations stated in the prose of ``source``; without a
    catalogue (None) nothing is linked, which the tests of reading alone use."""
    vocab = vocabulary()
    view = normalize(source.text)
    text = view.text
    glossary = glossary_bounds(text)
    quantities = [q for q in find_quantities(text, vocab)
                  if not glossary[0] <= q.start < glossary[1] and not in_tables(view, q, tables)]
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
    targets.extend(find_qualitative(view, reader, glossary[0], tables))
    return targets, observations


NEXT_PART = regex.compile(r"\n\s*(?:第[一二三四五六七八九十百]+[篇章]|附表|附件)")
GLOSSARY_HEADING = regex.compile(r"(?:^|\n)\s*(?:附[件录]?\s*[:：]?\s*)?名词解释\s*(?:\n|$)")


def glossary_bounds(text: str) -> tuple[int, int]:
    """Where the glossary (名词解释) stands: its slogans (“1+5+N+X”: 1个…5个…) define terms,
    they set no targets. It runs to the next chapter (第五章, 附表) or to the end."""
    m = GLOSSARY_HEADING.search(text)
    if not m:
        return len(text), len(text)
    after = NEXT_PART.search(text, m.end())
    return m.start(), (after.start() if after else len(text))


def in_tables(view: TextView, q: Quantity, tables: Sequence[IndicatorTable]) -> bool:
    """Whether the quantity lies inside an indicator table the table extractor already read."""
    if not tables:
        return False
    span = view.orig_span(q.start, q.end)
    return any(t.span.start <= span.start and span.end <= t.span.end for t in tables)


def link(catalogue: Catalogue | None, name: str, unit: str | None) -> str | None:
    """The catalogue's indicator id for ``name`` (the unit breaks ties: 元 or %), when a
    catalogue is there to ask."""
    if catalogue is None or not name:
        return None
    found = catalogue.match(name, unit)
    return found.id if found is not None else None


def find_qualitative(view: TextView, reader: ClauseReader, limit: int,
                     tables: Sequence[IndicatorTable]) -> list[Target]:
    """Goals stated without a number (GDP增长保持在合理区间, 完成省定目标任务), where the
    document looks ahead; a review's "完成省定目标任务" reports, it sets nothing."""
    text = view.text
    out: list[Target] = []
    for m in reader.vocab.qualitative.finditer(text, 0, limit):
        zone = reader.timeline.zone_at(m.start())
        ahead = zone.kind == "goal" if zone else reader.timeline.plan
        span = view.orig_span(m.start(), m.end())
        if not ahead or any(t.span.start <= span.start < t.span.end for t in tables):
            continue
        s_start, _ = sentence_bounds(text, m.start())
        c_start = clause_start(text, m.start(), s_start)
        wording = text[c_start:m.end()].strip()
        name = reader.names.name_of_text(text[c_start:m.start()]) or wording
        year = (zone.year if zone and zone.kind == "goal" else reader.timeline.goal_year) or None
        out.append(Target(indicator=name, metric="qualitative", comparator=None, value=None,
                          unit=None, year=year, span=view.orig_span(c_start, m.end()), text=wording))
    return out
