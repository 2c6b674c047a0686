"""The data that flows between planwatch's pipeline stages.

Every stage takes and returns these frozen data classes, so a stage can be tested alone and the
CLI, the store and the web layer all speak of the same things. Numbers are ``Decimal`` all the
way from the text to the store: a planner's 16.4亿 must stay 16.4, never 16.399999.

Spans are ``Span(start, end)``: half-open offsets in code points into the *original decoded
text* of a document (``SourceText.text``), never into a normalised copy.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

DocType = Literal["plan", "work_report", "bulletin", "evaluation", "news", "listing", "other"]
DOC_TYPES: tuple[str, ...] = ("plan", "work_report", "bulletin", "evaluation", "news", "listing", "other")

Attribute = Literal["expected", "binding"]  # 预期性 / 约束性
Metric = Literal["level", "growth", "growth_avg", "change_total", "share", "count", "qualitative"]
Comparator = Literal["eq", "approx", "ge", "le", "range"]
TableKind = Literal["plan_indicators", "completion_review"]
BlockKind = Literal["paragraph", "heading", "table"]


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of code points in a document's decoded text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if self.start < 0 or self.end < self.start:
            raise ValueError(f"bad span [{self.start}, {self.end})")

    def of(self, text: str) -> str:
        return text[self.start : self.end]

    def as_list(self) -> list[int]:
        return [self.start, self.end]

    def __len__(self) -> int:
        return self.end - self.start


@dataclass(frozen=True)
class Cell:
    """One table cell: its text as printed and where it stands in the decoded text."""

    text: str
    span: Span


@dataclass(frozen=True)
class Block:
    """A paragraph, heading or real table as the reader found it.

    Readers of structured formats (DOCX, HTML, PDF) know where tables are; they say so here
    instead of leaving the extractor to guess from loose lines.
    """

    kind: BlockKind
    span: Span
    rows: tuple[tuple[Cell, ...], ...] = ()


@dataclass(frozen=True)
class SourceText:
    """A document as decoded: the exact text every span indexes, and how it was obtained."""

    path: str
    text: str
    sha256: str  # of the raw file bytes
    encoding: str  # e.g. "utf-8", "gb18030", "utf-16"; for DOCX/PDF the container format
    format: Literal["text", "markdown", "html", "docx", "pdf"]
    blocks: tuple[Block, ...] = ()
    size: int = 0  # raw bytes


@dataclass(frozen=True)
class DocumentMeta:
    """What a document is: type, region, period or year, title (detected or given)."""

    doc_type: str = "other"
    region: str | None = None  # full name with parent where known, e.g. 株洲市石峰区
    period: tuple[int, int] | None = None  # plan period, or the year(s) a report covers
    title: str | None = None
    region_code: str | None = None  # GB/T 2260 code where known


@dataclass(frozen=True)
class Section:
    """A heading of the plan's structure (篇, 章, 节, 专栏, 附表, 名词解释, numbered items).

    ``span`` covers the heading and its body up to the next heading of the same or a higher
    level, so "which section is this number in" is a span containment test.
    """

    title: str
    level: int
    kind: str
    span: Span
    heading: Span | None = None


@dataclass(frozen=True)
class IndicatorRow:
    """One row of an indicator table (主要指标), as printed.

    For ``plan_indicators`` tables the baseline/target/annual_growth fields are set; for
    ``completion_review`` tables (a review of the previous plan) target, target_growth, actual,
    actual_growth, actual_avg_growth, gap and status_text.
    """

    seq: int | None
    name: str
    unit: str | None
    attribute: Attribute | None
    span: Span
    category: str | None = None
    baseline: Decimal | None = None
    baseline_year: int | None = None
    target: Decimal | None = None
    target_text: str | None = None
    target_year: int | None = None
    annual_growth: Decimal | None = None
    target_growth: Decimal | None = None
    actual: Decimal | None = None
    actual_text: str | None = None
    actual_growth: Decimal | None = None
    actual_avg_growth: Decimal | None = None
    gap: Decimal | None = None
    status_text: str | None = None
    indicator_id: str | None = None


@dataclass(frozen=True)
class IndicatorTable:
    """An indicator table: a plan's 主要指标 or a completion review (完成情况)."""

    title: str | None
    kind: TableKind
    span: Span
    rows: tuple[IndicatorRow, ...]


@dataclass(frozen=True)
class Target:
    """A goal (目标) stated for a future year or for the plan period.

    ``metric == "qualitative"`` with ``value is None`` is a goal stated without a number
    (GDP 增长保持在合理区间): kept, because "the plan sets no number" differs from "not found".
    """

    indicator: str
    metric: Metric
    comparator: Comparator | None
    value: Decimal | None
    unit: str | None
    year: int | None
    span: Span
    low: Decimal | None = None
    high: Decimal | None = None
    indicator_id: str | None = None
    region: str | None = None
    period: tuple[int, int] | None = None
    text: str | None = None  # the wording of a qualitative target


@dataclass(frozen=True)
class Observation:
    """A reported actual (实际值): what happened in a past year or period."""

    indicator: str
    metric: Metric
    value: Decimal
    unit: str | None
    year: int | None
    span: Span
    period: tuple[int, int] | None = None
    estimated: bool = False  # 预计
    indicator_id: str | None = None
    region: str | None = None
    comparator: Comparator | None = None  # as printed: 超过300亿元 is ge, 近四成 approx


@dataclass(frozen=True)
class GlossaryTerm:
    """A term of a plan's 名词解释 with its definition."""

    term: str
    definition: str
    span: Span


@dataclass(frozen=True)
class Project:
    """A key project (重点项目) named in a plan, typically inside a 专栏 box."""

    name: str
    span: Span
    section: str | None = None
    investment: Decimal | None = None  # 总投资 as printed, in investment_unit
    investment_unit: str | None = None  # 亿元 / 万元


@dataclass(frozen=True)
class Extraction:
    """Everything planwatch reads out of one document."""

    source: SourceText
    meta: DocumentMeta
    sections: tuple[Section, ...] = ()
    tables: tuple[IndicatorTable, ...] = ()
    targets: tuple[Target, ...] = ()
    observations: tuple[Observation, ...] = ()
    glossary: tuple[GlossaryTerm, ...] = ()
    projects: tuple[Project, ...] = field(default=())
