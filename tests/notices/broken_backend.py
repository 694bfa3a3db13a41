from django.core.mail.backends.base import BaseEmailBackend


class BrokenBackend(BaseEmailBackend):
    """An SMTP server that is down: the outside world, not our code."""

    def send_messages(self, email_messages):
        raise ConnectionError("SMTP server unreachable")
