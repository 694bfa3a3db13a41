from django.db import transaction
from django.utils.translation import gettext_lazy as _

from core.errors import NotPermitted, ValidationError
from users.models import Role

from .models import Client

INTAKE_ROLES = frozenset({Role.SECRETARY, Role.LEAD, Role.PARTNER})


@transaction.atomic
def client_create(
    *,
    by,
    kind: str,
    name: str,
    short_name: str = "",
    inn: str = "",
    ogrn: str = "",
    address: str = "",
    email: str = "",
    phone: str = "",
    language: str = "ru",
) -> Client:
    """Open a client record. The conflict check that must precede it arrives with intake."""
    if not (by.sees_everything or by.role in INTAKE_ROLES):
        raise NotPermitted(_("Only a partner, a lead specialist or a secretary may open a client."))
    errors = {}
    if kind not in Client.Kind.values:
        errors["kind"] = [_("Choose a person or an organisation.")]
    if not (name or "").strip():
        errors["name"] = [_("A name is required.")]
    if inn and (not inn.isdigit() or len(inn) not in (10, 12)):
        errors["inn"] = [_("An INN has 10 digits (organisation) or 12 digits (person).")]
    if errors:
        raise ValidationError(fields=errors)
    return Client.objects.create(
        kind=kind,
        name=name.strip(),
        short_name=short_name.strip(),
        inn=inn,
        ogrn=ogrn,
        address=address,
        email=email,
        phone=phone,
        language=language,
    )
