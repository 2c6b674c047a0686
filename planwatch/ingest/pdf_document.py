"""Paragraphs and tables of a PDF's text layer, reflowed the way the document was written.

A PDF knows glyphs and positions, not paragraphs. To give the extractors sentences instead of
printed lines, the reader:

* groups the text into visual lines by baseline (LibreOffice exports split one printed line into
  several runs, ``( 2021 \\n \\n年2``, and put “ ” in runs of their own over gaps left in the
  line's run, so overlapping runs are merged character by character);
* takes ruled tables found by ``page.find_tables()`` as table blocks and drops their area from the
  loose text, so no number is read twice;
* drops page numbers (``- 3 -``, ``第3页``) and running headers/footers that repeat in the page
  margins;
* joins the lines of a paragraph (CJK lines without a space, and a number the line end cut in
  two, ``23`` / ``4.27亿元``, without one either), including a paragraph that runs on
  to the next page, and starts a new paragraph at an indented line, after a line that ended with
  room to spare (allowing for Chinese line-breaking rules, which push 、 and “ to the next line),
  after a wide vertical gap, at a change of font size, or at a numbered heading (第一章, 一、).

A PDF with no text at all is a scan: that is an error with a hint to run OCR, not an empty result.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from statistics import median
from typing import NamedTuple

import pymupdf

from planwatch.errors import NoTextLayerError, UnreadableFileError
from planwatch.ingest.builder import TextBuilder, join_wrapped
from planwatch.model import Block

# Share of the page height at the top and bottom where running headers, footers and page numbers sit.
MARGIN_ZONE = 0.08
# A line repeated (digits aside) in the margin zone of this many pages is a running header/footer.
RUNNING_MIN_PAGES = 3
# Geometry of paragraph breaks, in multiples of the line's font size.
INDENT = 1.0  # a line starting this much right of the text's left edge is indented
SLACK = 0.5  # room beyond the next line's first word that still counts as a full line
OVERLAP = 0.2  # runs on one baseline overlapping by more than this (x font size) interleave
KINSOKU = 3.0  # characters that line-breaking rules may push to the next line
LATIN_WIDTH = 0.6  # width of a Latin letter or digit relative to the font size
GAP = 1.0  # vertical white space between lines that separates paragraphs
SIZE_CHANGE = 1.0  # points of font size difference that separate a heading from body text
HEADING_MAX_CHARS = 40

_PAGE_NUMBER = re.compile(
    r"[-—–－~·\s]*(?:第\s*)?(?:\d+|[ivxlcIVXLC]+)\s*页?(?:\s*[/／]\s*\d+|\s*共\s*\d+\s*页)?[-—–－~·\s]*")
_HEADING_START = re.compile(
    r"(?:第[一二三四五六七八九十百零〇\d]+[篇章节部分条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|"
    r"专栏\s*\d|附表|附件|名词解释)")
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[。！？；：!?;:…][”’」』）)]*$")
_NO_LINE_START = re.compile(r"[、，。；：！？）》」』】〕”’%‰,.;:!?)\]]*")
_LATIN_WORD = re.compile(r"[A-Za-z0-9.,%()\-]+")
# TEXT_COLLECT_VECTORS adds a block (type 3) per vector graphic: without one a page has no ruled
# table, and the text pass tells so at no extra cost.
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP | pymupdf.TEXT_COLLECT_VECTORS
_VECTOR_BLOCK = 3


@dataclass
class _Line:
    """One visual line of a page (runs on one baseline merged), with its position."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str
    indented_by_spaces: bool


@dataclass
class _Table:
    page: int
    y0: float
    rows: list[list[str]]
    box: tuple[float, ...]


@dataclass
class _Page:
    height: float
    left: float
    right: float
    items: list[_Line | _Table]


def read_pdf(raw: bytes, path: str) -> tuple[str, tuple[Block, ...]]:
    """Text and blocks of a PDF with a text layer; a PDF without one raises NoTextLayerError."""
    document = _open(raw, path)
    try:
        pages: list[_Page] = []
        positions = False  # once one page needs character positions, the next ones likely do too
        for number in range(document.page_count):
            page, positions = _read_page(document[number], number, positions)
            pages.append(page)
        if not any(page.items for page in pages):
            _refuse_scan(document, path)
    finally:
        document.close()
    _drop_furniture(pages)
    builder = TextBuilder()
    _write(pages, builder)
    return builder.build()


