"""Each report format opens in the tool people use for it, with its Chinese intact: the PDF
renders with poppler (pdftoppm) and its text (pdftotext) holds the title and indicator names;
the Word and Excel files load in python-docx/openpyxl and convert in headless LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from planwatch.report.content import COLUMNS
from tests.test_report_corpus import TITLE, build_store, run_cli

pytestmark = pytest.mark.slow
NAMES = ("森林覆盖率", "每万人口高价值发明专利拥有量", "城镇调查失业率")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("formats")


@pytest.fixture(scope="module")
def db(folder: Path) -> Path:
    return build_store(folder)


def write(db: Path, folder: Path, fmt: str) -> Path:
    out = folder / f"评估报告.{fmt}"
    done = run_cli("report", "--region", "石峰区", "--format", fmt, "-o", str(out), "--db", str(db))
    assert done.returncode == 0, done.stderr
    return out


def soffice_to_pdf(path: Path, work: Path) -> Path:
    """Convert with headless LibreOffice in a private profile (never the user's)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = work / "lo-profile"
    outdir = work / "lo-out"
    outdir.mkdir(exist_ok=True)
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(outdir), str(path)], capture_output=True, timeout=120, check=True)
    converted = outdir / (path.stem + ".pdf")
    assert converted.exists() and converted.stat().st_size > 1000
    return converted


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True,
                          timeout=60).stdout


def test_pdf_renders_and_keeps_the_chinese(db: Path, folder: Path) -> None:
    pdf = write(db, folder, "pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert TITLE in text.replace(" ", "")
    for name in NAMES:
        assert name in text
    assert "一票否决" in text and "石峰区2023年国民经济和社会" in text.replace(" ", "")  # column may wrap the rest
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "2", str(pdf), str(folder / "page")],
                   check=True, timeout=60)
    pages = sorted(folder.glob("page-*.png"))
    assert len(pages) == 2 and all(p.read_bytes().startswith(b"\x89PNG") for p in pages)


def test_docx_text_fonts_and_libreoffice(db: Path, folder: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn

    path = write(db, folder, "docx")
    doc = Document(str(path))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == TITLE
    header = [c.text for c in doc.tables[1].rows[0].cells]
    assert tuple(header) == COLUMNS
    forest = next(r for r in doc.tables[1].rows if r.cells[1].text == "森林覆盖率")
    assert [c.text for c in forest.cells][4:] == ["40", "45", "41.3（2023年）", "43", "滞后", "一级（否决）"]
    assert len(doc.inline_shapes) == 5  # a chart per indicator
    run = doc.paragraphs[0].runs[0]
    assert run.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "Noto Sans CJK SC"
    converted = soffice_to_pdf(path, folder)
    text = pdf_text(converted).replace(" ", "")
    assert TITLE in text and "森林覆盖率" in text


def test_xlsx_sheets_cells_and_libreoffice(db: Path, folder: Path) -> None:
    from openpyxl import load_workbook

    path = write(db, folder, "xlsx")
    wb = load_workbook(path)
    assert wb.sheetnames == ["完成情况", "监测评估", "数据来源", "图表"]
    table = wb["完成情况"]
    assert table["A1"].value == TITLE
    rows = [[c.value for c in row] for row in table.iter_rows(min_row=5)]
    forest = next(r for r in rows if r[1] == "森林覆盖率")
    assert forest[4:] == ["40", "45", "41.3（2023年）", "43", "滞后", "一级（否决）"]
    assert table.cell(5 + rows.index(forest), 10).fill.fgColor.rgb.endswith("F4CCCC")  # red
    evidence = [[c.value for c in row] for row in wb["数据来源"].iter_rows(min_row=2)]
    assert [4, "森林覆盖率", "实际值", "41.3%", 2023, "石峰区2023年国民经济和社会发展统计公报", "一、综合",
            "森林覆盖率41.3%。"] in [r[:8] for r in evidence]
    assert len(wb["图表"]._images) == 5
    assert wb["监测评估"]["A1"].value.endswith("规划实施监测评估")  # evaluate's own sheet, reused
    converted = soffice_to_pdf(path, folder)
    assert "森林覆盖率" in pdf_text(converted)
