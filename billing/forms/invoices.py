"""The staff's draft form: approved time and expenses of the matter, a fixed fee."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class InvoiceDraftForm(forms.Form):
    time_entries = forms.ModelMultipleChoiceField(
        label=_("Approved time"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    expenses = forms.ModelMultipleChoiceField(
        label=_("Approved expenses"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    fixed_amount = forms.DecimalField(
        label=_("Fixed fee, roubles"), max_digits=12, decimal_places=2, min_value=Decimal("0.01"), required=False
    )
    fixed_description = forms.CharField(label=_("Fixed fee: description"), max_length=500, required=False)

    def __init__(self, *args, time_entries, expenses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_entries"].queryset = time_entries
        self.fields["time_entries"].label_from_instance = lambda e: (
            f"{e.date:%d.%m.%Y} · {e.minutes} min · {e.description[:80]}"
        )
        self.fields["expenses"].queryset = expenses
        self.fields["expenses"].label_from_instance = lambda e: (
            f"{e.date:%d.%m.%Y} · {e.amount} ₽ · {e.description[:80]}"
        )
