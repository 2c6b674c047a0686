"""Reader throughput (MB of decoded text per second per core) for every input format.

Writes the sample corpus (N copies, default 10) as UTF-8, GB18030 and UTF-16 text, as one HTML
page, as a DOCX and as a PDF into a temporary folder, then times ``read_document`` on each in one
process. CPU time, not wall time. The PDF is written line by line with pymupdf's built-in CJK
font; PDFs from Word or LibreOffice carry more runs per line and read somewhat slower.

    .venv/bin/python bench/bench_read.py [--corpus DIR] [--copies 10]
"""

from __future__ import annotations

import argparse
import html
import json
import tempfile
import time
from pathlib import Path

import docx
import pymupdf

from planwatch.ingest.reader import read_document

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus"


def write_inputs(text: str, folder: Path) -> dict[str, Path]:
    paragraphs = [line.strip() for line in text.split("\n") if line.strip()]
    paths = {}
    for codec in ("utf-8", "gb18030", "utf-16"):
        paths[f"txt-{codec}"] = folder / f"corpus.{codec}.txt"
        paths[f"txt-{codec}"].write_bytes(text.encode(codec))
    page = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    paths["html"] = folder / "corpus.html"
    paths["html"].write_text(f"<html><head><meta charset='utf-8'></head><body><nav>首页</nav>"
                             f"<div class='content'>{page}</div></body></html>", encoding="utf-8")
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    paths["docx"] = folder / "corpus.docx"
    document.save(str(paths["docx"]))
    paths["pdf"] = folder / "corpus.pdf"
    _write_pdf(paragraphs, paths["pdf"])
    return paths


def _write_pdf(paragraphs: list[str], path: Path, size: float = 10.5, per_line: int = 42) -> None:
    """Lines broken at any character, as Word and LibreOffice break Chinese text (pymupdf's
    built-in CJK font sets every character, Latin too, one em wide)."""
    pdf = pymupdf.open()
    page, y = pdf.new_page(), 72.0
    for paragraph in paragraphs:
        text = "\u3000\u3000" + paragraph
        for start in range(0, len(text), per_line):
            if y > 770:
                page, y = pdf.new_page(), 72.0
            page.insert_text((72, y), text[start:start + per_line], fontname="china-s", fontsize=size)
            y += size * 1.5
    pdf.save(str(path))


def run(corpus: Path, copies: int) -> dict:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))) * copies
    result: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_inputs(text, Path(tmp))
        read_document(paths["pdf"])  # import pymupdf and warm it up outside the timing
        for label, path in paths.items():
            start = time.process_time()
            source = read_document(path)
            cpu = time.process_time() - start
            megabytes = len(source.text.encode("utf-8")) / 1e6
            result[label] = {"mb_text": round(megabytes, 2), "cpu_s": round(cpu, 3),
                             "mb_per_s_per_core": round(megabytes / cpu, 2), "blocks": len(source.blocks)}
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--copies", type=int, default=10)
    args = ap.parse_args()
    print(json.dumps(run(args.corpus, args.copies), indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