def _open(raw: bytes, path: str) -> pymupdf.Document:
    try:
        document = pymupdf.open(stream=raw, filetype="pdf")
    except Exception as exc:  # pymupdf raises its own FileDataError, RuntimeError...
        raise UnreadableFileError(f"this PDF cannot be opened ({exc})", path=path,
                                  hint="open and re-save (print to PDF) it, or download it again") from None
    if document.page_count == 0:
        raise UnreadableFileError("this PDF has no pages (it is damaged or incomplete)", path=path,
                                  hint="download it again, or open and re-save it")
    if document.needs_pass and not document.authenticate(""):
        raise UnreadableFileError("this PDF is password-protected", path=path,
                                  hint="remove the password (print to a new PDF) and pass that file")
    return document


def _refuse_scan(document: pymupdf.Document, path: str) -> None:
    images = sum(1 for number in range(document.page_count) if document[number].get_images())
    if images:
        raise NoTextLayerError(
            f"the PDF has no text layer: {images} of its {document.page_count} pages are images "
            "(a scan)", path=path,
            hint="run OCR first, e.g. `ocrmypdf -l chi_sim IN.pdf OUT.pdf`, and pass the OCR'd file")
    raise NoTextLayerError("the PDF has no text layer", path=path,
                           hint="run OCR first, or export the document again with its text")


def _read_page(page: pymupdf.Page, number: int, positions: bool) -> tuple[_Page, bool]:
    """A page's lines and tables; ``positions`` asks for character positions (slower) at once.

    Returns the page and whether it needed character positions.
    """
    textpage = page.get_textpage(flags=_TEXT_FLAGS)
    blocks = (textpage.extractRAWDICT() if positions else textpage.extractDICT())["blocks"]
    runs = _runs(blocks)
    if not positions and any(_interleaved(group) for group in _baseline_groups(runs)):
        # Character positions are needed to interleave the runs; only such pages pay for them.
        positions = True
        runs = _runs(textpage.extractRAWDICT()["blocks"])
    has_vectors = any(block["type"] == _VECTOR_BLOCK for block in blocks)
    tables = _find_tables(page, runs, number) if has_vectors and runs else []
    loose = [run for run in runs if not any(_inside(run, table.box) for table in tables)]
    items: list[_Line | _Table] = [*_visual_lines(loose, number), *tables]
    items.sort(key=lambda item: item.y0)
    return _Page(page.rect.height, 0.0, 0.0, items), positions


class _Run(NamedTuple):
    """A line as pymupdf reports it; several may share one printed line."""

    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    text: str
    spans: list[dict]  # pymupdf's spans (from rawdict: with characters, to interleave runs)


def _runs(blocks: list[dict]) -> list[_Run]:
    runs = []
    for block in blocks:
        for line in block.get("lines", ()):
            spans = line["spans"]
            if "chars" in spans[0]:  # rawdict
                text = "".join([char["c"] for span in spans for char in span["chars"]])
            else:
                text = "".join([span["text"] for span in spans])
            if text.strip():
                size = max(span["size"] for span in spans)
                x0, y0, x1, y1 = line["bbox"]
                runs.append(_Run(x0, y0, x1, y1, size, text, spans))
    return runs


def _inside(run: _Run, box: tuple[float, ...], slack: float = 1.0) -> bool:
    """Whether a run's centre lies in a box (give or take ``slack`` points)."""
    x, y = (run.x0 + run.x1) / 2, (run.y0 + run.y1) / 2
    return box[0] - slack <= x <= box[2] + slack and box[1] - slack <= y <= box[3] + slack


