"""Word specifics: automatic Chinese numbering written out, soft line breaks, nested tables."""

from __future__ import annotations

import docx
import pytest
from conftest import assert_span_text
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from planwatch.ingest.reader import read_document
from planwatch.ingest.word_numbering import chinese_counting

# One list definition as WPS and Word write it for plan outlines: 第一章 / 一、 / （一）.
ABSTRACT = f"""<w:abstractNum {nsdecls('w')} w:abstractNumId="90">
  <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="space"/>
    <w:lvlText w:val="第%1章"/></w:lvl>
  <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="%2、"/></w:lvl>
  <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
    <w:lvlText w:val="（%3）"/></w:lvl>
  <w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="●"/></w:lvl>
</w:abstractNum>"""
NUM = f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'


def _numbered(document, text: str, level: int):
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    return paragraph


def test_automatic_chinese_numbering_is_written_out(tmp_path):
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(ABSTRACT))
    numbering.append(parse_xml(NUM))
    _numbered(document, "发展基础", 0)
    _numbered(document, "经济实力显著增强", 1)
    _numbered(document, "地区生产总值年均增长8.4%。", 2)
    _numbered(document, "固定资产投资年均增长11.3%。", 2)
    _numbered(document, "不计数的要点。", 3)
    _numbered(document, "生态环境持续改善", 1)
    _numbered(document, "空气优良天数比例达到90%。", 2)
    _numbered(document, "主要目标", 0)
    _numbered(document, "经济发展", 1)
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    source = read_document(path)
    assert source.text.split("\n") == [
        "第一章 发展基础", "一、经济实力显著增强", "（一）地区生产总值年均增长8.4%。",
        "（二）固定资产投资年均增长11.3%。", "不计数的要点。", "二、生态环境持续改善",
        "（一）空气优良天数比例达到90%。", "第二章 主要目标", "一、经济发展"]
    for block in source.blocks:
        assert_span_text(source.text, block.span, source.text[block.span.start:block.span.end])


@pytest.mark.parametrize(("n", "text"), [(1, "一"), (10, "十"), (14, "十四"), (20, "二十"), (35, "三十五"),
                                         (100, "一百"), (105, "一百零五")])
def test_chinese_counting(n, text):
    assert chinese_counting(n) == text


def test_soft_breaks_join_and_nested_tables_flatten(tmp_path):
    document = docx.Document()
    paragraph = document.add_paragraph("到二〇三五年，基本实现")
    paragraph.add_run().add_break()
    paragraph.add_run("社会主义现代化。")
    document.add_heading("附表 主要指标", level=2)
    outer = document.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "指标"
    outer.cell(0, 1).text = "目标"
    outer.cell(1, 0).text = "常住人口城镇化率（%）"
    inner = outer.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "2025年"
    inner.cell(0, 1).text = "75"
    path = tmp_path / "nested.docx"
    document.save(str(path))
    source = read_document(path)
    assert source.blocks[0].span.of(source.text) == "到二〇三五年，基本实现社会主义现代化。"
    assert source.blocks[1].kind == "heading"
    table = source.blocks[2]
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["指标", "目标"], ["常住人口城镇化率（%）", "2025年75"]]
    for row in table.rows:
        for cell in row:
            assert_span_text(source.text, cell.span, cell.text)


def test_one_column_box_is_read_as_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("第四章 重点项目")
    box = document.add_table(rows=2, cols=1)
    box.cell(0, 0).text = "专栏3 六大特色园区"
    body = box.cell(1, 0)
    body.text = "1.轨道交通产业园：建成国家级先进轨道交通装备产业集群核心区。"
    body.add_paragraph("2.清水塘科创园：到2025年引进科创企业200家。")
    path = tmp_path / "box.docx"
    document.save(str(path))
    source = read_document(path)
    assert source.text.split("\n") == ["第四章 重点项目", "专栏3 六大特色园区",
                                       "1.轨道交通产业园：建成国家级先进轨道交通装备产业集群核心区。",
                                       "2.清水塘科创园：到2025年引进科创企业200家。"]
    assert {b.kind for b in source.blocks} == {"paragraph"}


VML = "urn:schemas-microsoft-com:vml"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _text_box(paragraphs: list[str]) -> str:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs)
    return f'<w:txbxContent {nsdecls("w")}>{body}</w:txbxContent>'


def test_text_boxes_are_read_once_after_their_anchor(tmp_path):
    document = docx.Document()
    anchor = document.add_paragraph("第四章 重点项目")
    box = ["专栏3 六大特色园区", "1.轨道交通产业园：建成国家级产业集群核心区。"]
    # The same box written twice, as Word does: DrawingML in mc:Choice, VML in mc:Fallback.
    anchor.add_run()._r.append(parse_xml(
        f'<mc:AlternateContent {nsdecls("w")} xmlns:mc="{MC}" xmlns:v="{VML}">'
        f'<mc:Choice Requires="wps"><w:drawing>{_text_box(box)}</w:drawing></mc:Choice>'
        f'<mc:Fallback><w:pict><v:shape><v:textbox>{_text_box(box)}</v:textbox></v:shape></w:pict>'
        f'</mc:Fallback></mc:AlternateContent>'))
    document.add_paragraph("第五章 保障措施")
    path = tmp_path / "boxes.docx"
    document.save(str(path))
    source = read_document(path)
    assert source.text.split("\n") == ["第四章 重点项目", *box, "第五章 保障措施"]
