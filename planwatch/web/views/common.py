"""How a view becomes two routes (page and JSON) and what every view can reach."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from enum import Enum
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse

from planwatch.store import Store
from planwatch.web.render import jsonable, render_page

Builder = Callable[..., dict[str, Any]]


def store_of(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def serve_both(router: APIRouter, page_path: str, api_path: str, template: str, *,
               summary: str, tags: list[str | Enum]) -> Callable[[Builder], Builder]:
    """Register ``builder`` under ``page_path`` (HTML) and ``api_path`` (JSON).

    The builder takes ``request`` plus its own query/path parameters and returns the data;
    both routes share its signature, so FastAPI validates the same parameters for both and
    the OpenAPI description documents the JSON face.
    """

    def register(builder: Builder) -> Builder:
        signature = inspect.signature(builder)

        @functools.wraps(builder)
        def page(*args: Any, **kwargs: Any) -> HTMLResponse:
            request: Request = kwargs["request"]
            return render_page(request, template, builder(*args, **kwargs))

        @functools.wraps(builder)
        def api(*args: Any, **kwargs: Any) -> JSONResponse:
            return JSONResponse(jsonable(builder(*args, **kwargs)))

        page.__signature__ = signature  # type: ignore[attr-defined]
        api.__signature__ = signature  # type: ignore[attr-defined]
        router.add_api_route(page_path, page, methods=["GET"], include_in_schema=False,
                             response_class=HTMLResponse)
        router.add_api_route(api_path, api, methods=["GET"], summary=summary, tags=tags,
                             response_class=JSONResponse)
        return builder

    return register


YEAR_PATTERN = r"^((19|20|21)\d\d)?$"  # a year, or empty (an HTML form sends empty fields)


AS_OF = Query(None, pattern=YEAR_PATTERN, description="evaluation year (default: the latest with data)")


def year_of(value: str | None) -> int | None:
    return int(value) if value else None


def doc_link(document_id: int | None, span: tuple[int, int] | list[int] | None = None) -> str | None:
    """Address of a place in a document: the page, with the span highlighted and scrolled to."""
    if document_id is None:
        return None
    if span:
        return f"/documents/{document_id}?hl={span[0]}-{span[1]}#hl"
    return f"/documents/{document_id}"
