"""The admin has no door of its own: it signs in through the portal's (rate limits, 2FA, verified e-mail)."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_the_admins_login_page_sends_to_the_portals_sign_in(client):
    response = client.get("/admin/login/?next=/admin/users/user/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?")
    assert "next=/admin/users/user/" in response["Location"].replace("%2F", "/")


def test_the_admin_index_leads_an_anonymous_visitor_to_the_portals_sign_in(client):
    first = client.get("/admin/")
    assert first.status_code == 302
    assert client.get(first["Location"])["Location"].startswith(reverse("account_login"))


def test_posting_a_password_to_the_admins_login_signs_nobody_in(client, admin_user):
    response = client.post("/admin/login/", {"username": admin_user.email, "password": f.PASSWORD})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/").status_code == 302


def test_after_the_portals_sign_in_the_admin_opens(client, admin_user):
    signed_in = client.post(
        reverse("account_login") + "?next=/admin/",
        {"login": admin_user.email, "password": f.PASSWORD, "next": "/admin/"},
    )
    assert signed_in.status_code == 302 and signed_in["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/")["Location"] == "/admin/"


def test_a_signed_in_user_without_admin_access_is_refused(client, world):
    login(client, world.a.lead)
    assert client.get("/admin/login/").status_code == 403
