"""Fictional regions (虚构地区) for the synthetic corpus: cities and the counties under them.

Names are drawn from syllables chosen to sound like place names without being real ones
(青澜县 under 云川市); a name that contains a real region's name (青岚县 holds the real 岚县) is
skipped. A region's parent city is named so 层层加码 comparisons (a county's target against its
city's) have data.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_CITY_FIRST = "云青澜岚栖梧霁沄翠琅溯璟汀澈珂"
_CITY_SECOND = "川岚澄屿霖滢峤岫璋汀"
_COUNTY_FIRST = "青岚枫桐栖榆梓苓蘅芷沣澧漪潇泠岑嵛峤碧黛"
_COUNTY_SECOND = "岚溪澄屿泷涧汀皋埠岫湄渚浔漪峦"
_COUNTY_SUFFIX = ("县", "县", "县", "区", "市")

# Curated first names, so small corpora (and the examples) read well.
CURATED = (("云川市", ("青澜县", "栖梧区", "澧泷县")), ("翠屿市", ("桐溪县", "枫皋区", "芷汀市")))
_REAL_REGIONS = Path(__file__).resolve().parent.parent / "data" / "regions.csv"
_ADMIN_SUFFIX = re.compile(r"(自治县|自治州|自治旗|自治区|特别行政区|新区|林区|矿区|地区|盟|旗|省|市|县|区)$")


@lru_cache(maxsize=1)
def real_names() -> frozenset[str]:
    """Real region names and their suffix-less forms (岚县, 岚), so no fictional name contains
    one: a detector would otherwise read 青岚县 as the real 岚县."""
    if not _REAL_REGIONS.exists():
        return frozenset()
    with open(_REAL_REGIONS, encoding="utf-8") as handle:
        names = {row["name"] for row in csv.DictReader(handle)}
    stems = {_ADMIN_SUFFIX.sub("", n) for n in names}
    return frozenset(names | {s for s in stems if len(s) >= 2})


def is_fictional(name: str) -> bool:
    return not any(real in name for real in _contained(name))


def _contained(name: str) -> list[str]:
    reals = real_names()
    return [name[i:j] for i in range(len(name)) for j in range(i + 2, len(name) + 1)
            if name[i:j] in reals]


@dataclass(frozen=True)
class Region:
    """A fictional city (市) or county-level region (县/区/县级市) and its parent city."""

    name: str
    level: str  # city | county
    parent: str | None = None
    leader_title: str = "县长"

    @property
    def full_name(self) -> str:
        return f"{self.parent}{self.name}" if self.parent else self.name

    @property
    def short(self) -> str:
        """The name without its suffix (青澜), as news headlines write it."""
        return self.name[:-1]

    @property
    def scope(self) -> str:
        """全县 / 全区 / 全市: how the region's own documents say "the whole region"."""
        return "全" + self.name[-1]


def make_regions(n: int, rng: random.Random) -> list[Region]:
    """``n`` regions: every fourth is a city, followed by counties under it.

    With n = 1 the single region is a county whose parent city has no documents of its own.
    """
    names = _name_pool(rng)
    regions: list[Region] = []
    city: Region | None = None
    for i in range(n):
        if n > 1 and i % 4 == 0:
            city_name = next(names["city"])
            city = Region(city_name, "city", None, "市长")
            regions.append(city)
            continue
        parent = next(names["city"]) if city is None else city.name
        county = next(names["county"])
        title = {"县": "县长", "区": "区长", "市": "市长"}[county[-1]]
        regions.append(Region(county, "county", parent, title))
    return regions


def _name_pool(rng: random.Random) -> dict:
    cities = [c for c, _ in CURATED]
    counties = [k for _, ks in CURATED for k in ks]
    extra_cities = [a + b + "市" for a in _CITY_FIRST for b in _CITY_SECOND if a != b]
    extra_counties = [a + b + rng.choice(_COUNTY_SUFFIX) for a in _COUNTY_FIRST
                      for b in _COUNTY_SECOND if a != b]
    rng.shuffle(extra_cities)
    rng.shuffle(extra_counties)

    seen: set[str] = set()

    def unique(first: list[str], rest: list[str]):
        for name in first + rest:
            if name[:-1] not in seen and is_fictional(name):
                seen.add(name[:-1])
                yield name
        for k in range(1, 10_000):  # beyond the pools: numbered, still fictional
            name = f"{rest[k % len(rest)][:-1]}{'东南西北'[k % 4]}{rest[k % len(rest)][-1]}"
            if name[:-1] not in seen and is_fictional(name):
                seen.add(name[:-1])
                yield name

    return {"city": unique(cities, extra_cities), "county": unique(counties, extra_counties)}
