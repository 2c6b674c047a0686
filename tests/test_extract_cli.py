"""`planwatch extract` through the real CLI: the JSON contract, exact spans, the review page."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from conftest import corpus_files

from planwatch.ingest.textview import normalize

SCHEMA = json.loads((Path(__file__).parent.parent / "planwatch/data/extraction.schema.json").read_text("utf-8"))
SHARED_SCHEMA = Path(__file__).parent.parent.parent / "shared/schema/extraction.schema.json"
CN_DIGITS = set("〇零一二两三四五六七八九十百千万亿")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "planwatch", *args], capture_output=True, text=True, timeout=120)


def numbers_in(text: str) -> set[Decimal]:
    return {Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", normalize(text).text)}


@pytest.mark.parametrize("path", corpus_files(), ids=lambda p: p.stem[:3])
def test_json_validates_and_every_span_holds_its_number(path: Path) -> None:
    out = run_cli("extract", str(path), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    jsonschema.validate(data, SCHEMA)
    if SHARED_SCHEMA.exists():  # the contract as the project was given it
        jsonschema.validate(data, json.loads(SHARED_SCHEMA.read_text("utf-8")))
    text = path.read_text(encoding="utf-8")
    assert data["document"]["chars"] == len(text)
    for kind in ("targets", "observations"):
        for item in data[kind]:
            start, end = item["span"]
            quote = text[start:end]
            values = [item.get(k) for k in ("value", "low", "high") if item.get(k) is not None]
            assert values, item
            found = numbers_in(quote)
            for v in values:
                assert Decimal(str(v)) in found or CN_DIGITS & set(quote), (kind, item, quote)
    for table in data["indicator_tables"]:
        for row in table["rows"]:
            start, end = row["span"]
            assert normalize(row["name"]).text[:2] in normalize(text[start:end]).text, row


def test_review_page_is_self_contained_and_escapes_text(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("第一章 发展目标\n到2025年，地区生产总值年均增长8%左右。<script>alert(1)</script>\n",
                   encoding="utf-8")
    page = tmp_path / "review.html"
    out = run_cli("extract", str(doc), "--html", str(page))
    assert out.returncode == 0, out.stderr
    html = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" not in html
    assert not re.search(r"""(src|href)=["']https?://""", html)  # nothing fetched from the internet
    assert "地区生产总值" in html


def test_unreadable_file_is_a_clear_error(tmp_path: Path) -> None:
    out = run_cli("extract", str(tmp_path / "missing.txt"), "--json")
    assert out.returncode == 3
    assert "missing.txt" in out.stderr and out.stdout == ""
