"""Numbers as plans print them, read exactly (Decimal, never float)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planwatch.extract.numbers import parse_arabic, parse_chinese, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("十", 10), ("十五", 15), ("二十", 20), ("一百", 100), ("百", 100), ("千", 1000),
    ("一百二十", 120), ("一百零五", 105), ("三千", 3000), ("三千五", 3500),
    ("两万五千", 25000), ("一万", 10000), ("七", 7), ("两", 2), ("二〇三五", 2035),
    ("二〇二一", 2021), ("零点五", Decimal("0.5")),
])
def test_chinese_numerals(text, value):
    assert parse_chinese(text) == Decimal(value)


@pytest.mark.parametrize("text", ["两三", "三五", "十三五", "十四五", "", "百千", "十十"])
def test_vague_or_named_numerals_are_not_numbers(text):
    # 两三个 is vague, 十三五 names a plan: neither is a value
    assert parse_chinese(text) is None


@pytest.mark.parametrize(("text", "value"), [
    ("866.56", "866.56"), ("16.4", "16.4"), ("1,234", "1234"), ("0.331", "0.331"), ("2025", "2025"),
])
def test_arabic_numbers_stay_exact(text, value):
    got = parse_arabic(text)
    assert got == Decimal(value)
    assert str(got) == value  # no float on the way: 16.4 prints as 16.4


def test_parse_number_dispatches_on_the_first_character():
    assert parse_number("8.4") == Decimal("8.4")
    assert parse_number("一百") == Decimal(100)


DIGITS = "〇一二三四五六七八九"


def to_chinese(n: int) -> str:
    """Write 1..99999 the way a plan does (一万零五百, 三千零五, 十二)."""
    parts = []
    places = [(10000, "万"), (1000, "千"), (100, "百"), (10, "十"), (1, "")]
    zero_pending = False
    for size, name in places:
        d = n // size % 10 if size < 10000 else n // size
        if d:
            if zero_pending and parts:
                parts.append("零")
            parts.append(DIGITS[d] + name)
            zero_pending = False
        elif parts:
            zero_pending = True
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


@given(st.integers(min_value=1, max_value=99999))
def test_chinese_numerals_round_trip(n):
    assert parse_chinese(to_chinese(n)) == Decimal(n)
