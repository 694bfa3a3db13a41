"""Forms of intake and the conflict check. They check the shape of the input; the rules are the services'.

A list of parties is a formset with spare rows: a row left empty is skipped, and the page's "more rows"
button (a plain submit, no JavaScript needed) adds three more.
"""

from django import forms
from django.conf import settings
from django.forms.utils import ErrorDict, ErrorList
from django.utils.translation import gettext_lazy as _

from core.errors import DomainError

from ..models import Client, PartyKind, PartyRole
from ..requisites import InnValidator, OgrnValidator
from ..services.clients import check_client_fields
from ..services.conflicts import MAX_PARTIES as MAX_CHECK_PARTIES
from ..services.intake import MAX_PARTIES as MAX_INTAKE_PARTIES

MORE_ROWS = 3


class LeadChoiceField(forms.ModelChoiceField):
    """The lead of a new matter: offered from clients.selectors.lead_choices (lead specialists and
    partners, never the portal's administrator); anything else submitted is refused with the reason."""

    default_error_messages = {
        "invalid_choice": _("The lead must be an active lead specialist or partner."),
    }

    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.get_role_display()})"


def _digits(value: str) -> str:
    return "".join((value or "").split())


class ClientForm(forms.Form):
    """A new client's requisites; the service checks the check digits and reports each bad field."""

    kind = forms.ChoiceField(
        label=_("The client is"),
        choices=Client.Kind.choices,
        widget=forms.RadioSelect,
        initial=Client.Kind.ORGANISATION,
    )
    name = forms.CharField(
        label=_("Full name"),
        max_length=500,
        help_text=_("A person: surname, first name, patronymic. An organisation: its full name with the legal form."),
    )
    # An organisation
    short_name = forms.CharField(label=_("Short name"), max_length=255, required=False)
    legal_form = forms.CharField(
        label=_("Legal form"), max_length=64, required=False, help_text=_("For example ООО, АО, ИП.")
    )
    inn = forms.CharField(
        label=_("INN"), max_length=20, required=False, help_text=_("10 digits for an organisation, 12 for a person.")
    )
    kpp = forms.CharField(label=_("KPP"), max_length=20, required=False, help_text=_("Organisations only."))
    ogrn = forms.CharField(
        label=_("OGRN / OGRNIP"), max_length=20, required=False, help_text=_("OGRNIP for a sole trader.")
    )
    signatory = forms.CharField(
        label=_("Signs through"),
        max_length=300,
        required=False,
        help_text=_("Who signs for the organisation and on what basis."),
    )
    # A person
    birth_date = forms.DateField(
        label=_("Date of birth"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    passport = forms.CharField(
        label=_("Passport"),
        max_length=255,
        required=False,
        help_text=_("Series and number, issued by whom and when."),
    )
    # Both
    address = forms.CharField(label=_("Address"), max_length=500, required=False)
    postal_address = forms.CharField(label=_("Postal address"), max_length=500, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=32, required=False)
    bank_name = forms.CharField(label=_("Bank"), max_length=255, required=False)
    bik = forms.CharField(label=_("BIK"), max_length=20, required=False)
    account = forms.CharField(label=_("Settlement account"), max_length=30, required=False)
    corr_account = forms.CharField(label=_("Correspondent account"), max_length=30, required=False)
    language = forms.ChoiceField(
        label=_("Language of documents"), choices=settings.LANGUAGES, initial=settings.LANGUAGE_CODE
    )

    GROUPS = (
        ("client", _("The client"), ("kind", "name")),
        ("tax", _("Registration"), ("inn", "ogrn")),
        ("organisation", _("An organisation"), ("short_name", "legal_form", "kpp", "signatory")),
        ("person", _("A person"), ("birth_date", "passport")),
        ("contacts", _("Address and contacts"), ("address", "postal_address", "email", "phone", "language")),
        ("bank", _("Bank details"), ("bank_name", "bik", "account", "corr_account")),
    )

    def groups(self):
        """(key, heading, bound fields) for the template's fieldsets (static/js/intake.js hides the
        person's or the organisation's group by the chosen kind; without JavaScript both show)."""
        return [(key, title, [self[name] for name in names]) for key, title, names in self.GROUPS]

    def clean(self):
        """The requisites' check digits, field by field, through the same check the service makes."""
        data = super().clean()
        fields = {k: v for k, v in data.items() if k in ClientForm.base_fields and k not in ("kind", "name")}
        try:
            check_client_fields(data.get("kind", ""), data.get("name", ""), fields)
        except DomainError as error:
            for name, messages in error.fields.items():
                if name in self.fields and name not in self.errors:
                    for message in messages:
                        self.add_error(name, str(message))
        return data

    def client_data(self) -> dict:
        """The requisites for clients.services (kind and name included), as typed."""
        return {name: self.cleaned_data[name] for name in ClientForm.base_fields if name in self.cleaned_data}


class NewClientForm(ClientForm):
    """A new client and, optionally, its first matter."""

    title = forms.CharField(
        label=_("Matter title"),
        max_length=300,
        required=False,
        help_text=_("Leave empty to open only the client, without a matter yet."),
    )
    description = forms.CharField(
        label=_("What the matter is about"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    lead = LeadChoiceField(label=_("Lead specialist"), queryset=None, required=False)

    GROUPS = (*ClientForm.GROUPS, ("matter", _("The first matter"), ("title", "description", "lead")))

    def __init__(self, *args, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads


class NewMatterForm(forms.Form):
    """A new matter for an existing client (staff)."""

    title = forms.CharField(label=_("Matter title"), max_length=300)
    description = forms.CharField(
        label=_("What the matter is about"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    lead = LeadChoiceField(label=_("Lead specialist"), queryset=None)

    def __init__(self, *args, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads


class MatterRequestForm(forms.Form):
    """A client user asks the firm for a new matter."""

    title = forms.CharField(label=_("What is the matter"), max_length=300, help_text=_("In a few words."))
    description = forms.CharField(
        label=_("Describe the matter"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What happened, what you want to achieve, any deadlines."),
    )


class PartyForm(forms.Form):
    """One party of a new matter; an empty row is skipped."""

    role = forms.ChoiceField(label=_("Role"), choices=PartyRole.choices, initial=PartyRole.OPPONENT)
    kind = forms.ChoiceField(
        label=_("Person or organisation"), choices=PartyKind.choices, initial=PartyKind.ORGANISATION
    )
    name = forms.CharField(label=_("Name"), max_length=500, required=False)
    inn = forms.CharField(label=_("INN"), max_length=20, required=False)
    ogrn = forms.CharField(label=_("OGRN / OGRNIP"), max_length=20, required=False)
    note = forms.CharField(
        label=_("Note"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. director of the client")}),
    )

    def clean_inn(self):
        value = _digits(self.cleaned_data.get("inn"))
        if value:
            InnValidator()(value)
        return value

    def clean_ogrn(self):
        value = _digits(self.cleaned_data.get("ogrn"))
        if value:
            OgrnValidator()(value)
        return value

    def clean(self):
        data = super().clean()
        if not (data.get("name") or "").strip() and (data.get("inn") or data.get("ogrn") or data.get("note")):
            self.add_error("name", _("Give the party's name."))
        return data

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any((data.get(k) or "").strip() for k in ("name", "inn", "ogrn", "note"))

    def has_changed(self):
        # A spare row whose selects keep their initial values is still an empty row.
        return any(self.data.get(self.add_prefix(k), "").strip() for k in ("name", "inn", "ogrn", "note"))


class CheckPartyForm(forms.Form):
    """One party of an ad hoc conflict check: a name and, if known, the INN or OGRN."""

    name = forms.CharField(label=_("Name"), max_length=500, required=False)
    inn = forms.CharField(label=_("INN"), max_length=20, required=False)
    ogrn = forms.CharField(label=_("OGRN / OGRNIP"), max_length=20, required=False)

    def clean_inn(self):
        value = _digits(self.cleaned_data.get("inn"))
        if value and (not value.isascii() or not value.isdigit() or len(value) not in (10, 12)):
            raise forms.ValidationError(_("An INN has 10 or 12 digits."))
        return value

    def clean_ogrn(self):
        value = _digits(self.cleaned_data.get("ogrn"))
        if value and (not value.isascii() or not value.isdigit() or len(value) not in (13, 15)):
            raise forms.ValidationError(_("An OGRN has 13 digits, an OGRNIP 15."))
        return value

    def is_blank(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return not any((data.get(k) or "").strip() for k in ("name", "inn", "ogrn"))


class _Rows(forms.BaseFormSet):
    """Rows of parties: the filled ones as dicts for the service."""

    def rows(self) -> list[dict]:
        return [f.cleaned_data for f in self.forms if f.is_valid() and not f.is_blank()]


class PartyRows(_Rows):
    pass


class CheckRows(_Rows):
    def clean(self):
        super().clean()
        if not any(self.errors) and not self.rows():
            raise forms.ValidationError(_("Name at least one party to check."))


PartyFormSet = forms.formset_factory(
    PartyForm, formset=PartyRows, extra=3, max_num=MAX_INTAKE_PARTIES, validate_max=True, absolute_max=60
)
CheckFormSet = forms.formset_factory(
    CheckPartyForm, formset=CheckRows, extra=5, max_num=MAX_CHECK_PARTIES, validate_max=True, absolute_max=60
)


def with_more_rows(data, prefix: str, formset_class):
    """The submitted data with MORE_ROWS more rows in the formset (the "more rows" button)."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    try:
        total = int(data.get(key, 0))
    except (TypeError, ValueError):
        total = 0
    data[key] = str(min(total + MORE_ROWS, formset_class.max_num))
    return data


def quiet(*forms_and_formsets) -> None:
    """Bound forms shown again without error messages (after "more rows", nothing was submitted yet)."""
    for item in forms_and_formsets:
        if isinstance(item, forms.BaseFormSet):
            item._errors = []
            item._non_form_errors = ErrorList()
            for form in item.forms:
                form._errors = ErrorDict()
        else:
            item._errors = ErrorDict()


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Recorded with the check as evidence; it cannot be changed later."),
    )


class ProcessForm(forms.Form):
    lead = LeadChoiceField(label=_("Lead specialist"), queryset=None)
    title = forms.CharField(
        label=_("Matter title"), max_length=300, required=False, help_text=_("Leave as the client wrote it, or edit.")
    )

    def __init__(self, *args, leads, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads
