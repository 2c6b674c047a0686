"""The library's public names are a promise: this pins them and runs the README's example."""

from __future__ import annotations

from pathlib import Path

import planwatch

PUBLIC = {
    "Catalogue", "DocumentMeta", "Extraction", "GlossaryTerm", "IndicatorRow", "IndicatorTable", "InputError",
    "Observation", "PlanwatchError", "Section", "SourceText", "Span", "Store", "StoreError", "Target",
    "audit_document", "audit_tables", "default_catalogue", "evaluate_region", "extract_document",
    "extract_source", "extraction_to_json", "normalize", "read_bytes", "read_document",
}


def test_public_names_are_pinned() -> None:
    assert set(planwatch.__all__) == PUBLIC
    for name in PUBLIC:
        assert getattr(planwatch, name) is not None


def test_readme_library_example(tmp_path: Path) -> None:
    doc = tmp_path / "plan.txt"
    doc.write_text("青岚县国民经济和社会发展第十四个五年规划纲要\n第一章 发展目标\n"
                   "到2025年，全县地区生产总值达到500亿元，年均增长7%左右。\n", encoding="utf-8")
    ex = planwatch.extract_document(doc)
    quotes = {(t.metric, t.value, ex.source.text[t.span.start:t.span.end]) for t in ex.targets}
    metrics = {(m, str(v)) for m, v, _ in quotes}
    assert ("level", "500") in metrics and ("growth_avg", "7") in metrics
    assert all(q for _, _, q in quotes)
    store = planwatch.Store.open(str(tmp_path / "pw.db"))
    summary = store.ingest([str(doc)], progress=False)
    assert len(store.documents()) == 1, summary


def test_every_command_is_in_the_readme_and_has_examples_in_help() -> None:
    from click.testing import CliRunner

    from planwatch.cli import COMMAND_MODULES, cli

    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    for name in COMMAND_MODULES:
        assert f"planwatch {name}" in readme, f"`planwatch {name}` is not in the README"
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        assert "planwatch" in result.output and len(result.output) > 200, f"{name} --help teaches little"
