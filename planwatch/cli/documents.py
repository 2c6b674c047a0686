"""``planwatch documents``: what is in the store."""

from __future__ import annotations

import json
from pathlib import Path

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
    # The narrow columns never wrap; the title takes what is left. The full path and hash are
    # in --json (and `planwatch show`): here the file name and a hash prefix say which is which.
    for name, style, wrap in (("id", "bold", False), ("sha256", "dim", False), ("类型 type", "", False),
                              ("地区 region", "", False), ("时期 period", "", False), ("标题 title", "", True),
                              ("文件 file", "dim", True)):
        table.add_column(name, style=style or None, overflow="fold", no_wrap=not wrap, ratio=2 if wrap else None)
    if show_version:
        table.add_column("版本 version")
    for d in docs:
        cells = [str(d.id), d.sha256[:8], d.doc_type, d.region or "—", period_text(d.period),
                 d.title or "—", Path(d.path).name]
        if show_version:
            cells.append(f"{d.version}{'' if d.is_current else ' (old)'}")
        table.add_row(*cells)
    return table