def _find_tables(page: pymupdf.Page, runs: list[_Run], number: int) -> list[_Table]:
    """Ruled tables of a page, their cells read from the page's own runs.

    pymupdf finds the grid; the cell text is rebuilt here from the runs inside each cell, because
    its own extraction scrambles runs a LibreOffice export splits (``356.2`` came out ``356 2 .``).
    A cell covered by a merged one (``None`` in pymupdf's grid) is empty.
    """
    # use_layout=False: pymupdf 2's layout model costs ~0.2 s a page; ruled tables need no model.
    found = page.find_tables(use_layout=False)
    tables = []
    for table in found.tables:
        rows = [[_cell_text(runs, box, number) if box else "" for box in row.cells] for row in table.rows]
        if len(rows) >= 2 and max(len(row) for row in rows) >= 2:
            tables.append(_Table(number, table.bbox[1], rows, tuple(table.bbox)))
    return tables


def _cell_text(runs: list[_Run], box: tuple[float, ...], number: int) -> str:
    return join_wrapped([line.text for line in _visual_lines([r for r in runs if _inside(r, box)], number)])


def _visual_lines(runs: list[_Run], number: int) -> list[_Line]:
    """Runs sharing a baseline merged into lines, top to bottom."""
    return [_merge_runs(group, number) for group in _baseline_groups(runs)]


def _baseline_groups(runs: list[_Run]) -> list[list[_Run]]:
    """Runs grouped by baseline, top to bottom, each group left to right."""
    groups: list[list[_Run]] = []
    for run in sorted(runs, key=lambda run: ((run.y0 + run.y1) / 2, run.x0)):
        if groups and _same_baseline(groups[-1][-1], run):
            groups[-1].append(run)
        else:
            groups.append([run])
    for group in groups:
        group.sort(key=lambda run: run.x0)
    return groups


def _interleaved(group: list[_Run]) -> bool:
    """Whether runs of one line overlap (LibreOffice puts “ ” in runs of their own over gaps it
    leaves in the line's run), so that only character positions give the reading order."""
    return any(run.x0 < previous.x1 - OVERLAP * run.size for previous, run in pairwise(group))


def _same_baseline(a: _Run, b: _Run) -> bool:
    overlap = min(a.y1, b.y1) - max(a.y0, b.y0)
    return overlap >= 0.5 * min(a.y1 - a.y0, b.y1 - b.y0)


def _merge_runs(group: list[_Run], number: int) -> _Line:
    """One visual line from its runs, left to right; a visible gap between runs becomes a space."""
    if _interleaved(group) and "chars" in group[0].spans[0]:
        chars = [char for run in group for span in run.spans for char in span["chars"]]
        text = "".join(char["c"] for char in sorted(chars, key=lambda char: char["bbox"][0]))
    else:
        pieces = [group[0].text]
        for previous, run in pairwise(group):
            if run.x0 - previous.x1 > 0.5 * run.size and not pieces[-1].endswith(" ") \
                    and not run.text.startswith(" "):
                pieces.append(" ")
            pieces.append(run.text)
        text = "".join(pieces)
    return _Line(page=number, x0=group[0].x0, y0=min(r.y0 for r in group), x1=max(r.x1 for r in group),
                 y1=max(r.y1 for r in group), size=max(r.size for r in group), text=text.strip(),
                 indented_by_spaces=text.startswith(("\u3000", "  ", "\t")))


