from allauth.account.adapter import DefaultAccountAdapter
from django.urls import reverse


class AccountAdapter(DefaultAccountAdapter):
    """allauth, the firm's way: no self sign-up, and every e-mail goes through the notice outbox."""

    def is_open_for_signup(self, request) -> bool:
        # Client users are opened by the firm at intake; nobody registers on their own.
        return False

    def get_login_redirect_url(self, request) -> str:
        return reverse("home")

    def send_mail(self, template_prefix, email, context) -> None:
        from notices.services import notice_send_message

        message = self.render_mail(template_prefix, email, context)
        notice_send_message(message=message, kind=template_prefix.rsplit("/", 1)[-1])
