"""The park, cluster, area or project a bare measure belongs to (园区、集群、片区、项目).

A plan often states a measure without its owner: 实现年产值8亿元 follows a sentence or a
topic line about one park, and the output is that park's. names.py asks here for the owner
when the name it read is only a measure (年产值, 面积, 总投资; prose.toml [names] owned).

All offsets index the normalised view of the document.
"""

from __future__ import annotations

import regex

# Endings of a noun phrase that owns a measure (a park's output, a cluster's output, a project's
# households). Owners are only looked for when the name is a bare measure (prose.toml).
OWNER_SUFFIX = regex.compile(
    r"(?:产业集群|集群|产业园区|工业园区|园区|产业园|工业园|科技园|物流园|片区|新区|开发区|高新区|基地|项目)")
OWNER_END = regex.compile(f"(?:{OWNER_SUFFIX.pattern})$")
TOPIC_BREAK = regex.compile(r"[，,、的]")  # a clause or a modifier: a sentence, not a topic
# What may not stand inside an owner's noun phrase: punctuation, and the particles that end a
# phrase before it (的, 以, 在, 对, 和, 与, 为, 将, 把).
OWNER_STOP = regex.compile(r"[，,。；;：:、！？!?\s“”\"（）()的以在对和与为将把及]", flags=regex.REVERSE)
OWNER_MAX = 20
# What opens a sentence before its subject: a label (三园:) or a year (到2025年,).
OPENING = regex.compile(r"^(?:[^:：，,。]{1,8}[:：]|(?:到|至|在)?20\d\d年(?:底|末)?[,，]?)+")
SENTENCE_SPLIT = regex.compile(r"[。；;！？!?]")
TOPIC_SENTENCES = 4  # how far back the paragraph's topic is looked for
SUBJECT_MAX = 16  # a subject opening a sentence ends within this many characters
# A subject holds no punctuation, verb or particle before its park word (打造…基地 is an object).
SUBJECT_BREAK = regex.compile(r"[，,、：:的]|打造|建设|建成|形成|发展|推进|推动|加快|实施|引进|培育|依托|围绕|聚焦")
TOPIC_MAX = 24  # a topic sentence is a bare noun phrase: short
PARAGRAPH_MAX = 800


def last_match(pattern: regex.Pattern, text: str, start: int, end: int) -> regex.Match | None:
    """The last match of ``pattern`` in ``text[start:end]``."""
    found = None
    for found in pattern.finditer(text, start, end):  # noqa: B007 - the last one is wanted
        pass
    return found


def owner_before(text: str, pos: int, floor: int) -> str:
    """The nearest noun phrase ending in a park, cluster, area or project word in
    ``text[floor:pos]`` (打造省级高端精密仪器产业集群 → 打造省级高端精密仪器产业集群;
    the caller strips the verb), or ''."""
    last = last_match(OWNER_SUFFIX, text, floor, pos)
    if last is None:
        return ""
    stop = OWNER_STOP.search(text, max(floor, last.start() - OWNER_MAX), last.start())
    start = stop.end() if stop else max(floor, last.start() - OWNER_MAX)
    return text[start:last.end()]


def topic_of_paragraph(text: str, pos: int, floor: int) -> str:
    """The park, cluster or area the paragraph is about at ``pos``, or '': the nearest of the
    last few sentences before ``floor`` that is only its name (三园:青溪桥工业园。) or opens with
    it as the subject (金岭数字产业园聚焦发展…。到2025年,实现年产值8亿元)."""
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
