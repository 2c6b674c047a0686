"""Indicator tables (主要指标, 完成情况) of a document, in every shape they come in.

Real table blocks from the DOCX/HTML/PDF readers are read on their grid (``parse.grid_table``);
plain text is searched for flattened and aligned tables (``parse.flat_table``). Both give a
``RawTable`` whose header says the table kind and the field of every column; each row's values
are then placed into those columns (``extract.row_fields``), in two passes so that rows that
can be read only one way teach the table's usual pattern to the rows that cannot. Every row is
linked to the indicator catalogue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from planwatch.extract.row_fields import NUMERIC_FIELDS, Reading, RowContext, read_row
from planwatch.link.catalogue import Catalogue
from planwatch.model import Block, IndicatorRow, IndicatorTable, Section, SourceText, Span
from planwatch.parse.flat_table import find_text_tables
from planwatch.parse.grid_table import read_grid_table
from planwatch.parse.table_header import LEAD_FIELDS, HeaderReading, read_header
from planwatch.parse.table_parts import ATTRIBUTES, RawRow, RawTable, clean_title, fold_cell

_DECISIVE = 1.0  # a row read with this margin over its next reading votes for its pattern
_CAPTION_MAX = 60
_TITLE_SECTION_KINDS = ("table", "box", "annex")
_TEXT_KINDS = ("range", "ratio", "qual")  # values kept as printed text, not as one number


def extract_tables(source: SourceText, sections: Sequence[Section],
                   catalogue: Catalogue | None) -> list[IndicatorTable]:
    """Every indicator table of ``source``, in document order."""
    tables: list[IndicatorTable] = []
    for i, block in enumerate(source.blocks):
        if block.kind != "table":
            continue
        raw = read_grid_table(block, _caption(source.text, source.blocks, i))
        table = build_table(raw, catalogue, sections) if raw else None
        if table is not None:
            tables.append(table)
    taken = [t.span for t in tables]
    for raw in find_text_tables(source.text):
        if any(raw.span.start < s.end and s.start < raw.span.end for s in taken):
            continue  # the text rendering of a table block already read
        table = build_table(raw, catalogue, sections)
        if table is not None:
            tables.append(table)
    return sorted(tables, key=lambda t: t.span.start)


def build_table(raw: RawTable, catalogue: Catalogue | None,
                sections: Sequence[Section] = ()) -> IndicatorTable | None:
    """Give the raw rows their columns and make the ``IndicatorTable`` (None if no values)."""
    header = read_header(raw.header, raw.title, raw.groups, drop_groups=not raw.positional)
    fields = header.fields
    if not raw.positional and "name" in fields:  # a flattened row's values follow its name
        fields = fields[fields.index("name") + 1:]
    columns = [f for f in fields if f not in LEAD_FIELDS]
    if not columns:
        return None
    years = (header.target_year - header.baseline_year) if header.target_year and header.baseline_year else 5
    contexts = [RowContext(header.kind, row.unit, row.name, years) for row in raw.rows]
    readings = [read_row(columns, row.tokens, ctx, row.positional) for row, ctx in zip(raw.rows, contexts, strict=True)]
    prior = Counter(r.pattern for r in readings if r.margin >= _DECISIVE and r.pattern)
    if prior:
        readings = [
            r if r.margin >= _DECISIVE else read_row(
                columns, row.tokens, RowContext(ctx.kind, ctx.unit, ctx.name, ctx.years, prior), row.positional)
            for r, row, ctx in zip(readings, raw.rows, contexts, strict=True)
        ]
    rows = tuple(_indicator_row(row, r, header, catalogue) for row, r in zip(raw.rows, readings, strict=True))
    if not any(_has_values(r) for r in rows):
        return None
    title = raw.title or _section_title(sections, raw.span)
    return IndicatorTable(title=title, kind=header.kind, span=raw.span, rows=rows)  # type: ignore[arg-type]


def _indicator_row(row: RawRow, reading: Reading, header: HeaderReading,
                   catalogue: Catalogue | None) -> IndicatorRow:
    fields = reading.fields
    values = {f: t.value for f, t in fields.items() if f in NUMERIC_FIELDS and t.kind == "num"}
    attribute = next((ATTRIBUTES[fold_cell(t.text)] for f, t in fields.items() if t.kind == "attr"), None)
    unit = row.unit
    if unit is None and "unit" in fields and fields["unit"].kind == "text":
        unit = fold_cell(fields["unit"].text) or None
    status = next((t.text.strip() for f, t in fields.items()
                   if t.kind == "status" or (f == "status" and t.kind in ("qual", "text"))), None)
    target_tok = fields.get("target")
    actual_tok = fields.get("actual")
    target_text = target_tok.text.strip() if target_tok and target_tok.kind in (*_TEXT_KINDS, "num") else None
    actual_text = actual_tok.text.strip() if actual_tok and actual_tok.kind in _TEXT_KINDS else None
    if target_text is None:  # a growth target printed in words or as a range: 保持在合理区间, 6-7
        growth_tok = fields.get("annual_growth") or fields.get("target_growth")
        if growth_tok is not None and growth_tok.kind in _TEXT_KINDS:
            target_text = growth_tok.text.strip()
    match = catalogue.match(row.name, unit) if catalogue is not None else None
    return IndicatorRow(
        seq=row.seq, name=row.name, unit=unit, attribute=attribute, span=row.span,  # type: ignore[arg-type]
        category=row.category,
        baseline=values.get("baseline"), baseline_year=header.baseline_year,
        target=values.get("target"), target_text=target_text, target_year=header.target_year,
        annual_growth=values.get("annual_growth"), target_growth=values.get("target_growth"),
        actual=values.get("actual"), actual_text=actual_text, actual_growth=values.get("actual_growth"),
        actual_avg_growth=values.get("actual_avg_growth"), gap=values.get("gap"), status_text=status,
        indicator_id=match.id if match else None,
    )


def _has_values(row: IndicatorRow) -> bool:
    return any(getattr(row, f) is not None for f in (*NUMERIC_FIELDS, "target_text", "actual_text", "status_text"))


def _caption(text: str, blocks: Sequence[Block], i: int) -> str | None:
    """The paragraph right above a table block, when it reads like a caption."""
    if i == 0 or blocks[i - 1].kind == "table":
        return None
    cap = blocks[i - 1].span.of(text).strip()
    if len(cap) > _CAPTION_MAX or not any(w in cap for w in ("指标", "表", "目标", "情况")):
        return None
    return clean_title(cap)


def _section_title(sections: Sequence[Section], span: Span) -> str | None:
    """The title of the 附表/专栏 section a table sits in, when it has no caption of its own."""
    inner = [s for s in sections if s.kind in _TITLE_SECTION_KINDS and s.span.start <= span.start < s.span.end]
    return clean_title(inner[-1].title) if inner else None
