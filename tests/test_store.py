"""The store on real SQLite files: round trips, idempotency, versions, migrations, queries."""

from __future__ import annotations

import hashlib
import sqlite3
import tempfile
from dataclasses import fields, replace
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import assert_span_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.exc import StatementError
from store_samples import PLAN_TEXT, sample_extraction

from planwatch.config import resolve_db_url
from planwatch.errors import NotFoundError, StoreError
from planwatch.model import (
    Block,
    DocumentMeta,
    Extraction,
    GlossaryTerm,
    IndicatorRow,
    Observation,
    Project,
    Section,
    Span,
    Target,
)
from planwatch.store import Store, schema
from planwatch.store.migrations import Migration, all_migrations, upgrade


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "pw.db") as s:
        yield s


def test_round_trip_rebuilds_the_same_extraction(store: Store) -> None:
    ex = sample_extraction()
    saved = store.save(ex, "/data/plan.txt")
    assert (saved.status, saved.version) == ("ingested", 1)
    assert store.extraction(saved.document_id) == ex


def test_decimals_come_back_exact_and_as_decimal(store: Store, tmp_path: Path) -> None:
    doc_id = store.save(sample_extraction(), "/data/plan.txt").document_id
    row = store.extraction(doc_id).tables[0].rows[0]
    assert isinstance(row.target, Decimal) and str(row.target) == "1000.50"  # trailing zero kept
    raw = sqlite3.connect(tmp_path / "pw.db").execute("SELECT target, typeof(target) FROM indicator_rows").fetchone()
    assert raw == ("1000.50", "text")


def test_every_stored_span_points_at_its_words(store: Store) -> None:
    doc_id = store.save(sample_extraction(), "/data/plan.txt").document_id
    text = store.text(doc_id)
    assert text == PLAN_TEXT
    target = store.targets(doc_id=doc_id)[0].target
    assert_span_text(text, target.span, "地区生产总值达到1000.50亿元")
    glossary = store.extraction(doc_id).glossary[0]
    assert_span_text(text, glossary.span, "三高四新：三个高地、四新使命。")


def test_same_bytes_again_is_unchanged_and_adds_nothing(store: Store) -> None:
    first = store.save(sample_extraction(), "/data/plan.txt")
    again = store.save(sample_extraction(), "/data/plan.txt")
    assert (again.status, again.document_id) == ("unchanged", first.document_id)
    elsewhere = store.save(sample_extraction(), "/data/copy-of-plan.txt")
    assert elsewhere.status == "unchanged" and "same content" in elsewhere.message
    assert len(store.documents(current_only=False)) == 1
    assert len(store.targets()) == 2


def test_changed_content_is_a_new_version_and_the_old_is_kept(store: Store) -> None:
    v1 = store.save(sample_extraction(), "/data/plan.txt")
    v2 = store.save(sample_extraction(PLAN_TEXT + "附：修订。\n"), "/data/plan.txt")
    assert (v2.status, v2.version) == ("new_version", 2)
    current = store.documents()
    assert [(d.id, d.version) for d in current] == [(v2.document_id, 2)]
    both = store.documents(current_only=False)
    assert [(d.version, d.is_current) for d in both] == [(1, False), (2, True)]
    assert store.document("/data/plan.txt").id == v2.document_id
    assert {t.document_id for t in store.targets()} == {v2.document_id}  # only current documents
    # going back to the first content makes version 1 current again, without a copy
    back = store.save(sample_extraction(), "/data/plan.txt")
    assert (back.status, back.document_id) == ("restored", v1.document_id)
    assert [d.id for d in store.documents()] == [v1.document_id]


def test_delete_document_removes_every_row_and_promotes_the_previous_version(store: Store) -> None:
    v1 = store.save(sample_extraction(), "/data/plan.txt")
    v2 = store.save(sample_extraction(PLAN_TEXT + "再版\n"), "/data/plan.txt")
    store.delete_document(v2.document_id)
    assert [d.id for d in store.documents()] == [v1.document_id]
    assert store.check() == []
    with pytest.raises(NotFoundError):
        store.extraction(v2.document_id)
    with pytest.raises(NotFoundError):
        store.delete_document(v2.document_id)


