"""Write a report in one of its formats, atomically (temp file in the same folder + rename).

A report is handed on as a file; a reader must never find half of one, so every file (the
report and, for Markdown, its charts) is written to a temporary name and renamed into place.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from planwatch.errors import PlanwatchError
from planwatch.report.content import Report

FORMATS: tuple[str, ...] = ("md", "html", "docx", "xlsx", "pdf")
BINARY = frozenset({"docx", "xlsx", "pdf"})


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so it appears whole or not at all."""
    path = Path(path)
    if not path.parent.is_dir():
        raise PlanwatchError(f"cannot write {path}: folder {path.parent} does not exist")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise PlanwatchError(f"cannot write {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp's 0600 would hide the report from colleagues
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def render(report: Report, fmt: str, out: Path | None = None) -> bytes:
    """The report's bytes in ``fmt``. For Markdown with ``out``, the charts are written beside it
    (``STEM_charts/NN.png``) and linked; without ``out`` the Markdown has no charts."""
    from planwatch.report.html import chart_images

    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    if fmt == "md":
        from planwatch.report.markdown import render_markdown

        links: dict[int, str] = {}
        if out is not None:
            folder = out.with_name(f"{out.stem}_charts")
            folder.mkdir(exist_ok=True)
            for number, png in chart_images(report).items():
                atomic_write(folder / f"{number:02d}.png", png)
                links[number] = f"{folder.name}/{number:02d}.png"
        return render_markdown(report, links).encode("utf-8")
    charts = chart_images(report)
    if fmt == "html":
        from planwatch.report.html import render_html

        return render_html(report, charts).encode("utf-8")
    if fmt == "pdf":
        from planwatch.report.html import render_html
        from planwatch.report.pdf import html_to_pdf

        return html_to_pdf(render_html(report, charts))
    if fmt == "docx":
        from planwatch.report.word import render_docx

        return render_docx(report, charts)
    from planwatch.report.spreadsheet import render_xlsx

    return render_xlsx(report, charts)


def write_report(report: Report, fmt: str, out: Path) -> Path:
    """Render and write atomically; returns the path written."""
    atomic_write(out, render(report, fmt, out))
    return out


def default_name(report: Report, fmt: str) -> str:
    """评估报告_REGION_ASOF.ext: the file name a planner would give it."""
    return f"评估报告_{report.region}_{report.as_of or '最新'}.{fmt}"
