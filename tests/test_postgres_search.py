"""Search and atomic saving on PostgreSQL: the same answers as the SQLite index — 1- and
2-character Chinese queries, GDP, filters, spans into the original text — and a document whose
save fails leaves nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import create_database, pg_url  # noqa: F401 (fixture)
from sqlalchemy import Connection, text
from test_search import DOC_A, DOC_B

from planwatch.errors import StoreError
from planwatch.store import Store, search_postgres
from planwatch.store.search import search
from tests.conftest import assert_span_text

pytestmark = pytest.mark.postgres


@pytest.fixture(scope="module")
def pg_store(pg_url: str) -> Iterator[Store]:  # noqa: F811
    with Store.open(create_database(pg_url)) as store:
        yield store


@pytest.fixture
def conn(pg_store: Store) -> Iterator[Connection]:
    """The index with two hand-written documents, in a transaction rolled back after the test."""
    with pg_store.engine.connect() as c:
        c.begin()
        search_postgres.index_document(c, 1, DOC_A, region="青岚县", doc_type="plan", period=(2021, 2025))
        search_postgres.index_document(c, 2, DOC_B, region="白石市", doc_type="bulletin", period=(2023, 2023))
        yield c
        c.rollback()


@pytest.mark.parametrize(("query", "docs", "count"), [
    ("森", {1, 2}, 2),
    ("森林", {1, 2}, 2),
    ("产业", {1}, 1),
    ("GDP", {1, 2}, 2),
    ("gdp", {1, 2}, 2),
    ("IGBT", {1}, 1),
    ("森林覆盖率", {1}, 1),
    ("森林 公园", {2}, 1),
    ("覆盖率达到45%", {1}, 1),
    ("林覆", {1}, 1),
    ("林森", set(), 0),  # both characters occur, never in this order
    ("不存在的词", set(), 0),
])
def test_queries_find_the_right_paragraphs(conn: Connection, query: str, docs: set[int], count: int) -> None:
    result = search(conn, query)  # search.search hands a PostgreSQL connection to search_postgres
    assert (result.total, {h.doc_id for h in result.hits}) == (count, docs)


def test_hits_map_back_to_the_original_text(conn: Connection) -> None:
    texts = {1: DOC_A, 2: DOC_B}
    for query, expected in [("森林", "森林"), ("IGBT", "ＩＧＢＴ"), ("GDP", "GDP")]:
        for hit in search(conn, query).hits:
            for span in hit.matches:
                assert_span_text(texts[hit.doc_id], span, expected)
            assert [hit.snippet[s:e] for s, e in hit.highlights] == [expected] * len(hit.highlights) != []


def test_filters_and_ranking(conn: Connection) -> None:
    assert search(conn, "森林", region="青岚县").total == 1
    assert search(conn, "森林", region="青岚").total == 1  # a phrase of the region's name
    assert search(conn, "森林", region="岚青").total == 0
    assert search(conn, "森林", doc_type="bulletin").total == 1
    assert search(conn, "森林", year=2024).total == 1
    assert search(conn, "森林", year=2023).total == 2
    assert search(conn, "森林", year=2030).total == 0
    assert search(conn, "森林", doc_id=2).total == 1
    search_postgres.index_document(conn, 3, "林业发展。\n森林森林森林，森林覆盖。\n")
    top = search(conn, "森林").hits
    assert top[0].doc_id == 3 and top[0].score > top[-1].score  # denser paragraph first


@pytest.mark.parametrize("query", ['"', "' OR 1=1 --", "森林\" OR \"a", "a & b", "!森", "森:*", "a <-> b",
                                   "'; DROP TABLE search_paragraphs; --", "\x00", "森" * 500, "\\'"])
def test_hostile_queries_never_reach_tsquery_syntax(conn: Connection, query: str) -> None:
    search(conn, query)
    assert conn.execute(text("SELECT count(*) FROM search_paragraphs")).scalar() == 7


@pytest.mark.parametrize("paragraph", [
    "森林森林，森林覆盖率达到 GDP 的 gdp 2025 年。",
    "森" * 300 + "林",  # more occurrences than a lexeme keeps positions (256)
    "林业" * 9000 + "GDP",  # positions past PostgreSQL's last one (16383) share it
    "Ωμέγα ÄÖÜ ＧＤＰ２０２５ 〇 ㄅ",  # other scripts, full-width letters and digits
])
def test_grouped_literal_is_the_tsvector_of_one_entry_per_token(conn: Connection, paragraph: str) -> None:
    """``body_literal`` groups each lexeme's positions; the server must read it as exactly the
    tsvector of one ``'token':position`` entry per token (what the index held before)."""
    tokens = [t for _, _, t in search_postgres.tokenize(paragraph)]
    plain = " ".join(f"'{t}':{min(i, search_postgres.MAX_POSITION)}" for i, t in enumerate(tokens, 1))
    grouped = search_postgres.body_literal(paragraph)
    assert len(grouped) <= len(plain)
    same = conn.execute(text("SELECT CAST(:a AS tsvector) = CAST(:b AS tsvector), CAST(:a AS tsvector)::text"),
                        {"a": grouped, "b": plain}).one()
    assert same[0], same[1][:200]


def test_same_answers_as_sqlite(pg_url: str, corpus_dir: Path, tmp_path: Path) -> None:  # noqa: F811
    files = sorted(corpus_dir.glob("*.txt"))
    queries = ["森", "森林", "产业", "GDP", "碳达峰", "乡村振兴", "产业 园区", "高质量发展"]
    answers = []
    for url in (str(tmp_path / "s.db"), create_database(pg_url)):
        with Store.open(url) as store:
            store.ingest(files, progress=False)
            paths = {d.id: d.path for d in store.documents()}
            with store.engine.connect() as c:
                got = {}
                for q in queries:
                    r = search(c, q, limit=10_000)
                    got[q] = (r.total, r.more, sorted((paths[h.doc_id], h.start, h.matches) for h in r.hits))
                got["filtered"] = search(c, "发展", doc_type="plan", year=2023, limit=5).total
            answers.append(got)
    sqlite_answers, pg_answers = answers
    assert pg_answers == sqlite_answers
    assert pg_answers["森林"][0] > 0 and pg_answers["GDP"][0] > 0 and pg_answers["森"][0] >= pg_answers["森林"][0]


def test_store_keeps_index_in_step_and_saves_atomically(pg_url: str, tmp_path: Path,  # noqa: F811
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    doc = tmp_path / "news.txt"
    doc.write_text("青岚县新闻\n\n油茶产业扩面提质，IGBT项目投产。\n", encoding="utf-8")
    with Store.open(create_database(pg_url)) as store:
        store.ingest([doc], progress=False)
        (stored,) = store.documents()
        with store.engine.connect() as c:
            (hit,) = search(c, "油茶").hits
        assert_span_text(store.text(stored.id), hit.matches[0], "油茶")
        doc.write_text("青岚县新闻\n\n茶叶产业。\n", encoding="utf-8")
        assert [o.status for o in store.ingest([doc], progress=False).outcomes] == ["new_version"]
        with store.engine.connect() as c:
            assert (search(c, "油茶").total, search(c, "茶叶").total) == (0, 1)

        real_index = search_postgres.index_document

        def index_then_fail(conn: Connection, *args: object, **kwargs: object) -> int:
            real_index(conn, *args, **kwargs)  # rows written in the transaction …
            conn.execute(text("SELECT * FROM no_such_table"))  # … then the database refuses
            return 0

        monkeypatch.setattr(search_postgres, "index_document", index_then_fail)
        doc.write_text("第三版：竹林。\n", encoding="utf-8")
        before = {t: store.engine.connect().execute(text(f"SELECT count(*) FROM {t}")).scalar()
                  for t in ("documents", "texts", "sections", "targets", "search_paragraphs")}
        with pytest.raises(StoreError):
            store.ingest([doc], progress=False)
        with store.engine.connect() as c:
            after = {t: c.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in before}
            assert after == before
            assert search(c, "茶叶").total == 1 and search(c, "竹林").total == 0
        assert [d.version for d in store.documents()] == [2] and store.check() == []


def test_web_search_on_postgres(pg_url: str, tmp_path: Path) -> None:  # noqa: F811
    from fastapi.testclient import TestClient

    from planwatch.web.app import create_app

    doc = tmp_path / "plan.txt"
    doc.write_text("青岚县规划\n\n到2025年，森林覆盖率达到60%，GDP增长6%。\n", encoding="utf-8")
    with Store.open(create_database(pg_url)) as store:
        store.ingest([doc], progress=False)
        with TestClient(create_app(store)) as client:
            body = client.get("/api/search", params={"q": "森林"}).json()
    assert body["total"] == 1
    assert body["results"][0]["snippet"][slice(*body["results"][0]["highlights"][0])] == "森林"
