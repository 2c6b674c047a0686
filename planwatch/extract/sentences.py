"""Where a sentence and a clause begin and end around a position of a text.

Plans, reports and bulletins end a sentence with 。；！？ and, in a PDF or a web scrape, often
with nothing but a line break; a clause also ends at ，and ：. The readers of goals, years,
metrics and names all look only inside the sentence or the clause of a number, so the bounds
are drawn in one place.
"""

from __future__ import annotations

import regex

# A line break ends a sentence unless it follows a comma (a wrapped line of a PDF or a scrape).
SENTENCE_END = regex.compile(r"[。！？!?；;]|(?<![，,、：:])\n")
# The same, searched backwards from a position (the last boundary before it).
SENTENCE_START = regex.compile(r"[。！？!?；;]|(?<![，,、：:])\n", flags=regex.REVERSE)
CLAUSE_START = regex.compile(r"[。！？!?；;\n，,：:]", flags=regex.REVERSE)
MAX_SENTENCE = 400  # a "sentence" of a scrape that lost its punctuation stops here


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` (split at 。；！？ and line ends)."""
    m = SENTENCE_START.search(text, max(0, pos - MAX_SENTENCE), pos)
    start = m.end() if m else max(0, pos - MAX_SENTENCE)
    m = SENTENCE_END.search(text, pos)
    return start, (m.start() if m else len(text))


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause (split also at ，：) that holds ``pos``, not before ``floor``."""
    m = CLAUSE_START.search(text, floor, pos)
    return m.end() if m else floor
