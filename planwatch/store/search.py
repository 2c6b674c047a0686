"""Full-text search over document paragraphs that works for Chinese (全文检索).

Why this design (measured in PERF_BASELINES §4): the system SQLite (3.40) cannot answer one- or
two-character queries (森, 森林, 产业) from a trigram index, and ``LIKE`` on a trigram table
silently returns nothing for them. A word segmenter misses words it cut differently (森林覆盖 in
森林覆盖率). So every paragraph is indexed as *one token per CJK character*, with runs of ASCII
letters or digits kept whole, space-joined for FTS5's ``unicode61`` tokenizer; a query becomes a
phrase of the same tokens. That answers every substring query of Chinese with full recall and
bm25 ranking, and ``GDP`` / ``IGBT`` stay whole words.

The FTS5 table is contentless (it stores only the inverted index); the paragraph text, its
offsets in the document and the metadata used by the filters sit in ``search_paragraphs`` so a
hit maps straight back to the exact place in the original text. Snippets and highlights are
computed here from the original paragraph, never from the token string.

Everything SQLite-specific is in this module, behind four functions: ``create_search_schema``,
``index_document``, ``remove_document`` and ``search``. They take a DB-API ``sqlite3`` connection
or an SQLAlchemy ``Connection`` (its driver connection is used, inside the caller's transaction).
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

__all__ = [
    "SearchHit",
    "SearchResult",
    "create_search_schema",
    "index_document",
    "parse_query",
    "remove_document",
    "search",
    "split_paragraphs",
    "tokenize",
]

# One token per Han character (incl. 〇 and the extension blocks); letter runs and digit runs whole.
# Full-width forms are mapped one-for-one to ASCII first, so offsets never move.
_TOKEN = regex.compile(r"\p{Han}|[A-Za-z]+|[0-9]+|(?:(?!\p{Han})[^\W\d_A-Za-z])+")
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Folding by substitution visits only the full-width characters; ``str.translate`` with a dict
# visits every character and was a third of the indexing time (docs/performance.md).
_FULLWIDTH_CHARS = regex.compile("[\uFF01-\uFF5E]")


def _fold(text: str) -> str:
    return _FULLWIDTH_CHARS.sub(lambda m: chr(ord(m.group()) - 0xFEE0), text)

SNIPPET_RADIUS = 40  # characters shown each side of the first match
MAX_QUERY_TERMS = 16
MAX_QUERY_LENGTH = 200

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS search_paragraphs (
        id INTEGER PRIMARY KEY,
        doc_id NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        region TEXT,
        doc_type TEXT,
        year_from INTEGER,
        year_to INTEGER,
        section TEXT
    )""",
    "CREATE TABLE IF NOT EXISTS search_documents (doc_id PRIMARY KEY, paragraphs INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS search_paragraphs_doc ON search_paragraphs(doc_id)",
    # The filters are indexed columns of the same FTS table, so a filtered query never joins
    # (a join per matching row costs more than the search itself on common words).
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(body, region, doc_type, years, section, "
    "content='', tokenize='unicode61 remove_diacritics 2')",
)
FTS_COLUMNS = ("body", "region", "doc_type", "years", "section")
RANK_CAP = 2000  # above this many matches, results come newest first instead of by bm25
COUNT_CAP = 10000  # counts stop here ("10000+"): counting every row of a common word costs
RANK = "bm25(search_fts, 1.0, 0.0, 0.0, 0.0, 0.0)"


@dataclass(frozen=True)
class SearchHit:
    """One matching paragraph: where it is in its document and what to show."""

    doc_id: Any
    start: int  # paragraph span in the document's original text
    end: int
    matches: tuple[tuple[int, int], ...]  # spans of the query in the document's original text
    snippet: str
    highlights: tuple[tuple[int, int], ...]  # spans of the query inside ``snippet``
    region: str | None
    doc_type: str | None
    year: int | None
    section: str | None
    score: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "document": self.doc_id,
            "span": [self.start, self.end],
            "matches": [list(m) for m in self.matches],
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
            "region": self.region,
            "doc_type": self.doc_type,
            "year": self.year,
            "section": self.section,
            "score": self.score,
        }


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    hits: tuple[SearchHit, ...] = field(default=())
    ranked: bool = True  # False: too many matches to rank, newest first
    more: bool = False  # True: total is a lower bound (counting stopped at COUNT_CAP)


