"""What a quantity's sentence says about it: goal or actual, which year, which metric, what name.

The rules, in the order a planner would apply them:

1. 预计 earlier in the sentence: an estimate of a closing year, an actual with estimated=True.
2. A year written before the number in the same sentence: a past year makes an actual, a
   future year (到2025年) a target.
3. Strong words: 力争, 争取, 目标, 确保, 将 make a goal; 同比, 比上年, 累计, 已, 先后 an actual.
4. Otherwise the part of the document decides (review → actual, goals → target), and without
   any part the document type (a plan states goals).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from planwatch.extract.names import (
    drop_enumeration,
    examples_of,
    owner_before,
    quota_name,
    topic_of_paragraph,
    unbracketed,
    with_subject,
)
from planwatch.extract.numbers import parse_chinese
from planwatch.extract.quantities import Quantity
from planwatch.extract.timeline import Timeline, Zone
from planwatch.extract.vocabulary import Vocabulary, alternation
from planwatch.model import Metric

LIST_JOINERS = "、和及与:"
# (年均新增高新技术企业20家 names additions per year, not a growth of something named before)
GROWTH_LEAD = regex.compile(r"^(?:比上年|较上年|同比|增长|年均(?!新增)|增速|比20\d\d年)")
# A line break ends a sentence unless it follows a comma (a wrapped line of a PDF or a scrape).
SENTENCE_END = regex.compile(r"[。！？!?；;]|(?<![，,、：:])\n")
CLAUSE_END = regex.compile(r"[。！？!?；;\n，,：:]")
# The same, searched backwards from a position (the last boundary before it).
SENTENCE_START = regex.compile(r"[。！？!?；;]|(?<![，,、：:])\n", flags=regex.REVERSE)
CLAUSE_START = regex.compile(r"[。！？!?；;\n，,：:]", flags=regex.REVERSE)
MAX_SENTENCE = 400  # a "sentence" of a scrape that lost its punctuation stops here
YEAR_BEFORE_SKIP = ("比", "较", "与", "同", "是", "从", "由", "自")
YEAR_AFTER_SKIP = ("以来", "至今", "起", "底")


@dataclass(frozen=True)
class Reading:
    """The reading of one quantity in its sentence."""

    kind: str  # "target" | "observation"
    year: int | None
    period: tuple[int, int] | None
    metric: Metric
    estimated: bool
    name: str


def sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around ``pos`` (split at 。；！？ and line ends)."""
    m = SENTENCE_START.search(text, max(0, pos - MAX_SENTENCE), pos)
    start = m.end() if m else max(0, pos - MAX_SENTENCE)
    m = SENTENCE_END.search(text, pos)
    return start, (m.start() if m else len(text))


def clause_start(text: str, pos: int, floor: int) -> int:
    """Start of the clause (split also at ，：) that holds ``pos``."""
    m = CLAUSE_START.search(text, floor, pos)
    return m.end() if m else floor


