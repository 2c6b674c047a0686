"""Render a composed document to a file: txt (UTF-8, GB18030, UTF-16), HTML, DOCX or PDF.

Plain text is written exactly as composed, so its decoded text *is* the canonical text and
truth spans hold as they are. The structured formats carry the same blocks in their own
structure (HTML elements with navigation and footer furniture around the content, DOCX headings,
paragraphs and a real table, PDF pages of wrapped lines in the ``china-s`` font); their decoded
text is whatever planwatch's reader builds, and the truth is re-aligned to it afterwards.
"""

from __future__ import annotations

import datetime
import html
import io
import zipfile
from pathlib import Path

from planwatch.synth.textdoc import SynthDoc

TEXT_ENCODINGS = {"utf-8": "utf-8", "gb18030": "gb18030", "utf-16": "utf-16"}
EXTENSIONS = {"txt": ".txt", "html": ".html", "docx": ".docx", "pdf": ".pdf"}


def write_document(doc: SynthDoc, path: Path, fmt: str, encoding: str = "utf-8") -> int:
    """Write ``doc`` to ``path`` in ``fmt``; returns the number of bytes written."""
    data = to_bytes(doc, fmt, encoding)
    path.write_bytes(data)
    return len(data)


def to_bytes(doc: SynthDoc, fmt: str, encoding: str = "utf-8") -> bytes:
    if fmt == "txt":
        return doc.text.encode(TEXT_ENCODINGS[encoding])
    if fmt == "html":
        return to_html(doc).encode("utf-8")
    if fmt == "docx":
        return to_docx(doc)
    if fmt == "pdf":
        return to_pdf(doc)
    raise ValueError(f"unknown format {fmt!r}")


def to_html(doc: SynthDoc) -> str:
    esc = html.escape
    head: list[str] = []
    body: list[str] = []
    seen_content = False
    for block in doc.blocks:
        if block.kind == "boiler":
            (body if seen_content else head).append(f"<div class=\"info\">{esc(block.text)}</div>")
        elif block.kind == "heading":
            seen_content = True
            level = min(block.level + 1, 4)
            body.append(f"<h{level}>{esc(block.text)}</h{level}>")
        elif block.kind == "table" and block.table is not None:
            seen_content = True
            body.append(f"<table border=\"1\">{_html_rows(block.table.header, block.table.rows)}</table>")
        else:
            seen_content = True
            body.append(f"<p>{esc(block.text)}</p>")
    nav = "<div class=\"nav\"><a href=\"/\">首页</a> <a href=\"/zwgk/\">政务公开</a> " \
          "<a href=\"/xxgk/\">信息公开</a> <a href=\"/hdjl/\">互动交流</a></div>"
    footer = "<div class=\"footer\">版权所有：人民政府办公室　网站标识码 0000000000　" \
             "备案号：ICP备00000000号</div>"
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
            f"<title>{esc(doc.title)}</title></head>\n<body>\n{nav}\n<div class=\"article\">\n"
            + "\n".join(head + body) + f"\n</div>\n{footer}\n</body></html>\n")


def _html_rows(head: list[str], rows: list[list[str]]) -> str:
    """Table rows; a 类别 cell spans the rows of its category (rowspan), as real pages do."""
    esc = html.escape
    out = ["<tr>" + "".join(f"<th>{esc(c)}</th>" for c in head) + "</tr>"]
    spans: dict[int, int] = {}
    start = None
    for k, row in enumerate(rows):
        if row[0]:
            start = k
            spans[k] = 1
        elif start is not None:
            spans[start] += 1
    for k, row in enumerate(rows):
        cells = [f"<td>{esc(c)}</td>" for c in row[1:]]
        if k in spans:
            span = f" rowspan=\"{spans[k]}\"" if spans[k] > 1 else ""
            cells.insert(0, f"<td{span}>{esc(row[0])}</td>")
        elif not any(earlier[0] for earlier in rows[:k]):  # no category above to span it
            cells.insert(0, "<td></td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    return "".join(out)


def to_docx(doc: SynthDoc) -> bytes:
    from docx import Document  # python-docx; imported here, only DOCX output needs it

    document = Document()
    for block in doc.blocks:
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 4))
        elif block.kind == "table" and block.table is not None:
            rows = [block.table.header, *block.table.rows]
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            table.style = "Table Grid"
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        else:
            document.add_paragraph(block.text)
    props = document.core_properties
    props.created = props.modified = props.last_printed = _EPOCH
    props.author = props.last_modified_by = "planwatch synth"
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip_times(out.getvalue())


_EPOCH = datetime.datetime(2021, 1, 1)


def _fixed_zip_times(data: bytes) -> bytes:
    """The same DOCX bytes on every run: zip entries get one fixed timestamp."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2021, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def to_pdf(doc: SynthDoc, chars_per_line: int = 38, lines_per_page: int = 44) -> bytes:
    import pymupdf  # imported here, only PDF output needs it

    lines: list[tuple[str, float]] = []
    for block in doc.blocks:
        if block.kind == "table" and block.table is not None:
            for row in [block.table.header, *block.table.rows]:  # CJK-font spaces are wide
                lines.append(("  ".join(row).strip(), 6.5))
            lines.append(("", 10.5))
            continue
        text = block.text
        for k in range(0, max(len(text), 1), chars_per_line):
            lines.append((text[k : k + chars_per_line], 10.5))
        lines.append(("", 10.5))
    pdf = pymupdf.open()
    for k in range(0, len(lines), lines_per_page):
        page = pdf.new_page(width=595, height=842)
        y = 60.0
        for line, size in lines[k : k + lines_per_page]:
            if line.strip():
                page.insert_text((56, y), line, fontname="china-s", fontsize=size)
            y += 16.5
    pdf.set_metadata({"title": doc.title, "producer": "planwatch synth", "creator": "planwatch synth",
                      "creationDate": "D:20210101000000", "modDate": "D:20210101000000"})
    data = pdf.tobytes(garbage=3, deflate=True, no_new_id=True)
    pdf.close()
    return data
