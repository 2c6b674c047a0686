"""``planwatch synth``: write a synthetic corpus with known truth (合成语料)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from planwatch.synth.corpus import (
    EXAMPLE_YEARS,
    FORMATS,
    PLAN_PERIODS,
    generate_corpus,
    write_example_actuals,
)


def _years(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[int, int]:
    m = re.fullmatch(r"(\d{4})(?:-(\d{4}))?", value.strip())
    if not m:
        raise click.BadParameter("write the years as A-B, e.g. 2021-2025")
    a, b = int(m.group(1)), int(m.group(2) or m.group(1))
    if b < a:
        raise click.BadParameter(f"{a}-{b}: the last year comes before the first")
    if not any(start <= a and b <= end for start, end in PLAN_PERIODS):
        periods = ", ".join(f"{start}-{end}" for start, end in PLAN_PERIODS)
        raise click.BadParameter(f"{a}-{b}: the years must lie within one plan period ({periods})")
    return a, b


def _formats(_ctx: click.Context, _param: click.Parameter, value: str) -> tuple[str, ...]:
    chosen = tuple(f.strip().lower() for f in value.split(",") if f.strip())
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"choose from {','.join(FORMATS)} (got {value!r})")
    return chosen


@click.command("synth")
@click.argument("out", type=click.Path(file_okay=False, path_type=Path))
@click.option("--regions", "-n", default=10, show_default=True, type=click.IntRange(min=1),
              help="How many fictional regions (every fourth a city, the others its counties).")
@click.option("--years", default="2021-2025", show_default=True, callback=_years,
              help="Statistical years A-B: a bulletin and a reviewing work report for each.")
@click.option("--seed", default=0, show_default=True, type=int, help="Same seed, same bytes.")
@click.option("--formats", default="txt", show_default=True, callback=_formats,
              help="Comma-separated formats to draw from: txt,html,docx,pdf.")
@click.option("--examples", "examples", is_flag=True,
              help="Write the project's example set instead (青澜县 and its city 云川市, "
                   "2021–2024, mixed formats, actuals.csv); truth goes to OUT/.truth/.")
@click.option("--gold", is_flag=True,
              help="Also write OUT/gold/NAME.json (the shared gold layout) for UTF-8 text files.")
def command(out: Path, regions: int, years: tuple[int, int], seed: int, formats: tuple[str, ...],
            examples: bool, gold: bool) -> None:
    """Write fictional plans, work reports, bulletins and news to OUT, with their truth.

    OUT/truth.jsonl has one line per document: its type, region, period and every item an
    extractor should find (indicator-table rows, targets, observations, glossary, projects)
    with the exact quote and its span in the decoded text. OUT/statuses.jsonl has the expected
    status and warning of every target at every as-of year (docs/synth.md explains both).
    OUT/manifest.csv says what each file is: the regions are fictional, so ingest with
    `planwatch ingest --manifest OUT/manifest.csv`.

    \b
    Examples:
      planwatch synth --regions 80 --years 2021-2025 corpus/          # ~1,000 txt documents
      planwatch synth -n 8 --formats txt,html,docx,pdf --seed 7 mixed/
      planwatch synth --examples --seed 14 examples/                  # the shipped examples
      planwatch synth -n 4 --gold small/ && score.py --gold small/gold --corpus small
    """
    if examples:
        summary = generate_corpus(out, years=EXAMPLE_YEARS, seed=seed, preset="examples",
                                  truth_dir=out / ".truth")
        write_example_actuals(out / "actuals.csv", seed)
    else:
        summary = generate_corpus(out, regions=regions, years=years, seed=seed, formats=formats,
                                  gold=gold)
    formats_text = ", ".join(f"{k} {v}" for k, v in sorted(summary.by_format.items()))
    click.echo(f"{summary.documents} documents ({formats_text}) for {summary.regions} regions, "
               f"{summary.items} truth items, {summary.statuses} status lines, "
               f"{summary.unaligned} unaligned, in {summary.seconds:.1f}s → {out}", err=True)
