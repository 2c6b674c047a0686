"""Writes through the web: upload a document, import actuals (CSV/XLSX), enter one actual,
delete a document; log in and out. Each needs a token and is recorded in the audit log.

Safety rules kept here: the body is read with a hard size cap before anything parses it; a
file's type is checked from its bytes by the readers (``read_bytes``), never trusted from its
name alone; the uploaded name is only a label (no path from a request ever touches the disk).
"""

from __future__ import annotations

import re
import time
from collections import defaultdict, deque
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal, get_args
from urllib.parse import urlencode

from fastapi import APIRouter, Form, HTTPException, Query, Request, UploadFile
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from planwatch.errors import InputError, NotFoundError, PlanwatchError
from planwatch.model import DOC_TYPES, DocumentMeta, Observation, Span
from planwatch.store.dialect import WRITE_OPTION
from planwatch.web.audit import record_write
from planwatch.web.auth import TokenInfo, touch_token, verify_token
from planwatch.web.render import render_page
from planwatch.web.views.common import store_of

router = APIRouter()

COOKIE = "pw_token"
DOCUMENT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf")
ACTUALS_SUFFIXES = (".csv", ".xlsx")
MetricName = Literal["level", "growth", "growth_avg", "change_total", "share", "count"]
METRICS: tuple[str, ...] = get_args(MetricName)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SAFE_NAME = re.compile(r"[^\w.\-\u3400-\u9fff]+")


def identify(request: Request) -> TokenInfo | None:
    """The token a request carries (``Authorization: Bearer`` or the login cookie), if valid."""
    header = request.headers.get("authorization", "")
    secret = header[7:].strip() if header.lower().startswith("bearer ") else request.cookies.get(COOKIE)
    if not secret:
        return None
    with store_of(request).engine.connect() as conn:
        return verify_token(conn, secret)


# Guessing tokens: after MAX_FAILURES wrong tokens from one address within FAILURE_WINDOW
# seconds, that address is refused (429) until the window has passed. In memory, per process.
MAX_FAILURES = 20
FAILURE_WINDOW = 600.0
_failures: dict[str, deque[float]] = defaultdict(deque)


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


def check_not_locked(request: Request) -> None:
    recent = _failures[_client(request)]
    now = time.monotonic()
    while recent and now - recent[0] > FAILURE_WINDOW:
        recent.popleft()
    if len(recent) >= MAX_FAILURES:
        raise HTTPException(429, "too many wrong tokens from this address; wait ten minutes",
                            headers={"Retry-After": str(int(FAILURE_WINDOW))})


def note_failure(request: Request) -> None:
    _failures[_client(request)].append(time.monotonic())


def require_writer(request: Request) -> TokenInfo:
    identity = getattr(request.state, "identity", None)
    if identity is None:
        check_not_locked(request)
        if request.headers.get("authorization") or request.cookies.get(COOKIE):
            note_failure(request)
        raise HTTPException(401, "a valid token is required to write", headers={"WWW-Authenticate": "Bearer"})
    return identity  # type: ignore[no-any-return]


def audit(request: Request, who: TokenInfo, action: str, target: str | None, detail: dict[str, Any]) -> None:
    client = request.client.host if request.client else None
    with store_of(request).engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            record_write(conn, who.name, action, target, {**detail, "client": client})
            touch_token(conn, who.id)


def safe_name(name: str | None) -> str:
    """The uploaded file's base name reduced to a label (letters, digits, CJK, . - _)."""
    base = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = _SAFE_NAME.sub("_", base).strip("._") or "upload"
    return cleaned[:120]


async def read_capped(upload: UploadFile, limit: int) -> bytes:
    """The upload's bytes, refusing anything over ``limit`` without reading it all."""
    raw = await upload.read(limit + 1)
    if len(raw) > limit:
        raise HTTPException(413, f"file larger than {limit // (1024 * 1024)} MB")
    if not raw:
        raise HTTPException(422, "empty file")
    return raw


def _plain(text: str) -> str:
    """Typed text without control characters or surrounding space."""
    return _CONTROL.sub("", text).strip()


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/")


def done(request: Request, payload: dict[str, Any], status_code: int = 200) -> Response:
    if wants_html(request):
        query = {"done": str(payload.get("message", ""))}
        if payload.get("document_id"):
            query["doc"] = str(payload["document_id"])
        return RedirectResponse(f"/upload?{urlencode(query)}", status_code=303)
    return JSONResponse(payload, status_code=status_code)


