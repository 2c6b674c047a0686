"""The prose vocabulary (planwatch/data/prose.toml) loaded once, with its regexes compiled.

Keeping the words in a data file lets a planner see and extend them; this module only turns
them into fast patterns (longest alternative first, so 万平方米 wins over 米).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex

# Beside the code rather than through importlib.resources, which fails when the package is
# reached through more than one path (an editable install run from the checkout).
DATA_FILE = Path(__file__).resolve().parent.parent / "data" / "prose.toml"

UNIT_GROUPS = ("percent", "points", "multiple", "money", "count", "measure")


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal words, longest first."""
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass(frozen=True)
class Vocabulary:
    """Every word list of prose.toml, plus the patterns built from them."""

    data: dict
    unit_group: dict[str, str]  # unit as printed -> its group (percent, count, ...)
    unit_alias: dict[str, str]
    quantity: regex.Pattern
    year: regex.Pattern
    review_inline: regex.Pattern
    review_heading: tuple[regex.Pattern, ...]  # one pattern per phrase: see build()
    goal_inline: regex.Pattern
    goal_heading: tuple[regex.Pattern, ...]
    goal_strong: regex.Pattern
    future: regex.Pattern
    actual_strong: regex.Pattern
    class_threshold: regex.Pattern
    set_member: regex.Pattern
    set_scope: regex.Pattern
    estimate_words: regex.Pattern
    skip_phrases: regex.Pattern
    comparator_before: regex.Pattern  # a comparator word ending where the number starts
    qualitative: regex.Pattern

    index: dict[tuple[str, ...], Any]  # every table and list of ``data`` by its key path

    def words(self, *path: str) -> Any:
        """The list (or table) at ``path`` of prose.toml: words("skip", "before")."""
        return self.index[path]


ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
CHINESE = r"[〇零一二两三四五六七八九十百千]+"


def build(data: dict) -> Vocabulary:
    """The vocabulary of the tables of prose.toml: unit groups, and every pattern compiled once
    (the quantity pattern alone is tried at every digit of every document)."""
    unit_group: dict[str, str] = {}
    for group in UNIT_GROUPS:
        for unit in data["units"][group]:
            unit_group.setdefault(unit, group)
    for unit in [*data["chinese"]["chinese_only_units"], *data["units"]["people"]]:
        unit_group.setdefault(unit, "count")
    units = alternation(list(unit_group))
    mags = alternation(data["magnitudes"]["prefixes"])
    inside = alternation(list(data["comparators"]["inside"]))
    after = alternation(list(data["comparators"]["after"]))
    num = rf"(?:{ARABIC}|{CHINESE})"
    # Only a number followed by something a quantity can continue with is worth a match: this
    # look-ahead lets the engine skip years, dates and list numbers without building a match.
    starts = "".join(sorted({w[0] for w in [*unit_group, *data["magnitudes"]["prefixes"],
                                           *data["comparators"]["inside"], "%", "-", "~", "～",
                                           "—", "至", "到"]}))
    quantity = regex.compile(
        rf"(?<![\d.〇零一二两三四五六七八九十百千])"
        rf"(?P<n1>{num})(?=[{regex.escape(starts)}])(?:(?P<u1>%)?(?P<sep>[-~～—至到])(?P<n2>{num}))?"
        rf"(?P<ins1>{inside})?(?P<mag>{mags})?(?P<ins2>{inside})?(?P<unit>{units})?"
        rf"(?:/(?P<per>{alternation(data['units']['per']['denominators'])}))?(?P<after>{after})?"
    )

    def zone(patterns: list[str]) -> regex.Pattern:
        """A part marker with its year ({Y} in prose.toml) captured as ``y``."""
        return regex.compile("|".join(p.replace("{Y}", r"(?P<y>20\d\d)") for p in patterns))

    def zone_each(patterns: list[str]) -> tuple[regex.Pattern, ...]:
        # Heading phrases scanned one by one: each starts with a literal the engine can jump
        # to, where their alternation is tried at every position (three times slower).
        return tuple(zone([p]) for p in patterns)

    def words(key: str) -> regex.Pattern:
        """Any word of the [tense] list ``key``."""
        return regex.compile(alternation(data["tense"][key]))

    return Vocabulary(
        data=data,
        index=flatten(data),
        unit_group=unit_group,
        unit_alias=dict(data["unit_aliases"]),
        quantity=quantity,
        year=regex.compile(r"(?:(?<![\d.])(?P<y>(?:19|20)\d\d)(?:[-—~至到](?P<y2>(?:19|20)\d\d))?"
                           r"|(?P<cy>[一二][〇零一二三四五六七八九]{3}))年"),
        review_inline=zone(data["zones"]["review_inline"]),
        review_heading=zone_each(data["zones"]["review_heading"]),
        goal_inline=zone(data["zones"]["goal_inline"]),
        goal_heading=zone_each(data["zones"]["goal_heading"]),
        goal_strong=words("goal_strong"),
        future=regex.compile(f"将[^，,。；;\\d]{{0,12}}?(?:{alternation(data['tense']['future_verbs'])})"),
        actual_strong=words("actual_strong"),
        class_threshold=regex.compile(data["skip"]["class_threshold"]),
        set_member=regex.compile(data["skip"]["set_member"]),
        set_scope=regex.compile(data["skip"]["set_scope"]),
        # 预计到2025年 forecasts a goal; 预计2020年/预计全年 estimates a closing year
        estimate_words=regex.compile(f"(?:{alternation(data['tense']['estimate'])})(?![到至])"),
        skip_phrases=regex.compile(alternation(data["skip"]["phrases"])),
        comparator_before=regex.compile(f"(?:{alternation(list(data['comparators']['before']))})$"),
        qualitative=regex.compile("|".join(data["qualitative"]["phrases"])),
    )


def flatten(data: dict, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Every value of a nested table by its key path, so lookups in hot loops are one hash."""
    out: dict[tuple[str, ...], Any] = {}
    for key, value in data.items():
        # lists become tuples: str.startswith/endswith take them whole, in C
        out[(*prefix, key)] = tuple(value) if isinstance(value, list) else value
        if isinstance(value, dict):
            out.update(flatten(value, (*prefix, key)))
    return out


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The vocabulary shipped with planwatch."""
    text = DATA_FILE.read_text(encoding="utf-8")
    return build(tomllib.loads(text))
