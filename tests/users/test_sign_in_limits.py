"""Guessing passwords: the token endpoint and the web sign-in are one door with one set of counters."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.account.adapter import get_adapter
from rest_framework.test import APIClient

from tests import factories as f
from tests.conftest import assert_error
from users.models import ApiToken

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]
TOKEN_URL = "/api/auth/token/"
LOGIN_URL = "/accounts/login/"


def token_call(user, password, *, ip="198.51.100.7", forwarded_for=None, **fields):
    payload = {"email": user.email, "password": password, **fields}
    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    return APIClient().post(TOKEN_URL, payload, format="json", REMOTE_ADDR=ip, **headers)


def test_five_wrong_passwords_lock_the_account_on_the_token_endpoint():
    user = f.ClientUserFactory()
    for _ in range(5):
        assert_error(token_call(user, "wrong-password"), 401, "authentication_failed")
    error = assert_error(token_call(user, f.PASSWORD), 429, "too_many_attempts")
    assert "Too many failed sign-in attempts" in error["message"]
    assert not ApiToken.objects.exists()


def test_the_lockout_is_per_account_not_per_address():
    user, other = f.ClientUserFactory(), f.ClientUserFactory()
    for n in range(5):
        token_call(user, "wrong-password", ip=f"203.0.113.{n + 1}")
    assert_error(token_call(user, f.PASSWORD, ip="192.0.2.200"), 429, "too_many_attempts")
    assert token_call(other, f.PASSWORD, ip="192.0.2.200").status_code == 200


def test_a_forged_forwarded_for_does_not_reset_the_lockout():
    user = f.ClientUserFactory()
    for n in range(5):
        token_call(user, "wrong-password", forwarded_for=f"10.9.8.{n}")
    response = APIClient().post(
        TOKEN_URL,
        {"email": user.email, "password": f.PASSWORD},
        format="json",
        REMOTE_ADDR="198.51.100.7",
        HTTP_X_FORWARDED_FOR="10.9.8.99",
    )
    assert_error(response, 429, "too_many_attempts")


def test_wrong_passwords_on_the_web_sign_in_lock_the_token_endpoint(client):
    user = f.ClientUserFactory()
    for _ in range(5):
        page = client.post(LOGIN_URL, {"login": user.email, "password": "wrong-password"}, REMOTE_ADDR="198.51.100.8")
        assert page.status_code == 200
    assert_error(token_call(user, f.PASSWORD, ip="192.0.2.201"), 429, "too_many_attempts")


def test_wrong_passwords_on_the_token_endpoint_lock_the_web_sign_in(client):
    user = f.ClientUserFactory()
    for _ in range(5):
        token_call(user, "wrong-password")
    page = client.post(LOGIN_URL, {"login": user.email, "password": f.PASSWORD}, REMOTE_ADDR="192.0.2.202")
    assert page.status_code == 200  # the form again, not a redirect into the portal
    assert "Too many failed login attempts" in page.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_does_not_use_up_the_allowance():
    user = f.ClientUserFactory()
    for _ in range(8):
        assert token_call(user, f.PASSWORD).status_code == 200


def test_wrong_authenticator_codes_lock_the_account_too():
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = f.ClientUserFactory()
    TOTP.activate(user, generate_totp_secret())
    for _ in range(5):
        assert_error(token_call(user, f.PASSWORD, code="000000"), 401, "mfa_invalid")
    assert_error(token_call(user, f.PASSWORD, code="000000"), 429, "too_many_attempts")


def test_anonymous_calls_are_throttled_per_real_address_whatever_forwarded_for_says(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "3/min"}}
    user = f.ClientUserFactory()
    for n in range(3):
        response = token_call(user, f.PASSWORD, forwarded_for=f"10.0.0.{n}")
        assert response.status_code == 200
    response = token_call(user, f.PASSWORD, forwarded_for="10.0.0.99")
    error = assert_error(response, 429, "throttled")
    assert "Too many requests" in error["message"]
    assert int(response["Retry-After"]) > 0
    assert token_call(user, f.PASSWORD, ip="198.51.100.99").status_code == 200  # another machine is not affected


def test_signed_in_api_use_is_throttled_per_user(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100/min", "user": "2/min"},
    }
    user, other = f.ClientUserFactory(), f.ClientUserFactory()
    api = APIClient()
    api.force_authenticate(user)
    assert api.get("/api/me/").status_code == 200
    assert api.get("/api/me/", REMOTE_ADDR="192.0.2.50").status_code == 200
    response = api.get("/api/me/", REMOTE_ADDR="192.0.2.51")  # a new address does not help either
    assert_error(response, 429, "throttled")
    assert response.has_header("Retry-After")
    neighbour = APIClient()
    neighbour.force_authenticate(other)
    assert neighbour.get("/api/me/").status_code == 200


def test_allauths_address_is_the_one_the_trusted_proxy_saw(rf, settings):
    adapter = get_adapter()
    request = rf.post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.4")
    settings.TRUSTED_PROXIES = 0
    assert adapter.get_client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXIES = 1
    assert adapter.get_client_ip(request) == "198.51.100.4"
    settings.TRUSTED_PROXIES = 2
    assert adapter.get_client_ip(request) == "6.6.6.6"


def test_one_setting_tells_everyone_how_many_proxies_to_trust():
    probe = (
        "import django; django.setup(); from django.conf import settings;"
        "from rest_framework.settings import api_settings;"
        "print(settings.TRUSTED_PROXIES, api_settings.NUM_PROXIES, settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    base = {k: os.environ[k] for k in ("PATH", "HOME", "LANG") if k in os.environ}
    base |= {"DEBUG": "1", "DJANGO_SETTINGS_MODULE": "engagement.settings", "DATABASE_URL": "sqlite:////tmp/x.db"}

    def run(**env):
        result = subprocess.run(
            [sys.executable, "-c", probe], cwd=ROOT, env={**base, **env}, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.split()

    assert run(TRUSTED_PROXIES="2") == ["2", "2", "2"]
    assert run(AUDIT_TRUSTED_PROXIES="1") == ["1", "1", "1"]  # the old name still works
    assert run() == ["0", "0", "0"]
