"""Forms of acts: the issue (period, the work to cover), the correction, the dispatch, the objection."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import ActDispatch

DATE = forms.DateInput(attrs={"type": "date"})


class ActPeriodForm(forms.Form):
    period_start = forms.DateField(label=_("Period from"), widget=DATE)
    period_end = forms.DateField(label=_("Period to"), widget=DATE)
    final = forms.BooleanField(label=_("Final act (the matter closes after it)"), required=False)


class ActIssueForm(ActPeriodForm):
    act_date = forms.DateField(label=_("Date of the act"), widget=DATE)
    keys = forms.MultipleChoiceField(label=_("Work covered"), required=True, widget=forms.CheckboxSelectMultiple)
    signatory_position = forms.CharField(label=_("Your position on the act"), max_length=255, required=False)
    acceptance_days = forms.IntegerField(
        label=_("Acceptance period under the contract, working days"), min_value=1, max_value=60, initial=5
    )

    def __init__(self, *args, candidates=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keys"].choices = [(c.key, c.description) for c in candidates]


class ActDispatchForm(forms.Form):
    channel = forms.ChoiceField(label=_("Sent"), choices=ActDispatch.Channel.choices)
    sent_on = forms.DateField(label=_("On"), widget=DATE, initial=timezone.localdate)
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40, required=False)
    address = forms.CharField(label=_("Address"), max_length=500, required=False)


class ActObjectForm(forms.Form):
    reason = forms.CharField(label=_("Your objections"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)


class ActCorrectForm(forms.Form):
    reason = forms.CharField(label=_("What the correction corrects"), widget=forms.Textarea(attrs={"rows": 3}))
    act_date = forms.DateField(label=_("Date of the correction"), widget=DATE, initial=timezone.localdate)
    add_description = forms.CharField(label=_("Added line: description"), max_length=500, required=False)
    add_quantity = forms.DecimalField(label=_("Added line: quantity"), required=False, max_digits=12, decimal_places=4)
    add_price = forms.DecimalField(label=_("Added line: price"), required=False, max_digits=12, decimal_places=2)

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.line_names = []
        for line in lines:
            p = line.position
            self.fields[f"line_{p}_description"] = forms.CharField(
                label=_("Line %(n)s: description") % {"n": p}, max_length=500, initial=line.description
            )
            self.fields[f"line_{p}_quantity"] = forms.DecimalField(
                label=_("Line %(n)s: quantity (0 removes it)") % {"n": p},
                max_digits=12,
                decimal_places=4,
                min_value=0,
                initial=line.quantity.normalize(),
            )
            self.fields[f"line_{p}_price"] = forms.DecimalField(
                label=_("Line %(n)s: price") % {"n": p}, max_digits=12, decimal_places=2, initial=line.unit_price
            )
            self.line_names.append(p)

    def service_lines(self) -> list[dict]:
        data = self.cleaned_data
        rows = [
            {
                "position": p,
                "description": data[f"line_{p}_description"],
                "quantity": data[f"line_{p}_quantity"],
                "unit_price": data[f"line_{p}_price"],
            }
            for p in self.line_names
        ]
        if data.get("add_description") or data.get("add_price") is not None:
            rows.append(
                {
                    "description": data.get("add_description") or "",
                    "quantity": data.get("add_quantity") or 1,
                    "unit_price": data.get("add_price") if data.get("add_price") is not None else "",
                }
            )
        return rows


def default_period(today: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """The previous calendar month: an act is usually issued for the month just ended."""
    today = today or timezone.localdate()
    end = today.replace(day=1) - dt.timedelta(days=1)
    return end.replace(day=1), end
