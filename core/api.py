"""API plumbing shared by every app: the one error shape and the pagination."""

import django.core.exceptions as django_exceptions
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .errors import DomainError


def _flatten(detail) -> list[str]:
    if isinstance(detail, dict):
        return [m for value in detail.values() for m in _flatten(value)]
    if isinstance(detail, list | tuple):
        return [m for item in detail for m in _flatten(item)]
    return [str(detail)]


def _fields(detail) -> dict[str, list[str]]:
    if not isinstance(detail, dict):
        return {}
    return {str(name): _flatten(value) for name, value in detail.items()}


def error_body(*, code: str, message: str, fields: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def exception_handler(exc, context):
    """Map every expected failure to `{"error": {"code", "message", "fields"}}`.

    Domain errors carry their own status and translatable message; DRF's and Django's own
    exceptions are translated into the same shape. Anything else is a bug and stays a 500.
    """
    headers = {}
    if isinstance(exc, DomainError):
        fields = {name: _flatten(value) for name, value in exc.fields.items()}
        body = error_body(code=exc.code, message=str(exc.message), fields=fields)
        return Response(body, status=exc.status)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, django_exceptions.PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, django_exceptions.ValidationError):
        exc = exceptions.ValidationError(getattr(exc, "message_dict", None) or {"non_field_errors": exc.messages})
    if not isinstance(exc, exceptions.APIException):
        return None

    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))

    if isinstance(exc, exceptions.ValidationError):
        fields = _fields(exc.detail)
        general = fields.pop("non_field_errors", None) or (
            _flatten(exc.detail) if not isinstance(exc.detail, dict) else None
        )
        message = " ".join(general) if general else _("Please correct the errors below.")
        body = error_body(code="invalid", message=message, fields=fields)
        return Response(body, status=status.HTTP_400_BAD_REQUEST, headers=headers)

    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    body = error_body(code=code, message=" ".join(_flatten(exc.detail)))
    return Response(body, status=exc.status_code, headers=headers)


class NewestFirstPagination(CursorPagination):
    """Cursor pages of 50: constant cost however deep the client scrolls, no COUNT(*) over a million rows."""

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    ordering = ("-created_at", "-id")


class ErrorDetail(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorOutput(serializers.Serializer):
    error = ErrorDetail()


ERROR_RESPONSES = {
    400: OpenApiResponse(ErrorOutput, description="Invalid input; `fields` names what to correct."),
    401: OpenApiResponse(ErrorOutput, description="Not signed in."),
    403: OpenApiResponse(ErrorOutput, description="A rule of the firm forbids this to the caller."),
    404: OpenApiResponse(ErrorOutput, description="No such object among those the caller may see."),
    409: OpenApiResponse(ErrorOutput, description="Not possible in the object's current state."),
}


class TermsNotAccepted(DomainError):
    code = "terms_not_accepted"
    status = 403


class PortalAPIView(APIView):
    """Base of every API view: speaks the caller's language, holds client users to the terms.

    A view that must stay open before the terms are accepted sets `terms_exempt = True`.
    """

    terms_exempt = False

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Token-authenticated callers are only known here, after the middleware has run.
        language = getattr(request.user, "language", None)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        if not self.terms_exempt and getattr(request.user, "is_client_user", False):
            from clients.services.terms import terms_pending_for

            pending = terms_pending_for(request.user)
            if pending is not None:
                raise TermsNotAccepted(
                    _("Accept the firm's engagement terms (version %(number)s) first: GET and POST /api/terms/.")
                    % {"number": pending.number}
                )

    @staticmethod
    def validated(serializer_class, data) -> dict:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)
