"""Signing in from another system: API tokens for the user, and who the caller is."""

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, NewestFirstPagination, PortalAPIView

from . import selectors
from .models import ApiToken
from .services_tokens import api_sign_in, token_issue, token_revoke
from .throttling import AnonThrottle


class UserOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField()
    client = serializers.IntegerField(source="client_id", allow_null=True)
    language = serializers.CharField()


class TokenCreateApi(PortalAPIView):
    """Exchange e-mail, password (and the authenticator code, when the user has one) for a token.

    Failed attempts count together with the web sign-in's: after five for one account, both doors
    answer 429 `too_many_attempts` for a few minutes. The token expires (`expires_at`); changing or
    resetting the password and turning on two-factor authentication revoke it earlier.
    """

    permission_classes = [AllowAny]
    authentication_classes = []
    terms_exempt = True
    throttle_classes = [AnonThrottle]

    class TokenInput(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
        code = serializers.CharField(required=False, allow_blank=True)
        name = serializers.CharField(
            required=False, allow_blank=True, max_length=200, help_text="What the token is for; shown in its list."
        )

    class IssuedTokenOutput(serializers.Serializer):
        token = serializers.CharField()
        expires_at = serializers.DateTimeField()
        user = UserOutput()

    @extend_schema(
        operation_id="auth_token_create", request=TokenInput, responses={200: IssuedTokenOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        data = self.validated(self.TokenInput, request.data)
        user = api_sign_in(
            request=request._request, email=data["email"], password=data["password"], code=data.get("code", "")
        )
        name = data.get("name") or request.headers.get("User-Agent", "")
        token, key = token_issue(user=user, name=name)
        return Response({"token": key, "expires_at": token.expires_at, "user": UserOutput(user).data})


class TokenOutput(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    prefix = serializers.CharField(help_text="The first characters of the key, to tell the tokens apart.")
    created_at = serializers.DateTimeField()
    last_used_at = serializers.DateTimeField(allow_null=True)
    expires_at = serializers.DateTimeField()
    current = serializers.SerializerMethodField(help_text="The token this call is made with.")

    def get_current(self, token: ApiToken) -> bool:
        auth = self.context.get("auth")
        return isinstance(auth, ApiToken) and auth.pk == token.pk


class TokenListApi(PortalAPIView):
    terms_exempt = True
    pagination_class = NewestFirstPagination

    @extend_schema(operation_id="auth_token_list", responses={200: TokenOutput(many=True), **ERROR_RESPONSES})
    def get(self, request):
        """The caller's own tokens that still work, newest first: never anyone else's."""
        return self.paginated(request, selectors.token_list(user=request.user), TokenOutput, auth=request.auth)


class TokenRevokeApi(PortalAPIView):
    terms_exempt = True

    @extend_schema(operation_id="auth_token_revoke", responses={204: None, **ERROR_RESPONSES})
    def delete(self, request, pk: int):
        """Revoke one of the caller's tokens (the one this call is made with, too); another's is a 404."""
        token_revoke(user=request.user, token_id=pk)
        return Response(status=204)


class MeApi(PortalAPIView):
    terms_exempt = True

    @extend_schema(operation_id="me_retrieve", responses={200: UserOutput, **ERROR_RESPONSES})
    def get(self, request):
        """Who the caller is."""
        return Response(UserOutput(request.user).data)


urlpatterns = [
    path("auth/token/", TokenCreateApi.as_view(), name="auth_token"),
    path("auth/tokens/", TokenListApi.as_view(), name="auth_token_list"),
    path("auth/tokens/<int:pk>/", TokenRevokeApi.as_view(), name="auth_token_revoke"),
    path("me/", MeApi.as_view(), name="me"),
]
