"""The readers on real files of every format, written here from one plan excerpt.

Each format is read back and must give the same paragraphs (line wrapping aside), the indicator
table as a table block with the right cells, and spans that index the document's own text.
"""

from __future__ import annotations

import codecs
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pymupdf
import pytest
from conftest import assert_span_text
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pdf_samples import FONT, SIZE, wrap

from planwatch.ingest.reader import read_bytes, read_document
from planwatch.model import Block, SourceText, Span

TITLE = "第一章 发展基础"
PARAGRAPHS = [
    "“十三五”时期，全区地区生产总值年均增长8.4%，高于全省平均水平1.2个百分点，经济总量迈上新台阶，"
    "三次产业结构调整为6.5:41.3:52.2，服务业对经济增长的贡献率达到60%以上。",
    "到二〇三五年，基本实现社会主义现代化，人均地区生产总值达到中等发达国家水平，"
    "城乡居民人均可支配收入比二〇二〇年翻一番，生态环境根本好转，美丽石峰目标基本实现。",
    "展望“十四五”，全区将坚持稳中求进工作总基调，以推动高质量发展为主题，以深化供给侧结构性改革为主线，"
    "统筹发展和安全，加快构建以国内大循环为主体、国内国际双循环相互促进的新发展格局，"
    "确保全面建设社会主义现代化开好局、起好步，GDP年均增长7%左右。",
]
TITLE_2 = "第二章 主要目标"
LEAD_IN = "“十四五”时期经济社会发展主要指标见下表。"
TABLE = [
    ["指标", "2020年", "2025年", "属性"],
    ["地区生产总值（亿元）", "356.2", "520", "预期性"],
    ["研发经费投入强度（%）", "2.1", "2.8", "预期性"],
    ["单位GDP能耗降低（%）", "—", "13.5", "约束性"],
]
CLOSING = "各级各部门要把规划确定的目标任务分解落实到年度计划，确保规划顺利实施。"
SENTENCE = "到二〇三五年，基本实现社会主义现代化"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _texts(source: SourceText, kind: str) -> list[str]:
    return [block.span.of(source.text) for block in source.blocks if block.kind == kind]


def _assert_spans_index_text(source: SourceText) -> None:
    """Every block and cell span is inside the text, and each cell span holds its cell's text."""
    for block in source.blocks:
        assert_span_text(source.text, block.span, block.span.of(source.text))
        if block.kind != "table":  # a table row may end in empty cells, i.e. in tabs
            assert block.span.of(source.text).strip() == block.span.of(source.text)
        for row in block.rows:
            for cell in row:
                assert_span_text(source.text, cell.span, cell.text)
                assert block.span.start <= cell.span.start <= cell.span.end <= block.span.end


def _assert_sentence_found(source: SourceText) -> None:
    start = source.text.find(SENTENCE)
    assert start >= 0
    assert_span_text(source.text, Span(start, start + len(SENTENCE)), SENTENCE)
    containing = [b for b in source.blocks if b.span.start <= start and start + len(SENTENCE) <= b.span.end]
    assert [b.kind for b in containing] == ["paragraph"]


def _table_cells(block: Block) -> list[list[str]]:
    return [[cell.text for cell in row] for row in block.rows]


def _assert_structured(source: SourceText, expected_table: list[list[str]]) -> None:
    _assert_spans_index_text(source)
    _assert_sentence_found(source)
    paragraphs = [_squash(t) for t in _texts(source, "paragraph")]
    for paragraph in [*PARAGRAPHS, LEAD_IN, CLOSING]:
        assert _squash(paragraph) in paragraphs
    assert [_squash(t) for t in _texts(source, "heading")] == [_squash(TITLE), _squash(TITLE_2)]
    tables = [b for b in source.blocks if b.kind == "table"]
    assert len(tables) == 1
    assert _table_cells(tables[0]) == expected_table
    kinds = [b.kind for b in source.blocks]
    assert kinds.index("table") == kinds.index("heading", 1) + 2  # heading, lead-in, table


# --- plain text in several encodings -------------------------------------------------------------

PLAIN = "\n".join([TITLE, "", *PARAGRAPHS, "", TITLE_2, LEAD_IN,
                   *("\t".join(row) for row in TABLE), CLOSING]) + "\n"


