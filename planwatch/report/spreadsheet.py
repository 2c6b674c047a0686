"""The report as an Excel workbook: the evaluation sheet of ``evaluate/workbook.py`` (not a
second one) plus the 完成情况 table, the evidence of every number and the charts."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from planwatch.evaluate.workbook import FILLS, write_evaluation_xlsx
from planwatch.report.content import COLUMNS, Report

EVIDENCE_COLUMNS = ("序号", "指标", "数据", "数值", "年份", "文件", "章节", "原文", "位置")


def render_xlsx(report: Report, charts: dict[int, bytes]) -> bytes:
    """The .xlsx bytes: sheets 完成情况, 监测评估 (evaluate's), 数据来源, 图表."""
    from openpyxl import load_workbook
    from openpyxl.drawing.image import Image
    from openpyxl.styles import Alignment, Font, PatternFill

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "evaluation.xlsx"
        write_evaluation_xlsx(report.evaluation, base)
        wb = load_workbook(base)
    table = wb.create_sheet("完成情况", 0)
    table.append([report.title])
    table.append([report.subtitle])
    table.append([report.summary])
    table.append(list(COLUMNS))
    for cell in table[1]:
        cell.font = Font(bold=True, size=14)
    for cell in table[4]:
        cell.font = Font(bold=True)
    for row in report.rows:
        table.append([row.number, *row.cells()[1:]])
        if row.colour in FILLS:
            table.cell(table.max_row, len(COLUMNS)).fill = PatternFill("solid", fgColor=FILLS[row.colour])
    for letter, width in zip("ABCDEFGHIJ", (6, 28, 8, 8, 12, 14, 24, 14, 12, 16), strict=True):
        table.column_dimensions[letter].width = width

    evidence = wb.create_sheet("数据来源")
    evidence.append(list(EVIDENCE_COLUMNS))
    for cell in evidence[1]:
        cell.font = Font(bold=True)
    for row in report.rows:
        for e in row.evidence:
            evidence.append([row.number, row.indicator, e.role, e.value, e.year, e.document, e.section, e.quote,
                             f"{e.span[0]}–{e.span[1]}" if e.span else None])
    for letter, width in zip("ABCDEFGHI", (6, 24, 10, 12, 8, 36, 24, 60, 12), strict=True):
        evidence.column_dimensions[letter].width = width
    for cells in evidence.iter_rows(min_row=2, min_col=8, max_col=8):
        cells[0].alignment = Alignment(wrap_text=True, vertical="top")

    sheet = wb.create_sheet("图表")
    anchor = 1
    for row in report.rows:
        if row.number not in charts:
            continue
        sheet.cell(anchor, 1, f"{row.number}. {row.indicator}").font = Font(bold=True)
        image = Image(io.BytesIO(charts[row.number]))
        sheet.add_image(image, f"A{anchor + 1}")
        anchor += 22
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
