"""PLACEHOLDER (owner: ingest readers). Replace entirely."""
from __future__ import annotations
import hashlib
from pathlib import Path
from planwatch.model import SourceText

def read_document(path: str | Path, *, max_bytes: int | None = None) -> SourceText:
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8-sig")
    return SourceText(str(path), text, hashlib.sha256(raw).hexdigest(), "utf-8", "text", (), len(raw))