def _postgres(conn: Any) -> bool:
    return getattr(getattr(conn, "dialect", None), "name", None) == "postgresql"


def _raw(conn: Any) -> sqlite3.Connection:
    """The sqlite3 connection under an SQLAlchemy Connection (same transaction), or ``conn``."""
    if isinstance(conn, sqlite3.Connection):
        return conn
    driver = getattr(getattr(conn, "connection", None), "driver_connection", None)
    if isinstance(driver, sqlite3.Connection):
        return driver
    raise TypeError(f"search index needs a SQLite connection, got {type(conn).__name__}")


def tokenize(text: str) -> list[tuple[int, int, str]]:
    """Tokens of ``text`` as ``(start, end, token)``; tokens are lower-case ASCII or one CJK char."""
    folded = _fold(text)
    return [(m.start(), m.end(), m.group().lower()) for m in _TOKEN.finditer(folded)]


def _token_string(text: str) -> str:
    folded = _fold(text)
    return " ".join(_TOKEN.findall(folded))


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the non-blank lines of ``text``, trimmed of surrounding white space."""
    spans = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + lead + len(stripped)))
        pos += len(line) + 1
    return spans


def create_search_schema(conn: Any) -> None:
    """Migration: the paragraph table and its FTS5 index (idempotent)."""
    raw = _raw(conn)
    for statement in SCHEMA:
        raw.execute(statement)


def upgrade_search_schema(conn: Any) -> None:
    """Migration: rebuild an index made before the filters became FTS columns, then refill it
    from the stored documents (nothing in it is original data)."""
    raw = _raw(conn)
    columns = {r[1] for r in raw.execute("PRAGMA table_info(search_fts)")}
    if columns and "region" not in columns:
        for table in ("search_fts", "search_paragraphs", "search_documents"):
            raw.execute(f"DROP TABLE IF EXISTS {table}")
    create_search_schema(raw)
    if raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'documents'").fetchone():
        sync_index(raw)


def _section_paths(starts: Sequence[int], sections: Sequence[Any]) -> list[str | None]:
    """For each start (ascending), the titles of the sections containing it, outermost first,
    joined by ' › '. One sweep over sections sorted by start, so a plan with thousands of
    headings and paragraphs costs (P + S) log S, not P × S."""
    ordered = sorted(sections, key=lambda s: s.span.start)
    active: list[Any] = []
    paths: list[str | None] = []
    i = 0
    for start in starts:
        while i < len(ordered) and ordered[i].span.start <= start:
            active.append(ordered[i])
            i += 1
        active = [s for s in active if s.span.end > start]
        around = sorted(active, key=lambda s: (s.level, s.span.start))
        paths.append(" › ".join(s.title for s in around) if around else None)
    return paths


def _section_path(start: int, sections: Sequence[Any]) -> str | None:
    """The section path of one position (search_postgres indexes paragraph by paragraph)."""
    return _section_paths([start], sections)[0]


# One paragraph ready to write: (start, end, section path, body tokens, then the filter columns'
# tokens: region, doc_type, years, section).
PreparedParagraph = tuple[int, int, str | None, str, str, str, str, str]


def prepare_index(text: str, *, region: str | None = None, doc_type: str | None = None,
                  period: tuple[int, int] | None = None, sections: Sequence[Any] = ()) -> list[PreparedParagraph]:
    """The CPU-heavy half of indexing a document, pure and picklable: its paragraphs with their
    section paths and token strings. Ingest runs it in the worker process that extracted the
    document, so the process that saves only writes (``index_document(..., prepared=…)``)."""
    year_from, year_to = (period[0], period[1]) if period else (None, None)
    prepared: list[PreparedParagraph] = []
    spans = split_paragraphs(text)
    for (start, end), section in zip(spans, _section_paths([s for s, _ in spans], sections), strict=True):
        body = _token_string(text[start:end])
        if body:
            prepared.append((start, end, section, body, *_filter_tokens(region, doc_type, year_from, year_to, section)))
    return prepared


def index_document(conn: Any, doc_id: Any, text: str, *, region: str | None = None,
                   doc_type: str | None = None, period: tuple[int, int] | None = None,
                   sections: Sequence[Any] = (), prepared: Sequence[PreparedParagraph] | None = None) -> int:
    """Index every paragraph of a document; returns the number of paragraphs indexed.

    Call it inside the transaction that saves the document, so the store and its index never
    disagree. Re-indexing a document replaces its paragraphs. ``prepared`` is
    ``prepare_index``'s result for the same arguments, when it was computed elsewhere.
    """
    raw = _raw(conn)
    remove_document(raw, doc_id)
    if prepared is None:
        prepared = prepare_index(text, region=region, doc_type=doc_type, period=period, sections=sections)
    row = raw.execute("SELECT coalesce(max(id), 0) FROM search_paragraphs").fetchone()
    first = int(row[0]) + 1
    year_from, year_to = (period[0], period[1]) if period else (None, None)
    paragraphs = [(first + i, doc_id, start, end, text[start:end], region, doc_type, year_from, year_to, section)
                  for i, (start, end, section, *_tokens) in enumerate(prepared)]
    bodies = [(first + i, *tokens) for i, (_start, _end, _section, *tokens) in enumerate(prepared)]
    raw.executemany("INSERT INTO search_paragraphs(id, doc_id, start, \"end\", text, region, doc_type,"
                    " year_from, year_to, section) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", paragraphs)
    raw.executemany("INSERT INTO search_fts(rowid, body, region, doc_type, years, section) VALUES (?, ?, ?, ?, ?, ?)",
                    bodies)
    raw.execute("INSERT INTO search_documents(doc_id, paragraphs) VALUES (?, ?)", (doc_id, len(paragraphs)))
    return len(paragraphs)


@functools.lru_cache(maxsize=1024)  # the same few values for every paragraph of a document
def _filter_tokens(region: str | None, doc_type: str | None, year_from: int | None, year_to: int | None,
                   section: str | None) -> tuple[str, str, str, str]:
    """The filter columns' token strings (a year range becomes every year in it)."""
    years = ""
    if year_from is not None:
        last = year_to if year_to is not None and year_to >= year_from else year_from
        years = " ".join(str(y) for y in range(year_from, min(last, year_from + 50) + 1))
    return (_token_string(region or ""), _token_string(doc_type or ""), years, _token_string(section or ""))