def years_before(text: str, start: int, pos: int, vocab: Vocabulary) -> list[tuple[int, int, int]]:
    """Years written in ``text[start:pos]`` as (position, year, end of the match)."""
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
        # starts and ends of all quantities: to see if one lies between, and to walk lists
        self.positions = [q.start for q in quantities]
        self.ends = {q.end: q.start for q in quantities}
        self.start_to_end = {q.start: q.end for q in quantities}
        self.last_name: dict[int, str] = {}  # sentence start -> the last level's name
        self.last_rate: dict[int, Metric] = {}  # sentence start -> the last growth metric read
        patterns = clause_patterns(vocab)
        self.growth_avg = patterns["growth_avg"]
        self.growth = patterns["growth"]
        self.decline = patterns["decline"]
        self.change_total = patterns["change_total"]
        self.achieved = patterns["achieved"]
        self.action = patterns["action"]
        self.name_lead = patterns["name_lead"]
        self.name_tail = patterns["name_tail"]
        self.added = patterns["added"]
        self.share = patterns["share"]
        self.points = patterns["points"]
        self.part_year = patterns["part_year"]
        self.goal_after_pattern = patterns["goal_after_pattern"]
        names = vocab.data["names"]
        self.owned_names = frozenset(names.get("owned", ()))
        kept = alternation(names.get("kept_lead", []))
        # the cue words right before the end of a text (compiled once: see owned)
        self.kept_lead = regex.compile(f"(?:{kept})+$") if kept else None
        self.object_done = regex.compile(f"(?:{alternation(names.get('object_done', []))})$"
                                         if names.get("object_done") else r"(?!)")
        self.action_end = regex.compile(f"(?:{alternation(names['actions'])})$")
        self.comparison = patterns["comparison"]

    def read(self, q: Quantity) -> Reading:
        text = self.text
        s_start, _ = sentence_bounds(text, q.start)
        head = self.list_head(q.start, s_start)
        c_start = clause_start(text, head, s_start)
        before = text[s_start:q.start]
        clause = text[c_start:head]
        zone = self.timeline.zone_at(q.start)
        kind, year, estimated = self.tense(q, s_start, before, head, zone)
        period = None
        if kind == "observation" and zone and zone.kind == "review" and zone.period and zone.year:
            period = zone.period
        if kind == "target" and year is None:
            year = (zone.year if zone and zone.kind == "goal" else self.timeline.goal_year) or None
        if kind == "observation" and year is None and self.timeline.reference_year:
            if LAST_YEAR.search(before):
                year = self.timeline.reference_year - 1  # 去年同期, of a page on this year
            elif self.part_year.search(before):
                year = self.timeline.reference_year  # 上半年全市地区生产总值 of a July page
        if kind == "observation" and year is None:
            year = (zone.year if zone and zone.kind == "review" else self.timeline.review_year) or None
        metric = self.metric(q, clause, kind, year, zone)
        if metric == "growth_avg" and kind == "observation" and year and period is None:
            period = self.span_period(s_start, head, year) or self.plan_so_far(year) or (year - 4, year)
        name = self.name(q, c_start, head)
        name = quota_name(name) or with_subject(name, self.last_name.get(s_start, ""), self.action)
        if len(name) < 2 or GROWTH_LEAD.match(name) or BORROWED_NAME.search(name) or YEAR_ONLY.match(name):
            # 全年地区生产总值3521.6亿元，比上年增长5.2%: the growth is of the same indicator
            if BORROWED_NAME.search(name) and metric == "share" and q.group == "percent":
                # 年均增长6.4%，高于6%左右的规划目标: compared with the rate just read
                metric = self.last_rate.get(s_start, metric)
            name = self.last_name.get(s_start) or self.subject_before(s_start, c_start) or name
        else:
            self.last_name[s_start] = name
        if metric in ("growth", "growth_avg"):
            self.last_rate[s_start] = metric
        return Reading(kind, year, period, metric, estimated, name)

    def tense(self, q: Quantity, s_start: int, before: str, head: int,
              zone: Zone | None) -> tuple[str, int | None, bool]:
        v = self.vocab
        ref = self.timeline.reference_year
        if v.estimate_words.search(before):
            years = years_before(self.text, s_start, head, v)
            return "observation", (years[-1][1] if years else None), True
        if self.text.endswith(v.words("tense", "current"), 0, q.start):
            return "observation", None, False  # 从目前的23.04%再提高: the level a goal starts from
        years = years_before(self.text, s_start, head, v)
        if years:
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
            if not self.quantity_between(pos, head) or self.leads_sentence(pos, s_start):
                return "observation", year, False
            return "observation", None, False
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

    def subject_before(self, s_start: int, c_start: int) -> str:
        """The subject of the sentence's first clause when it gave no number of ours
        (居民消费价格指数（CPI）为100.3，比上年上涨0.3%): up to its first digit, cue words off."""
        if c_start <= s_start + 1:
            return ""
        first = self.text[s_start:c_start - 1]
        digit = DIGIT.search(first)
        subject = self.name_of_text(first[:digit.start()] if digit else first)
        return subject if len(subject) >= 2 and not BORROWED_NAME.search(subject) else ""

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
        return not self.vocab.actual_strong.search(self.comparison.sub("", before))

    def goal_stated(self, before: str) -> bool:
        """A strong goal word in the sentence, not counting a goal reported as met
        (实现“五降三无”目标: a result, not a goal)."""
        return bool(self.vocab.goal_strong.search(self.achieved.sub("", before)))

    def goal_after(self, q: Quantity) -> bool:
        """以技工贸收入过千亿元为目标: the goal word comes after the number."""
        return bool(self.goal_after_pattern.match(self.text, q.end))

    def list_head(self, start: int, floor: int) -> int:
        """Start of the first member of a list the quantity ends (分别增长8.4%、9.9%、11.3%):
        the words before the list govern every member."""
        while start - 1 > floor:
            if self.text[start - 1] in LIST_JOINERS and (start - 1) in self.ends:
                start = self.ends[start - 1]
            elif start in self.ends:  # parts of a ratio stand side by side
                start = self.ends[start]
            else:
                break
        return start

    def previous_end(self, pos: int, floor: int) -> int:
        """End of the last quantity before ``pos`` in the clause (plus a joiner after it), so
        新增标准厂房50万平方米、专业化仓储10万平方米 names the second 专业化仓储."""
        i = bisect_right(self.positions, pos - 1) - 1
        while i >= 0 and self.positions[i] >= floor:
            end = self.start_to_end.get(self.positions[i], -1)
            if end <= pos:
                return end + 1 if self.text[end:end + 1] in LIST_JOINERS + "，," else end
            i -= 1
        return floor

    def quantity_between(self, a: int, b: int) -> bool:
        i = bisect_right(self.positions, a)
        return i < len(self.positions) and self.positions[i] < b

    def metric(self, q: Quantity, clause: str, kind: str, year: int | None, zone) -> Metric:
        if q.group == "doubling":
            return "change_total"
        if q.group == "points":
            return "change_total"
        if q.group == "multiple":
            return "change_total" if clause.endswith("的") or self.growth.search(clause[-8:]) else "level"
        multi_year = self.multi_year(kind, year, zone)
        near = clause[-12:]
        if q.group == "percent":
            if self.growth_avg.search(near):
                return "growth_avg"
            if self.change_total.search(clause):
                return "change_total"
            if self.growth.search(near) and not self.share.search(near[-6:]):
                if self.decline.search(near):
                    return "change_total" if multi_year else "growth"
                return "growth_avg" if multi_year and kind == "target" else "growth"
            return "share"
        if q.group == "count":
            if COMPARED_CHANGE.search(clause):
                return "change_total"  # 比上年增加8630人
            fractional = q.value is not None and q.value != q.value.to_integral_value()
            return "level" if DENSITY.search(clause) or (fractional and q.unit == "人") else "count"
        if self.change_total.search(clause) or COMPARED_CHANGE.search(clause):
            return "change_total"
        if kind == "target" and self.added.search(clause):
            return "change_total"
        if "每年增加" in clause:
            return "growth"
        return "level"

    def multi_year(self, kind: str, year: int | None, zone) -> bool:
        """Whether the quantity speaks of a five-year span rather than one year."""
        ref = self.timeline.reference_year
        if kind == "target":
            return bool(year and ref and year - ref >= 2)
        return bool(zone and zone.kind == "review" and zone.period)

    def name_of_text(self, head: str) -> str:
        """A clause head without its cue words and verbs (the indicator's wording)."""
        return self.name_tail.sub("", self.name_lead.sub("", head))

    def name(self, q: Quantity, c_start: int, list_start: int) -> str:
        """The indicator's wording: the clause before the number without its verbs. In a
        "分别" list (城镇、农村居民人均可支配收入分别增长7%、8%) the k-th number takes the k-th
        name; where the noun follows the number (新建十个“口袋公园”) the verb takes it."""
        clause_head = self.text[c_start:list_start]
        c_start = max(c_start, self.previous_end(list_start, c_start))
        raw = self.text[c_start:list_start]
        # "十个“口袋公园”、一百个": what stands before the 、 is the previous item's noun
        head = "" if raw.endswith(tuple(LIST_JOINERS)) else unbracketed(self.name_of_text(raw))
        if "从" in head or "由" in head:
            cut = FROM_TO.sub("", head)
            head = cut if len(cut) >= 2 else head
        if c_start in self.ends and head == raw and not self.action.search(raw) and self.noun_follows(q):
            head = ""  # 30万亩特色柑橘产业基地2万亩中药材种植基地: the words before are the last item's noun
        elif q.group != "percent" and named_list(head) and not self.action.search(head) and self.noun_follows(q):
            head = ""  # 高昇、幸福嘉园2个智慧化农贸市场: the number counts the places listed before it
        # a list of bare numbers (增长7%、8%), not a list of named ones (国家标准40项、行业标准74项)
        if list_start < q.start or (self.text[q.end:q.end + 1] in LIST_JOINERS
                                    and q.end + 1 in self.start_to_end):
            names = [n for n in LIST_SPLIT.split(head.removesuffix("分别")) if n]
            k = len(LIST_SPLIT.findall(self.text, list_start, q.start))
            if len(names) > 1 and k < len(names):
                return complete_name(names, k)
            if len(names) == 1 and names[0].startswith(URBAN_RURAL) and k < len(PAIR):
                return PAIR[k] + names[0][len(URBAN_RURAL):]  # 城乡居民收入分别增长8%、9%
        named = self.worded(q, drop_enumeration(head, self.action), clause_head) or examples_of(head)
        return self.owned(named, raw, c_start)

    def worded(self, q: Quantity, head: str, clause_head: str) -> str:
        """The head as the name, or, when the head is only a verb (or nothing), the verb and the
        noun written after the number (新建十个“口袋公园” → 新建口袋公园)."""
        head = head.strip(BULLETS)
        tail = NOUN_AFTER.match(self.text, q.end, self.next_start(q.end))
        done = ASIDE.sub("", tail.group(1)).strip("“”\"") if tail else ""
        # (the noun is cleaned only where it is used: most heads are whole names)
        ending = self.action_end.search(head)
        short = ending is not None and ending.start() > 0 and 0 < len(self.name_tail.sub("", done)) <= NOUN_MAX
        if tail and done.endswith("级"):  # 3个省级、10个娄底市级、50个市(县)级现代农业特色产业园
            done += self.shared_noun(tail.end())
        object_done = self.object_done.search(done) is not None
        if short and ending is not None:
            # 现代种植业建设30万亩特色柑橘产业基地: 建设特色柑橘产业基地
            return ending.group(0) + (done if object_done else self.name_tail.sub("", done))
        verb = self.action.match(head) or self.action.match(self.name_lead.sub("", clause_head))
        whole_verb = verb and verb.end() == len(head)
        if len(head) >= 2 and not whole_verb and object_done and tail is not None and tail.start() == q.end:
            return (head + done)[-30:]  # 清水塘企业周边8.48k㎡污染土壤修复治理: the place, then what was done
        if len(head) >= 2 and not whole_verb:
            return head[-30:]
        noun = done if object_done else self.name_tail.sub("", done)  # 签约 is no 约
        if noun:
            return (verb.group(0) if verb else "") + noun
        return head

    def noun_follows(self, q: Quantity) -> bool:
        """Whether a noun is written right after the number (2万亩中药材种植基地)."""
        tail = NOUN_AFTER.match(self.text, q.end, self.next_start(q.end))
        return bool(tail and tail.start() == q.end and self.name_tail.sub("", tail.group(1)))

    def shared_noun(self, pos: int) -> str:
        """The noun a list of levels shares, written once after its last member (3个省级、
        10个娄底市级、50个市(县)级现代农业特色产业园 → 现代农业特色产业园), or ''."""
        for _ in range(LIST_MAX):
            if self.text[pos:pos + 1] != "、" or pos + 1 not in self.start_to_end:
                return ""
            end = self.start_to_end[pos + 1]
            member = NOUN_AFTER.match(self.text, end, self.next_start(end))
            if member is None:
                return ""
            level = member.group(1).rfind("级")
            if not member.group(1).endswith("级"):
                return member.group(1)[level + 1:] if level >= 0 else ""
            pos = member.end()
        return ""

    def next_start(self, pos: int) -> int:
        """Where the next quantity after ``pos`` starts (the end of the text when none does)."""
        i = bisect_right(self.positions, pos)
        return self.positions[i] if i < len(self.positions) else len(self.text)

    def owned(self, name: str, raw: str, c_start: int) -> str:
        """A bare measure (年产值, 面积, 就业) with the cue word that belongs to it put back
        (新增就业) and the park, cluster or project it is of put before it."""
        if not name.strip(BULLETS):  # 南湖片区,约3000亩: the area the clause before is only the name of
            s_start, _ = sentence_bounds(self.text, c_start)
            before = self.text[clause_start(self.text, c_start - 1, s_start):c_start - 1].strip()
            return before if before and owner_before(before, len(before), 0) == before else name
        base = name
        if name and self.kept_lead is not None and (len(name) <= 2 or name in self.owned_names):
            bare = self.name_tail.sub("", raw)
            kept = self.kept_lead.search(bare, 0, len(bare) - len(name)) if bare.endswith(name) else None
            name = kept.group(0) + name if kept else name
        if base not in self.owned_names:
            return name
        s_start, _ = sentence_bounds(self.text, c_start)
        owner = owner_before(self.text, c_start, s_start) or topic_of_paragraph(self.text, c_start, s_start)
        owner = self.name_lead.sub("", owner)
        verb = self.action.match(owner)
        if verb and len(owner) - verb.end() >= 2:
            owner = owner[verb.end():]
        return owner + name

