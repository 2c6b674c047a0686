"""The Chinese full-text index: every substring query answers, spans point at the original text."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from planwatch.store.search import (
    create_search_schema,
    index_document,
    parse_query,
    remove_document,
    search,
    split_paragraphs,
    tokenize,
)
from tests.conftest import assert_span_text

DOC_A = (
    "第一章 发展目标\n"
    "  到2025年，森林覆盖率达到45%，GDP年均增长7%左右。\n"
    "\n"
    "加快ＩＧＢＴ产业发展，建设轨道交通产业园。\n"
    "林业产值稳步增长。\n"
)
DOC_B = "全县地区生产总值（GDP）增长6.5%。\n森林公园建设持续推进。\n<script>alert(1)</script>\n"


@pytest.fixture()
def conn(tmp_path: Path) -> sqlite3.Connection:
    c = sqlite3.connect(tmp_path / "search.db")
    create_search_schema(c)
    index_document(c, 1, DOC_A, region="青岚县", doc_type="plan", period=(2021, 2025))
    index_document(c, 2, DOC_B, region="白石市", doc_type="bulletin", period=(2023, 2023))
    c.commit()
    return c


def test_tokens_are_single_cjk_characters_and_whole_ascii_runs() -> None:
    assert [t for _, _, t in tokenize("森林GDP80，ＩＧＢＴ")] == ["森", "林", "gdp", "80", "igbt"]
    # full-width letters are mapped one for one, so offsets are those of the original
    assert tokenize("ＩＧＢＴ")[0][:2] == (0, 4)


def test_paragraph_spans_are_trimmed_lines() -> None:
    spans = split_paragraphs(DOC_A)
    assert_span_text(DOC_A, spans[1], "到2025年，森林覆盖率达到45%，GDP年均增长7%左右。")
    assert len(spans) == 4


@pytest.mark.parametrize(("query", "docs", "count"), [
    ("森", {1, 2}, 2),  # one character
    ("森林", {1, 2}, 2),  # two characters: what a trigram index cannot answer
    ("产业", {1}, 1),
    ("GDP", {1, 2}, 2),
    ("gdp", {1, 2}, 2),
    ("IGBT", {1}, 1),  # written in full-width letters in the document
    ("森林覆盖率", {1}, 1),
    ("森林 公园", {2}, 1),  # two phrases, both required
    ("覆盖率达到45%", {1}, 1),
    ("林覆", {1}, 1),  # any substring, not only dictionary words
    ("不存在的词", set(), 0),
])
def test_queries_find_the_right_paragraphs(conn: sqlite3.Connection, query: str, docs: set[int], count: int) -> None:
    result = search(conn, query)
    assert result.total == count
    assert {h.doc_id for h in result.hits} == docs


def test_hits_map_back_to_the_original_text(conn: sqlite3.Connection) -> None:
    texts = {1: DOC_A, 2: DOC_B}
    for query, expected in [("森林", "森林"), ("IGBT", "ＩＧＢＴ"), ("GDP", "GDP")]:
        for hit in search(conn, query).hits:
            assert hit.matches, query
            for span in hit.matches:
                assert_span_text(texts[hit.doc_id], span, expected)
            for s, e in hit.highlights:
                assert hit.snippet[s:e] == expected
            assert texts[hit.doc_id][hit.start:hit.end].strip() == texts[hit.doc_id][hit.start:hit.end]


def test_filters_restrict_results(conn: sqlite3.Connection) -> None:
    assert search(conn, "森林", region="青岚县").total == 1
    assert search(conn, "森林", doc_type="bulletin").total == 1
    assert search(conn, "森林", year=2024).total == 1  # inside 2021–2025 only
    assert search(conn, "森林", year=2023).total == 2
    assert search(conn, "森林", year=2030).total == 0


@pytest.mark.parametrize("query", ['"', "' OR 1=1 --", "森林\" OR \"a", "NEAR(a b)", "a* AND", "*", "^森",
                                   "'; DROP TABLE search_paragraphs; --", "\x00", "森" * 500])
def test_hostile_queries_never_reach_fts_syntax(conn: sqlite3.Connection, query: str) -> None:
    search(conn, query)  # must not raise
    assert conn.execute("SELECT count(*) FROM search_paragraphs").fetchone()[0] == 7


def test_markup_is_searched_as_text(conn: sqlite3.Connection) -> None:
    hits = search(conn, "<script>").hits
    assert [h.snippet for h in hits] == ["<script>alert(1)</script>"]
    assert parse_query("<script>") == [["script"]]


def test_reindex_and_remove(conn: sqlite3.Connection) -> None:
    index_document(conn, 2, "只剩一段：森林。\n", region="白石市")
    assert search(conn, "公园").total == 0
    assert search(conn, "森林", region="白石市").total == 1
    remove_document(conn, 2)
    assert search(conn, "森林").total == 1
    assert conn.execute("SELECT count(*) FROM search_documents").fetchone()[0] == 1


def test_the_store_keeps_the_index_in_step(tmp_path: Path) -> None:
    from planwatch.store import Store

    doc = tmp_path / "news.txt"
    doc.write_text("青岚县新闻\n\n油茶产业扩面提质，IGBT项目投产。\n", encoding="utf-8")
    with Store.open(tmp_path / "s.db") as store:
        store.ingest([doc], progress=False)
        (stored,) = store.documents()
        with store.engine.connect() as conn:
            hits = search(conn, "油茶").hits
        assert [h.doc_id for h in hits] == [stored.id]
        assert_span_text(store.text(stored.id), hits[0].matches[0], "油茶")
        store.delete_document(stored.id)
        with store.engine.connect() as conn:
            assert search(conn, "油茶").total == 0
            assert search(conn, "IGBT").total == 0


def test_section_filter_uses_the_enclosing_headings(tmp_path: Path) -> None:
    from planwatch.model import Section, Span

    text = "第一章 总体要求\n森林保护。\n第二章 产业发展\n第一节 园区\n森林康养产业园。\n"
    chapter1 = Section("第一章 总体要求", 1, "chapter", Span(0, 15))
    chapter2 = Section("第二章 产业发展", 1, "chapter", Span(15, len(text)))
    section = Section("第一节 园区", 2, "section", Span(24, len(text)))
    c = sqlite3.connect(tmp_path / "s.db")
    create_search_schema(c)
    index_document(c, 1, text, sections=[section, chapter2, chapter1])
    hits = search(c, "森林", section="园区").hits
    assert [(h.section, text[h.start:h.end]) for h in hits] == [("第二章 产业发展 › 第一节 园区", "森林康养产业园。")]
    assert [text[h.start:h.end] for h in search(c, "森林", section="总体要求").hits] == ["森林保护。"]
