"""Options several commands share, defined once so their names and help never drift apart."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from planwatch.model import DOC_TYPES, DocumentMeta


def meta_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--doc-type/--region/--year/--period/--title: tell planwatch what a document is when
    detection from the text would guess wrong (a user's word beats our guess)."""
    for decorator in reversed([
        click.option("--doc-type", type=click.Choice(DOC_TYPES), help="Document type instead of the detected one."),
        click.option("--region", help="Region, e.g. 株洲市石峰区 (with its parent where known)."),
        click.option("--year", type=int, help="The year a report covers (same as --period Y Y)."),
        click.option("--period", type=(int, int), metavar="A B", help="Plan period, e.g. --period 2021 2025."),
        click.option("--title", help="Document title instead of the detected one."),
    ]):
        func = decorator(func)
    return func


def overrides_from(doc_type: str | None, region: str | None, year: int | None,
                   period: tuple[int, int] | None, title: str | None) -> DocumentMeta | None:
    """The user's overrides as a DocumentMeta whose unset fields are None."""
    if year is not None and period is not None:
        raise click.UsageError("give --year or --period, not both")
    if year is not None:
        period = (year, year)
    if period is not None and period[0] > period[1]:
        raise click.BadParameter(f"period {period[0]}–{period[1]} ends before it starts", param_hint="--period")
    if not any([doc_type, region, period, title]):
        return None
    return DocumentMeta(doc_type=doc_type or "other", region=region, period=period, title=title)
