"""Encoding detection on bytes, and the five corpus documents read exactly as they are."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.errors import BinaryFileError, UndecodableError
from planwatch.ingest.encoding import canonical_codec, decode_bytes
from planwatch.ingest.reader import read_document

# 镕 and 喆 are in GBK/GB18030 but not in GB2312; 𠮷 needs GB18030's four-byte form.
CHINESE = "“十四五”时期，石峰区GDP年均增长8.4%，到二〇三五年人均收入翻一番。朱镕基 陶喆 𠮷野家\r\n"


@pytest.mark.parametrize(("raw", "encoding", "text"), [
    (CHINESE.encode("utf-8"), "utf-8", CHINESE),
    (codecs.BOM_UTF8 + CHINESE.encode("utf-8"), "utf-8-sig", CHINESE),
    (CHINESE.encode("gb18030"), "gb18030", CHINESE),
    (codecs.BOM_UTF16_LE + CHINESE.encode("utf-16-le"), "utf-16-le", CHINESE),
    (codecs.BOM_UTF16_BE + CHINESE.encode("utf-16-be"), "utf-16-be", CHINESE),
    (CHINESE.encode("utf-16-le"), "utf-16-le", CHINESE),
    (CHINESE.encode("utf-16-be"), "utf-16-be", CHINESE),
    (codecs.BOM_UTF32_LE + CHINESE.encode("utf-32-le"), "utf-32-le", CHINESE),
])
def test_each_encoding_is_detected(raw, encoding, text):
    decoded = decode_bytes(raw)
    assert (decoded.encoding, decoded.text) == (encoding, text)


def test_gbk_text_decodes_as_gb18030():
    text = "湖南省株洲市石峰区人民政府关于印发《国民经济和社会发展规划》的通知\n" * 20
    assert decode_bytes(text.encode("gbk")).text == text
    assert decode_bytes(text.encode("gbk")).encoding == "gb18030"


def test_declared_charset_is_used_when_it_decodes():
    text = "地區生產總值（億元）"
    assert decode_bytes(text.encode("big5"), declared="big5").text == text
    # A declaration the bytes contradict is ignored.
    assert decode_bytes(text.encode("utf-8"), declared="gbk").encoding == "utf-8"


def test_other_encodings_fall_back_to_charset_normalizer():
    text = ("La planification économique française a fixé des objectifs très ambitieux pour "
            "l'année prochaine : la croissance, l'emploi et la réduction des émissions. ") * 8
    decoded = decode_bytes(text.encode("cp1252"))
    assert decoded.text == text
    assert decoded.encoding not in ("utf-8", "gb18030")


def test_undecodable_bytes_report_the_utf8_offset():
    raw = "规划纲要".encode() * 30
    with pytest.raises(UndecodableError, match=f"offset {len(raw)}") as caught:
        decode_bytes(raw + b"\xff\x80\x80\x80", path="x.txt")
    assert caught.value.path == "x.txt"


def test_bom_with_broken_body_is_undecodable():
    with pytest.raises(UndecodableError, match="byte-order mark"):
        decode_bytes(codecs.BOM_UTF8 + "规划".encode() + b"\xff")


def test_nul_bytes_that_are_not_utf16_mean_binary():
    with pytest.raises(BinaryFileError):
        decode_bytes(b"PK\x03\x04\x00\x00\x08\x00" + bytes(range(256)))


def test_codec_names():
    assert canonical_codec("GB2312") == "gb18030"
    assert canonical_codec("UTF8") == "utf-8"
    assert canonical_codec("x-gbk") == "gb18030"


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(codec="gb18030", exclude_categories=("Cc", "Cs")), min_size=1))
def test_utf8_round_trips_any_text(text):
    assert decode_bytes(text.encode("utf-8")).text == text


def test_corpus_is_utf8_and_read_exactly(corpus_dir):
    files = sorted(corpus_dir.glob("*.txt"))
    assert len(files) == 5
    for path in files:
        source = read_document(path)
        assert source.encoding == "utf-8"
        assert source.format == "text"
        assert source.text == path.read_bytes().decode("utf-8")
        lines = [line.strip() for line in source.text.splitlines() if line.strip()]
        assert [block.span.of(source.text) for block in source.blocks] == lines


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_or_ascii_is_recognised_by_its_han(codec):
    text = "中华人民共和国国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要，“十四五”时期。"
    assert "\x00" not in text.encode(codec).decode("latin-1")
    assert decode_bytes(text.encode(codec)).encoding == codec
    assert decode_bytes(text.encode(codec)).text == text


@settings(max_examples=80, deadline=None)
@given(st.text(alphabet=st.sampled_from("的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动"
                                         "同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二"
                                         "理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社"
                                         "义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没"
                                         "，。、；：“”（）《》〇"), min_size=12, max_size=400))
def test_gb18030_chinese_is_never_taken_for_utf16(text):
    # Under a dozen characters, GB18030 bytes can happen to be valid UTF-8 (一为 is D2BB CEAA,
    # i.e. "һΪ"): strict UTF-8 is proof only for text of some length, which documents have.
    assert decode_bytes(text.encode("gb18030")).text == text


def test_big5_is_not_read_as_gb18030():
    text = "地區生產總值年均增長百分之八，到二零三五年基本實現社會主義現代化。" * 3
    decoded = decode_bytes(text.encode("big5"))
    assert decoded.text == text
    assert decoded.encoding == "big5"
