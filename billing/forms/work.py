"""Forms of the billing pages: they parse; the services decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import Expense, FeeArrangement, TaxRegime


class TimeEntryForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    minutes = forms.IntegerField(label=_("Minutes"), min_value=1, max_value=1440)
    description = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 2}))
    billable = forms.BooleanField(label=_("Billable"), required=False, initial=True)
    internal_note = forms.CharField(label=_("Internal note (not shown to the client)"), required=False)


class ExpenseForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    category = forms.ChoiceField(label=_("Category"), choices=Expense.Category.choices)
    amount = forms.CharField(label=_("Amount, roubles"), max_length=20)
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}))
    receipt = forms.FileField(label=_("Receipt"), required=False)
    internal_note = forms.CharField(label=_("Internal note (not shown to the client)"), required=False)


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for return"), max_length=1000)


class ArrangementForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of fee"), choices=FeeArrangement.Kind.choices)
    valid_from = forms.DateField(
        label=_("Applies from"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    fixed_amount = forms.CharField(label=_("Fixed fee, roubles"), required=False, max_length=20)
    default_rate = forms.CharField(label=_("Default hourly rate, roubles"), required=False, max_length=20)
    monthly_amount = forms.CharField(label=_("Monthly retainer, roubles"), required=False, max_length=20)
    success_fee_amount = forms.CharField(label=_("Success fee, roubles"), required=False, max_length=20)
    success_fee_percent = forms.CharField(label=_("Success fee, percent"), required=False, max_length=20)
    success_fee_condition = forms.CharField(
        label=_("Success fee condition"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(label=_("Reason for the change"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, stages=(), team=(), **kwargs):
        super().__init__(*args, **kwargs)
        for stage in stages:
            self.fields[f"stage_{stage.pk}"] = forms.CharField(
                label=_("Stage «%(name)s», roubles") % {"name": stage.name(get_language())},
                required=False,
                max_length=20,
            )
        for person in team:
            self.fields[f"rate_{person.pk}"] = forms.CharField(
                label=_("Hourly rate of %(name)s, roubles") % {"name": person}, required=False, max_length=20
            )

    def service_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if not k.startswith(("stage_", "rate_"))}
        data["stage_amounts"] = {
            k.removeprefix("stage_"): v for k, v in self.cleaned_data.items() if k.startswith("stage_") and v
        }
        data["rates"] = {
            k.removeprefix("rate_"): v for k, v in self.cleaned_data.items() if k.startswith("rate_") and v
        }
        return data


class FirmProfileForm(forms.Form):
    valid_from = forms.DateField(
        label=_("Applies from"),
        initial=timezone.localdate,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    name = forms.CharField(label=_("Full name"), max_length=300)
    short_name = forms.CharField(label=_("Short name"), max_length=160)
    inn = forms.CharField(label=_("INN"), max_length=12)
    kpp = forms.CharField(label=_("KPP"), max_length=9, required=False)
    ogrn = forms.CharField(label=_("OGRN"), max_length=15)
    address = forms.CharField(label=_("Address"), max_length=500)
    bank_name = forms.CharField(label=_("Bank"), max_length=200)
    bik = forms.CharField(label=_("BIK"), max_length=9)
    corr_account = forms.CharField(label=_("Correspondent account"), max_length=20)
    account = forms.CharField(label=_("Settlement account"), max_length=20)
    tax_regime = forms.ChoiceField(label=_("Tax regime"), choices=TaxRegime.choices)
