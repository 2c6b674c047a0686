"""Glossary (名词解释) extraction against the gold terms and on small texts."""

from __future__ import annotations

import re

from planwatch.extract.glossary import extract_glossary
from planwatch.parse.structure import parse_sections


def fold(s: str) -> str:
    """As the scorer folds terms: no spaces, quotes or a trailing bracket."""
    s = s.translate({0x3000: " ", 0xFF08: "(", 0xFF09: ")"})
    s = re.sub(r"[\s“”\"'‘’「」《》]", "", s)
    return re.sub(r"\([^()]*\)?$", "", s) if not s.startswith("(") else s


def test_all_gold_terms_of_000_and_no_others(corpus_dir, gold) -> None:
    text = (corpus_dir / "000_6d30eace15c0d417.txt").read_text(encoding="utf-8")
    terms = extract_glossary(text, parse_sections(text))
    expected = [fold(g["term"]) for g in gold["000_6d30eace15c0d417"]["glossary"]]
    assert [fold(t.term) for t in terms] == expected
    for entry, answer in zip(terms, gold["000_6d30eace15c0d417"]["glossary"], strict=True):
        start = text.index(answer["quote"])
        assert entry.span.start <= start < entry.span.end  # the entry's span covers the gold quote
        assert text[entry.span.start : entry.span.end].strip() == text[entry.span.start : entry.span.end]


def test_000_definitions(corpus_dir) -> None:
    text = (corpus_dir / "000_6d30eace15c0d417.txt").read_text(encoding="utf-8")
    terms = {t.term: t for t in extract_glossary(text, parse_sections(text))}
    assert terms["三高四新"].definition.startswith("指的是着力打造国家重要先进制造业")
    assert terms["大智物移云"].definition == "大数据、智能化、物联网、移动互联网、云计算。"
    assert terms["1+N"].definition.startswith("“1”即网格员")
    assert text[terms["双减"].span.start : terms["双减"].span.end].startswith("22. 义务教育“双减”政策:")


def test_no_glossary_in_documents_without_one(corpus_dir) -> None:
    for stem in ("002_7639c02c9fdb3ff9", "004_8ea32ed0690f39a6"):
        text = (corpus_dir / f"{stem}.txt").read_text(encoding="utf-8")
        assert extract_glossary(text, parse_sections(text)) == []


def test_plain_and_numbered_entries_with_continuation() -> None:
    text = (
        "第一章 总则\n正文里也有冒号:这不是术语。\n"
        "附：名词解释\n"
        "1. 一中心四平台：区网格指挥中心,综合治理、\n综合执法四个平台。\n"
        "(2) “三线一单”：生态保护红线、环境质量底线。\n"
        "四新经济：新技术、新产业、新业态、新模式。\n"
    )
    terms = extract_glossary(text, parse_sections(text))
    assert [(t.term, t.definition) for t in terms] == [
        ("一中心四平台", "区网格指挥中心,综合治理、综合执法四个平台。"),
        ("三线一单", "生态保护红线、环境质量底线。"),
        ("四新经济", "新技术、新产业、新业态、新模式。"),
    ]
    entry = text[terms[0].span.start : terms[0].span.end]
    assert entry == "1. 一中心四平台：区网格指挥中心,综合治理、\n综合执法四个平台。"
