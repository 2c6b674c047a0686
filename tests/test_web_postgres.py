"""The dashboard and API on PostgreSQL: the same pages, search and token-gated writes as on
SQLite, against a throw-away local server."""

from __future__ import annotations

import io
from collections.abc import Iterator
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from pg_server import create_database, pg_url  # noqa: F401 (fixture)

from planwatch.store import Store
from planwatch.web.app import create_app
from tests.conftest import assert_span_text
from tests.webdata import REGION, build_store, cli_token

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_site(pg_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:  # noqa: F811
    url = create_database(pg_url)
    build_store(tmp_path_factory.mktemp("pgweb"), url)
    token = cli_token(url, "pg测试")
    store = Store.open(url)
    try:
        yield TestClient(create_app(store)), token
    finally:
        store.close()


def test_pages_and_search_on_postgres(pg_site: tuple[TestClient, str]) -> None:
    client, _ = pg_site
    assert {r["region"] for r in client.get("/api/overview").json()["regions"]} >= {REGION}
    rows = client.get(f"/api/regions/{quote(REGION)}").json()["rows"]
    assert "forest_coverage" in {r["indicator_id"] for r in rows}
    found = client.get("/api/search", params={"q": "森林"}).json()
    assert found["total"] >= 2
    for result in found["results"]:
        text = client.get(f"/api/documents/{result['document']}").json()["text"]
        for span in result["matches"]:
            assert_span_text(text, span, "森林")
    assert "<mark>森林</mark>" in client.get("/search", params={"q": "森林"}).text
    assert client.get("/api/export/targets.xlsx").status_code == 200


def test_writes_on_postgres(pg_site: tuple[TestClient, str]) -> None:
    client, token = pg_site
    files = {"file": ("n.txt", io.BytesIO("青岚县新闻\n\n茶油加工园开工。\n".encode()), "text/plain")}
    assert client.post("/api/documents", files=files).status_code == 401
    files = {"file": ("n.txt", io.BytesIO("青岚县新闻\n\n茶油加工园开工。\n".encode()), "text/plain")}
    r = client.post("/api/documents", files=files, data={"region": REGION},
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    hits = client.get("/api/search", params={"q": "茶油"}).json()["results"]
    assert [h["document"] for h in hits] == [r.json()["document_id"]]
    log = client.get("/api/audit", headers={"Authorization": f"Bearer {token}"}).json()
    assert log[0]["action"] == "upload_document" and log[0]["who"] == "pg测试"
