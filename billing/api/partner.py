"""REST API of the partner's view: the same figures as the page (JSON), and the accountants' exports as
file downloads. Partners only (billing.access.partner): anyone else gets 403.

The overview's fields follow billing.selectors.partner.SECTIONS: a section registered there adds its
output serializer to SECTION_OUTPUTS here (by the section's key), and the overview and its schema
carry it from then on.
"""

from django.urls import path
from django.utils import timezone
from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from core.api import ERROR_RESPONSES, PortalAPIView, invalid_parameters
from core.caching import cached

from ..access.partner import require_partner_view
from ..caching import ALL as ALL_SCOPES
from ..caching import PARTNER_TIMEOUT, SECTION_SCOPES
from ..exports import CONTENT_TYPES, EXPORTERS, FORMATS, export_response
from ..forms.partner import check_period, default_period
from ..models import Claim
from ..selectors.partner import ACT_STATES, AGE_BUCKETS, SECTIONS, partner_overview

MONEY = {"max_digits": 14, "decimal_places": 2}


class RevenueMonthOutput(serializers.Serializer):
    month = serializers.DateField(help_text="The month's first day.")
    invoiced = serializers.DecimalField(**MONEY, help_text="Totals of the invoices issued in the month.")
    invoices = serializers.IntegerField()
    received = serializers.DecimalField(**MONEY, help_text="Payments received in the month (not ignored ones).")
    payments = serializers.IntegerField()


class RevenueOutput(serializers.Serializer):
    months = RevenueMonthOutput(many=True, help_text="The last twelve months, oldest first.")
    invoiced = serializers.DecimalField(**MONEY)
    received = serializers.DecimalField(**MONEY)


class AgeBucketOutput(serializers.Serializer):
    key = serializers.CharField(help_text="One of: " + ", ".join(key for key, *_rest in AGE_BUCKETS) + ".")
    label = serializers.CharField()
    amount = serializers.DecimalField(**MONEY)
    invoices = serializers.IntegerField()


class ReceivablesOutput(serializers.Serializer):
    buckets = AgeBucketOutput(many=True)
    total = serializers.DecimalField(**MONEY)
    overdue = serializers.DecimalField(**MONEY)
    invoices = serializers.IntegerField()


class UnbilledMatterOutput(serializers.Serializer):
    matter = serializers.IntegerField(source="matter_id")
    number = serializers.CharField(source="matter.number")
    title = serializers.CharField(source="matter.title")
    client = serializers.CharField(source="matter.client.name")
    minutes = serializers.IntegerField(help_text="Approved billable minutes on no invoice.")
    unpriced_minutes = serializers.IntegerField(help_text="Of those, minutes with no hourly rate (not valued).")
    time = serializers.DecimalField(**MONEY, help_text="The time valued at the rates in force today.")
    expenses = serializers.DecimalField(**MONEY)
    total = serializers.DecimalField(**MONEY)
    entries = serializers.IntegerField()


class UnbilledOutput(serializers.Serializer):
    matters = UnbilledMatterOutput(many=True, help_text="The largest first (ten).")
    more = serializers.IntegerField(help_text="Matters with unbilled work not listed.")
    time = serializers.DecimalField(**MONEY)
    expenses = serializers.DecimalField(**MONEY)
    total = serializers.DecimalField(**MONEY)
    unpriced_minutes = serializers.IntegerField()


class OverdueAdvanceOutput(serializers.Serializer):
    id = serializers.IntegerField(source="advance.pk")
    matter = serializers.IntegerField(source="advance.matter_id")
    matter_number = serializers.CharField(source="advance.matter.number")
    purpose = serializers.CharField(source="advance.purpose")
    action = serializers.CharField(source="advance.action_label", help_text="The action the advance funds.")
    due_on = serializers.DateField(source="advance.due_on")
    days_overdue = serializers.IntegerField()
    amount = serializers.DecimalField(source="advance.amount", **MONEY)


class AdvancesOutput(serializers.Serializer):
    advances = OverdueAdvanceOutput(many=True)
    count = serializers.IntegerField()
    total = serializers.DecimalField(**MONEY)
    more = serializers.IntegerField()


