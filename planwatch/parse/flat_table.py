"""Indicator tables in plain text: flattened (one cell per line) and aligned (cells split by
tabs or runs of spaces).

A web scrape of a table often prints every cell on its own line, blank lines between, and
simply drops the empty cells, so row boundaries and columns must be recovered from the cells
themselves. What marks a row is the sequence number followed by a name; what marks a category
(经济发展, printed also as "经济" "发展" and sometimes followed by the count of its rows) is a
short text run followed by the next sequence number. Those rules need no column positions, so
aligned text goes through the same reader once its lines are cut into cells.

Everything here is a single pass over lines; a document without the word 指标 costs one
substring test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from planwatch.model import Block, Cell, Span
from planwatch.parse.grid_table import read_grid_table
from planwatch.parse.table_header import is_header_cell, merge_unit_cells
from planwatch.parse.table_parts import (
    RawRow,
    RawTable,
    Token,
    classify_cell,
    clean_title,
    fold_cell,
    is_unit_only,
    split_name_unit,
)

_MAX_CELL = 40  # a longer line is prose, not a cell
_SENTENCE = re.compile(r"[。；;！？]")
_HEADING = re.compile(
    r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[篇章节]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])"
)
_TITLE_WORDS = re.compile(r"指标|表\s*\d|目标|完成情况|实现情况|体系")
_ALIGNED_SPLIT = re.compile(r"\t+|[ \u3000]{2,}")
_SINGLE_SPACE = re.compile(r"[ \u3000\t]+")
_MIN_SPACED_CELLS = 4
_CATEGORY_WORDS = re.compile(r"发展|驱动|福祉|生态|保障|建设|环境|转型|民生|开放|创新|改革|文化|社会|经济|绿色|安全|"
                             r"生活|资源|质量|效益|结构|治理|共享|协调|城乡")
_MIN_HEADER_CELLS = 3
_GLUED_SEQ = re.compile(r"^(\d{1,3})[.、．](?!\d)")
_MAX_HEADER_CELL = 12  # a longer cell above the header is the caption, not a column
_MIN_BODY_LINES = 8  # a second header further down than this starts another table


def find_text_tables(text: str) -> Iterator[RawTable]:
    """Every indicator table printed as plain text (flattened or aligned) in ``text``."""
    if "指标" not in text:
        return
    lines = list(_lines(text))
    i = 0
    while i < len(lines):
        start = _header_start(lines, i)
        if start is None:
            return
        cells, end = _region(lines, start)
        title = _title(lines, start)
        if _is_tabbed(lines[start:end]):
            table = read_grid_table(_tab_block(text, lines[start:end]), title[0] if title else None)
            if table is not None and title:
                table.span = Span(title[1].start, table.span.end)
        else:
            table = _read_cells(cells, title)
        if table is not None:
            yield table
        i = max(end, start + 1)


def _is_tabbed(lines: list[tuple[int, int, str]]) -> bool:
    """Tab-separated rows keep their empty cells (two tabs in a row): read them on a grid."""
    tabbed = sum("\t" in line for _, _, line in lines)
    return len(lines) >= 2 and tabbed >= 0.6 * len(lines)


def _tab_block(text: str, lines: list[tuple[int, int, str]]) -> Block:
    """The tab-separated lines as a table block, every cell (empty ones too) with its span."""
    rows = []
    for start, end, _ in lines:
        line_start = text.rfind("\n", 0, start) + 1
        line_end = text.find("\n", end)
        raw = text[line_start: line_end if line_end >= 0 else len(text)].rstrip("\r")
        cells, pos = [], line_start
        for piece in raw.split("\t"):
            lead = len(piece) - len(piece.lstrip())
            cell = piece.strip()
            cells.append(Cell(cell, Span(pos + lead, pos + lead + len(cell))))
            pos += len(piece) + 1
        rows.append(tuple(cells))
    return Block("table", Span(lines[0][0], lines[-1][1]), tuple(rows))


def _lines(text: str) -> Iterator[tuple[int, int, str]]:
    """Non-blank lines as (start, end, stripped text), offsets into ``text``."""
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            yield m.start() + lead, m.start() + lead + len(stripped), stripped


def _is_cell_line(line: str) -> bool:
    """A line that is one cell, or a row of aligned cells; not prose, not a heading."""
    if _SENTENCE.search(line) or _HEADING.match(line):
        return False
    return all(len(piece.strip()) <= _MAX_CELL for piece in _ALIGNED_SPLIT.split(line))


def _line_cells(line: tuple[int, int, str]) -> list[tuple[str, Span]]:
    """A line as cells: one, or several when it is aligned text (tabs or runs of spaces), or
    a row that PDF text extraction printed with single spaces ("1 地区生产总值 亿元 302.9 435")."""
    start, _end, text = line
    pattern = _ALIGNED_SPLIT if len(_ALIGNED_SPLIT.split(text)) >= 2 else \
        _SINGLE_SPACE if _is_spaced_row(text) else None
    if pattern is None:
        return [(text, Span(start, start + len(text)))]
    cells = []
    for m in re.finditer(rf"(?:(?!{pattern.pattern}).)+", text):
        piece = m.group()
        p = piece.strip()
        if p:
            lead = len(piece) - len(piece.lstrip())
            cells.append((p, Span(start + m.start() + lead, start + m.start() + lead + len(p))))
    return cells


def _is_spaced_row(text: str) -> bool:
    """Single-space separated pieces that are mostly values or header words, not a phrase."""
    pieces = text.split()
    if len(pieces) < _MIN_SPACED_CELLS:
        return False
    valued = sum(classify_cell(p, Span(0, 0)).kind not in ("text",) or is_header_cell(p) or is_unit_only(p)
                 for p in pieces)
    return valued * 2 >= len(pieces)


def _header_start(lines: list[tuple[int, int, str]], i: int) -> int | None:
    """Index of the next line where a header begins: header cells cluster in a few lines."""
    n = len(lines)
    while i < n:
        cells = _line_cells(lines[i]) if _is_cell_line(lines[i][2]) else []
        if cells and _is_header_at(lines, i, cells):
            return _header_top(lines, i)
        i += 1
    return None


def _is_header_at(lines: list[tuple[int, int, str]], i: int, cells: list[tuple[str, Span]]) -> bool:
    """A name-column header cell (指标, 指标名称) among enough other header cells."""
    if not any(_is_name_header(c) for c, _ in cells):
        return False
    window = [c for j in range(max(0, i - 4), min(len(lines), i + 8)) for c, _ in _line_cells(lines[j])
              if _is_cell_line(lines[j][2])]
    return sum(is_header_cell(c) for c in window) >= _MIN_HEADER_CELLS


def _header_top(lines: list[tuple[int, int, str]], i: int, floor: int = 0) -> int:
    """The first line of the header around line ``i`` (类别, 序号 may precede 指标)."""
    back = i
    while back > floor and i - back < 4 and _is_header_line(lines[back - 1]):
        back -= 1
    return back


_NAME_HEADER = re.compile(r"^(?:主要|具体)?(?:指标|项目)(?:名称)?(?:及单位|\(单位\))?$|^名称$|^指标内容$")


def _is_name_header(cell: str) -> bool:
    return _NAME_HEADER.match(fold_cell(cell)) is not None


def _is_header_line(line: tuple[int, int, str]) -> bool:
    cells = _line_cells(line)
    return _is_cell_line(line[2]) and all(is_header_cell(c) and len(c) <= _MAX_HEADER_CELL
                                          and clean_title(c) == c for c, _ in cells)


def _region(lines: list[tuple[int, int, str]], start: int) -> tuple[list[tuple[str, Span]], int]:
    """The cells of a table from its header on, up to the first line of prose or a heading."""
    cells: list[tuple[str, Span]] = []
    j = start
    while j < len(lines) and _is_cell_line(lines[j][2]):
        line_cells = _line_cells(lines[j])
        if j - start > _MIN_BODY_LINES and _is_header_at(lines, j, line_cells):
            # the next table's header, printed right after this one: stop before it and its caption
            top = _header_top(lines, j, start)
            if _title(lines, top) is not None:
                top -= 1
            del cells[len(cells) - sum(len(_line_cells(lines[k])) for k in range(top, j)):]
            return cells, top
        cells.extend(line_cells)
        j += 1
    return cells, j


def _title(lines: list[tuple[int, int, str]], start: int) -> tuple[str, Span] | None:
    """The caption just above the header, without its table number ("1-1", "表2")."""
    if start == 0:
        return None
    s, e, text = lines[start - 1]
    if len(text) > 60 or not _TITLE_WORDS.search(text) or _SENTENCE.search(text):
        return None
    return clean_title(text), Span(s, e)


def _read_cells(cells: list[tuple[str, Span]], title: tuple[str, Span] | None) -> RawTable | None:
    """Split a run of cells into header and body, and the body into rows."""
    k = 0
    while k < len(cells) and is_header_cell(cells[k][0]) and len(cells[k][0]) <= 2 * _MAX_HEADER_CELL \
            and not _starts_body(cells, k):
        k += 1
    header = merge_unit_cells([c for c, _ in cells[:k]])
    tokens = [classify_cell(c, span) for c, span in cells[k:]]
    has_seq = any(re.fullmatch(r"序号|编号|序", fold_cell(h)) for h in header)
    rows = segment_rows(tokens, has_seq)
    if not rows or not any(r.tokens for r in rows):
        return None
    first = title[1].start if title else cells[0][1].start
    last = max(r.span.end for r in rows)
    return RawTable(title[0] if title else None, header, Span(first, last), rows)


def _starts_body(cells: list[tuple[str, Span]], k: int) -> bool:
    """A header-looking cell that is really the first row: a year-free seq "1" before a name."""
    s = fold_cell(cells[k][0])
    return s.isdigit() and len(s) <= 2 and k + 1 < len(cells) and not is_header_cell(cells[k + 1][0])


# ---------------------------------------------------------------- rows of a flattened body
def segment_rows(tokens: Sequence[Token], has_seq: bool) -> list[RawRow]:
    """Rows of a flattened body, up to the first cell that neither continues a row nor starts
    one within a few cells (what follows is not the table)."""
    rows: list[RawRow] = []
    category: str | None = None
    expected = 1
    i, n = 0, len(tokens)
    uses_seq = has_seq
    after_category = False
    while i < n:
        cat = _category_at(tokens, i, expected)
        if cat is not None and not after_category:
            category, i = cat
            after_category = True
            continue
        seq = None
        t = tokens[i]
        allowed = (expected, 1) if after_category or not rows else (expected,)
        after_category = False
        if t.is_int and i + 1 < n and _is_name(tokens, i + 1) and int(t.value or 0) in allowed:
            seq, i, uses_seq = int(t.value or 0), i + 1, True
        elif not (_is_name(tokens, i) and (not uses_seq or not rows or _glued_seq(tokens[i]) == expected)):
            skip = _resync(tokens, i, expected, uses_seq) if rows else None
            if skip is None:
                break
            i = skip
            continue
        first = tokens[i - 1] if seq is not None else tokens[i]
        name_text = tokens[i].text
        j = i + 1
        # a long name wrapped over two cells: 每千人口拥有3岁以下婴幼儿 | 托位数(个)
        while j < n and j - i < 3 and "(" not in name_text and "（" not in name_text \
                and _continues_name(tokens, j, (seq or expected) + 1, uses_seq):
            name_text += tokens[j].text
            j += 1
        values_from = j
        while j < n and not _row_start(tokens, j, (seq or expected) + 1, uses_seq) \
                and not (tokens[j].kind == "text" and not is_unit_only(tokens[j].text)):
            j += 1
        name, unit = split_name_unit(name_text)
        glued = _glued_seq(tokens[i]) if seq is None else None
        if glued is not None:  # "1.地区生产总值增长(%)": the seq printed inside the name cell
            seq, uses_seq = glued, True
        values = tuple(tokens[values_from:j])
        end = values[-1].span.end if values else tokens[values_from - 1].span.end
        rows.append(RawRow(name, name_text, unit, Span(first.span.start, end), values, seq, category))
        expected = (seq or expected) + 1
        i = j
    return rows


def _continues_name(tokens: Sequence[Token], j: int, expected: int, uses_seq: bool) -> bool:
    """Whether the text cell at ``j`` is the rest of a wrapped name rather than the next row.

    With sequence numbers a row cannot start without one; without them only a tail that
    carries the unit bracket ("托位数(个)") is taken as the rest of the name."""
    if not _is_name(tokens, j) or _category_at(tokens, j, expected) is not None:
        return False
    if uses_seq:
        return not _row_start(tokens, j, expected, True)
    tail = tokens[j].text
    return len(fold_cell(tail)) <= 8 and split_name_unit(tail)[1] is not None


def _resync(tokens: Sequence[Token], i: int, expected: int, uses_seq: bool) -> int | None:
    """Where the table goes on after a stray cell (a footnote mark, a note), if it does soon."""
    for k in range(i + 1, min(i + 4, len(tokens))):
        if _row_start(tokens, k, expected, uses_seq):
            return k
    return None


def _is_name(tokens: Sequence[Token], k: int) -> bool:
    t = tokens[k]
    s = fold_cell(t.text)
    return t.kind == "text" and len(s) >= 2 and not is_unit_only(s) and not _is_name_header(s)


def _row_start(tokens: Sequence[Token], j: int, expected: int, uses_seq: bool) -> bool:
    t = tokens[j]
    if t.is_int and int(t.value or 0) == expected and j + 1 < len(tokens) and _is_name(tokens, j + 1) \
            and _category_at(tokens, j + 1, expected + 1) is None:
        return True
    if _category_at(tokens, j, expected) is not None:
        return True
    return _is_name(tokens, j) and (not uses_seq or _glued_seq(tokens[j]) == expected)


def _glued_seq(token: Token) -> int | None:
    m = _GLUED_SEQ.match(fold_cell(token.text))
    return int(m.group(1)) if m else None


def _category_at(tokens: Sequence[Token], i: int, expected: int) -> tuple[str, int] | None:
    """A category at ``i``: a short text run, optional count, then the next seq and a name.

    Returns the category and the index where the row (its seq) starts."""
    run: list[str] = []
    j = i
    while j < len(tokens) and tokens[j].kind == "text" and len(run) < 4:
        s = fold_cell(tokens[j].text)
        if len(s) > 6 or re.search(r"[()（）\d:：]", s) or s.startswith("注") or is_unit_only(s):
            break
        run.append(s)
        j += 1
    if not run or sum(map(len, run)) > 10:
        return None
    ints = j
    while ints < len(tokens) and tokens[ints].is_int and ints - j < 2:
        ints += 1
    if ints >= len(tokens) or not _is_name(tokens, ints):
        return _category_before_name(tokens, i, run) if ints == j else None
    if ints > j:  # seq numbers follow: the last one must be the expected (or a restart)
        if int(tokens[ints - 1].value or 0) not in (expected, 1):
            return None
        return "".join(run), ints - 1
    if _CATEGORY_WORDS.search("".join(run)) and not _is_name_like_run(run):
        return "".join(run), ints
    return None


def _category_before_name(tokens: Sequence[Token], i: int, run: list[str]) -> tuple[str, int] | None:
    """Without a seq column the text run may end with the row's own name, its unit or values
    right after it (经济发展 | 地区生产总值 | 亿元 | 265.3 …): the category is the head."""
    for k in range(len(run) - 1, 0, -1):
        head = run[:k]
        if _CATEGORY_WORDS.search("".join(head)) and not _is_name_like_run(head) \
                and _is_name(tokens, i + k) and _values_follow(tokens, i + k + 1):
            return "".join(head), i + k
    return None


def _values_follow(tokens: Sequence[Token], j: int) -> bool:
    """Whether a row's unit or values start at ``j`` (not another text cell)."""
    return j < len(tokens) and (tokens[j].kind != "text" or is_unit_only(tokens[j].text))


def _is_name_like_run(run: list[str]) -> bool:
    return len(run) == 1 and len(run[0]) > 4
