"""PLACEHOLDER (owner: prose). Replace entirely."""
from collections.abc import Sequence
from planwatch.model import DocumentMeta, IndicatorTable, Observation, Section, SourceText, Target

def extract_prose(source: SourceText, meta: DocumentMeta, sections: Sequence[Section],
                  tables: Sequence[IndicatorTable], catalogue: object) -> tuple[list[Target], list[Observation]]:
    return [], []
