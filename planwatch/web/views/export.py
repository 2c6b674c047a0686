"""CSV and XLSX export of every table (导出), straight from the store: what a planner opens in
a spreadsheet is exactly what the dashboard shows."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import Response

from planwatch.web import queries
from planwatch.web.views.common import store_of

router = APIRouter()

TABLE_PATTERN = "^(" + "|".join(queries.EXPORT_TABLES) + ")$"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any) -> Any:
    """Exported cells never start a spreadsheet formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    if value is None:
        return ""
    return value if isinstance(value, int | float | bool) else str(value)


def to_csv(columns: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    writer.writerows([_cell(v) for v in row] for row in rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 Chinese correctly


def to_xlsx(name: str, columns: list[str], rows: list[tuple[Any, ...]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def clean(value: Any) -> Any:  # control characters cannot be stored in a worksheet
        return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value

    book = Workbook(write_only=True)
    sheet = book.create_sheet(name[:31])
    sheet.append(columns)
    for row in rows:
        sheet.append([clean(_cell(v)) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@router.get("/api/export/{table}.csv", tags=["export"], summary="A table as CSV (UTF-8 with BOM)",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_csv(request: Request, table: str = Path(..., pattern=TABLE_PATTERN)) -> Response:
    return _export(request, table, "csv")


@router.get("/api/export/{table}.xlsx", tags=["export"], summary="A table as an Excel workbook",
            response_class=Response,
            responses={200: {"content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
def export_xlsx(request: Request, table: str = Path(..., pattern=TABLE_PATTERN)) -> Response:
    return _export(request, table, "xlsx")


def _export(request: Request, table: str, fmt: str) -> Response:
    if table not in queries.EXPORT_TABLES:
        raise HTTPException(404, f"no table {table!r}")
    with store_of(request).engine.connect() as conn:
        columns, rows = queries.export_rows(conn, table)
    if fmt == "csv":
        body, media = to_csv(columns, rows), "text/csv; charset=utf-8"
    else:
        body, media = to_xlsx(table, columns, rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="planwatch-{table}.{fmt}"'})


@router.get("/api/export/evaluation/{region}.csv", tags=["export"], summary="A region's evaluation as CSV",
            response_class=Response, responses={200: {"content": {"text/csv": {}}}})
def export_evaluation_csv(request: Request, region: str = Path(..., max_length=200)) -> Response:
    return _export_evaluation(request, region, "csv")


@router.get("/api/export/evaluation/{region}.xlsx", tags=["export"], summary="A region's evaluation as Excel",
            response_class=Response,
            responses={200: {"content": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {}}}})
def export_evaluation_xlsx(request: Request, region: str = Path(..., max_length=200)) -> Response:
    return _export_evaluation(request, region, "xlsx")


def _export_evaluation(request: Request, region: str, fmt: str) -> Response:
    """The evaluation engine's own flat rows (the columns of ``planwatch evaluate --xlsx``)."""
    from planwatch.web.views.evaluation import evaluate

    store = store_of(request)
    if region not in {r.region for r in store.regions()}:
        raise HTTPException(404, f"no region {region!r}")
    evaluation = evaluate(store, region)
    if evaluation is None:
        raise HTTPException(503, "the evaluation is not available")
    from planwatch.evaluate.workbook import COLUMNS, flat_rows

    keys = [key for _, key in COLUMNS]
    rows = [tuple(r.get(k) for k in keys) for r in flat_rows(evaluation)]
    columns = [label for label, _ in COLUMNS]
    if fmt == "csv":
        body, media = to_csv(columns, rows), "text/csv; charset=utf-8"
    else:
        body, media = to_xlsx("evaluation", columns, rows), \
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(body, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="planwatch-evaluation.{fmt}"'})
