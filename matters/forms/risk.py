"""Forms of recommendations and risk notices (rules 3 and 10)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class RecommendationForm(forms.Form):
    text = forms.CharField(label=_("Recommendation"), widget=forms.Textarea(attrs={"rows": 4}))


class RecommendationRespondForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you do not accept the recommendation."),
    )


class RiskWarningForm(forms.Form):
    subject = forms.CharField(
        label=_("The client's instruction"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the client instructed the firm to do, in the client's words where possible."),
    )
    text = forms.CharField(
        label=_("The warning and the consequences"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Why the instruction is unlawful or harmful, and what may follow if the client insists."),
    )


class ActingAloneForm(forms.Form):
    subject = forms.CharField(
        label=_("What was done without the firm"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Negotiations, filings, documents signed: what, when, with whom."),
    )
    details = forms.CharField(
        label=_("The firm's comment on the consequences"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Added after the standard text of rule 3 of the engagement terms."),
    )

    def __init__(self, *args, client_user: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if client_user:
            del self.fields["details"]
            self.fields["subject"].label = _("What you did on the matter without the firm")


class RiskSupersedeForm(forms.Form):
    subject = forms.CharField(label=_("The instruction or action"), widget=forms.Textarea(attrs={"rows": 3}))
    text = forms.CharField(label=_("Corrected text"), widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, warning: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not warning:
            self.fields["text"].required = False
            self.fields["text"].label = _("The firm's comment on the consequences")
            self.fields["text"].help_text = _("Added after the standard text of rule 3 of the engagement terms.")


class RiskAcknowledgeForm(forms.Form):
    text_sha256 = forms.CharField(widget=forms.HiddenInput, max_length=64)
    confirm = forms.BooleanField(label=_("I understand the risk and insist on my instruction"))

    def __init__(self, *args, warning: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not warning:
            self.fields["confirm"].label = _("I understand the risk of acting on the matter without the firm")
