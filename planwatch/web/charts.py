"""Charts drawn on the server as inline SVG: no script, no asset from the internet, and the
same picture in a browser, a printout and a screenshot."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from html import escape

Point = tuple[int, Decimal | float]


def _scale(lo: float, hi: float, out_lo: float, out_hi: float):  # type: ignore[no-untyped-def]
    span = (hi - lo) or 1.0
    return lambda v: out_lo + (float(v) - lo) * (out_hi - out_lo) / span


def trajectory_svg(actuals: Sequence[Point], path: Sequence[Point], *, unit: str | None = None,
                   labels: tuple[str, str] = ("实际值", "目标路径"), width: int = 640,
                   height: int = 280) -> str:
    """Actual values (solid line, dots) against the target path (dashed), years on the x axis."""
    points = [*actuals, *path]
    if not points:
        return ""
    years = [int(y) for y, _ in points]
    values = [float(v) for _, v in points]
    y0, y1 = min(years), max(years)
    if y0 == y1:
        y0, y1 = y0 - 1, y1 + 1
    lo, hi = min(values), max(values)
    pad = (hi - lo) * 0.1 or abs(hi) * 0.1 or 1.0
    lo, hi = lo - pad, hi + pad
    left, right, top, bottom = 56, width - 16, 16, height - 40
    sx = _scale(y0, y1, left, right)
    sy = _scale(lo, hi, bottom, top)
    out = [f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
           f'aria-label="{escape(labels[0])} / {escape(labels[1])}" xmlns="http://www.w3.org/2000/svg">']
    for i in range(5):  # horizontal grid with value labels
        level = lo + (hi - lo) * i / 4
        y = sy(level)
        out.append(f'<line class="grid" x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}"/>')
        out.append(f'<text class="axis" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(level)}</text>')
    for year in range(y0, y1 + 1):
        x = sx(year)
        out.append(f'<text class="axis" x="{x:.1f}" y="{bottom + 18}" text-anchor="middle">{year}</text>')
    if path:
        pts = " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in sorted(path))
        out.append(f'<polyline class="path" points="{pts}"/>')
        for y, v in path:
            out.append(f'<circle class="path-dot" cx="{sx(y):.1f}" cy="{sy(v):.1f}" r="4">'
                       f'<title>{escape(labels[1])} {y}: {_fmt(v)}</title></circle>')
    if actuals:
        ordered = sorted(actuals)
        pts = " ".join(f"{sx(y):.1f},{sy(v):.1f}" for y, v in ordered)
        out.append(f'<polyline class="actual" points="{pts}"/>')
        for y, v in ordered:
            out.append(f'<circle class="actual-dot" cx="{sx(y):.1f}" cy="{sy(v):.1f}" r="4">'
                       f'<title>{escape(labels[0])} {y}: {_fmt(v)}</title></circle>')
    legend_y = height - 8
    out.append(f'<line class="actual" x1="{left}" y1="{legend_y - 4}" x2="{left + 24}" y2="{legend_y - 4}"/>'
               f'<text class="axis" x="{left + 30}" y="{legend_y}">{escape(labels[0])}</text>')
    out.append(f'<line class="path" x1="{left + 120}" y1="{legend_y - 4}" x2="{left + 144}" y2="{legend_y - 4}"/>'
               f'<text class="axis" x="{left + 150}" y="{legend_y}">{escape(labels[1])}'
               f'{" (" + escape(unit) + ")" if unit else ""}</text>')
    out.append("</svg>")
    return "".join(out)


def _fmt(v: float | Decimal) -> str:
    f = float(v)
    if abs(f) >= 100:
        return f"{f:,.0f}"
    return f"{f:.2f}".rstrip("0").rstrip(".")