class SpecialistHoursOutput(serializers.Serializer):
    specialist = serializers.IntegerField(source="specialist_id")
    name = serializers.CharField()
    this_billable = serializers.IntegerField(help_text="Minutes.")
    this_other = serializers.IntegerField(help_text="Minutes.")
    last_billable = serializers.IntegerField(help_text="Minutes.")
    last_other = serializers.IntegerField(help_text="Minutes.")


class HoursTotalsOutput(serializers.Serializer):
    this_billable = serializers.IntegerField()
    this_other = serializers.IntegerField()
    last_billable = serializers.IntegerField()
    last_other = serializers.IntegerField()


class HoursOutput(serializers.Serializer):
    this_month = serializers.DateField()
    last_month = serializers.DateField()
    people = SpecialistHoursOutput(many=True)
    totals = HoursTotalsOutput()


class ActMonthOutput(serializers.Serializer):
    month = serializers.DateField(help_text="The month's first day.")
    count = serializers.IntegerField(help_text="Acts in force dated in the month.")
    net = serializers.DecimalField(**MONEY)
    vat = serializers.DecimalField(**MONEY)
    gross = serializers.DecimalField(**MONEY)


class ActStateOutput(serializers.Serializer):
    key = serializers.CharField(help_text="One of: " + ", ".join(key for key, _label in ACT_STATES) + ".")
    label = serializers.CharField()
    count = serializers.IntegerField()
    gross = serializers.DecimalField(**MONEY)


