"""The dashboard and JSON API through the ASGI client, on a real SQLite store."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from planwatch.store import Store
from planwatch.web.app import create_app
from tests.conftest import assert_span_text
from tests.webdata import OTHER_REGION, REGION, build_store, cli_token


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path, str]:
    folder = tmp_path_factory.mktemp("web")
    db = build_store(folder)
    token = cli_token(db, "测试员")
    app = create_app(Store.open(db), max_upload_bytes=64 * 1024)
    return TestClient(app, raise_server_exceptions=True), db, token


@pytest.fixture()
def client(site: tuple[TestClient, Path, str]) -> TestClient:
    client = site[0]
    client.cookies.clear()
    return client


def doc_id_by_region_type(client: TestClient, region: str, doc_type: str) -> int:
    docs = client.get("/api/documents", params={"region": region, "doc_type": doc_type}).json()["documents"]
    assert len(docs) == 1, docs
    return int(docs[0]["id"])


def test_overview_lists_every_region_with_its_plan(client: TestClient) -> None:
    data = client.get("/api/overview").json()
    regions = {r["region"]: r for r in data["regions"]}
    assert set(regions) == {REGION, OTHER_REGION}
    assert [p["period"] for p in regions[REGION]["plans"]] == [[2021, 2025]]
    assert regions[REGION]["documents"] == 2
    page = client.get("/")
    assert page.status_code == 200
    assert f'href="/regions/{quote(REGION)}"' in page.text


def test_page_and_api_share_one_data_dict(client: TestClient) -> None:
    api = client.get(f"/api/regions/{quote(REGION)}").json()
    page = client.get(f"/regions/{quote(REGION)}").text
    assert api["rows"], "the plan's targets are listed"
    for row in api["rows"]:
        assert row["indicator"] in page
    ids = {r["indicator_id"] for r in api["rows"]}
    assert {"gdp", "forest_coverage", "surveyed_unemployment_rate"} <= ids


def test_document_spans_point_at_the_text(client: TestClient) -> None:
    plan = doc_id_by_region_type(client, REGION, "plan")
    data = client.get(f"/api/documents/{plan}").json()
    assert data["extractions"]
    for x in data["extractions"]:
        assert_span_text(data["text"], x["span"], x["text"])
    forest = [x for x in data["extractions"] if x["kind"] == "target" and x["indicator_id"] == "forest_coverage"]
    assert len(forest) == 1 and "65" in forest[0]["text"]
    page = client.get(f"/documents/{plan}").text
    assert f'id="x-target-{forest[0]["id"]}"' in page
    assert f'data-api="/api/records/target/{forest[0]["id"]}"' in page


def test_record_shows_its_quote_and_the_evidence_both_ways(client: TestClient) -> None:
    plan = doc_id_by_region_type(client, REGION, "plan")
    target = next(x for x in client.get(f"/api/documents/{plan}").json()["extractions"]
                  if x["kind"] == "target" and x["indicator_id"] == "forest_coverage")
    record = client.get(f"/api/records/target/{target['id']}").json()
    assert record["quote"] == target["text"]
    linked = [u for u in record["used_by"] if u["kind"] == "observation"]
    assert len(linked) == 1  # the bulletin's 63.1%, not 白石市's
    observation = client.get(linked[0]["href"].replace("/records/", "/api/records/")).json()
    assert observation["record"]["value"] == 63.1
    assert any(u["kind"] == "target" and u["id"] == target["id"] for u in observation["used_by"])
    assert client.get("/api/records/target/999999").status_code == 404
    assert client.get("/api/records/users/1").status_code == 422


def test_indicator_page_draws_actuals_against_the_target(client: TestClient) -> None:
    data = client.get("/api/indicators/forest_coverage", params={"region": REGION}).json()
    assert data["region"] == REGION
    assert [o["value"] for o in data["observations"]] == [63.1]
    assert {a["region"] for a in data["across_regions"]} >= {REGION}
    page = client.get("/indicators/forest_coverage", params={"region": REGION}).text
    assert "<svg" in page and "63.1" in page


@pytest.mark.parametrize(("query", "expected"), [("森林", "森林"), ("GDP", "GDP"), ("森", "森"), ("IGBT", "IGBT")])
def test_search_finds_the_right_paragraphs(client: TestClient, query: str, expected: str) -> None:
    data = client.get("/api/search", params={"q": query}).json()
    assert data["total"] >= 1
    texts: dict[int, str] = {}
    for result in data["results"]:
        doc = result["document"]
        texts.setdefault(doc, client.get(f"/api/documents/{doc}").json()["text"])
        for span in result["matches"]:
            assert_span_text(texts[doc], span, expected)
        assert result["href"].startswith(f"/documents/{doc}?hl=")


def test_search_filters_and_page(client: TestClient) -> None:
    everywhere = client.get("/api/search", params={"q": "森林"}).json()["total"]
    mine = client.get("/api/search", params={"q": "森林", "region": REGION}).json()
    assert 0 < mine["total"] < everywhere
    assert {r["region"] for r in mine["results"]} == {REGION}
    bulletins = client.get("/api/search", params={"q": "森林", "doc_type": "bulletin"}).json()
    assert {r["doc_type"] for r in bulletins["results"]} == {"bulletin"}
    page = client.get("/search", params={"q": "森林"}).text
    assert "<mark>森林</mark>" in page
    plan = doc_id_by_region_type(client, REGION, "plan")
    inside = client.get("/api/search", params={"q": "森林", "document": plan}).json()
    assert inside["total"] == 1 and {r["document"] for r in inside["results"]} == {plan}
    form = client.get("/search", params={"q": "森林", "region": "", "doc_type": "", "year": "", "section": ""})
    assert form.status_code == 200  # an HTML form sends its empty fields
    assert client.get(f"/regions/{quote(REGION)}", params={"as_of": ""}).status_code == 200


def test_document_text_and_queries_are_escaped(client: TestClient) -> None:
    hostile = doc_id_by_region_type(client, OTHER_REGION, "news")
    page = client.get(f"/documents/{hostile}").text
    assert "<script>alert" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert" in page
    found = client.get("/search", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)" not in found
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in found
    assert "default-src 'self'" in client.get("/").headers["content-security-policy"]


@pytest.mark.parametrize("value", ["' OR 1=1 --", "\"; DROP TABLE documents; --", "森林' UNION SELECT 1 --", "%", "_"])
def test_sql_injection_strings_are_just_text(client: TestClient, value: str) -> None:
    before = len(client.get("/api/documents").json()["documents"])
    assert client.get("/api/search", params={"q": value}).status_code == 200
    r = client.get("/api/search", params={"q": "森林", "region": value, "section": value})
    assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/api/documents", params={"region": value}).json()["documents"] == []
    assert client.get(f"/regions/{quote(value, safe='')}").status_code == 404
    assert len(client.get("/api/documents").json()["documents"]) == before


def _upload(client: TestClient, name: str, body: bytes, token: str | None = None, **fields: str):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/api/documents", files={"file": (name, io.BytesIO(body), "application/octet-stream")},
                       data=fields, headers=headers)


def test_writes_need_a_valid_token(site: tuple[TestClient, Path, str], client: TestClient) -> None:
    body = "青岚县新闻\n\n全县造林绿化面积再创新高，油茶产业扩面提质。\n".encode()
    before = len(client.get("/api/documents").json()["documents"])
    assert _upload(client, "news.txt", body).status_code == 401
    assert _upload(client, "news.txt", body, token="pw_wrong").status_code == 401
    assert _upload(client, "news.txt", body, token="not-even-a-token").status_code == 401
    assert len(client.get("/api/documents").json()["documents"]) == before
    assert client.get("/api/search", params={"q": "油茶"}).json()["total"] == 0
    r = _upload(client, "news.txt", body, token=site[2], region=REGION, doc_type="news", year="2024")
    assert r.status_code == 201, r.text
    doc = r.json()["document_id"]
    assert client.get(f"/api/documents/{doc}").json()["document"]["region"] == REGION
    hits = client.get("/api/search", params={"q": "油茶"}).json()["results"]
    assert [h["document"] for h in hits] == [doc]
    with Store.open(site[1]) as store, store.engine.connect() as conn:
        from planwatch.web.audit import recent_writes
        last = recent_writes(conn, 1)[0]
    assert (last["who"], last["action"], last["target"]) == ("测试员", "upload_document", str(doc))


def test_oversized_and_mistyped_uploads_are_refused(site: tuple[TestClient, Path, str], client: TestClient) -> None:
    token = site[2]
    before = len(client.get("/api/documents").json()["documents"])
    assert _upload(client, "big.txt", "森林".encode() * 40_000, token=token).status_code == 413
    assert _upload(client, "tool.exe", b"MZ\x90\x00", token=token).status_code == 415
    assert _upload(client, "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), token=token).status_code in (415, 422)
    assert _upload(client, "../../etc/passwd.pdf", b"not a pdf at all", token=token).status_code in (415, 422)
    assert _upload(client, "empty.txt", b"", token=token).status_code == 422
    assert len(client.get("/api/documents").json()["documents"]) == before


def test_data_entry_with_token_adds_an_actual(site: tuple[TestClient, Path, str], client: TestClient) -> None:
    form = {"region": REGION, "indicator": "森林覆盖率", "year": "2024", "value": "64.2", "unit": "%",
            "metric": "share"}
    region_url = f"/api/regions/{quote(REGION)}"
    before = next(r for r in client.get(region_url).json()["rows"] if r["indicator_id"] == "forest_coverage")
    assert before["latest"] != 64.2
    assert client.post("/api/observations", data=form).status_code == 401
    r = client.post("/api/observations", data=form, headers={"Authorization": f"Bearer {site[2]}"})
    assert r.status_code == 201, r.text
    assert r.json()["indicator_id"] == "forest_coverage"
    values = [o["value"] for o in client.get("/api/indicators/forest_coverage", params={"region": REGION})
              .json()["observations"]]
    assert 64.2 in values
    after = next(r for r in client.get(region_url).json()["rows"] if r["indicator_id"] == "forest_coverage")
    assert (after["latest"], after["latest_year"]) == (64.2, 2024)  # the evaluation sees the new actual
    bad = client.post("/api/observations", data={**form, "value": "1e999999"},
                      headers={"Authorization": f"Bearer {site[2]}"})
    assert bad.status_code in (201, 422)
    assert client.post("/api/observations", data={**form, "value": "abc"},
                       headers={"Authorization": f"Bearer {site[2]}"}).status_code == 422


def test_login_form_sets_a_session_cookie(site: tuple[TestClient, Path, str], client: TestClient) -> None:
    assert client.post("/login", data={"token": "pw_nope"}, follow_redirects=False).status_code == 401
    r = client.post("/login", data={"token": site[2]}, follow_redirects=False)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie
    assert "测试员" in client.get("/upload").text
    client.post("/logout")
    client.cookies.clear()
    assert "测试员" not in client.get("/upload").text


def test_export_every_table_as_csv_and_xlsx(client: TestClient) -> None:
    from openpyxl import load_workbook

    n_docs = len(client.get("/api/documents").json()["documents"])
    csv = client.get("/api/export/documents.csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.content.decode("utf-8-sig").strip().splitlines()
    assert lines[0].startswith("id,path,sha256") and len(lines) - 1 >= n_docs
    xlsx = client.get("/api/export/targets.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(1, 1).value == "id" and sheet.max_row > 1
    assert client.get("/api/export/api_tokens.csv").status_code == 422  # not an exported table
    evaluation = client.get(f"/api/export/evaluation/{quote(REGION)}.csv").content.decode("utf-8-sig").splitlines()
    assert evaluation[0].startswith("指标,指标代码") and any("森林覆盖率" in line for line in evaluation[1:])
    assert client.get(f"/api/export/evaluation/{quote(REGION)}.xlsx").status_code == 200
    assert client.get("/api/export/evaluation/nowhere.csv").status_code == 404


def test_english_switch_and_cookie(client: TestClient) -> None:
    r = client.get("/", params={"lang": "en"})
    assert "Overview" in r.text and 'lang="en"' in r.text
    assert "lang=en" in r.headers["set-cookie"]
    assert "总览" in client.get("/", params={"lang": "zh"}).text


def test_openapi_describes_the_api(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    for path in ("/api/search", "/api/overview", "/api/regions/{region}", "/api/documents/{doc_id}",
                 "/api/records/{kind}/{record_id}", "/api/export/{table}.csv", "/api/documents"):
        assert path in spec["paths"], path
    assert "/search" not in spec["paths"]  # pages are not part of the API description


def test_unknown_things_are_404(client: TestClient) -> None:
    assert client.get("/api/documents/424242").status_code == 404
    assert client.get("/documents/424242").status_code == 404
    assert client.get("/api/indicators/no_such_thing").status_code == 404
    assert client.get("/api/documents/1", params={"hl": "5-<script>"}).status_code == 422


def test_actuals_spreadsheet_upload(site: tuple[TestClient, Path, str], client: TestClient) -> None:
    from openpyxl import Workbook

    csv_body = ("地区,指标,年份,数值,单位,来源\n"
                f"{REGION},森林覆盖率,2022,62.8,%,县林业局\n"
                f"{REGION},不存在的指标,2022,1,%,x\n").encode()
    headers = {"Authorization": f"Bearer {site[2]}"}
    files = {"file": ("actuals.csv", io.BytesIO(csv_body), "text/csv")}
    assert client.post("/api/actuals", files=files).status_code == 401
    r = client.post("/api/actuals", files={"file": ("actuals.csv", io.BytesIO(csv_body), "text/csv")}, headers=headers)
    assert r.status_code == 201, r.text
    assert r.json()["imported"] == 1 and [x["line"] for x in r.json()["rejected"]] == [3]
    obs = client.get("/api/indicators/forest_coverage", params={"region": REGION}).json()["observations"]
    assert any(o["value"] == 62.8 and o["source"].startswith("upload/actuals.csv:2") for o in obs)
    book = Workbook()
    book.active.append(["region", "indicator", "year", "value", "unit", "source"])
    book.active.append([REGION, "gdp", 2022, 230.5, "亿元", "统计局"])
    buffer = io.BytesIO()
    book.save(buffer)
    xlsx = {"file": ("a.xlsx", io.BytesIO(buffer.getvalue()), "application/octet-stream")}
    r = client.post("/api/actuals", files=xlsx, headers=headers)
    assert r.status_code == 201 and r.json()["imported"] == 1, r.text
    fake = client.post("/api/actuals", files={"file": ("a.xlsx", io.BytesIO(b"not a zip"), "x")}, headers=headers)
    assert fake.status_code == 415
    exe = {"file": ("a.exe", io.BytesIO(b"MZ"), "x")}
    assert client.post("/api/actuals", files=exe, headers=headers).status_code == 415


def test_flat_lists_for_scripts(client: TestClient) -> None:
    plans = client.get("/api/plans").json()["items"]
    assert {p["region"] for p in plans} == {REGION, OTHER_REGION}
    targets = client.get("/api/targets", params={"region": REGION, "indicator_id": "forest_coverage"}).json()["items"]
    assert [(t["value"], t["comparator"], t["year"]) for t in targets] == [(65, "ge", 2025)]
    actuals = client.get("/api/observations", params={"region": REGION, "indicator_id": "forest_coverage"}).json()
    assert 63.1 in [o["value"] for o in actuals["items"]]
    evaluations = {e["region"]: e for e in client.get("/api/evaluations").json()["items"]}
    assert REGION in evaluations and evaluations[REGION]["evaluation"]["region"] == REGION
    for page in ("/plans", "/targets", "/observations", "/evaluations"):
        assert client.get(page).status_code == 200


def test_delete_needs_a_token_and_is_audited(site: tuple[TestClient, Path, str], client: TestClient) -> None:
    headers = {"Authorization": f"Bearer {site[2]}"}
    body = "白石市新闻\n\n将要删除的一篇：竹林步道开放。\n".encode()
    doc = _upload(client, "gone.txt", body, token=site[2], region=OTHER_REGION).json()["document_id"]
    assert client.delete(f"/api/documents/{doc}").status_code == 401
    assert client.get("/api/search", params={"q": "竹林步道"}).json()["total"] == 1
    assert client.delete(f"/api/documents/{doc}", headers=headers).json()["deleted"] == doc
    assert client.get(f"/api/documents/{doc}").status_code == 404
    assert client.get("/api/search", params={"q": "竹林步道"}).json()["total"] == 0
    assert client.get("/api/audit").status_code == 401
    log = client.get("/api/audit", headers=headers).json()
    assert (log[0]["action"], log[0]["target"], log[0]["who"]) == ("delete_document", str(doc), "测试员")


def test_no_asset_comes_from_the_internet(client: TestClient) -> None:
    import re

    external = re.compile(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["']?(?:https?:)?//""", re.I)
    pages = ["/", f"/regions/{quote(REGION)}", "/documents", "/search?q=森林", "/upload", "/indicators/forest_coverage",
             "/api/docs"]
    for page in pages:
        body = client.get(page).text
        assert not external.search(body), page
    docs = client.get("/api/docs").text
    spec = client.get("/openapi.json").json()
    for path in spec["paths"]:
        assert path in docs  # the API page describes every operation


