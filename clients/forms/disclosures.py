"""Forms of the disclosure questionnaire (rule 4) and of the engagement terms."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Disclosure
from ..services.disclosures import ANSWER_MAX, QUESTION_MAX

# The eight questions as the client reads them: the model's label and a hint in the client's words.
DISCLOSURE_HINTS = {
    "doubts": _(
        "Anything about the matter that worries you, even if you are not sure: what you suspect, what seems odd, "
        "whom you do not trust."
    ),
    "risk_points": _(
        "Weak spots you know of: missed deadlines, papers that were not signed or were lost, debts, earlier "
        "disputes, anything the other side could use against you."
    ),
    "opponent_status": _(
        "Who the other side is: a company or a person, its position and connections, whether it is solvent or in "
        "bankruptcy, who really makes its decisions."
    ),
    "opponent_means": _(
        "What the other side has and may use in the dispute: money, property, staff, its own lawyers, influence."
    ),
    "opponent_qualities": _(
        "How the other side usually behaves: does it keep its word, negotiate or go to court, put pressure on "
        "people or play unfairly."
    ),
    "opponent_image": _(
        "How the other side is seen: in the press, by partners, customers and authorities; what it cares about keeping."
    ),
    "missing_documents": _(
        "Documents the firm will need that you do not have at hand, and who has them or where to get them "
        "(an archive, a bank, a counterparty, a court, a registry)."
    ),
    "other": _(
        "Anything else that may matter, even if it seems unimportant or awkward to say. Only the people working on "
        "your matter read this, and you can see who opened it."
    ),
}


class DisclosureForm(forms.Form):
    """The client's answers; every field is optional, the service asks for at least one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in Disclosure.ANSWER_FIELDS:
            label = Disclosure._meta.get_field(name).verbose_name
            self.fields[name] = forms.CharField(
                label=str(label)[:1].upper() + str(label)[1:],
                help_text=DISCLOSURE_HINTS[name],
                required=False,
                max_length=ANSWER_MAX,
                strip=True,
                widget=forms.Textarea(attrs={"rows": 4}),
            )


class DisclosureQuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Your question to the client"),
        max_length=QUESTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The client's people are told by e-mail and answer on this page."),
    )


class DisclosureAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), max_length=ANSWER_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class TermsAcceptForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    language = forms.CharField(widget=forms.HiddenInput, required=False, max_length=8)
    next = forms.CharField(widget=forms.HiddenInput, required=False, max_length=2000)
    agree = forms.BooleanField(
        label=_("I have read and accept the terms"),
        error_messages={"required": _("Tick the box to confirm that you have read and accept the terms.")},
    )


class TermsPublishForm(forms.Form):
    text_ru = forms.CharField(
        label=_("Text in Russian (HTML)"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Headings <h3> and paragraphs <p>, as in the current version. Change the version line at the top."),
    )
    text_en = forms.CharField(
        label=_("Text in English (HTML)"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=_("Headings <h3> and paragraphs <p>, as in the current version. Change the version line at the top."),
    )
    confirm = forms.BooleanField(
        label=_("Publish: every client user will be asked to accept the new version at the next visit"),
    )
