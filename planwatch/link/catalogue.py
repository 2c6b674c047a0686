"""The catalogue of canonical indicators (指标库) and the matching of printed names to it.

A plan says 地区生产总值, GDP, 生产总值 or 全市地区生产总值增长率 for one quantity. Progress
can only be judged when all of them land on one id, so every extracted indicator name is
matched here, thousands of times per document. Matching therefore works on a precomputed index
of *folded* synonyms: both the catalogue's synonyms and the printed name go through the same
``fold_name`` (spaces, brackets, full-width forms, region prefixes, growth and decline
suffixes, GDP/地区生产总值, R&D/研发 ...), then

1. an exact folded hit wins (ties broken by unit: 元 vs %);
2. otherwise the longest folded synonym contained in the folded name, if it is specific
   enough (long, covering a fair part of the name or ending it, of a compatible shape: a
   share-shaped name such as ``...占...比重`` only matches a share indicator);
3. otherwise an indicator whose *head noun* ends the name, when the value's unit is of the
   indicator's own unit family: "电子信息专业园区 (8 平方公里)" states a park's area, though
   no synonym says so; the same name with 亿元 or % does not;
4. otherwise ``None``: a generic word (增长, 收入) never matches a specific indicator.

Growth and decline are not separate indicators (see the header of ``data/indicators.toml``):
``metric_hint`` reads from the printed name how a value is stated.
"""

from __future__ import annotations

import os
import re
import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "indicators.toml"
ENV_VAR = "PLANWATCH_CATALOGUE"

# ---------------------------------------------------------------- folding vocabulary
# Marks that never carry meaning in a name.
_DROP_CHARS = re.compile(r"[\s“”\"'‘’《》「」『』·、]")
# Bracketed asides: units "(亿元)", scope "(不含园区)", abbreviations "(GDP)"; also a trailing
# bracket whose closing half the scrape lost: "城镇化率(%".
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|\([^()]*$")
# ... but an unclosed bracket that opens the quantity itself is the name: "电商产业园(总面积".
_OPEN_QUANTITY = re.compile(r"\((总?面积|总?产值|总?规模)$")
_LEADING = re.compile(r"^(?:其中[:：]?|\d+[.、]|[一二三四五六七八九十]+、)+")
# Who the number is about, not what it is.
_REGION_PREFIX = re.compile(r"^(?:全社会|全市|全区|全县|全省|全州|全镇|全乡|全旗|本市|我市|我区|我县|全国|全域)")
# One spelling for one concept (applied in order, after NFKC).
_SUBSTITUTIONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r) for p, r in (
        (r"国内生产总值|地区生产总值|生产总值", "GDP"),
        (r"万元GDP|亿元GDP(?=能耗|用水|二氧化碳)", "单位GDP"),
        (r"R&D|研究与试验发展", "研发"),
        (r"规上|规模(?=工业|企业|服务业)", "规模以上"),
        (r"规模以上以上", "规模以上"),
        (r"三岁", "3岁"),
        (r"能源消耗", "能耗"),
        (r"好于", "优于"),
        (r"Ⅲ|III", ""),
        (r"的", ""),
        (r"全部|各类|实现(?=..)", ""),  # adverb and light verb glued to a name: 贫困村全部出列
        (r"(?<=..)(?:顺利|纷纷|成功)(?=..)", ""),  # 项目顺利开工, 企业成功上市: the adverb is no part of it
        (r"(?:比|较)(?:19|20)\d\d年(?:末|底)?", ""),  # a comparison year in a name
        (r"比例|比率|占比", "比重"),
    )
)
# How a value is stated, stripped from the end of a name (repeatedly).
_GROWTH_SUFFIX = r"(?:年均|平均|年)?(?:增长率|增速|增长|增幅)"
_DECLINE_SUFFIX = r"(?:比\d{4}年)?(?:比)?(?:累计)?(?:下降|降低|降幅|减少)(?:率)?"
_SUFFIX = re.compile(rf"(?:{_GROWTH_SUFFIX}|{_DECLINE_SUFFIX}|总量|总额|数量|控制)$")

