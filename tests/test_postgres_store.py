"""The store's own tests (tests/test_store.py) that do not look inside SQLite, run again on
PostgreSQL: the same schema and behaviour on both databases. Each test gets a fresh database
on the throw-away server (tests/pg_server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from pg_server import create_database, pg_url  # noqa: F401 (fixture)
from sqlalchemy import text
from sqlalchemy.exc import StatementError
from store_samples import sample_extraction
from test_store import (  # noqa: F401 (collected here again, with this module's ``store``)
    test_changed_content_is_a_new_version_and_the_old_is_kept,
    test_delete_document_removes_every_row_and_promotes_the_previous_version,
    test_document_refs_id_sha_prefix_and_path,
    test_every_stored_span_points_at_its_words,
    test_float_is_refused_where_an_exact_number_is_required,
    test_imported_observations_keep_every_vintage,
    test_round_trip_rebuilds_the_same_extraction,
    test_same_bytes_again_is_unchanged_and_adds_nothing,
    test_targets_and_observations_by_region_with_document_fallback,
    test_the_search_index_follows_saves_versions_and_deletes,
)

from planwatch.store import Store

pytestmark = pytest.mark.postgres


@pytest.fixture
def store(pg_url: str) -> Iterator[Store]:  # noqa: F811
    with Store.open(create_database(pg_url)) as s:
        assert s.engine.dialect.name == "postgresql"
        yield s


def _counts(store: Store, tables: tuple[str, ...]) -> list[int]:
    with store.engine.connect() as conn:
        return [int(conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0) for t in tables]


def test_a_failed_save_leaves_nothing(store: Store) -> None:
    ex = sample_extraction()
    bad_target = replace(ex.targets[0], value=0.5)  # a float fails half-way through the inserts
    with pytest.raises(StatementError):
        store.save(replace(ex, targets=(ex.targets[0], bad_target)), "/data/plan.txt")
    assert store.documents(current_only=False) == []
    assert _counts(store, ("texts", "sections", "indicator_rows", "targets", "search_paragraphs")) == [0] * 5


def test_check_finds_a_document_missing_rows(store: Store) -> None:
    doc_id = store.save(sample_extraction(), "/data/plan.txt").document_id
    assert store.check() == []
    with store.engine.begin() as conn:
        conn.execute(text("DELETE FROM targets WHERE seq = 1"))
    assert store.check() == [f"document {doc_id}: 1 rows in targets, 2 recorded"]


def test_decimals_are_stored_exactly(store: Store) -> None:
    doc_id = store.save(sample_extraction(), "/data/plan.txt").document_id
    assert str(store.extraction(doc_id).tables[0].rows[0].target) == "1000.50"  # trailing zero kept
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT target FROM indicator_rows")).scalar() == "1000.50"