def remove_document(conn: Any, doc_id: Any) -> None:
    """Drop a document's paragraphs from the index (a contentless table needs the old tokens)."""
    raw = _raw(conn)
    raw.execute("DELETE FROM search_documents WHERE doc_id = ?", (doc_id,))
    rows = raw.execute("SELECT id, text, region, doc_type, year_from, year_to, section FROM search_paragraphs "
                       "WHERE doc_id = ?", (doc_id,)).fetchall()
    if not rows:
        return
    raw.executemany("INSERT INTO search_fts(search_fts, rowid, body, region, doc_type, years, section) "
                    "VALUES ('delete', ?, ?, ?, ?, ?, ?)",
                    [(pid, _token_string(text), *_filter_tokens(*rest)) for pid, text, *rest in rows])
    raw.execute("DELETE FROM search_paragraphs WHERE doc_id = ?", (doc_id,))


def parse_query(query: str) -> list[list[str]]:
    """The query as a list of phrases (each a list of tokens): white space separates phrases,
    every phrase must match. Anything that is not a letter, digit or CJK character is ignored,
    so no user input ever reaches FTS5's query syntax."""
    phrases = []
    for term in query[:MAX_QUERY_LENGTH].split()[:MAX_QUERY_TERMS]:
        tokens = [t for _, _, t in tokenize(term)]
        if tokens:
            phrases.append(tokens)
    return phrases