def _period(year: int | None, period_start: int | None, period_end: int | None) -> tuple[int, int] | None:
    if period_start and period_end:
        if period_start > period_end or period_start < 1900 or period_end > 2200:
            raise HTTPException(422, "period ends before it starts or is out of range")
        return (period_start, period_end)
    if year:
        if not 1900 <= year <= 2200:
            raise HTTPException(422, "year out of range")
        return (year, year)
    return None


@router.post("/api/documents", tags=["writes"], summary="Upload a document (token required)", status_code=201)
@router.post("/upload/document", include_in_schema=False)
async def upload_document(request: Request, file: UploadFile, doc_type: str | None = Form(None, max_length=20),
                          region: str | None = Form(None, max_length=200),
                          title: str | None = Form(None, max_length=300),
                          year: int | None = Form(None), period_start: int | None = Form(None),
                          period_end: int | None = Form(None)) -> Response:
    who = require_writer(request)
    name = safe_name(file.filename)
    if not name.lower().endswith(DOCUMENT_SUFFIXES):
        raise HTTPException(415, f"not a document type planwatch reads ({', '.join(DOCUMENT_SUFFIXES)})")
    if doc_type and doc_type not in DOC_TYPES:
        raise HTTPException(422, f"doc_type must be one of {', '.join(DOC_TYPES)}")
    limit = request.app.state.max_upload_bytes
    raw = await read_capped(file, limit)
    from planwatch.extract.pipeline import extract_source
    from planwatch.ingest.reader import read_bytes

    try:
        source = read_bytes(raw, name, max_bytes=limit)
    except InputError as exc:
        raise HTTPException(415 if "cannot read" in exc.reason or "format" in exc.reason else 422, exc.reason) from exc
    overrides = DocumentMeta(doc_type=doc_type or "other", region=_plain(region or "") or None,
                             period=_period(year, period_start, period_end), title=_plain(title or "") or None)
    store = store_of(request)
    extraction = await run_in_threadpool(extract_source, source, overrides)
    result = await run_in_threadpool(store.save, extraction, f"upload/{name}")
    audit(request, who, "upload_document", str(result.document_id),
          {"name": name, "bytes": len(raw), "status": result.status, "sha256": result.sha256})
    return done(request, {"document_id": result.document_id, "status": result.status, "message": result.status,
                          "href": f"/documents/{result.document_id}"}, 201)


