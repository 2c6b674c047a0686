"""``planwatch report``: a region's evaluation report, ready to hand on (评估报告)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from planwatch.cli.database import db_option, open_store
from planwatch.report.content import build_report
from planwatch.report.output import BINARY, FORMATS, default_name, render, write_report


@click.command("report")
@click.option("--region", required=True, help="Region, e.g. 石峰区 or 株洲市石峰区.")
@click.option("--as-of", "as_of", type=int, help="Evaluate as of this year (default: the latest year with actuals).")
@click.option("--plan", "plan", help="Only this plan's targets (document id, SHA-256 prefix or path).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="md", show_default=True,
              help="md, html (self-contained), docx (Word), xlsx (Excel) or pdf.")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=True, path_type=Path),
              help="File (or folder) to write; md and html go to stdout without it, the others to "
                   "评估报告_REGION_YEAR.EXT in the current folder.")
@db_option
def command(region: str, as_of: int | None, plan: str | None, fmt: str, output: Path | None,
            db: str | None) -> None:
    """Write REGION's evaluation report: title, counts by status, the 完成情况 table, a chart per
    indicator, the warnings (binding veto first) and the source of every number.

    Chinese renders in every format (the charts and the PDF need a CJK font such as
    fonts-noto-cjk). Files are written atomically: a reader never sees half a report.

    \b
    Examples:
      planwatch report --region 石峰区 --format md
      planwatch report --region 石峰区 --as-of 2023 --format pdf -o 评估报告.pdf
      planwatch report --region 涟源市 --plan 3 --format docx -o reports/
      planwatch report --region 涟源市 --format xlsx --db monitor.db
    """
    store = open_store(db, create=False)
    try:
        report = build_report(store, region, plan_doc=plan, as_of=as_of)
    finally:
        store.close()
    if output is None and fmt not in BINARY:
        sys.stdout.buffer.write(render(report, fmt))
        sys.stdout.flush()
        return
    if output is None:
        output = Path(default_name(report, fmt))
    elif output.is_dir():
        output = output / default_name(report, fmt)
    write_report(report, fmt, output)
    click.echo(f"{report.title} ({len(report.rows)} 项指标) written to {output}", err=True)
