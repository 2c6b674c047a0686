"""The report as a Word document (python-docx), the form a planning office passes on.

Word picks the font of Chinese characters from ``w:eastAsia`` of a run's ``w:rFonts``, not
from the font name python-docx sets, so every style and run here sets both; otherwise Word and
LibreOffice fall back to a face that may lack the glyphs. Landscape A4, like the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from planwatch.report.content import COLUMNS, Report
from planwatch.report.fonts import cjk_font

SHADES = {"red": "F4CCCC", "yellow": "FFF2CC", "green": "D9EAD3"}


def set_east_asian(target: Any, family: str) -> None:
    """Set the Latin and East-Asian font of a run or a style (its ``w:rPr/w:rFonts``)."""
    from docx.oxml.ns import qn

    target.font.name = family
    rpr = target.element.get_or_add_rPr() if hasattr(target.element, "get_or_add_rPr") else \
        target._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), family)


def _shade(cell: Any, colour: str) -> None:
    from docx.oxml.ns import qn

    props = cell._tc.get_or_add_tcPr()
    shd = props.makeelement(qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): colour})
    props.append(shd)


def _para(doc: Any, text: str, family: str, *, bold: bool = False, size: float | None = None,
          style: str | None = None, center: bool = False) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    p = doc.add_paragraph(style=style)
    run = p.add_run(text)
    set_east_asian(run, family)
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if center:
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return p


def _table(doc: Any, header: tuple[str, ...], rows: list[tuple[str, ...]], family: str,
           shades: Sequence[tuple[int, int, str]] = ()) -> Any:
    from docx.shared import Pt

    table = doc.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    for r, values in enumerate([header, *rows]):
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            cell.text = ""
            run = cell.paragraphs[0].add_run(value or "—")
            set_east_asian(run, family)
            run.font.size = Pt(8.5)
            run.bold = r == 0 or None
    for r, c, colour in shades:
        _shade(table.cell(r, c), colour)
    return table


def _landscape(doc: Any) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm

    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def render_docx(report: Report, charts: dict[int, bytes]) -> bytes:
    """The .docx bytes; ``charts`` maps a row number to its PNG."""
    from docx import Document
    from docx.shared import Mm

    family = cjk_font().family
    doc = Document()
    _landscape(doc)
    for name in ("Normal", "Title", "Heading 1", "Heading 2", "Table Grid"):
        set_east_asian(doc.styles[name], family)
    _para(doc, report.title, family, bold=True, size=18, center=True)
    _para(doc, report.subtitle, family, center=True)
    if report.plan_document:
        _para(doc, f"评估依据：{report.plan_document}", family)
    _para(doc, "一、总体情况", family, style="Heading 1")
    _para(doc, report.summary, family)
    _table(doc, ("完成情况", "项数"), [(text, str(n)) for _, text, n in report.counts], family)
    _para(doc, "二、主要指标完成情况", family, style="Heading 1")
    _table(doc, COLUMNS, [row.cells() for row in report.rows], family,
           [(i, 9, SHADES[row.colour]) for i, row in enumerate(report.rows, start=1) if row.colour in SHADES])
    _para(doc, "三、预警", family, style="Heading 1")
    for w in report.warnings:
        veto = "，约束性指标一票否决" if w.veto else ""
        reasons = f"：{'；'.join(w.reasons)}" if w.reasons else ""
        _para(doc, f"{w.level_text}预警{veto}：{w.number}. {w.indicator}（{w.status}）{reasons}", family,
              style="List Bullet")
    if not report.warnings:
        _para(doc, "无一级、二级预警。", family)
    _para(doc, "四、分指标情况与数据来源", family, style="Heading 1")
    for row in report.rows:
        _para(doc, f"{row.number}. {row.indicator}", family, style="Heading 2")
        unit = "" if row.unit == "—" else row.unit
        _para(doc, f"目标值 {row.target}{unit} · 实际值 {row.actual} · {row.status} · 预警 {row.warning}", family)
        if row.number in charts:
            doc.add_picture(io.BytesIO(charts[row.number]), width=Mm(200))
        _table(doc, ("数据", "数值", "年份", "文件", "章节", "原文"),
               [(e.role, e.value, str(e.year or "—"), e.document, e.section or "—", e.quote or "—")
                for e in row.evidence], family)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
