"""Authentication backends that load the signed-in user together with its client.

Every page shows the client's name in the header; loading it with the user keeps each page's
query count fixed (one query for the session, one for the user).
"""

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class _WithClient:
    def get_user(self, user_id):
        try:
            user = get_user_model()._default_manager.select_related("client").get(pk=user_id)
        except get_user_model().DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None


class PortalModelBackend(_WithClient, ModelBackend):
    pass


class PortalAllauthBackend(_WithClient, AllauthBackend):
    pass
