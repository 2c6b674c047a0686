"""Units as the evaluation needs them: which numbers are rates, and how to bring 亿元 and 万元 to
one scale before comparing them.

A value is never compared across units it cannot be converted between: 亿元 and 万元 differ by
a factor of 10⁴; % and 个百分点 are both percentage points when a level is compared, but a
growth rate in % is never compared with a change in 个百分点.
"""

from __future__ import annotations

from decimal import Decimal

# Magnitude prefixes a Chinese unit can carry, longest first.
MAGNITUDES: tuple[tuple[str, Decimal], ...] = (
    ("万亿", Decimal(10) ** 12),
    ("千万", Decimal(10) ** 7),
    ("百万", Decimal(10) ** 6),
    ("亿", Decimal(10) ** 8),
    ("万", Decimal(10) ** 4),
    ("千", Decimal(10) ** 3),
    ("百", Decimal(10) ** 2),
)

# Units whose values are rates: tolerances are absolute percentage points.
RATE_UNITS: frozenset[str] = frozenset({"%", "％", "个百分点", "百分点", "‰"})
GROWTH_METRICS: frozenset[str] = frozenset({"growth", "growth_avg"})

# Base units that must not be split into a magnitude prefix and a rest ("千克" is a unit, not 1000 克
# for our purposes; "百分点" is a rate).
_UNSPLIT: frozenset[str] = frozenset({"千克", "千米", "千瓦", "千瓦时", "百分点", "万元GDP"})


def split_unit(unit: str | None) -> tuple[str, Decimal]:
    """``"亿元"`` → ``("元", 10⁸)``; ``"%"`` → ``("%", 1)``; ``None`` → ``("", 1)``."""
    if not unit:
        return "", Decimal(1)
    u = "".join(unit.split()).replace("％", "%")
    if u in _UNSPLIT:
        return u, Decimal(1)
    for prefix, factor in MAGNITUDES:
        rest = u[len(prefix):]
        if u.startswith(prefix) and rest and rest not in ("分点",):
            inner, inner_factor = split_unit(rest) if rest[0] in "万亿千百" else (rest, Decimal(1))
            return inner, factor * inner_factor
    return u, Decimal(1)


def is_rate(unit: str | None, metric: str | None = None) -> bool:
    """Rates (%, 个百分点, and every growth metric) take absolute tolerances in points."""
    if metric in GROWTH_METRICS:
        return True
    return bool(unit) and "".join((unit or "").split()).replace("％", "%") in RATE_UNITS


def convert(value: Decimal, from_unit: str | None, to_unit: str | None) -> Decimal | None:
    """``value`` expressed in ``to_unit``, or None when the two units cannot be compared.

    A missing unit on one side is taken as the other's (extracted actuals often omit it).
    """
    if not from_unit or not to_unit:
        return value
    base_a, fa = split_unit(from_unit)
    base_b, fb = split_unit(to_unit)
    if base_a == base_b:
        return value * fa / fb
    pct = {"%", "个百分点", "百分点"}
    if base_a in pct and base_b in pct:
        return value
    return None
