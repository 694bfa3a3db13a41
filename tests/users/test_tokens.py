"""API tokens: they expire, they die with a password change or reset and with 2FA, their owner sees and revokes them."""

from datetime import timedelta

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from tests import factories as f
from tests.conftest import assert_error, login, page_queries
from users.models import ApiToken
from users.services_tokens import token_issue

pytestmark = pytest.mark.django_db


def api_with(key):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api


def works(key) -> bool:
    return api_with(key).get("/api/me/").status_code == 200


def test_the_endpoint_issues_an_expiring_token_and_stores_only_its_digest(settings):
    settings.API_TOKEN_DAYS = 7
    user = f.ClientUserFactory()
    response = APIClient().post(
        "/api/auth/token/",
        {"email": user.email, "password": f.PASSWORD, "name": "1C export"},
        format="json",
    )
    assert response.status_code == 200
    key = response.json()["token"]
    token = ApiToken.objects.get(user=user)
    assert token.name == "1C export"
    assert key not in (token.key_digest, token.prefix) and key.startswith(token.prefix)
    assert timedelta(days=6, hours=23) < token.expires_at - timezone.now() <= timedelta(days=7)
    assert response.json()["expires_at"]
    assert works(key)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_an_expired_token_no_longer_opens_the_api():
    user = f.ClientUserFactory()
    token, key = token_issue(user=user)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api_with(key).get("/api/me/")
    assert_error(response, 401, "authentication_failed")
    assert response["WWW-Authenticate"] == "Token"


def test_a_deactivated_users_token_no_longer_works():
    user = f.ClientUserFactory()
    _token, key = token_issue(user=user)
    user.is_active = False
    user.save(update_fields=["is_active"])
    assert not works(key)


def test_changing_the_password_revokes_every_token(client):
    user = f.ClientUserFactory()
    keys = [token_issue(user=user)[1] for _ in range(2)]
    _other, other_key = token_issue(user=f.ClientUserFactory())
    login(client, user)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": f.PASSWORD, "password1": "a-new-Secret-2027", "password2": "a-new-Secret-2027"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not any(works(key) for key in keys)
    assert works(other_key)


