"""An indicator's chart drawn with matplotlib: actuals (solid) against the target path (dashed).

Drawn with ``matplotlib.figure.Figure`` (no pyplot state, no GUI backend) in the CJK font of
``fonts.py`` so the Chinese title and legend render; returned as PNG bytes, which every format
can carry (HTML inline as base64, Word and Excel as pictures, PDF through the HTML).
"""

from __future__ import annotations

import io

from planwatch.report.chartdata import ChartData
from planwatch.report.fonts import cjk_font

COLOURS = {"actual": "#1f5fa8", "path": "#c0504d", "band": "#f2dcdb", "text": "#333333"}


def _number(v: float) -> str:
    return f"{v:,.0f}" if abs(v) >= 1000 else f"{v:.2f}".rstrip("0").rstrip(".")


def chart_png(chart: ChartData, width: float = 6.4, height: float = 3.0, dpi: int = 130) -> bytes:
    """The chart as a PNG image."""
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=str(cjk_font().path))
    small = FontProperties(fname=str(cjk_font().path), size=8)
    fig = Figure(figsize=(width, height), dpi=dpi)
    ax = fig.add_subplot()
    if chart.band is not None:
        low, high = (float(v) for v in chart.band)
        ax.axhspan(low, high, color=COLOURS["band"], alpha=0.6, label="目标区间")
    if chart.path:
        xs, ys = zip(*[(y, float(v)) for y, v in chart.path], strict=True)
        ax.plot(xs, ys, linestyle="--", color=COLOURS["path"], marker="" if len(xs) > 1 else "*",
                markersize=12, label="目标路径" if len(xs) > 1 else "目标")
        goal = f"{_number(float(chart.band[0]))}–{_number(float(chart.band[1]))}" if chart.band else _number(ys[-1])
        ax.annotate(f"目标 {goal}", (xs[-1], ys[-1]), textcoords="offset points", xytext=(-6, 8),
                    ha="right", fontproperties=small, color=COLOURS["path"])
    if chart.actuals:
        xs, ys = zip(*[(y, float(v)) for y, v in chart.actuals], strict=True)
        ax.plot(xs, ys, linestyle="-", color=COLOURS["actual"], marker="o", label="实际值")
        for x, y in zip(xs, ys, strict=True):
            ax.annotate(_number(y), (x, y), textcoords="offset points", xytext=(0, -14), ha="center",
                        fontproperties=small, color=COLOURS["text"])
    years = sorted({y for y, _ in (*chart.path, *chart.actuals)})
    if years:
        ax.set_xticks(years)
        ax.set_xticklabels([str(y) for y in years], fontproperties=small)
        ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    for label in ax.get_yticklabels():
        label.set_fontproperties(small)
    ax.set_title(chart.title, fontproperties=font, fontsize=11)
    if chart.unit:
        ax.set_ylabel(chart.unit, fontproperties=font)
    ax.margins(y=0.15)  # room for the value labels under the lowest points
    ax.grid(True, axis="y", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(prop=small, loc="best", frameon=False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()
