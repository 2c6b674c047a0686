"""``planwatch compare``: one indicator's targets and actuals across regions, and 层层加码."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from planwatch.cli.database import db_option, open_store
from planwatch.errors import NotFoundError
from planwatch.evaluate.serialize import actual_json
from planwatch.extract.serialize import number
from planwatch.report.comparison import RELATION_TEXT, Comparison
from planwatch.report.comparison import compare_indicator as compare_in_store
from planwatch.report.content import target_text


def _target_json(t) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return {"indicator": t.indicator, "metric": t.metric, "comparator": t.comparator, "value": number(t.value),
            "low": number(t.low), "high": number(t.high), "unit": t.unit, "year": t.year,
            "attribute": t.attribute, "document": t.source.document,
            "span": list(t.source.span) if t.source.span else None, "quote": t.source.quote}


def comparison_json(c: Comparison) -> dict[str, Any]:
    return {
        "schema": "planwatch.comparison/1", "indicator_id": c.indicator_id, "indicator": c.indicator, "year": c.year,
        "targets": [{"region": t.region, "target": _target_json(t.target), "direction": t.direction,
                     "actual": actual_json(t.actual), "status": t.status, "status_text": t.status_text,
                     "parent": t.parent,
                     "parent_target": _target_json(t.parent_target) if t.parent_target else None,
                     "relation": t.relation, "escalated": t.escalated} for t in c.targets],
        "actuals_only": [{"region": a.region, "actual": actual_json(a.actual)} for a in c.actuals_only],
        "escalations": len(c.escalations),
    }


def _fmt(v: Decimal | None) -> str:
    return "" if v is None else format(v.normalize(), "f")


def print_comparison(c: Comparison, console: Console) -> None:
    console.print(f"[bold]{c.indicator}[/bold] ({c.indicator_id}) · 各地区比较"
                  + (f" · {c.year} 年" if c.year else ""))
    grid = Table()
    for col in ("地区", "目标", "目标年", "实际值", "完成情况", "上级地区", "上级目标", "比较", "层层加码"):
        grid.add_column(col, overflow="fold")
    for t in c.targets:
        actual = f"{_fmt(t.actual.value)}{t.actual.unit or ''} ({t.actual.year})" if t.actual else ""
        parent_goal = f"{target_text(t.parent_target)}{t.parent_target.unit or ''}" if t.parent_target else ""
        grid.add_row(t.region, f"{target_text(t.target)}{t.target.unit or ''}", str(t.target.year or ""), actual,
                     t.status_text, t.parent or "", parent_goal, RELATION_TEXT.get(t.relation or "", ""),
                     "[red]是[/red]" if t.escalated else "")
    for a in c.actuals_only:
        grid.add_row(a.region, "（无目标）", "", f"{_fmt(a.actual.value)}{a.actual.unit or ''} ({a.actual.year})",
                     "", "", "", "", "")
    console.print(grid)
    console.print(f"层层加码: {len(c.escalations)} 项")


@click.command("compare")
@click.option("--indicator", "indicator_id", required=True,
              help="Catalogue id, e.g. gdp, forest_coverage, surveyed_unemployment_rate.")
@click.option("--year", type=int, help="Actuals as of this year; only targets still running then.")
@click.option("--json", "as_json", is_flag=True, help="Print the planwatch.comparison/1 JSON.")
@db_option
def command(indicator_id: str, year: int | None, as_json: bool, db: str | None) -> None:
    """Compare one indicator across regions: each region's targets, actuals and status, and
    whether a target is above, equal to or below its parent region's (层层加码 when more
    demanding: higher for most indicators, lower for ceilings such as unemployment).

    \b
    Examples:
      planwatch compare --indicator gdp
      planwatch compare --indicator forest_coverage --year 2023
      planwatch compare --indicator surveyed_unemployment_rate --json
    """
    store = open_store(db, create=False)
    try:
        comparison = compare_in_store(store, indicator_id, year)
    finally:
        store.close()
    if not comparison.targets and not comparison.actuals_only:
        raise NotFoundError(f"no targets or actuals for indicator {indicator_id!r}",
                            hint="ids are those of planwatch/data/indicators.toml, e.g. gdp")
    if as_json:
        click.echo(json.dumps(comparison_json(comparison), ensure_ascii=False, indent=1))
    else:
        print_comparison(comparison, Console())
