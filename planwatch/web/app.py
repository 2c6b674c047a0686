"""The web application (``planwatch serve``): dashboard pages and the JSON API, one process.

``create_app(store)`` builds a FastAPI app over an open ``Store``. Pages and ``/api`` routes
come from the same view functions (see ``views.common.serve_both``); writes need a token
(``planwatch token create``) and are audited. Static files are served by the app itself:
nothing is fetched from the internet.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from planwatch.store import Store
from planwatch.store.dialect import WRITE_OPTION
from planwatch.web.render import render_page
from planwatch.web.summaries import create_summary_table
from planwatch.web.tables import create_search_index, create_web_tables
from planwatch.web.views import document, export, indicator, lists, overview, records, region, search
from planwatch.web.writes import identify
from planwatch.web.writes import router as writes_router

STATIC = Path(__file__).parent / "static"
DEFAULT_MAX_UPLOAD = 20 * 1024 * 1024

SECURITY_HEADERS = {
    # Only our own scripts, styles and images; inline SVG is markup, not a script.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}


def ensure_web_schema(store: Store) -> None:
    """Create the web's tables and the search index if this database lacks them (idempotent)."""
    with store.engine.connect() as conn:
        conn = conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            create_web_tables(conn)
            create_search_index(conn)
            create_summary_table(conn)


def create_app(store: Store | str | None = None, *, max_upload_bytes: int = DEFAULT_MAX_UPLOAD,
               warm: bool = False, summary_budget_s: float = overview.SYNC_REFRESH_BUDGET_S) -> FastAPI:
    """The ASGI app over ``store`` (an open Store, or a path/URL to open).

    ``warm``: at start-up, refresh stale evaluation summaries in a background thread (``planwatch
    serve`` does, so the first overview after an ingest finds them ready); ``summary_budget_s``:
    how long one overview request may spend refreshing stale summaries itself."""
    if not isinstance(store, Store):
        store = Store.open(store)
    ensure_web_schema(store)
    app = FastAPI(title="planwatch", version="0.1.0",
                  description="Chinese development plans monitored from their own documents: regions, plans, "
                              "indicators, targets, actuals, evaluations, documents with spans, full-text search. "
                              "Reads are public; writes need `Authorization: Bearer <token>`.",
                  docs_url=None, redoc_url=None,  # their pages load scripts from a CDN; ours below
                  lifespan=_warming_lifespan(store) if warm else None)
    app.state.store = store
    app.state.max_upload_bytes = max_upload_bytes
    app.state.summary_budget_s = summary_budget_s
    for module in (overview, region, indicator, document, records, search, lists, export):
        app.include_router(module.router)
    app.include_router(writes_router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_api_route("/api/docs", api_page, methods=["GET"], include_in_schema=False)
    _install_middleware(app)
    app.add_middleware(GZipMiddleware, minimum_size=2048)  # a plan's page is ~300 KB of text
    _install_errors(app)
    return app


def _warming_lifespan(store: Store) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        warm_summaries(store)
        yield

    return lifespan


def warm_summaries(store: Store) -> None:
    """Start refreshing every region's stale overview summary in the background (after reading
    what evaluations read, so the first region page finds it in memory)."""
    from planwatch.web.summaries import stamp_text, start_warming
    from planwatch.web.views.evaluation import data_stamp, snapshot_of

    names = sorted(overview.region_groups(store.documents()))
    start_warming(store, names, None, lambda: stamp_text(data_stamp(store)), overview.evaluation_summary,
                  before=lambda: snapshot_of(store, data_stamp(store)).preload())


def _schema_type(schema: dict[str, Any]) -> str:
    if "anyOf" in schema:
        return " | ".join(_schema_type(s) for s in schema["anyOf"])
    if "enum" in schema:
        return " | ".join(str(v) for v in schema["enum"])
    return str(schema.get("type", "object"))


def api_page(request: Request) -> Response:
    """The API described from its own OpenAPI document, rendered here (no CDN assets)."""
    spec = request.app.openapi()
    operations = []
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            params = [{"name": p["name"], "where": p["in"], "required": p.get("required", False),
                       "type": _schema_type(p.get("schema", {})), "description": p.get("description")}
                      for p in op.get("parameters", [])]
            body = op.get("requestBody", {}).get("content", {})
            for media in body.values():
                ref = media.get("schema", {}).get("$ref", "")
                fields = spec.get("components", {}).get("schemas", {}).get(ref.rsplit("/", 1)[-1], {})
                required = set(fields.get("required", []))
                params += [{"name": name, "where": "form", "required": name in required,
                            "type": _schema_type(schema), "description": schema.get("description")}
                           for name, schema in fields.get("properties", {}).items()]
            operations.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "parameters": params})
    return render_page(request, "api.html", {"operations": operations, "description": spec["info"]["description"],
                                             "openapi_version": spec["openapi"]})


def _install_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def identity_and_headers(request: Request, call_next: Any) -> Response:
        request.state.identity = identify(request)
        response: Response = await call_next(request)
        for key, value in SECURITY_HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def _install_errors(app: FastAPI) -> None:
    def is_api(request: Request) -> bool:
        return request.url.path.startswith("/api/") or "application/json" in request.headers.get("accept", "")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if is_api(request):
            return JSONResponse({"error": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return render_page(request, "error.html", {"status": exc.status_code, "message": exc.detail},
                           status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in exc.errors()]
        if is_api(request):
            return JSONResponse({"error": "invalid request", "details": errors}, status_code=422)
        return render_page(request, "error.html", {"status": 422, "message": "; ".join(str(e["msg"]) for e in errors)},
                           status_code=422)


__all__ = ["HTTPException", "create_app", "ensure_web_schema"]
