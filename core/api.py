"""API plumbing shared by every app: the one error shape and the pagination."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

import django.core.exceptions as django_exceptions
from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import defaults
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from .errors import DomainError, ValidationError

API_PREFIX = "/api/"


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

    if isinstance(exc, exceptions.Throttled):
        seconds = int(exc.wait or 0)
        message = (
            ngettext(
                "Too many requests. Try again in %(seconds)d second.",
                "Too many requests. Try again in %(seconds)d seconds.",
                seconds,
            )
            % {"seconds": seconds}
            if seconds
            else _("Too many requests. Try again later.")
        )
        return Response(error_body(code="throttled", message=message), status=exc.status_code, headers=headers)

    codes = exc.get_codes()
    code = codes if isinstance(codes, str) else exc.default_code
    body = error_body(code=code, message=" ".join(_flatten(exc.detail)))
    return Response(body, status=exc.status_code, headers=headers)


def invalid_parameters(errors: dict) -> ValidationError:
    """A 400 for query parameters that break the schema; the message names them, `fields` says why."""
    names = ", ".join(sorted(errors))
    return ValidationError(_("Check the query parameters: %(names)s.") % {"names": names}, fields=errors)


@contextmanager
def fields_under(prefix: str, names) -> Iterator[None]:
    """A refusal raised in the block names the fields among `names` by their path in the API's input
    (`new_client.inn`): services name a nested object's fields as the pages' forms do (`inn`)."""
    try:
        yield
    except ValidationError as error:
        fields = {(f"{prefix}.{k}" if k in names else k): v for k, v in error.fields.items()}
        raise ValidationError(error.message, fields=fields) from None


class NewestFirstPagination(CursorPagination):
    """Cursor pages of 50: constant cost however deep the client scrolls, no COUNT(*) over a million rows.

    A list view names its paginator once (`pagination_class`); the schema then describes the page
    (`{"next", "previous", "results"}`) and its `cursor` and `page_size` parameters from here.
    A cursor that was not handed out and a page size out of range are a 400, not a silent default.
    """

    page_size = 50
    max_page_size = 200
    page_size_query_param = "page_size"
    ordering = ("-created_at", "-id")

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw in (None, ""):
            return self.page_size
        try:
            size = int(raw)
        except ValueError:
            size = 0
        if not 1 <= size <= self.max_page_size:
            message = _("A whole number from 1 to %(max)s.") % {"max": self.max_page_size}
            raise invalid_parameters({self.page_size_query_param: [message]})
        return size

    def decode_cursor(self, request):
        try:
            return super().decode_cursor(request)
        except exceptions.NotFound:
            raise self._bad_cursor() from None

    def paginate_queryset(self, queryset, request, view=None):
        # A forged cursor can carry a position its ordering field cannot hold (a word for a date).
        try:
            return super().paginate_queryset(queryset, request, view=view)
        except (django_exceptions.ValidationError, ValueError, TypeError, OverflowError):
            if not request.query_params.get(self.cursor_query_param):
                raise
            raise self._bad_cursor() from None

    def _bad_cursor(self) -> ValidationError:
        message = _("Use the `next` or `previous` link of the page before.")
        return invalid_parameters({self.cursor_query_param: [message]})

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "format": "uri", "nullable": True}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {**link, "description": "The next page; null on the last one."},
                "previous": {**link, "description": "The page before; null on the first one."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        cursor, page_size = super().get_schema_operation_parameters(view)
        cursor["description"] = "Opaque: take it from the `next` or `previous` link."
        page_size["schema"] = {"type": "integer", "minimum": 1, "maximum": self.max_page_size}
        page_size["description"] = f"Rows per page, {self.page_size} unless given."
        return [cursor, page_size]


MAX_ID = 2**63 - 1  # the largest id a BigAutoField holds


class IdField(serializers.IntegerField):
    """An object's id in a query: a positive integer the database can hold (a larger one is a 400, not a crash)."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


class PortalAutoSchema(AutoSchema):
    """Documents what a view declares once: its query parameters (`QueryInput`) on GET.

    The pagination of a list comes from the view's `pagination_class` (drf-spectacular's own
    mechanics, with the page's schema from NewestFirstPagination).
    """

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        query_input = getattr(self.view, "QueryInput", None)
        if self.method == "GET" and query_input is not None:
            parameters.append(query_input)
        return parameters


