"""A synthetic document as it is composed (合成文档): blocks of text plus the truth items.

Composition appends headings, paragraphs and tables to a ``DocBuilder``; every sentence that
states a number is written from a template whose quoted part is marked ``«…»``. The builder
drops the marks and records where the quote landed, so an item's span is known by construction
instead of being searched for afterwards: ``text[start:end] == quote`` always holds for the
canonical text (which is the decoded text of a plain-text file).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

OPEN, CLOSE = "«", "»"
# Half-width punctuation as PDF extraction often leaves it (坚持人民主体地位,把…).
_ASCII_PUNCT = str.maketrans({"，": ",", "；": ";", "：": ":", "（": "(", "）": ")"})


@dataclass
class TableBlock:
    """A table as cells (for DOCX/HTML real tables) and where its rows lie in the canonical text."""

    title: str
    header: list[str]
    rows: list[list[str]]
    row_spans: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Block:
    """A heading, paragraph or table of the canonical text, with its offsets."""

    kind: str  # heading | paragraph | table | boiler
    text: str
    start: int
    level: int = 0
    table: TableBlock | None = None


@dataclass
class SynthDoc:
    """One composed document: canonical text, blocks, and the items that should be extracted."""

    name: str
    doc_type: str
    region: str
    parent: str | None
    year: int
    period: tuple[int, int]
    title: str
    blocks: list[Block]
    text: str
    items: list[dict[str, Any]]
    tables: list[dict[str, Any]]
    shape: str = ""  # how the indicator table was laid out in the text


class DocBuilder:
    """Appends text and records the spans of marked quotes.

    Blocks are separated by ``sep`` (one or two newlines, as scraped documents differ).
    """

    def __init__(self, sep: str = "\n", ascii_punct: bool = False, page_chars: int = 0,
                 plan_number: int = 14) -> None:
        self.sep = sep
        self._table = _ASCII_PUNCT if ascii_punct else None
        self._era = _era_renamer(plan_number)
        self._page_chars = page_chars  # > 0: a page number line roughly every so many characters
        self._next_page = page_chars
        self._page = 1
        self._parts: list[str] = []
        self._pos = 0
        self.blocks: list[Block] = []
        self.items: list[dict[str, Any]] = []
        self.tables: list[dict[str, Any]] = []

    @property
    def pos(self) -> int:
        return self._pos

    def _append(self, s: str) -> int:
        s = self._printed(s)
        start = self._pos
        self._parts.append(s)
        self._pos += len(s)
        return start

    def _printed(self, s: str) -> str:
        """Text as this document prints it; every edit is one for one, so offsets stay."""
        if self._era is not None:
            s = self._era(s)
        return s.translate(self._table) if self._table is not None else s

    def _page_mark(self) -> None:
        """PDF-to-text leaves page numbers between paragraphs (- 3 -): digits that are not data."""
        if self._page_chars and self._pos >= self._next_page:
            self._next_page = self._pos + self._page_chars
            self._page += 1
            mark = f"- {self._page} -" if self._page % 2 else f"－ {self._page} －"
            self._append(self.sep)
            start = self._append(mark)
            self.blocks.append(Block("boiler", mark, start))

    def _block(self, kind: str, text: str, level: int = 0, table: TableBlock | None = None) -> Block:
        self._page_mark()
        if self._parts:
            self._append(self.sep)
        start = self._append(text)
        block = Block(kind, text, start, level, table)
        self.blocks.append(block)
        return block

    def heading(self, text: str, level: int = 1) -> None:
        self._block("heading", text, level)

    def boiler(self, text: str) -> None:
        """Navigation, footers, dates: text an extractor should skip."""
        self._block("boiler", text)

    def paragraph(self, sentences: list[tuple[str, list[dict[str, Any]]]]) -> None:
        """A paragraph of sentences; each is (text with «quote» marks, items the quote states)."""
        self._page_mark()
        if self._parts:
            self._append(self.sep)
        start, first = self._pos, len(self._parts)
        for marked, items in sentences:
            self._sentence(marked, items)
        self.blocks.append(Block("paragraph", "".join(self._parts[first:]), start))

    def _sentence(self, marked: str, items: list[dict[str, Any]]) -> None:
        marked = self._printed(marked)
        quotes = split_marks(marked)
        base = self._pos
        plain = "".join(piece for piece, _ in quotes)
        self._append(plain)
        offset = 0
        qi = 0
        for piece, is_quote in quotes:
            if is_quote:
                span = (base + offset, base + offset + len(piece))
                for item in items:
                    if item.get("_q", 0) == qi:
                        item["quote"] = piece
                        item["span"] = list(span)
                        item.pop("_q", None)
                        self.items.append(item)
                qi += 1
            offset += len(piece)
        missing = [i for i in items if "span" not in i]
        if missing:
            raise ValueError(f"sentence {marked!r} lacks a quote for {missing}")

    def table(self, table: TableBlock, rendered: str, row_offsets: list[tuple[int, int]],
              truth: dict[str, Any], row_items: list[dict[str, Any]]) -> None:
        """A table rendered as text; ``row_offsets`` are row spans relative to ``rendered``."""
        self._page_mark()
        if self._parts:
            self._append(self.sep)
        start = self._append(rendered)
        rendered = self._printed(rendered)
        table.row_spans = [(start + a, start + b) for a, b in row_offsets]
        self.blocks.append(Block("table", rendered, start, 0, table))
        for item, (a, b) in zip(row_items, table.row_spans, strict=True):
            item["span"] = [a, b]
            item["quote"] = rendered[a - start : b - start]
        truth["span"] = [start, start + len(rendered)]
        truth["rows"] = row_items
        self.tables.append(truth)

    def build(self, **meta: Any) -> SynthDoc:
        text = "".join(self._parts) + "\n"
        if "title" in meta:
            meta["title"] = self._printed(meta["title"])  # the title as printed
        return SynthDoc(text=text, blocks=self.blocks, items=self.items, tables=self.tables, **meta)


def _era_renamer(plan_number: int) -> Callable[[str], str] | None:
    """Templates speak of the 14th plan; a later plan renames 十四五→十五五, 十三五→十四五
    (same lengths, so no offset moves)."""
    if plan_number == 14:
        return None
    digits = "一二三四五六七八九"
    names = {f"十{digits[n - 11]}五": f"十{digits[n - 11 + plan_number - 14]}五" for n in (13, 14)}
    names["第十四个"] = f"第十{digits[plan_number - 11]}个"
    pattern = re.compile("|".join(names))
    return lambda s: pattern.sub(lambda m: names[m.group(0)], s)


def split_marks(marked: str) -> list[tuple[str, bool]]:
    """``"a«b»c"`` → ``[("a", False), ("b", True), ("c", False)]``."""
    out: list[tuple[str, bool]] = []
    rest = marked
    while OPEN in rest:
        before, _, tail = rest.partition(OPEN)
        quote, sep, after = tail.partition(CLOSE)
        if not sep:
            raise ValueError(f"unclosed quote mark in {marked!r}")
        if before:
            out.append((before, False))
        out.append((quote, True))
        rest = after
    if rest:
        out.append((rest, False))
    return out
