"""``planwatch evaluate``: judge a region's targets with the actuals reported for it."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from planwatch.cli.database import db_option, open_store
from planwatch.errors import NotFoundError
from planwatch.evaluate.engine import evaluate_region
from planwatch.evaluate.model import Evaluation
from planwatch.evaluate.serialize import evaluation_to_json
from planwatch.evaluate.status import METRIC_TEXTS, STATUSES
from planwatch.evaluate.workbook import write_evaluation_xlsx

COLOURS = {"red": "red", "yellow": "yellow", "green": "green"}


@click.command("evaluate")
@click.option("--region", required=True, help="Region, e.g. 石峰区 or 株洲市石峰区.")
@click.option("--plan", "plan", help="Only this plan's targets (document id, SHA-256 prefix or path).")
@click.option("--as-of", "as_of", type=int, help="Judge as of this year (default: the latest year with actuals).")
@click.option("--json", "as_json", is_flag=True, help="Print the planwatch.evaluation/1 JSON.")
@click.option("--xlsx", "xlsx", type=click.Path(dir_okay=False, path_type=Path), help="Write an Excel workbook.")
@db_option
def command(region: str, plan: str | None, as_of: int | None, as_json: bool, xlsx: Path | None,
            db: str | None) -> None:
    """Evaluate REGION's targets: status (超额完成 … 滞后), 预警 level, SDG grade, sources.

    Targets come from the stored plans' indicator tables and prose and from work reports'
    annual targets; actuals from bulletins, work reports, news and imported spreadsheets
    (the bulletin beats the work report, a final figure beats a 预计 estimate).

    \b
    Examples:
      planwatch evaluate --region 石峰区
      planwatch evaluate --region 涟源市 --as-of 2023 --json > eval.json
      planwatch evaluate --region 涟源市 --plan 3 --xlsx 评估.xlsx
    """
    if as_json and xlsx:
        raise click.UsageError("give --json or --xlsx, not both")
    store = open_store(db, create=False)
    try:
        evaluation = evaluate_region(store, region, plan_doc=plan, as_of=as_of)
    finally:
        store.close()
    if not evaluation.rows:
        raise NotFoundError(f"no targets for {region} in the store",
                            hint="ingest the region's plan first; `planwatch documents` lists what is stored")
    if as_json:
        click.echo(json.dumps(evaluation_to_json(evaluation), ensure_ascii=False, indent=1))
    elif xlsx:
        write_evaluation_xlsx(evaluation, xlsx)
        click.echo(f"{len(evaluation.rows)} rows written to {xlsx}", err=True)
    else:
        print_evaluation(evaluation, Console())


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _fmt_derived(value: Decimal | None) -> str:
    """A computed figure (序时进度) to two decimals (three below 1); --json keeps it exact."""
    if value is None:
        return ""
    return _fmt(value.quantize(Decimal("0.01") if abs(value) >= 1 else Decimal("0.001")))


def print_evaluation(ev: Evaluation, console: Console) -> None:
    console.print(f"[bold]{ev.region}[/bold] 规划实施监测评估 · 截至 {ev.as_of or '—'} 年 · {len(ev.rows)} 项目标")
    grid = Table(show_lines=False)
    for col in ("指标", "目标", "基期", "实际", "序时目标", "状态", "预警", "SDG", "来源"):
        grid.add_column(col, overflow="fold")
    for r in ev.rows:
        t, a = r.target, r.actual
        if t.comparator == "range":
            goal = f"{_fmt(t.low)}–{_fmt(t.high)}{t.unit or ''}"
        elif t.value is None:
            goal = t.text or ""
        else:
            goal = {"ge": "≥", "le": "≤", "approx": "≈"}.get(t.comparator or "", "") + _fmt(t.value) + (t.unit or "")
        goal = f"{goal} ({t.year or '—'}年{METRIC_TEXTS.get(t.metric, t.metric)})"
        actual = f"{_fmt(a.value)}{a.unit or ''} ({a.year}{', 预计' if a.estimated else ''})" if a else ""
        warn = ""
        if r.warning:
            warn = f"[{COLOURS[r.warning.colour]}]{r.warning.text}[/]"
            if r.warning_change:
                warn += f" ({r.warning_change})"
        status = r.judgement.status_text + (" [red]否决[/red]" if r.veto else "")
        source = Path(a.source.document.split("\t")[0]).name if a and a.source.document else ""
        grid.add_row(t.indicator, goal, _fmt(r.baseline), actual, _fmt_derived(r.judgement.expected_now), status, warn,
                     r.sdg.text if r.sdg else "", source)
    console.print(grid)
    counts = " · ".join(f"{STATUSES[k].text} {v}" for k, v in ev.counts().items())
    console.print(counts)
