"""The report as one self-contained HTML page (styles inline, charts as base64 PNG).

The same page is the source of the PDF (``pdf.py``), so it carries print rules (A4 landscape,
page numbers, indicators kept on one page). Every text is escaped by Jinja's autoescape: a
quote from a scraped page can never become markup.
"""

from __future__ import annotations

import base64

from jinja2 import Environment, PackageLoader, select_autoescape

from planwatch.report.charts import chart_png
from planwatch.report.content import COLUMNS, Report
from planwatch.report.fonts import css_font_stack


def chart_images(report: Report) -> dict[int, bytes]:
    """Each row's chart as PNG bytes, by row number (rows without a chart are left out)."""
    return {row.number: chart_png(row.chart) for row in report.rows if row.chart is not None}


def render_html(report: Report, charts: dict[int, bytes] | None = None) -> str:
    """The page; ``charts`` (row number → PNG) defaults to drawing every chart."""
    charts = chart_images(report) if charts is None else charts
    env = Environment(loader=PackageLoader("planwatch.report", "templates"),
                      autoescape=select_autoescape(["html", "j2"]))
    template = env.get_template("evaluation_report.html.j2")
    encoded = {n: base64.b64encode(png).decode("ascii") for n, png in charts.items()}
    return template.render(report=report, columns=COLUMNS, charts=encoded, font_stack=css_font_stack())
