"""Shared fixtures: where the sample corpus and gold answers are, and temporary stores.

The shared folder sits beside the checkout for developers and CI; a user's clone does not
have it, so tests on the real documents are skipped there (never faked).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


@pytest.fixture(scope="session")
def gold() -> dict[str, dict]:
    if not GOLD.is_dir():
        pytest.skip("../shared/gold is not beside this checkout")
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD.glob("*.json"))}


def assert_span_text(text: str, span, expected: str) -> None:
    """The one span assertion: the span's characters are exactly what was claimed."""
    start, end = (span.start, span.end) if hasattr(span, "start") else span
    assert 0 <= start <= end <= len(text), f"span {start}:{end} outside text of {len(text)}"
    assert text[start:end] == expected, f"span {start}:{end} is {text[start:end]!r}, not {expected!r}"
