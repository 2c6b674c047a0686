"""Indicator tables that a reader found as real tables (DOCX, HTML, PDF ``Block``s).

Real tables keep their grid: an empty cell is an empty string in its column and a spanned
cell is written once, so values need no guessing. What remains is the header, often two rows
(a group cell such as 完成情况 spanning 总量 | 增速 | 平均增速), which is read column by
column: the lowest header text is the column's leaf, the spanning cell above it its group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from planwatch.model import Block, Span
from planwatch.parse.table_header import LEAD_FIELDS, is_header_cell, read_header
from planwatch.parse.table_parts import RawRow, RawTable, classify_cell, fold_cell, split_name_unit

_CAPTION = re.compile(r"指标|表|目标|情况")
_CATEGORY_MARK = re.compile(r"^\s*(?:[一二三四五六七八九十]+\s*[、.．]|[(（][一二三四五六七八九十]+[)）])\s*")


def read_grid_table(block: Block, caption: str | None = None) -> RawTable | None:
    """An indicator table from a table block, or None when the block is not one."""
    rows = [[c.text.strip() for c in row] for row in block.rows]
    if not rows:
        return None
    ncols = max(len(r) for r in rows)
    rows = [r + [""] * (ncols - len(r)) for r in rows]
    cells = [list(row) + [None] * (ncols - len(row)) for row in block.rows]
    top = 0
    title = caption
    first = [c for c in rows[0] if c]
    if len(first) == 1 and ncols > 1 and _CAPTION.search(first[0]) and not is_header_cell(first[0]):
        title, top = first[0], 1
    head_end = top
    while head_end < len(rows) and all(is_header_cell(c) for c in rows[head_end] if c) and any(rows[head_end]):
        head_end += 1
    if head_end == top or head_end >= len(rows):
        return None
    leaves, groups = _column_headers(rows[top:head_end], ncols)
    reading = read_header(leaves, title, groups, drop_groups=False)
    if "name" not in reading.fields:
        return None
    lead = {f: reading.fields.index(f) for f in LEAD_FIELDS if f in reading.fields}
    value_cols = [i for i, f in enumerate(reading.fields) if f not in LEAD_FIELDS]
    out: list[RawRow] = []
    category: str | None = None
    for r in range(head_end, len(rows)):
        texts, row_cells = rows[r], cells[r]
        nonempty = [c for c in texts if c]
        if not nonempty:
            continue
        if len(nonempty) == 1 and classify_cell(nonempty[0], block.span).kind == "text":
            category = _CATEGORY_MARK.sub("", nonempty[0])
            continue
        if "category" in lead and texts[lead["category"]]:
            category = _CATEGORY_MARK.sub("", texts[lead["category"]])
        name_text = texts[lead["name"]]
        if not name_text:
            continue
        name, unit = split_name_unit(name_text)
        seq = _seq(texts[lead["seq"]]) if "seq" in lead else None
        spans = [cell.span if cell is not None else block.span for cell in row_cells]
        tokens = tuple(classify_cell(texts[c], spans[c]) for c in value_cols)
        spans = [cell.span for cell in row_cells if cell is not None]
        span = Span(min(s.start for s in spans), max(s.end for s in spans))
        out.append(RawRow(name, name_text, unit, span, tokens, seq, category, positional=True))
    if not out:
        return None
    return RawTable(title, leaves, block.span, out, groups=groups, positional=True)


def _column_headers(header_rows: Sequence[Sequence[str]], ncols: int) -> tuple[list[str], list[str]]:
    """Each column's leaf header (lowest text) and group header (spanning text above it)."""
    leaves, groups = [], []
    for c in range(ncols):
        at = [r for r in range(len(header_rows)) if header_rows[r][c]]
        if not at:
            leaves.append("")
            groups.append("")
            continue
        leaf_row = at[-1]
        leaves.append(header_rows[leaf_row][c])
        group = ""
        if leaf_row > 0:
            above = header_rows[leaf_row - 1]
            for k in range(c, -1, -1):
                if above[k]:
                    group = above[k]
                    break
        groups.append(group)
    return leaves, groups


def _seq(text: str) -> int | None:
    s = fold_cell(text)
    return int(s) if s.isdigit() and len(s) <= 3 else None
