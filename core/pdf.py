"""HTML → PDF with WeasyPrint. One font configuration per process: building it is the slow part.

WeasyPrint fetches whatever a document names (stylesheets, images, `<link rel="attachment">`) with
urllib by default: `file:///etc/passwd` would be embedded, an `http://` URL called. Documents here
are rendered with `StaticOnlyFetcher`: the project's own static files, a small inline image, and
nothing else.
"""

import functools
import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

# Relative URLs and `{% static %}` paths resolve under this address, which no network knows
# (.invalid is reserved, RFC 2606); the fetcher maps it onto the static files, never a socket.
STATIC_BASE = "https://static.invalid/static/"
DATA_IMAGE_TYPES = frozenset({"image/png", "image/jpeg", "image/gif"})
DATA_IMAGE_MAX_BYTES = 256 * 1024


class RefusedURL(ValueError):
    """A document named a resource outside the project's static files; WeasyPrint skips it."""


def _static_path(relative: str) -> Path:
    """The file behind a static path, found as `collectstatic` would find it; traversal is refused."""
    relative = unquote(relative)
    if not relative or "\x00" in relative or "\\" in relative:
        raise RefusedURL(relative)
    normal = posixpath.normpath(relative)
    if normal.startswith(("/", "..")) or normal in (".", ""):
        raise RefusedURL(relative)
    found = finders.find(normal)
    if found:
        return Path(found)
    if settings.STATIC_ROOT:
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / normal).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    raise RefusedURL(relative)


def _static_relative(url: str) -> str | None:
    """The path inside the static files that `url` names, or None when it names anything else."""
    parts = urlsplit(url)
    base = urlsplit(STATIC_BASE)
    if (parts.scheme, parts.netloc) != (base.scheme, base.netloc) or parts.query or parts.username:
        return None
    for prefix in (base.path, "/" + settings.STATIC_URL.lstrip("/")):
        if parts.path.startswith(prefix):
            return parts.path[len(prefix) :]
    return None


def _data_image(url: str):
    from urllib.request import DataHandler, Request

    response = DataHandler().data_open(Request(url))  # noqa: S310 (only data: URLs come here)
    kind = response.headers.get_content_type()
    body = response.read(DATA_IMAGE_MAX_BYTES + 1)
    if kind not in DATA_IMAGE_TYPES or len(body) > DATA_IMAGE_MAX_BYTES:
        raise RefusedURL("data: URL that is not a small PNG, JPEG or GIF image")
    return kind, body


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the project's static files and small inline images; refuses file:, http(s): and the rest."""

        def fetch(self, url, headers=None):
            scheme = urlsplit(url).scheme.lower()
            if scheme == "data":
                kind, body = _data_image(url)
                return URLFetcherResponse(url, body, {"Content-Type": kind})
            relative = _static_relative(url)
            if relative is None:
                raise RefusedURL(f"not one of the portal's static files: {url[:200]}")
            path = _static_path(relative)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return StaticOnlyFetcher


def url_fetcher():
    """A fresh fetcher for one rendering (WeasyPrint keeps per-request state on it)."""
    return _fetcher_class()(fail_on_errors=False)


@functools.cache
def _fonts():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@functools.cache
def _stylesheet():
    from weasyprint import CSS

    return CSS(filename=finders.find("pdf/document.css"), font_config=_fonts(), url_fetcher=url_fetcher())


def render_pdf(template: str, context: dict) -> bytes:
    """Render a document template to PDF bytes. The template and its context do no queries."""
    html = render_to_string(template, {**context, "firm": settings.FIRM})
    return html_to_pdf(html)


def html_to_pdf(html: str) -> bytes:
    """PDF bytes of a rendered HTML document, fetching only the project's static files."""
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=url_fetcher()).write_pdf(
        stylesheets=[_stylesheet()], font_config=_fonts()
    )


def html_to_document(html: str):
    """The laid-out WeasyPrint document of `html` (its `pages` counted; `.write_pdf()` gives the bytes).

    For long documents whose progress is shown: the layout and the writing are the two slow steps."""
    from weasyprint import HTML

    return HTML(string=html, base_url=STATIC_BASE, url_fetcher=url_fetcher()).render(
        stylesheets=[_stylesheet()], font_config=_fonts()
    )
