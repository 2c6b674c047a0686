"""``planwatch export``: the research panel and its coverage manifest (CSV, Parquet, Stata)."""

from __future__ import annotations

from pathlib import Path

import click

from planwatch.cli.database import db_option, open_store
from planwatch.export.coverage import build_coverage
from planwatch.export.panel import build_panel
from planwatch.export.writers import FORMATS, write_export


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="csv", show_default=True,
              help="csv (UTF-8, exact numbers), parquet (pyarrow) or dta (Stata 14+, version 118).")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
              help="Panel file (default: panel.FORMAT); the manifest goes beside it as STEM.coverage.FORMAT.")
@click.option("--region", "regions", multiple=True, help="Only this region (repeatable; default: every region).")
@click.option("--as-of", "as_of", type=int, help="Leave out actuals after this year.")
@db_option
def command(fmt: str, output: Path | None, regions: tuple[str, ...], as_of: int | None, db: str | None) -> None:
    """Export a research-ready panel: one row per region, indicator, year and source (and per
    target the figure informs), with the target, its comparator, unit, the actual, the
    status as of that year, and the document and character span of both numbers.

    A coverage manifest (which regions and years have which documents) is written beside it.
    Column meanings: docs/reports.md.

    \b
    Examples:
      planwatch export                                  # panel.csv + panel.coverage.csv
      planwatch export --format dta -o data/plans.dta   # Stata; data/plans.coverage.dta
      planwatch export --format parquet --region 石峰区 --as-of 2023
    """
    output = output or Path(f"panel.{fmt}")
    store = open_store(db, create=False)
    try:
        panel = build_panel(store, list(regions) or None, as_of)
        coverage = build_coverage(store, panel, sorted({r.region for r in panel}) if regions else None)
    finally:
        store.close()
    panel_path, coverage_path = write_export(panel, coverage, fmt, output)
    click.echo(f"{len(panel)} panel rows written to {panel_path}; coverage ({len(coverage)} rows) to "
               f"{coverage_path}", err=True)
