"""Key projects (重点项目, 重大工程) named in a plan.

Plans list their projects in 专栏 boxes ("专栏5-3 基础设施建设工程": runs of names separated by
、) and in prose ("加快A、B等项目建设", "X项目：总投资50亿元"). A planner wants the named
things — 云岭机电灯塔工厂建设项目, 青溪水库建设 — never the slogans around them (实施乡村振兴
战略, 推进项目建设). So precision comes first, and every rule asks for positive evidence that
a phrase names one specific thing:

* inside a box whose title speaks of projects (项目/工程), a list of two or more names that end
  like a project or a facility (…项目, …工程, …水库建设, …产业园, …公路) is a project list,
  and a lone clause that is a …项目/…工程 name, or a numbered or bare line naming a facility,
  is one;
* anywhere, a list closed by "等项目建设" / "重点项目建设" names projects (each name must still
  end like a project or facility, so "科技创新、工业文旅等项目" gives nothing);
* anywhere, a …项目/…工程 name beside 总投资 X亿元 ("X项目：总投资50亿元", "总投资50亿元的X
  项目", "X项目（总投资50亿元）", "X项目。总投资50亿元") is a project and carries the amount.

The word lists (project and facility endings, lead verbs, generic words) are data, in
``planwatch/data/projects.toml``. Everything is matched on the normalised view (PDF spaces
gone) and mapped back with ``orig_span``. Only sentences that can hold a project are ever cut
(those in a project box, and those holding 项目 or 投资: ``sentence_finder``); a document
with neither and no box costs one scan; and the cheap word tests (``in``, ``endswith``) run
before the regexes, which only confirm. (Speed: bench/bench_extract.py; the output is pinned
by tests/fixtures/projects_regression.json.)
"""

from __future__ import annotations

import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import NamedTuple

from planwatch.extract.numbers import parse_arabic
from planwatch.extract.sentence_finder import Intervals, Piece, SentenceFinder, normalised_span
from planwatch.ingest.textview import TextView, normalize
from planwatch.model import Project, Section, Span
from planwatch.parse.structure import section_path

# The word lists live in planwatch/data/projects.toml (why each one is there is written beside it).
DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "projects.toml"
WORDS: dict[str, list[str]] = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))


