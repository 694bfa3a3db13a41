"""REST API of the engagement terms and the engagement agreement.

`GET /api/terms/` and `POST /api/terms/accept/` stay open to a client user who has not accepted
the current terms yet (every other call answers 403 `terms_not_accepted` until it does).
"""

from django.http import FileResponse
from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView, TermsNotAccepted
from core.errors import NotFound, ValidationError

from ..services import terms as services

LANGUAGE_CHOICES = sorted(services.LANGUAGES)


def terms_gate(view, request) -> None:
    """settings.API_GATES: a client user calls the API only after accepting the current terms (403 otherwise)."""
    if not view.terms_exempt and getattr(request.user, "is_client_user", False):
        pending = services.terms_pending_for(request.user)
        if pending is not None:
            raise TermsNotAccepted(
                _(
                    "Accept the firm's engagement terms (version %(number)s) first: "
                    "read them with GET /api/terms/, then POST /api/terms/accept/."
                )
                % {"number": pending.number}
            )


class TermsOutput(serializers.Serializer):
    version = serializers.IntegerField(source="current.number")
    published_at = serializers.DateTimeField(source="current.published_at")
    language = serializers.ChoiceField(choices=LANGUAGE_CHOICES)
    text = serializers.CharField(help_text="The terms as HTML (headings and paragraphs), written by the firm.")
    accepted = serializers.BooleanField(help_text="Whether the caller has accepted this version.")
    accepted_at = serializers.DateTimeField(allow_null=True)
    accept_required = serializers.BooleanField(
        help_text="True for a client user who must accept this version before using the rest of the API."
    )


class TermsAcceptanceOutput(serializers.Serializer):
    version = serializers.IntegerField(source="version.number")
    language = serializers.CharField()
    accepted_at = serializers.DateTimeField()
    ip_address = serializers.IPAddressField(allow_null=True)


def _current():
    current = services.terms_current()
    if current is None:
        raise NotFound(_("The firm has not published its engagement terms yet."))
    return current


class TermsApi(PortalAPIView):
    terms_exempt = True

    class QueryInput(serializers.Serializer):
        language = serializers.ChoiceField(choices=LANGUAGE_CHOICES, required=False, help_text="Default: the caller's.")

    @extend_schema(operation_id="terms_retrieve", responses={200: TermsOutput, **ERROR_RESPONSES})
    def get(self, request):
        """The current engagement terms, and whether the caller has accepted them."""
        query = self.query(request)
        current = _current()
        language = services.terms_language(query.get("language") or get_language())
        accepted = next((a for a in services.terms_acceptances_of(request.user) if a.version_id == current.pk), None)
        body = {
            "current": current,
            "language": language,
            "text": str(services.terms_safe_html(current, language)),
            "accepted": accepted is not None,
            "accepted_at": accepted.accepted_at if accepted else None,
            "accept_required": request.user.is_client_user and accepted is None,
        }
        return Response(TermsOutput(body).data)


class TermsAcceptApi(PortalAPIView):
    terms_exempt = True

    class TermsAcceptInput(serializers.Serializer):
        version = serializers.IntegerField(help_text="The number of the version read (GET /api/terms/).")
        language = serializers.ChoiceField(
            choices=LANGUAGE_CHOICES, required=False, help_text="The language it was read in; default: the caller's."
        )

    @extend_schema(
        operation_id="terms_accept",
        request=TermsAcceptInput,
        responses={201: TermsAcceptanceOutput, 200: TermsAcceptanceOutput, **ERROR_RESPONSES},
    )
    def post(self, request):
        """Client users: accept the current version (201; 200 when it was already accepted)."""
        data = self.validated(self.TermsAcceptInput, request.data)
        current = _current()
        if data["version"] != current.number:
            raise ValidationError(
                fields={"version": [_("These are not the current terms; please read the current ones.")]}
            )
        already = any(a.version_id == current.pk for a in services.terms_acceptances_of(request.user))
        acceptance = services.terms_accept(
            user=request.user,
            version=current,
            language=data.get("language") or get_language(),
            request=request,
        )
        return Response(
            TermsAcceptanceOutput(acceptance).data, status=status.HTTP_200_OK if already else status.HTTP_201_CREATED
        )


class AgreementApi(PortalAPIView):
    @extend_schema(
        operation_id="clients_agreement",
        responses={(200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY), **ERROR_RESPONSES},
    )
    def get(self, request, pk):
        """The client's engagement agreement as a PDF (a download by the firm is access-logged)."""
        client = services.agreement_client_get(user=request.user, pk=pk)
        document = services.agreement_file(user=request.user, client=client, request=request)
        return FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=f"agreement-{client.pk}-v{document.version.number}.pdf",
            content_type="application/pdf",
        )


urlpatterns = [
    path("terms/", TermsApi.as_view(), name="terms"),
    path("terms/accept/", TermsAcceptApi.as_view(), name="terms_accept"),
    path("clients/<int:pk>/agreement/", AgreementApi.as_view(), name="client_agreement"),
]
