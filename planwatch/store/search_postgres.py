"""Full-text search on PostgreSQL: the same index and answers as ``store/search.py`` on SQLite.

The same idea (PERF_BASELINES §4): every paragraph is indexed as one token per CJK character,
ASCII letter and digit runs whole, so any Chinese substring — 森, 森林 — is a phrase of tokens
and is found with full recall, and GDP stays a word. Here the tokens go into a ``tsvector``
with their positions and a query is a ``tsquery`` phrase (``'森' <-> '林'``), answered from a
GIN index. Both are written as literals of the types themselves (``'森':1 '林':2``), never
through a text-search configuration, so no parser, dictionary or server locale can drop or
alter a Chinese character.

Filters (region, type, section as phrases, years as a range) are a second ``tsvector`` with
prefixed lexemes (``r:株``, ``t:plan``, ``s:发``, ``y:2025``): one GIN lookup per filter, no
join. Ranking is ``ts_rank_cd`` (cover density: paragraphs where the phrase is denser rank
higher) up to ``RANK_CAP`` matches, newest first above it, like the SQLite index. Snippets and
highlights come from the original paragraph through ``search.py``'s own functions, so both
databases show the same. The index is written in the transaction that saves the document.

Same functions as ``search.py``: ``create_search_schema``, ``index_document``,
``remove_document``, ``search``, ``stale_documents``, ``sync_index``; they take an SQLAlchemy
``Connection`` to PostgreSQL.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, inspect, text

from planwatch.store.search import (
    _TOKEN,
    COUNT_CAP,
    RANK_CAP,
    SearchHit,
    SearchResult,
    _find_phrases,
    _fold,
    _Section,
    _section_paths,
    _snippet,
    parse_query,
    split_paragraphs,
    tokenize,
)

MAX_POSITION = 16383  # PostgreSQL's limit; later tokens of a huge paragraph share it
YEAR_SPAN_CAP = 50

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_paragraphs (
        id BIGSERIAL PRIMARY KEY,
        doc_id INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        region TEXT,
        doc_type TEXT,
        year_from INTEGER,
        year_to INTEGER,
        section TEXT,
        body TSVECTOR NOT NULL,
        filters TSVECTOR NOT NULL
    )""",
    "CREATE TABLE IF NOT EXISTS search_documents (doc_id INTEGER PRIMARY KEY, paragraphs INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_paragraphs_doc ON search_paragraphs(doc_id)",
    "CREATE INDEX IF NOT EXISTS search_paragraphs_body ON search_paragraphs USING gin(body)",
    "CREATE INDEX IF NOT EXISTS search_paragraphs_filters ON search_paragraphs USING gin(filters)",
)


def _lexeme(token: str) -> str:
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(tokens: Iterable[str], prefix: str = "") -> str:
    """``'森':1 '林':2 …`` — each token at its position (1-based, capped at PostgreSQL's limit)."""
    return " ".join(f"{_lexeme(prefix + t)}:{min(i, MAX_POSITION)}" for i, t in enumerate(tokens, 1))


def phrase_literal(tokens: Sequence[str], prefix: str = "") -> str:
    """``'森' <-> '林'``: the tokens next to each other, in order."""
    return " <-> ".join(_lexeme(prefix + t) for t in tokens)


def body_literal(paragraph: str) -> str:
    """The paragraph's tsvector literal, each lexeme once with all its positions, in the order
    the server keeps them (``'林':2,7 '森':1,6``): the server then parses a quarter fewer
    bytes and sorts nothing (parsing the literal was a quarter of its time in saving). Tokens
    are letters, digits or CJK characters only (``search._TOKEN``), never a quote or a
    backslash, so they need no escaping; lower-cased one by one as ``tokenize`` does. Python
    orders strings by code point, which is the server's byte order in UTF-8."""
    where: dict[str, str] = {}
    for i, token in enumerate(map(str.lower, _TOKEN.findall(_fold(paragraph))), 1):
        position = i if i < MAX_POSITION else MAX_POSITION
        if token in where:
            where[token] += f",{position}"
        else:
            where[token] = f"'{token}':{position}"
    return " ".join([where[t] for t in sorted(where)])


def _tokens(value: str | None) -> list[str]:
    return [t for _, _, t in tokenize(value or "")]


