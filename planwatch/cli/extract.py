"""``planwatch extract``: what planwatch reads out of one file, without storing anything."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from planwatch.cli.options import meta_options, overrides_from
from planwatch.extract.pipeline import extract_document
from planwatch.extract.serialize import extraction_to_json, number
from planwatch.link.catalogue import Catalogue, catalogue_paths, default_catalogue
from planwatch.model import Extraction


@click.command("extract")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the planwatch.extraction/1 JSON contract.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write a self-contained review page (document with every extraction highlighted).")
@click.option("--catalogue", "catalogue_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Extra indicator catalogue (TOML) to recognise your own indicators; repeatable.")
@meta_options
def command(file: Path, as_json: bool, html_out: Path | None, catalogue_files: tuple[str, ...],
            doc_type: str | None, region: str | None, year: int | None, period: tuple[int, int] | None,
            title: str | None) -> None:
    """Extract indicator tables, targets, actuals and glossary from FILE.

    FILE may be text/Markdown, HTML, DOCX or PDF in UTF-8, GB18030/GBK or UTF-16. Every item
    carries its span: [start, end) character offsets into the decoded text.

    \b
    Examples:
      planwatch extract plan.txt                  # readable summary
      planwatch extract plan.pdf --json > out.json
      planwatch extract report.docx --html review.html --region 青岚县 --year 2024
    """
    overrides = overrides_from(doc_type, region, year, period, title)
    catalogue = Catalogue.load(*catalogue_paths(), *catalogue_files) if catalogue_files else default_catalogue()
    extraction = extract_document(file, overrides, catalogue)
    if html_out is not None:
        from planwatch.report.review import write_review_page

        write_review_page(extraction, html_out)
        click.echo(f"review page written to {html_out}", err=True)
    if as_json:
        click.echo(json.dumps(extraction_to_json(extraction), ensure_ascii=False, indent=1))
    elif html_out is None:
        print_summary(extraction, Console())


def print_summary(ex: Extraction, console: Console) -> None:
    """A person's view: what the document is, then each kind of item with its quote."""
    m, text = ex.meta, ex.source.text
    period = f"{m.period[0]}–{m.period[1]}" if m.period else "—"
    console.print(f"[bold]{m.title or ex.source.path}[/bold]")
    console.print(f"类型 {m.doc_type} · 地区 {m.region or '—'} · 时期 {period} · "
                  f"{len(text):,} 字 · {ex.source.format}/{ex.source.encoding}")
    console.print(f"章节 {len(ex.sections)} · 指标表 {len(ex.tables)} · 目标 {len(ex.targets)} · "
                  f"实际值 {len(ex.observations)} · 名词解释 {len(ex.glossary)}")
    for table in ex.tables:
        grid = Table(title=f"{table.title or '指标表'} ({table.kind})", show_lines=False)
        for col in ("序号", "指标", "单位", "属性", "基期/目标", "实际", "差距", "完成情况"):
            grid.add_column(col)
        for r in table.rows:
            planned = f"{_fmt(r.baseline)} → {r.target_text or _fmt(r.target)}"
            grid.add_row(str(r.seq or ""), r.name, r.unit or "", r.attribute or "", planned,
                         _fmt(r.actual), _fmt(r.gap), r.status_text or "")
        console.print(grid)
    for label, items in (("目标 targets", ex.targets), ("实际值 observations", ex.observations)):
        if not items:
            continue
        grid = Table(title=label)
        for col in ("指标", "口径", "值", "单位", "年份", "原文"):
            grid.add_column(col, overflow="fold")
        for it in items:
            value = _fmt(it.value) if it.value is not None else (
                f"{_fmt(getattr(it, 'low', None))}–{_fmt(getattr(it, 'high', None))}")
            comparator = getattr(it, "comparator", None) or ""
            grid.add_row(it.indicator, f"{it.metric} {comparator}".strip(), value, it.unit or "",
                         str(it.year or ""), _quote(text, it.span.start, it.span.end))
        console.print(grid)
    if ex.glossary:
        console.print("名词解释: " + "、".join(g.term for g in ex.glossary))


def _fmt(value: object) -> str:
    if value is None:
        return ""
    n = number(value)  # type: ignore[arg-type]
    return str(n)


def _quote(text: str, start: int, end: int, context: int = 12) -> str:
    left = text[max(0, start - context) : start].replace("\n", " ")
    right = text[end : end + context].replace("\n", " ")
    return f"{left}[{text[start:end]}]{right}"
