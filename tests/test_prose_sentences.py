"""Sentence and clause bounds (extract/sentences.py) and the quantity index
(extract/quantities.py QuantityIndex) that the clause and name readers share."""

from __future__ import annotations

from planwatch.extract.quantities import QuantityIndex, find_quantities
from planwatch.extract.sentences import MAX_SENTENCE, clause_start, sentence_bounds
from planwatch.extract.vocabulary import vocabulary


def test_a_sentence_ends_at_its_stop_and_at_a_line_end() -> None:
    text = "全年粮食产量12万吨。农业增加值增长3.5%，比上年提高0.4个百分点\n下一行"
    start, end = sentence_bounds(text, text.index("3.5"))
    assert text[start:end] == "农业增加值增长3.5%，比上年提高0.4个百分点"


def test_a_line_end_after_a_comma_is_a_wrapped_line_not_a_sentence_end() -> None:
    text = "城镇新增就业1200人，\n城镇调查失业率控制在5.5%以内。"
    start, end = sentence_bounds(text, text.index("5.5"))
    assert (start, end) == (0, text.index("。"))


def test_a_sentence_without_punctuation_stops_looking_back_at_its_limit() -> None:
    text = "甲" * (MAX_SENTENCE + 50) + "增长6%"
    pos = text.index("6%")
    assert sentence_bounds(text, pos) == (pos - MAX_SENTENCE, len(text))


def test_a_clause_starts_after_the_last_comma_or_colon_not_before_the_floor() -> None:
    text = "主要目标：地区生产总值增长6%，一般公共预算收入增长5%。"
    assert text[clause_start(text, text.index("5%"), 0):text.index("5%")] == "一般公共预算收入增长"
    assert clause_start(text, text.index("6%"), 6) == 6


def test_quantity_index_answers_between_and_next() -> None:
    text = "城镇、农村居民人均可支配收入分别增长7%、8%，新建学校3所。"
    quantities = find_quantities(text, vocabulary())
    index = QuantityIndex(quantities, len(text))
    seven, eight, schools = (q.start for q in quantities)
    assert index.between(seven, schools) and not index.between(eight, schools)
    assert index.next_start(seven) == eight
    assert index.next_start(schools) == len(text)
    assert index.start_of_end[text.index("、8%")] == seven  # walking back over a list
