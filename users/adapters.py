from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from .client_address import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """allauth, the firm's way: no self sign-up, and every e-mail goes through the notice outbox."""

    def is_open_for_signup(self, request) -> bool:
        # Client users are opened by the firm at intake; nobody registers on their own.
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse("home")

    def login(self, request, user) -> None:
        """Sign in, then speak the user's language from this response on.

        The sign-in request was anonymous, so it ran in the browser's language; allauth renders its
        "Successfully signed in as …" right after this, and it must be in the user's own language.
        """
        super().login(request, user)
        language = getattr(user, "language", "")
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            request.LANGUAGE_CODE = language

    def get_client_ip(self, request) -> str:
        # The rate limits' per-address key: the same address as the access log's and the API
        # throttles' (settings.TRUSTED_PROXIES), never an address the caller wrote itself.
        return client_ip(request) or super().get_client_ip(request)

    def send_mail(self, template_prefix, email, context) -> None:
        from notices.services import notice_send_message

        message = self.render_mail(template_prefix, email, context)
        notice_send_message(message=message, kind=template_prefix.rsplit("/", 1)[-1])