def test_one_region_under_its_fullest_name(tmp_path: Path) -> None:
    from planwatch.model import DocumentMeta

    db = tmp_path / "alias.db"
    with Store.open(db) as store:
        for name, region, text in (("a.txt", "青岚县", "青岚县新闻\n\n森林覆盖率达到60%。\n"),
                                   ("b.txt", "云川市青岚县", "云川市青岚县新闻\n\n油茶产业发展。\n")):
            (tmp_path / name).write_text(text, encoding="utf-8")
            store.ingest([tmp_path / name], overrides=DocumentMeta(doc_type="news", region=region), progress=False)
    client = TestClient(create_app(Store.open(db)))
    regions = client.get("/api/overview").json()["regions"]
    assert [(r["region"], r["documents"]) for r in regions] == [("云川市青岚县", 2)]
    assert len(client.get(f"/api/regions/{quote('青岚县')}").json()["documents"]) == 2


def test_guessing_tokens_is_stopped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planwatch.web import writes

    monkeypatch.setattr(writes, "_failures", writes.defaultdict(writes.deque))
    client = TestClient(create_app(Store.open(tmp_path / "guess.db")))
    for i in range(writes.MAX_FAILURES):
        assert client.post("/login", data={"token": f"pw_guess{i}"}).status_code == 401
    assert client.post("/login", data={"token": "pw_guess"}).status_code == 429
    refused = client.post("/api/observations", data={"region": "x", "indicator": "y", "year": "2024", "value": "1"},
                          headers={"Authorization": "Bearer pw_guess"})
    assert refused.status_code == 429 and refused.headers["retry-after"] == "600"


def test_hostile_metadata_is_escaped_everywhere(tmp_path: Path) -> None:
    db = tmp_path / "xss.db"
    token = cli_token(db, "xss")
    client = TestClient(create_app(Store.open(db)))
    payload = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    body = f"{payload}\n\n森林覆盖率达到60%。{payload}\n".encode()
    r = client.post("/api/documents", files={"file": ("x.html.txt", io.BytesIO(body), "text/plain")},
                    data={"region": "白石市" + payload, "title": payload, "doc_type": "news"},
                    headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    doc = r.json()["document_id"]
    region = client.get(f"/api/documents/{doc}").json()["document"]["region"]
    pages = ["/", "/documents", f"/documents/{doc}", f"/regions/{quote(region, safe='')}", "/search?q=森林",
             f"/search?q={quote(payload)}", "/plans", "/observations", "/targets"]
    for page in pages:
        html = client.get(page).text
        assert "<script>alert" not in html and "<img src=x" not in html, page
