"""Paragraphs and tables of a Word (.docx) document, in body order.

Plans are drafted in Word, and their indicator tables (主要指标) are real Word tables there:
reading them as tables keeps every number in its row and column, which no text export does.
Merged cells are written once: a horizontally merged cell (gridSpan) is followed by empty cells
for the columns it covers, and the continuation of a vertically merged cell (vMerge) is empty,
so every row keeps the table's column grid and no value is counted twice. Automatic numbering
(第一章, 一、, （一）) is written out as printed (see ``word_numbering``).
"""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from planwatch.errors import UnreadableFileError
from planwatch.ingest.builder import TextBuilder
from planwatch.ingest.word_numbering import WordNumbering
from planwatch.model import Block

# Style names (English and Chinese Word) that mark a heading paragraph.
_HEADING_STYLE = re.compile(r"^(?:heading|title|subtitle|标题|副标题)", re.IGNORECASE)
_TC = qn("w:tc")
_TBL = qn("w:tbl")
_P = qn("w:p")
_SDT_CONTENT = qn("w:sdtContent")


def read_docx(raw: bytes, path: str) -> tuple[str, tuple[Block, ...]]:
    """Text and blocks of a .docx file's body."""
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFileError(f"this Word file cannot be opened ({exc})", path=path,
                                  hint="open and re-save it in Word or WPS, or export it as PDF") from None
    builder = TextBuilder()
    numbering = WordNumbering.of(document)
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = item.text
            if text.strip():
                text = numbering.label(item) + text.strip()
            builder.add_line(text, "heading" if _is_heading(item) else "paragraph")
        elif isinstance(item, Table):
            builder.add_table(_table_rows(item))
    return builder.build()


def _is_heading(paragraph: Paragraph) -> bool:
    try:
        style = paragraph.style
    except (KeyError, ValueError):
        return False
    if style is not None and style.name and _HEADING_STYLE.match(style.name):
        return True
    ppr = paragraph._p.pPr
    level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
    return level is not None and level.get(qn("w:val")) != "9"  # 9 is "body text"


def _table_rows(table: Table) -> list[list[str]]:
    """Rows on the table grid; merged cells written once (see the module docstring)."""
    rows = []
    for tr in table._tbl.tr_lst:
        row: list[str] = []
        for tc in tr.iterchildren(_TC):
            text = "" if _continues_vertical_merge(tc) else _cell_text(tc)
            row.append(text)
            row.extend([""] * (max(tc.grid_span, 1) - 1))
        rows.append(row)
    return rows


def _continues_vertical_merge(tc) -> bool:  # type: ignore[no-untyped-def]
    tc_pr = tc.tcPr
    if tc_pr is None:
        return False
    v_merge = tc_pr.find(qn("w:vMerge"))
    return v_merge is not None and v_merge.get(qn("w:val"), "continue") == "continue"


def _cell_text(tc) -> str:  # type: ignore[no-untyped-def]
    """A cell's paragraphs (and those of any table nested in it), joined as wrapped lines."""
    lines = []
    for element in tc.iter(_P):
        text = Paragraph(element, None).text.strip()  # type: ignore[arg-type]  # text needs no parent
        if text:
            lines.append(text)
    return "\n".join(lines)
