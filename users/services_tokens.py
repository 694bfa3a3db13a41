"""API sign-in and tokens: issue, recognise, revoke.

The token endpoint is a second door to the same accounts as the web sign-in, so it goes through
allauth's own checks and counters: a wrong password costs an attempt from the same per-account and
per-address allowance (allauth's "login_failed" rate limit), and so does a wrong authenticator
code. Five failures through either door lock both for a while, and a locked account costs no
password hash at all.
"""

import hashlib
import secrets
from datetime import timedelta

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import context as allauth_context
from allauth.mfa.base.forms import AuthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError, NotFound

from .access import visible_tokens
from .models import ApiToken, User

# last_used_at is written at most this often: not one UPDATE per API call.
TOUCH_EVERY = timedelta(minutes=1)
LOCKOUT_CODES = frozenset({"too_many_login_attempts", "rate_limited"})


class AuthenticationFailed(DomainError):
    code = "authentication_failed"
    status = 401
    default_message = _("Wrong e-mail or password.")


class TooManyAttempts(DomainError):
    code = "too_many_attempts"
    status = 429
    default_message = _("Too many failed sign-in attempts. Wait a few minutes and try again.")


def api_sign_in(*, request, email: str, password: str, code: str = "") -> User:
    """The user these credentials (and, with 2FA on, the authenticator code) belong to.

    `request` is Django's HttpRequest: allauth keys its counters on the client's address
    (settings.TRUSTED_PROXIES decides how far X-Forwarded-For is believed) and on the e-mail.
    """
    adapter = get_account_adapter(request)
    with allauth_context.request_context(request):
        try:
            user = adapter.authenticate(request, email=(email or "").strip().lower(), password=password)
        except forms.ValidationError as exc:
            if exc.code in LOCKOUT_CODES:
                raise TooManyAttempts() from None
            raise
        if user is None or not user.is_active:
            raise AuthenticationFailed()
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            _check_authenticator_code(user, code)
    return user


def _check_authenticator_code(user: User, code: str) -> None:
    """allauth's own form for the second step: TOTP or a recovery code, under the same counters."""
    code = (code or "").strip()
    if not code:
        raise AuthenticationFailed(_("Enter the code from your authenticator app."), code="mfa_required")
    form = AuthenticateForm(user=user, data={"code": code})
    if form.is_valid():
        form.authenticator.record_usage()
        return
    if any(error.code in LOCKOUT_CODES for error in form.errors.as_data().get("code", [])):
        raise TooManyAttempts()
    raise AuthenticationFailed(_("The authenticator code is wrong or expired."), code="mfa_invalid")


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def token_issue(*, user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for `user` and its key; the key is shown this once and stored only as a digest."""
    now = timezone.now()
    ApiToken.objects.filter(user=user, expires_at__lte=now).delete()
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=(name or "").strip()[:200],
        key_digest=_digest(key),
        prefix=key[:8],
        created_at=now,
        expires_at=now + timedelta(days=settings.API_TOKEN_DAYS),
    )
    return token, key


def token_authenticate(*, key: str) -> ApiToken | None:
    """The live token with this key (its user and the user's client loaded), noting when it was used."""
    if not key:
        return None
    now = timezone.now()
    try:
        token = ApiToken.objects.select_related("user__client").get(
            key_digest=_digest(key), expires_at__gt=now, user__is_active=True
        )
    except ApiToken.DoesNotExist:
        return None
    if token.last_used_at is None or now - token.last_used_at >= TOUCH_EVERY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token


def token_revoke(*, user: User, token_id: int) -> None:
    """The owner revokes one of its tokens; anyone else's token is simply not found."""
    deleted, _rows = visible_tokens(user).filter(pk=token_id).delete()
    if not deleted:
        raise NotFound(_("No such token."))


def tokens_revoke_all(*, user: User) -> int:
    """Every token of `user`: after a password change or reset, 2FA turned on, or at the owner's wish."""
    deleted, _rows = ApiToken.objects.filter(user=user).delete()
    return deleted
