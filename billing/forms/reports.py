"""The work report's period and the termination's confirmation."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportRequestForm(forms.Form):
    period_start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))


class TerminationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    # The balance the user saw on the preview: the service refuses if the settlement moved since.
    expected_balance = forms.DecimalField(max_digits=14, decimal_places=2, widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("I have read the settlement and terminate the engagement on this matter"), required=True
    )


class LetterTerminationForm(TerminationForm):
    letter_date = forms.DateField(
        label=_("Date of the client's letter"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    confirm = forms.BooleanField(
        label=_("The client asked in writing to terminate; I record it on the client's behalf"), required=True
    )

    field_order = ["letter_date", "reason", "expected_balance", "confirm"]
