"""A normalised view of a document's text that maps every position back to the original.

Extraction patterns are far simpler on clean text (ASCII digits, ``%``, no PDF spaces inside
``8.4 %`` or ``“ 十四五 ”`` or ``二 〇 三五``), but every span planwatch reports must index the
text exactly as decoded. So normalisation never edits the original: it builds a second string
plus an offset map, and extractors translate their matches back with ``orig_span``.

Only two kinds of edit are made, which keeps the map to a short list of breakpoints instead of
one integer per character (that matters at several MB/s):

* one-for-one substitutions (full-width ASCII forms to ASCII), which do not move offsets;
* deletions (spaces that PDF extraction puts between CJK characters, digits and units, and
  carriage returns), recorded as breakpoints.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass

from planwatch.model import Span

# Full-width ASCII forms -> ASCII, one for one. Chinese sentence punctuation (，；：！？) stays:
# it separates clauses, and its ASCII twin is ambiguous inside numbers (1,234).
_KEEP = {"，", "；", "：", "！", "？"}
_FULLWIDTH = {
    cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP
}
_FULLWIDTH.update({0x3000: 0x20, 0x00A0: 0x20, 0x2212: ord("-"), 0x2013: ord("-")})

# Horizontal space is dropped unless it separates two Latin letters or digits ("GDP 80" keeps
# its space; "8.4 %", "2025 年", "“ 十四五 ”" and "二 〇 三五" lose theirs). \r always goes.
_DELETABLE = re.compile(r"\r|(?<![A-Za-z0-9])[ \t\f\v]+|[ \t\f\v]+(?![A-Za-z0-9])")

# Speed (measured on the sample corpus, per core): ``str.translate`` with a dict visits every
# character (~45 MB/s on Chinese text) and ``_DELETABLE`` scanned over the whole text tries its
# lookbehind at every position (~80 MB/s). Both only ever touch rare characters, so only those
# are visited: a substitution over the full-width characters (~800 MB/s), and the runs of
# blanks. ``_DELETABLE`` (the rule as written) deletes every blank of a run except a run that is
# one space-like character between two ASCII letters or digits; ``_deletions`` applies exactly
# that to each run (tests/test_engine_hotspots.py checks the two agree).
_FULLWIDTH_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_FULLWIDTH)) + "]")
_FULLWIDTH_STR = {chr(cp): chr(to) for cp, to in _FULLWIDTH.items()}
_BLANK_RUN = re.compile(r"[ \t\f\v\r]+")


def _fold(text: str) -> str:
    return _FULLWIDTH_CHARS.sub(lambda m: _FULLWIDTH_STR[m.group()], text)


def _alnum(text: str, i: int) -> bool:
    return 0 <= i < len(text) and text[i].isascii() and text[i].isalnum()


def _deletions(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each stretch ``_DELETABLE`` removes, in order."""
    for run in _BLANK_RUN.finditer(text):
        start, end = run.span()
        if end - start == 1 and text[start] != "\r" and _alnum(text, start - 1) and _alnum(text, end):
            continue  # "GDP 80": the one space between two words stays
        yield start, end


@dataclass(frozen=True)
class TextView:
    """Normalised text plus the map back to the original.

    ``starts[k]`` is the normalised offset where the k-th kept run begins and ``origins[k]``
    the original offset of that same character; inside a run offsets move together.
    """

    text: str
    original_length: int
    starts: tuple[int, ...]
    origins: tuple[int, ...]

    def orig_index(self, i: int) -> int:
        """Original offset of normalised position ``i`` (``len(text)`` maps to the end)."""
        if i >= len(self.text):
            return self.original_length if i == len(self.text) else self._past_end(i)
        k = bisect_right(self.starts, i) - 1
        return self.origins[k] + (i - self.starts[k])

    def _past_end(self, i: int) -> int:
        raise IndexError(f"position {i} is past the end of the view ({len(self.text)})")

    def orig_span(self, start: int, end: int) -> Span:
        """The original span of normalised ``[start, end)``; deleted spaces at its edges are not
        included, those inside are (the original text between the two ends is kept whole)."""
        if end <= start:
            o = self.orig_index(start)
            return Span(o, o)
        return Span(self.orig_index(start), self.orig_index(end - 1) + 1)


@functools.lru_cache(maxsize=4)
def normalize(text: str) -> TextView:
    """Build the normalised view of ``text`` (see the module docstring for what changes).

    Cached: sections, prose and projects each view the same whole document, and the view is
    immutable, so they share one.
    """
    translated = _fold(text)
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    pos = 0
    out_len = 0
    for cut, cut_end in _deletions(translated):
        if cut > pos:
            starts.append(out_len)
            origins.append(pos)
            pieces.append(translated[pos:cut])
            out_len += cut - pos
        pos = cut_end
    if pos < len(translated) or not starts:
        starts.append(out_len)
        origins.append(pos)
        pieces.append(translated[pos:])
    return TextView("".join(pieces), len(text), tuple(starts), tuple(origins))
