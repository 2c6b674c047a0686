"""Performance fixes made for ingest throughput (docs/performance.md) change no result: the fast
text normalisation gives exactly the view the straightforward implementation gave."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.ingest import textview
from planwatch.ingest.textview import TextView, normalize


def reference_normalize(text: str) -> TextView:
    """The original implementation: translate every character, scan the whole text."""
    translated = text.translate(textview._FULLWIDTH)
    pieces, starts, origins = [], [], []
    pos = out_len = 0
    for m in textview._DELETABLE.finditer(translated):
        if m.start() > pos:
            starts.append(out_len)
            origins.append(pos)
            pieces.append(translated[pos:m.start()])
            out_len += m.start() - pos
        pos = m.end()
    if pos < len(translated) or not starts:
        starts.append(out_len)
        origins.append(pos)
        pieces.append(translated[pos:])
    return TextView("".join(pieces), len(text), tuple(starts), tuple(origins))


ALPHABET = "ab9 \t\r\n\f\v\u3000\u00a0\u2212\u2013年森％（）ＧＤＰ，８.%"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40))
def test_normalize_same_as_reference(text: str) -> None:
    assert normalize(text) == reference_normalize(text)


def test_normalize_examples() -> None:
    for text in ["GDP 80", "8.4 %", "a  b", "a\r\n b", "２０２５ 年 ", "“ 十四五 ”", "二 〇 三五", " ", "", "\r"]:
        assert normalize(text) == reference_normalize(text), text
    assert normalize("增长８．４ ％").text == "增长8.4%"


def _positions(literal: str) -> list[tuple[str, list[int]]]:
    """A tsvector literal's entries as (lexeme, positions), in the literal's order."""
    entries = []
    for entry in literal.split():
        lexeme, _, positions = entry.rpartition(":")
        entries.append((lexeme, [int(p) for p in positions.split(",")]))
    return entries


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="森林ＧＤＰgdp ８80,.'\\:é中ΣΑ_-", max_size=40))
def test_postgres_body_literal_same_as_token_by_token(text: str) -> None:
    """The grouped literal holds each token once with the positions it has token by token,
    lexemes in code-point order (the server's order for UTF-8)."""
    from planwatch.store.search_postgres import _tokens, body_literal, tsvector_literal

    expected: dict[str, list[int]] = {}
    for lexeme, positions in _positions(tsvector_literal(_tokens(text))):
        expected.setdefault(lexeme, []).extend(positions)
    assert _positions(body_literal(text)) == sorted(expected.items())


def test_postgres_body_literal_caps_positions() -> None:
    from planwatch.store.search_postgres import MAX_POSITION, body_literal

    [(lexeme, positions)] = _positions(body_literal("森" * (MAX_POSITION + 3)))
    assert lexeme == "'森'" and positions[0] == 1 and positions[-4:] == [MAX_POSITION] * 4
    assert len(positions) == MAX_POSITION + 3