def test_document_refs_id_sha_prefix_and_path(store: Store) -> None:
    saved = store.save(sample_extraction(), "/data/plan.txt")
    assert store.document(saved.document_id).id == saved.document_id
    assert store.document(str(saved.document_id)).id == saved.document_id
    assert store.document(saved.sha256[:6].upper()).id == saved.document_id
    assert store.document("/data/plan.txt").sha256 == saved.sha256
    with pytest.raises(NotFoundError, match="no document 'nothing'"):
        store.document("nothing")
    with pytest.raises(NotFoundError):
        store.document(999)


def test_targets_and_observations_by_region_with_document_fallback(store: Store) -> None:
    store.save(sample_extraction(), "/data/a.txt")
    other = sample_extraction(PLAN_TEXT + "另一区\n", path="/data/b.txt", region="衡阳市雁峰区")
    store.save(other, "/data/b.txt")
    assert {t.path for t in store.targets(region="衡阳市雁峰区")} == {"/data/b.txt"}
    assert len(store.targets()) == 4
    obs = store.observations(region="株洲市石峰区", indicator_id="gdp")
    assert [(o.path, o.source_kind, o.observation.value) for o in obs] == [("/data/a.txt", "extracted",
                                                                            Decimal("816.4"))]
    assert [(r.region, r.documents) for r in store.regions()] == [("株洲市石峰区", 1), ("衡阳市雁峰区", 1)]


def test_imported_observations_keep_every_vintage(store: Store) -> None:
    def gdp(value: str) -> Observation:
        return Observation("地区生产总值", "level", Decimal(value), "亿元", 2023, Span(0, 0),
                           indicator_id="gdp", region="涟源市")

    assert store.add_observations([gdp("402.1")], source="统计年鉴.xlsx:12", vintage="2024-03-01") == 1
    assert store.add_observations([gdp("405.3")], source="统计年鉴.xlsx:12", vintage="2025-03-01") == 1
    rows = store.observations(region="涟源市")
    assert [(o.vintage, o.observation.value, o.document_id, o.source_kind) for o in rows] == [
        ("2024-03-01", Decimal("402.1"), None, "imported"), ("2025-03-01", Decimal("405.3"), None, "imported")]
    assert store.add_observations([], source="empty.xlsx") == 0


def test_float_is_refused_where_an_exact_number_is_required(store: Store) -> None:
    bad = Observation("x", "level", 0.1, None, 2020, Span(0, 0))  # type: ignore[arg-type]
    with pytest.raises(StatementError, match=r"float 0\.1 given where an exact Decimal"):
        store.add_observations([bad], source="t")
    assert store.observations() == []


def test_a_failed_save_leaves_nothing(store: Store) -> None:
    ex = sample_extraction()
    bad_target = replace(ex.targets[0], value=0.5)  # a float fails half-way through the inserts
    with pytest.raises(StatementError):
        store.save(replace(ex, targets=(ex.targets[0], bad_target)), "/data/plan.txt")
    assert store.documents(current_only=False) == []
    con = sqlite3.connect(store.location)
    assert [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("texts", "sections", "indicator_rows", "targets")] == [0, 0, 0, 0]


def test_check_finds_a_document_missing_rows(store: Store) -> None:
    doc_id = store.save(sample_extraction(), "/data/plan.txt").document_id
    assert store.check() == []
    con = sqlite3.connect(store.location)
    con.execute("DELETE FROM targets WHERE seq = 1")
    con.commit()
    assert store.check() == [f"document {doc_id}: 1 rows in targets, 2 recorded"]


