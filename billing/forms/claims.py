"""Forms of the claims' pages: they parse; billing.services.claims checks and decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MultipleFileField

from ..models import BillingAdjustment, Claim


class ClaimForm(forms.Form):
    subject = forms.ChoiceField(label=_("What went wrong"), choices=Claim.Subject.choices, widget=forms.RadioSelect)
    description = forms.CharField(label=_("Describe it"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    personal_needs = forms.BooleanField(
        label=_("The services are for personal, family, household needs"),
        required=False,
        help_text=_("Then the consumer protection law applies: the firm answers within 10 days."),
    )
    ask_fee_reduction = forms.CharField(label=_("Fee reduction, ₽"), max_length=20, required=False)
    ask_fee_reduction_percent = forms.CharField(label=_("or fee reduction, %"), max_length=10, required=False)
    ask_refund = forms.CharField(label=_("Refund, ₽"), max_length=20, required=False)
    ask_penalty = forms.CharField(label=_("Penalty, ₽"), max_length=20, required=False)
    ask_penalty_computed = forms.BooleanField(
        label=_("The statutory penalty for the delay (3 per cent of the price per day, at most the price)"),
        required=False,
    )
    agreed_on = forms.DateField(
        label=_("For a delay: the service was due by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    performed_on = forms.DateField(
        label=_("It was rendered on (leave blank if not yet)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    service_price = forms.CharField(label=_("Price of the delayed service, ₽"), max_length=20, required=False)
    files = MultipleFileField(label=_("Attachments"), required=False, help_text=_("Optional: up to 10 files."))

    def __init__(self, *args, person: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not person:
            del self.fields["personal_needs"]


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[("grant", _("Grant")), ("reject", _("Reject"))],
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("The answer to the client (the reasons, for a rejection)"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    fee_reduction = forms.CharField(label=_("Fee reduction, ₽"), max_length=20, required=False)
    fee_reduction_settle = forms.ChoiceField(
        label=_("Fee reduction is"), choices=BillingAdjustment.Settle.choices, initial="invoice", required=False
    )
    refund = forms.CharField(label=_("Refund, ₽"), max_length=20, required=False)
    refund_settle = forms.ChoiceField(
        label=_("Refund is"), choices=BillingAdjustment.Settle.choices, initial="payout", required=False
    )
    penalty = forms.CharField(label=_("Penalty, ₽"), max_length=20, required=False)
    penalty_settle = forms.ChoiceField(
        label=_("Penalty is"), choices=BillingAdjustment.Settle.choices, initial="invoice", required=False
    )


class PayOutForm(forms.Form):
    paid_on = forms.DateField(label=_("Paid on"), widget=forms.DateInput(attrs={"type": "date"}))
    reference = forms.CharField(label=_("Payment reference"), max_length=100)
