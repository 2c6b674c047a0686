"""``planwatch audit``: re-derive a completion review (完成情况表) from its printed numbers."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from planwatch.evaluate.audit import AuditRow, audit_document, audit_to_json
from planwatch.evaluate.status import status_text


@click.command("audit")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the planwatch.audit/1 JSON.")
def command(file: Path, as_json: bool) -> None:
    """Check every completion-review row of FILE against its own numbers.

    For each row: the gap recomputed (realised − planned, growth or level as the printed gap
    is), whether the target was in fact achieved (direction-aware: a ceiling is met from below),
    the basis (growth, level, both, text) and findings where the printed gap or status
    disagrees with the numbers or the level and growth targets disagree.

    \b
    Examples:
      planwatch audit plan.txt
      planwatch audit plan.txt --json > audit.json
    """
    rows = audit_document(file)
    if as_json:
        click.echo(json.dumps(audit_to_json(rows), ensure_ascii=False, indent=1))
        return
    print_audit(rows, Console())


def _fmt(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def print_audit(rows: list[AuditRow], console: Console) -> None:
    if not rows:
        console.print("no completion-review table found (完成情况表未找到)")
        return
    grid = Table(title=rows[0].table or "完成情况", show_lines=False)
    for col in ("序号", "指标", "印刷差距", "核算差距", "印刷结论", "核算结论", "依据", "发现"):
        grid.add_column(col, overflow="fold")
    for r in rows:
        achieved = {True: "[green]达到[/green]", False: "[red]未达到[/red]", None: "—"}[r.achieved]
        statuses = [s for s in (r.growth_status, r.level_status, r.text_status) if s]
        verdict = f"{achieved} ({'/'.join(status_text(s) for s in statuses)})" if statuses else achieved
        grid.add_row(str(r.seq or ""), r.name, _fmt(r.printed_gap), _fmt(r.computed_gap), r.printed_status or "",
                     verdict, r.basis or "", "\n".join(r.findings))
    console.print(grid)
    flagged = sum(1 for r in rows if r.findings)
    console.print(f"{len(rows)} 行, {flagged} 行有疑点 (rows with findings)")