def test_migrations_applied_once_and_recorded(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    with Store.open(db) as first:
        assert first.applied_now == [m.name for m in all_migrations()]
        names = first.migrations()
    with Store.open(db) as second:
        assert second.applied_now == []
        assert second.migrations() == names
    assert [n for n, _ in names] == sorted(m.name for m in all_migrations())  # listed by name
    assert all(at.endswith("Z") for _, at in names)


def test_a_new_migration_is_applied_in_order_to_an_existing_store(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    Store.open(db).close()
    extra = Migration("0002_test_note", lambda conn: conn.exec_driver_sql(
        "ALTER TABLE documents ADD COLUMN note TEXT"), "a test column")
    store = Store(resolve_db_url(db))
    assert upgrade(store.engine, (*all_migrations(), extra)) == ["0002_test_note"]
    assert upgrade(store.engine, (*all_migrations(), extra)) == []
    cols = [r[1] for r in sqlite3.connect(db).execute("PRAGMA table_info(documents)")]
    assert "note" in cols
    store.close()
    with pytest.raises(StoreError, match="newer planwatch"):
        Store.open(db)  # the database knows a migration this code does not


def test_a_failing_migration_leaves_no_trace(tmp_path: Path) -> None:
    db = tmp_path / "m.db"
    Store.open(db).close()

    def half(conn):  # creates a table, then fails: both must roll back
        conn.exec_driver_sql("CREATE TABLE half_done (x INTEGER)")
        conn.exec_driver_sql("SELECT * FROM no_such_table")

    store = Store(resolve_db_url(db))
    with pytest.raises(StoreError, match="0002_broken"):
        upgrade(store.engine, (*all_migrations(), Migration("0002_broken", half, "fails")))
    store.close()
    con = sqlite3.connect(db)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert "half_done" not in tables
    assert [r[0] for r in con.execute("SELECT name FROM schema_migrations")] == sorted(
        m.name for m in all_migrations())


def test_sqlite_settings(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_db_locations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_db_url(None, env={}) == f"sqlite:///{tmp_path / 'planwatch.db'}"
    assert resolve_db_url(None, env={"PLANWATCH_DB": "x.db"}) == f"sqlite:///{tmp_path / 'x.db'}"
    assert resolve_db_url("postgresql+psycopg://pw@localhost/pw", env={}) == "postgresql+psycopg://pw@localhost/pw"
    with pytest.raises(StoreError, match="unsupported database 'mysql'"):
        resolve_db_url("mysql://u@h/db", env={})
    with pytest.raises(StoreError, match="not a database URL"):
        resolve_db_url("::://", env={})


def test_unusable_locations_are_store_errors(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="folder does not exist"):
        Store.open(tmp_path / "no" / "such" / "folder" / "x.db")
    with pytest.raises(StoreError, match="no database at"):
        Store.open(tmp_path / "absent.db", create=False)
    not_a_db = tmp_path / "text.db"
    not_a_db.write_text("this is not a database " * 100)
    with pytest.raises(StoreError, match=str(not_a_db)):
        Store.open(not_a_db)


@st.composite
def extractions(draw: st.DrawFn):
    """Random texts with random items whose spans and exact numbers must survive the store."""
    text = draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1,
                        max_size=200))
    n = len(text)

    def span() -> Span:
        a, b = sorted((draw(st.integers(0, n)), draw(st.integers(0, n))))
        return Span(a, b)

    numbers = st.decimals(allow_nan=False, allow_infinity=False, places=draw(st.integers(0, 6)),
                          min_value=Decimal("-1e12"), max_value=Decimal("1e12"))
    maybe = st.none() | numbers
    targets = tuple(
        Target(draw(st.text(min_size=1, max_size=20)), "level", draw(st.sampled_from(["eq", "ge", None])),
               draw(maybe), draw(st.none() | st.sampled_from(["亿元", "%"])), draw(st.none() | st.integers(1949, 2100)),
               span(), low=draw(maybe), high=draw(maybe), period=draw(st.none() | st.just((2021, 2025))))
        for _ in range(draw(st.integers(0, 4))))
    observations = tuple(
        Observation(draw(st.text(min_size=1, max_size=20)), "growth", draw(numbers), "%", 2020, span(),
                    estimated=draw(st.booleans()), comparator=draw(st.sampled_from([None, "ge", "approx"])))
        for _ in range(draw(st.integers(0, 4))))
    base = sample_extraction()
    raw = text.encode("utf-8")
    source = replace(base.source, text=text, sha256=hashlib.sha256(raw).hexdigest(), size=len(raw),
                     blocks=(Block("paragraph", span()),))
    return Extraction(source=source, meta=base.meta, targets=targets, observations=observations,
                      glossary=(GlossaryTerm(text[:5] or "x", text, span()),))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ex=extractions())
