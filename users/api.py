"""Signing in from another system: an API token for the user, and who the caller is."""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.throttling import AnonRateThrottle

from core.api import ERROR_RESPONSES, PortalAPIView
from core.errors import DomainError


class AuthenticationFailed(DomainError):
    code = "authentication_failed"
    status = 401


class UserOutput(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    full_name = serializers.CharField()
    role = serializers.CharField()
    client = serializers.IntegerField(source="client_id", allow_null=True)
    language = serializers.CharField()


class TokenCreateApi(PortalAPIView):
    """Exchange e-mail, password (and the authenticator code, when the user has one) for a token."""

    permission_classes = [AllowAny]
    authentication_classes = []
    terms_exempt = True
    throttle_classes = [AnonRateThrottle]

    class TokenInput(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
        code = serializers.CharField(required=False, allow_blank=True)

    class TokenOutput(serializers.Serializer):
        token = serializers.CharField()
        user = UserOutput()

    @extend_schema(
        operation_id="auth_token_create", request=TokenInput, responses={200: TokenOutput, **ERROR_RESPONSES}
    )
    def post(self, request):
        data = self.validated(self.TokenInput, request.data)
        user = authenticate(request, email=data["email"].lower(), password=data["password"])
        if user is None or not user.is_active:
            raise AuthenticationFailed(_("Wrong e-mail or password."))
        if is_mfa_enabled(user, [Authenticator.Type.TOTP]):
            code = (data.get("code") or "").strip()
            if not code:
                raise AuthenticationFailed(_("Enter the code from your authenticator app."), code="mfa_required")
            authenticator = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
            if not authenticator.wrap().validate_code(code):
                raise AuthenticationFailed(_("The authenticator code is wrong or expired."), code="mfa_invalid")
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key, "user": UserOutput(user).data})


class MeApi(PortalAPIView):
    terms_exempt = True

    @extend_schema(operation_id="me_retrieve", responses={200: UserOutput, **ERROR_RESPONSES})
    def get(self, request):
        """Who the caller is."""
        return Response(UserOutput(request.user).data)
