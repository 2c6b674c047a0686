"""The tables of the planwatch store (SQLAlchemy Core), portable across SQLite and PostgreSQL.

Every extracted item keeps its span (``span_start``, ``span_end``) into its document's text,
which lives in ``texts``, so any number in the store can be shown in its sentence. Exact
numbers are kept as TEXT (``DecimalText``): a planner's 16.4 must come back as 16.4.

Strings that come from documents or extractors are unbounded TEXT (PostgreSQL enforces
VARCHAR lengths, SQLite does not: a bound would pass every test here and fail there).

This module describes the *current* shape. ``migrations.py`` brings an existing database to it;
when a table changes here, add a migration there.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)


class DecimalText(TypeDecorator[Decimal]):
    """A ``Decimal`` stored as its exact text (``str(d)``) and read back as ``Decimal``.

    Why not NUMERIC: SQLite has no exact decimal type (it would hand back floats), and a
    fixed precision/scale would have to be guessed for numbers as different as 0.3% and
    16000亿元.
    """

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        if isinstance(value, float):
            raise TypeError(f"float {value!r} given where an exact Decimal is required")
        return str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        try:
            return Decimal(value)
        except InvalidOperation as exc:  # only a hand-edited database gets here
            raise ValueError(f"not an exact number in the store: {value!r}") from exc


metadata = MetaData()

def _document_fk() -> ForeignKey:
    return ForeignKey("documents.id", ondelete="CASCADE")


def _span_columns() -> list[Column[Any]]:
    return [Column("span_start", Integer, nullable=False), Column("span_end", Integer, nullable=False)]


def _period_columns() -> list[Column[Any]]:
    return [Column("period_start", Integer), Column("period_end", Integer)]


schema_migrations = Table(
    "schema_migrations", metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True),
    Column("path", Text, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("size", Integer, nullable=False),
    Column("format", Text, nullable=False),
    Column("encoding", Text, nullable=False),
    Column("title", Text),
    Column("doc_type", Text, nullable=False),
    Column("region", Text),
    Column("region_code", Text),
    *_period_columns(),
    Column("chars", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("is_current", Boolean, nullable=False),
    Column("ingested_at", String(40), nullable=False),
    # What was stored, so a check can prove no document is half-written.
    Column("n_sections", Integer, nullable=False),
    Column("n_tables", Integer, nullable=False),
    Column("n_rows", Integer, nullable=False),
    Column("n_targets", Integer, nullable=False),
    Column("n_observations", Integer, nullable=False),
    Column("n_glossary", Integer, nullable=False),
    Column("n_projects", Integer, nullable=False),
    Index("ix_documents_path", "path"),
    Index("ix_documents_region", "region"),
    sqlite_autoincrement=True,  # never hand a deleted document's id (and its links) to another
)

texts = Table(
    "texts", metadata,
    Column("document_id", Integer, _document_fk(), primary_key=True),
    Column("text", Text, nullable=False),
    Column("blocks", Text, nullable=False),  # JSON: the reader's blocks (kind, span, cells)
)

sections = Table(
    "sections", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _document_fk(), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    *_span_columns(),
    Column("heading_start", Integer),
    Column("heading_end", Integer),
    Index("ix_sections_document", "document_id"),
)

indicator_tables = Table(
    "indicator_tables", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _document_fk(), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("title", Text),
    Column("kind", Text, nullable=False),
    *_span_columns(),
    Index("ix_indicator_tables_document", "document_id"),
)

indicator_rows = Table(
    "indicator_rows", metadata,
    Column("id", Integer, primary_key=True),
    Column("table_id", Integer, ForeignKey("indicator_tables.id", ondelete="CASCADE"), nullable=False),
    Column("document_id", Integer, _document_fk(), nullable=False),
    Column("ordinal", Integer, nullable=False),  # position in the table
    Column("seq", Integer),  # the row number as printed
    Column("name", Text, nullable=False),
    Column("unit", Text),
    Column("attribute", Text),
    *_span_columns(),
    Column("category", Text),
    Column("baseline", DecimalText),
    Column("baseline_year", Integer),
    Column("target", DecimalText),
    Column("target_text", Text),
    Column("target_year", Integer),
    Column("annual_growth", DecimalText),
    Column("target_growth", DecimalText),
    Column("actual", DecimalText),
    Column("actual_text", Text),
    Column("actual_growth", DecimalText),
    Column("actual_avg_growth", DecimalText),
    Column("gap", DecimalText),
    Column("status_text", Text),
    Column("indicator_id", Text),
    Index("ix_indicator_rows_table", "table_id"),
    Index("ix_indicator_rows_document", "document_id"),
)

targets = Table(
    "targets", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _document_fk(), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("indicator", Text, nullable=False),
    Column("metric", Text, nullable=False),
    Column("comparator", Text),
    Column("value", DecimalText),
    Column("unit", Text),
    Column("year", Integer),
    *_span_columns(),
    Column("low", DecimalText),
    Column("high", DecimalText),
    Column("indicator_id", Text),
    Column("region", Text),
    *_period_columns(),
    Column("text", Text),
    Index("ix_targets_document", "document_id"),
    Index("ix_targets_indicator", "indicator_id"),
)

observations = Table(
    "observations", metadata,
    Column("id", Integer, primary_key=True),
    # NULL for actuals imported from a spreadsheet rather than read from a stored document.
    Column("document_id", Integer, _document_fk()),
    Column("seq", Integer, nullable=False),
    Column("source_kind", Text, nullable=False),  # "extracted" | "imported"
    Column("source", Text),  # the imported file (and sheet/row) a figure came from
    Column("vintage", Text, nullable=False),  # when this figure was recorded: revisions add, never replace
    Column("indicator", Text, nullable=False),
    Column("metric", Text, nullable=False),
    Column("value", DecimalText, nullable=False),
    Column("unit", Text),
    Column("year", Integer),
    *_span_columns(),
    *_period_columns(),
    Column("estimated", Boolean, nullable=False),
    Column("indicator_id", Text),
    Column("region", Text),
    Column("comparator", Text),  # as printed: 超过300亿元 is ge (migration 0002)
    Index("ix_observations_document", "document_id"),
    Index("ix_observations_indicator", "indicator_id"),
    Index("ix_observations_region", "region"),
)

glossary = Table(
    "glossary", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _document_fk(), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("term", Text, nullable=False),
    Column("definition", Text, nullable=False),
    *_span_columns(),
    Index("ix_glossary_document", "document_id"),
)

projects = Table(
    "projects", metadata,
    Column("id", Integer, primary_key=True),
    Column("document_id", Integer, _document_fk(), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("section", Text),
    *_span_columns(),
    Column("investment", DecimalText),  # 总投资 as printed (migration 0003)
    Column("investment_unit", Text),
    Index("ix_projects_document", "document_id"),
)

# Child tables of a document and the count column in ``documents`` that says how many rows
# each must hold: the consistency check compares the two.
CHILD_COUNTS: tuple[tuple[Table, str], ...] = (
    (sections, "n_sections"),
    (indicator_tables, "n_tables"),
    (indicator_rows, "n_rows"),
    (targets, "n_targets"),
    (observations, "n_observations"),
    (glossary, "n_glossary"),
    (projects, "n_projects"),
)

# Deleting a document deletes these first (children before parents), explicitly, so deletion
# does not depend on the database enforcing ON DELETE CASCADE.
DOCUMENT_CHILDREN: tuple[Table, ...] = (
    indicator_rows, indicator_tables, sections, targets, observations, glossary, projects, texts,
)