def _match_expression(phrases: Iterable[list[str]]) -> str:
    return " AND ".join('"' + " ".join(tokens) + '"' for tokens in phrases)


@functools.lru_cache(maxsize=256)
def _phrase_pattern(tokens: tuple[str, ...]) -> regex.Pattern[str]:
    """A pattern finding the phrase in (full-width-folded) text the way the tokenizer sees it:
    tokens in order, anything that is not a token between them, ASCII runs whole."""
    parts = []
    for token in tokens:
        if token.isascii() and token.isalpha():
            parts.append(f"(?<![A-Za-z]){regex.escape(token)}(?![A-Za-z])")
        elif token.isascii() and token.isdigit():
            parts.append(f"(?<![0-9]){regex.escape(token)}(?![0-9])")
        else:
            parts.append(regex.escape(token))
    return regex.compile(r"[\W_]*".join(parts), regex.IGNORECASE)


def _find_phrases(text: str, phrases: Sequence[list[str]]) -> list[tuple[int, int]]:
    """Spans in ``text`` where one of the phrases occurs as consecutive tokens."""
    folded = _fold(text)
    found = set()
    for phrase in phrases:
        for m in _phrase_pattern(tuple(phrase)).finditer(folded, overlapped=True):
            found.add((m.start(), m.end()))
    return sorted(found)


def _snippet(text: str, spans: Sequence[tuple[int, int]]) -> tuple[str, list[tuple[int, int]]]:
    if not spans:
        return text[: 2 * SNIPPET_RADIUS], []
    lo = max(0, spans[0][0] - SNIPPET_RADIUS)
    hi = min(len(text), spans[0][1] + SNIPPET_RADIUS)
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shift = len(prefix) - lo
    inside = [(s + shift, e + shift) for s, e in spans if s >= lo and e <= hi]
    return prefix + text[lo:hi] + suffix, inside


def _phrase(value: str) -> str | None:
    tokens = [t for _, _, t in tokenize(value)]
    return '"' + " ".join(tokens) + '"' if tokens else None


def _filter_expression(region: str | None, doc_type: str | None, year: int | None,
                       section: str | None) -> str | None:
    """The filters as FTS5 column filters; None when a filter can match nothing."""
    parts = []
    for column, value in (("region", region), ("doc_type", doc_type), ("section", section)):
        if value:
            phrase = _phrase(value)
            if phrase is None:
                return None
            parts.append(f"{column} : {phrase}")
    if year is not None:
        parts.append(f'years : "{int(year)}"')
    return " AND ".join(parts)


