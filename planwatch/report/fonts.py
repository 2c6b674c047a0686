"""The CJK font every report format draws Chinese with (charts, HTML/PDF, Word).

A chart drawn with matplotlib's default font shows boxes (豆腐块) for every Chinese character
and a PDF without a CJK face shows nothing at all, so a report refuses to be written rather
than come out unreadable. The font is found through matplotlib's font manager (which reads
the system fonts, e.g. Debian's fonts-noto-cjk); the family names below are tried in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from planwatch.errors import PlanwatchError

# Simplified-Chinese faces first: the same code point is drawn differently for SC/TC/JP.
PREFERRED_FAMILIES: tuple[str, ...] = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei", "Microsoft YaHei", "SimHei", "PingFang SC", "Noto Sans SC",
    "Noto Serif CJK SC", "AR PL UMing CN", "Droid Sans Fallback",
)
# Family names that suggest CJK coverage when none of the preferred faces is present.
CJK_HINTS: tuple[str, ...] = ("CJK", "Han Sans", "Hei", "Song", "Kai", "Ming", "Fallback")

# What HTML, PDF and Word ask for: the found family first, then common fallbacks.
CSS_FALLBACK = '"Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif'


@dataclass(frozen=True)
class CjkFont:
    family: str
    path: Path


class FontMissingError(PlanwatchError):
    """No font with Chinese glyphs is installed: charts and PDFs would show empty boxes."""


@lru_cache(maxsize=1)
def cjk_font() -> CjkFont:
    """The CJK font to draw with; ``FontMissingError`` (with what to install) if there is none."""
    from matplotlib import font_manager

    fonts = {f.name: Path(f.fname) for f in font_manager.fontManager.ttflist}
    for family in PREFERRED_FAMILIES:
        if family in fonts:
            return CjkFont(family, fonts[family])
    for family in sorted(fonts):
        if any(hint in family for hint in CJK_HINTS):
            return CjkFont(family, fonts[family])
    raise FontMissingError(
        "no CJK (Chinese) font found: charts and PDF text would not render",
        hint="install one, e.g. `apt-get install fonts-noto-cjk`, then remove ~/.cache/matplotlib")


def css_font_stack() -> str:
    """The CSS font-family list: the found face first."""
    return f'"{cjk_font().family}", {CSS_FALLBACK}'
