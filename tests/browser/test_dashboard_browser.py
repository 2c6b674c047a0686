"""The dashboard in headless Chromium against a real ``planwatch serve`` process.

Walks what a planner does: overview → region → indicator → document → click a number → its
record; searches for 森林 and GDP; uploads with and without a token. A screenshot of each page
is saved under tests/artifacts/ for review.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.webdata import REGION, build_store, cli_token

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install chromium)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    folder = tmp_path_factory.mktemp("browser")
    db = build_store(folder)
    token = cli_token(db, "浏览器测试")
    port = free_port()
    planwatch = Path(sys.executable).parent / "planwatch"
    proc = subprocess.Popen([str(planwatch), "serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/api/overview", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError(proc.stdout.read().decode() if proc.stdout else "server died") from None
                time.sleep(0.1)
        else:
            raise RuntimeError("server did not start")
        yield base, token
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    # a refused write (401) is what the upload test expects; any other failed load is a bug
    page.on("console", lambda msg: errors.append(msg.text)
            if msg.type == "error" and "status of 401" not in msg.text else None)
    yield page
    context.close()
    assert not errors, errors  # no script errors, no CSP violations


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_overview_to_region_to_indicator_to_document_to_record(server, page) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    page.goto(base + "/")
    shot(page, "01_overview")
    page.click(f"a[href='/regions/{quote(REGION)}']")
    page.wait_for_selector("table.indicator-table")
    assert page.locator("h1").inner_text() == REGION
    shot(page, "02_region")
    page.click("table.indicator-table a[href^='/indicators/forest_coverage']")
    page.wait_for_selector("svg.chart")
    assert "63.1" in page.inner_text("main")
    shot(page, "03_indicator")
    page.click("ul a:has-text('出处') >> nth=0")  # the plan's target
    page.wait_for_selector("#doc-text")
    shot(page, "04_document")
    number = page.locator("#doc-text .x.target", has_text="65").first
    number.click()
    page.wait_for_selector("#record-title")
    assert "森林覆盖率" in page.inner_text("#record-title")
    used = page.inner_text("#record-panel")
    assert "实际值: 森林覆盖率 2023 63.1%" in used  # the bulletin's actual of this target's indicator
    shot(page, "05_record_panel")
    page.click("#record-link")
    page.wait_for_selector("#quote")
    assert "65" in page.inner_text("#quote")
    shot(page, "06_record_page")


@pytest.mark.parametrize("query", ["森林", "GDP"])
def test_search_finds_and_links_to_the_place(server, page, query: str) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    page.goto(base + "/search")
    page.fill("form.filters input[name=q]", query)
    page.click("form.filters button[type=submit]")
    page.wait_for_selector("#result-count")
    marks = page.locator("ol.results mark")
    assert marks.count() >= 1
    assert marks.first.inner_text() == query
    shot(page, f"07_search_{'forest' if query == '森林' else 'gdp'}")
    page.click("ol.results a.result-link >> nth=0")
    page.wait_for_selector("mark#hl")
    assert page.inner_text("mark#hl") == query


def test_upload_needs_a_token(server, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    base, token = server
    doc = tmp_path / "report.txt"
    doc.write_text("青岚县新闻\n\n油茶种植面积突破10万亩。\n", encoding="utf-8")
    page.goto(base + "/upload")
    page.set_input_files("#upload-document input[name=file]", str(doc))
    page.click("#upload-document button[type=submit]")
    assert "401" in page.inner_text("h1")
    shot(page, "08_upload_refused")
    page.goto(base + "/upload")
    page.fill("input[name=token]", token)
    page.click("form[action='/login'] button")
    page.wait_for_selector("text=浏览器测试")
    page.set_input_files("#upload-document input[name=file]", str(doc))
    page.fill("#upload-document input[name=region]", REGION)
    page.click("#upload-document button[type=submit]")
    page.wait_for_selector("#flash")
    assert "已保存" in page.inner_text("#flash")
    shot(page, "09_upload_done")
    page.click("#new-document")
    page.wait_for_selector("#doc-text")
    assert "油茶种植面积突破10万亩" in page.inner_text("#doc-text")
    page.goto(base + "/search?q=" + quote("油茶"))
    assert page.locator("ol.results li").count() == 1


def test_phone_layout_and_english(server, browser) -> None:  # type: ignore[no-untyped-def]
    base, _ = server
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base + f"/regions/{quote(REGION)}?lang=en")
    assert "Main indicators" in page.inner_text("main")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390 + 1  # the wide table scrolls inside its box, the page does not
    shot(page, "10_phone_region_en")
    page.goto(base + "/")
    assert "Overview" in page.inner_text("header")  # the language cookie sticks
    context.close()
