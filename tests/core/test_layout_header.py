"""The layout's header is remembered per process by every value it shows (core.templatetags.fragments):
what it writes is what rendering it afresh writes, for every kind of user, language, page and count; a
change of any of them is another header; its forms carry this request's CSRF token."""

import re

import pytest
from django.template import engines
from django.test import Client, RequestFactory
from django.utils import translation

from core.templatetags import fragments
from notices.models import Notice
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


def header_of(html: str) -> str:
    return TOKEN.sub("TOKEN", html.split('<header class="top">')[1].split("</header>")[0])


def fresh(user, path, language, unread=0):
    """The header rendered afresh, as {% jinja %} renders any fragment."""
    request = RequestFactory().get(path)
    request.user = user
    from django.conf import settings

    context = {
        "user": user,
        "request": request,
        "LANGUAGE_CODE": language,
        "LANGUAGE_CHOICES": settings.LANGUAGES,
        "portal_name": "Поручение" if language == "ru" else "Poruchenie",
        "unread_notices": unread,
    }
    with translation.override(language):
        return engines["jinja2"].get_template(fragments.HEADER).render(context, request=request)


@pytest.mark.parametrize("language", ["ru", "en"])
@pytest.mark.parametrize("path", ["/", "/tasks/", "/tasks/?status=submitted&page=2", "/inbox/"])
def test_the_remembered_header_is_the_header_rendered_afresh(world, language, path):
    fragments._headers.clear()
    users = [world.a.user, world.a.lead, world.a.specialist, world.partner, world.secretary]
    for user in users:
        client = login(Client(headers={"Accept-Language": language}), user)
        client.cookies["django_language"] = language
        user.language = language
        user.save(update_fields=["language"])
        for _ in range(2):  # the second from memory
            page = client.get(path).content.decode()
        assert header_of(page) == header_of(fresh(user, path, language)), (user.role, path, language)
    assert len(fragments._headers) >= len(users)


def test_a_rename_a_new_notice_or_another_page_is_another_header(client, world):
    fragments._headers.clear()
    user = world.a.user
    login(client, user)
    first = header_of(client.get("/tasks/").content.decode())
    user.full_name = "Новое Имя Клиента"
    user.save()
    renamed = header_of(client.get("/tasks/").content.decode())
    assert renamed != first and "Новое" in renamed
    Notice.objects.create(recipient=user, to_email=user.email, subject="Н", body_text="т", kind="task_answered")
    counted = header_of(client.get("/tasks/").content.decode())
    assert 'class="badge badge-count">1<' in counted and 'class="badge badge-count"' not in renamed
    other = header_of(client.get("/matters/").content.decode())
    assert other != counted  # aria-current moves
    assert header_of(client.get("/tasks/").content.decode()) == counted


def test_the_remembered_forms_post_with_this_sessions_token(world):
    fragments._headers.clear()
    first = login(Client(enforce_csrf_checks=True), world.a.user)
    first.get("/tasks/")
    second = login(Client(enforce_csrf_checks=True), world.a.user)
    page = second.get("/tasks/").content.decode()  # the header from memory, the first session's render
    form = re.search(r'<form class="lang" method="post" action="([^"]+)">(.*?)</form>', page, re.DOTALL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
    response = second.post(form.group(1), {"csrfmiddlewaretoken": token, "language": "en", "next": "/tasks/"})
    assert response.status_code == 302


def test_anonymous_pages_get_the_header_too(client):
    page = client.get("/accounts/login/").content.decode()
    assert '<header class="top">' in page and "csrfmiddlewaretoken" in page
    f.ClientUserFactory()  # nothing remembered about anyone
