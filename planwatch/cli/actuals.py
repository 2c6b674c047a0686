"""``planwatch actuals import``: load reported actuals from a planner's spreadsheet."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from planwatch.cli.database import db_option, open_store
from planwatch.errors import EXIT_FAILED
from planwatch.link.actuals import import_actuals, read_actuals


@click.group("actuals")
def command() -> None:
    """Actuals (实际值) from spreadsheets: the figures planners key in themselves.

    Columns: region, indicator (catalogue id or name), year, value, unit, source; optional
    metric, estimated, note. The template is in docs/evaluation.md.

    \b
    Examples:
      planwatch actuals import examples/actuals.csv
      planwatch actuals import 统计年报.xlsx --db planwatch.db
    """


@command.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Validate only; store nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print accepted/rejected counts and reasons as JSON.")
@db_option
def import_command(file: Path, dry_run: bool, as_json: bool, db: str | None) -> None:
    """Import actuals from FILE (.csv in UTF-8 or GB18030, or .xlsx, first sheet).

    Columns (header row, any order): region, indicator, year, value, unit, source; optional
    metric (level, growth, growth_avg, change_total, share, count), estimated (yes/no, 预计),
    note. Chinese headers work too (地区, 指标, 年份, 数值, 单位, 来源, 口径, 预计, 备注).
    indicator is a catalogue id (gdp) or a name/synonym (地区生产总值). Rejected rows are listed
    with their line number and reason; the others are stored. Exit code 1 if any row was rejected.

    \b
    Examples:
      planwatch actuals import actuals.csv
      planwatch actuals import 实际值.xlsx --db monitor.db
      planwatch actuals import actuals.csv --dry-run
    """
    if dry_run:
        result = read_actuals(file)
    else:
        store = open_store(db)
        try:
            result = import_actuals(store, file)
        finally:
            store.close()
    if as_json:
        click.echo(json.dumps({"file": str(file), "stored": 0 if dry_run else len(result.accepted),
                               "accepted": len(result.accepted),
                               "rejected": [{"line": r.line, "reason": r.reason} for r in result.rejected]},
                              ensure_ascii=False, indent=1))
    else:
        verb = "valid" if dry_run else "stored"
        click.echo(f"{len(result.accepted)} rows {verb}, {len(result.rejected)} rejected", err=True)
        for r in result.rejected:
            click.echo(f"{file}:{r.line}: rejected: {r.reason}", err=True)
    if result.rejected:
        sys.exit(EXIT_FAILED)
