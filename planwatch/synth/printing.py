"""How numbers, years and units are printed in a synthetic document (数字的书写), noise included.

A ``Style`` is drawn per document: PDF extraction spacing (``8.4 %``, ``“ 十四五 ”``,
``二 〇 三五``), full-width percent signs, Chinese-numeral years and amounts. Truth values are
always ``Decimal(text)`` of the digits as printed, so what is printed is what is true.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

_DIGITS = "〇一二三四五六七八九"


@dataclass(frozen=True)
class Style:
    """Printing habits of one document."""

    pdf_spacing: bool = False
    fullwidth: bool = False
    cn_years: bool = False
    cn_numbers: bool = False
    sep: str = "\n"
    ascii_punct: bool = False  # ，；：（） printed half-width
    page_chars: int = 0  # page-number lines roughly every so many characters (0: none)
    plan_number: int = 14  # 十四五 (2021–2025); 15 for 2026–2030

    @classmethod
    def draw(cls, rng: random.Random, pdf_like: bool = False, plain_text: bool = True) -> Style:
        spaced = pdf_like or rng.random() < 0.15
        return cls(
            pdf_spacing=spaced,
            fullwidth=rng.random() < 0.2,
            cn_years=rng.random() < 0.3,
            cn_numbers=rng.random() < 0.25,
            sep=rng.choice(("\n", "\n", "\n\n")),
            ascii_punct=rng.random() < (0.5 if spaced else 0.1),
            page_chars=rng.randint(1200, 2400) if spaced and plain_text and rng.random() < 0.5 else 0,
        )

    def builder_options(self) -> dict:
        return {"sep": self.sep, "ascii_punct": self.ascii_punct, "page_chars": self.page_chars,
                "plan_number": self.plan_number}


def plain(d: Decimal) -> str:
    """A Decimal as a planner prints it: no exponent, no trailing zeros (302.90 → 302.9)."""
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def cn_int(n: int) -> str:
    """1–9999 in Chinese numerals as amounts are written (三百五十, 一千零二十)."""
    if not 0 < n < 10000:
        raise ValueError(n)
    units = ((1000, "千"), (100, "百"), (10, "十"), (1, ""))
    out, zero = "", False
    for size, name in units:
        digit, n = divmod(n, size)
        if digit:
            if zero and out:
                out += "零"
            out += _DIGITS[digit] + name
            zero = False
        elif out:
            zero = True
    return "十" + out[2:] if out.startswith("一十") else out


def pct(d: Decimal, style: Style, rng: random.Random | None = None) -> str:
    """7.5% / 7.5 % / 7.5％; rarely 百分之七 for a whole number."""
    text = plain(d)
    if style.cn_numbers and rng is not None and d == d.to_integral() and 0 < d < 100 \
            and rng.random() < 0.3:
        return "百分之" + cn_int(int(d))
    sign = "％" if style.fullwidth else "%"
    return f"{text} {sign}" if style.pdf_spacing else f"{text}{sign}"


def amount(d: Decimal, unit: str, style: Style, rng: random.Random | None = None) -> str:
    """302.9亿元 / 302.9 亿元; whole numbers sometimes in Chinese numerals (三百亿元)."""
    if unit == "%":
        return pct(d, style, rng)
    text = plain(d)
    if style.cn_numbers and rng is not None and d == d.to_integral() and 0 < d < 10000 \
            and unit != "元" and rng.random() < 0.3:
        return cn_int(int(d)) + unit
    return f"{text} {unit}" if style.pdf_spacing else f"{text}{unit}"


def year(y: int, style: Style) -> str:
    """2025, or 二〇二五 (二 〇 二五 after PDF extraction)."""
    if not style.cn_years:
        return f"{y} " if style.pdf_spacing else str(y)
    digits = "".join(_DIGITS[int(c)] for c in str(y))
    return f"{digits[:1]} {digits[1]} {digits[2:]}" if style.pdf_spacing else digits


def quoted(term: str, style: Style) -> str:
    """“十四五” / “ 十四五 ”."""
    return f"“ {term} ”" if style.pdf_spacing else f"“{term}”"


def points(d: Decimal, style: Style) -> str:
    """2个百分点 / 2 个百分点."""
    return f"{plain(d)} 个百分点" if style.pdf_spacing else f"{plain(d)}个百分点"