def test_resetting_the_password_revokes_every_token(client):
    user = f.ClientUserFactory()
    _token, key = token_issue(user=user)
    url = reverse(
        "account_reset_password_from_key",
        kwargs={"uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)},
    )
    form_url = client.get(url)["Location"]  # allauth moves the key into the session first
    response = client.post(form_url, {"password1": "a-new-Secret-2027", "password2": "a-new-Secret-2027"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not works(key)


def test_turning_on_two_factor_authentication_revokes_every_token(client, django_capture_on_commit_callbacks):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    user = f.ClientUserFactory()
    _token, key = token_issue(user=user)
    # A real sign-in, then the password once more: turning on 2FA asks for a fresh confirmation.
    assert client.post(reverse("account_login"), {"login": user.email, "password": f.PASSWORD}).status_code == 302
    assert client.post(reverse("account_reauthenticate"), {"password": f.PASSWORD}).status_code == 302
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    code = format_hotp_value(hotp_value(secret, list(yield_hotp_counters_from_time())[-1]))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not works(key)


def test_a_password_set_in_the_admin_revokes_the_users_tokens(client):
    user = f.ClientUserFactory()
    _token, key = token_issue(user=user)
    login(client, f.PartnerFactory(is_staff=True, is_superuser=True))
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]).replace("auth/user", "users/user"),
        {"usable_password": "true", "password1": "a-new-Secret-2027", "password2": "a-new-Secret-2027"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert not works(key)


# --- the owner's list and revocation: API -----------------------------------------------------


def test_the_api_lists_the_callers_own_live_tokens_and_marks_the_current_one(django_assert_num_queries):
    user, other = f.ClientUserFactory(), f.ClientUserFactory()
    current, key = token_issue(user=user, name="script")
    older, _ = token_issue(user=user, name="laptop")
    dead, _ = token_issue(user=user)
    ApiToken.objects.filter(pk=dead.pk).update(expires_at=timezone.now() - timedelta(days=1))
    token_issue(user=other)  # not the caller's: never listed
    api = api_with(key)
    api.get("/api/me/")  # last_used_at is now fresh: the list itself writes nothing
    with django_assert_num_queries(2):  # the token with its user, the page
        body = api.get("/api/auth/tokens/").json()
    rows = {row["id"]: row for row in body["results"]}
    assert set(rows) == {current.pk, older.pk}
    assert rows[current.pk]["current"] is True and rows[older.pk]["current"] is False
    assert rows[current.pk]["prefix"] == current.prefix and "key_digest" not in rows[current.pk]


def test_the_owner_revokes_one_token_through_the_api():
    user = f.ClientUserFactory()
    _current, key = token_issue(user=user)
    other_token, other_key = token_issue(user=user)
    response = api_with(key).delete(f"/api/auth/tokens/{other_token.pk}/")
    assert response.status_code == 204
    assert not works(other_key) and works(key)


def test_another_users_token_cannot_be_revoked_or_seen_through_the_api():
    attacker, victim = f.ClientUserFactory(), f.ClientUserFactory()
    _mine, key = token_issue(user=attacker)
    victims, victim_key = token_issue(user=victim)
    partner_api = APIClient()
    partner_api.force_authenticate(f.PartnerFactory(is_superuser=True))
    for api in (api_with(key), partner_api):
        assert_error(api.delete(f"/api/auth/tokens/{victims.pk}/"), 404, "not_found")
        assert victims.pk not in {row["id"] for row in api.get("/api/auth/tokens/").json()["results"]}
    assert works(victim_key)


def test_the_token_list_needs_a_signed_in_caller():
    assert_error(APIClient().get("/api/auth/tokens/"), 401, "not_authenticated")


# --- the owner's list and revocation: the account page ----------------------------------------


def test_the_account_menu_links_to_the_tokens_page(client, world):
    page = login(client, world.a.user).get(reverse("home")).content.decode()
    assert reverse("users:api_tokens") in page


def test_the_page_shows_only_the_users_own_tokens(client, world, django_assert_num_queries):
    mine, _ = token_issue(user=world.a.lead, name="Outlook add-in")
    theirs, _ = token_issue(user=world.partner, name="partner-script")
    login(client, world.a.lead)
    with django_assert_num_queries(page_queries(1)):
        page = client.get(reverse("users:api_tokens")).content.decode()
    assert mine.prefix in page and "Outlook add-in" in page
    assert theirs.prefix not in page and "partner-script" not in page
    assert reverse("users:api_token_revoke", args=[mine.pk]) in page


def test_the_owner_revokes_a_token_on_the_page_and_cannot_touch_anothers(client, world):
    mine, my_key = token_issue(user=world.a.user)
    theirs, their_key = token_issue(user=world.b.user)
    login(client, world.a.user)
    assert client.post(reverse("users:api_token_revoke", args=[theirs.pk])).status_code == 404
    assert works(their_key)
    response = client.post(reverse("users:api_token_revoke", args=[mine.pk]))
    assert response.status_code == 302
    assert not works(my_key)
    assert "revoked" in client.get(response["Location"]).content.decode()


def test_revoke_all_on_the_page_leaves_other_users_alone(client, world):
    keys = [token_issue(user=world.a.user)[1] for _ in range(3)]
    _theirs, their_key = token_issue(user=world.b.user)
    login(client, world.a.user)
    assert client.post(reverse("users:api_tokens_revoke_all")).status_code == 302
    assert not any(works(key) for key in keys)
    assert works(their_key)


def test_the_tokens_page_needs_a_sign_in_and_revocation_a_post(client, world):
    assert client.get(reverse("users:api_tokens"))["Location"].startswith(reverse("account_login"))
    mine, _ = token_issue(user=world.a.user)
    login(client, world.a.user)
    assert client.get(reverse("users:api_token_revoke", args=[mine.pk])).status_code == 405