def search(conn: Any, query: str, *, region: str | None = None, doc_type: str | None = None,
           year: int | None = None, section: str | None = None, doc_id: Any = None,
           limit: int = 20, offset: int = 0) -> SearchResult:
    """Paragraphs matching every phrase of ``query`` (and the filters), with snippets.

    Ranked by bm25 when there are at most ``RANK_CAP`` matches; a word so common that it
    matches more is answered newest first, which stays fast (ranking scores every match).
    """
    if _postgres(conn):  # hook: PostgreSQL has its own index (store/search_postgres.py)
        from planwatch.store import search_postgres

        return search_postgres.search(conn, query, region=region, doc_type=doc_type, year=year,
                                      section=section, doc_id=doc_id, limit=limit, offset=offset)
    phrases = parse_query(query)
    filters = _filter_expression(region, doc_type, year, section)
    if not phrases or filters is None:
        return SearchResult(query, 0)
    raw = _raw(conn)
    body = " AND ".join("body : " + p for p in (_match_expression([t]) for t in phrases))
    match = f"{body} AND {filters}" if filters else body
    extra, params = ("", [match])
    if doc_id is not None:
        extra, params = (" AND rowid IN (SELECT id FROM search_paragraphs WHERE doc_id = ?)", [match, doc_id])
    def count(cap: int) -> int:
        return int(raw.execute(f"SELECT count(*) FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ?{extra} "
                               f"LIMIT {cap})", params).fetchone()[0])

    total = count(RANK_CAP + 1)  # cheap: stops after RANK_CAP + 1 rows
    ranked = total <= RANK_CAP
    page = [max(0, int(limit)), max(0, int(offset))]
    if ranked:
        top = raw.execute(f"SELECT rowid, {RANK} FROM search_fts WHERE search_fts MATCH ?{extra} "
                          f"ORDER BY {RANK}, rowid LIMIT ? OFFSET ?", [*params, *page]).fetchall()
    else:  # no bm25 at all: its phrase statistics alone would read every match
        total = count(COUNT_CAP)
        top = raw.execute(f"SELECT rowid, 0.0 FROM search_fts WHERE search_fts MATCH ?{extra} "
                          "ORDER BY rowid DESC LIMIT ? OFFSET ?", [*params, *page]).fetchall()
    scores = {rowid: score for rowid, score in top}
    marks = ",".join("?" * len(scores))
    found = {r[0]: r[1:] for r in raw.execute(
        "SELECT id, doc_id, start, \"end\", text, region, doc_type, year_from, section FROM search_paragraphs "
        f"WHERE id IN ({marks})", list(scores))} if scores else {}
    hits = []
    for rowid, score in top:
        if rowid not in found:
            continue
        doc, start, end, text, reg, dtype, yr, sec = found[rowid]
        spans = _find_phrases(text, phrases)
        snippet, highlights = _snippet(text, spans)
        hits.append(SearchHit(doc, start, end, tuple((start + s, start + e) for s, e in spans), snippet,
                              tuple(highlights), reg, dtype, yr, sec, round(-float(score), 4)))
    return SearchResult(query, int(total), tuple(hits), ranked, total >= COUNT_CAP)

class _Section:
    """A section as the indexer needs it (title, level, span) read from the store's rows."""

    __slots__ = ("level", "span", "title")

    def __init__(self, title: str, level: int, start: int, end: int) -> None:
        self.title, self.level = title, level
        self.span = _Span(start, end)


class _Span:
    __slots__ = ("end", "start")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


def stale_documents(conn: Any) -> tuple[list[Any], list[Any]]:
    """(current documents not indexed yet, indexed documents no longer current)."""
    if _postgres(conn):
        from planwatch.store import search_postgres

        return search_postgres.stale_documents(conn)
    raw = _raw(conn)
    missing = [r[0] for r in raw.execute(
        "SELECT id FROM documents WHERE is_current AND id NOT IN (SELECT doc_id FROM search_documents)")]
    gone = [r[0] for r in raw.execute(
        "SELECT doc_id FROM search_documents WHERE doc_id NOT IN (SELECT id FROM documents WHERE is_current)")]
    return missing, gone


def sync_index(conn: Any) -> tuple[int, int]:
    """Bring the index in line with the store's current documents; returns (added, removed).

    The store indexes a document when it saves it; this catches up on databases written before
    the index existed, or by a process that did not index, and drops superseded versions.
    """
    if _postgres(conn):
        from planwatch.store import search_postgres

        return search_postgres.sync_index(conn)
    missing, gone = stale_documents(conn)
    raw = _raw(conn)
    for doc_id in gone:
        remove_document(raw, doc_id)
    for doc_id in missing:
        doc = raw.execute("SELECT d.region, d.doc_type, d.period_start, d.period_end, t.text FROM documents d "
                          "JOIN texts t ON t.document_id = d.id WHERE d.id = ?", (doc_id,)).fetchone()
        if doc is None:
            continue
        region, doc_type, p0, p1, text = doc
        sections = [_Section(*r) for r in raw.execute(
            "SELECT title, level, span_start, span_end FROM sections WHERE document_id = ?", (doc_id,))]
        index_document(raw, doc_id, text, region=region, doc_type=doc_type,
                       period=(p0, p1 if p1 is not None else p0) if p0 is not None else None, sections=sections)
    return len(missing), len(gone)
