"""The firm's requisites: a new version with its start date; the old ones stay for old documents."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError as FieldError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clients.requisites import (
    validate_account,
    validate_bik,
    validate_corr_account,
    validate_inn,
    validate_kpp,
    validate_ogrn_any,
)
from core.errors import NotPermitted, ValidationError

from ..models import FirmProfile, TaxRegime

TEXT_FIELDS = ("name", "short_name", "address", "bank_name")


def _checked(data: dict) -> dict:
    errors: dict[str, list] = {}
    clean = {}
    for field in TEXT_FIELDS:
        value = str(data.get(field) or "").strip()
        if not value:
            errors[field] = [_("This field is required.")]
        clean[field] = value

    def check(field, validate, *args):
        try:
            clean[field] = validate(*args)
        except FieldError as e:
            errors[field] = list(e.messages)

    check("inn", validate_inn, data.get("inn") or "")
    if data.get("kpp"):
        check("kpp", validate_kpp, data["kpp"])
    else:
        clean["kpp"] = ""
    check("ogrn", validate_ogrn_any, data.get("ogrn") or "")
    check("bik", validate_bik, data.get("bik") or "")
    if "bik" not in errors:
        check("corr_account", validate_corr_account, data.get("corr_account") or "", clean["bik"])
        check("account", validate_account, data.get("account") or "", clean["bik"])
    regime = data.get("tax_regime")
    if regime not in TaxRegime.values:
        errors["tax_regime"] = [_("Choose the tax regime.")]
    clean["tax_regime"] = regime
    if not isinstance(data.get("valid_from"), dt.date):
        errors["valid_from"] = [_("Enter the date the requisites apply from.")]
    clean["valid_from"] = data.get("valid_from")
    if errors:
        raise ValidationError(fields=errors)
    return clean


def create_firm_profile(*, by, data: dict) -> FirmProfile:
    """A new version of the firm's requisites, in force from data["valid_from"] (a partner only)."""
    if by is not None and not by.sees_everything:
        raise NotPermitted()
    clean = _checked(data)
    try:
        with transaction.atomic():
            return FirmProfile.objects.create(created_by=by, **clean)
    except IntegrityError:
        raise ValidationError(
            fields={"valid_from": [_("A version of the requisites already starts on this date.")]}
        ) from None


# The bank details the demo firm prints until a partner enters the real ones (the same as the first
# version billing's migration 0001 writes; real check digits).
DEMO_BANK = {
    "bank_name": "ПАО «Банк Урал»",
    "bik": "046577964",
    "corr_account": "30101810100000000964",
    "account": "40702810316540001234",
}


def firm_profile_ensure(*, by=None) -> FirmProfile:
    """The requisites in force today; a fresh database whose first version was flushed (the demo in a test's
    live server) gets one from settings.FIRM with the demo bank details, as migration 0001 writes it."""
    found = FirmProfile.objects.filter(valid_from__lte=timezone.localdate()).order_by("-valid_from").first()
    if found is not None:
        return found
    firm = settings.FIRM
    data = {
        "valid_from": dt.date(2020, 1, 1),
        "name": firm["name"],
        "short_name": firm.get("short_name") or firm["name"],
        "inn": firm["inn"],
        "kpp": firm.get("kpp", ""),
        "ogrn": firm["ogrn"],
        "address": firm["address"],
        "tax_regime": firm.get("tax_regime", TaxRegime.NO_VAT),
        **{key: firm.get(key) or value for key, value in DEMO_BANK.items()},
    }
    return create_firm_profile(by=by, data=data)
