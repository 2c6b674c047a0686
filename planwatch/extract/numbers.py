"""Numbers as plans print them: Arabic digits and Chinese numerals, to exact ``Decimal``.

Plans write 866.56, 1,234, 三千, 一百, 十, 二〇三五 and 七成. A value must stay exactly what was
printed (16.4 stays 16.4), so nothing here goes through ``float``.

Chinese numerals are read strictly: a string that is not a well-formed number (两三, 十三五,
三五) gives ``None``, because such strings are vague amounts or names, never values.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CHINESE_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
                  "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Small multipliers inside a numeral section; 万 and 亿 are section multipliers.
CHINESE_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}


def parse_arabic(text: str) -> Decimal | None:
    """``"866.56"`` → ``Decimal("866.56")``; thousands commas are dropped (``"1,234"``)."""
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def parse_chinese(text: str) -> Decimal | None:
    """Read a Chinese numeral (三千, 一百二十, 十, 两万五千, 零点五) or return ``None``.

    Digit strings without multipliers (二〇三五) are read digit by digit only when they are
    four digits long (a year); shorter runs (两三, 三五) are vague and give ``None``.
    """
    if not text:
        return None
    if "点" in text:
        whole, _, frac = text.partition("点")
        head = parse_chinese(whole) if whole else Decimal(0)
        if head is None or not frac or any(c not in CHINESE_DIGITS for c in frac):
            return None
        return head + Decimal("0." + "".join(str(CHINESE_DIGITS[c]) for c in frac))
    if all(c in CHINESE_DIGITS for c in text):
        if len(text) == 1:
            return Decimal(CHINESE_DIGITS[text])
        if len(text) == 4:
            return Decimal("".join(str(CHINESE_DIGITS[c]) for c in text))
        return None
    return _parse_positional(text)


def _parse_positional(text: str) -> Decimal | None:
    """Numerals with multipliers: 一百二十, 十五, 三千零五, 两万五千."""
    total = 0
    section = 0
    digit: int | None = None
    last_small = 10_000  # the previous small multiplier must be larger than the next
    zero_seen = False  # 一百零五: after a 零 the last digit is units, not the next place
    for ch in text:
        if ch in CHINESE_DIGITS:
            if digit is not None and CHINESE_DIGITS[ch] != 0 and digit != 0:
                return None  # two digits in a row (三五): not a number
            digit = CHINESE_DIGITS[ch]
            zero_seen = zero_seen or digit == 0
        elif ch in CHINESE_SMALL_UNITS:
            mult = CHINESE_SMALL_UNITS[ch]
            if mult >= last_small:
                return None
            section += (1 if digit is None else digit) * mult
            digit = None
            zero_seen = False
            last_small = mult
        elif ch in CHINESE_BIG_UNITS:
            section += digit or 0
            if section == 0:
                return None
            total += section * CHINESE_BIG_UNITS[ch]
            section, digit, last_small, zero_seen = 0, None, 10_000, False
        else:
            return None
    if digit:
        if last_small == 10_000 and section == 0 and total == 0:
            return Decimal(digit)
        if last_small == 10 or zero_seen:
            section += digit  # 十五, 一百二十五, 一百零五
        elif last_small < 10_000:
            # 三千五 = 3500 (the digit continues the next lower place); 一百零五 handled above
            section += digit * (last_small // 10)
        else:
            section += digit
    return Decimal(total + section)


def parse_number(text: str) -> Decimal | None:
    """An Arabic or Chinese number (whichever ``text`` is)."""
    if text and text[0].isdigit():
        return parse_arabic(text)
    return parse_chinese(text)