def _import_actuals(store: Any, raw: bytes, name: str) -> tuple[int, list[dict[str, Any]]]:
    """Validate and store a spreadsheet of actuals (the evaluation's importer); returns the
    number stored and the rejected rows with their reasons. The bytes go through a temporary
    file the server names itself; the uploaded name is only the label of the source."""
    import tempfile

    from planwatch.link.actuals import read_actuals
    from planwatch.store.migrations import now_iso

    suffix = ".xlsx" if name.lower().endswith(".xlsx") else ".csv"
    with tempfile.TemporaryDirectory(prefix="planwatch-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(raw)
        try:
            result = read_actuals(path)
        except PlanwatchError as exc:
            raise HTTPException(422, exc.reason) from exc
    vintage = now_iso()
    for line, obs, quote in result.accepted:
        store.add_observations([obs], source=f"upload/{name}:{line}\t{quote}", vintage=vintage)
    return len(result.accepted), [{"line": r.line, "reason": r.reason} for r in result.rejected]


@router.post("/api/actuals", tags=["writes"], summary="Import actuals from CSV or XLSX (token required)",
             status_code=201)
@router.post("/upload/actuals", include_in_schema=False)
async def upload_actuals(request: Request, file: UploadFile) -> Response:
    who = require_writer(request)
    name = safe_name(file.filename)
    if not name.lower().endswith(ACTUALS_SUFFIXES):
        raise HTTPException(415, "actuals must be a .csv or .xlsx file")
    raw = await read_capped(file, request.app.state.max_upload_bytes)
    if name.lower().endswith(".xlsx") and not raw.startswith(b"PK\x03\x04"):
        raise HTTPException(415, "not an XLSX file")
    count, rejected = await run_in_threadpool(_import_actuals, store_of(request), raw, name)
    audit(request, who, "import_actuals", name, {"rows": count, "rejected": len(rejected), "bytes": len(raw)})
    return done(request, {"imported": count, "rejected": rejected,
                          "message": f"{count} rows, {len(rejected)} rejected"}, 201)


@router.post("/api/observations", tags=["writes"], summary="Enter one actual by hand (token required)",
             status_code=201)
@router.post("/upload/observation", include_in_schema=False)
async def enter_observation(request: Request, region: str = Form(..., min_length=1, max_length=200),
                            indicator: str = Form(..., min_length=1, max_length=200),
                            year: int = Form(..., ge=1900, le=2200),
                            value: str = Form(..., max_length=40, pattern=r"^\s*-?\d{1,15}(\.\d{1,10})?\s*$"),
                            unit: str | None = Form(None, max_length=40),
                            metric: MetricName = Form("level"),  # noqa: B008 (FastAPI declares parameters so)
                            estimated: bool = Form(False)) -> Response:
    who = require_writer(request)
    region, indicator, unit = (_plain(region), _plain(indicator), _plain(unit) if unit else None)
    if not region or not indicator:
        raise HTTPException(422, "region and indicator must contain text")
    if metric not in METRICS:
        raise HTTPException(422, f"metric must be one of {', '.join(METRICS)}")
    try:
        number = Decimal(value.strip())
    except InvalidOperation as exc:
        raise HTTPException(422, "value is not a number") from exc
    if not number.is_finite():
        raise HTTPException(422, "value is not a finite number")
    indicator_id = None
    try:
        from planwatch.link.catalogue import default_catalogue
        match = default_catalogue().match(indicator, unit)
        indicator_id = match.id if match else None
    except ImportError:
        pass
    obs = Observation(indicator=indicator.strip(), metric=metric, value=number, unit=unit or None,  # type: ignore[arg-type]
                      year=year, span=Span(0, 0), estimated=estimated, indicator_id=indicator_id,
                      region=region.strip())
    count = store_of(request).add_observations([obs], source=f"web entry by {who.name}")
    audit(request, who, "add_observation", indicator_id or indicator,
          {"region": region, "year": year, "value": str(number), "unit": unit})
    return done(request, {"added": count, "indicator_id": indicator_id, "message": "1 row"}, 201)


@router.delete("/api/documents/{doc_id}", tags=["writes"], summary="Delete a stored document version (token required)")
@router.post("/documents/{doc_id}/delete", include_in_schema=False)
async def delete_document(request: Request, doc_id: int = PathParam(..., ge=1, le=2**31)) -> Response:
    who = require_writer(request)
    try:
        await run_in_threadpool(store_of(request).delete_document, doc_id)
    except NotFoundError as exc:
        raise HTTPException(404, f"no document {doc_id}") from exc
    audit(request, who, "delete_document", str(doc_id), {})
    return done(request, {"deleted": doc_id, "message": f"deleted {doc_id}"})


@router.get("/api/audit", tags=["writes"], summary="The audit log of writes, newest first (token required)")
async def audit_log(request: Request, limit: int = Query(100, ge=1, le=1000)) -> Response:
    from planwatch.web.audit import recent_writes

    require_writer(request)
    with store_of(request).engine.connect() as conn:
        return JSONResponse(recent_writes(conn, limit))


@router.get("/upload", include_in_schema=False)
async def upload_page(request: Request, done: str | None = Query(None, max_length=200),
                      doc: int | None = Query(None, ge=1, le=2**31)) -> Response:
    from planwatch.web.audit import recent_writes

    writes = []
    if request.state.identity is not None:
        with store_of(request).engine.connect() as conn:
            writes = recent_writes(conn, 20)
    return render_page(request, "upload.html", {"done": done, "doc": doc, "doc_types": DOC_TYPES,
                                                "metrics": METRICS, "writes": writes})


@router.post("/login", include_in_schema=False)
async def login(request: Request, token: str = Form(..., max_length=200)) -> Response:
    check_not_locked(request)
    with store_of(request).engine.connect() as conn:
        identity = verify_token(conn, token.strip())
    if identity is None:
        note_failure(request)
        return render_page(request, "upload.html", {"login_error": True, "doc_types": DOC_TYPES, "metrics": METRICS,
                                                    "writes": []}, status_code=401)
    response = RedirectResponse("/upload", status_code=303)
    response.set_cookie(COOKIE, token.strip(), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", max_age=8 * 3600)
    return response


@router.post("/logout", include_in_schema=False)
async def logout() -> Response:
    response = RedirectResponse("/", status_code=303)
    response.delete_cookie(COOKIE)
    return response
