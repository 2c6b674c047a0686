"""Sentences of a normalised text, found only where an extractor looks.

Cutting a whole plan into sentences costs a regex match and an object per sentence, most of
them prose that a narrow extractor (key projects) never reads. ``SentenceFinder`` instead
finds the sentence around a position (a keyword hit) or the sentences that begin inside some
regions (boxes), with results identical to cutting the whole text at the same breaks.
``Intervals`` answers "which region holds this offset" by bisection, and ``normalised_span``
turns a span of the original text into the normalised range that maps back into it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from planwatch.ingest.textview import TextView
from planwatch.model import Span

BREAK_CHARS = "。；;！？!?\n"  # where a sentence ends
SENTENCE_BREAK = re.compile(f"[{BREAK_CHARS}]")


class Piece(NamedTuple):
    """A stretch of the normalised text; a tuple, not a dataclass: thousands are made per document."""

    text: str
    start: int  # normalised offsets
    end: int


class SentenceFinder:
    """Sentences of a normalised text (table cells count as sentences of their own), found
    around a position with a few ``str.find`` calls instead of cutting the whole text: an
    extractor that needs only a few sentences (those holding a keyword, those inside some
    regions) never pays for cutting the rest."""

    def __init__(self, text: str, cell_breaks: list[int]) -> None:
        self.text = text
        self.breaks = cell_breaks  # ascending normalised offsets where a table cell begins
        self.marks = [c for c in BREAK_CHARS if c in text]  # the breaks this text uses at all

    def around(self, p: int) -> Piece:
        """The sentence holding position ``p`` (``p`` not on a sentence break)."""
        text = self.text
        start, low, width = -1, p, 256
        while start < 0 < low:  # look back in a widening window: a break is usually near
            low = max(0, low - width)
            start = max((text.rfind(c, low, p) for c in self.marks), default=-1)
            width *= 4
        k = bisect_right(self.breaks, p)
        return self.starting_at(max(start + 1, self.breaks[k - 1]) if k else start + 1, p)

    def starting_at(self, start: int, p: int | None = None) -> Piece:
        """The sentence that begins at ``start`` (and holds ``p``, by default ``start``)."""
        p = start if p is None else p
        stop = SENTENCE_BREAK.search(self.text, p)
        end = stop.start() if stop else len(self.text)
        k = bisect_right(self.breaks, p)
        if k < len(self.breaks):
            end = min(end, self.breaks[k])
        return Piece(self.text[start:end], start, end)

    def within(self, start: int, end: int) -> Iterator[Piece]:
        """Every sentence that begins in ``[start, end)``, in order."""
        p, first = start, True
        while p < end:
            if self.text[p] in BREAK_CHARS:
                p += 1
                continue
            # after a break (or at a cell border) the next sentence begins where its text does
            sentence = self.around(p) if first else self.starting_at(p)
            first = False
            if sentence.start >= start:
                yield sentence
            p = sentence.end

    def candidates(self, regions: Sequence[Span], keyword: re.Pattern[str]) -> list[Piece]:
        """In order, each once: the sentences beginning in ``regions`` and the sentences in
        which a match of ``keyword`` (in the whole text) begins."""
        in_regions = {s.start: s for r in regions for s in self.within(r.start, r.end)}
        boxed = [in_regions[start] for start in sorted(in_regions)]
        starts = [s.start for s in boxed]
        found = {}
        hit = keyword.search(self.text)
        while hit is not None:
            p = hit.start()
            k = bisect_right(starts, p) - 1
            if k >= 0 and p < boxed[k].end:
                end = boxed[k].end  # a sentence of a region, taken already
            else:
                sentence = self.around(p)
                found[sentence.start] = sentence
                end = sentence.end
            hit = keyword.search(self.text, end)
        found.update((s.start, s) for s in boxed)
        return [found[start] for start in sorted(found)]

    def only_headings(self, start: int, end: int, headings: Intervals) -> bool:
        """Whether every sentence beginning in ``[start, end)`` is a heading (or there is none)."""
        return all(headings.find(s.start) is not None for s in self.within(start, end))


def normalised_span(view: TextView, span: Span) -> Span:
    """The normalised range whose positions map back into ``span``: position ``i`` has
    ``span.start <= view.orig_index(i) < span.end`` exactly when it lies in the result."""
    return Span(first_at_or_after(view, span.start), first_at_or_after(view, span.end))


def first_at_or_after(view: TextView, offset: int) -> int:
    """The first normalised position whose original offset is ``offset`` or more."""
    k = bisect_right(view.origins, offset) - 1
    if k < 0:
        return 0
    run_end = view.starts[k + 1] if k + 1 < len(view.starts) else len(view.text)
    inside = view.starts[k] + (offset - view.origins[k])
    return inside if inside < run_end else run_end


class Intervals:
    """Which of some non-overlapping spans holds an offset, by bisection (boxes and headings
    never overlap one another), so the lookup stays logarithmic on long documents."""

    def __init__(self, spans: Sequence[Span]) -> None:
        order = sorted(range(len(spans)), key=lambda i: spans[i].start)
        self._index = order
        self._starts = [spans[i].start for i in order]
        self._ends = [spans[i].end for i in order]

    def find(self, offset: int) -> int | None:
        """The index (in the given order) of the span holding ``offset``, or None."""
        k = bisect_right(self._starts, offset) - 1
        return self._index[k] if k >= 0 and offset < self._ends[k] else None
