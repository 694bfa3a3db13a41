"""The first thing a client user does in the portal: read and accept the engagement terms."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from .services.terms import terms_pending_for

OPEN_PREFIXES = ("/accounts/", "/terms/", "/i18n/", "/static/", "/healthz", "/api/", "/admin/")


class TermsGateMiddleware:
    """Send a client user who has not accepted the current terms to read them first.

    The API answers such a caller itself (core.api.PortalAPIView) with a 403 `terms_not_accepted`.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.is_client_user
            and not request.path.startswith(OPEN_PREFIXES)
            and terms_pending_for(user) is not None
        ):
            return redirect(f"{reverse('clients:terms')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