def _alternation(words: list[str]) -> str:
    """Literal words as one alternation, longest first (改扩建 before 扩建)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _ending(words: list[str]) -> re.Pattern[str]:
    """A name ending in one of ``words``, then maybe a phase (二期, 一/二期) or a note in brackets."""
    return re.compile(f"(?:{_alternation(words)})(?:[一二三四五六七八九\\d/]+期(?:工程)?)?(?:\\([^()]{{1,12}}\\))?$")


PROJECT_BOX_TITLE = re.compile(_alternation(WORDS["box_title_words"]))
# Sections that list projects when their title says so: 专栏 boxes, 附表 annexes, 表 captions.
LIST_KINDS = frozenset({"box", "annex", "table"})
# Numbered item headings may be project names themselves ("1. 某某项目"); other headings never.
BODY_HEADINGS = frozenset({"item"})
EXPLICIT_SUFFIX = re.compile(f"(?:{_alternation(WORDS['explicit_suffixes'])})(?:\\([^()]{{1,12}}\\))?$")
FACILITY_SUFFIX = _ending(WORDS["facility_suffixes"])
WORKS_SUFFIX = _ending(WORDS["works_suffixes"])
LEAD_VERB = re.compile(f"(?:{_alternation(WORDS['lead_adverbs'])})?(?:{_alternation(WORDS['lead_verbs'])})")
NOT_A_NAME = re.compile(f"{_alternation(WORDS['not_a_name_words'])}|\\d+(?:{_alternation(WORDS['count_words'])})")
NOT_A_START = re.compile(f"^(?:{_alternation(WORDS['not_a_start_words'])})")
GENERIC_BODIES = frozenset(WORDS["generic_bodies"])
# A list closed by "等项目建设", "等一批产业项目建设", "重点项目建设".
LIST_MARKER = re.compile(
    r"(?:等(?:一批|一系列)?[^、]{0,6}?|(?:重点|重大))项目(?:建设|落地|实施|投产)?[^、]{0,4}$")
_AMOUNT = (f"(?:{_alternation(WORDS['amount_qualifiers'])})?(?P<value>\\d+(?:\\.\\d+)?)"
           f"(?P<unit>{_alternation(WORDS['money_units'])})")
_INVESTING = f"(?:(?:{_alternation(WORDS['investment_prefixes'])})总?|总)投资"
INVESTMENT = re.compile(_INVESTING + _AMOUNT)
# "X项目(总投资50亿元)" or "X项目(3.2亿元)" as one item of a list.
ITEM_AMOUNT = re.compile(f"\\((?:{_INVESTING}|投资)?{_AMOUNT}\\)$")
PROJECT_TAIL = re.compile(f"(?<=项目|工程)(?:{_alternation(WORDS['project_tails'])})$")
# A table header cell naming the project column, and one naming the investment column.
NAME_HEADER = re.compile(f"^(?:{_alternation(WORDS['name_headers'])})$")
MONEY_HEADER = re.compile(f"^(?:{_INVESTING}|投资|投资额)\\((?P<unit>{_alternation(WORDS['money_units'])})\\)$")
AMOUNT_CELL = re.compile(r"^\d+(?:\.\d+)?$")
INVESTMENT_BEFORE = re.compile(INVESTMENT.pattern + r"(?:的|，|,)")
NUMBERING = re.compile(r"^(?:\d{1,2}[.、]|\(?[一二三四五六七八九十]{1,3}[)、]|\(\d{1,2}\))")
CLAUSE_BREAK = re.compile(r"[。；;，,：:！？!?|]")  # | parts the cells of a Markdown-style row
KEYWORD = re.compile("项目|投资")  # outside a box, a sentence without either names no project
ITEM_BREAK = re.compile(r"、|以及")
MIN_NAME, MAX_NAME = 4, 50
# What EXPLICIT_SUFFIX, PROJECT_TAIL and any of EXPLICIT_SUFFIX, FACILITY_SUFFIX, WORKS_SUFFIX end
# their matches with: a word, a phase (…期) or a bracketed note. These patterns are anchored at
# the end but the regex engine still tries every position; one str.endswith rules most text out.
EXPLICIT_ENDS = (*WORDS["explicit_suffixes"], ")")
TAIL_WORDS = tuple(WORDS["project_tails"])
LAST_WORDS = (*WORDS["explicit_suffixes"], *WORDS["facility_suffixes"], *WORDS["works_suffixes"], "期", ")")
MIN_FACILITY = 5


_Item = Piece  # a stretch of the normalised text


class _Found(NamedTuple):
    item: _Item
    investment: Decimal | None = None
    unit: str | None = None


def extract_projects(text: str, sections: Sequence[Section], view: TextView | None = None) -> list[Project]:
    """The key projects named in ``text``, in document order, each name once.

    ``view`` is ``normalize(text)`` when the caller already holds it. Only the sentences that
    can name a project are read: those inside a project box, and elsewhere those holding 项目
    or 投资 (a prose project needs a 等项目建设 list or a 总投资 amount); a document with
    neither and no box is left after one scan."""
    view = view if view is not None else normalize(text)
    tables = list(_table_projects(text, sections)) if "\t" in text else []
    boxes = [s for s in sections if s.kind in LIST_KINDS and PROJECT_BOX_TITLE.search(s.title)]
    if not boxes and "项目" not in view.text and "投资" not in view.text:
        return tables
    # Boxes and headings as normalised ranges: a sentence is looked up by its normalised start.
    headings = Intervals([normalised_span(view, s.heading) for s in sections
                           if s.heading is not None and s.kind not in BODY_HEADINGS])
    regions = [normalised_span(view, r) for r in _box_regions(boxes, sections)]
    box_at = Intervals(regions)
    finder = SentenceFinder(view.text, _cell_breaks(text, view) if "\t" in text else [])
    seen: set[str] = set()
    out: list[Project] = []
    previous: list[_Found] = []
    previous_end = 0
    for sentence in finder.candidates(regions, KEYWORD):
        if headings.find(sentence.start) is not None:
            continue  # a 专栏 or 章 title names a theme, not one project
        in_box = box_at.find(sentence.start) is not None
        money = INVESTMENT.match(sentence.text) if "投资" in sentence.text else None
        if money and len(previous) == 1 and previous[0].investment is None and out and out[-1].span == \
                view.orig_span(previous[0].item.start, previous[0].item.end) and \
                finder.only_headings(previous_end, sentence.start, headings):
            # "X项目。总投资50亿元，…": the amount opens the sentence after the name
            out[-1] = replace(out[-1], investment=parse_arabic(money.group("value")),
                              investment_unit=money.group("unit"))
        previous = _projects_in_sentence(sentence, in_box, _is_line(view.text, sentence))
        previous_end = sentence.end
        for found in previous:
            if found.item.text in seen:
                continue
            seen.add(found.item.text)
            k = box_at.find(found.item.start)
            out.append(_project(found, view, sections, boxes[k] if k is not None else None))
    return _with_table_rows(out, tables)


def _with_table_rows(found: list[Project], rows: list[Project]) -> list[Project]:
    """Rows of a 项目名称 table win over the same names read as sentences (they carry the
    amount of the 总投资 column); the rest keep their place, all in document order."""
    if not rows:
        return found
    names = {r.name for r in rows}
    return sorted([p for p in found if p.name not in names] + rows, key=lambda p: p.span.start)


def _table_projects(text: str, sections: Sequence[Section]) -> Iterator[Project]:
    """Projects of a table with a 项目名称 column (rows as tab-separated cells, as readers write
    them): each row's name cell, and its 总投资 cell in the unit its header names."""
    header: tuple[int, int | None, str | None] | None = None
    seen: set[str] = set()
    pos = 0
    for line in text.splitlines(keepends=True):
        start, pos = pos, pos + len(line)
        if "\t" not in line:
            header = None
            continue
        cells = _cells(line.rstrip("\r\n"), start)
        if header is None or not cells:
            header = _project_header([c for c, _ in cells])
            continue
        name_col, money_col, unit = header
        if name_col >= len(cells):
            continue
        raw, at = cells[name_col]
        name = normalize(raw).text
        if name in seen or _clean(_Item(name, 0, len(name))) != _Item(name, 0, len(name)):
            continue
        seen.add(name)
        money = parse_arabic(normalize(cells[money_col][0]).text) if money_col is not None \
            and money_col < len(cells) and AMOUNT_CELL.match(normalize(cells[money_col][0]).text) else None
        path = section_path(sections, at)
        yield Project(name=name, span=Span(at, at + len(raw)), section=path[-1].title if path else None,
                      investment=money, investment_unit=unit if money is not None else None)


