"""An indicator's name when the clause before its number does not say it whole.

clauses.py reads a name as the clause before the number without its cue words and verbs. That
wording fails in a few recurring ways, each repaired here by a small pure function:

- an enumeration of examples stands where the name should (湘天桥等7家农贸市场提质改造,
  南方中心等7个创新平台落户): the examples are dropped and the noun after the number named;
- only a measure noun is left (实现年产值10亿元, 面积23万平方米, 力争产值达500亿元): the
  quantity belongs to the park, cluster or project the sentence, or the short topic sentence
  of the paragraph (茅塘石门工业园。…实现年产值…), is about, and that owner is put before it;
- a cue word that is part of the name was stripped (累计新增就业 → 就业): it is put back;
- a value printed in brackets after a standard (浓度达到国家二级标准(35微克/立方米)) is of
  the subject before the verb, not of the standard;
- a quota handed down (超额完成省下达我市粮食产量) names its quantity after the verbs;
- a share or a bare verb (占财政支出的72.06%, 办结19286件) takes the subject or the object of the
  name read before it in the sentence.

All offsets index the normalised view of the document.
"""

from __future__ import annotations

import regex

# 等 ending a list of examples; not 等级, 平等, 高等, 中等, 同等, 等于.
ENUM_END = regex.compile(r"(?<![平高中初对均同相])等(?![级次于同额待候效])")
# Endings of a noun phrase that owns a measure (a park's output, a cluster's output, a project's
# households). Owners are only looked for when the name is a bare measure (prose.toml).
OWNER_SUFFIX = regex.compile(
    r"(?:产业集群|集群|产业园区|工业园区|园区|产业园|工业园|科技园|物流园|片区|新区|开发区|高新区|基地|项目)")
ADVERB_MAX = 2  # an adverb before the verb that opens a list of examples (成功引进)
OWNER_END = regex.compile(f"(?:{OWNER_SUFFIX.pattern})$")
TOPIC_BREAK = regex.compile(r"[，,、的]")  # a clause or a modifier: a sentence, not a topic
# What may not stand inside an owner's noun phrase: punctuation, and the particles that end a
# phrase before it (的, 以, 在, 对, 和, 与, 为, 将, 把).
OWNER_STOP = regex.compile(r"[，,。；;：:、！？!?\s“”\"（）()的以在对和与为将把及]", flags=regex.REVERSE)
OWNER_MAX = 20
# What opens a sentence before its subject: a label (六园:) or a year (到2025年,).
OPENING = regex.compile(r"^(?:[^:：，,。]{1,8}[:：]|(?:到|至|在)?20\d\d年(?:底|末)?[,，]?)+")
SENTENCE_SPLIT = regex.compile(r"[。；;！？!?]")
TOPIC_SENTENCES = 4  # how far back the paragraph's topic is looked for
SUBJECT_MAX = 16  # a subject opening a sentence ends within this many characters
# A subject holds no punctuation, verb or particle before its park word (打造…基地 is an object).
SUBJECT_BREAK = regex.compile(r"[，,、：:的]|打造|建设|建成|形成|发展|推进|推动|加快|实施|引进|培育|依托|围绕|聚焦")
TOPIC_MAX = 24  # a topic sentence is a bare noun phrase: short
PARAGRAPH_MAX = 800
# A value in brackets after a standard: the name is the subject before the verb.
BRACKETED = regex.compile(r"^(.{2,}?)(?:达到|达|为|优于|好于|低于|不超过|控制在)[^(（]*[(（]$")