# Names too generic to stand for any one indicator, even when a synonym equals them.
_GENERIC = frozenset({"", "增长", "收入", "投资", "产值", "总量", "企业", "项目", "人口", "就业", "比重", "GDP比重"})
# Qualifiers that, right before a quantity, make it another quantity (a rate per head, a subset).
_QUALIFIED = re.compile(r"(?:人均|每?[万千]人口?|每?[万千]名|规模以上|限额以上|城镇|农村|潜在)$")
_QUALIFIED_LEAD = re.compile(_QUALIFIED.pattern.rstrip("$"))
_JOINERS = re.compile(r"[和及与、]")  # a name that joins two quantities is neither of them
_MIN_CONTAINED = 4  # a contained synonym shorter than this must cover most of the name
_MIN_COVERAGE = 0.34

_METRIC_HINTS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:年均|平均)(?:增长|增速)"), "growth_avg"),
    (re.compile(r"(?:增长率|增速|增长|增幅)$"), "growth"),
    (re.compile(r"(?:累计)?(?:下降|降低|降幅|减少)(?:率)?$"), "change_total"),
    (re.compile(r"占.*(?:比重|比例|比率)|占比$|比重$|比例$|比率$"), "share"),
)


def fold_name(name: str) -> str:
    """Reduce a printed indicator name to the key the index is built on.

    >>> fold_name("全市地区生产总值增长率(%")
    'GDP'
    """
    s = unicodedata.normalize("NFKC", name)
    s = _DROP_CHARS.sub("", s)
    s = _OPEN_QUANTITY.sub(r"\1", s)
    prev = None
    while prev != s:
        prev = s
        s = _BRACKETS.sub("", s)
    s = _LEADING.sub("", s)
    s = s.replace(":", "")
    s = _REGION_PREFIX.sub("", s)
    for pattern, repl in _SUBSTITUTIONS:
        s = pattern.sub(repl, s)
    prev = None
    while prev != s and len(s) > 2:
        prev = s
        s = _SUFFIX.sub("", s)
    return s.upper() if s.isascii() else s


def metric_hint(name: str) -> str | None:
    """How the printed name states its value: growth_avg, growth, change_total, share or None."""
    s = _BRACKETS.sub("", unicodedata.normalize("NFKC", _DROP_CHARS.sub("", name)))
    for pattern, metric in _METRIC_HINTS:
        if pattern.search(s):
            return metric
    return None


def _is_share_shaped(key: str) -> bool:
    return "比重" in key or key.endswith("率")


_COUNT_WORDS = ("家", "户", "个", "件", "项", "所", "套", "栋", "处", "座", "条", "块", "片", "台", "张", "支", "间",
                "期", "场")


def unit_class(unit: str | None) -> str | None:
    """Coarse family of a unit, for tie-breaking: percent, money, people, days, count, other."""
    if not unit:
        return None
    u = unicodedata.normalize("NFKC", unit).strip()
    if u in {"%", "个百分点", "百分点", "‰"}:
        return "percent"
    if "元" in u:
        return "money"
    if u.endswith(("人", "人次", "名")):
        return "people"
    if u.endswith("天"):
        return "days"
    if u.endswith(_COUNT_WORDS):
        return "count"
    if u.endswith(("平方米", "平方公里", "亩", "公顷")):
        return "area"
    if u.endswith(("米", "公里")):
        return "length"
    if u.endswith(("吨", "斤", "公斤", "千克")):
        return "weight"
    return u


_FAMILIES = frozenset({"percent", "money", "people", "days", "count", "area", "length", "weight"})


def _units_compatible(given: str | None, indicator_unit: str | None) -> bool:
    """Whether a value in ``given`` units can be about an indicator kept in ``indicator_unit``.

    Percent is compatible with everything (a growth rate of any quantity); otherwise the unit
    families must agree, so 外商直接投资项目 (个) is not 实际利用外资 (亿美元)."""
    ind = unit_class(indicator_unit)
    return given is None or ind is None or given == ind or "percent" in (given, ind)


def _units_contradict(given: str | None, indicator_unit: str | None) -> bool:
    """Whether a value's unit rules out an indicator its name equals: two known, different
    families (a count of 户 is not the 万元 of a subsidy); an unusual unit rules out nothing."""
    ind = unit_class(indicator_unit)
    return given in _FAMILIES and ind in _FAMILIES and not _units_compatible(given, indicator_unit)


