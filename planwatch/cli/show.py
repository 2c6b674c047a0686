"""``planwatch show``: one stored document, its metadata and its section tree."""

from __future__ import annotations

import json
from typing import Any

import click
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from planwatch.cli.database import db_option, open_store
from planwatch.cli.documents import period_text
from planwatch.store import StoredDocument, StoredSection

_COUNT_WORDS = {"sections": "章节", "tables": "指标表", "rows": "指标行", "targets": "目标",
                "observations": "实际值", "glossary": "名词解释", "projects": "重点项目"}


@click.command("show")
@click.argument("doc")
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print metadata, counts and sections as JSON.")
def command(doc: str, db: str | None, as_json: bool) -> None:
    """Show stored document DOC: metadata, what was extracted, and its section tree.

    DOC is an id, a SHA-256 prefix of at least 6 characters, or the file's path (its current
    version), as listed by `planwatch documents`.

    \b
    Examples:
      planwatch show 3
      planwatch show 6be38a4e
      planwatch show plans/涟源市十四五规划.txt --json
    """
    with open_store(db, create=False) as store:
        stored = store.document(doc)
        sections = store.sections(stored.id)
    if as_json:
        click.echo(json.dumps(show_data(stored, sections), ensure_ascii=False, indent=1))
        return
    print_document(stored, sections, Console(highlight=False))


def show_data(doc: StoredDocument, sections: list[StoredSection]) -> dict[str, Any]:
    return {**doc.to_dict(), "sections": [
        {"id": s.id, "title": s.section.title, "level": s.section.level, "kind": s.section.kind,
         "span": s.section.span.as_list()} for s in sections]}


def print_document(doc: StoredDocument, sections: list[StoredSection], console: Console) -> None:
    current = "current" if doc.is_current else "earlier version"
    console.print(f"[bold]{escape(doc.title or doc.path)}[/bold]")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="dim", no_wrap=True)
    grid.add_column(overflow="fold")
    for label, value in (
        ("id", str(doc.id)), ("路径 path", doc.path), ("sha256", doc.sha256),
        ("类型 type", doc.doc_type), ("地区 region", f"{doc.region or '—'}"
                                      + (f" ({doc.region_code})" if doc.region_code else "")),
        ("时期 period", period_text(doc.period)),
        ("格式 format", f"{doc.format}, {doc.encoding}, {doc.size:,} bytes, {doc.chars:,} chars"),
        ("版本 version", f"{doc.version} ({current})"), ("入库 ingested", doc.ingested_at),
    ):
        grid.add_row(label, escape(value))
    grid.add_row("数量 counts", " · ".join(f"{_COUNT_WORDS.get(k, k)} {k} {v}" for k, v in doc.counts.items()))
    console.print(grid)
    if not sections:
        console.print("\n(no sections found)")
        return
    console.print("\n[bold]章节 sections[/bold]")
    top = min(s.section.level for s in sections)
    for s in sections:
        indent = "  " * (s.section.level - top + 1)
        console.print(f"{indent}{escape(s.section.title)}  [dim]{s.section.kind} "
                      f"{s.section.span.start}–{s.section.span.end}[/dim]", soft_wrap=True)
