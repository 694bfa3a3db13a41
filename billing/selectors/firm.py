"""The firm's requisites and the VAT rate in force on a date."""

import datetime as dt
from decimal import Decimal

from core.errors import NotFound

from ..models import FirmProfile, TaxRegime

# The general VAT rate: 20% until 31 December 2025, 22% from 1 January 2026 (Federal Law 425-FZ).
GENERAL_RATES = ((dt.date(2026, 1, 1), Decimal("22")), (dt.date(2019, 1, 1), Decimal("20")))


def general_vat_rate(on: dt.date) -> Decimal:
    for start, rate in GENERAL_RATES:
        if on >= start:
            return rate
    return Decimal("18")


def regime_vat_rate(regime: str, on: dt.date) -> Decimal:
    """The VAT rate, in percent, that a tax regime charges on a date (0 without VAT)."""
    if regime == TaxRegime.GENERAL:
        return general_vat_rate(on)
    if regime == TaxRegime.SIMPLIFIED_5:
        return Decimal("5")
    if regime == TaxRegime.SIMPLIFIED_7:
        return Decimal("7")
    return Decimal("0")


def firm_profile_on(on: dt.date) -> FirmProfile:
    """The version of the firm's requisites in force on the date (NotFound before the first one)."""
    profile = FirmProfile.objects.filter(valid_from__lte=on).order_by("-valid_from").first()
    if profile is None:
        raise NotFound()
    return profile


def vat_rate_on(on: dt.date) -> Decimal:
    """The VAT rate in percent the firm charges on the date — a document stores it (see document_vat)."""
    return regime_vat_rate(firm_profile_on(on).tax_regime, on)


def document_vat(on: dt.date) -> dict:
    """What a document dated `on` copies into its own fields: the requisites' version and the VAT rate,
    so that it is never looked up again."""
    profile = firm_profile_on(on)
    return {"firm_profile": profile, "vat_rate": regime_vat_rate(profile.tax_regime, on)}


PAYEE_FIELDS = ("name", "short_name", "inn", "kpp", "bank_name", "bik", "corr_account", "account")


def firm_payee(on: dt.date | None = None) -> dict | None:
    """The firm's bank details a client pays it to, from the requisites in force on `on` (today by
    default) — the data the firm edits, never settings; None before the first version exists."""
    from django.utils import timezone

    try:
        profile = firm_profile_on(on or timezone.localdate())
    except NotFound:
        return None
    return {field: getattr(profile, field) for field in PAYEE_FIELDS}
