"""Forms of the matter's message thread (rule 9)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MultipleFileField


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Message"),
        widget=forms.Textarea(attrs={"rows": 4}),
        # the service checks the length and says so in a sentence; the form only strips
    )
    material = forms.BooleanField(
        label=_("Material information: notify the other side at once"),
        required=False,
        help_text=_(
            "The other side is told by e-mail straight away (without the text); "
            "the portal records when each of them reads it."
        ),
    )
    files = MultipleFileField(label=_("Attachments"), help_text=_("Up to 10 files, 25 MB each."))


class MessageEditForm(forms.Form):
    body = forms.CharField(
        label=_("Corrected text"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The earlier text stays visible to everybody as a revision."),
    )
