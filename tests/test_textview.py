"""The normalised view must map every position back to the original text."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from planwatch.ingest.textview import normalize

SAMPLES = [
    "到 2025 年，地区生产总值年均增长 8.4 % 左右",
    "“ 十四五 ” 时期，二 〇 三五 年远景目标",
    "ＧＤＰ增长６．５％，全年１６．４亿元\r\n第二行",
    "GDP 80 强县",
]


def test_pdf_spacing_and_fullwidth_are_normalised() -> None:
    assert normalize(SAMPLES[0]).text == "到2025年，地区生产总值年均增长8.4%左右"
    assert normalize(SAMPLES[1]).text == "“十四五”时期，二〇三五年远景目标"
    assert normalize(SAMPLES[2]).text == "GDP增长6.5%，全年16.4亿元\n第二行"
    assert normalize(SAMPLES[3]).text == "GDP 80强县"  # a space between Latin words/digits stays


def test_spans_map_back_to_the_original_characters() -> None:
    text = SAMPLES[0]
    view = normalize(text)
    i = view.text.index("8.4%")
    assert view.orig_span(i, i + 4).of(text) == "8.4 %"
    i = view.text.index("2025年")
    assert view.orig_span(i, i + 5).of(text) == "2025 年"
    full = normalize(SAMPLES[2])
    i = full.text.index("16.4亿元")
    assert full.orig_span(i, i + 6).of(SAMPLES[2]) == "１６．４亿元"


def test_empty_and_end_positions() -> None:
    view = normalize("")
    assert view.text == "" and view.orig_span(0, 0).as_list() == [0, 0]
    view = normalize("ab  ")
    assert view.orig_index(len(view.text)) == 4


_alphabet = st.sampled_from(list("年增长8.4%亿元 \t\r\n“”ＧＤＰ１２ab二〇"))


@given(st.text(alphabet=_alphabet, max_size=60))
def test_every_normalised_char_comes_from_an_original_char(text: str) -> None:
    view = normalize(text)
    for i, ch in enumerate(view.text):
        o = view.orig_index(i)
        assert normalize(text[o]).text in (ch, "")  # the same character, normalised
        span = view.orig_span(i, i + 1)
        assert span.end - span.start == 1
    # nothing but whitespace is ever dropped
    def strip(s: str) -> str:
        return re.sub(r"\s", "", s)

    assert strip(view.text) == strip("".join(normalize(c).text for c in text))
