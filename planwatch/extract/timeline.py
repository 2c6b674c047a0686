"""Where a document looks back and where it looks ahead, and which years those are.

A plan reviews the previous five years ("十三五"发展成就) before it sets goals for the next
("十四五"主要目标); a work report reviews last year (2020年工作回顾) before it sets this year's
主要预期目标; a news report mixes both. Numbers in a review are actuals of the review year,
numbers among the goals are targets of the goal year. This module finds those parts from
phrases in the text (headings or not: a scraped page may have lost its line breaks) and from
the document's sections when the structure parser found them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from planwatch.extract.vocabulary import Vocabulary
from planwatch.model import DocumentMeta, Section

# What may stand before a heading phrase: a line start, 第一章, 一、, (三), 专栏2.
HEADING_PREFIX = regex.compile(
    r"(?:^|\n)\s*(?:第[一二三四五六七八九十百零〇]+[篇章节])?\s*$"
    r"|(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]|专栏\d+(?:-\d+)?)\s*$")
# A plan names itself: 第十四个五年规划, “十四五”规划 (a bare “十三五” may be a news aside).
PLAN_NAMES = regex.compile(r"第十(?P<n>[一二三四五六七八九])个五年规划|十(?P<n>[一二三四五六七八九])五”?规划")
PLAN_NUMBERS = {"一": 11, "二": 12, "三": 13, "四": 14, "五": 15, "六": 16}
TITLE_REGION = 1500  # characters at the start of a document where its title stands


@dataclass(frozen=True)
class Zone:
    """A stretch of the document from ``start``: a review (actuals) or goals (targets)."""

    start: int
    kind: str  # "review" | "goal"
    year: int  # the review year (actuals) or the goal year (targets)
    period: tuple[int, int] | None = None  # a five-year review or plan period


@dataclass(frozen=True)
class Timeline:
    """The zones of one document plus its defaults, to answer "goal or actual, which year"."""

    zones: tuple[Zone, ...]
    starts: tuple[int, ...]
    reference_year: int  # the year the document is written for (plan start, report year)
    goal_year: int  # default year of a target
    review_year: int  # default year of an actual
    plan_period: tuple[int, int] | None
    plan: bool  # a plan states goals where nothing else is said; news and reports state facts
    evaluation: bool = False  # an evaluation of the plan: its averages run from the plan's start

    def zone_at(self, pos: int) -> Zone | None:
        """The part of the document (review or goals) that ``pos`` lies in, or None before any."""
        k = bisect_right(self.starts, pos) - 1
        return self.zones[k] if k >= 0 else None


def plan_period_of(meta: DocumentMeta, text: str) -> tuple[int, int] | None:
    """The plan period: a plan's own metadata, else the plan the text names (第十四个五年规划
    → 2021–2025), else a multi-year period in the metadata."""
    long_period = meta.period if meta.period and meta.period[1] - meta.period[0] >= 3 else None
    if meta.doc_type == "plan" and long_period:
        return long_period
    counts: dict[int, int] = {}
    for m in PLAN_NAMES.finditer(text, 0, min(len(text), 20_000)):
        n = PLAN_NUMBERS.get(m.group("n"))
        if n:
            counts[n] = counts.get(n, 0) + 1
    if not counts:
        return long_period
    latest = max(counts)
    start = 2021 + (latest - 14) * 5
    return (start, start + 4)


def reference_year_of(meta: DocumentMeta, text: str, plan: tuple[int, int] | None) -> int:
    """The year a document is written for: a plan's first year, a report's year."""
    if meta.doc_type == "plan" and plan:
        return plan[0]
    if meta.period and meta.doc_type != "plan" and meta.period[1] - meta.period[0] <= 1:
        return meta.period[1]
    return plan[0] if plan else 0


BULLETIN_TITLE = regex.compile(r"(?P<y>20\d\d)年[^\n。]{0,30}统计公报")


def bulletin_year(meta: DocumentMeta, text: str) -> int:
    """The year a statistical bulletin (统计公报) reports on, or 0 for other documents."""
    if meta.doc_type not in ("bulletin", "other"):
        return 0
    m = BULLETIN_TITLE.search(text, 0, min(len(text), TITLE_REGION))
    if m:
        return int(m.group("y"))
    if meta.doc_type == "bulletin" and meta.period:
        return meta.period[1]
    return 0


def is_plan(meta: DocumentMeta, text: str) -> bool:
    """Whether the document is a plan (its metadata says so, or its title names a plan).

    An evaluation of a plan (中期评估) names the plan but reports on it: it states facts
    where nothing else is said, and the goals it restates say so (…的目标)."""
    if meta.doc_type != "other":
        return meta.doc_type == "plan"
    opening = text[:TITLE_REGION]
    return bool(PLAN_NAMES.search(opening)) and not EVALUATION_TITLE.search(opening)


EVALUATION_TITLE = regex.compile(r"中期评估|总结评估|实施情况评估|评估报告")
# A dated page (news): 发布时间：2024-07-18, 2024年7月18日 in its opening lines.
DATELINE = regex.compile(
    r"(?<!\d)(?P<y>20\d\d)(?:-|/|\.|年)(?P<m>0?[1-9]|1[0-2])(?:-|/|\.|月)(?:[0-2]?\d|3[01])日?(?!\d)")
DATELINE_REGION = 400
LAST_YEAR_MONTHS = 3  # until March a page's undated figures are usually last year's results


def dateline(meta: DocumentMeta, text: str) -> tuple[int, int]:
    """The year and month a news page was published (the date in its opening lines)."""
    if meta.doc_type not in ("news", "other"):
        return 0, 0
    m = DATELINE.search(text, 0, min(len(text), DATELINE_REGION))
    return (int(m.group("y")), int(m.group("m"))) if m else (0, 0)


def evaluation_year(meta: DocumentMeta, text: str, plan: tuple[int, int] | None) -> int:
    """The last year an evaluation of a plan reports on: the latest plan year it writes
    without 到/至 (到2025年 is the goal it restates), or 0 for other documents."""
    if not plan or not (meta.doc_type == "evaluation" or (
            meta.doc_type == "other" and EVALUATION_TITLE.search(text, 0, min(len(text), TITLE_REGION)))):
        return 0
    years = [int(m.group("y2") or m.group("y")) for m in YEAR.finditer(text)
             if text[max(0, m.start() - 1):m.start()] not in ("到", "至")]
    inside = [y for y in years if plan[0] <= y < plan[1]]
    return max(inside) if inside else 0


YEAR = regex.compile(r"(?<![\d.])(?P<y>20\d\d)(?:[-—~至到](?P<y2>20\d\d))?年")


def build_timeline(text: str, meta: DocumentMeta, sections: Sequence[Section],
                   vocab: Vocabulary) -> Timeline:
    """Find the review and goal zones of a normalised text."""
    plan = plan_period_of(meta, text)
    ref = reference_year_of(meta, text, plan)
    bulletin = bulletin_year(meta, text)
    if bulletin:
        ref = bulletin  # a statistical bulletin reports its own year
    dated, month = dateline(meta, text)
    if dated:
        ref = dated  # news: the year it was published
    evaluated = evaluation_year(meta, text, plan)
    if evaluated:
        ref = evaluated + 1  # written the year after the last year it reports
    review_default = bulletin or (ref - 1 if ref else 0)
    if dated and month > LAST_YEAR_MONTHS:
        review_default = dated  # a July page reports this year's figures so far
    goal_default = plan[1] if plan and ((meta.doc_type in ("plan", "other") and ref == plan[0]) or evaluated) else ref
    planned = is_plan(meta, text)
    found: list[tuple[int, int, Zone]] = []
    for kind, inline, heading in (("review", vocab.review_inline, vocab.review_heading),
                                  ("goal", vocab.goal_inline, vocab.goal_heading)):
        for pattern, need_heading in ((inline, False), *((h, True) for h in heading)):
            for m in pattern.finditer(text):
                if need_heading and not HEADING_PREFIX.search(text, max(0, m.start() - 12), m.start()):
                    continue
                found.append((m.start(), -m.end(), make_zone(m, kind, ref if planned else 0, plan,
                                                             review_default, goal_default)))
    found.sort(key=lambda f: (f[0], f[1]))
    zones: list[Zone] = []
    covered = -1
    for start, neg_end, zone in found:
        if start < covered:
            continue  # inside a longer marker already read (迈入2020年, is not "2020年,")
        if zones and zones[-1].kind == zone.kind and not zone.year:
            continue  # "过去一年" after "2019年," says nothing new, and would lose the year
        zones.append(zone)
        covered = -neg_end
    return Timeline(tuple(zones), tuple(z.start for z in zones), ref, goal_default,
                    review_default, plan, planned, bool(evaluated))


def make_zone(m: regex.Match, kind: str, ref: int, plan: tuple[int, int] | None,
              review_default: int, goal_default: int) -> Zone:
    """The zone a marker opens. A "2022年," narrative opener after the document's own year
    speaks of the future, so it opens goals."""
    y = int(m.group("y")) if "y" in m.groupdict() and m.group("y") else None
    phrase = m.group(0)
    five = y is None and ("五" in phrase or kind == "goal")
    if kind == "review":
        if y is not None and ref and y > ref:
            return Zone(m.start(), "goal", y)
        year = y or review_default
        return Zone(m.start(), "review", year, (year - 4, year) if five else None)
    if y is None and "今年" in phrase:
        return Zone(m.start(), "goal", goal_default if not plan else ref or goal_default)
    year = y or (plan[1] if plan else goal_default)
    return Zone(m.start(), "goal", year, (year - 4, year) if five else None)
