"""Blocks of a plain-text or Markdown file, found without touching its text.

The text of a .txt file is kept exactly as decoded (``\\r\\n`` and all), so blocks only point
into it: every non-blank line is a paragraph, its span trimmed of surrounding white space. In
Markdown, ``#`` lines are headings and pipe tables (``| a | b |``) are tables. This runs on every
plain document at several MB/s, so it works line by line with regexes, never per character.
"""

from __future__ import annotations

import re

from planwatch.model import Block, Cell, Span

_LINE = re.compile(r"[^\r\n]+")
_MD_HEADING = re.compile(r"#{1,6}(?:\s|$)")
_MD_RULE = re.compile(r"\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?")  # | --- | :---: |
_MD_CELL = re.compile(r"[^|]+")


def find_blocks(text: str, *, markdown: bool = False) -> tuple[Block, ...]:
    """Paragraph blocks for the non-blank lines of ``text`` (headings and tables for Markdown)."""
    blocks: list[Block] = []
    table: list[tuple[Cell, ...]] = []
    table_span: list[int] = []
    for match in _LINE.finditer(text):
        line = match.group()
        stripped = line.strip()
        if not stripped:
            continue
        start = match.start() + len(line) - len(line.lstrip())
        end = start + len(stripped)
        if markdown and stripped.startswith("|"):
            if not _MD_RULE.fullmatch(stripped):
                table.append(_markdown_row(text, start, end))
                table_span = [table_span[0] if table_span else start, end]
            continue
        if table:
            blocks.append(Block("table", Span(*table_span), tuple(table)))
            table, table_span = [], []
        heading = markdown and _MD_HEADING.match(stripped)
        blocks.append(Block("heading" if heading else "paragraph", Span(start, end)))
    if table:
        blocks.append(Block("table", Span(*table_span), tuple(table)))
    return tuple(blocks)


def _markdown_row(text: str, start: int, end: int) -> tuple[Cell, ...]:
    """The cells of one ``| a | b |`` row, each span trimmed to the cell's text."""
    cells = []
    for match in _MD_CELL.finditer(text, start, end):
        raw = match.group()
        value = raw.strip()
        cell_start = match.start() + len(raw) - len(raw.lstrip())
        cells.append(Cell(value, Span(cell_start, cell_start + len(value))))
    return tuple(cells)
