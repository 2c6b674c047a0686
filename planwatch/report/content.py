"""What an evaluation report says, independent of the format it is written in (报告内容).

``build_report`` evaluates a region and turns the ``Evaluation`` into a ``Report``: the title,
the counts by status, the 完成情况 table (序号, 指标, 单位, 属性, 基期值, 目标值, 实际值,
序时进度/预期值, 完成情况, 预警) as display strings, the warnings (binding veto first), the
chart data of each indicator and the evidence of every number (document, section, quote).
Markdown, HTML/PDF, Word and Excel writers only lay this out, so they never disagree.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from planwatch.errors import NotFoundError
from planwatch.evaluate.model import Actual, Evaluation, EvaluationRow, SourceRef, TargetInfo
from planwatch.evaluate.progress import LEVEL_METRICS
from planwatch.evaluate.status import STATUSES, WARNING_LEVELS
from planwatch.ingest.regions import canonical_region, same_region
from planwatch.report.chartdata import GROWTH_METRICS, ChartData, chart_data

ATTRIBUTE_TEXT = {"binding": "约束性", "expected": "预期性"}
COMPARATOR_SIGN = {"ge": "≥", "le": "≤", "approx": "≈", "eq": "", None: ""}
METRIC_TEXT = {"growth_avg": "年均增长", "growth": "增长", "change_total": "累计变化"}
COLUMNS: tuple[str, ...] = ("序号", "指标", "单位", "属性", "基期值", "目标值", "实际值", "序时进度/预期值",
                            "完成情况", "预警")


@dataclass(frozen=True)
class EvidenceItem:
    """One number and where it was read: role (目标值/基期值/实际值/…), document, section, quote."""

    role: str
    value: str
    year: int | None
    document: str
    section: str | None
    quote: str | None
    span: tuple[int, int] | None
    path: str | None


@dataclass(frozen=True)
class ReportRow:
    number: int
    indicator: str
    unit: str
    attribute: str
    baseline: str
    target: str
    actual: str
    expected: str
    status: str
    status_code: str
    warning: str
    colour: str | None  # red | yellow | green
    veto: bool
    chart: ChartData | None
    evidence: tuple[EvidenceItem, ...]
    row: EvaluationRow

    def cells(self) -> tuple[str, ...]:
        """The ten cells of the 完成情况 table, in ``COLUMNS`` order."""
        return (str(self.number), self.indicator, self.unit, self.attribute, self.baseline, self.target,
                self.actual, self.expected, self.status, self.warning)


@dataclass(frozen=True)
class WarningItem:
    number: int
    indicator: str
    level: int
    level_text: str
    colour: str
    veto: bool
    status: str
    change: str | None
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Report:
    title: str
    subtitle: str
    region: str
    as_of: int | None
    generated: dt.date
    plan_document: str | None
    counts: tuple[tuple[str, str, int], ...]  # (code, 中文, n) in the status table's order
    warning_counts: tuple[tuple[str, str, int], ...]  # (一级, colour, n)
    vetoes: int
    rows: tuple[ReportRow, ...]
    warnings: tuple[WarningItem, ...]
    evaluation: Evaluation = field(repr=False)

    @property
    def summary(self) -> str:
        """One paragraph a reader takes in first."""
        parts = "，".join(f"{text}{n}项" for _, text, n in self.counts)
        warn = "，".join(f"{text}预警{n}项" for text, _, n in self.warning_counts if n)
        out = f"本次评估共监测目标{len(self.rows)}项：{parts or '无'}。"
        if warn:
            out += f"预警情况：{warn}。"
        if self.vetoes:
            out += f"约束性指标未完成或滞后{self.vetoes}项（一票否决）。"
        return out


# ------------------------------------------------------------------ numbers as text
def fmt(value: Decimal | None) -> str:
    """A Decimal as planners print it: no exponent, no trailing zeros."""
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text if text != "-0" else "0"


def with_unit(value: Decimal | None, unit: str | None) -> str:
    return "" if value is None else f"{fmt(value)}{unit or ''}"


def target_text(t: TargetInfo) -> str:
    """目标值 as printed: ≥30, ≤5.5, 6–7, ≈7, or the words of a qualitative target."""
    prefix = METRIC_TEXT.get(t.metric, "")
    if t.comparator == "range" and t.low is not None and t.high is not None:
        return f"{prefix}{fmt(t.low)}–{fmt(t.high)}"
    if t.value is None:
        return t.text or "—"
    return f"{prefix}{COMPARATOR_SIGN.get(t.comparator, '')}{fmt(t.value)}"


def target_cell(t: TargetInfo) -> str:
    """目标值 of the table: an annual target (a work report's 主要预期目标) names its year."""
    text = target_text(t)
    if t.year and t.source.doc_type not in (None, "plan") and t.metric != "qualitative":
        text += f"（{t.year}年）"
    return text


def baseline_text(r: EvaluationRow) -> str:
    t = r.target
    if r.baseline is None:
        return "—"
    unit = t.baseline_unit or t.unit
    if t.metric in GROWTH_METRICS and not t.baseline_unit:  # a growth target's base is a level
        unit = next((a.unit for a in r.evidence if a.metric in LEVEL_METRICS and a.unit), None)
    return fmt(r.baseline) + (unit if unit and unit != t.unit else "")


def expected_text(r: EvaluationRow) -> str:
    """序时进度 to one decimal more than the plan prints its numbers (632.536 → 632.54)."""
    value = r.judgement.expected_now
    if value is None:
        return "—"
    printed = [v for v in (r.target.value, r.target.low, r.target.high, r.baseline) if v is not None]
    places = max((decimals(v) for v in printed), default=1) + 1
    return fmt(value.quantize(Decimal(1).scaleb(-places)) if decimals(value) > places else value)


def decimals(value: Decimal) -> int:
    """Digits after the point as printed (41.30 → 1, 400 → 0)."""
    exponent = value.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def actual_text(r: EvaluationRow) -> str:
    """实际值 with its year; a growth target also shows the growth it was judged on."""
    a, j, t = r.actual, r.judgement, r.target
    if a is None:
        return "—"
    unit = a.unit if a.unit and a.unit != t.unit else ""
    text = f"{fmt(a.value)}{unit}（{a.year}年{'，预计' if a.estimated else ''}）"
    if t.metric in ("growth_avg", "growth") and a.metric not in ("growth_avg", "growth") and j.realised is not None:
        text += f"；{METRIC_TEXT[t.metric]}{fmt(j.realised.quantize(Decimal('0.01')))}%"
    return text


def warning_cell(r: EvaluationRow) -> str:
    if r.warning is None:
        return "—"
    text = r.warning.text + ("（否决）" if r.veto else "")
    return text + (f"（{r.warning_change}）" if r.warning_change and "→" in r.warning_change else "")


# ------------------------------------------------------------------ evidence
class SectionFinder:
    """The innermost section of a document holding a span (read once per document)."""

    def __init__(self, store) -> None:
        self.store = store
        self._docs: dict[int, tuple[str, list[tuple[int, int, int, str]]]] = {}

    def _load(self, doc_id: int) -> tuple[str, list[tuple[int, int, int, str]]]:
        if doc_id not in self._docs:
            doc = self.store.document(doc_id)
            name = doc.title or Path(doc.path).name
            secs = sorted((s.section.span.start, -s.section.span.end, s.section.level, s.section.title)
                          for s in self.store.sections(doc_id))
            self._docs[doc_id] = (name, [(a, -b, lvl, title) for a, b, lvl, title in secs])
        return self._docs[doc_id]

    def document_name(self, src: SourceRef) -> str:
        if src.document_id is not None:
            return self._load(src.document_id)[0]
        return src.document or "—"

    def section(self, src: SourceRef) -> str | None:
        if src.document_id is None or src.span is None:
            return None
        _, secs = self._load(src.document_id)
        upto = bisect_right(secs, (src.span[0], float("inf")))
        holding = [s for s in secs[:upto] if s[0] <= src.span[0] and src.span[1] <= s[1]]
        if not holding:
            return None
        return max(holding, key=lambda s: (s[2], s[0]))[3]


def evidence_item(role: str, value: str, year: int | None, src: SourceRef, finder: SectionFinder | None,
                  ) -> EvidenceItem:
    document = finder.document_name(src) if finder else (src.document or "—")
    return EvidenceItem(role=role, value=value, year=year, document=document,
                        section=finder.section(src) if finder else None, quote=src.quote, span=src.span,
                        path=src.document)


def _actual_item(role: str, a: Actual, finder: SectionFinder | None) -> EvidenceItem:
    value = f"{fmt(a.value)}{a.unit or ''}" + ("（预计）" if a.estimated else "")
    return evidence_item(role, value, a.year, a.source, finder)


def row_evidence(r: EvaluationRow, finder: SectionFinder | None) -> tuple[EvidenceItem, ...]:
    """Every number of a row with its source: target, baseline, the judged actual, the other
    figures for that year, then every other year's actual (the chart's points)."""
    t = r.target
    items = [evidence_item("目标值", target_text(t) + (t.unit or ""), t.year, t.source, finder)]
    if r.baseline is not None and r.baseline_source is not None:
        items.append(evidence_item("基期值", baseline_text(r), t.base_year, r.baseline_source, finder))
    shown = {id(a) for a in (r.actual, *r.alternatives) if a is not None}
    if r.actual is not None:
        items.append(_actual_item("实际值", r.actual, finder))
    items.extend(_actual_item("其他来源", a, finder) for a in r.alternatives)
    seen = {(a.year, a.source.document, a.source.span) for a in (r.actual, *r.alternatives) if a is not None}
    for a in r.evidence:
        key = (a.year, a.source.document, a.source.span)
        if id(a) in shown or key in seen:
            continue
        seen.add(key)
        items.append(_actual_item("历年实际值", a, finder))
    return tuple(items)


# ------------------------------------------------------------------ the report
def plan_ordinal(period: tuple[int, int] | None) -> str | None:
    """The five-year plan's name for a period starting in ``period[0]``: 2021 → 十四五."""
    if not period or (period[0] - 1956) % 5 or period[0] < 1966:
        return None
    n = (period[0] - 1956) // 5 + 1
    digits = "一二三四五六七八九"
    tens = "" if n < 10 else ("十" if n < 20 else digits[n // 10 - 1] + "十")
    ones = digits[n % 10 - 1] if n % 10 else ""
    return f"{tens}{ones}五"


def display_region(region: str) -> str:
    found = canonical_region(region)
    return found.full_name if found else region


def plan_period(store, region: str, plan_doc: str | int | None) -> tuple[int, int] | None:
    if plan_doc is not None:
        return store.document(plan_doc).period
    plans = [d for d in store.documents() if d.doc_type == "plan" and d.period and d.region
             and same_region(region, d.region)]
    return max((d.period for d in plans), key=lambda p: (p[1] - p[0], p[0]), default=None)


def report_title(region: str, period: tuple[int, int] | None) -> str:
    ordinal = plan_ordinal(period)
    if ordinal:
        return f"《{region}“{ordinal}”规划纲要实施情况评估报告》"
    return f"《{region}规划实施情况评估报告》"


def report_of(evaluation: Evaluation, finder: SectionFinder | None = None,
              period: tuple[int, int] | None = None, today: dt.date | None = None) -> Report:
    """Lay an evaluation out as a report (``finder`` names each quote's section)."""
    today = today or dt.date.today()
    region = display_region(evaluation.region)
    rows = tuple(
        ReportRow(number=i, indicator=r.target.indicator, unit=r.target.unit or "—",
                  attribute=ATTRIBUTE_TEXT.get(r.target.attribute or "", "—"), baseline=baseline_text(r),
                  target=target_cell(r.target), actual=actual_text(r),
                  expected=expected_text(r), status=r.judgement.status_text,
                  status_code=r.judgement.status, warning=warning_cell(r),
                  colour=r.warning.colour if r.warning else None, veto=r.veto, chart=chart_data(r),
                  evidence=row_evidence(r, finder), row=r)
        for i, r in enumerate(evaluation.rows, start=1))
    counts = evaluation.counts()
    warned = [WarningItem(row.number, row.indicator, row.row.warning.level, row.row.warning.text,
                          row.row.warning.colour, row.veto, row.status, row.row.warning_change,
                          row.row.warning.reasons)
              for row in rows if row.row.warning is not None and (row.row.warning.level < 3 or row.veto)]
    warned.sort(key=lambda w: (not w.veto, w.level, w.number))
    levels = [row.row.warning.level for row in rows if row.row.warning is not None]
    as_of = f"评估截至{evaluation.as_of}年" if evaluation.as_of else "尚无实际值"
    return Report(
        title=report_title(region, period), subtitle=f"{as_of} · 生成日期：{today.isoformat()}",
        region=region, as_of=evaluation.as_of, generated=today, plan_document=evaluation.plan_document,
        counts=tuple((code, info.text, counts[code]) for code, info in STATUSES.items() if counts.get(code)),
        warning_counts=tuple((WARNING_LEVELS[lv][0], WARNING_LEVELS[lv][1], levels.count(lv)) for lv in (1, 2, 3)),
        vetoes=sum(r.veto for r in rows), rows=rows, warnings=tuple(warned), evaluation=evaluation)


def build_report(store, region: str, plan_doc: str | int | None = None, as_of: int | None = None,
                 settings=None, today: dt.date | None = None) -> Report:
    """Evaluate ``region`` from the store and lay the result out as a report."""
    from planwatch.evaluate.engine import evaluate_region

    evaluation = evaluate_region(store, region, plan_doc=plan_doc, as_of=as_of, settings=settings)
    if not evaluation.rows:
        raise NotFoundError(f"no targets for {region} in {store.location}",
                            hint="`planwatch documents` lists the stored regions and plans")
    return report_of(evaluation, SectionFinder(store), plan_period(store, region, plan_doc), today)
