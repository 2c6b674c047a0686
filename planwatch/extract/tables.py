"""PLACEHOLDER (owner: tables). Replace entirely."""
from collections.abc import Sequence
from planwatch.model import IndicatorTable, Section, SourceText

def extract_tables(source: SourceText, sections: Sequence[Section], catalogue: object) -> list[IndicatorTable]:
    return []
