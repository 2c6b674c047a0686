"""What a quantity's sentence says about it: goal or actual, which year, which metric.

The rules, in the order a planner would apply them:

1. 预计 earlier in the sentence: an estimate of a closing year, an actual with estimated=True.
2. A year written before the number in the same sentence: a past year makes an actual, a
   future year (到2025年) a target.
3. Strong words: 力争, 争取, 目标, 确保, 将 make a goal; 同比, 比上年, 累计, 已, 先后 an actual.
4. Otherwise the part of the document decides (review → actual, goals → target), and without
   any part the document type (a plan states goals).

The indicator's name is read by names.py; sentence and clause bounds come from sentences.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from planwatch.extract.names import LIST_JOINERS, NameReader
from planwatch.extract.numbers import parse_chinese
from planwatch.extract.quantities import Quantity, QuantityIndex
from planwatch.extract.sentences import clause_start, sentence_bounds
from planwatch.extract.timeline import Timeline, Zone
from planwatch.extract.vocabulary import Vocabulary, alternation
from planwatch.model import Metric

YEAR_BEFORE_SKIP = ("比", "较", "与", "同", "是", "从", "由", "自")
YEAR_AFTER_SKIP = ("以来", "至今", "起", "底")
# A count per head of population is a level (每万人发明专利拥有量 14.13件).
# Population (常住人口 25万人) is a level too.
DENSITY = regex.compile(r"拥有量|每[万千百]人|万人.{0,8}(?:拥有|数)|人口(?:总量|规模)?(?:达到|达|为)?$")
COMPARED_CHANGE = regex.compile(r"[比较](?:上年|去年|20\d\d年)(?:末|同期)?(?:增加|减少|净增|多|少)$")
LAST_YEAR = regex.compile(r"(?<![比较同与])去年")  # 比去年增长 compares; 去年同期… dates


@dataclass(frozen=True)
class Reading:
    """The reading of one quantity in its sentence."""

    kind: str  # "target" | "observation"
    year: int | None
    period: tuple[int, int] | None
    metric: Metric
    estimated: bool
    name: str


def years_before(text: str, start: int, pos: int, vocab: Vocabulary) -> list[tuple[int, int, int]]:
    """Years written in ``text[start:pos]`` as (position, year, end of the match), leaving out
    the years a comparison or a starting point names (比2020年, 2015年以来)."""
    out = []
    for m in vocab.year.finditer(text, start, pos):
        lead = text[max(0, m.start() - 1):m.start()]
        year = year_of(m)
        if lead in ("从", "由") and pos - m.end() <= 2:
            out.append((m.start(), year, m.end()))  # 从2015年的60亿元: the start value
            continue
        if lead in YEAR_BEFORE_SKIP:
            continue
        if text.startswith(YEAR_AFTER_SKIP, m.end()):
            continue
        out.append((m.start(), year, m.end()))
    return out


def year_of(m: regex.Match) -> int:
    """The year of a year match: the end of a span (2016-2020年), or a Chinese 二〇三五年."""
    if m.group("cy"):
        return int(parse_chinese(m.group("cy")) or 0)
    return int(m.group("y2") or m.group("y"))


class ClauseReader:
    """Reads quantities of one document against its timeline."""

    def __init__(self, text: str, timeline: Timeline, vocab: Vocabulary,
                 quantities: list[Quantity]) -> None:
        self.text = text
        self.timeline = timeline
        self.vocab = vocab
        self.index = QuantityIndex(quantities, len(text))
        self.names = NameReader(text, self.index, vocab)
        self.last_rate: dict[int, Metric] = {}  # sentence start -> the last growth metric read
        self.p = clause_patterns(vocab)

    def read(self, q: Quantity) -> Reading:
        """Goal or actual, year, period, metric and name of ``q``."""
        text = self.text
        s_start, _ = sentence_bounds(text, q.start)
        head = self.list_head(q.start, s_start)
        c_start = clause_start(text, head, s_start)
        before = text[s_start:q.start]
        zone = self.timeline.zone_at(q.start)
        kind, year, estimated = self.tense(q, s_start, before, head, zone)
        if year is None:
            year = self.default_year(kind, zone, before)
        metric = self.metric(q, text[c_start:head], kind, year, zone)
        period = self.period(kind, metric, year, zone, s_start, head)
        name, compared = self.names.read(q, s_start, c_start, head)
        if compared and metric == "share" and q.group == "percent":
            # 年均增长6.4%，高于6%左右的规划目标: compared with the rate just read
            metric = self.last_rate.get(s_start, metric)
        if metric in ("growth", "growth_avg"):
            self.last_rate[s_start] = metric
        return Reading(kind, year, period, metric, estimated, name)

    def default_year(self, kind: str, zone: Zone | None, before: str) -> int | None:
        """The year of a quantity whose sentence writes none: a goal's is the goal part's (or
        the plan's) closing year; an actual's is last year (去年同期) or this year (上半年) of
        a page dated by its reference year, else the review part's (or the document's) year."""
        if kind == "target":
            return (zone.year if zone and zone.kind == "goal" else self.timeline.goal_year) or None
        ref = self.timeline.reference_year
        if ref and LAST_YEAR.search(before):
            return ref - 1  # 去年同期, of a page on this year
        if ref and self.p.part_year.search(before):
            return ref  # 上半年全市地区生产总值 of a July page
        return (zone.year if zone and zone.kind == "review" else self.timeline.review_year) or None

    def period(self, kind: str, metric: Metric, year: int | None, zone: Zone | None,
               s_start: int, head: int) -> tuple[int, int] | None:
        """The years an actual covers: the review part's span (十三五 in review), or the
        years a growth average spans (written, or the plan's years so far, or five)."""
        if kind != "observation":
            return None
        if zone and zone.kind == "review" and zone.period and zone.year:
            return zone.period
        if metric == "growth_avg" and year:
            return self.span_period(s_start, head, year) or self.plan_so_far(year) or (year - 4, year)
        return None

    def tense(self, q: Quantity, s_start: int, before: str, head: int,
              zone: Zone | None) -> tuple[str, int | None, bool]:
        """Goal or actual, the year the sentence writes (or None) and whether it is estimated:
        the rules of the module's docstring, in their order."""
        v = self.vocab
        if v.estimate_words.search(before):
            years = years_before(self.text, s_start, head, v)
            return "observation", (years[-1][1] if years else None), True
        if self.text.endswith(v.words("tense", "current"), 0, q.start):
            return "observation", None, False  # 从目前的23.04%再提高: the level a goal starts from
        years = years_before(self.text, s_start, head, v)
        if years:
            return self.tense_of_year(q, years, s_start, before, head, zone)
        return self.tense_by_words(q, before, zone)

    def tense_of_year(self, q: Quantity, years: list[tuple[int, int, int]], s_start: int, before: str,
                      head: int, zone: Zone | None) -> tuple[str, int | None, bool]:
        """Rule 2: the last year written before the number decides, unless a goal word does
        (到2025年 or a year past the document's own is a goal; 2023年 in a report an actual)."""
        v = self.vocab
        ref = self.timeline.reference_year
        pos, year, _ = years[-1]
        planned = self.timeline.plan and ref
        # 由2020年的186.4亿元增加到2025年的265.3亿元 in a plan for 2026–2030 is the past
        future = ((self.text[max(0, pos - 1):pos] in ("到", "至") and not (ref and year < ref))
                  or (planned and year > ref)
                  or (planned and year == ref and not (zone and zone.kind == "review")))
        if future:
            return "target", max((y for _, y, _ in years if not planned or y >= ref), default=year), False
        if self.goal_stated(before) or v.future.search(before) or self.goal_after(q):
            return "target", (year if not ref or year >= ref else None), False
        if not self.index.between(pos, head) or self.leads_sentence(pos, s_start):
            return "observation", year, False
        return "observation", None, False

    def tense_by_words(self, q: Quantity, before: str, zone: Zone | None) -> tuple[str, int | None, bool]:
        """Rules 3 and 4 for a sentence without a year: goal words, then actual words, then the
        part of the document, then its type."""
        v = self.vocab
        if self.goal_after(q) or v.future.search(before):
            return "target", None, False
        if self.goal_stated(before):
            return "target", None, False
        strong = v.actual_strong.search(before)
        if strong and not (zone is not None and zone.kind == "goal" and self.only_comparison(before)):
            return "observation", None, False
        if zone is not None:
            return ("observation" if zone.kind == "review" else "target"), None, False
        return ("target" if self.timeline.plan else "observation"), None, False

    def leads_sentence(self, pos: int, s_start: int) -> bool:
        """A year that opens the sentence (2023年全年，…亿元，增长6.1%) dates all of it."""
        return not self.text[s_start:pos].strip(" \n\t“”\"")

    def span_period(self, s_start: int, head: int, year: int) -> tuple[int, int] | None:
        """The years a growth average spans when the sentence writes them (2021—2022年)."""
        for m in self.vocab.year.finditer(self.text, s_start, head):
            if m.group("y2") and int(m.group("y2")) == year:
                return int(m.group("y")), year
        return None

    def plan_so_far(self, year: int) -> tuple[int, int] | None:
        """An evaluation's averages run from the plan's first year to the year it reports."""
        plan = self.timeline.plan_period
        if self.timeline.evaluation and plan and plan[0] <= year <= plan[1]:
            return plan[0], year
        return None

    def only_comparison(self, before: str) -> bool:
        """Whether the strong actual words in ``before`` are all 同比/比上年 comparisons."""
        return not self.vocab.actual_strong.search(self.p.comparison.sub("", before))

    def goal_stated(self, before: str) -> bool:
        """A strong goal word in the sentence, not counting a goal reported as met
        (实现“三清两无”目标: a result, not a goal)."""
        return bool(self.vocab.goal_strong.search(self.p.achieved.sub("", before)))

    def goal_after(self, q: Quantity) -> bool:
        """以园区营业收入过五百亿元为目标: the goal word comes after the number."""
        return bool(self.p.goal_after.match(self.text, q.end))

    def list_head(self, start: int, floor: int) -> int:
        """Start of the first member of a list the quantity ends (分别增长8.4%、9.9%、11.3%):
        the words before the list govern every member."""
        while start - 1 > floor:
            if self.text[start - 1] in LIST_JOINERS and (start - 1) in self.index.start_of_end:
                start = self.index.start_of_end[start - 1]
            elif start in self.index.start_of_end:  # parts of a ratio stand side by side
                start = self.index.start_of_end[start]
            else:
                break
        return start

    def metric(self, q: Quantity, clause: str, kind: str, year: int | None,
               zone: Zone | None) -> Metric:
        """Level, count, growth, average growth, share or total change, from the quantity's kind
        and the words of its clause right before it (增长 8%, 年均增长, 比重, 比上年增加)."""
        if q.group == "doubling":
            return "change_total"
        if q.group == "points":
            return "change_total"
        if q.group == "multiple":
            return "change_total" if clause.endswith("的") or self.p.growth.search(clause[-8:]) else "level"
        multi_year = self.multi_year(kind, year, zone)
        near = clause[-12:]
        if q.group == "percent":
            if self.p.growth_avg.search(near):
                return "growth_avg"
            if self.p.change_total.search(clause):
                return "change_total"
            if self.p.growth.search(near) and not self.p.share.search(near[-6:]):
                if self.p.decline.search(near):
                    return "change_total" if multi_year else "growth"
                return "growth_avg" if multi_year and kind == "target" else "growth"
            return "share"
        if q.group == "count":
            if COMPARED_CHANGE.search(clause):
                return "change_total"  # 比上年增加8630人
            fractional = q.value is not None and q.value != q.value.to_integral_value()
            return "level" if DENSITY.search(clause) or (fractional and q.unit == "人") else "count"
        if self.p.change_total.search(clause) or COMPARED_CHANGE.search(clause):
            return "change_total"
        if kind == "target" and self.p.added.search(clause):
            return "change_total"
        if "每年增加" in clause:
            return "growth"
        return "level"

    def multi_year(self, kind: str, year: int | None, zone: Zone | None) -> bool:
        """Whether the quantity speaks of a five-year span rather than one year."""
        ref = self.timeline.reference_year
        if kind == "target":
            return bool(year and ref and year - ref >= 2)
        return bool(zone and zone.kind == "review" and zone.period)


@dataclass(frozen=True)
class ClausePatterns:
    """The clause reader's patterns, built from the [metrics] and [tense] tables of prose.toml."""

    growth_avg: regex.Pattern  # 年均增长 just before the number
    growth: regex.Pattern  # 增长 just before it (增速达到9% is a growth; 提高到35.22% a level)
    decline: regex.Pattern  # 下降, 降低 just before it
    change_total: regex.Pattern  # a change over years (累计下降, 比2020年)
    achieved: regex.Pattern  # 实现…目标: a goal reported met
    added: regex.Pattern  # 新增: an addition, in a goal a change
    share: regex.Pattern  # 比重, 占比: a share even near a growth verb
    part_year: regex.Pattern  # 上半年, 1-6月
    goal_after: regex.Pattern  # 为目标 after the number
    comparison: regex.Pattern  # 同比, 比上年: words that only compare


_PATTERNS: dict[int, tuple[Vocabulary, ClausePatterns]] = {}


def clause_patterns(vocab: Vocabulary) -> ClausePatterns:
    """The reader's patterns built from ``vocab``, compiled once per vocabulary (compiling
    them for every document cost a sixth of the prose stage)."""
    cached = _PATTERNS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    m = vocab.data["metrics"]
    tense = vocab.data["tense"]
    patterns = ClausePatterns(
        growth_avg=regex.compile(f"(?:{alternation(m['growth_avg'])})[^，,。；]{{0,4}}$"),
        growth=regex.compile(f"(?:{alternation(m['growth'])})(?:达到|达|为|了)?[^，,。；到至]{{0,3}}$"),
        decline=regex.compile(r"(?:下降|降低|减少|压减|压缩|降幅|减)[^，,。；]{0,3}$"),
        change_total=regex.compile(
            alternation(m["change_total"]) + r"|\d年(?:下降|降低|减少|增长)|[比较]20\d\d年"),
        achieved=regex.compile(f"(?:{alternation(tense['achieved'])})[^，,。；;]{{0,12}}?目标"),
        added=regex.compile(f"(?:{alternation(m['added'])})"),
        share=regex.compile(f"(?:{alternation(m['share_words'])})"),
        part_year=regex.compile(tense["part_year"]),
        goal_after=regex.compile(tense["goal_after"]),
        comparison=regex.compile(alternation(tense["comparison"])),
    )
    _PATTERNS[id(vocab)] = (vocab, patterns)
    return patterns