@dataclass(frozen=True)
class Indicator:
    """A canonical indicator (指标): one quantity with its names, unit, direction and attribute."""

    id: str
    name: str
    synonyms: tuple[str, ...] = ()
    unit: str | None = None
    category: str | None = None
    attribute: str | None = None  # "binding" (约束性) / "expected" (预期性) where national rules fix it
    direction: str = "higher"  # which way the quantity itself is better
    metric: str = "level"  # how it is usually stated
    head_nouns: tuple[str, ...] = ()  # name endings that mean this quantity only with its unit

    @property
    def names(self) -> tuple[str, ...]:
        """The official name and every synonym: all the printed forms matched against."""
        return (self.name, *self.synonyms)


@dataclass(eq=False)  # identity: one loaded catalogue is one object (hashable, usable as a cache key)
class Catalogue:
    """The indicators plus a folded-synonym index for fast, robust matching."""

    indicators: dict[str, Indicator] = field(default_factory=dict)
    _exact: dict[str, list[str]] = field(default_factory=dict, repr=False)
    _by_prefix: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    _heads: list[tuple[str, str]] = field(default_factory=list, repr=False)
    _memo: dict[tuple[str, str | None], str | None] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._reindex()

    @classmethod
    def load(cls, *paths: str | Path) -> Catalogue:
        """Read one or more TOML files; a later entry with a known id extends the earlier one."""
        entries: dict[str, Indicator] = {}
        for path in paths:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
            for raw in data.get("indicator", []):
                ind = _indicator_from(raw, entries.get(raw.get("id", "")), str(path))
                entries[ind.id] = ind
        return cls(entries)

    def _reindex(self) -> None:
        self._exact.clear()
        self._by_prefix.clear()
        for ind in self.indicators.values():
            for name in ind.names:
                key = fold_name(name)
                if key in _GENERIC:
                    continue
                ids = self._exact.setdefault(key, [])
                if ind.id not in ids:
                    ids.append(ind.id)
        for key, ids in self._exact.items():
            for iid in ids:  # keyed by the first two characters: a scan then meets few candidates
                self._by_prefix.setdefault(key[:2], []).append((key, iid))
        for lst in self._by_prefix.values():
            lst.sort(key=lambda kv: -len(kv[0]))
        self._heads[:] = sorted(((fold_name(h), ind.id) for ind in self.indicators.values() for h in ind.head_nouns),
                                key=lambda kv: -len(kv[0]))
        self._memo.clear()

    def get(self, indicator_id: str) -> Indicator | None:
        """The indicator of ``indicator_id``, or None for an id the catalogue does not hold."""
        return self.indicators.get(indicator_id)

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators.values())

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, indicator_id: object) -> bool:
        return indicator_id in self.indicators

    def match(self, name: str, unit: str | None = None) -> Indicator | None:
        """The indicator a printed name stands for, or None when nothing specific fits."""
        if not name:
            return None
        memo_key = (name, unit_class(unit))
        if memo_key not in self._memo:
            if len(self._memo) > 50_000:
                self._memo.clear()
            self._memo[memo_key] = self._match_uncached(*memo_key)
        iid = self._memo[memo_key]
        return self.indicators[iid] if iid else None

    def _match_uncached(self, name: str, ucls: str | None) -> str | None:
        key = fold_name(name)
        if key in _GENERIC or key.startswith("占"):  # "占财政支出": a share whose numerator was lost
            return None
        exact = [iid for iid in self._exact.get(key, ()) if not _units_contradict(ucls, self.indicators[iid].unit)]
        if exact:
            return self._pick(exact, ucls)
        return self._contained(key, ucls) or self._headed(key, ucls)

    def _headed(self, key: str, ucls: str | None) -> str | None:
        if ucls is None or ucls == "percent":
            return None
        for head, iid in self._heads:
            if key.endswith(head) and len(key) > len(head) and unit_class(self.indicators[iid].unit) == ucls:
                return iid
        return None

    def _contained(self, key: str, ucls: str | None) -> str | None:
        found = self._longest_contained(key, ucls)
        if found and _JOINERS.search(key) and len(self._named_in_parts(key, ucls)) > 1:
            return None  # "GDP和城乡居民人均可支配收入": two quantities, neither is the name
        return found

    def _named_in_parts(self, key: str, ucls: str | None) -> set[str]:
        """The indicators the parts of a joined name ("X和Y", "X、Y") stand for, each alone."""
        ids = set()
        for part in _JOINERS.split(key):
            if len(part) >= 2 and part not in _GENERIC:
                hit = [i for i in self._exact.get(part, ()) if not _units_contradict(ucls, self.indicators[i].unit)]
                iid = self._pick(hit, ucls) if hit else self._longest_contained(part, ucls)
                if iid:
                    ids.add(iid)
        return ids

    def _longest_contained(self, key: str, ucls: str | None) -> str | None:
        best_len, best_ids = 0, []
        share_key = _is_share_shaped(key)
        by_prefix = self._by_prefix
        for i in range(len(key)):
            for syn, iid in (*by_prefix.get(key[i:i + 2], ()), *by_prefix.get(key[i], ())):
                n = len(syn)
                if n < best_len:
                    break
                if not key.startswith(syn, i):
                    continue
                if n < _MIN_CONTAINED and n / len(key) < 0.6:
                    continue
                # a short part of a long name is only its head when it ends the name (Chinese
                # noun phrases are head-final): 提前完成省下达我县造林面积 is 造林面积
                if n / len(key) < _MIN_COVERAGE and not (n >= _MIN_CONTAINED and i + n == len(key)):
                    continue
                if i and (_QUALIFIED.search(key, 0, i) or _QUALIFIED_LEAD.match(key)):
                    continue  # 人均X, 每万人口X, 规模以上X, 农村…X: another quantity than X
                ind = self.indicators[iid]
                if share_key and not _share_compatible(key, syn, ind):
                    continue
                if not _units_compatible(ucls, ind.unit):
                    continue
                if n > best_len:
                    best_len, best_ids = n, [iid]
                elif iid not in best_ids:
                    best_ids.append(iid)
        return self._pick(best_ids, ucls) if best_ids else None

    def _pick(self, ids: list[str], ucls: str | None) -> str:
        if len(ids) == 1 or ucls is None:
            return ids[0]
        for iid in ids:
            if unit_class(self.indicators[iid].unit) == ucls:
                return iid
        return ids[0]


