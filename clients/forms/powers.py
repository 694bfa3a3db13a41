"""Forms of the powers-of-attorney register (rule 5)."""

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from users.models import LAWYER_ROLES, User

# The document is Russian whatever the reader's language (it is used before Russian courts and
# authorities), so the suggested wording is Russian too.
DEFAULT_SCOPE = (
    "вести от имени доверителя дела во всех судебных учреждениях (судах общей юрисдикции, арбитражных "
    "судах, у мировых судей) со всеми правами, которые предоставлены законом истцу, ответчику, третьему "
    "лицу и заявителю, в том числе с правом подписания искового заявления и отзыва на него, предъявления "
    "его в суд, получения судебных актов и исполнительных документов, а также представлять интересы "
    "доверителя в государственных органах и организациях."
)


class LawyerChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, user):
        profile = getattr(user, "profile", None)
        if profile is None or not profile.id_document:
            # The draft prints each specialist's identification from the profile: say when it is missing.
            return _("%(name)s (no identity document in the profile)") % {"name": user.full_name}
        return user.full_name


class MatterChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, matter):
        return f"{matter.number} — {matter.title}"


class PowerForm(forms.Form):
    specialists = LawyerChoiceField(label=_("Specialists"), queryset=None, widget=forms.CheckboxSelectMultiple)
    scope = forms.CharField(label=_("Scope of authority"), widget=forms.Textarea(attrs={"rows": 7}))
    matters = MatterChoiceField(
        label=_("Matters covered"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick none for a general power covering all of the client's matters."),
    )
    issued_on = forms.DateField(
        label=_("Date of issue"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    notarised = forms.BooleanField(
        label=_("Notarised"),
        required=False,
        help_text=_("The client will have to sign it at a notary's: courts require it for some acts."),
    )

    def __init__(self, *args, matters, **kwargs):
        today = timezone.localdate()
        kwargs.setdefault("initial", {"scope": DEFAULT_SCOPE, "issued_on": today, "valid_until": _a_year_later(today)})
        super().__init__(*args, **kwargs)
        self.fields["specialists"].queryset = (
            User.objects.filter(role__in=LAWYER_ROLES, is_active=True).select_related("profile").order_by("full_name")
        )
        self.fields["matters"].queryset = matters


def _a_year_later(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        return day + dt.timedelta(days=364)


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Signed scan"),
        widget=forms.FileInput(attrs={"accept": "application/pdf,image/jpeg,image/png,image/tiff"}),
        help_text=_("A PDF or an image, at most 25 MB."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))
