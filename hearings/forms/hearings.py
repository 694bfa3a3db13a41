"""Forms of hearings and meetings. They parse the input; hearings.services checks the rules.

Times are typed as the wall clock of the place (the chosen zone) and become aware datetimes here.
"""

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import Attendee, Hearing
from ..services.hearings import Contact
from ..zones import at_place, zone_choices, zone_of

DATETIME = {"type": "datetime-local"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
CONTACT_ROWS = 3
CONTACT_KINDS = [
    (Attendee.Kind.EMPLOYEE, Attendee.Kind.EMPLOYEE.label),
    (Attendee.Kind.WITNESS, Attendee.Kind.WITNESS.label),
]


def local_input(value, zone_name: str) -> str:
    """An aware datetime as the place's wall clock, for a datetime-local input."""
    if value is None:
        return ""
    return timezone.localtime(value, zone_of(zone_name) or timezone.get_default_timezone()).strftime(DATETIME_FORMAT)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.full_name


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


class _TimeForm(forms.Form):
    time_zone = forms.ChoiceField(
        label=_("Time zone of the place"), help_text=_("Type the time as the clocks show it there.")
    )
    starts_at = forms.DateTimeField(
        label=_("Starts"), widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT)
    )
    ends_at = forms.DateTimeField(
        label=_("Expected end"), required=False, widget=forms.DateTimeInput(attrs=DATETIME, format=DATETIME_FORMAT)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["time_zone"].choices = zone_choices()
        self.fields["time_zone"].initial = settings.TIME_ZONE

    def clean(self):
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            for name in ("starts_at", "ends_at"):
                if data.get(name) is not None:
                    data[name] = at_place(timezone.localtime(data[name]), zone)
        return data


class HearingForm(_TimeForm):
    """Schedule: what, where, when, who represents the client, who must come."""

    field_order = ["kind", "title", "venue", "address", "room", "case_number", "time_zone", "starts_at", "ends_at"]

    kind = forms.ChoiceField(label=_("Kind"), choices=Hearing.Kind.choices)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    venue = forms.CharField(label=_("Court or authority"), max_length=300, required=False)
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    room = forms.CharField(label=_("Room"), max_length=50, required=False)
    case_number = forms.CharField(label=_("Case number"), max_length=100, required=False)
    representative = PersonChoiceField(
        label=_("Represents the client"), queryset=None, required=False, empty_label=_("— nobody yet —")
    )
    notes = forms.CharField(
        label=_("Notes for the attendees"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What to bring, how to get in. The attendees read this in their e-mails."),
    )
    client_users = PeopleChoiceField(
        label=_("The client's people required to attend"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, lawyers, client_users, with_attendees=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = lawyers
        self.fields["client_users"].queryset = client_users
        if not with_attendees:
            for name in ("client_users", "time_zone", "starts_at", "ends_at"):
                del self.fields[name]
            return
        for i in range(1, CONTACT_ROWS + 1):
            self.fields[f"contact_{i}_name"] = forms.CharField(label=_("Name"), max_length=200, required=False)
            self.fields[f"contact_{i}_email"] = forms.EmailField(label=_("E-mail"), required=False)
            self.fields[f"contact_{i}_kind"] = forms.ChoiceField(label=_("Who"), choices=CONTACT_KINDS)
            self.fields[f"contact_{i}_language"] = forms.ChoiceField(
                label=_("Language of the e-mails"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
            )

    def clean(self):
        if "starts_at" not in self.fields:
            return forms.Form.clean(self)
        return super().clean()

    def contact_rows(self):
        return [
            [self[f"contact_{i}_{part}"] for part in ("name", "email", "kind", "language")]
            for i in range(1, CONTACT_ROWS + 1)
            if f"contact_{i}_name" in self.fields
        ]

    def contacts(self) -> list[Contact]:
        data = self.cleaned_data
        return [
            Contact(
                name=data.get(f"contact_{i}_name", ""),
                email=data.get(f"contact_{i}_email", ""),
                kind=data.get(f"contact_{i}_kind") or Attendee.Kind.EMPLOYEE,
                language=data.get(f"contact_{i}_language") or settings.LANGUAGE_CODE,
            )
            for i in range(1, CONTACT_ROWS + 1)
            if data.get(f"contact_{i}_name") or data.get(f"contact_{i}_email")
        ]

    def details(self) -> dict:
        data = self.cleaned_data
        names = ("kind", "title", "venue", "address", "room", "case_number", "notes", "representative")
        return {name: data[name] for name in names}


class RescheduleForm(_TimeForm):
    pass


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The attendees read it in their e-mails."),
    )


class AttendeeAddForm(forms.Form):
    user = PersonChoiceField(label=_("A user of the client"), queryset=None, required=False, empty_label="—")
    name = forms.CharField(label=_("or an outside contact: name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    kind = forms.ChoiceField(label=_("Who"), choices=CONTACT_KINDS)
    language = forms.ChoiceField(
        label=_("Language of the e-mails"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )

    def __init__(self, *args, client_users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = client_users

    def contact(self) -> Contact | None:
        data = self.cleaned_data
        if data.get("user") or not (data.get("name") or data.get("email")):
            return None
        return Contact(name=data["name"], email=data["email"], kind=data["kind"], language=data["language"])


class AnswerForm(forms.Form):
    """Will attend / cannot attend (then a reason). The button pressed says which."""

    answer = forms.ChoiceField(choices=[("confirm", _("I will attend")), ("decline", _("I cannot attend"))])
    reason = forms.CharField(
        label=_("If you cannot attend, why?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