class ErrorDetail(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class ErrorOutput(serializers.Serializer):
    error = ErrorDetail()


# A download of an uploaded file answers with the file's own type (PDF, an image, a document…).
FILE_AS_STORED = "The file as it was uploaded, with its own content type."

ERROR_RESPONSES = {
    400: OpenApiResponse(ErrorOutput, description="Invalid input; `fields` names what to correct."),
    401: OpenApiResponse(ErrorOutput, description="Not signed in."),
    403: OpenApiResponse(ErrorOutput, description="A rule of the firm forbids this to the caller."),
    404: OpenApiResponse(ErrorOutput, description="No such object among those the caller may see."),
    409: OpenApiResponse(ErrorOutput, description="Not possible in the object's current state."),
    429: OpenApiResponse(ErrorOutput, description="Too many requests or failed sign-ins; `Retry-After` when known."),
}


class TermsNotAccepted(DomainError):
    code = "terms_not_accepted"
    status = 403


@lru_cache
def _gates(paths: tuple[str, ...]) -> list:
    return [import_string(path) for path in paths]


# What every API call must pass first is settings.API_GATES (dotted paths of `gate(view, request)`, which
# raise a DomainError to refuse): the apps above core plug their rules in there, as middleware does for
# pages (the engagement terms: clients.api.terms.terms_gate). The docstring below is also the schema's
# description of views that have none of their own: keep it as it is.
class PortalAPIView(APIView):
    """Base of every API view: speaks the caller's language, holds client users to the terms.

    A view that must stay open before the terms are accepted sets `terms_exempt = True`.
    """

    terms_exempt = False
    # A list names its paginator (NewestFirstPagination or a subclass) and answers with `paginated`.
    pagination_class = None
    # The query parameters GET accepts, as a serializer: validated by `query`, documented from the same class.
    QueryInput = None

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Token-authenticated callers are only known here, after the middleware has run.
        language = getattr(request.user, "language", None)
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = language
        for gate in _gates(tuple(settings.API_GATES)):
            gate(self, request)

    @staticmethod
    def validated(serializer_class, data) -> dict:
        serializer = serializer_class(data=data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)

    def query(self, request) -> dict:
        """The query parameters, checked against `QueryInput`: a value the schema does not allow is a 400."""
        serializer = self.QueryInput(data=request.query_params)
        if not serializer.is_valid():
            errors = {str(name): _flatten(value) for name, value in serializer.errors.items()}
            raise invalid_parameters(errors)
        return dict(serializer.validated_data)

    def paginated(self, request, queryset, output, /, **context) -> Response:
        """One page of `queryset` as `{"next", "previous", "results"}`.

        `output` is the Output serializer (given `context`), or a function from the page's rows to the results.
        """
        paginator = self.pagination_class()
        rows = paginator.paginate_queryset(queryset, request, view=self)
        if isinstance(output, type) and issubclass(output, serializers.BaseSerializer):
            results = output(rows, many=True, context=context).data
        else:
            results = output(rows)
        return paginator.get_paginated_response(results)


# --- answers outside the API views: no route, or a crash ------------------------------------------


def _is_api(request) -> bool:
    return request.path_info.startswith(API_PREFIX)


def _json_error(code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse(
        error_body(code=code, message=message), status=status_code, json_dumps_params={"ensure_ascii": False}
    )


@csrf_exempt  # it changes nothing; a POST to a wrong address is a 404, not Django's HTML CSRF page
def api_not_found(request, *args, **kwargs):
    """The last route under /api/: a path nothing else matches is a JSON 404 in the one shape.

    Like Django's APPEND_SLASH, a GET without the trailing slash of an existing route is redirected.
    """
    path = request.path_info
    if settings.APPEND_SLASH and not path.endswith("/") and request.method in ("GET", "HEAD"):
        try:
            match = resolve(path + "/", getattr(request, "urlconf", None))
        except Resolver404:
            match = None
        if match is not None and match.func is not api_not_found:
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    return _json_error("not_found", str(exceptions.NotFound.default_detail), status.HTTP_404_NOT_FOUND)


def handler400(request, exception=None):
    if _is_api(request):
        return _json_error("bad_request", _("Bad request."), status.HTTP_400_BAD_REQUEST)
    return defaults.bad_request(request, exception)


def handler403(request, exception=None):
    if _is_api(request):
        message = str(exceptions.PermissionDenied.default_detail)
        return _json_error("permission_denied", message, status.HTTP_403_FORBIDDEN)
    return defaults.permission_denied(request, exception)


def handler404(request, exception=None):
    if _is_api(request):
        return api_not_found(request)
    return defaults.page_not_found(request, exception)


def handler500(request):
    if _is_api(request):
        message = str(exceptions.APIException.default_detail)
        return _json_error("server_error", message, status.HTTP_500_INTERNAL_SERVER_ERROR)
    return defaults.server_error(request)