def _cells(line: str, start: int) -> list[tuple[str, int]]:
    """The stripped cells of a tab-separated row with their original offsets."""
    out = []
    pos = 0
    for part in line.split("\t"):
        stripped = part.strip()
        out.append((stripped, start + pos + (len(part) - len(part.lstrip()))))
        pos += len(part) + 1
    return out


def _project_header(cells: list[str]) -> tuple[int, int | None, str | None] | None:
    """(name column, 总投资 column, its unit) of a header row naming a 项目名称 column, else None."""
    folded = [normalize(c).text for c in cells]
    names = [i for i, c in enumerate(folded) if NAME_HEADER.match(c)]
    if not names:
        return None
    for i, cell in enumerate(folded):
        money = MONEY_HEADER.match(cell)
        if money:
            return names[0], i, money.group("unit")
    return names[0], None, None


def _cell_breaks(text: str, view: TextView) -> list[int]:
    """Normalised offsets where a tab stood: the cell borders of a table row. The view drops
    tabs with the other PDF spaces, but 项目名称 and 建设内容 cells must not run together."""
    breaks = []
    for k in range(1, len(view.starts)):
        gap_start = view.origins[k - 1] + (view.starts[k] - view.starts[k - 1])
        if "\t" in text[gap_start:view.origins[k]]:
            breaks.append(view.starts[k])
    return breaks


def _is_line(text: str, sentence: _Item) -> bool:
    """Whether a sentence is a whole line of its own: in a box, one entry per line."""
    return (sentence.start == 0 or text[sentence.start - 1] == "\n") and \
        (sentence.end == len(text) or text[sentence.end] == "\n")


def _projects_in_sentence(sentence: _Item, in_box: bool, whole_line: bool = False) -> list[_Found]:
    """Projects of one sentence: its list runs, then a name tied to an investment amount."""
    if not in_box and "项目" not in sentence.text and "投资" not in sentence.text:
        return []  # outside a box only 等项目建设 lists and 总投资 lines name projects
    found: list[_Found] = []
    clauses = _split(sentence, CLAUSE_BREAK)
    for clause in clauses:
        found.extend(_names_in_clause(clause, in_box, whole_line and len(clauses) == 1))
    money = INVESTMENT.search(sentence.text) if "投资" in sentence.text else None
    if money is None or any(f.investment is not None for f in found):
        return found
    value, unit = parse_arabic(money.group("value")), money.group("unit")
    if len(found) == 1:
        return [_Found(found[0].item, value, unit)]
    if not found:
        named = _name_beside_investment(sentence, clauses)
        return [_Found(named, value, unit)] if named else []
    return found


def _names_in_clause(clause: _Item, in_box: bool, whole_line: bool = False) -> list[_Found]:
    if not in_box and "项目" not in clause.text:
        return []  # outside a box only a list closed by …项目建设 names projects
    raw = _split(clause, ITEM_BREAK)
    marker = LIST_MARKER.search(raw[-1].text) if "项目" in raw[-1].text else None
    marked = marker is not None and marker.start() > 0
    if not marked and not in_box:
        return []
    if not marked and len(raw) == 1 and not whole_line and NUMBERING.match(clause.text.lstrip()) is None and \
            not any(w in clause.text for w in WORDS["explicit_suffixes"]):
        return []  # a lone clause in a box must be a …项目/…工程 name unless it is a line or numbered
    if marker is not None and marked:
        last = raw[-1]
        raw[-1] = _Item(last.text[:marker.start()], last.start, last.start + marker.start())
    listed = marked or (in_box and len(raw) >= 2)
    candidates = [_with_amount(item, listed) for item in raw]
    names = [f for f in candidates if f is not None]
    if listed:
        return [f for f in names if _is_explicit(f.item.text) or _is_facility(f.item.text, in_box)]
    if in_box and len(raw) == 1 and names:
        name = names[0].item.text
        # "1. 某某大道" or a line holding nothing but a name is one entry of the box's list
        entry = whole_line or NUMBERING.match(clause.text.lstrip()) is not None
        if _is_explicit(name) or (entry and _is_facility(name, in_box)):
            return names
    return []


def _with_amount(item: _Item, listed: bool = False) -> _Found | None:
    """A list item cleaned to its name, with the amount printed in brackets after it if any.
    Of a ``listed`` item only a name that may end like a project or facility is cleaned: a list
    keeps no other."""
    amount = ITEM_AMOUNT.search(item.text) if item.text.endswith(")") else None  # no \n in an item
    if amount is not None:
        item = _Item(item.text[:amount.start()], item.start, item.start + amount.start())
    if listed and not _may_end_a_name(item.text):
        return None
    if amount is None:
        name = _clean(item)
        return _Found(name) if name else None
    name = _clean(item)
    return _Found(name, parse_arabic(amount.group("value")), amount.group("unit")) if name else None


def _name_beside_investment(sentence: _Item, clauses: list[_Item]) -> _Item | None:
    """The one …项目/…工程 name next to a 总投资 amount: "X项目：总投资50亿元", "X项目总投资8亿元",
    "总投资50亿元的X项目"."""
    for i, clause in enumerate(clauses):
        money = INVESTMENT.search(clause.text)
        if money and money.start() > 0:
            head = _clean(_Item(clause.text[:money.start()], clause.start, clause.start + money.start()))
            if head and _is_explicit(head.text):
                return head
        before = INVESTMENT_BEFORE.search(clause.text)
        if before:
            rest = _clean(_Item(clause.text[before.end():], clause.start + before.end(), clause.end))
            if rest and _is_explicit(rest.text):
                return rest
        item = _clean(clause)
        if item and _is_explicit(item.text) and i + 1 < len(clauses) and INVESTMENT.match(clauses[i + 1].text):
            return item
    return None


def _may_end_a_name(text: str) -> bool:
    """Whether ``text`` may end as a project or facility name does (``_is_explicit`` and
    ``_is_facility`` test it fully on the cleaned name). Cleaning only cuts a name's start, edge
    punctuation and a 建设 tail, so an item failing this never cleans to a name that passes."""
    end = text.rstrip(_EDGE)
    tail = PROJECT_TAIL.search(end) if end.endswith(TAIL_WORDS) else None
    if tail:
        end = end[:tail.start()]
    return end.endswith(LAST_WORDS)


def _split(item: _Item, pattern: re.Pattern[str]) -> list[_Item]:
    pieces = pattern.split(item.text)
    if len(pieces) == 1:
        return [item]  # most clauses are not lists: no slicing
    if sum(map(len, pieces)) + len(pieces) - 1 == len(item.text):  # every break one character
        out, pos = [], item.start
        for piece in pieces:
            out.append(_Item(piece, pos, pos + len(piece)))
            pos += len(piece) + 1
        return out
    out, start = [], 0
    for m in pattern.finditer(item.text):
        out.append(_Item(item.text[start:m.start()], item.start + start, item.start + m.start()))
        start = m.end()
    out.append(_Item(item.text[start:], item.start + start, item.end))
    return out


_EDGE = " \t\r\n\u3000、，,；;：:。"  # white space and list punctuation around a name


def _clean(item: _Item) -> _Item | None:
    """The name inside a list item: numbering and leading verbs cut off; None if not name-like."""
    text, start = item.text, item.start
    numbering = NUMBERING.match(text)
    if numbering:
        text, start = text[numbering.end():], start + numbering.end()
    lead = LEAD_VERB.match(text)
    cut = lead.end() if lead else 0
    for m in LEAD_VERB.finditer(text, cut):
        if len(text) - m.end() >= MIN_NAME:
            cut = m.end()
    text, start = text[cut:], start + cut
    stripped = text.strip(_EDGE)
    if not stripped or "、" in stripped or "。" in stripped:  # a list or a sentence is not one name
        return None
    start += len(text) - len(text.lstrip(_EDGE))
    text = stripped
    tail = PROJECT_TAIL.search(text) if text.endswith(TAIL_WORDS) else None
    if tail:  # "东湖建材物流城项目建设": the project is the 项目, 建设 is what is done to it
        text = text[:tail.start()]
    if not MIN_NAME <= len(text) <= MAX_NAME or NOT_A_NAME.search(text) or NOT_A_START.match(text):
        return None
    return _Item(text, start, start + len(text))


def _is_explicit(name: str) -> bool:
    """A …项目/…工程 name whose body says which project, not just what kind."""
    m = EXPLICIT_SUFFIX.search(name) if name.endswith(EXPLICIT_ENDS) else None
    if not m:
        return False
    body = name[:m.start()]
    return len(body) >= 3 and body not in GENERIC_BODIES


def _is_facility(name: str, in_box: bool) -> bool:
    """A facility (or, in a box, a piece of work) named long enough to say which one (not 物流中心)."""
    if len(name) < MIN_FACILITY:
        return False
    if not name.endswith(LAST_WORDS):
        return False
    return FACILITY_SUFFIX.search(name) is not None or (in_box and WORKS_SUFFIX.search(name) is not None)


def _box_regions(boxes: Sequence[Section], sections: Sequence[Section]) -> list[Span]:
    """Where each box's entries stand: from its title to the next heading that is not a numbered
    item. A box has no closing mark, and its entries may be numbered ("(一)交通工程", "1. …"),
    which the section tree reads as headings that would otherwise end the box."""
    starts = sorted(s.span.start for s in sections if s.kind not in BODY_HEADINGS)
    regions = []
    for box in boxes:
        k = bisect_right(starts, box.span.start)
        end = starts[k] if k < len(starts) else max(s.span.end for s in sections)
        regions.append(Span(box.span.start, max(end, box.span.end)))
    return regions


def _project(found: _Found, view: TextView, sections: Sequence[Section], box: Section | None) -> Project:
    span = view.orig_span(found.item.start, found.item.end)
    if box is not None:
        section: str | None = box.title
    else:
        path = section_path(sections, span.start)
        section = path[-1].title if path else None
    return Project(name=found.item.text, span=span, section=section,
                   investment=found.investment, investment_unit=found.unit)
