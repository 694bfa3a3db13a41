"""`Authorization: Token <key>` for the API, against our own expiring, revocable tokens."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from .services_tokens import token_authenticate


class ApiTokenAuthentication(TokenAuthentication):
    keyword = "Token"

    def authenticate_credentials(self, key):
        token = token_authenticate(key=key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("The token is wrong, expired or revoked: get a new one."))
        return token.user, token
