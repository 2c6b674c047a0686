"""``planwatch ingest``: read documents into the store (one transaction per document)."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape

from planwatch.cli.database import db_option, open_store
from planwatch.cli.options import meta_options, overrides_from
from planwatch.config import max_bytes_from_mb
from planwatch.engine import ENGINE_NAMES, get_engine
from planwatch.errors import InputError
from planwatch.store.ingest import IngestSummary

_WORDS = {"ingested": "新入库 ingested", "new_version": "新版本 new version", "updated": "已更新 updated",
          "unchanged": "未变 unchanged",
          "restored": "恢复 restored", "failed": "失败 failed"}


@click.command("ingest")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path), metavar="[PATH]...")
@db_option
@meta_options
@click.option("--manifest", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV of per-file overrides: path,doc_type,region,year,period_start,period_end,title "
                   "(only path required; relative to the manifest). Without PATH, ingests its files.")
@click.option("--max-size", "max_size", type=click.FloatRange(min=0, min_open=True), metavar="MB",
              help="Refuse files larger than this many MB (default 50, or $PLANWATCH_MAX_BYTES).")
@click.option("--engine", type=click.Choice(ENGINE_NAMES), default=None,
              help="Who reads and extracts: serial (this process), local (worker processes on this "
                   "machine), dask (a Dask cluster). Default auto: local for 8 or more files on "
                   "several cores, else serial; dask when --address is given.")
@click.option("--address", metavar="ADDR",
              help="Dask scheduler to use with --engine dask, e.g. tcp://10.0.0.5:8786 (without it, "
                   "a local Dask cluster is started for the run).")
@click.option("--workers", type=click.IntRange(min=1), metavar="N",
              help="Worker processes for local or a started Dask cluster (default: one per core).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_context
def command(ctx: click.Context, paths: tuple[Path, ...], db: str | None, doc_type: str | None,
            region: str | None, year: int | None, period: tuple[int, int] | None, title: str | None,
            manifest: Path | None, max_size: float | None, engine: str | None, address: str | None,
            workers: int | None, as_json: bool, quiet: bool) -> None:
    """Read the documents at PATH... (files or folders, recursively) into the store.

    Each document is stored in one transaction: all of it or nothing, so an interrupted run
    never leaves half a document. The same bytes again change nothing ("unchanged"), unless
    --doc-type/--region/--year/--period/--title now say something else than what is stored:
    then the document is read again with them ("updated"). A file whose content changed
    becomes a new version, and the old one is kept. A bad file is reported and the others go
    on. Hidden files and folders are skipped.

    --doc-type/--region/--year/--period/--title apply to every file; a --manifest row is more
    specific and wins for the fields it sets.

    Reading and extracting run in parallel (--engine); saving stays in this process, in the
    order of the files, so any engine stores exactly what a serial run stores.

    Exit code: 0 all stored, 1 some files failed, 3 the only input was unusable, 4 database
    problem.

    \b
    Examples:
      planwatch ingest plans/                       # a folder, recursively
      planwatch ingest 2024报告.docx --region 株洲市 --doc-type work_report --year 2024
      planwatch ingest --manifest plans/manifest.csv --db /data/planwatch.db
      PLANWATCH_DB=postgresql+psycopg://pw@localhost/planwatch planwatch ingest plans/
      planwatch ingest plans/ --engine dask --address tcp://10.0.0.5:8786 --db postgresql+psycopg://…
    """
    if not paths and manifest is None:
        raise click.UsageError("give at least one PATH (file or folder), or --manifest")
    if address and engine not in (None, "dask"):
        raise click.UsageError("--address is the Dask scheduler's: use it with --engine dask")
    engine = engine or ("dask" if address else "auto")
    overrides = overrides_from(doc_type, region, year, period, title)
    with open_store(db) as store, get_engine(engine, address=address, workers=workers) as runner:
        summary = store.ingest(list(paths), overrides=overrides, manifest=manifest,
                               max_bytes=max_bytes_from_mb(max_size), progress=not quiet and not as_json,
                               mapper=runner.map)
    if not summary.outcomes:
        raise InputError("no documents found (hidden files are skipped)",
                         path=", ".join(map(str, paths)) or str(manifest))
    if as_json:
        click.echo(json.dumps(summary.to_dict(), ensure_ascii=False, indent=1))
    else:
        print_summary(summary, Console(stderr=True, highlight=False))
    ctx.exit(summary.exit_code)


def print_summary(summary: IngestSummary, console: Console) -> None:
    """One line per file that needs attention, then the totals."""
    for o in summary.outcomes:
        if o.status == "failed":
            console.print(f"[red]失败 failed[/red]  {escape(o.path)}: {escape(o.reason)}", soft_wrap=True)
        elif o.status in ("new_version", "updated", "restored") or o.reason:
            note = f" (document {o.document_id}, version {o.version})"
            line = f"{_WORDS[o.status]}  {o.path}{note}{': ' + o.reason if o.reason else ''}"
            console.print(escape(line), soft_wrap=True)
    console.print(f"ingested {len(summary.ingested)}, unchanged {len(summary.unchanged)}, "
                  f"failed {len(summary.failed)}", highlight=False)
