"""PLACEHOLDER (owner: structure). Replace entirely."""
from planwatch.model import Section

def parse_sections(text: str) -> list[Section]:
    return []
