"""Property-based fuzzing of the JSON API from its own OpenAPI description (schemathesis):
whatever the parameters, the server answers without a server error (5xx).

Writes are fuzzed with a valid token too, so upload and data-entry validation is exercised;
the store is a throw-away copy. Examples are few per operation to stay well under a minute.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from planwatch.store import Store
from planwatch.web.app import create_app
from tests.webdata import build_store, cli_token


@pytest.fixture(scope="module")
def fuzz_app(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("fuzz")
    db = build_store(folder)
    token = cli_token(db, "fuzz")
    return create_app(Store.open(db), max_upload_bytes=32 * 1024), token


def operations(app):  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    return [result.ok() for result in schema.get_all_operations()]


def test_api_never_fails_with_a_server_error(fuzz_app) -> None:  # type: ignore[no-untyped-def]
    app, token = fuzz_app
    ops = operations(app)
    assert len(ops) >= 15  # every API route is described
    seen: dict[str, set[int]] = {}
    for operation in ops:

        @given(case=operation.as_strategy())
        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call(headers={"Authorization": f"Bearer {token}"})
            case.validate_response(response, checks=[not_a_server_error])
            seen.setdefault(case.operation.label, set()).add(response.status_code)

        call()
    assert len(seen) == len(ops)
    assert any(200 in codes for codes in seen.values()) and any(422 in codes for codes in seen.values())
    print(sorted((label, sorted(codes)) for label, codes in seen.items()))