def _share_compatible(key: str, syn: str, ind: Indicator) -> bool:
    """A share-shaped name (…占…比重, …率) may only contain a share indicator's synonym,
    unless the share word sits inside the synonym's own span (城镇化率 in 常住人口城镇化率)."""
    if ind.metric == "share" or ind.unit == "%":
        return True
    rest = key.replace(syn, "", 1)
    return not _is_share_shaped(rest)


def _indicator_from(raw: dict, previous: Indicator | None, source: str) -> Indicator:
    try:
        iid = str(raw["id"])
    except KeyError:
        raise ValueError(f"{source}: an [[indicator]] entry has no id") from None
    if previous is not None:
        synonyms = tuple(dict.fromkeys([*previous.synonyms, *raw.get("synonyms", [])]))
        return Indicator(
            id=iid, name=raw.get("name", previous.name), synonyms=synonyms,
            unit=raw.get("unit", previous.unit), category=raw.get("category", previous.category),
            attribute=raw.get("attribute", previous.attribute),
            direction=raw.get("direction", previous.direction), metric=raw.get("metric", previous.metric),
            head_nouns=tuple(dict.fromkeys([*previous.head_nouns, *raw.get("head_nouns", [])])),
        )
    if "name" not in raw:
        raise ValueError(f"{source}: indicator {iid!r} has no name")
    return Indicator(
        id=iid, name=raw["name"], synonyms=tuple(raw.get("synonyms", [])), unit=raw.get("unit"),
        category=raw.get("category"), attribute=raw.get("attribute"),
        direction=raw.get("direction", "higher"), metric=raw.get("metric", "level"),
        head_nouns=tuple(raw.get("head_nouns", [])),
    )


def catalogue_paths() -> list[Path]:
    """The built-in catalogue plus the user's files named in $PLANWATCH_CATALOGUE."""
    extra = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    return [DEFAULT_PATH, *extra]


def default_catalogue() -> Catalogue:
    """The process-wide catalogue (built-in + $PLANWATCH_CATALOGUE), loaded once per setting."""
    return _load_cached(tuple(str(p) for p in catalogue_paths()))


@cache
def _load_cached(paths: tuple[str, ...]) -> Catalogue:
    return Catalogue.load(*paths)
