"""The evaluation's data classes (监测评估结果): what ``evaluate_region`` returns.

Reports, exports, the web and ``compare`` read these; every number keeps its source
(document, span, quote) so a planner can check it. All numbers are ``Decimal``.

- ``Settings``: tolerances and thresholds (docs/evaluation.md explains each).
- ``SourceRef``: where a number was read (document path or name, span, quoted text).
- ``Actual``: one reported actual with its source and vintage; ``chosen`` plus
  ``alternatives`` in a row.
- ``Goal``: a target normalised for judging (comparator, value or bounds, direction, unit).
- ``Judgement``: status, expected value now, gap, and the numbers that led there.
- ``Warning``: 预警 level 1–3 with its reasons; ``SdgAssessment``: the ESCAP/UNSD method.
- ``EvaluationRow`` and ``Evaluation``: one row per target; the whole evaluation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Direction = Literal["higher", "lower"]


@dataclass(frozen=True)
class Settings:
    """Tolerances of the judgement (STATUS_SPEC), all configurable.

    Rates (% / 个百分点 / growth metrics) take absolute tolerances in points; levels and
    counts take tolerances relative to |target|.
    """

    rate_tol: Decimal = Decimal("0.1")
    rate_near: Decimal = Decimal("0.5")
    level_tol: Decimal = Decimal("0.01")
    level_near: Decimal = Decimal("0.05")
    sdg_on_track: Decimal = Decimal("0.95")
    sdg_moderate: Decimal = Decimal("0.5")
    recent_years: int = 3  # how many recent annual changes count as "the recent pace"
    estimated_ok: bool = True  # use a 预计 estimate when no final figure exists


@dataclass(frozen=True)
class SourceRef:
    """Where a number was read: the document (path or name), the span, the quoted text."""

    document: str | None
    span: tuple[int, int] | None
    quote: str | None
    doc_type: str | None = None
    document_id: int | None = None


@dataclass(frozen=True)
class Actual:
    """A reported actual (实际值) as evidence: value in the unit it was reported in."""

    value: Decimal
    unit: str | None
    year: int
    metric: str
    source: SourceRef
    estimated: bool = False
    vintage: str | None = None  # when the figure was recorded (a revision is a later vintage)
    source_kind: str | None = None  # "extracted" | "spreadsheet" | ...
    period: tuple[int, int] | None = None


@dataclass(frozen=True)
class Goal:
    """A target made ready for judging: what number, which way is better, which tolerance."""

    comparator: str  # eq | approx | ge | le | range
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    direction: Direction
    rate: bool  # tolerances in points (True) or relative to |target| (False)


@dataclass(frozen=True)
class Judgement:
    """The status of one target and the numbers behind it."""

    status: str
    status_text: str
    basis: str  # "final" | "progress" | "none"
    realised: Decimal | None = None  # the value judged: level, or realised (average) growth
    expected_now: Decimal | None = None
    gap: Decimal | None = None  # realised − expected (progress) or realised − target (final)
    year: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class Warning:
    """预警: level 1 (一级, red), 2 (二级, yellow), 3 (三级, green), with its reasons."""

    level: int
    text: str
    colour: str
    reasons: tuple[str, ...] = ()
    annual_expected: Decimal | None = None
    projected: Decimal | None = None  # where the best recent pace leads by the target year


@dataclass(frozen=True)
class SdgAssessment:
    """UN ESCAP/UNSD anticipated-progress grade beside the Chinese method."""

    grade: str  # on_track | moderate | limited | regression
    text: str
    ratio: Decimal | None
    realised_rate: Decimal | None  # cr, in % a year
    required_rate: Decimal | None  # rr, in % a year


@dataclass(frozen=True)
class TargetInfo:
    """The target a row judges, as stated (with where it was stated)."""

    indicator: str
    indicator_id: str | None
    metric: str
    comparator: str | None
    value: Decimal | None
    low: Decimal | None
    high: Decimal | None
    unit: str | None
    year: int | None
    base_year: int | None
    attribute: str | None  # expected | binding
    source: SourceRef
    text: str | None = None  # wording of a qualitative target
    origin: str = "prose"  # "prose" | "table"
    baseline: Decimal | None = None  # the baseline the plan prints (table rows), in baseline_unit
    baseline_unit: str | None = None  # unit of levels for this target (a growth target's base level)
    region: str | None = None
    restated: tuple[SourceRef, ...] = ()  # the same target stated again elsewhere (kept as evidence)

    @property
    def annual(self) -> bool:
        """A one-year target (a work report's 主要预期目标 for its year), not a period target."""
        return self.year is not None and self.base_year is not None and self.year - self.base_year == 1


@dataclass(frozen=True)
class EvaluationRow:
    """One target judged (one line of the monitoring table)."""

    target: TargetInfo
    direction: Direction
    baseline: Decimal | None
    baseline_source: SourceRef | None
    actual: Actual | None  # the actual judged (latest year used)
    alternatives: tuple[Actual, ...]  # other figures for the same year, with their sources
    judgement: Judgement
    warning: Warning | None = None
    warning_change: str | None = None  # e.g. "三级 → 一级" against as_of − 1
    veto: bool = False  # binding indicator missed or lagging (一票否决)
    sdg: SdgAssessment | None = None
    evidence: tuple[Actual, ...] = ()  # every actual linked to this target (all years)

    @property
    def status(self) -> str:
        return self.judgement.status

    @property
    def key(self) -> tuple:
        t = self.target
        return (t.indicator_id or t.indicator, t.metric, t.year, t.comparator, t.value, t.low, t.high)


@dataclass(frozen=True)
class Evaluation:
    """A region's plan evaluated as of a year (监测评估)."""

    region: str
    as_of: int | None
    plan_document: str | None
    rows: tuple[EvaluationRow, ...]
    settings: Settings = field(default_factory=Settings)

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in self.rows:
            out[row.status] = out.get(row.status, 0) + 1
        return out
