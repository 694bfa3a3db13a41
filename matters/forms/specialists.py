"""Forms of the directory, the profile and the client's request for a specialist (rule 12)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import PracticeArea, SpecialistProfile
from ..services.specialists import PROFILE_FIELDS


class ProfileForm(forms.ModelForm):
    """Only reads and checks the input: matters.services.specialists.specialist_profile_save writes it."""

    photo = forms.ImageField(
        label=_("Photo"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        help_text=_("JPEG, PNG or WebP, at most 5 MB. Leave empty to keep the current one."),
    )
    remove_photo = forms.BooleanField(label=_("Remove the photo"), required=False)

    class Meta:
        model = SpecialistProfile
        fields = [
            "position",
            "position_en",
            "practising_since",
            "is_advocate",
            "advocate_registry_number",
            "practice_areas",
            "languages",
            "qualifications",
            "qualifications_en",
            "biography",
            "biography_en",
            "birth_date",
            "id_document",
            "is_listed",
        ]
        widgets = {
            "practice_areas": forms.CheckboxSelectMultiple,
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "qualifications_en": forms.Textarea(attrs={"rows": 3}),
            "biography": forms.Textarea(attrs={"rows": 6}),
            "biography_en": forms.Textarea(attrs={"rows": 6}),
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    field_order = [*Meta.fields, "photo", "remove_photo"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_areas"].queryset = PracticeArea.objects.order_by("name_ru")
        self.fields["practice_areas"].label_from_instance = _area_label

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        photo = data.get("photo") or None
        return {
            **{name: data[name] for name in PROFILE_FIELDS if name in data},
            "practice_areas": list(data["practice_areas"]),
            "photo": False if data.get("remove_photo") and photo is None else photo,
        }


def _area_label(area: PracticeArea) -> str:
    from django.utils.translation import get_language

    return area.name(get_language() or "ru")


class SpecialistChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, profile):
        from django.utils.translation import get_language

        position = profile.position_en if get_language() == "en" and profile.position_en else profile.position
        return f"{profile.user.full_name} — {position}" if position else profile.user.full_name


class SpecialistRequestForm(forms.Form):
    WHOLE, EVENT = "matter", "event"

    specialist = SpecialistChoiceField(
        label=_("Specialist"), queryset=None, empty_label=_("— choose —"), to_field_name="user_id"
    )
    extent = forms.ChoiceField(
        label=_("For"),
        choices=[(WHOLE, _("the whole matter")), (EVENT, _("one hearing or meeting"))],
        widget=forms.RadioSelect,
        initial=WHOLE,
    )
    event = forms.CharField(
        label=_("Which hearing or meeting"),
        max_length=300,
        required=False,
        help_text=_("For example: the hearing of 12 March in the Arbitration Court."),
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, specialists, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["specialist"].queryset = specialists

    def clean(self):
        data = super().clean()
        if data.get("extent") == self.EVENT and not (data.get("event") or "").strip():
            self.add_error("event", _("Name the hearing or meeting."))
        if data.get("extent") == self.WHOLE:
            data["event"] = ""
        return data


class RequestAnswerForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when refusing: the client sees it."),
    )