def last_match(pattern: regex.Pattern, text: str, start: int, end: int) -> regex.Match | None:
    """The last match of ``pattern`` in ``text[start:end]``."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last one is wanted
        pass
    return found


def drop_enumeration(head: str, action: regex.Pattern) -> str:
    """The name without a list of examples: '引进新型绿色工程材料等项目' → '引进项目',
    '湘天桥等' → '' (the noun then follows the number). A head without 等 is returned as is."""
    found = last_match(ENUM_END, head, 0, len(head))
    if found is None or found.start() == 0:
        return head
    before, after = head[:found.start()], head[found.end():]
    verb = action.search(before, 0, ADVERB_MAX + 4)  # 成功引进株机维保、中锐智能等
    prefix = verb.group(0) if verb and verb.start() <= ADVERB_MAX and verb.end() < len(before) else ""
    return prefix + after


def examples_of(head: str) -> str:
    """What a list of examples is (三区科技人才等 → 三区科技人才), for when nothing names it
    after the number either."""
    found = last_match(ENUM_END, head, 0, len(head))
    return head[:found.start()] if found is not None else head


def unbracketed(head: str) -> str:
    """'细颗粒物(PM2.5)浓度达到国家环境空气质量二级标准(' → '细颗粒物(PM2.5)浓度'."""
    m = BRACKETED.match(head)
    return m.group(1) if m else head


def owner_before(text: str, pos: int, floor: int) -> str:
    """The nearest noun phrase ending in a park, cluster, area or project word in
    ``text[floor:pos]`` (打造国家级高端输变电装备产业集群 → 打造国家级高端输变电装备产业集群;
    the caller strips the verb), or ''."""
    last = last_match(OWNER_SUFFIX, text, floor, pos)
    if last is None:
        return ""
    stop = OWNER_STOP.search(text, max(floor, last.start() - OWNER_MAX), last.start())
    start = stop.end() if stop else max(floor, last.start() - OWNER_MAX)
    return text[start:last.end()]


def topic_of_paragraph(text: str, pos: int, floor: int) -> str:
    """The park, cluster or area the paragraph is about at ``pos``, or '': the nearest of the
    last few sentences before ``floor`` that is only its name (六园:茅塘石门工业园。) or opens with
    it as the subject (湘煤机智造产业园聚焦发展…。到2025年,实现年产值15亿元)."""
    para = max(text.rfind("\n", 0, floor) + 1, floor - PARAGRAPH_MAX, 0)
    sentences = [s for s in SENTENCE_SPLIT.split(text[para:floor]) if s.strip()]
    for sentence in reversed(sentences[-TOPIC_SENTENCES:]):
        sentence = OPENING.sub("", sentence.strip())
        if 2 < len(sentence) <= TOPIC_MAX and OWNER_END.search(sentence) and not TOPIC_BREAK.search(sentence):
            return sentence
        first = OWNER_SUFFIX.search(sentence, 0, SUBJECT_MAX)
        if first and not SUBJECT_BREAK.search(sentence, 0, first.start()):
            return sentence[:first.end()]
    return ""


# 超额完成省下达我市粮食产量155万吨: a quota handed down names its quantity after the verbs.
QUOTA = regex.compile(r"^(?:超额|提前|全面)*完成了?(?:国家|省|市|县|区|上级)?(?:下达|下发|分配)给?"
                      r"(?:我市|我区|我县|全市|全区|全县)?的?(?P<name>.{2,})$")
SHARE_WORD = regex.compile(r"比重|比例|份额|占比")
QUOTA_WORDS = regex.compile(r"目标|任务|指标")


def quota_name(name: str) -> str | None:
    """'超额完成省下达我市粮食产量' → '粮食产量'; a quota of tasks or targets names nothing."""
    m = QUOTA.match(name)
    return m.group("name") if m and not QUOTA_WORDS.search(m.group("name")) else None


def with_subject(name: str, last: str, action: regex.Pattern) -> str:
    """A name that lost its subject, completed from the name read before it in the sentence:
    '占财政支出' after 财政民生支出 → '财政民生支出占财政支出'; '办结' and '办结率' after
    受理各类网格事件 → '各类网格事件办结', '各类网格事件办结率'."""
    if name.startswith("占") and not name.startswith("占地") and len(last) >= 2 and not last.startswith("占"):
        return last + name + ("" if SHARE_WORD.search(name) else "比重")
    bare = name[:-1] if name.endswith("率") else name
    if bare and action.fullmatch(bare):
        noun = object_of(last, action)
        if len(noun) >= 2:
            return noun + name
    return name


def object_of(name: str, action: regex.Pattern) -> str:
    """A name without the verb before or after its noun (受理各类网格事件 → 各类网格事件)."""
    verb = action.match(name)
    if verb:
        name = name[verb.end():]
    for cut in range(1, min(len(name), 5)):
        if action.fullmatch(name[-cut:]):
            return name[:-cut]
    return name
