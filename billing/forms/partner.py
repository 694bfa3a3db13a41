"""The period of the accountants' exports (billing.exports): parsed here, for the page and the API alike."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

MAX_DAYS = 366 * 5


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """From the first of January of this year to today."""
    today = today or timezone.localdate()
    return dt.date(today.year, 1, 1), today


def check_period(date_from: dt.date, date_to: dt.date) -> dict:
    """The period's errors by field (empty when it is fine)."""
    if date_from > date_to:
        return {"date_to": [_("The end of the period is before its start.")]}
    if (date_to - date_from).days > MAX_DAYS:
        return {"date_to": [_("A period of at most five years, please.")]}
    return {}


class ExportPeriodForm(forms.Form):
    date_from = forms.DateField(
        label=pgettext_lazy("period", "From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=pgettext_lazy("period", "To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = default_period()
        data["date_from"] = data.get("date_from") or start
        data["date_to"] = data.get("date_to") or end
        if not self.errors:
            for field, messages in check_period(data["date_from"], data["date_to"]).items():
                for message in messages:
                    self.add_error(field, message)
        return data