@pytest.mark.parametrize(("encoded", "encoding"), [
    (PLAIN.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + PLAIN.encode("utf-8"), "utf-8-sig"),
    (PLAIN.encode("gb18030"), "gb18030"),
    (codecs.BOM_UTF16_LE + PLAIN.encode("utf-16-le"), "utf-16-le"),
    (codecs.BOM_UTF16_BE + PLAIN.encode("utf-16-be"), "utf-16-be"),
    (PLAIN.encode("utf-16-le"), "utf-16-le"),
    (PLAIN.encode("utf-16-be"), "utf-16-be"),
])
def test_plain_text_in_each_encoding_decodes_to_the_same_characters(tmp_path, encoded, encoding):
    path = tmp_path / "plan.txt"
    path.write_bytes(encoded)
    source = read_document(path)
    assert source.encoding == encoding
    assert source.format == "text"
    assert source.text == PLAIN
    assert source.size == len(encoded)
    lines = [line for line in PLAIN.split("\n") if line.strip()]
    assert [b.span.of(source.text) for b in source.blocks] == lines
    assert {b.kind for b in source.blocks} == {"paragraph"}
    _assert_spans_index_text(source)
    _assert_sentence_found(source)


def test_plain_text_keeps_crlf_and_indentation_exactly(tmp_path):
    text = "\u3000\u3000" + PARAGRAPHS[0] + "\r\n\r\n  " + PARAGRAPHS[1] + "  \r\n"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("gb18030"))
    source = read_document(path)
    assert source.text == text
    assert [b.span.of(text) for b in source.blocks] == [PARAGRAPHS[0], PARAGRAPHS[1]]


def test_markdown_headings_and_pipe_tables(tmp_path):
    rows = ["| " + " | ".join(row) + " |" for row in TABLE]
    text = "\n".join([f"# {TITLE}", "", PARAGRAPHS[1], "", rows[0], "| --- | ---: | --- | :---: |",
                      *rows[1:], "", CLOSING])
    path = tmp_path / "plan.md"
    path.write_text(text, encoding="utf-8")
    source = read_document(path)
    assert source.format == "markdown"
    assert source.text == text
    assert [b.kind for b in source.blocks] == ["heading", "paragraph", "table", "paragraph"]
    assert _table_cells(source.blocks[2]) == TABLE
    _assert_spans_index_text(source)
    _assert_sentence_found(source)


# --- HTML ------------------------------------------------------------------------------------------

def _html(charset: str) -> str:
    head = "".join(f"<th>{c}</th>" for c in TABLE[0])
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in TABLE[1:])
    # Source lines wrap inside a paragraph, as editors write them; CJK wrapping adds no space.
    paragraphs = "".join(f"<p>&#12288;&#12288;{p[:30]}\n{p[30:]}</p>" for p in PARAGRAPHS)
    return f"""<!DOCTYPE html>
<html><head><meta charset="{charset}"><title>石峰区“十四五”规划纲要</title>
<style>.content p {{ text-indent: 2em }}</style><script>var visits = 2035; document.title += "8.4%";</script>
</head><body>
<nav><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/ghjh">规划计划</a></nav>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 规划</div>
<ul class="main-menu"><li><a href="/a">机构概况</a></li><li><a href="/b">政策文件</a></li></ul>
<div class="content">
<h2>{TITLE}</h2>
{paragraphs}
<h2>{TITLE_2}</h2>
<p>{LEAD_IN}</p>
<table border="1"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>
<p><span>{CLOSING[:10]}</span><b>{CLOSING[10:]}</b></p>
</div>
<div class="share">分享到：微信 微博</div>
<footer>主办单位：石峰区人民政府办公室 网站标识码：4302040001 湘ICP备05001234号</footer>
</body></html>"""


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_html_keeps_main_content_and_drops_page_furniture(tmp_path, charset):
    path = tmp_path / "plan.html"
    path.write_bytes(_html(charset).encode("gb18030" if charset == "gbk" else "utf-8"))
    source = read_document(path)
    assert source.format == "html"
    assert source.encoding == ("gb18030" if charset == "gbk" else "utf-8")
    _assert_structured(source, TABLE)
    for furniture in ("首页", "当前位置", "机构概况", "分享到", "网站标识码", "ICP", "visits", "text-indent", "title"):
        assert furniture not in source.text
    assert source.text.startswith(TITLE + "\n")


def test_html_is_sniffed_without_an_extension_and_spans_cover_rowspans():
    page = ("<html><body><p>" + PARAGRAPHS[1] + "</p><table><tr><td rowspan=2>属性</td><td>预期性</td>"
            "<td colspan=2>说明</td></tr><tr><td>约束性</td><td>a</td><td>b</td></tr></table></body></html>")
    source = read_bytes(page.encode("utf-8"), "upload")
    assert source.format == "html"
    table = next(b for b in source.blocks if b.kind == "table")
    assert _table_cells(table) == [["属性", "预期性", "说明", ""], ["", "约束性", "a", "b"]]
    _assert_spans_index_text(source)
    _assert_sentence_found(source)


# --- DOCX ------------------------------------------------------------------------------------------

DOCX_NOTE = "注：地区生产总值按可比价格计算。"


