"""A document's text as HTML with every extraction marked, escaped character by character.

Extractions nest (a table row holds numbers, a sentence holds a target) and may even cross
(a search hit across two marks), so the text is cut at every boundary and each piece is
wrapped in the marks open over it, closing and reopening as needed: the HTML is always well
formed and every span covers exactly ``text[start:end]``. Paragraph starts get stable anchors
``p{offset}`` that search results link to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from markupsafe import Markup


@dataclass(frozen=True)
class Mark:
    """One highlighted range: its HTML opening tag (already safe) and its closing tag."""

    start: int
    end: int
    open_tag: str
    close_tag: str = "</span>"
    reopen_tag: str = ""  # the opening tag without its id, for a mark continued after a cut

    def reopen(self) -> str:
        return self.reopen_tag or self.open_tag


def extraction_mark(kind: str, record_id: int, start: int, end: int, label: str) -> Mark:
    """A clickable mark for a stored record; the script opens it in a side panel."""
    attrs = (f'tabindex="0" role="button" data-api="/api/records/{kind}/{record_id}" '
             f'data-href="/records/{kind}/{record_id}" title="{escape(label)}">')
    return Mark(start, end, f'<span class="x {kind}" id="x-{kind}-{record_id}" {attrs}', "</span>",
                f'<span class="x {kind}" {attrs}')


def hit_mark(start: int, end: int, first: bool = True) -> Mark:
    """A search hit; the first one carries the ``hl`` anchor a result links to."""
    return Mark(start, end, '<mark class="hit" id="hl">' if first else '<mark class="hit">', "</mark>",
                '<mark class="hit">')


def paragraph_starts(text: str) -> list[int]:
    starts, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            starts.append(pos + len(line) - len(line.lstrip()))
        pos += len(line) + 1
    return starts


def render_text(text: str, marks: Iterable[Mark]) -> Markup:
    """``text`` escaped, with ``marks`` wrapped around their ranges and paragraph anchors."""
    valid = sorted((m for m in marks if 0 <= m.start < m.end <= len(text)), key=lambda m: (m.start, -m.end))
    anchors = {p: f'<span class="anchor" id="p{p}"></span>' for p in paragraph_starts(text)}
    cuts = sorted({0, len(text), *anchors, *(m.start for m in valid), *(m.end for m in valid)})
    out: list[str] = []
    open_marks: list[Mark] = []
    pending = list(reversed(valid))  # pop() gives the next mark by start
    for i, pos in enumerate(cuts):
        # close marks ending here (and reopen the ones opened after them that continue)
        if any(m.end == pos for m in open_marks):
            keep = [m for m in open_marks if m.end > pos]
            out.extend(m.close_tag for m in reversed(open_marks))
            open_marks = []
            for m in keep:
                out.append(m.reopen())
                open_marks.append(m)
        if pos in anchors:
            out.append(anchors[pos])
        while pending and pending[-1].start == pos:
            m = pending.pop()
            out.append(m.open_tag)
            open_marks.append(m)
        if i + 1 < len(cuts):
            out.append(escape(text[pos : cuts[i + 1]], quote=False))
    out.extend(m.close_tag for m in reversed(open_marks))
    return Markup("".join(out))
