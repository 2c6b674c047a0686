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


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="森林ＧＤＰgdp ８80,.'\\:é中ΣΑ_-", max_size=40))
def test_postgres_body_literal_same_as_token_by_token(text: str) -> None:
    from planwatch.store.search_postgres import _tokens, body_literal, tsvector_literal

    assert body_literal(text) == tsvector_literal(_tokens(text))


def test_postgres_body_literal_caps_positions() -> None:
    from planwatch.store.search_postgres import MAX_POSITION, body_literal

    parts = body_literal("森" * (MAX_POSITION + 3)).split()
    assert parts[0] == "'森':1" and parts[-4:] == [f"'森':{MAX_POSITION}"] * 4
