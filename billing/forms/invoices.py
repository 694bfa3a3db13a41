"""The staff's invoice forms: a new draft, and a draft's editing (lines included or entered by hand, a
line changed, the planned dates). They parse; billing.services.invoice_lines checks and decides."""

from decimal import Decimal

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ..services.invoice_lines import billable_advances, billable_expenses, billable_stages, billable_time


class IncludeForm(forms.Form):
    """What of the matter may become lines: approved time and expenses, fixed-fee stages, advances to the firm."""

    time_entries = forms.ModelMultipleChoiceField(
        label=_("Approved time"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    expenses = forms.ModelMultipleChoiceField(
        label=_("Approved expenses"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    stages = forms.ModelMultipleChoiceField(
        label=_("Fixed fee stages"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        to_field_name="stage_id",
    )
    advances = forms.ModelMultipleChoiceField(
        label=_("Advances paid to the firm"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, matter, on=None, **kwargs):
        super().__init__(*args, **kwargs)
        language = translation.get_language() or "ru"
        fields = self.fields
        fields["time_entries"].queryset = billable_time(matter)
        fields["time_entries"].label_from_instance = lambda e: (
            f"{e.date:%d.%m.%Y} · {e.minutes} min · {e.description[:80]}"
        )
        fields["expenses"].queryset = billable_expenses(matter)
        fields["expenses"].label_from_instance = lambda e: f"{e.date:%d.%m.%Y} · {e.amount} ₽ · {e.description[:80]}"
        fields["stages"].queryset = billable_stages(matter, on)
        fields["stages"].label_from_instance = lambda a: f"{a.stage.name(language)} · {a.amount} ₽"
        fields["advances"].queryset = billable_advances(matter)
        fields["advances"].label_from_instance = lambda a: (
            f"{a.get_status_display()} · {a.confirmed_amount or a.amount} ₽ · {a.purpose[:80]}"
        )
        for name in ("time_entries", "expenses", "stages", "advances"):
            if not fields[name].queryset.exists():
                del fields[name]

    def clean(self):
        data = super().clean()
        data["stages"] = [amount.stage_id for amount in data.get("stages") or ()]
        return data


class InvoiceDraftForm(IncludeForm):
    fixed_amount = forms.DecimalField(
        label=_("Fixed fee, roubles"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    fixed_description = forms.CharField(label=_("Fixed fee: description"), max_length=500, required=False)


class ManualLineForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=500)
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=4, min_value=Decimal("0.0001"))
    unit = forms.CharField(label=_("Unit"), max_length=16, required=False)
    unit_price = forms.DecimalField(
        label=_("Price, roubles (VAT included)"), max_digits=12, decimal_places=2, min_value=Decimal("0.01")
    )


class LineChangeForm(forms.Form):
    description = forms.CharField(label=_("Description"), max_length=500)
    quantity = forms.DecimalField(
        label=_("Quantity"), max_digits=12, decimal_places=4, min_value=Decimal("0.0001"), required=False
    )
    unit_price = forms.DecimalField(
        label=_("Price, roubles (VAT included)"),
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
    )


class DraftDatesForm(forms.Form):
    issue_date = forms.DateField(
        label=_("Issue date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    due_date = forms.DateField(
        label=_("Pay by"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
