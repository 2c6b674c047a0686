"""The PDF reader puts back together a number that a line wrap cut in two (23 / 4.27亿元), and
leaves every other wrap as before. Real PDFs written with PyMuPDF, read by the real reader."""

from __future__ import annotations

from pathlib import Path

import pymupdf
from pdf_samples import FONT, SIZE, wrap

from planwatch.ingest.reader import read_document

LEFT = 72.0
WIDTH = 30 * SIZE
FILLER = "全县一般公共预算收入稳步增长，全年实现财政总收入达到了较高水平并继续保持在全省前列，财政总收入"
REST = "，比上年增长6.5%，其中税收收入占比提高到百分之七十以上，财政收入质量进一步提升，保障能力明显增强。"


def _lines_cut_at(number: str, head: str) -> list[str]:
    """A paragraph about ``number`` wrapped so that its first (indented) line ends with ``head``,
    the first part of the number: the filler before it is shortened until the wrap falls there."""
    for n in range(len(FILLER), 0, -1):
        text = FILLER[:n] + number + REST
        first = wrap(text, WIDTH - 2 * SIZE)[0]
        if first.endswith(head) and first.endswith(FILLER[n - 1] + head):
            return [first, *wrap(text[len(first):], WIDTH)]
    raise AssertionError(f"no filler length wraps {number} after {head}")


def _write(path: Path, paragraphs: list[list[str]]) -> None:
    """One page; each paragraph's lines flush left after an indented first line, a gap between."""
    document = pymupdf.open()
    page = document.new_page()
    y = 100.0
    for lines in paragraphs:
        for i, line in enumerate(lines):
            page.insert_text((LEFT + (2 * SIZE if i == 0 else 0.0), y), line, fontname=FONT, fontsize=SIZE)
            y += SIZE * 1.5
        y += SIZE * 2
    document.save(str(path))


def test_a_number_cut_by_the_line_end_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "wrapped.pdf"
    lines = _lines_cut_at("234.27亿元", "23")
    _write(path, [lines])
    text = read_document(path).text
    assert "234.27亿元" in text
    assert "23 4.27" not in text
    assert REST[:20] in text  # the rest of the paragraph is joined as before


def test_a_number_cut_at_its_decimal_point_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "point.pdf"
    _write(path, [_lines_cut_at("15.8亿元", "15."), _lines_cut_at("12.6亿元", "12")])
    text = read_document(path).text
    assert "15.8亿元" in text and "12.6亿元" in text


def test_a_cjk_line_end_before_a_number_joins_as_before(tmp_path: Path) -> None:
    path = tmp_path / "cjk.pdf"
    lines = _lines_cut_at("234.27亿元", "")
    _write(path, [lines])
    assert "234.27亿元" in read_document(path).text


def test_latin_words_still_join_with_a_space(tmp_path: Path) -> None:
    path = tmp_path / "latin.pdf"
    document = pymupdf.open()
    page = document.new_page()
    for y, line in ((100, "The county budget revenue reached 2024 figures of"),
                    (116, "record size and grew again in the following year too.")):
        page.insert_text((LEFT, y), line, fontname="helv", fontsize=SIZE)
    document.save(str(path))
    assert "figures of record size" in read_document(path).text
