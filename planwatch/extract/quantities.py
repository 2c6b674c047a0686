"""Quantities in prose: a number with its unit, magnitude, comparator and place in the text.

A plan's numbers worth monitoring always carry a unit (25万人, 8%, 500亿元, 10个); bare
numbers are years, dates, list numbers, phone numbers or table cells. So a quantity is found
as number + optional 万/亿 + unit from the vocabulary, and then rejected when its
surroundings say it is an ordinal (第十个), a name (7人制, 500强), a slogan in quotes
(“四个意识”), a size class (5亿元以上项目) or a vague amount (数十个, 两三个).

All offsets here index the *normalised* view; the caller maps them back to the original.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import cast, get_args

import regex

from planwatch.extract.numbers import parse_number
from planwatch.extract.vocabulary import Vocabulary
from planwatch.model import Comparator

COMPARATORS = frozenset(get_args(Comparator))
QUOTE_WINDOW = 12  # how far a slogan's quote marks may stand from its numeral


@dataclass(frozen=True)
class Quantity:
    """One number-with-unit as printed: ``value`` or the ``low``/``high`` of a range."""

    start: int
    end: int
    value: Decimal | None
    unit: str
    group: str  # percent, points, multiple, money, count, measure
    comparator: Comparator
    low: Decimal | None = None
    high: Decimal | None = None
    chinese: bool = False


class QuantityIndex:
    """Where a document's quantities stand, so a reader can ask whether one lies between two
    positions, where the next one starts, and which one ends right before a list joiner
    (分别增长8%、9%: each member of the list is a quantity of its own)."""

    def __init__(self, quantities: Sequence[Quantity], length: int) -> None:
        self.starts = [q.start for q in quantities]  # in order: find_quantities sorts them
        self.start_of_end = {q.end: q.start for q in quantities}
        self.end_of_start = {q.start: q.end for q in quantities}
        self.length = length  # of the text: where "the next quantity" is when none follows

    def between(self, a: int, b: int) -> bool:
        """Whether a quantity starts after ``a`` and before ``b``."""
        i = bisect_right(self.starts, a)
        return i < len(self.starts) and self.starts[i] < b

    def next_start(self, pos: int) -> int:
        """Where the next quantity after ``pos`` starts (the end of the text when none does)."""
        i = bisect_right(self.starts, pos)
        return self.starts[i] if i < len(self.starts) else self.length


# The quantity pattern's groups in order (vocabulary.build): a match's groups() tuple is read by
# these indexes, far cheaper in this hot loop than a dozen m.group(name) calls.
GROUPS = ("n1", "u1", "sep", "n2", "ins1", "mag", "ins2", "unit", "per", "after")
N1, U1, SEP, N2, INS1, MAG, INS2, UNIT, PER, AFTER = range(len(GROUPS))
_GROUP_INDEX = {name: k + 1 for k, name in enumerate(GROUPS)}


def find_quantities(text: str, vocab: Vocabulary) -> list[Quantity]:
    """Every quantity of ``text`` (a normalised view), in order, special forms included."""
    if vocab.quantity.groupindex != _GROUP_INDEX:
        raise ValueError("the quantity pattern's groups changed: update quantities.GROUPS")
    found = [q for m in vocab.quantity.finditer(text) if (q := read_match(m, text, vocab))]
    found.extend(find_special(text, vocab))
    found.sort(key=lambda q: q.start)
    return found


def read_match(m: regex.Match, text: str, vocab: Vocabulary) -> Quantity | None:
    """Turn one regex match into a quantity, or ``None`` when it is not a value."""
    g = m.groups()
    n1, mag, unit = g[N1], g[MAG] or "", g[UNIT]
    chinese = not n1[0].isdigit()
    if unit is None:
        if mag not in vocab.words("magnitudes", "bare_money") or g[U1]:
            return None
        unit = "元"
    group = vocab.unit_group[unit]
    if unit in vocab.words("units", "people"):
        if not mag:
            return None  # 30名居民 is read by 名; a bare 居民 after a number only with 万 (3万多居民)
        unit = "人"
    if g[U1] and unit != "%":
        return None
    if rejected(m, g, text, vocab, chinese, group, unit):
        return None
    start = m.start()
    wrapped = wrapped_digits(text, start) if not chinese and not g[N2] else 0
    if wrapped:  # 总额23 4.27亿元: a PDF line wrap split the number
        n1, start = text[start - wrapped - 1:start - 1] + n1, start - wrapped - 1
    value = parse_number(n1)
    if value is None:
        return None
    low = high = None
    comparator = "eq"
    if g[N2]:
        high = parse_number(g[N2])
        if high is None or high <= value or (g[SEP] == "至" and chinese):
            return None
        low, value, comparator = value, None, "range"
    inside = g[INS1] or g[INS2]
    if inside and comparator == "eq":
        comparator = vocab.words("comparators", "inside")[inside]
    if g[AFTER]:
        comparator = vocab.words("comparators", "after")[g[AFTER]]
    elif comparator == "eq":
        comparator = comparator_before(text, m.start(), vocab)
    unit = vocab.unit_alias.get(unit, unit) + ("/" + g[PER] if g[PER] else "")
    if unit in vocab.words("chinese", "chinese_only_units"):
        unit = "个"
    return Quantity(start, m.end(), value, mag + unit, group, as_comparator(comparator), low, high,
                    chinese)


MAX_WRAPPED = 4  # digits a wrapped line may end with (before or after a decimal point)
MAX_WRAPPED_CHARS = 12


def wrapped_digits(text: str, start: int) -> int:
    """How many characters of the same number stand before ``start``, cut off by one space
    where a PDF line wrapped inside the number (总额23 4.27亿元, 达8 7.1%, 337.7 3亿元): the
    run must follow a Chinese character directly, as a number in Chinese text does, and the
    two pieces hold one decimal point at most. 0 when none."""
    if start < 3 or text[start - 1] != " ":
        return 0
    j = start - 1
    while j > 0 and start - 1 - j < MAX_WRAPPED_CHARS and ("0" <= text[j - 1] <= "9" or text[j - 1] == "."):
        j -= 1
    left = text[j:start - 1]
    if not left or not left[0].isdigit() or left.count(".") + number_points(text, start) > 1 \
            or (left.count(".") and left.index(".") < len(left) - 1 - MAX_WRAPPED):
        return 0
    return len(left) if j > 0 and "\u4e00" <= text[j - 1] <= "\u9fff" else 0


def number_points(text: str, start: int) -> int:
    """Decimal points in the number that starts at ``start``."""
    k = start
    while k < len(text) and ("0" <= text[k] <= "9" or text[k] == "."):
        k += 1
    return text.count(".", start, k)


def as_comparator(word: str) -> Comparator:
    """A comparator name from the vocabulary, checked (a typo in prose.toml fails loudly)."""
    if word not in COMPARATORS:
        raise ValueError(f"prose.toml names an unknown comparator {word!r}")
    return cast(Comparator, word)


def rejected(m: regex.Match, g: tuple[str | None, ...], text: str, vocab: Vocabulary, chinese: bool,
             group: str, unit: str) -> bool:
    """Whether the surroundings of a match say it is an ordinal, a name or a slogan
    (``g``: the match's groups, read once). Every rule rejects, so their order only matters
    for speed: the commonest (a year, 2021年) comes first."""
    start, end = m.start(), m.end()
    n1 = g[N1] or ""
    if unit == "年" and "." not in n1 and year_not_span(text, start, n1, chinese, vocab):
        return True
    before = text[max(0, start - 3):start]
    nxt = text[end:end + 2]
    if glued(text, start, end, before, nxt, chinese, vocab):
        return True
    after_text = text[m.end("unit") if g[UNIT] else end:end + 3]
    if after_text.startswith(vocab.words("skip", "after")):
        return True
    if names_a_class(text, start, end, g[AFTER], nxt, group, unit, chinese, before[-1:], vocab):
        return True
    if chinese and vague_numeral(n1, unit, bool(g[MAG]), g[AFTER], before, vocab):
        return True
    return names_a_set(text, start, end, group, vocab)


def year_not_span(text: str, start: int, n1: str, chinese: bool, vocab: Vocabulary) -> bool:
    """A number of 年 without a decimal is a duration (受教育年限11年, 工期3年) only after words
    that speak of one; otherwise, or when a Chinese numeral is written like a year (二〇二五年),
    it is a year."""
    head = text[max(0, start - 12):start]
    if not any(w in head for w in vocab.words("skip", "year_unit_words")):
        return True
    # 受教育年限增加到十一年 is a span; 二〇二五年 a year
    return chinese and not (len(n1) <= 3 and "〇" not in n1 and "零" not in n1)


def glued(text: str, start: int, end: int, before: str, nxt: str, chinese: bool,
          vocab: Vocabulary) -> bool:
    """Whether the number is part of something longer: a longer number or code (1.2.3, 5+2),
    an ordinal or label after a skip word (第3, No.5), a table cell on its own line, or a
    yardstick (以2平方公里为核心区范围) that defines rather than states."""
    prev = before[-1:]
    if prev and (prev.isdigit() or prev in ".+/" or prev in "〇零一二两三四五六七八九十百千"):
        return True
    if nxt[:1] in ("+",) or (nxt[:1].isdigit() and chinese):
        return True
    if before.endswith(vocab.words("skip", "before")):
        return True
    if chinese and before.endswith(vocab.words("skip", "before_chinese")):
        return True
    if line_is_cell(text, start, end):
        return True
    return prev == "以" and text.startswith("为", end)


def names_a_class(text: str, start: int, end: int, after: str | None, nxt: str, group: str, unit: str,
                  chinese: bool, prev: str, vocab: Vocabulary) -> bool:
    """Whether the number sizes a class instead of stating a value: 5亿元以上项目, 百亿级企业,
    8大指标, 60岁及以上, 收入超过10万元的村占比, 0-3岁婴幼儿, 工业12条."""
    if (after in ("以上", "以下") and group in ("money", "measure")
            and nxt.startswith(vocab.words("skip", "size_class"))):
        return True
    if after == "级" and nxt.startswith("企业"):
        return True  # 百亿级企业: a class of firms
    if (group == "money" and not after
            and nxt.startswith(vocab.words("skip", "size_class_direct"))):
        return True
    if unit in vocab.words("chinese", "chinese_only_units") and (not chinese or prev == "等"):
        return True  # 8大指标 is a label; A、B等十大领域 an enumeration
    if after and unit in vocab.words("skip", "class_units"):
        return True
    if text.startswith(("的", "以上的", "以下的"), end) and vocab.class_threshold.match(text, end):
        return True  # 收入超过10万元的村占比: the class, its share is the value
    if unit in vocab.words("skip", "age_units"):
        head = text[max(0, start - 20):start]
        if not any(w in head for w in vocab.words("skip", "age_words")):
            return True
    return unit in vocab.words("skip", "policy_units") and policy_nearby(text, start, end, vocab)


def vague_numeral(n1: str, unit: str, has_magnitude: bool, after: str | None, before: str,
                  vocab: Vocabulary) -> bool:
    """Whether a Chinese numeral is a vague amount or a name (两三个, 十三五), not a value."""
    if chinese_numeral_ok(n1, unit, has_magnitude, vocab):
        return False
    # 达到三人以上: a verb of amount before or a comparator after makes a lone digit a value
    stated = after or before.endswith(vocab.words("chinese", "amount_verbs"))
    return not (stated and len(n1) == 1 and unit in vocab.words("chinese", "allowed_units")
                and unit not in vocab.words("chinese", "chinese_only_units"))


def names_a_set(text: str, start: int, end: int, group: str, vocab: Vocabulary) -> bool:
    """Whether a count is the size of a set (20个示范单位之一, 在全省14个地级市中), a slogan in
    quotes (“四个意识”), or part of a fixed phrase (千家万户)."""
    if group == "count" and (vocab.set_member.match(text, end) or (
            text[max(0, start - 3):start].endswith(vocab.words("skip", "set_scope_before"))
            and vocab.set_scope.match(text, end))):
        return True
    if group == "count" and inside_quotes(text, start, end):
        return True
    phrase = vocab.skip_phrases.search(text, max(0, start - 4), min(len(text), end + 4))
    return bool(phrase and phrase.start() <= start < phrase.end())


def chinese_numeral_ok(numeral: str, unit: str, has_magnitude: bool, vocab: Vocabulary) -> bool:
    """Chinese numerals count only with common measure words; a lone digit only with a few
    (一名, 一所), since 两个市场 and 八项规定 are names, not amounts. 一万米 is fine."""
    if unit not in vocab.words("chinese", "allowed_units"):
        return False
    if unit in vocab.words("chinese", "chinese_only_units"):
        return numeral == "十"  # 十大 fields; 十九大 is a party congress
    if has_magnitude or len(numeral) > 1 or numeral in "十百千":
        return True
    if numeral == "一":
        return unit in vocab.words("chinese", "single_one_units")
    return unit in vocab.words("chinese", "single_digit_units")


def line_is_cell(text: str, start: int, end: int) -> bool:
    """A line holding nothing but the number is a table cell flattened to one line."""
    left = text.rfind("\n", 0, start) + 1
    right = text.find("\n", end)
    right = len(text) if right < 0 else right
    return not text[left:start].strip() and not text[end:right].strip()


def policy_nearby(text: str, start: int, end: int, vocab: Vocabulary) -> bool:
    """工业12条等扶持政策, 稳增长20条: a numbered policy, not a count."""
    around = text[max(0, start - 4):start] + text[end:end + 6]
    return any(w in around for w in vocab.words("skip", "policy_words"))


def inside_quotes(text: str, start: int, end: int) -> bool:
    """Whether ``[start, end)`` sits inside a short “quoted” name such as “四个意识”."""
    left = text.rfind("“", max(0, start - QUOTE_WINDOW), start)
    if left < 0 or "”" in text[left:start]:
        return False
    right = text.find("”", end, end + QUOTE_WINDOW)
    return right >= 0 and "“" not in text[end:right]


def comparator_before(text: str, start: int, vocab: Vocabulary) -> str:
    """The comparator a word right before the number sets (超过, 控制在, 近), else ``eq``."""
    found = vocab.comparator_before.search(text, max(0, start - 6), start)
    best = vocab.words("comparators", "before")[found.group(0)] if found else "eq"
    if best == "eq":
        # 控制在 may stand a few characters away: 控制在全国平均水平 4.5% 以内 is caught by 以内
        near = text[max(0, start - 14):start]
        if CEILING_NEAR.search(near) and not CLAUSE_BREAK.search(near):
            return "le"
    return best


CEILING_NEAR = regex.compile(r"控制在|不超过|不高于|不得超过")
CLAUSE_BREAK = regex.compile(r"[，,。；]")

# Forms that carry a number without digits next to a unit.
RATIO = regex.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(?:[:：︰∶](\d+(?:\.\d+)?)){2,3}(?![\d.])")
RATIO_SPLIT = regex.compile(r"[:：︰∶]")
RATIO_CUE = regex.compile(r"结构|比例|之比|产业比")
DOUBLING = regex.compile(r"翻(?P<n>一|两|二|三)番")
TENTHS = regex.compile(r"(?P<cmp>近|超过|超|逾|约|达|占|接近|不足)(?P<n>[一二三四五六七八九])成(?![为功效立绩果交本])")
# A ratio whose colons a scrape dropped: 12.340.147.6 was 12.3:40.1:47.6.
GLUED = regex.compile(r"(?<![\d.])\d{1,2}\.\d+(?:\.\d+){1,3}(?![\d.])")


def split_glued_ratio(glued: str, start: int) -> list[Quantity]:
    """Read a glued ratio back when one reading is certain: every part with the same number of
    decimals and the parts summing to 100 (a structure of shares)."""
    for decimals in (1, 2):
        parts = regex.fullmatch(rf"(?:\d{{1,2}}\.\d{{{decimals}}}){{3,4}}", glued)
        if not parts:
            continue
        values = regex.findall(rf"\d{{1,2}}\.\d{{{decimals}}}", glued)
        total = sum((Decimal(v) for v in values), Decimal(0))
        if abs(total - 100) <= Decimal("0.3"):
            out, pos = [], start
            for v in values:
                out.append(Quantity(pos, pos + len(v), Decimal(v), "%", "percent", "eq"))
                pos += len(v)
            return out
    return []


# 百分之八左右: a percentage written in words.
PERCENT_WORDS = regex.compile(
    r"百分之(?P<n>\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百]+(?:点[〇零一二三四五六七八九]+)?)"
    r"(?P<after>以上|以内|以下|左右)?")
PERCENT_AFTER = {"以上": "ge", "以内": "le", "以下": "le", "左右": "approx"}
DOUBLING_VALUES = {"一": Decimal(100), "两": Decimal(300), "二": Decimal(300), "三": Decimal(700)}
TENTHS_COMPARATOR = {"近": "approx", "接近": "approx", "约": "approx", "超过": "ge", "超": "ge",
                     "逾": "ge", "不足": "le"}


def find_special(text: str, vocab: Vocabulary) -> list[Quantity]:
    """Ratios of an industrial structure (1.22:46.13:52.65), 百分之八, 翻一番 and 七成."""
    out: list[Quantity] = []
    for m in RATIO.finditer(text):
        if not RATIO_CUE.search(text, max(0, m.start() - 20), m.start()):
            continue
        if line_is_cell(text, m.start(), m.end()):
            continue
        pos = m.start()
        for part in RATIO_SPLIT.split(m.group(0)):
            out.append(Quantity(pos, pos + len(part), Decimal(part), "%", "percent", "eq"))
            pos += len(part) + 1
    for m in GLUED.finditer(text):
        if RATIO_CUE.search(text, max(0, m.start() - 40), m.start()):
            out.extend(split_glued_ratio(m.group(0), m.start()))
    for m in PERCENT_WORDS.finditer(text):
        value = parse_number(m.group("n"))
        if value is not None:
            comparator = as_comparator(PERCENT_AFTER.get(m.group("after") or "", "")
                                       or comparator_before(text, m.start(), vocab))
            out.append(Quantity(m.start(), m.end(), value, "%", "percent", comparator, chinese=True))
    for m in DOUBLING.finditer(text):
        out.append(Quantity(m.start(), m.end(), DOUBLING_VALUES[m.group("n")], "%", "doubling", "eq"))
    for m in TENTHS.finditer(text):
        value = parse_number(m.group("n"))
        if value is not None:
            out.append(Quantity(m.start("n"), m.end(), value * 10, "%", "percent",
                                as_comparator(TENTHS_COMPARATOR.get(m.group("cmp"), "eq")),
                                chinese=True))
    return out
