"""The text a structured reader (HTML, DOCX, PDF) builds, with a block for every piece.

A DOCX or PDF has no text file to point into, so its reader writes one: paragraphs and headings
one per line, each table row one line with cells joined by a tab. The builder keeps the offsets
while it writes, so every block and cell span indexes the finished text exactly, and nothing has
to be searched for afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planwatch.model import Block, BlockKind, Cell, Span

# Characters after or before which a wrapped line joins without a space: CJK ideographs, CJK
# and full-width punctuation. Latin words join with one space.
_CJK = (r"\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff"
        r"\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019")
_CJK_CHAR = re.compile(f"[{_CJK}]")
_SPACE_RUN = re.compile(r"\s+")
_LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x85\u2028\u2029]+\s*")


def join_wrapped(pieces: Sequence[str]) -> str:
    """Join the lines of one wrapped paragraph: no space between CJK text, one between words."""
    parts: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if parts:
            last = parts[-1][-1]
            if not (_CJK_CHAR.match(last) or _CJK_CHAR.match(piece) or last == "-"):
                parts.append(" ")
        parts.append(piece)
    return "".join(parts)


def one_line(text: str) -> str:
    """A paragraph or cell as one line: inner line breaks joined as wrapping, tabs as spaces."""
    if "\n" in text or "\r" in text or "\v" in text or "\f" in text or "\u2028" in text:
        text = join_wrapped(_LINE_BREAKS.split(text))
    if "\t" in text:
        text = text.replace("\t", " ")
    return text.strip()


def collapse_spaces(text: str) -> str:
    """HTML's rendering rule: white space shows as one space, and a line break between CJK
    characters as nothing (CSS Text 3 segment-break rule, what browsers do for Chinese)."""
    if "\n" in text or "\r" in text:
        text = join_wrapped(_LINE_BREAKS.split(text))
    return _SPACE_RUN.sub(" ", text).strip()


class TextBuilder:
    """Writes a document's text line by line and records each block's span as it goes."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._offset = 0
        self._blocks: list[Block] = []

    def add_line(self, text: str, kind: BlockKind = "paragraph") -> None:
        """Add a paragraph or heading; blank text is skipped."""
        line = one_line(text)
        if not line:
            return
        start = self._write(line)
        self._blocks.append(Block(kind, Span(start, start + len(line))))

    def add_table(self, rows: Sequence[Sequence[str]]) -> None:
        """Add a table, one line per row; rows whose cells are all blank are skipped."""
        cleaned = [[one_line(cell) for cell in row] for row in rows]
        cleaned = [row for row in cleaned if any(row)]
        if not cleaned:
            return
        table_start: int | None = None
        built: list[tuple[Cell, ...]] = []
        for row in cleaned:
            start = self._write("\t".join(row))
            if table_start is None:
                table_start = start
            cells = []
            for cell in row:
                cells.append(Cell(cell, Span(start, start + len(cell))))
                start += len(cell) + 1
            built.append(tuple(cells))
        assert table_start is not None
        self._blocks.append(Block("table", Span(table_start, self._offset), tuple(built)))

    def build(self) -> tuple[str, tuple[Block, ...]]:
        """The finished text (lines joined by "\\n") and its blocks in order."""
        return "".join(self._parts), tuple(self._blocks)

    def _write(self, line: str) -> int:
        if self._parts:
            self._parts.append("\n")
            self._offset += 1
        start = self._offset
        self._parts.append(line)
        self._offset += len(line)
        return start