def _write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for paragraph in PARAGRAPHS:
        document.add_paragraph(paragraph)
    document.add_heading(TITLE_2, level=1)
    document.add_paragraph(LEAD_IN)
    table = document.add_table(rows=len(TABLE) + 1, cols=4)
    table.style = "Table Grid"
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    # 属性 merged down over the two 预期性 rows; the note merged across the last row.
    merged = table.cell(1, 3).merge(table.cell(2, 3))
    merged.text = "预期性"
    note = table.cell(4, 0).merge(table.cell(4, 3))
    note.text = DOCX_NOTE
    closing = document.add_paragraph(CLOSING)
    closing.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.save(str(path))


def test_docx_reads_paragraphs_and_merged_table_cells_once(tmp_path):
    path = tmp_path / "plan.docx"
    _write_docx(path)
    source = read_document(path)
    assert (source.format, source.encoding) == ("docx", "docx")
    expected = [row[:] for row in TABLE]
    expected[2][3] = ""  # continuation of the vertical merge
    expected.append([DOCX_NOTE, "", "", ""])  # one cell spanning four columns
    _assert_structured(source, expected)
    assert source.text.count("预期性") == 1
    assert source.text.count(DOCX_NOTE) == 1


def test_docx_upload_is_recognised_by_its_bytes_not_its_name(tmp_path):
    path = tmp_path / "plan.docx"
    _write_docx(path)
    source = read_bytes(path.read_bytes(), "upload.bin")
    assert source.format == "docx"
    assert source.sha256 == __import__("hashlib").sha256(path.read_bytes()).hexdigest()


# --- PDF -------------------------------------------------------------------------------------------

LEFT, RIGHT = 72.0, 72.0 + 30 * SIZE
RUNNING_HEADER = "石峰区国民经济和社会发展第十四个五年规划纲要"


class _PdfWriter:
    def __init__(self) -> None:
        self.document = pymupdf.open()
        self.page: pymupdf.Page | None = None
        self.y = 0.0

    def new_page(self) -> None:
        self.page = self.document.new_page()  # A4
        number = self.document.page_count
        self.page.insert_text((LEFT, 40), RUNNING_HEADER, fontname=FONT, fontsize=9)
        self.page.insert_text((280, 810), f"- {number} -", fontname=FONT, fontsize=9)
        self.y = 100.0

    def lines(self, lines: list[str], size: float = SIZE, indent: float = 0.0) -> None:
        for i, line in enumerate(lines):
            x = LEFT + (indent if i == 0 else 0.0)
            self.page.insert_text((x, self.y), line, fontname=FONT, fontsize=size)
            self.y += size * 1.5
        self.y += size * 0.8

    def paragraph(self, text: str) -> list[str]:
        first, *rest = wrap(text, RIGHT - LEFT - 2 * SIZE)
        return [first, *wrap(text[len(first):], RIGHT - LEFT)] if rest else [first]

    def table(self, rows: list[list[str]]) -> None:
        xs = [LEFT, LEFT + 130, LEFT + 190, LEFT + 250, RIGHT]
        for r, row in enumerate(rows):
            top = self.y + r * 20
            for c, value in enumerate(row):
                self.page.draw_rect(pymupdf.Rect(xs[c], top, xs[c + 1], top + 20), width=0.5)
                self.page.insert_text((xs[c] + 3, top + 14), value, fontname=FONT, fontsize=10)
        self.y += 20 * len(rows) + SIZE


def _write_pdf(path: Path) -> None:
    pdf = _PdfWriter()
    pdf.new_page()
    pdf.lines([TITLE], size=16, indent=100)
    pdf.lines(pdf.paragraph(PARAGRAPHS[0]), indent=2 * SIZE)
    pdf.lines(pdf.paragraph(PARAGRAPHS[1]), indent=2 * SIZE)
    third = pdf.paragraph(PARAGRAPHS[2])
    pdf.lines(third[:2], indent=2 * SIZE)  # the paragraph runs on to the next page
    pdf.y = 10_000
    pdf.new_page()
    pdf.lines(third[2:])
    pdf.lines([TITLE_2], size=16, indent=100)
    pdf.lines(pdf.paragraph(LEAD_IN), indent=2 * SIZE)
    pdf.table(TABLE)
    pdf.new_page()
    pdf.lines(pdf.paragraph(CLOSING), indent=2 * SIZE)
    pdf.document.save(str(path))


def test_pdf_reflows_paragraphs_and_reads_the_ruled_table(tmp_path):
    path = tmp_path / "plan.pdf"
    _write_pdf(path)
    source = read_document(path)
    assert (source.format, source.encoding) == ("pdf", "pdf")
    _assert_structured(source, TABLE)
    assert RUNNING_HEADER not in source.text
    assert not re.search(r"-\s*\d\s*-", source.text)
    assert source.text.count("356.2") == 1  # the table's area is not repeated as loose text
    assert len([b for b in source.blocks if b.kind == "paragraph"]) == len(PARAGRAPHS) + 2


