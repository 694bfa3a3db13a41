"""core.jinja: the hot fragments in Jinja2 escape what they show and translate with Django's catalogue."""

import pytest
from django.template import engines
from django.utils import translation

from tests.conftest import login
from tests.factories import ClientUserFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_the_environment_escapes_and_translates():
    template = engines["jinja2"].from_string('{{ value }} {{ _("Tasks") }} {{ url("matters:task_list") }}')
    with translation.override("ru"):
        assert template.render({"value": "<script>"}) == "&lt;script&gt; Задачи /tasks/"


def test_a_task_subject_is_escaped_in_the_rows_and_the_header_still_shows_the_user(client):
    user = ClientUserFactory(full_name="Анна <b>Ким</b>")
    TaskFactory(client=user.client, subject='<img src=x onerror="alert(1)">')
    login(client, user)
    html = client.get("/tasks/").content.decode()
    assert '<img src=x onerror="alert(1)">' not in html
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "<b>Ким</b>" not in html
    assert 'class="usermenu"' in html and "csrfmiddlewaretoken" in html
