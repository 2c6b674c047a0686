"""Helpers for tests that write real PDFs with PyMuPDF's built-in CJK font."""

from __future__ import annotations

import pymupdf

FONT = "china-s"
SIZE = 11.0


def wrap(text: str, width: float, font: str = FONT, size: float = SIZE) -> list[str]:
    """Break text into lines of at most ``width`` points, character by character, as Word does."""
    lines, line = [], ""
    for char in text:
        if pymupdf.get_text_length(line + char, fontname=font, fontsize=size) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines
