"""Word's automatic numbering, written out as the reader sees it printed.

Plans drafted in Word often number their headings automatically: the file holds "发展基础" and a
numbering definition that prints "第一章 发展基础". The label is part of what a planner reads
(and what the section parser looks for), so the reader renders it from ``numbering.xml``: the
level's pattern (``第%1章``, ``%1、``, ``（%1）``, ``%1.%2``), its number format (decimal, Chinese
counting, circled digits...) and a counter per list and level. Bullets are not labels and are
left out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

_DIGITS = "〇一二三四五六七八九"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))
_SUFFIX = {"tab": " ", "space": " ", "nothing": ""}
MAX_LEVELS = 9


def chinese_counting(n: int) -> str:
    """1 -> 一, 10 -> 十, 21 -> 二十一, 105 -> 一百零五 (Word's chineseCounting formats)."""
    if n <= 0:
        return str(n)
    if n >= 10000:
        return "".join(_DIGITS[int(d)] for d in str(n))
    parts, zero = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            if zero:
                parts.append("零")
            parts.append(_DIGITS[digit] + unit)
            zero = False
        elif parts:
            zero = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out += numeral
            n -= value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


FORMATS: dict[str, Callable[[int], str]] = {
    "decimal": str,
    "decimalZero": lambda n: f"{n:02d}",
    "decimalFullWidth": lambda n: str(n).translate({ord(d): 0xFF10 + int(d) for d in "0123456789"}),
    "decimalHalfWidth": str,
    "chineseCounting": chinese_counting,
    "chineseCountingThousand": chinese_counting,
    "chineseLegalSimplified": chinese_counting,
    "japaneseCounting": chinese_counting,
    "ideographDigital": lambda n: "".join(_DIGITS[int(d)] for d in str(n)),
    "ideographTraditional": lambda n: _STEMS[(n - 1) % 10],
    "decimalEnclosedCircle": lambda n: _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n),
    "decimalEnclosedCircleChinese": lambda n: _CIRCLED[n - 1] if 0 < n <= len(_CIRCLED) else str(n),
    "decimalEnclosedParen": lambda n: f"({n})",
    "lowerLetter": _letters,
    "upperLetter": lambda n: _letters(n).upper(),
    "lowerRoman": _roman,
    "upperRoman": lambda n: _roman(n).upper(),
}


@dataclass(frozen=True)
class _Level:
    start: int
    fmt: str
    text: str
    suffix: str


@dataclass
class WordNumbering:
    """Numbering definitions of one document and the running counters of its lists."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # abstractNumId -> levels
    lists: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)  # numId -> (abstract, starts)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> WordNumbering:  # type: ignore[no-untyped-def]
        """The numbering of a python-docx Document (empty if it has none)."""
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        for abstract in root.iterchildren(qn("w:abstractNum")):
            numbering.levels[abstract.get(qn("w:abstractNumId"), "")] = {
                int(level.get(qn("w:ilvl"), "0")): _read_level(level)
                for level in abstract.iterchildren(qn("w:lvl"))}
        for num in root.iterchildren(qn("w:num")):
            abstract_id = _val(num.find(qn("w:abstractNumId"))) or ""
            starts = {}
            for override in num.iterchildren(qn("w:lvlOverride")):
                start = _val(override.find(qn("w:startOverride")))
                if start is not None and start.isdigit():
                    starts[int(override.get(qn("w:ilvl"), "0"))] = int(start)
            numbering.lists[num.get(qn("w:numId"), "")] = (abstract_id, starts)
        return numbering

    def label(self, properties: Sequence[Any]) -> str:
        """The printed label ("第一章 ", "（二）") of a paragraph, counting it; "" if none.

        ``properties`` are the paragraph's pPr elements, its own first, then its style's and the
        style's bases' (numbering is often set on a heading style, not on the paragraph).
        """
        num_id, ilvl = _num_pr(properties)
        if not num_id or num_id == "0" or num_id not in self.lists:
            return ""
        abstract_id, starts = self.lists[num_id]
        levels = self.levels.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None or level.fmt in ("bullet", "none"):
            return ""
        key = num_id if starts else abstract_id
        counters = self.counters.setdefault(key, [None] * MAX_LEVELS)
        ilvl = min(ilvl, MAX_LEVELS - 1)
        current = counters[ilvl]
        counters[ilvl] = starts.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, MAX_LEVELS):
            counters[deeper] = None
        text = level.text
        for n in range(MAX_LEVELS, 0, -1):  # %10 does not exist; count down so %1 does not eat %1x
            placeholder = f"%{n}"
            if placeholder in text:
                shown = levels.get(n - 1, level)
                counted = counters[n - 1]
                value = counted if counted is not None else shown.start
                text = text.replace(placeholder, FORMATS.get(shown.fmt, str)(value))
        return text + level.suffix if text.strip() else ""


def _read_level(level) -> _Level:  # type: ignore[no-untyped-def]
    start = _val(level.find(qn("w:start")))
    return _Level(start=int(start) if start and start.isdigit() else 1,
                  fmt=_val(level.find(qn("w:numFmt"))) or "decimal",
                  text=_val(level.find(qn("w:lvlText"))) or "",
                  suffix=_SUFFIX.get(_val(level.find(qn("w:suff"))) or "tab", " "))


def _val(element) -> str | None:  # type: ignore[no-untyped-def]
    return None if element is None else element.get(qn("w:val"))


def _num_pr(properties: Sequence[Any]) -> tuple[str | None, int]:
    """numId and level from the first properties that set them."""
    num_id, ilvl = None, None
    for ppr in properties:
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            continue
        num_id = num_id or _val(num_pr.find(qn("w:numId")))
        if ilvl is None:
            level = _val(num_pr.find(qn("w:ilvl")))
            ilvl = int(level) if level and level.isdigit() else None
        if num_id and ilvl is not None:
            break
    return num_id, ilvl or 0
