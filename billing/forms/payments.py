"""Forms of the payments' pages: they parse; billing.services.payments checks and decides."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PaymentForm(forms.Form):
    amount = forms.CharField(label=_("Amount, ₽"), max_length=20)
    date = forms.DateField(label=_("Date received"), widget=forms.DateInput(attrs={"type": "date"}))
    payer_name = forms.CharField(label=_("Payer"), max_length=300, required=False)
    payer_inn = forms.CharField(label=_("Payer's INN"), max_length=12, required=False)
    payer_account = forms.CharField(label=_("Payer's account"), max_length=20, required=False)
    purpose = forms.CharField(label=_("Purpose of payment"), max_length=500, required=False)
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=30, required=False)


class StatementForm(forms.Form):
    file = forms.FileField(label=_("Bank statement (1C exchange format, .txt)"))


class MatchForm(forms.Form):
    invoice_number = forms.CharField(label=_("Invoice number"), max_length=30)


class UnmatchForm(forms.Form):
    reason = forms.CharField(label=_("Why it is taken off the invoice"), max_length=500)


class IgnoreForm(forms.Form):
    reason = forms.CharField(label=_("Why it is not matched"), max_length=500)
