"""HTML → PDF with WeasyPrint. One font configuration per process: building it is the slow part."""

import functools

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


@functools.cache
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=finders.find("pdf/document.css"), font_config=_fonts())


def render_pdf(template: str, context: dict) -> bytes:
    """Render a document template to PDF bytes. The template and its context do no queries."""
    from weasyprint import HTML

    html = render_to_string(template, {**context, "firm": settings.FIRM})
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[_stylesheet()], font_config=_fonts()
    )