_PATTERNS: dict[int, tuple[Vocabulary, dict[str, regex.Pattern]]] = {}


def clause_patterns(vocab: Vocabulary) -> dict[str, regex.Pattern]:
    """The reader's patterns built from ``vocab``, compiled once per vocabulary (compiling
    them for every document cost a sixth of the prose stage)."""
    cached = _PATTERNS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    out: dict[str, regex.Pattern] = {}
    m = vocab.data["metrics"]
    out["growth_avg"] = regex.compile(f"(?:{alternation(m['growth_avg'])})[^，,。；]{{0,4}}$")
    # 增速达到9% is a growth; 提高到35.22% a level
    out["growth"] = regex.compile(
        f"(?:{alternation(m['growth'])})(?:达到|达|为|了)?[^，,。；到至]{{0,3}}$")
    out["decline"] = regex.compile(r"(?:下降|降低|减少|压减|压缩|降幅|减)[^，,。；]{0,3}$")
    out["change_total"] = regex.compile(
        alternation(m["change_total"]) + r"|\d年(?:下降|降低|减少|增长)|[比较]20\d\d年")
    out["achieved"] = regex.compile(
        f"(?:{alternation(vocab.data['tense']['achieved'])})[^，,。；;]{{0,12}}?目标")
    names = vocab.data["names"]
    out["action"] = regex.compile(f"(?:{alternation(names['actions'])})")
    out["name_lead"] = regex.compile(NAME_LEAD_FORMAT.format(alternation(names["lead"])))
    out["name_tail"] = regex.compile(NAME_TAIL_FORMAT.format(alternation(names["tail"])))
    out["added"] = regex.compile(f"(?:{alternation(m['added'])})")
    out["share"] = regex.compile(f"(?:{alternation(m['share_words'])})")
    out["points"] = regex.compile(r"(?:提高|提升|增加|下降|降低|上升)[^，,。；]{0,3}$")
    out["part_year"] = regex.compile(vocab.data["tense"]["part_year"])
    out["goal_after_pattern"] = regex.compile(vocab.data["tense"]["goal_after"])
    out["comparison"] = regex.compile(alternation(vocab.data["tense"]["comparison"]))
    _PATTERNS[id(vocab)] = (vocab, out)
    return out


