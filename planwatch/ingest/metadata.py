"""PLACEHOLDER (owner: metadata). Replace entirely."""
from planwatch.model import DocumentMeta, SourceText

def detect_metadata(source: SourceText) -> DocumentMeta:
    return DocumentMeta()
