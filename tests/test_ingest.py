"""Ingesting files and folders through the real pipeline into real SQLite files."""

from __future__ import annotations

import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from planwatch.errors import EXIT_FAILED, EXIT_INPUT, EXIT_OK, ManifestError
from planwatch.model import DocumentMeta, Observation, Span
from planwatch.store import Store, extract_job, plan_jobs
from planwatch.store.ingest import find_files, ingest_paths
from planwatch.store.manifest import read_manifest

PLAN = "涟源市国民经济和社会发展第十四个五年规划纲要\n第一章 发展目标\n到2025年，地区生产总值达到500亿元。\n"

# What /work/shared/corpus/README.md says each sample is.
CORPUS_META = {
    "000": ("plan", "株洲市石峰区", (2021, 2025)),
    "001": ("news", "株洲市石峰区", (2019, 2020)),
    "002": ("plan", "衡阳市雁峰区", (2021, 2025)),
    "003": ("listing", "株洲市", (2020, 2025)),
    "004": ("plan", "涟源市", (2021, 2025)),
}


@pytest.fixture
def store(tmp_path: Path):
    with Store.open(tmp_path / "pw.db") as s:
        yield s


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_corpus_ingests_with_its_metadata(store: Store, corpus_dir: Path) -> None:
    summary = store.ingest([corpus_dir / f for f in sorted(p.name for p in corpus_dir.glob("*.txt"))],
                           progress=False)
    assert (len(summary.ingested), len(summary.failed)) == (5, 0)
    assert summary.exit_code == EXIT_OK
    found = {Path(d.path).name[:3]: (d.doc_type, d.region, d.period) for d in store.documents()}
    assert found == CORPUS_META
    assert store.check() == []
    for doc in store.documents():
        assert store.text(doc.id) == (corpus_dir / Path(doc.path).name).read_text(encoding="utf-8-sig")


def test_reingest_is_unchanged_and_stores_nothing_new(store: Store, corpus_dir: Path) -> None:
    files = sorted(corpus_dir.glob("*.txt"))[:2]
    store.ingest(files, progress=False)
    again = store.ingest(files, progress=False)
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]
    assert len(store.documents(current_only=False)) == 2


def test_changed_file_becomes_version_2(store: Store, tmp_path: Path) -> None:
    f = write(tmp_path / "docs" / "plan.txt", PLAN)
    first = store.ingest([f], progress=False).outcomes[0]
    write(f, PLAN + "第二章 产业\n到2025年，工业增加值增长8%。\n")
    second = store.ingest([f], progress=False).outcomes[0]
    assert (first.status, first.version, second.status, second.version) == ("ingested", 1, "new_version", 2)
    docs = store.documents(current_only=False)
    assert [(d.version, d.is_current, d.path) for d in docs] == [(1, False, str(f.resolve())),
                                                                 (2, True, str(f.resolve()))]


