"""An indicator's name (指标名称) for each quantity of the prose.

A name is read as the clause before the number without its cue words and verbs (NameReader);
in a "分别" list the k-th number takes the k-th name, and where the clause holds only a verb the
noun written after the number completes it. That wording fails in a few recurring ways, each
repaired here by a small pure function:

- an enumeration of examples stands where the name should (东关桥等5家农贸市场升级改造,
  北山中心等4个研发平台入驻): the examples are dropped and the noun after the number named;
- only a measure noun is left (实现年产值8亿元, 面积15万平方米, 力争产值达300亿元): the
  quantity belongs to the park, cluster or project the sentence, or the short topic sentence
  of the paragraph (青溪桥工业园。…实现年产值…), is about, and that owner (owners.py) is put
  before it;
- a cue word that is part of the name was stripped (累计新增就业 → 就业): it is put back;
- a value printed in brackets after a standard (浓度达到国家二级标准(35微克/立方米)) is of
  the subject before the verb, not of the standard;
- a quota handed down (提前完成省下达我县造林面积) names its quantity after the verbs;
- a share or a bare verb (占一般公共预算支出的75.3%, 办结8640件) takes the subject or the object of the
  name read before it in the sentence.

All offsets index the normalised view of the document.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import regex

from planwatch.extract.owners import last_match, owner_before, topic_of_paragraph
from planwatch.extract.quantities import Quantity, QuantityIndex
from planwatch.extract.sentences import clause_start, sentence_bounds
from planwatch.extract.vocabulary import Vocabulary, alternation

# 等 ending a list of examples; not 等级, 平等, 高等, 中等, 同等, 等于.
ENUM_END = regex.compile(r"(?<![平高中初对均同相])等(?![级次于同额待候效])")
ADVERB_MAX = 2  # an adverb before the verb that opens a list of examples (成功引进)
# A value in brackets after a standard: the name is the subject before the verb.
BRACKETED = regex.compile(r"^(.{2,}?)(?:达到|达|为|优于|好于|低于|不超过|控制在)[^(（]*[(（]$")


def drop_enumeration(head: str, action: regex.Pattern) -> str:
    """The name without a list of examples: '引进智能装备制造等项目' → '引进项目',
    '东关桥等' → '' (the noun then follows the number). A head without 等 is returned as is."""
    found = last_match(ENUM_END, head, 0, len(head))
    if found is None or found.start() == 0:
        return head
    before, after = head[:found.start()], head[found.end():]
    verb = action.search(before, 0, ADVERB_MAX + 4)  # 成功引进远航科技、北辰材料等
    prefix = verb.group(0) if verb and verb.start() <= ADVERB_MAX and verb.end() < len(before) else ""
    return prefix + after


def examples_of(head: str) -> str:
    """What a list of examples is (乡村工匠等 → 乡村工匠), for when nothing names it
    after the number either."""
    found = last_match(ENUM_END, head, 0, len(head))
    return head[:found.start()] if found is not None else head


def unbracketed(head: str) -> str:
    """'细颗粒物(PM2.5)年均浓度达到国家二级标准(' → '细颗粒物(PM2.5)年均浓度'."""
    m = BRACKETED.match(head)
    return m.group(1) if m else head


# 提前完成省下达我县造林面积3.2万亩: a quota handed down names its quantity after the verbs.
QUOTA = regex.compile(r"^(?:超额|提前|全面)*完成了?(?:国家|省|市|县|区|上级)?(?:下达|下发|分配)给?"
                      r"(?:我市|我区|我县|全市|全区|全县)?的?(?P<name>.{2,})$")
SHARE_WORD = regex.compile(r"比重|比例|份额|占比")
QUOTA_WORDS = regex.compile(r"目标|任务|指标")


def quota_name(name: str) -> str | None:
    """'提前完成省下达我县造林面积' → '造林面积'; a quota of tasks or targets names nothing."""
    m = QUOTA.match(name)
    return m.group("name") if m and not QUOTA_WORDS.search(m.group("name")) else None


def with_subject(name: str, last: str, action: regex.Pattern) -> str:
    """A name that lost its subject, completed from the name read before it in the sentence:
    '占一般公共预算支出' after 教育支出 → '教育支出占一般公共预算支出比重'; '办结' and
    '办结率' after 受理群众诉求 → '群众诉求办结', '群众诉求办结率'."""
    if name.startswith("占") and not name.startswith("占地") and len(last) >= 2 and not last.startswith("占"):
        return last + name + ("" if SHARE_WORD.search(name) else "比重")
    bare = name[:-1] if name.endswith("率") else name
    if bare and action.fullmatch(bare):
        noun = object_of(last, action)
        if len(noun) >= 2:
            return noun + name
    return name


def object_of(name: str, action: regex.Pattern) -> str:
    """A name without the verb before or after its noun (受理群众诉求 → 群众诉求)."""
    verb = action.match(name)
    if verb:
        name = name[verb.end():]
    for cut in range(1, min(len(name), 5)):
        if action.fullmatch(name[-cut:]):
            return name[:-cut]
    return name


# --- Reading the name of each quantity -------------------------------------------------------

LIST_JOINERS = "、和及与:"
# (年均新增规模以上工业企业15家 names additions per year, not a growth of something named before)
GROWTH_LEAD = regex.compile(r"^(?:比上年|较上年|同比|增长|年均(?!新增)|增速|比20\d\d年)")
# A clause that compares with a goal or reports it met names no indicator (高于6%左右的规划目标,
# 已提前完成“十四五”末65%的目标): the number is of the indicator the sentence is about.
BORROWED_NAME = regex.compile(r"^(?:已|已经|提前|超额|均|仍)*"
                              r"(?:完成|高于|低于|优于|好于|差于|距离?|快于|慢于|超过|接近)"
                              r"|^(?:规划|预期|既定|五年)?目标|差距$|^按[^，,]{0,10}折算|^(?:增加|提高|提升|上升|下降|降低|减少|扩大)(?:到|至)")
# A clause that holds only a verb and a year (是2015年的3.1倍, 调整为2025年的8.5:38.2:53.3,
# 较2016年净增0.86亿元) or a verb of passing a mark (人均GDP4万元迈上5万元) speaks of the
# indicator the sentence named before.
YEAR_ONLY = regex.compile(r"^\D{0,3}(?:19|20)\d\d年(?:末|底)?(?:的|净增|增加|增长|减少|下降)?$"
                          r"|^(?:跨入|跨越|迈上|迈入)$")
# The noun after a number (8个“街角游园”, 1200亩污染地块修复): up to a joiner or a clause end;
# not a （预计数） note; digits inside it (两类100强企业) but not first, unless 24小时书屋.
NOUN_AFTER = regex.compile(r"(?:的)?(?![(（])((?:\d+小时)?[^，,。；;：:、和及与\n\d][^，,。；;：:、和及与\n]{0,19})")
# 两类100强企业(全国100强: the noun ends at a bracketed aside; 县(区)级 keeps its short bracket
ASIDE = regex.compile(r"[(（](?:[^)）]{4,}|[^)）]*$).*$")
LIST_MAX = 8  # members of a list of levels looked through for their shared noun
NOUN_MAX = 10  # a noun after a clause-final verb; a longer run is a clause of its own
BULLETS = "—-•·…【】 "  # a dash or bullet before a number names nothing
LIST_SPLIT = regex.compile(r"[、和及与]")
FROM_TO = regex.compile(r"(?:从|由)[^从由]*$")  # 比重从21.5%提高到30%: the name ends at 从
DIGIT = regex.compile(r"\d")
PER_UNIT = regex.compile(r"^单位(?:地区生产总值|国内生产总值|GDP|工业增加值)")
URBAN_RURAL, PAIR = "城乡", ("城镇", "农村")  # 城乡 X 分别 a%、b%: the urban X, then the rural X
NAMED_MEMBER_MAX = 8  # members of a list of proper names (桃源、柳岸) are short
NAME_LEAD_FORMAT = (r"^(?:(?:到|至)?(?:20\d\d[-—~至])?20\d\d年(?:底|末)?[,，]?"
                    r"|“?十[一二三四五六七]五”?(?:时期|期间|期末|末)?[,，]?"
                    r"|[\u4e00-\u9fff]{{1,6}}?[省市县区州旗盟]将(?=[^，,。；]{{2}})"  # 云川市将地区生产总值…
                    r"|{})*")
NAME_TAIL_FORMAT = r"(?:{})+$"


def names_nothing(name: str) -> bool:
    """Whether a clause's wording is no name of its own (a growth, a comparison with a goal, a
    year), so the number is of the indicator the sentence named before."""
    return bool(len(name) < 2 or GROWTH_LEAD.match(name) or BORROWED_NAME.search(name)
                or YEAR_ONLY.match(name))


def named_list(head: str) -> bool:
    """Whether ``head`` is only a list of short names (桃源、柳岸), no verb or number in it."""
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


@dataclass(frozen=True)
class NamePatterns:
    """The name reader's patterns, built from the vocabulary's [names] table (prose.toml)."""

    action: regex.Pattern  # a verb that opens or is a clause (建设, 新增)
    action_end: regex.Pattern  # such a verb ending a clause
    lead: regex.Pattern  # cue words before a name (到2025年, 全市)
    tail: regex.Pattern  # cue words after a name (达到, 增长)
    kept_lead: regex.Pattern | None  # cue words that belong to a bare measure (新增就业)
    object_done: regex.Pattern  # nouns that end in what was done (修复治理)
    owned: frozenset[str]  # bare measures that belong to a park or project (年产值)


_NAME_PATTERNS: dict[int, tuple[Vocabulary, NamePatterns]] = {}


def name_patterns(vocab: Vocabulary) -> NamePatterns:
    """The name patterns of ``vocab``, compiled once per vocabulary (not once per document)."""
    cached = _NAME_PATTERNS.get(id(vocab))
    if cached is not None and cached[0] is vocab:
        return cached[1]
    names = vocab.data["names"]
    kept = alternation(names.get("kept_lead", []))
    done = names.get("object_done")
    patterns = NamePatterns(
        action=regex.compile(f"(?:{alternation(names['actions'])})"),
        action_end=regex.compile(f"(?:{alternation(names['actions'])})$"),
        lead=regex.compile(NAME_LEAD_FORMAT.format(alternation(names["lead"]))),
        tail=regex.compile(NAME_TAIL_FORMAT.format(alternation(names["tail"]))),
        kept_lead=regex.compile(f"(?:{kept})+$") if kept else None,
        object_done=regex.compile(f"(?:{alternation(done)})$" if done else r"(?!)"),
        owned=frozenset(names.get("owned", ())),
    )
    _NAME_PATTERNS[id(vocab)] = (vocab, patterns)
    return patterns


class NameReader:
    """Reads the indicator name of each quantity of one document. It remembers the last name
    read in each sentence: a growth or a share after a level (地区生产总值…亿元，增长5%) is of
    the same indicator."""

    def __init__(self, text: str, index: QuantityIndex, vocab: Vocabulary) -> None:
        self.text = text
        self.index = index
        self.p = name_patterns(vocab)
        self.last_name: dict[int, str] = {}  # sentence start -> the last name of its own read

    def read(self, q: Quantity, s_start: int, c_start: int, head: int) -> tuple[str, bool]:
        """The name of ``q`` (its clause starts at ``c_start``, the list it ends at ``head``),
        and whether its own clause only compared it with a goal (高于6%左右的规划目标), so the
        caller can read the number as the rate the sentence gave before."""
        name = self.phrase(q, c_start, head)
        name = quota_name(name) or with_subject(name, self.last_name.get(s_start, ""), self.p.action)
        if names_nothing(name):
            compared = bool(BORROWED_NAME.search(name))
            return self.last_name.get(s_start) or self.subject_before(s_start, c_start) or name, compared
        self.last_name[s_start] = name
        return name, False

    def name_of_text(self, head: str) -> str:
        """A clause head without its cue words and verbs (the indicator's wording)."""
        return self.p.tail.sub("", self.p.lead.sub("", head))

    def subject_before(self, s_start: int, c_start: int) -> str:
        """The subject of the sentence's first clause when it gave no number of ours
        (居民消费价格指数（CPI）为100.3，比上年上涨0.3%): up to its first digit, cue words off."""
        if c_start <= s_start + 1:
            return ""
        first = self.text[s_start:c_start - 1]
        digit = DIGIT.search(first)
        subject = self.name_of_text(first[:digit.start()] if digit else first)
        return subject if len(subject) >= 2 and not BORROWED_NAME.search(subject) else ""

    def previous_end(self, pos: int, floor: int) -> int:
        """End of the last quantity before ``pos`` in the clause (plus a joiner after it), so
        新增标准厂房20万平方米、物流仓库5万平方米 names the second 物流仓库."""
        starts = self.index.starts
        i = bisect_right(starts, pos - 1) - 1
        while i >= 0 and starts[i] >= floor:
            end = self.index.end_of_start.get(starts[i], -1)
            if end <= pos:
                return end + 1 if self.text[end:end + 1] in LIST_JOINERS + "，," else end
            i -= 1
        return floor

    def phrase(self, q: Quantity, c_start: int, list_start: int) -> str:
        """The indicator's wording: the clause before the number without its verbs. In a
        "分别" list (城镇、农村居民人均可支配收入分别增长7%、8%) the k-th number takes the k-th
        name; where the noun follows the number (新建八个“街角游园”) the verb takes it."""
        text, index = self.text, self.index
        clause_head = text[c_start:list_start]
        c_start = max(c_start, self.previous_end(list_start, c_start))
        raw = text[c_start:list_start]
        # "八个“街角游园”、二十个": what stands before the 、 is the previous item's noun
        head = "" if raw.endswith(tuple(LIST_JOINERS)) else unbracketed(self.name_of_text(raw))
        if "从" in head or "由" in head:
            cut = FROM_TO.sub("", head)
            head = cut if len(cut) >= 2 else head
        if (c_start in index.start_of_end and head == raw and not self.p.action.search(raw)
                and self.noun_follows(q)):
            head = ""  # 20万亩优质茶叶基地3万亩油茶种植基地: the words before are the last item's noun
        elif (q.group != "percent" and named_list(head) and not self.p.action.search(head)
              and self.noun_follows(q)):
            head = ""  # 桃源、柳岸2个标准化菜市场: the number counts the places listed before it
        # a list of bare numbers (增长7%、8%), not a list of named ones (地方标准12项、团体标准30项)
        if list_start < q.start or (text[q.end:q.end + 1] in LIST_JOINERS
                                    and q.end + 1 in index.end_of_start):
            member = list_member(head, len(LIST_SPLIT.findall(text, list_start, q.start)))
            if member:
                return member
        named = self.worded(q, drop_enumeration(head, self.p.action), clause_head) or examples_of(head)
        return self.owned(named, raw, c_start)

    def noun_after(self, pos: int) -> regex.Match | None:
        """The noun written right after a number ending at ``pos``, up to the next quantity."""
        return NOUN_AFTER.match(self.text, pos, self.index.next_start(pos))

    def worded(self, q: Quantity, head: str, clause_head: str) -> str:
        """The head as the name, or, when the head is only a verb (or nothing), the verb and the
        noun written after the number (新建八个“街角游园” → 新建街角游园)."""
        tail_words = self.p.tail
        head = head.strip(BULLETS)
        tail = self.noun_after(q.end)
        done = ASIDE.sub("", tail.group(1)).strip("“”\"") if tail else ""
        # (the noun is cleaned only where it is used: most heads are whole names)
        ending = self.p.action_end.search(head)
        short = ending is not None and ending.start() > 0 and 0 < len(tail_words.sub("", done)) <= NOUN_MAX
        if tail and done.endswith("级"):  # 4个省级、12个市级、40个县(区)级特色农业产业园
            done += self.shared_noun(tail.end())
        object_done = self.p.object_done.search(done) is not None
        if short and ending is not None:
            # 种植业建设20万亩优质茶叶基地: 建设优质茶叶基地
            return ending.group(0) + (done if object_done else tail_words.sub("", done))
        verb = self.p.action.match(head) or self.p.action.match(self.p.lead.sub("", clause_head))
        whole_verb = verb and verb.end() == len(head)
        if len(head) >= 2 and not whole_verb and object_done and tail is not None and tail.start() == q.end:
            return (head + done)[-30:]  # 老矿区周边1.5平方公里污染地块修复治理: the place, then what was done
        if len(head) >= 2 and not whole_verb:
            return head[-30:]
        noun = done if object_done else tail_words.sub("", done)  # 签约 is no 约
        if noun:
            return (verb.group(0) if verb else "") + noun
        return head

    def noun_follows(self, q: Quantity) -> bool:
        """Whether a noun is written right after the number (3万亩油茶种植基地)."""
        tail = self.noun_after(q.end)
        return bool(tail and tail.start() == q.end and self.p.tail.sub("", tail.group(1)))

    def shared_noun(self, pos: int) -> str:
        """The noun a list of levels shares, written once after its last member (4个省级、
        12个市级、40个县(区)级特色农业产业园 → 特色农业产业园), or ''."""
        for _ in range(LIST_MAX):
            if self.text[pos:pos + 1] != "、" or pos + 1 not in self.index.end_of_start:
                return ""
            member = self.noun_after(self.index.end_of_start[pos + 1])
            if member is None:
                return ""
            level = member.group(1).rfind("级")
            if not member.group(1).endswith("级"):
                return member.group(1)[level + 1:] if level >= 0 else ""
            pos = member.end()
        return ""

    def owned(self, name: str, raw: str, c_start: int) -> str:
        """A bare measure (年产值, 面积, 就业) with the cue word that belongs to it put back
        (新增就业) and the park, cluster or project it is of put before it."""
        if not name.strip(BULLETS):
            return self.area_named_before(name, c_start)
        base = name
        if name and self.p.kept_lead is not None and (len(name) <= 2 or name in self.p.owned):
            bare = self.p.tail.sub("", raw)
            kept = self.p.kept_lead.search(bare, 0, len(bare) - len(name)) if bare.endswith(name) else None
            name = kept.group(0) + name if kept else name
        if base not in self.p.owned:
            return name
        s_start, _ = sentence_bounds(self.text, c_start)
        owner = owner_before(self.text, c_start, s_start) or topic_of_paragraph(self.text, c_start, s_start)
        owner = self.p.lead.sub("", owner)
        verb = self.p.action.match(owner)
        if verb and len(owner) - verb.end() >= 2:
            owner = owner[verb.end():]
        return owner + name

    def area_named_before(self, name: str, c_start: int) -> str:
        """滨江片区,约1200亩: a clause of only a number measures the area the clause before it
        names (when that clause is only the area's name); ``name`` otherwise."""
        s_start, _ = sentence_bounds(self.text, c_start)
        before = self.text[clause_start(self.text, c_start - 1, s_start):c_start - 1].strip()
        return before if before and owner_before(before, len(before), 0) == before else name


def list_member(head: str, k: int) -> str | None:
    """The k-th name of a list of names the numbers of a list take in turn (城镇、农村居民人均
    可支配收入分别增长7%、8%), or None when ``head`` is no such list."""
    names = [n for n in LIST_SPLIT.split(head.removesuffix("分别")) if n]
    if len(names) > 1 and k < len(names):
        return complete_name(names, k)
    if len(names) == 1 and names[0].startswith(URBAN_RURAL) and k < len(PAIR):
        return PAIR[k] + names[0][len(URBAN_RURAL):]  # 城乡居民收入分别增长8%、9%
    return None
