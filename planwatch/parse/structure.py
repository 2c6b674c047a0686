"""The section tree of a plan (篇 › 章 › 节 › 一、 › (一) › 1.), as a flat list in document order.

"Which chapter is this number in?" is how a planner reads a target: a 2025 figure under
第四章 发展目标 is a goal, the same figure under a 专栏 of projects is a project size. So every
Section's span covers its heading and body up to the next heading of the same or a higher
level, and ``section_at`` is a containment test.

Kinds (``Section.kind``): ``part`` 篇, ``chapter`` 章, ``section`` 节, ``item`` 一、/(一)/1.
headings, ``box`` 专栏, ``table`` 表 1-1 captions, ``annex`` 附表/附件, ``glossary`` 名词解释.
Levels are relative to what a document uses: without 篇, 章 is level 1. Boxes and table
captions sit one level under the innermost 篇/章/节 they appear in; annexes and the glossary
are top-level appendices.

Headings are matched on the normalised view (PDF spacing gone: "第 一 章", "“ 十四五 ”") and
mapped back to the original text. The table of contents (目录) repeats the headings without
bodies; its lines are skipped so only the real headings become sections.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from planwatch.ingest.textview import TextView, normalize
from planwatch.model import Section, Span

_NUM = "一二三四五六七八九十百零〇"
# Heading patterns on a normalised line, checked in order: (kind, sub-kind, pattern). The
# pattern's group "mark" is the numbering, group "rest" the title after it.
HEADING_PATTERNS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("part", "part", re.compile(rf"^(?P<mark>第[{_NUM}]+(?:篇|部分))(?P<rest>.*)$")),
    ("chapter", "chapter", re.compile(rf"^(?P<mark>第[{_NUM}]+章)(?P<rest>.*)$")),
    ("section", "section", re.compile(rf"^(?P<mark>第[{_NUM}]+节)(?P<rest>.*)$")),
    ("glossary", "glossary",
     re.compile(r"^(?:附件?\d*[:：]?)?(?P<mark>名词解释|名词术语解释|术语解释)(?P<rest>[:：]?)$")),
    ("annex", "annex", re.compile(r"^(?P<mark>附表|附件)(?P<rest>\d*[:：]?.{0,40})$")),
    ("box", "box", re.compile(r"^(?P<mark>专栏\d+(?:[-—]\d+)?|专栏[一二三四五六七八九十]+)(?P<rest>.{0,50})$")),
    ("table", "table", re.compile(r"^(?P<mark>表\d+(?:-\d+)?)(?P<rest>.{0,50})$")),
    ("table", "table", re.compile(r"^(?P<mark>\d+-\d+)(?P<rest>[^\d\s].{0,48}(?:指标|情况|表|体系|一览|清单|汇总))$")),
    ("item", "item_cn", re.compile(rf"^(?P<mark>[{_NUM}]+、)(?P<rest>.+)$")),
    ("item", "item_paren", re.compile(rf"^(?P<mark>\([{_NUM}]+\))(?P<rest>.+)$")),
    ("item", "item_num", re.compile(r"^(?P<mark>\d{1,2}[.、](?!\d))(?P<rest>.+)$")),
)
# All of them at once, names dropped: most lines are body text, and one failed match in C
# rejects them instead of eleven (a third of the section parser's time).
_ANY_HEADING = re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[a-z]+>', '(?:', p.pattern)})"
                                   for _, _, p in HEADING_PATTERNS))
STRUCTURAL = ("part", "chapter", "section")  # the numbered tree; boxes hang under it
ITEM_ORDER = ("item_cn", "item_paren", "item_num")
TOP_LEVEL = ("glossary", "annex")
MAX_ITEM_LEN = 30  # a numbered line longer than this is a paragraph that starts with a number
MAX_HEADING_LEN = 60  # a 章/节 line longer than this has its text glued on after the title
SENTENCE_PUNCT = re.compile(r"[。；;！？!?]|[，,:：]$")
CONTINUATION_LEN = 16  # the broken-off end of a long heading on the next line (…社会主义 / 现代化新征程)
TOC_MARK = re.compile(r"^目\s*录$")
TOC_MIN_RUN = 3  # consecutive body-less headings that make a contents list without a 目录 line
TOC_PAGE = re.compile(r"[.…·\s]*\d*$")


@dataclass(frozen=True)
class _Heading:
    kind: str
    sub: str
    mark: str
    title: str
    start: int  # normalised offsets of the heading text
    end: int


def parse_sections(text: str) -> list[Section]:
    """All headings of ``text`` with their spans, in document order (see the module doc)."""
    view = normalize(text)
    lines = list(_lines(view.text))
    headings = _drop_toc(view.text, _find_headings(view.text, lines), lines)
    return _build(headings, view, text)


def section_at(sections: Sequence[Section], offset: int) -> Section | None:
    """The innermost section whose span contains ``offset``."""
    path = section_path(sections, offset)
    return path[-1] if path else None


def section_path(sections: Sequence[Section], offset: int) -> list[Section]:
    """Sections containing ``offset``, outermost first."""
    around = [s for s in sections if s.span.start <= offset < s.span.end]
    return sorted(around, key=lambda s: (s.level, s.span.start))


def _lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line, trimmed of surrounding spaces."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _find_headings(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, _Heading]]:
    """Heading candidates as (line index, heading)."""
    out = []
    for i, (s, e) in enumerate(lines):
        heading = _classify(text[s:e], s)
        if heading is None:
            continue
        if heading.kind in STRUCTURAL and i + 1 < len(lines):
            heading = _join_continuation(heading, text, lines, i)
        out.append((i, heading))
    return out


def _classify(line: str, start: int) -> _Heading | None:
    if not _ANY_HEADING.match(line):
        return None
    for kind, sub, pattern in HEADING_PATTERNS:
        m = pattern.match(line)
        if not m:
            continue
        rest = m.group("rest").strip()
        end = start + len(line)
        if kind == "item":
            if len(line) > MAX_ITEM_LEN or SENTENCE_PUNCT.search(rest) or not rest:
                return None
        elif kind in STRUCTURAL and len(line) > MAX_HEADING_LEN:
            cut = _glued_title_end(rest)
            rest = rest[:cut]
            end = start + m.start("rest") + cut
        elif kind == "box" and SENTENCE_PUNCT.search(rest):
            return None
        rest = TOC_PAGE.sub("", rest) if kind in STRUCTURAL else rest
        return _Heading(kind, sub, m.group("mark"), _title(m.group("mark"), rest), start, end)
    return None


def _glued_title_end(rest: str) -> int:
    """Where the title ends when the body text follows on the same line."""
    m = re.search(r"[。；]", rest)
    return m.start() if m and m.start() <= MAX_ITEM_LEN else min(len(rest), MAX_ITEM_LEN)


def _title(mark: str, rest: str) -> str:
    rest = re.sub(r"\s+", " ", rest).strip(":： ")
    if mark.endswith(("、", ")", ".")):
        return mark + rest
    return f"{mark} {rest}" if rest else mark


def _join_continuation(heading: _Heading, text: str, lines: list[tuple[int, int]], i: int) -> _Heading:
    """A long heading broken over two lines, or a bare 第一章 with its title on the next line:
    take the short tail line into the heading."""
    s, e = lines[i + 1]
    tail = text[s:e]
    if heading.title == heading.mark and len(tail) <= MAX_ITEM_LEN and not SENTENCE_PUNCT.search(tail) \
            and _classify(tail, s) is None:
        return _Heading(heading.kind, heading.sub, heading.mark, _title(heading.mark, tail), heading.start, e)
    if (
        len(heading.title) >= 20
        and len(tail) <= CONTINUATION_LEN
        and not SENTENCE_PUNCT.search(tail)
        and _classify(tail, s) is None
        and heading.end == lines[i][1]
    ):
        return _Heading(heading.kind, heading.sub, heading.mark, heading.title + tail, heading.start, e)
    return heading


def _drop_toc(
    text: str, headings: list[tuple[int, _Heading]], lines: list[tuple[int, int]]
) -> list[_Heading]:
    """Remove table-of-contents entries: everything from a 目录 line up to where the body
    starts (a paragraph, or the first entry's heading met again)."""
    toc_line = next((i for i, (s, e) in enumerate(lines) if TOC_MARK.match(text[s:e])), None)
    if toc_line is None:
        return _drop_unmarked_toc(headings)
    by_line = dict(headings)
    first: _Heading | None = None
    body_line = len(lines)
    for i in range(toc_line + 1, len(lines)):
        h = by_line.get(i)
        if h is None:
            s, e = lines[i]
            if e - s > MAX_HEADING_LEN or SENTENCE_PUNCT.search(text[s:e]):
                body_line = i
                break
            continue
        if first is None:
            first = h
        elif (h.kind, h.mark) == (first.kind, first.mark):
            body_line = i
            break
    return [h for i, h in headings if not toc_line < i < body_line]


def _drop_unmarked_toc(headings: list[tuple[int, _Heading]]) -> list[_Heading]:
    """Without a 目录 line: a run of headings on consecutive lines (no body between them)
    whose first heading comes again after the run is a contents list."""
    run_end = 0
    while run_end < len(headings) and headings[run_end][0] == headings[0][0] + run_end:
        run_end += 1
    if run_end >= TOC_MIN_RUN:
        first = headings[0][1]
        if any((h.kind, h.mark) == (first.kind, first.mark) for _, h in headings[run_end:]):
            return [h for _, h in headings[run_end:]]
    return [h for _, h in headings]


def _build(headings: list[_Heading], view: TextView, text: str) -> list[Section]:
    levels = _levels(headings)
    ends = _ends(headings, levels, len(view.text))
    out = []
    for h, level, end in zip(headings, levels, ends, strict=True):
        head = view.orig_span(h.start, h.end)
        stop = view.orig_index(end) if end < len(view.text) else len(text)
        while stop > head.end and text[stop - 1].isspace():
            stop -= 1
        out.append(Section(h.title, level, h.kind, Span(head.start, stop), head))
    return out


def _levels(headings: list[_Heading]) -> list[int]:
    """Relative levels: the structural kinds the document uses, then its item kinds."""
    used = [k for k in STRUCTURAL if any(h.sub == k for h in headings)]
    used += [k for k in ITEM_ORDER if any(h.sub == k for h in headings)]
    rank = {k: i + 1 for i, k in enumerate(used)}
    n_struct = sum(1 for k in STRUCTURAL if k in rank)
    levels = []
    open_struct = 0
    for h in headings:
        if h.kind in TOP_LEVEL:
            level = 1
            open_struct = 1  # its boxes and tables hang under it
        elif h.kind in ("box", "table"):
            level = open_struct + 1
        else:
            level = rank[h.sub]
            if h.kind in STRUCTURAL:
                open_struct = level
            elif open_struct == 0:
                level = level - n_struct + 1 if n_struct else level
        levels.append(level)
    return levels


def _ends(headings: list[_Heading], levels: list[int], length: int) -> list[int]:
    """Each heading's body ends where the next heading of the same or a higher level starts."""
    ends = [length] * len(headings)
    stack: list[int] = []
    for i, level in enumerate(levels):
        while stack and levels[stack[-1]] >= level:
            ends[stack.pop()] = headings[i].start
        stack.append(i)
    return ends