def test_folders_recurse_and_skip_hidden(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", PLAN)
    write(tmp_path / "in" / "sub" / "b.md", PLAN + "b\n")
    write(tmp_path / "in" / ".hidden.txt", PLAN + "h\n")
    write(tmp_path / "in" / ".git" / "c.txt", PLAN + "c\n")
    files, missing = find_files([tmp_path / "in", tmp_path / "in" / "a.txt", tmp_path / "absent"])
    assert [f.relative_to(tmp_path / "in").as_posix() for f in files] == ["a.txt", "sub/b.md"]
    assert [(m.path, m.status) for m in missing] == [(str(tmp_path / "absent"), "failed")]


def test_bad_files_are_reported_and_the_rest_is_stored(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "in" / "empty.txt", b"")
    write(tmp_path / "in" / "image.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    write(tmp_path / "in" / "good.txt", PLAN)
    write(tmp_path / "in" / "actuals.csv", b"region,indicator,year,value\n")  # data: not read
    summary = store.ingest([tmp_path / "in"], progress=False)
    by_name = {Path(o.path).name: o for o in summary.outcomes}
    assert "actuals.csv" not in by_name
    assert by_name["good.txt"].status == "ingested"
    assert by_name["empty.txt"].status == "failed" and "empty" in by_name["empty.txt"].reason
    assert by_name["image.png"].status == "failed" and "PNG" in by_name["image.png"].reason
    assert summary.exit_code == EXIT_FAILED
    assert [Path(d.path).name for d in store.documents()] == ["good.txt"]


def test_the_only_input_bad_is_exit_3_and_stores_nothing(store: Store, tmp_path: Path) -> None:
    summary = store.ingest([write(tmp_path / "empty.txt", b"   \n")], progress=False)
    assert summary.exit_code == EXIT_INPUT
    assert store.documents(current_only=False) == []


def test_size_limit_is_a_reported_failure(store: Store, tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", PLAN * 50)
    summary = store.ingest([big], max_bytes=100, progress=False)
    assert summary.failed and "over the limit" in summary.failed[0].reason


def test_command_line_overrides_apply_and_manifest_rows_win(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", PLAN)
    write(tmp_path / "in" / "b.txt", PLAN + "b\n")
    manifest = write(tmp_path / "in" / "manifest.csv",
                     "\ufeffpath,doc_type,region,year,period_start,period_end,title\n"
                     "b.txt,work_report,株洲市,2024,,,株洲市政府工作报告\n")
    summary = store.ingest([tmp_path / "in"], overrides=DocumentMeta(region="衡阳市"), manifest=manifest,
                           progress=False)
    assert len(summary.outcomes) == 2  # the manifest itself is not a document
    docs = {Path(d.path).name: d for d in store.documents()}
    assert (docs["a.txt"].region, docs["a.txt"].region_code) == ("衡阳市", None)
    assert (docs["b.txt"].doc_type, docs["b.txt"].region, docs["b.txt"].period, docs["b.txt"].title) == (
        "work_report", "株洲市", (2024, 2024), "株洲市政府工作报告")


def test_manifest_alone_names_the_files(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "docs" / "x.txt", PLAN)
    manifest = write(tmp_path / "m.csv", "path,region\ndocs/x.txt,涟源市\n")
    summary = store.ingest([], manifest=manifest, progress=False)
    assert [(Path(o.path).name, o.status) for o in summary.outcomes] == [("x.txt", "ingested")]


@pytest.mark.parametrize(("body", "line", "message"), [
    ("path,doc_type\nx.txt,planning\n", 2, "unknown doc_type 'planning'"),
    ("path,year\nx.txt,2024\nx.txt,2025\n", 3, "already listed on line 2"),
    ("path,year\nx.txt,twenty\n", 2, "year 'twenty' is not a year"),
    ("path,period_start,period_end\n\nx.txt,2025,2021\n", 3, "ends before it starts"),
    ("path,period_start\nx.txt,2021\n", 2, "give both period_start and period_end"),
    ("path,year,period_start,period_end\nx.txt,2021,2021,2025\n", 2, "not both"),
    ("path\nmissing.txt\n", 2, "no such file: missing.txt"),
    ("path,region\n,涟源市\n", 2, "the path is empty"),
    ("path,region\nx.txt,a,b\n", 2, "3 values but the header has 2"),
    ("file,region\nx.txt,a\n", 1, "no 'path' column"),
    ("path,colour\nx.txt,red\n", 1, "unknown column(s) 'colour'"),
])
def test_manifest_errors_name_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    write(tmp_path / "x.txt", PLAN)
    manifest = write(tmp_path / "list.csv", body)
    with pytest.raises(ManifestError) as caught:
        read_manifest(manifest)
    assert caught.value.line == line
    assert caught.value.message.startswith(f"{manifest}:{line}: ")
    assert message in caught.value.message


def test_manifest_that_is_not_utf8(tmp_path: Path) -> None:
    manifest = write(tmp_path / "m.csv", "path,region\nx.txt,涟源市\n".encode("gb18030"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        read_manifest(manifest)


def test_a_bad_manifest_stores_nothing(store: Store, tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", PLAN)
    manifest = write(tmp_path / "m.csv", "path,doc_type\nin/a.txt,plan\nin/a.txt,news\n")
    with pytest.raises(ManifestError):
        store.ingest([tmp_path / "in"], manifest=manifest, progress=False)
    assert store.documents(current_only=False) == []


def test_the_pure_step_runs_in_a_process_pool(store: Store, corpus_dir: Path) -> None:
    """The read + extract step is picklable in and out, so an engine can run it in parallel."""
    files = sorted(corpus_dir.glob("*.txt"))[:2]
    jobs, _ = plan_jobs(files)
    with ProcessPoolExecutor(max_workers=2) as pool:
        summary = store.ingest(files, progress=False, mapper=pool.map)
        pooled = list(pool.map(extract_job, jobs))
    assert [o.status for o in summary.outcomes] == ["ingested", "ingested"]
    assert [p.extraction.source.sha256 for p in pooled] == [d.sha256 for d in store.documents()]


def test_a_copied_file_is_the_same_document(store: Store, tmp_path: Path, corpus_dir: Path) -> None:
    original = sorted(corpus_dir.glob("*.txt"))[1]
    copy = tmp_path / "copy.txt"
    shutil.copy(original, copy)
    store.ingest([original], progress=False)
    outcome = store.ingest([copy], progress=False).outcomes[0]
    assert outcome.status == "unchanged" and str(original.resolve()) in outcome.reason  # stored paths are resolved


def test_stored_corpus_rebuilds_exactly_what_the_pipeline_extracts(store: Store, corpus_dir: Path) -> None:
    from planwatch.extract.pipeline import extract_document

    files = sorted(corpus_dir.glob("*.txt"))
    store.ingest(files, progress=False)
    for doc in store.documents():
        assert store.extraction(doc.id) == extract_document(doc.path)


def test_reingest_with_corrected_metadata_rereads_in_place(store: Store, tmp_path: Path) -> None:
    f = write(tmp_path / "report.txt", PLAN)
    first = store.ingest([f], progress=False).outcomes[0]
    same = store.ingest([f], overrides=DocumentMeta(region=store.document(first.document_id).region),
                        progress=False).outcomes[0]
    assert same.status == "unchanged"
    fixed = store.ingest([f], overrides=DocumentMeta(doc_type="work_report", region="娄底市", period=(2024, 2024)),
                         progress=False).outcomes[0]
    assert (fixed.status, fixed.document_id, fixed.version) == ("updated", first.document_id, 1)
    [doc] = store.documents(current_only=False)
    assert (doc.doc_type, doc.region, doc.period) == ("work_report", "娄底市", (2024, 2024))
    assert store.check() == []


def test_rows_the_database_refuses_fail_that_file_only(store: Store, tmp_path: Path) -> None:
    """A stage bug (a float where a Decimal belongs) costs one file, not the run."""
    from dataclasses import replace as change

    write(tmp_path / "in" / "a.txt", PLAN)
    write(tmp_path / "in" / "b.txt", PLAN + "b\n")

    def corrupting_map(step, jobs):
        for result in map(step, jobs):
            if result.job.path.endswith("a.txt"):
                ex = result.extraction
                broken = Observation("地区生产总值", "level", 0.5, "亿元", 2020, Span(0, 1))  # type: ignore[arg-type]
                result = change(result, extraction=change(ex, observations=(broken,)))
            yield result

    summary = ingest_paths(store, [tmp_path / "in"], progress=False, mapper=corrupting_map)
    assert [(Path(o.path).name, o.status) for o in summary.outcomes] == [("a.txt", "failed"), ("b.txt", "ingested")]
    assert "cannot store it: float 0.5" in summary.failed[0].reason
    assert [Path(d.path).name for d in store.documents()] == ["b.txt"]
    assert store.check() == []
