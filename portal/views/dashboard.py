"""The dashboard: the first page everyone sees (the home page).

Its body — a dozen sections from a dozen apps, the heaviest page of the portal — is kept per user
(core.caching, with Redis) under the scopes core.dashboard_cache bumps on every write to what it shows:
the client's own rows for a client's users, the firm's for the firm's people. The key holds the user,
the role, the client, the language, the time zone and the day. The forms in it (a hearing's answer) carry
this request's CSRF token: the body is kept with a one-off marker in its place.
"""

import secrets

from django.contrib.auth.decorators import login_required
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core import dashboard_cache
from core.caching import cached

from ..selectors.dashboard import client_dashboard, staff_dashboard
from ..selectors.deadlines import my_deadlines
from ..selectors.hearings import staff_hearings


def _client_context(user) -> dict:
    return {"board": client_dashboard(user=user), "today": timezone.localdate()}


def _staff_context(user) -> dict:
    board = staff_dashboard(user=user)
    return {
        "board": board,
        "expiring_powers": board.powers,
        "today": timezone.localdate(),
        "deadlines": my_deadlines(user=user),
        "hearings": staff_hearings(user=user),
    }


def _body(request, kind: str) -> str:
    user = request.user
    if kind == "client":
        make, scopes = _client_context, dashboard_cache.client_scopes(user.client_id)
    else:
        make, scopes = _staff_context, dashboard_cache.firm_scopes()

    def render_body() -> tuple[str, str]:
        marker = secrets.token_hex(16)
        context = {**make(user), "csrf_token": marker}
        return marker, render_to_string(f"portal/_board_{kind}.html", context, request=request)

    parts = (user.role, user.client_id, get_language(), timezone.get_current_timezone_name(), timezone.localdate())
    marker, html = cached(
        f"dashboard-{kind}",
        owner=f"user:{user.pk}",
        scopes=scopes,
        parts=parts,
        compute=render_body,
        timeout=dashboard_cache.TIMEOUT,
    )
    # Rendered by the Django engine with autoescape; the marker is a random token of ours.
    return mark_safe(html.replace(marker, get_token(request)))  # noqa: S308


@login_required
def dashboard(request):
    kind = "client" if request.user.is_client_user else "staff"
    return render(request, f"portal/dashboard_{kind}.html", {"body": _body(request, kind)})


@login_required
def home(request):
    """Everyone's first page is their dashboard (portal.views.dashboard)."""
    return dashboard(request)
