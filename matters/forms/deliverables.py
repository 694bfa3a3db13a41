"""Forms for results of work, their delivery and the documents register. The services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.forms import MultipleFileField

from ..forms import MatterChoiceField
from ..models import Deliverable, Delivery, HeldDocument

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.subject}"


class DeliverableForm(forms.Form):
    task = TaskChoiceField(
        label=_("Answers task"),
        queryset=None,
        required=False,
        empty_label=_("— not an answer to a task —"),
        help_text=_("Releasing the result answers the task."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Deliverable.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=pgettext_lazy("result of work", "Summary"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A few lines for the client: what the result says or contains."),
    )
    files = MultipleFileField(label=_("Files"), help_text=_("Up to 10 files, 25 MB each."))

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = tasks


class DeliverableEditForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Deliverable.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=pgettext_lazy("result of work", "Summary"), widget=forms.Textarea(attrs={"rows": 6})
    )
    remove_files = forms.MultipleChoiceField(
        label=_("Remove files"), required=False, widget=forms.CheckboxSelectMultiple
    )
    files = MultipleFileField(label=_("Add files"), help_text=_("Up to 10 files in all, 25 MB each."))

    def __init__(self, *args, stored_files, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove_files"].choices = [(str(f.pk), f.original_name) for f in stored_files]
        if not stored_files:
            del self.fields["remove_files"]


class DeliveryForm(forms.Form):
    channel = forms.ChoiceField(label=_("How it goes out"), choices=Delivery.Channel.choices)
    recipient = forms.CharField(
        label=_("To"),
        max_length=300,
        required=False,
        help_text=_("An e-mail address, a postal address or a fax number; for the portal, leave empty."),
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"), max_length=64, required=False, help_text=_("Required for a courier or post.")
    )

    def __init__(self, *args, recipients=(), **kwargs):
        super().__init__(*args, **kwargs)
        if recipients:
            # the client's users' addresses as suggestions; any other address may be typed
            self.fields["recipient"].widget.attrs["list"] = "recipients"
        self.recipients = list(recipients)


class ReleaseForm(DeliveryForm):
    """Release and say how it goes out, in one step; the portal is the default."""


class DeliveredForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Delivered at"),
        required=False,
        widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
        help_text=_("Leave empty for now."),
    )


class HeldDocumentForm(forms.Form):
    title = forms.CharField(label=_("Document"), max_length=300)
    form = forms.ChoiceField(label=_("Form"), choices=HeldDocument.Form.choices)
    pages = forms.IntegerField(label=_("Pages"), required=False, min_value=1, max_value=100_000)
    received_from = forms.CharField(label=_("Received from"), max_length=300)
    received_at = forms.DateTimeField(
        label=_("Received at"),
        required=False,
        widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
        help_text=_("Leave empty for now."),
    )
    location = forms.CharField(label=_("Kept at"), max_length=300, help_text=_("Office, safe, file."))
    matter = MatterChoiceField(
        label=_("Matter"), queryset=None, required=False, empty_label=_("— not tied to a matter —")
    )

    def __init__(self, *args, matters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matters


class ReturnForm(forms.Form):
    returned_to = forms.CharField(label=_("Returned to"), max_length=300)
    returned_at = forms.DateTimeField(
        label=_("Returned at"),
        required=False,
        widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT),
        help_text=_("Leave empty for now."),
    )
