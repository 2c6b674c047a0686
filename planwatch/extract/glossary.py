"""The glossary of a plan (名词解释): its slogans and what they stand for.

Plans lean on numbered slogans (三高四新, 一中心四平台, 1+5+N+X) that a reader outside the
drafting office cannot decode; the 名词解释 at the end spells them out, and the web view shows
the definition beside each use. Entries are read only inside a glossary section found by
``planwatch.parse.structure`` — a "词：释义" line elsewhere is ordinary prose, not a glossary.

An entry is one line, optionally numbered (``1.`` ``1、`` ``(1)``), of the form
``term：definition``. The term is the quoted slogan where the term part quotes one
(城乡“一核两翼”格局 → 一核两翼), otherwise the whole term part. A line with
no colon near its start continues the previous entry's definition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planwatch.ingest.textview import normalize
from planwatch.model import GlossaryTerm, Section, Span

ENTRY_NUMBER = re.compile(r"^(?:\d{1,3}[.、．]|[(（]\d{1,3}[)）]|[①-⑳])\s*")
COLON = re.compile(r"[:：]")
QUOTED = re.compile(r"[“\"「‘']([^“”\"「」‘’']{1,40})[”\"」’']")
MAX_TERM_LEN = 40  # a colon further in than this is inside a sentence, not after a term
ENTRY_END = re.compile(r"[。；;]$")


def extract_glossary(text: str, sections: Sequence[Section]) -> list[GlossaryTerm]:
    """Terms and definitions of every glossary (名词解释) section of ``text``."""
    terms: list[GlossaryTerm] = []
    for section in sections:
        if section.kind == "glossary":
            body_start = section.heading.end if section.heading else section.span.start
            terms.extend(_entries(text, body_start, section.span.end))
    return terms


def _entries(text: str, start: int, end: int) -> list[GlossaryTerm]:
    view = normalize(text[start:end])
    body = view.text
    out: list[GlossaryTerm] = []
    for m in re.finditer(r"[^\n]+", body):
        line = m.group().strip()
        if not line:
            continue
        line_start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        entry = _entry(line)
        if entry is not None:
            term, definition = entry
            span = view.orig_span(line_start, line_start + len(line))
            out.append(GlossaryTerm(term, definition, Span(start + span.start, start + span.end)))
        elif out and not ENTRY_END.search(out[-1].definition):
            last = out[-1]
            span = view.orig_span(line_start, line_start + len(line))
            out[-1] = GlossaryTerm(last.term, last.definition + line, Span(last.span.start, start + span.end))
    return out


def _entry(line: str) -> tuple[str, str] | None:
    """(term, definition) of a ``term：definition`` line, or None for other lines."""
    numbered = ENTRY_NUMBER.match(line)
    rest = line[numbered.end() :] if numbered else line
    colon = COLON.search(rest)
    if colon is None or colon.start() == 0 or colon.start() > MAX_TERM_LEN:
        return None
    head, definition = rest[: colon.start()].strip(), rest[colon.end() :].strip()
    if not definition:
        return None
    quoted = QUOTED.search(head)
    term = quoted.group(1).strip() if quoted else head.strip("“”\"「」‘’' ")
    return (term, definition) if term else None
