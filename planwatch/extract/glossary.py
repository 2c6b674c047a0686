"""PLACEHOLDER (owner: glossary). Replace entirely."""
from collections.abc import Sequence
from planwatch.model import GlossaryTerm, Section

def extract_glossary(text: str, sections: Sequence[Section]) -> list[GlossaryTerm]:
    return []
