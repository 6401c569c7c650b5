"""Printable PDFs (WeasyPrint) of the service's own HTML documents: the Cabinet report, subject access copies."""

from __future__ import annotations

import logging
from pathlib import Path


def html_to_pdf(html: str, stylesheet: Path) -> bytes:
    """``html`` as a PDF styled by ``stylesheet``; relative links resolve beside the stylesheet."""
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # before the import, which logs too
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=str(stylesheet.parent)).write_pdf(stylesheets=[CSS(filename=str(stylesheet))])