def _drop_furniture(pages: list[_Page]) -> None:
    """Remove page numbers and running headers/footers from the page margins, then measure the
    text's left and right edges on each page without them."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_running_key(item) for item in page.items
                     if isinstance(item, _Line) and _in_margin(item, page)})
    running = min(RUNNING_MIN_PAGES, len(pages))
    for page in pages:
        lines = [item for item in page.items if isinstance(item, _Line)]
        edges = {id(lines[0]), id(lines[-1])} if lines else set()

        def furniture(line: _Line, page: _Page = page, edges: set[int] = edges) -> bool:
            margin = _in_margin(line, page)
            if (margin or id(line) in edges) and _PAGE_NUMBER.fullmatch(line.text):
                return True
            return len(pages) > 1 and margin and seen[_running_key(line)] >= running

        page.items = [item for item in page.items if not (isinstance(item, _Line) and furniture(item))]
        body = [item for item in page.items if isinstance(item, _Line)]
        page.left = _edge([line.x0 for line in body], min)
        page.right = _edge([line.x1 for line in body], max)


def _in_margin(line: _Line, page: _Page) -> bool:
    return line.y1 < MARGIN_ZONE * page.height or line.y0 > (1 - MARGIN_ZONE) * page.height


def _running_key(line: _Line) -> str:
    return _DIGITS.sub("#", line.text.replace(" ", ""))


def _edge(values: list[float], pick: Callable[[list[float]], float]) -> float:
    """The text's edge on a page: the outermost position that at least two lines share (one
    stray line does not move the margin), else the outermost position."""
    if not values:
        return 0.0
    counts = Counter(round(value) for value in values)
    shared = [float(value) for value, count in counts.items() if count >= 2]
    return pick(shared) if shared else pick(values)


def _write(pages: list[_Page], builder: TextBuilder) -> None:
    """Reflow the lines into paragraphs and write them and the tables, in page order."""
    sizes = [item.size for page in pages for item in page.items if isinstance(item, _Line)]
    body_size = median(sizes) if sizes else 0.0
    paragraph: list[_Line] = []

    def flush() -> None:
        if paragraph:
            text = join_wrapped(_mend_numbers([line.text for line in paragraph]))
            builder.add_line(text, "heading" if _is_heading(paragraph, text, body_size) else "paragraph")
            paragraph.clear()

    previous: _Line | None = None
    for page in pages:
        for item in page.items:
            if isinstance(item, _Table):
                flush()
                builder.add_table(item.rows)
                previous = None
                continue
            if previous is not None and _starts_paragraph(previous, item, pages):
                flush()
            paragraph.append(item)
            previous = item
    flush()


# A line that ends in a digit (or a digit and a decimal point) and a line that starts with one.
_NUMBER_END = re.compile(r"\d\.?$")
_NUMBER_START = re.compile(r"^\.?\d")


def _mend_numbers(lines: list[str]) -> list[str]:
    """The lines of a paragraph with each number the line end cut in two put back in one line:
    a PDF wraps a full line wherever it is full, even inside 234.27亿元, and a space there would
    read as two numbers (23 and 4.27亿元). Only paragraphs: a table cell's lines may well be two
    values one above the other."""
    out: list[str] = []
    for line in lines:
        text = line.strip()
        if out and text and _NUMBER_END.search(out[-1]) and _NUMBER_START.match(text):
            out[-1] += text
        elif text:
            out.append(text)
    return out


def _starts_paragraph(previous: _Line, line: _Line, pages: list[_Page]) -> bool:
    """Whether ``line`` begins a new paragraph rather than continuing ``previous``."""
    size = line.size or 10.0
    this_page, last_page = pages[line.page], pages[previous.page]
    if line.indented_by_spaces or line.x0 > this_page.left + INDENT * size:
        return True
    room = last_page.right - previous.x1
    if room > _first_word_width(line) + SLACK * size and (
            _SENTENCE_END.search(previous.text) or room > KINSOKU * size):
        # The next line's first word would have fitted: the line was ended on purpose. Unless it
        # ends mid-sentence with little room left: line-breaking rules (no 、 at a line start, no
        # “ at a line end) push a few characters down.
        return True
    if abs(line.size - previous.size) >= SIZE_CHANGE:
        return True
    if line.page == previous.page and line.y0 - previous.y1 > GAP * size:
        return True
    # 一、 or 第二章 at a line start begins a heading after a finished sentence; after an
    # unfinished one it is the wrapped middle of a sentence (统 / 一、左右协调).
    return bool(_HEADING_START.match(line.text) and _SENTENCE_END.search(previous.text))


def _first_word_width(line: _Line) -> float:
    """How wide the first unbreakable piece of a line is: a Latin word or number, or one CJK glyph,
    with the punctuation that may not begin a line (、，。”…) and so moved down with it."""
    word = _LATIN_WORD.match(line.text)
    latin = len(word.group()) if word else 0
    tail = _NO_LINE_START.match(line.text, latin or 1)
    return line.size * (LATIN_WIDTH * latin + (0 if latin else 1) + (len(tail.group()) if tail else 0))


def _is_heading(lines: list[_Line], text: str, body_size: float) -> bool:
    if len(text) > HEADING_MAX_CHARS or text.endswith(("。", "；", "，", ".", ";", ",")):
        return False
    return lines[0].size >= body_size + SIZE_CHANGE or bool(_HEADING_START.match(text))
