"""The report as PDF, printed by WeasyPrint from the HTML page (one layout for both)."""

from __future__ import annotations

import logging


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of an HTML page whose images are inline (no base URL is needed)."""
    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # font-subsetting chatter is not for planners
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return HTML(string=html).write_pdf()
