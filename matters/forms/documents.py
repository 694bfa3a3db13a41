"""Forms of the documents the firm asked for: the client sends one, the firm marks it received."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import DocumentSubmission


class DocumentSendForm(forms.Form):
    requested = forms.ChoiceField(label=_("Which document"), choices=())
    file = forms.FileField(label=_("File"), help_text=_("A scan, a photo or the file itself, up to 25 MB."))
    note = forms.CharField(
        label=_("Note for the firm"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Optional: for example, that the original will follow by courier."),
    )

    def __init__(self, *args, requested: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested"].choices = [(item, item) for item in requested]


class DocumentReceivedForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Received"),
        choices=[
            (DocumentSubmission.Status.COPY_RECEIVED, _("the copy sent is enough")),
            (DocumentSubmission.Status.ORIGINAL_RECEIVED, _("the original came in")),
        ],
        widget=forms.RadioSelect,
        initial=DocumentSubmission.Status.COPY_RECEIVED,
    )
    location = forms.CharField(
        label=_("Where the original is kept"),
        max_length=300,
        required=False,
        help_text=_("For an original: it is entered in the register of documents held by the firm."),
    )
    pages = forms.IntegerField(label=_("Pages"), min_value=1, required=False)
