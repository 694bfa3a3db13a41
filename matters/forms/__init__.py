from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import MultipleFileField

from ..models import Task


class MatterChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number} — {obj.title}"


class TaskSubmitForm(forms.Form):
    matter = MatterChoiceField(
        label=_("Matter"),
        queryset=None,
        required=False,
        empty_label=_("— not tied to a matter —"),
    )
    subject = forms.CharField(label=_("Subject"), max_length=300)
    text = forms.CharField(
        label=_("Task"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Describe the question or assignment as fully as you can: the firm answers in writing."),
    )
    files = MultipleFileField(label=_("Attachments"), help_text=_("Up to 10 files, 25 MB each."))

    def __init__(self, *args, matters, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter"].queryset = matters


class TaskRegisterForm(TaskSubmitForm):
    client = forms.ModelChoiceField(label=_("Client"), queryset=None)
    channel = forms.ChoiceField(
        label=_("Received by"),
        choices=[c for c in Task.Channel.choices if c[0] != Task.Channel.PORTAL],
    )
    requested_by_name = forms.CharField(label=_("Given by"), max_length=255)
    received_at = forms.DateTimeField(
        label=_("Received at"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=_("Leave empty for now."),
    )
    field_order = [
        "client",
        "matter",
        "channel",
        "requested_by_name",
        "received_at",
        "subject",
        "text",
        "files",
    ]

    def __init__(self, *args, clients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].queryset = clients
        self.fields["files"].help_text = _("Attach the original: the e-mail, a scan of the letter, a call note.")
        self.order_fields(self.field_order)


class TaskDeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason for declining"), widget=forms.Textarea(attrs={"rows": 3}))


class TaskAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 8}))
    files = MultipleFileField(label=_("Files with the answer"), help_text=_("Optional: up to 10 files, 25 MB each."))


class TaskFollowUpForm(forms.Form):
    """The client's reply to the firm's answer: a new task linked to the answered one."""

    text = forms.CharField(
        label=_("Your reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("A question about the answer or what you need next: the firm confirms and answers it in writing."),
    )
    files = MultipleFileField(label=_("Attachments"), help_text=_("Up to 10 files, 25 MB each."))