def test_pdf_joins_cjk_lines_without_spaces_and_latin_words_with_one(tmp_path):
    path = tmp_path / "mixed.pdf"
    pdf = _PdfWriter()
    pdf.new_page()
    pdf.lines(pdf.paragraph(PARAGRAPHS[2]), indent=2 * SIZE)
    english = ("The plan sets a target of seven percent average annual growth for the gross domestic "
               "product and a cut of thirteen point five percent in energy use per unit of output.")
    words, lines = english.split(" "), [""]
    for word in words:
        candidate = f"{lines[-1]} {word}".strip()
        if pymupdf.get_text_length(candidate, fontname="helv", fontsize=SIZE) > RIGHT - LEFT:
            lines.append(word)
        else:
            lines[-1] = candidate
    assert len(lines) >= 2
    for i, line in enumerate(lines):
        pdf.page.insert_text((LEFT, 400 + 16 * i), line, fontname="helv", fontsize=SIZE)
    pdf.document.save(str(path))
    source = read_document(path)
    paragraphs = _texts(source, "paragraph")
    assert PARAGRAPHS[2] in paragraphs
    assert english in paragraphs


def test_html_portal_page_without_semantic_tags(tmp_path):
    """The usual government portal: divs and a layout table, no <nav>/<main>/<footer>."""
    page = f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head>
<body><div class="header"><img alt="logo"><h1>石峰区人民政府门户网站</h1></div>
<table width="1000"><tr><td>
  <div class="location"><span>您当前的位置：</span><a href="/">首页</a> &gt; <a href="/z">政务公开</a></div>
  <div id="zoom">
    <h1>{TITLE}</h1>
    <p>{PARAGRAPHS[0]}</p>
    <p>{PARAGRAPHS[1][:20]}<br>{PARAGRAPHS[1][20:]}</p>
    <div style="display:none">隐藏的统计代码 12345</div>
    <table border="1"><tr><td><p>指标</p></td><td><p>2025</p><p>目标</p></td></tr>
      <tr><td>研发经费投入强度（%）</td><td>2.8</td></tr></table>
  </div>
</td></tr></table>
<div class="bottom">版权所有：株洲市石峰区人民政府 备案号：湘ICP备05001234号</div></body></html>"""
    path = tmp_path / "portal.htm"
    path.write_bytes(page.encode("gb18030"))
    source = read_document(path)
    assert source.encoding == "gb18030"
    # A <br> is a visible line break: portals use it between paragraphs.
    assert source.text.split("\n") == [TITLE, PARAGRAPHS[0], PARAGRAPHS[1][:20], PARAGRAPHS[1][20:],
                                       "指标\t2025目标", "研发经费投入强度（%）\t2.8"]
    assert [b.kind for b in source.blocks] == ["heading", "paragraph", "paragraph", "paragraph", "table"]
    _assert_spans_index_text(source)
    _assert_sentence_found(source)


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_exported_by_libreoffice(tmp_path):
    """The usual real PDF: LibreOffice splits runs, puts “ ” in runs of their own and wraps lines
    by Chinese line-breaking rules; the reader must still give back the paragraphs and the table."""
    source_docx = tmp_path / "plan.docx"
    _write_docx(source_docx)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(source_docx)],
                   check=True, capture_output=True, timeout=120)
    source = read_document(tmp_path / "plan.pdf")
    expected = [row[:] for row in TABLE]
    expected[2][3] = ""  # covered by the merged cell above
    expected.append([DOCX_NOTE, "", "", ""])
    expected = [[_squash(cell) for cell in row] for row in expected]
    table = next(b for b in source.blocks if b.kind == "table")
    assert [[_squash(cell.text) for cell in row] for row in table.rows] == expected
    paragraphs = [_squash(t) for t in _texts(source, "paragraph")]
    for paragraph in [*PARAGRAPHS, LEAD_IN, CLOSING]:
        assert _squash(paragraph) in paragraphs
    _assert_spans_index_text(source)


def test_html_one_column_box_is_read_as_paragraphs():
    page = ("<html><body><table><tr><td>专栏3 六大特色园区</td></tr><tr><td><p>" + PARAGRAPHS[0]
            + "</p><p>" + PARAGRAPHS[1] + "</p></td></tr></table></body></html>")
    source = read_bytes(page.encode("utf-8"), "box.html")
    assert source.text.split("\n") == ["专栏3 六大特色园区", PARAGRAPHS[0], PARAGRAPHS[1]]
    assert {b.kind for b in source.blocks} == {"paragraph"}
