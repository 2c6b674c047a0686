"""Which way is better for an indicator: the catalogue's word, else the name's.

The catalogue (data/indicators.toml) knows the direction of every canonical indicator; for a
name it cannot match (an odd printed name, 氨氮化合物排放量), these words of the name say that
less is better. Kept as data so a planner can read why a row was read as a ceiling.
"""

from __future__ import annotations

from planwatch.evaluate.model import Direction
from planwatch.link.catalogue import Catalogue, default_catalogue

LOWER_IS_BETTER_WORDS: tuple[str, ...] = (
    "失业率", "排放", "能耗", "能源消耗", "用水量", "死亡率", "死亡人数", "事故", "浓度", "污染",
    "贫困发生率", "发病率", "恩格尔系数",
)


def indicator_direction(name: str, unit: str | None = None, indicator_id: str | None = None,
                        catalogue: Catalogue | None = None) -> Direction:
    """"higher" or "lower" for the quantity itself (before any 下降 wording of a target)."""
    cat = catalogue or default_catalogue()
    entry = cat.get(indicator_id) if indicator_id else None
    if entry is None:
        entry = cat.match(name, unit)
    if entry is not None:
        return "lower" if entry.direction == "lower" else "higher"
    return "lower" if any(w in name for w in LOWER_IS_BETTER_WORDS) else "higher"


def indicator_attribute(name: str, unit: str | None = None, indicator_id: str | None = None,
                        catalogue: Catalogue | None = None) -> str | None:
    """The attribute national rules fix for the indicator (binding / expected), if any."""
    cat = catalogue or default_catalogue()
    entry = (cat.get(indicator_id) if indicator_id else None) or cat.match(name, unit)
    return entry.attribute if entry is not None else None
