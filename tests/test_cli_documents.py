"""``planwatch ingest``, ``documents`` and ``show`` through the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PLAN = "涟源市国民经济和社会发展第十四个五年规划纲要\n第一章 发展目标\n到2025年，地区生产总值达到500亿元。\n"


def planwatch(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None):
    full_env = {k: v for k, v in os.environ.items() if k != "PLANWATCH_DB"}
    full_env.update({"PYTHONPATH": str(ROOT), "COLUMNS": "200", **(env or {})})
    return subprocess.run([sys.executable, "-m", "planwatch", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, env=full_env, timeout=300)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("cli") / "corpus.db"
    result = planwatch("ingest", corpus_dir / "000_6d30eace15c0d417.txt", corpus_dir / "004_8ea32ed0690f39a6.txt",
                       "--db", db)
    assert result.returncode == 0, result.stderr
    assert "ingested 2, unchanged 0, failed 0" in result.stderr
    return db


def test_reingest_reports_unchanged(corpus_db: Path, corpus_dir: Path) -> None:
    result = planwatch("ingest", corpus_dir / "000_6d30eace15c0d417.txt", "--db", corpus_db, "--json")
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["ingested"], summary["unchanged"], summary["failed"]) == (0, 1, 0)


def test_documents_json_lists_what_was_stored(corpus_db: Path) -> None:
    result = planwatch("documents", "--db", corpus_db, "--json")
    assert result.returncode == 0, result.stderr
    docs = json.loads(result.stdout)
    assert [(Path(d["path"]).name[:3], d["doc_type"], d["region"], d["period"]) for d in docs] == [
        ("000", "plan", "株洲市石峰区", [2021, 2025]), ("004", "plan", "涟源市", [2021, 2025])]
    assert all(len(d["sha256"]) == 64 and d["version"] == 1 and d["is_current"] for d in docs)


def test_documents_table_for_people(corpus_db: Path) -> None:
    result = planwatch("documents", "--db", corpus_db)
    assert result.returncode == 0, result.stderr
    assert "涟源市" in result.stdout and "2021–2025" in result.stdout


def test_show_by_sha_prefix_and_path(corpus_db: Path, corpus_dir: Path) -> None:
    docs = json.loads(planwatch("documents", "--db", corpus_db, "--json").stdout)
    lianyuan = next(d for d in docs if d["region"] == "涟源市")
    by_sha = planwatch("show", lianyuan["sha256"][:8], "--db", corpus_db, "--json")
    assert by_sha.returncode == 0, by_sha.stderr
    shown = json.loads(by_sha.stdout)
    assert (shown["id"], shown["chars"]) == (lianyuan["id"], lianyuan["chars"])
    assert len(shown["sections"]) == shown["counts"]["sections"]
    by_path = planwatch("show", corpus_dir / "004_8ea32ed0690f39a6.txt", "--db", corpus_db)
    assert by_path.returncode == 0, by_path.stderr
    assert lianyuan["sha256"] in by_path.stdout and "涟源市" in by_path.stdout


def test_unknown_document_is_a_clear_error(corpus_db: Path) -> None:
    result = planwatch("show", "no-such-doc", "--db", corpus_db)
    assert result.returncode == 1
    assert "no document 'no-such-doc'" in result.stderr and "Traceback" not in result.stderr


def test_bad_and_unwritable_databases(tmp_path: Path) -> None:
    bad_url = planwatch("documents", "--db", "oracle://x/y")
    assert bad_url.returncode == 4 and "unsupported database 'oracle'" in bad_url.stderr
    missing = planwatch("documents", "--db", tmp_path / "none.db")
    assert missing.returncode == 4 and f"no database at {tmp_path / 'none.db'}" in missing.stderr
    doc = tmp_path / "plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        unwritable = planwatch("ingest", doc, "--db", locked / "pw.db")
    finally:
        locked.chmod(0o700)
    if os.geteuid() != 0:  # root writes anywhere
        assert unwritable.returncode == 4 and str(locked / "pw.db") in unwritable.stderr
    assert "Traceback" not in unwritable.stderr
    a_folder = planwatch("ingest", doc, "--db", tmp_path)
    assert a_folder.returncode == 4 and f"cannot open database {tmp_path}" in a_folder.stderr
    under_a_file = planwatch("ingest", doc, "--db", doc / "pw.db")
    assert under_a_file.returncode == 4 and f"{doc} is not a folder" in under_a_file.stderr


def test_exit_codes_for_bad_inputs(tmp_path: Path) -> None:
    db = tmp_path / "pw.db"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    only_bad = planwatch("ingest", empty, "--db", db)
    assert only_bad.returncode == 3
    assert "empty.txt: the file is empty" in only_bad.stderr and "failed 1" in only_bad.stderr
    binary = tmp_path / "data.bin"
    binary.write_bytes(bytes(range(256)) * 64)
    good = tmp_path / "good.txt"
    good.write_text(PLAN, encoding="utf-8")
    mixed = planwatch("ingest", empty, binary, good, "--db", db, "--json")
    assert mixed.returncode == 1, mixed.stderr
    summary = json.loads(mixed.stdout)
    assert [(Path(f["path"]).name, f["status"]) for f in summary["files"]] == [
        ("empty.txt", "failed"), ("data.bin", "failed"), ("good.txt", "ingested")]
    docs = json.loads(planwatch("documents", "--db", db, "--json").stdout)
    assert [Path(d["path"]).name for d in docs] == ["good.txt"]


def test_manifest_error_names_line_and_exits_3(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PLAN, encoding="utf-8")
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,doc_type\na.txt,plan\nb.txt,plan\n", encoding="utf-8")
    result = planwatch("ingest", "--manifest", manifest, "--db", tmp_path / "pw.db")
    assert result.returncode == 3
    assert f"{manifest}:3: no such file: b.txt" in result.stderr


def test_overrides_from_the_command_line(tmp_path: Path) -> None:
    doc = tmp_path / "report.txt"
    doc.write_text(PLAN, encoding="utf-8")
    db = tmp_path / "pw.db"
    result = planwatch("ingest", doc, "--db", db, "--doc-type", "work_report", "--region", "娄底市",
                       "--year", "2024", "--title", "政府工作报告")
    assert result.returncode == 0, result.stderr
    [stored] = json.loads(planwatch("documents", "--db", db, "--json").stdout)
    assert (stored["doc_type"], stored["region"], stored["period"], stored["title"]) == (
        "work_report", "娄底市", [2024, 2024], "政府工作报告")


def test_db_from_environment_and_usage_errors(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text(PLAN, encoding="utf-8")
    result = planwatch("ingest", doc, env={"PLANWATCH_DB": str(tmp_path / "env.db")})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "env.db").is_file()
    assert planwatch("ingest", "--db", tmp_path / "x.db").returncode == 2  # no PATH, no manifest
    assert planwatch("ingest", doc, "--year", "2024", "--period", "2021", "2025").returncode == 2


@pytest.mark.parametrize("name", ["ingest", "documents", "show"])
def test_help_has_examples(name: str) -> None:
    result = planwatch(name, "--help")
    assert result.returncode == 0
    assert "Examples:" in result.stdout and f"planwatch {name}" in result.stdout and "--db" in result.stdout


def test_a_folder_holding_the_database_and_nothing_else(tmp_path: Path) -> None:
    """The store's own files are never ingested; an input with no documents is exit 3."""
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    first = planwatch("ingest", ".", "--db", "pw.db", "--json", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert [Path(f["path"]).name for f in json.loads(first.stdout)["files"]] == ["plan.txt"]
    (tmp_path / "plan.txt").unlink()
    (tmp_path / "empty").mkdir()
    nothing = planwatch("ingest", "empty", "--db", "pw.db", cwd=tmp_path)
    assert nothing.returncode == 3 and "empty: no documents found" in nothing.stderr
