"""One data dict, two faces: the same view's data rendered as an HTML page or as JSON.

Like datasette: a view builds its data once; the page route renders it through a Jinja2
template, the ``/api`` route returns it as JSON. The dashboard and the API therefore cannot
show different numbers. Templates autoescape everything: a document containing ``<script>``
shows it as text.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup

from planwatch.extract.serialize import number
from planwatch.web.i18n import STATUS_TONE, pick_lang, status_label, translate

TEMPLATES = Path(__file__).parent / "templates"


def jsonable(obj: Any) -> Any:
    """Data classes, tuples, Decimals and dates made JSON-ready, recursively."""
    if isinstance(obj, Decimal):
        return number(obj) if obj.is_finite() else str(obj)
    if isinstance(obj, Markup):
        return None  # HTML fragments are for pages only
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, Mapping):
        return {str(k): jsonable(v) for k, v in obj.items() if not isinstance(v, Markup)}
    if isinstance(obj, list | tuple | set | frozenset):
        return [jsonable(v) for v in obj]
    if isinstance(obj, datetime | date):
        return obj.isoformat()
    return obj


def fmt_number(value: Any) -> str:
    """A number as a planner writes it: no float noise, thousands unseparated (like the plans)."""
    if value is None or value == "":
        return "—"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value == value else str(value)
        return text
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


def fmt_derived(value: Any) -> str:
    """A computed number (序时进度, a realised average growth): two decimals (three below 1) are
    what a planner reads; the JSON keeps the exact value. Printed figures use ``num``."""
    if isinstance(value, Decimal | float) and value == value:
        exact = Decimal(str(value))
        places = Decimal("0.01") if abs(exact) >= 1 else Decimal("0.001")
        return fmt_number(exact.quantize(places))
    return fmt_number(value)


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = fmt_number
    env.filters["derived"] = fmt_derived
    env.globals["STATUS_TONE"] = STATUS_TONE
    return env


ENV = _environment()


def language(request: Request) -> str:
    return pick_lang(request.query_params.get("lang"), request.cookies.get("lang"))


def url_with(request: Request, **changes: Any) -> str:
    """The current URL with some query parameters changed (None removes one)."""
    params = dict(request.query_params)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return request.url.path + ("?" + query if query else "")


def render_page(request: Request, template: str, data: Mapping[str, Any], status_code: int = 200) -> HTMLResponse:
    lang = language(request)
    context = {
        **data,
        "data": data,
        "request": request,
        "lang": lang,
        "t": lambda key: translate(key, lang),
        "status_label": lambda code: status_label(code, lang),
        "url_with": lambda **kw: url_with(request, **kw),
        "identity": getattr(request.state, "identity", None),
        "api_path": "/api" + request.url.path if request.url.path != "/" else "/api/overview",
    }
    response = HTMLResponse(ENV.get_template(template).render(context), status_code=status_code)
    if request.query_params.get("lang") in ("zh", "en"):
        response.set_cookie("lang", request.query_params["lang"], max_age=365 * 86400, samesite="lax")
    return response