# A clause that compares with a goal or reports it met names no indicator (高于6%左右的规划目标,
# 已提前完成“十四五”末65%的目标): the number is of the indicator the sentence is about.
BORROWED_NAME = regex.compile(r"^(?:已|已经|提前|超额|均|仍)*"
                              r"(?:完成|高于|低于|优于|好于|差于|距离?|快于|慢于|超过|接近)"
                              r"|^(?:规划|预期|既定|五年)?目标|差距$|^按[^，,]{0,10}折算|^(?:增加|提高|提升|上升|下降|降低|减少|扩大)(?:到|至)")
# A clause that holds only a verb and a year (是2015年的3.1倍, 调整为2020年的16.6:34.3:49.1,
# 较2016年净增0.86亿元) or a verb of passing a mark (人均GDP2万元跨入3万元) speaks of the
# indicator the sentence named before.
YEAR_ONLY = regex.compile(r"^\D{0,3}(?:19|20)\d\d年(?:末|底)?(?:的|净增|增加|增长|减少|下降)?$"
                          r"|^(?:跨入|跨越|迈上|迈入)$")
# A count per head of population is a level (每万人发明专利拥有量 14.13件).
# Population (常住人口 25万人) is a level too.
DENSITY = regex.compile(r"拥有量|每[万千百]人|万人.{0,8}(?:拥有|数)|人口(?:总量|规模)?(?:达到|达|为)?$")
COMPARED_CHANGE = regex.compile(r"[比较](?:上年|去年|20\d\d年)(?:末|同期)?(?:增加|减少|净增|多|少)$")
# The noun after a number (10个“口袋公园”, 3618亩污染土壤修复): up to a joiner or a clause end;
# not a （预计数） note; digits inside it (三类500强企业) but not first, unless 24小时书屋.
NOUN_AFTER = regex.compile(r"(?:的)?(?![(（])((?:\d+小时)?[^，,。；;：:、和及与\n\d][^，,。；;：:、和及与\n]{0,19})")
# 三类500强企业(世界500强: the noun ends at a bracketed aside; 市(县)级 keeps its short bracket
ASIDE = regex.compile(r"[(（](?:[^)）]{4,}|[^)）]*$).*$")
LIST_MAX = 8  # members of a list of levels looked through for their shared noun
NOUN_MAX = 10  # a noun after a clause-final verb; a longer run is a clause of its own
BULLETS = "—-•·…【】 "  # a dash or bullet before a number names nothing
LIST_SPLIT = regex.compile(r"[、和及与]")
FROM_TO = regex.compile(r"(?:从|由)[^从由]*$")  # 比重从23.89%提高到35.22%: the name ends at 从


