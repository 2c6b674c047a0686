"""Paragraphs and tables of a Word (.docx) document, in body order.

Plans are drafted in Word, and their indicator tables (主要指标) are real Word tables there:
reading them as tables keeps every number in its row and column, which no text export does.
Merged cells are written once: a horizontally merged cell (gridSpan) is followed by empty cells
for the columns it covers, and the continuation of a vertically merged cell (vMerge) is empty,
so every row keeps the table's column grid and no value is counted twice. A one-column table is
a box (专栏 1 重大项目) around ordinary text and is read as paragraphs. Automatic numbering
(第一章, 一、, （一）) is written out as printed (see ``word_numbering``).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from lxml import etree

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
# Text boxes (专栏 drawn as a box) anchored in a paragraph: DrawingML, or VML for old Word;
# a box written both ways (mc:Choice and mc:Fallback) is read once.
_TEXT_BOXES = etree.XPath(
    ".//w:txbxContent[not(ancestor::mc:Fallback)]",
    namespaces={"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
                "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"})


def read_docx(raw: bytes, path: str) -> tuple[str, tuple[Block, ...]]:
    """Text and blocks of a .docx file's body."""
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableFileError(f"this Word file cannot be opened ({exc})", path=path,
                                  hint="open and re-save it in Word or WPS, or export it as PDF") from None
    builder = TextBuilder()
    _write_content(document.iter_inner_content(), builder, WordNumbering.of(document),
                   _ParagraphStyles(document))
    return builder.build()


def _write_content(items: Iterable[Paragraph | Table], builder: TextBuilder, numbering: WordNumbering,
                   styles: _ParagraphStyles) -> None:
    """Write paragraphs and tables in order; a one-column table is a box (专栏), read as flow."""
    for item in items:
        if isinstance(item, Paragraph):
            text = item.text
            if not text.strip():
                for box in _TEXT_BOXES(item._p):  # a box anchored in an empty paragraph
                    _write_content(_box_content(box), builder, numbering, styles)
                continue
            chain = styles.properties(item._p)
            heading = _is_heading(styles.name(item._p), chain)
            builder.add_line(numbering.label(chain) + text.strip(), "heading" if heading else "paragraph")
            for box in _TEXT_BOXES(item._p):
                _write_content(_box_content(box), builder, numbering, styles)
        elif _is_box(item):
            for tr in item._tbl.tr_lst:
                for tc in tr.iterchildren(_TC):
                    _write_content(_Cell(tc, item).iter_inner_content(), builder, numbering, styles)
        else:
            builder.add_table(_table_rows(item))


def _box_content(box) -> Iterator[Paragraph | Table]:  # type: ignore[no-untyped-def]
    for child in box.iterchildren(_P, _TBL):
        yield Paragraph(child, None) if child.tag == _P else Table(child, None)  # type: ignore[arg-type]


def _is_box(table: Table) -> bool:
    """A table of one column: a box around text (专栏, a note), not a table of data."""
    return all(len(tr.tc_lst) <= 1 for tr in table._tbl.tr_lst)


class _ParagraphStyles:
    """Paragraph styles by id, read once: python-docx's ``paragraph.style`` scans every style on
    every call, which made a long document take seconds."""

    def __init__(self, document) -> None:  # type: ignore[no-untyped-def]
        self.by_id: dict[str, Any] = {}
        self.default: str | None = None
        for style in document.styles.element.iterchildren(qn("w:style")):
            if style.get(qn("w:type")) != "paragraph":
                continue
            style_id = style.get(qn("w:styleId"))
            self.by_id[style_id] = style
            if style.get(qn("w:default")) in ("1", "true", "on"):
                self.default = style_id
        self._chains = {style_id: self._chain(style_id) for style_id in self.by_id}
        self._names = {}
        for style_id, style in self.by_id.items():
            name = style.find(qn("w:name"))
            self._names[style_id] = name.get(qn("w:val"), "") if name is not None else ""

    def name(self, p) -> str:  # type: ignore[no-untyped-def]
        return self._names.get(self._style_id(p) or "", "")

    def properties(self, p) -> list[Any]:  # type: ignore[no-untyped-def]
        """The paragraph's own properties (pPr), then its style's, then the style's bases'."""
        return [p.pPr, *self._chains.get(self._style_id(p) or "", ())]

    def _chain(self, style_id: str) -> tuple[Any, ...]:
        chain, seen = [], set()
        while style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            chain.append(style.find(qn("w:pPr")))
            based_on = style.find(qn("w:basedOn"))
            style_id = based_on.get(qn("w:val"), "") if based_on is not None else ""
        return tuple(chain)

    def _style_id(self, p) -> str | None:  # type: ignore[no-untyped-def]
        ppr = p.pPr
        p_style = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return p_style.get(qn("w:val")) if p_style is not None else self.default


def _is_heading(style_name: str, chain: list[Any]) -> bool:
    """A heading by style name (Heading 1, 标题 1, Title) or by an outline level in its properties."""
    if _HEADING_STYLE.match(style_name):
        return True
    for ppr in chain:
        level = ppr.find(qn("w:outlineLvl")) if ppr is not None else None
        if level is not None:
            return level.get(qn("w:val")) != "9"  # 9 is "body text"
    return False


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
