"""Property tests: every span the readers build or find indexes the text exactly."""

from __future__ import annotations

from conftest import assert_span_text
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.ingest.builder import TextBuilder, join_wrapped
from planwatch.ingest.plain_text import find_blocks

PIECES = st.text(alphabet=st.sampled_from("规划目标增长率GDP 8.4%\t\n\r\u3000二〇三五年ab，。"), max_size=30)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(
    st.tuples(st.just("line"), PIECES),
    st.tuples(st.just("table"), st.lists(st.lists(PIECES, min_size=1, max_size=4), min_size=1, max_size=4)),
), max_size=8))
def test_built_spans_index_the_built_text(items):
    builder = TextBuilder()
    for kind, payload in items:
        if kind == "line":
            builder.add_line(payload)
        else:
            builder.add_table(payload)
    text, blocks = builder.build()
    for block in blocks:
        assert 0 <= block.span.start <= block.span.end <= len(text)
        line_text = block.span.of(text)
        if block.kind == "table":
            assert line_text.count("\n") == len(block.rows) - 1
            for row in block.rows:
                for cell in row:
                    assert "\t" not in cell.text and "\n" not in cell.text
                    assert_span_text(text, cell.span, cell.text)
        else:
            assert line_text and "\n" not in line_text and line_text == line_text.strip()
    starts = [b.span.start for b in blocks]
    assert starts == sorted(starts)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from("规划 \t\r\n\u3000|#-8.4%"), max_size=120), st.booleans())
def test_plain_blocks_are_the_non_blank_lines(text, markdown):
    blocks = find_blocks(text, markdown=markdown)
    for block in blocks:
        assert_span_text(text, block.span, block.span.of(text))
        for row in block.rows:
            for cell in row:
                assert_span_text(text, cell.span, cell.text)
    if not markdown:
        lines = [line.strip() for line in text.replace("\r", "\n").split("\n") if line.strip()]
        assert [b.span.of(text) for b in blocks] == lines


def test_wrapped_lines_join_without_space_in_chinese_and_with_one_in_latin():
    assert join_wrapped(["到二〇三五年，基本实", "现社会主义现代化"]) == "到二〇三五年，基本实现社会主义现代化"
    assert join_wrapped(["GDP grows by seven", "percent a year"]) == "GDP grows by seven percent a year"
    assert join_wrapped(["增长率达到", "8.4%"]) == "增长率达到8.4%"
    assert join_wrapped(["total of 8.4", "percent"]) == "total of 8.4 percent"
