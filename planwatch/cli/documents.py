"""``planwatch documents``: what is in the store."""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from planwatch.cli.database import db_option, open_store
from planwatch.store import StoredDocument


def period_text(period: tuple[int, int] | None) -> str:
    if period is None:
        return "—"
    return str(period[0]) if period[0] == period[1] else f"{period[0]}–{period[1]}"


@click.command("documents")
@db_option
@click.option("--all", "all_versions", is_flag=True, help="Include earlier versions of changed files.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list (one object per document) for scripts.")
def command(db: str | None, all_versions: bool, as_json: bool) -> None:
    """List the stored documents: id, path, sha256, title, type, region, period.

    Only the current version of each file is listed unless --all is given. Use an id, a
    SHA-256 prefix (6+ characters) or the path with `planwatch show`.

    \b
    Examples:
      planwatch documents
      planwatch documents --db /data/planwatch.db --json | jq '.[].region'
      planwatch documents --all             # with earlier versions
    """
    with open_store(db, create=False) as store:
        docs = store.documents(current_only=not all_versions)
    if as_json:
        click.echo(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=1))
        return
    console = Console()
    if not docs:
        console.print(f"no documents in {store.location} — add some with `planwatch ingest PATH`")
        return
    console.print(documents_table(docs, show_version=all_versions))


def documents_table(docs: list[StoredDocument], show_version: bool = False) -> Table:
    table = Table(title=f"文档 documents ({len(docs)})", title_justify="left")
    for name, style in (("id", "bold"), ("sha256", "dim"), ("类型 type", ""), ("地区 region", ""),
                        ("时期 period", ""), ("标题 title", ""), ("路径 path", "dim")):
        table.add_column(name, style=style or None, overflow="fold")
    if show_version:
        table.add_column("版本 version")
    for d in docs:
        cells = [str(d.id), d.sha256[:12], d.doc_type, d.region or "—", period_text(d.period),
                 d.title or "—", d.path]
        if show_version:
            cells.append(f"{d.version}{'' if d.is_current else ' (old)'}")
        table.add_row(*cells)
    return table