DIGIT = regex.compile(r"\d")
LAST_YEAR = regex.compile(r"(?<![比较同与])去年")  # 比去年增长 compares; 去年同期… dates
PER_UNIT = regex.compile(r"^单位(?:地区生产总值|国内生产总值|GDP|工业增加值)")
URBAN_RURAL, PAIR = "城乡", ("城镇", "农村")  # 城乡 X 分别 a%、b%: the urban X, then the rural X


NAMED_MEMBER_MAX = 8  # members of a list of proper names (高昇、幸福嘉园) are short


def named_list(head: str) -> bool:
    """Whether ``head`` is only a list of short names (高昇、幸福嘉园), no verb or number in it."""
    members = head.split("、")
    return len(members) > 1 and all(0 < len(m) <= NAMED_MEMBER_MAX and not regex.search(r"[\d等]", m)
                                    for m in members)


def complete_name(names: list[str], k: int) -> str:
    """城镇、农村居民人均可支配收入: the short members borrow the last member's noun; so do
    members that repeat its start (城镇居民、农村居民人均可支配收入)."""
    name, last = names[k], names[-1]
    if k < len(names) - 1 and 2 < len(name) < len(last) and last[2:].startswith(name[2:]):
        return name + last[len(name):]
    per_unit = PER_UNIT.match(names[0]) if k > 0 else None
    if per_unit and not name.startswith("单位"):
        return per_unit.group(0) + name  # 单位地区生产总值能耗和二氧化碳排放: both per unit of GDP
    if k < len(names) - 1 and len(name) <= 2 < len(last) and not name.isascii():
        for cut in range(1, len(last)):
            if last[cut:].startswith(("居民", "人均")) or cut == len(last) - 4:
                return name + last[cut:]
    return name


NAME_LEAD_FORMAT = (r"^(?:(?:到|至)?(?:20\d\d[-—~至])?20\d\d年(?:底|末)?[,，]?"
                    r"|“?十[一二三四五六七]五”?(?:时期|期间|期末|末)?[,，]?"
                    r"|[\u4e00-\u9fff]{{1,6}}?[省市县区州旗盟]将(?=[^，,。；]{{2}})"  # 云川市将地区生产总值…
                    r"|{})*")
NAME_TAIL_FORMAT = r"(?:{})+$"