@functools.lru_cache(maxsize=1024)  # the same few values for every paragraph of a document
def _filters_literal(region: str | None, doc_type: str | None, year_from: int | None, year_to: int | None,
                     section: str | None) -> str:
    """Filter lexemes: each field's tokens as a phrase of its own, every year of the period."""
    parts = [tsvector_literal(_tokens(region), "r:"), tsvector_literal(_tokens(doc_type), "t:"),
             tsvector_literal(_tokens(section), "s:")]
    if year_from is not None:
        last = year_to if year_to is not None and year_to >= year_from else year_from
        parts.append(" ".join(_lexeme(f"y:{y}") for y in range(year_from, min(last, year_from + YEAR_SPAN_CAP) + 1)))
    return " ".join(p for p in parts if p)


def create_search_schema(conn: Connection) -> None:
    """Migration: the paragraph table with its two GIN-indexed tsvectors (idempotent)."""
    for statement in SCHEMA:
        conn.exec_driver_sql(statement)


def create_index_migration(conn: Connection) -> None:
    """Migration (PostgreSQL only): create the index, then index documents already stored."""
    if conn.dialect.name != "postgresql":
        return
    create_search_schema(conn)
    if inspect(conn).has_table("documents"):
        sync_index(conn)


# (name, function, why) for the store's migration list (see migrations.EXTENSION_MIGRATIONS).
MIGRATIONS = (
    ("search_pg_0001_index", create_index_migration,
     "full-text search on PostgreSQL (CJK unigram tsvector phrases, GIN)"),
)


# One paragraph ready to write: (start, end, section path, body tsvector literal, filters literal).
PreparedParagraph = tuple[int, int, str | None, str, str]

_COPY_PARAGRAPHS = ('COPY search_paragraphs (doc_id, start, "end", text, region, doc_type, year_from, year_to, '
                    "section, body, filters) FROM STDIN")


def prepare_index(text_: str, *, region: str | None = None, doc_type: str | None = None,
                  period: tuple[int, int] | None = None, sections: Sequence[Any] = ()) -> list[PreparedParagraph]:
    """The CPU-heavy half of indexing a document, pure and picklable: its paragraphs with their
    section paths and tsvector literals. Ingest runs it in the worker process that extracted
    the document, so the process that saves only writes (``index_document(..., prepared=…)``)."""
    year_from, year_to = (period[0], period[1]) if period else (None, None)
    prepared: list[PreparedParagraph] = []
    spans = split_paragraphs(text_)
    for (start, end), section in zip(spans, _section_paths([a for a, _ in spans], sections), strict=True):
        body = body_literal(text_[start:end])
        if body:
            prepared.append((start, end, section, body,
                             _filters_literal(region, doc_type, year_from, year_to, section)))
    return prepared


def index_document(conn: Connection, doc_id: Any, text_: str, *, region: str | None = None,
                   doc_type: str | None = None, period: tuple[int, int] | None = None,
                   sections: Sequence[Any] = (), prepared: Sequence[PreparedParagraph] | None = None) -> int:
    """Index every paragraph of a document (replacing any earlier index of it); returns how many.

    ``prepared`` is ``prepare_index``'s result for the same arguments, when it was computed
    elsewhere (in an ingest worker)."""
    if prepared is None:
        prepared = prepare_index(text_, region=region, doc_type=doc_type, period=period, sections=sections)
    year_from, year_to = (period[0], period[1]) if period else (None, None)
    # Any earlier index of the document goes, and its count is written, in one round trip.
    conn.execute(text("WITH gone AS (DELETE FROM search_paragraphs WHERE doc_id = :doc_id) "
                      "INSERT INTO search_documents (doc_id, paragraphs) VALUES (:doc_id, :n) "
                      "ON CONFLICT (doc_id) DO UPDATE SET paragraphs = excluded.paragraphs"),
                 {"doc_id": doc_id, "n": len(prepared)})
    # COPY: the rows stream in one round trip and the server inserts them without planning and
    # starting a statement per row (an INSERT per paragraph was a fifth of the server's time,
    # arrays for unnest cost as much again to escape here and to parse there).
    if prepared:
        raw: Any = conn.connection.driver_connection  # the psycopg connection, in the same transaction
        with raw.cursor() as cursor, cursor.copy(_COPY_PARAGRAPHS) as copy:
            for start, end, section, body, filters in prepared:
                copy.write_row((doc_id, start, end, text_[start:end], region, doc_type, year_from, year_to,
                                section, body, filters))
    return len(prepared)