def test_any_extraction_round_trips(ex: Extraction) -> None:
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "h.db") as store:
        doc_id = store.save(ex, ex.source.path).document_id
        back = store.extraction(doc_id)
        assert back == ex
        for original, stored in zip(ex.targets, back.targets, strict=True):
            assert str(original.value) == str(stored.value)  # same digits, not just equal numbers
        assert store.check() == []


def test_a_store_from_before_0002_is_upgraded_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with Store.open(db) as store:
        doc_id = store.save(sample_extraction(), "/data/plan.txt").document_id
    con = sqlite3.connect(db)  # make it look like a store written before the column existed
    con.execute("ALTER TABLE observations DROP COLUMN comparator")
    con.execute("DELETE FROM schema_migrations WHERE name = '0002_observation_comparator'")
    con.commit()
    con.close()
    with Store.open(db) as store:
        assert store.applied_now == ["0002_observation_comparator"]
        ex = sample_extraction()
        assert store.extraction(doc_id).observations == tuple(replace(o, comparator=None) for o in ex.observations)
        ge = replace(ex.observations[0], comparator="ge")
        store.add_observations([ge], source="t.xlsx")
        assert [o.observation.comparator for o in store.observations() if o.source_kind == "imported"] == ["ge"]


@pytest.mark.parametrize(("model", "table", "elsewhere"), [
    (IndicatorRow, "indicator_rows", {"span"}),
    (Target, "targets", {"span", "period"}),
    (Observation, "observations", {"span", "period"}),
    (Section, "sections", {"span", "heading"}),
    (GlossaryTerm, "glossary", {"span"}),
    (Project, "projects", {"span"}),
    (DocumentMeta, "documents", {"period"}),
])
def test_every_model_field_has_a_column(model: type, table: str, elsewhere: set[str]) -> None:
    """When model.py gains a field, this fails until the schema (and a migration) keep it."""
    columns = set(schema.metadata.tables[table].c.keys())
    assert {f.name for f in fields(model)} - elsewhere <= columns


def test_the_search_index_follows_saves_versions_and_deletes(store: Store) -> None:
    from planwatch.store.search import search

    def hits(query: str) -> list[int]:
        with store.engine.connect() as conn:
            return sorted({h.doc_id for h in search(conn, query).hits})

    v1 = store.save(sample_extraction(), "/data/plan.txt").document_id
    assert hits("三高四新") == [v1]
    v2 = store.save(sample_extraction(PLAN_TEXT + "新增数字经济。\n"), "/data/plan.txt").document_id
    assert (hits("三高四新"), hits("数字经济")) == ([v2], [v2])  # the old version is no longer found
    store.delete_document(v2)
    assert (hits("三高四新"), hits("数字经济")) == ([v1], [])  # the promoted version is found again
    store.save(sample_extraction(), "/data/plan.txt", replace=True)
    assert hits("智慧城市") == [v1]


def test_an_up_to_date_store_opens_read_only(tmp_path: Path) -> None:
    db = tmp_path / "ro.db"
    with Store.open(db) as store:
        store.save(sample_extraction(), "/data/plan.txt")
    with Store.open(f"sqlite:///file:{db}?mode=ro&uri=true") as store:
        assert [d.path for d in store.documents()] == ["/data/plan.txt"]
        with pytest.raises(StoreError, match="cannot write to database"):
            store.save(sample_extraction(PLAN_TEXT + "x"), "/data/plan.txt")
