"""Client records: opened at intake (clients.services.intake), kept current by the firm."""

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.caching import bump
from core.errors import NotPermitted, ValidationError
from users.models import Role

from ..models import Client
from ..requisites import check_requisites
from .conflicts import index_client

INTAKE_ROLES = frozenset({Role.SECRETARY, Role.LEAD, Role.PARTNER})
FIELDS = (
    "short_name",
    "birth_date",
    "passport",
    "legal_form",
    "inn",
    "kpp",
    "ogrn",
    "signatory",
    "address",
    "postal_address",
    "bank_name",
    "bik",
    "account",
    "corr_account",
    "email",
    "phone",
    "language",
)


DIGIT_FIELDS = ("inn", "kpp", "ogrn", "bik", "account", "corr_account")


def check_client_fields(kind: str, name: str, fields: dict) -> dict:
    """A client's requisites cleaned (digits without spaces, text stripped), or a ValidationError
    naming every bad field at once (check digits of INN, OGRN/OGRNIP, BIK and accounts)."""
    errors = {}
    name = " ".join(str(name or "").split())
    if kind not in Client.Kind.values:
        errors["kind"] = [_("Choose a person or an organisation.")]
    if not name:
        errors["name"] = [_("A name is required.")]
    unknown = set(fields) - set(FIELDS)
    if unknown:
        errors.update({f: [_("Unknown field.")] for f in unknown})
    text = {}
    for key, value in fields.items():
        if key in DIGIT_FIELDS:
            text[key] = "".join(str(value or "").split())
        elif isinstance(value, str):
            text[key] = value.strip()
        else:
            text[key] = value
    if kind == Client.Kind.ORGANISATION and text.get("passport"):
        errors["passport"] = [_("A passport belongs to a person: leave it empty for an organisation.")]
    if "language" in text and text["language"] not in dict(settings.LANGUAGES):
        errors["language"] = [_("Choose a language.")]
    for key, value in [("name", name), *text.items()]:
        limit = getattr(Client._meta.get_field(key), "max_length", None) if key not in unknown else None
        if limit and isinstance(value, str) and len(value) > limit:
            errors.setdefault(key, []).append(_("At most %(limit)d characters.") % {"limit": limit})
    if kind in Client.Kind.values:
        for key, messages in check_requisites(
            kind=kind,
            inn=text.get("inn", ""),
            kpp=text.get("kpp", ""),
            ogrn=text.get("ogrn", ""),
            bik=text.get("bik", ""),
            account=text.get("account", ""),
            corr_account=text.get("corr_account", ""),
        ).items():
            errors.setdefault(key, []).extend(messages)
    if errors:
        raise ValidationError(fields=errors)
    return text


@transaction.atomic
def client_create(*, by, kind: str, name: str, status: str = Client.Status.ACTIVE, **fields) -> Client:
    """Record a client. New clients come through intake (`intake_new_client`), which checks conflicts first."""
    if not (by.sees_everything or by.role in INTAKE_ROLES):
        raise NotPermitted(_("Only a partner, a lead specialist or a secretary may open a client."))
    data = check_client_fields(kind, name, fields)
    client = Client.objects.create(kind=kind, name=" ".join(name.split()), status=status, **data)
    index_client(client)
    return client


@transaction.atomic
def client_update(*, client: Client, by, name: str | None = None, **fields) -> Client:
    """Correct a client's requisites or contacts (the name change re-indexes it for conflict checks)."""
    if not (by.sees_everything or by.role in INTAKE_ROLES):
        raise NotPermitted(_("Only a partner, a lead specialist or a secretary may change a client's record."))
    data = check_client_fields(client.kind, name if name is not None else client.name, fields)
    shown = str(client)
    if name is not None:
        client.name = " ".join(name.split())
    for key, value in data.items():
        setattr(client, key, value)
    client.save()
    index_client(client)
    if str(client) != shown:
        # The calendars name the client on every hearing and deadline of its matters (hearings.scopes):
        # a rename is rare, so every cached calendar is dropped rather than each of its readers found.
        bump("calendar")
    return client