def remove_document(conn: Connection, doc_id: Any) -> None:
    """Drop a document's paragraphs from the index (one statement: one round trip)."""
    conn.execute(text("WITH gone AS (DELETE FROM search_documents WHERE doc_id = :d) "
                      "DELETE FROM search_paragraphs WHERE doc_id = :d"), {"d": doc_id})


def _filter_query(region: str | None, doc_type: str | None, year: int | None, section: str | None) -> str | None:
    """The filters as a tsquery ("" for none); None when a filter can match nothing."""
    parts = []
    for prefix, value in (("r:", region), ("t:", doc_type), ("s:", section)):
        if value:
            tokens = _tokens(value)
            if not tokens:
                return None
            parts.append(f"({phrase_literal(tokens, prefix)})")
    if year is not None:
        parts.append(_lexeme(f"y:{int(year)}"))
    return " & ".join(parts)


def search(conn: Connection, query: str, *, region: str | None = None, doc_type: str | None = None,
           year: int | None = None, section: str | None = None, doc_id: Any = None,
           limit: int = 20, offset: int = 0) -> SearchResult:
    """Paragraphs matching every phrase of ``query`` and the filters (see ``search.search``)."""
    phrases = parse_query(query)
    filters = _filter_query(region, doc_type, year, section)
    if not phrases or filters is None:
        return SearchResult(query, 0)
    params: dict[str, Any] = {"q": " & ".join(f"({phrase_literal(p)})" for p in phrases)}
    where = "body @@ CAST(:q AS tsquery)"
    if filters:
        where += " AND filters @@ CAST(:f AS tsquery)"
        params["f"] = filters
    if doc_id is not None:
        where += " AND doc_id = :doc"
        params["doc"] = doc_id
    total = conn.execute(text(f"SELECT count(*) FROM (SELECT 1 FROM search_paragraphs WHERE {where} "
                              f"LIMIT {COUNT_CAP}) AS found"), params).scalar_one()
    ranked = total <= RANK_CAP
    score = "ts_rank_cd(body, CAST(:q AS tsquery))"
    order = f"{score} DESC, id" if ranked else "id DESC"
    rows = conn.execute(text(
        f'SELECT id, doc_id, start, "end", text, region, doc_type, year_from, section, {score} AS score '
        f"FROM search_paragraphs WHERE {where} ORDER BY {order} LIMIT :limit OFFSET :offset"),
        {**params, "limit": max(0, int(limit)), "offset": max(0, int(offset))}).all()
    hits = []
    for _id, doc, start, end, paragraph, reg, dtype, yr, sec, rank in rows:
        spans = _find_phrases(paragraph, phrases)
        snippet, highlights = _snippet(paragraph, spans)
        hits.append(SearchHit(doc, start, end, tuple((start + s, start + e) for s, e in spans), snippet,
                              tuple(highlights), reg, dtype, yr, sec, round(float(rank), 4)))
    return SearchResult(query, int(total), tuple(hits), ranked, total >= COUNT_CAP)


def stale_documents(conn: Connection) -> tuple[list[Any], list[Any]]:
    """(current documents not indexed yet, indexed documents no longer current)."""
    missing = list(conn.execute(text(
        "SELECT id FROM documents WHERE is_current AND id NOT IN (SELECT doc_id FROM search_documents)")).scalars())
    gone = list(conn.execute(text(
        "SELECT doc_id FROM search_documents WHERE doc_id NOT IN (SELECT id FROM documents WHERE is_current)"
    )).scalars())
    return missing, gone


def sync_index(conn: Connection) -> tuple[int, int]:
    """Bring the index in line with the current documents; returns (added, removed)."""
    missing, gone = stale_documents(conn)
    for doc_id in gone:
        remove_document(conn, doc_id)
    for doc_id in missing:
        doc = conn.execute(text("SELECT d.region, d.doc_type, d.period_start, d.period_end, t.text FROM documents d "
                                "JOIN texts t ON t.document_id = d.id WHERE d.id = :d"), {"d": doc_id}).first()
        if doc is None:
            continue
        region, doc_type, p0, p1, body = doc
        sections = [_Section(*r) for r in conn.execute(text(
            "SELECT title, level, span_start, span_end FROM sections WHERE document_id = :d"), {"d": doc_id})]
        index_document(conn, doc_id, body, region=region, doc_type=doc_type,
                       period=(p0, p1 if p1 is not None else p0) if p0 is not None else None, sections=sections)
    return len(missing), len(gone)
