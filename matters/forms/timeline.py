"""Forms of the lead's steering of a matter: its type, its stage, the date of the next report.

The three share one page; the submit button's `form` value says which one was sent.
"""

from django import forms
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..models import MatterType, Stage


def _language() -> str:
    return (get_language() or "ru").split("-")[0]


class _NamedChoiceField(forms.ModelChoiceField):
    """Shows a type's or stage's name in the reader's language."""

    def label_from_instance(self, obj) -> str:
        return obj.name(_language())


class MatterTypeForm(forms.Form):
    matter_type = _NamedChoiceField(label=_("Type of matter"), queryset=MatterType.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matter_type"].queryset = MatterType.objects.order_by("name_ru")
        self.fields["matter_type"].help_text = _("Changing the type starts the matter again at the type's first stage.")


class StageForm(forms.Form):
    stage = _NamedChoiceField(label=_("Stage"), queryset=Stage.objects.none(), empty_label=None)

    def __init__(self, *args, matter_type_id=None, stages=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["stage"]
        field.queryset = Stage.objects.filter(matter_type_id=matter_type_id).order_by("order", "id")
        if stages is not None:
            # The page has already read the stages: no second query for the choices.
            field.choices = [(s.pk, s.name(_language())) for s in stages]


class NextReportForm(forms.Form):
    on = forms.DateField(
        label=_("Next report by"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The client sees this date on its dashboard: keep it current."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].widget.attrs["min"] = timezone.localdate().isoformat()