class ActBriefOutput(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    act_date = serializers.DateField()
    matter = serializers.IntegerField(source="matter_id")
    matter_number = serializers.CharField(source="matter.number")
    client = serializers.CharField(source="client.name")
    gross = serializers.DecimalField(**MONEY)
    acceptance_due = serializers.DateField(allow_null=True)


class ObjectedActOutput(ActBriefOutput):
    objection = serializers.CharField()
    answered_at = serializers.DateTimeField(allow_null=True)


class UnansweredActOutput(serializers.Serializer):
    act = ActBriefOutput()
    days_past = serializers.IntegerField(help_text="Days since the period for the answer ran out.")


class ActsOutput(serializers.Serializer):
    months = ActMonthOutput(many=True, help_text="The last twelve months, oldest first.")
    count = serializers.IntegerField()
    net = serializers.DecimalField(**MONEY)
    vat = serializers.DecimalField(**MONEY)
    gross = serializers.DecimalField(**MONEY)
    states = ActStateOutput(many=True, help_text="Every act in force by the client's answer as of today.")
    objected = ObjectedActOutput(many=True, help_text="Acts in force objected to, the latest answer first.")
    objected_more = serializers.IntegerField()
    unanswered = UnansweredActOutput(
        many=True, help_text="Acts sent and left unanswered past their period (the last twelve months)."
    )
    unanswered_count = serializers.IntegerField()
    unanswered_more = serializers.IntegerField()


class OpenClaimOutput(serializers.Serializer):
    id = serializers.IntegerField(source="claim.pk")
    matter = serializers.IntegerField(source="claim.matter_id")
    matter_number = serializers.CharField(source="claim.matter.number")
    client = serializers.CharField(source="claim.matter.client.name")
    subject = serializers.CharField(source="claim.get_subject_display")
    regime = serializers.ChoiceField(source="claim.regime", choices=Claim.Regime.choices)
    regime_label = serializers.CharField(source="claim.get_regime_display")
    response_due_on = serializers.DateField(source="claim.response_due_on")
    overdue = serializers.BooleanField()
    days = serializers.IntegerField(help_text="Days overdue, or days left to answer.")


class FinalActDueOutput(serializers.Serializer):
    matter = serializers.IntegerField(source="termination.matter_id")
    matter_number = serializers.CharField(source="termination.matter.number")
    client = serializers.CharField(source="termination.matter.client.name")
    terminated_on = serializers.DateField(source="termination.terminated_on")
    days = serializers.IntegerField(help_text="Days since the termination.")
    final_act_url = serializers.CharField(source="termination.final_act_url")


class ClaimsOpenOutput(serializers.Serializer):
    claims = OpenClaimOutput(many=True, help_text="Open claims, the earliest deadline (so the overdue) first.")
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    more = serializers.IntegerField()
    final_acts = FinalActDueOutput(many=True, help_text="Terminated matters awaiting their final act.")


# One output per section key of billing.selectors.partner.SECTIONS (add the new sections' here).
SECTION_OUTPUTS = {
    "revenue": RevenueOutput,
    "receivables": ReceivablesOutput,
    "unbilled": UnbilledOutput,
    "advances": AdvancesOutput,
    "hours": HoursOutput,
    "acts": ActsOutput,
    "claims_open": ClaimsOpenOutput,
}

PartnerOverviewOutput = type(
    "PartnerOverviewOutput",
    (serializers.Serializer,),
    {
        "__module__": __name__,
        "as_of": serializers.DateField(help_text="Today in the firm's time zone: the day the figures are for."),
        **{s.key: SECTION_OUTPUTS[s.key]() for s in SECTIONS if s.key in SECTION_OUTPUTS},
    },
)


class PartnerOverviewApi(PortalAPIView):
    @extend_schema(operation_id="partner_overview", responses={200: PartnerOverviewOutput, **ERROR_RESPONSES})
    def get(self, request):
        """Revenue by month, receivables by age, acts, unbilled work, overdue advances, hours per specialist,
        open claims and final acts to issue (partners)."""
        today = timezone.localdate()
        require_partner_view(request.user)  # before the cache: a value is only ever read by its owner, a partner

        def serialize():
            body = {"as_of": today}
            for section, data in partner_overview(user=request.user, today=today):
                body[section.key] = data
            return dict(PartnerOverviewOutput(body).data)

        # The JSON-ready figures, kept per partner like the page's sections (billing.caching).
        keys = [s.key for s in SECTIONS]
        return Response(
            cached(
                "partner_api",
                owner=f"user:{request.user.pk}",
                scopes=sorted({scope for key in keys for scope in SECTION_SCOPES.get(key, ALL_SCOPES)}),
                parts=(today.isoformat(), get_language() or "ru", *keys),
                compute=serialize,
                timeout=PARTNER_TIMEOUT,
            )
        )


class PeriodInput(serializers.Serializer):
    date_from = serializers.DateField(required=False, help_text="The first day (default: 1 January of this year).")
    date_to = serializers.DateField(required=False, help_text="The last day (default: today).")


def export_api(key: str, fmt: str):
    class ExportApi(PortalAPIView):
        QueryInput = PeriodInput

        def perform_content_negotiation(self, request, force=False):
            # A file, not JSON: "Accept: text/csv" must not be a 406 (errors still answer in JSON).
            return super().perform_content_negotiation(request, force=True)

        @extend_schema(
            operation_id=f"partner_export_{key}_{fmt}",
            responses={
                (200, CONTENT_TYPES[fmt].split(";")[0]): OpenApiResponse(OpenApiTypes.BINARY),
                **ERROR_RESPONSES,
            },
            description=f"The {key} of the period as a {fmt.upper()} file for the accountants, headings in the "
            "caller's language"
            ' (billing.exports: CSV in UTF-8 with a BOM and ";" between fields, decimal comma in Russian; '
            "XLSX with numeric money cells and date cells). Partners only.",
        )
        def get(self, request):
            require_partner_view(request.user)
            query = self.query(request)
            start, end = default_period()
            date_from, date_to = query.get("date_from") or start, query.get("date_to") or end
            errors = check_period(date_from, date_to)
            if errors:
                raise invalid_parameters({k: [str(m) for m in v] for k, v in errors.items()})
            return export_response(
                key=key, fmt=fmt, user=request.user, date_from=date_from, date_to=date_to, language=get_language()
            )

    ExportApi.__name__ = ExportApi.__qualname__ = f"PartnerExport{key.title()}{fmt.title()}Api"
    return ExportApi


urlpatterns = [path("partner/", PartnerOverviewApi.as_view(), name="partner_overview")]
urlpatterns += [
    path(f"partner/exports/{key}.{fmt}", export_api(key, fmt).as_view(), name=f"partner_export_{key}_{fmt}")
    for key in EXPORTERS
    for fmt in FORMATS
]
