"""Forms of subcontracting (rule 11): the firm's proposal and the client's answer."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Subcontract


class SubcontractForm(forms.Form):
    kind = forms.ChoiceField(label=_("Who"), choices=Subcontract.Kind.choices, widget=forms.RadioSelect)
    contractor = forms.CharField(label=_("Lawyer or firm"), max_length=300)
    contractor_details = forms.CharField(
        label=_("Details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Advocate's register number, INN, address: how the client can identify them."),
    )
    scope = forms.CharField(label=_("What they will do"), widget=forms.Textarea(attrs={"rows": 4}))
    reason = forms.CharField(label=_("Why the firm proposes it"), widget=forms.Textarea(attrs={"rows": 4}))


class SubcontractAnswerForm(forms.Form):
    reason = forms.CharField(
        label=_("Your reason (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
