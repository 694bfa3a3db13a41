"""Client records: opened at intake (clients.services.intake), kept current by the firm."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

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


def _clean(kind: str, name: str, fields: dict) -> dict:
    errors = {}
    if kind not in Client.Kind.values:
        errors["kind"] = [_("Choose a person or an organisation.")]
    if not (name or "").strip():
        errors["name"] = [_("A name is required.")]
    unknown = set(fields) - set(FIELDS)
    if unknown:
        errors.update({f: [_("Unknown field.")] for f in unknown})
    text = {
        k: ("".join(str(v).split()) if k in ("inn", "kpp", "ogrn", "bik", "account", "corr_account") else v)
        for k, v in fields.items()
    }
    for key, value in list(text.items()):
        if isinstance(value, str) and key not in ("inn", "kpp", "ogrn", "bik", "account", "corr_account"):
            text[key] = value.strip()
    if kind in Client.Kind.values:
        errors.update(
            check_requisites(
                kind=kind,
                inn=text.get("inn", ""),
                kpp=text.get("kpp", ""),
                ogrn=text.get("ogrn", ""),
                bik=text.get("bik", ""),
                account=text.get("account", ""),
                corr_account=text.get("corr_account", ""),
            )
        )
    if errors:
        raise ValidationError(fields=errors)
    return text


@transaction.atomic
def client_create(*, by, kind: str, name: str, status: str = Client.Status.ACTIVE, **fields) -> Client:
    """Record a client. New clients come through intake (`intake_new_client`), which checks conflicts first."""
    if not (by.sees_everything or by.role in INTAKE_ROLES):
        raise NotPermitted(_("Only a partner, a lead specialist or a secretary may open a client."))
    data = _clean(kind, name, fields)
    client = Client.objects.create(kind=kind, name=" ".join(name.split()), status=status, **data)
    index_client(client)
    return client


@transaction.atomic
def client_update(*, client: Client, by, name: str | None = None, **fields) -> Client:
    """Correct a client's requisites or contacts (the name change re-indexes it for conflict checks)."""
    if not (by.sees_everything or by.role in INTAKE_ROLES):
        raise NotPermitted(_("Only a partner, a lead specialist or a secretary may change a client's record."))
    data = _clean(client.kind, name if name is not None else client.name, fields)
    if name is not None:
        client.name = " ".join(name.split())
    for key, value in data.items():
        setattr(client, key, value)
    client.save()
    index_client(client)
    return client
