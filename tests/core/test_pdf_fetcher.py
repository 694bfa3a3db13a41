"""Issue 9: the PDF renderer fetches only the project's static files; the terms' HTML is sanitised
when stored, so the agreement PDF never meets a script, a style or a fetch."""

import http.server
import io
import threading

import pytest
from pypdf import PdfReader

from clients.models import TermsVersion
from clients.services.terms import terms_publish
from core.pdf import html_to_pdf
from tests import factories as f


@pytest.fixture
def listener():
    """A local HTTP server that records every request made to it (the 'network' a PDF must not call)."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            self.wfile.write(b"FETCHED-FROM-THE-NETWORK")

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()


def attachments(pdf: bytes) -> dict:
    return {name: b"".join(data) for name, data in PdfReader(io.BytesIO(pdf)).attachments.items()}


def test_a_pdf_naming_local_files_and_urls_embeds_and_calls_none_of_them(listener):
    base, hits = listener
    html = f"""<html><head>
      <link rel="attachment" href="file:///etc/passwd">
      <link rel="attachment" href="{base}/leak.txt">
      <link rel="stylesheet" href="{base}/style.css">
      <style>p {{ background: url({base}/bg.png) }} h1 {{ background: url(file:///etc/hostname) }}</style>
    </head><body><h1>T</h1><p>Text</p><img src="{base}/img.png"><img src="../../../../etc/passwd">
      <link rel="attachment" href="pdf/document.css"></body></html>"""
    pdf = html_to_pdf(html)
    files = attachments(pdf)
    assert set(files) == {"document.css"}  # the project's own static file is the one thing served
    assert b"root:" not in pdf and not any(b"root:" in body for body in files.values())
    assert b"FETCHED-FROM-THE-NETWORK" not in pdf
    assert hits == []


def test_a_small_inline_image_is_allowed_and_a_big_one_is_not():
    from core.pdf import DATA_IMAGE_MAX_BYTES, RefusedURL, _data_image

    assert _data_image("data:image/png;base64,iVBORw0KGgo=")[0] == "image/png"
    with pytest.raises(RefusedURL):
        _data_image("data:text/html,<script>alert(1)</script>")
    with pytest.raises(RefusedURL):
        _data_image("data:image/png;base64," + "A" * (DATA_IMAGE_MAX_BYTES * 2))


@pytest.mark.parametrize("path", ["../settings.py", "/etc/passwd", "pdf/../../engagement/settings.py", "%2e%2e/x"])
def test_static_paths_cannot_traverse(path):
    from core.pdf import RefusedURL, _static_path

    with pytest.raises(RefusedURL):
        _static_path(path)


@pytest.mark.django_db
def test_terms_published_with_script_and_style_come_back_clean(world):
    dirty = (
        '<h3 style="background:url(http://evil.test/x)">1. Terms</h3><script>alert(1)</script>'
        "<style>p { background: url(file:///etc/passwd) }</style>"
        '<p onclick="steal()">Text <a href="javascript:alert(1)">link</a> <img src="file:///etc/passwd"></p>'
        '<link rel="attachment" href="file:///etc/passwd"><ol><li><strong>kept</strong></li></ol>'
    )
    version = terms_publish(by=world.partner, text_ru=dirty, text_en=dirty)
    for text in (version.text_ru, version.text_en):
        assert "<script" not in text and "<style" not in text and "url(" not in text
        assert "onclick" not in text and "javascript:" not in text and "<img" not in text and "<link" not in text
        assert "<h3>1. Terms</h3>" in text and "<ol><li><strong>kept</strong></li></ol>" in text


@pytest.mark.django_db
def test_terms_added_in_the_admin_are_sanitised_too(client, world):
    admin = f.PartnerFactory(is_staff=True, is_superuser=True)
    client.force_login(admin, backend="users.backends.PortalModelBackend")
    dirty = "<p>Текст</p><script>alert(1)</script><style>p{background:url(file:///etc/passwd)}</style>"
    response = client.post("/admin/clients/termsversion/add/", {"text_ru": dirty, "text_en": dirty})
    assert response.status_code == 302, response.content.decode()[:2000]
    version = TermsVersion.objects.order_by("-number").first()
    assert version.text_ru == "<p>Текст</p>" and version.text_en == "<p>Текст</p>"
    change = client.post(f"/admin/clients/termsversion/{version.pk}/change/", {"text_ru": "x", "text_en": "x"})
    assert change.status_code == 403  # a published version is evidence


@pytest.mark.django_db
def test_terms_stored_before_sanitising_reach_no_page_api_or_pdf_unclean(client, world, listener):
    """A version written straight into the table (before nh3 existed, or by hand) is cleaned on the way out."""
    from clients.services.terms import agreement_get_or_render
    from tests.conftest import api_for, login

    base, hits = listener
    dirty = (
        f'<h2>Stored raw</h2><script>alert("x")</script><style>p {{ background: url({base}/css) }}</style>'
        f'<link rel="attachment" href="file:///etc/passwd"><img src="{base}/img"><p onclick="steal()">Body</p>'
    )
    last = TermsVersion.objects.order_by("-number").first()
    TermsVersion.objects.create(number=(last.number + 1) if last else 1, text_ru=dirty, text_en=dirty)

    login(client, world.partner)
    page = client.get("/terms/").content.decode()
    api = api_for(world.partner).get("/api/terms/").json()["text"]
    for html in (page, api):
        assert "Stored raw" in html and "Body" in html
        assert 'alert("x")' not in html and "file:///etc/passwd" not in html and "onclick" not in html
        assert f"{base}/css" not in html and f"{base}/img" not in html

    document = agreement_get_or_render(client=f.ClientFactory(language="en"))
    with document.file.open("rb") as handle:
        pdf = handle.read()
    assert attachments(pdf) == {} and hits == []
