"""Russian requisites of a client, checked with their check digits.

Every ``validate_*`` function takes a string, removes whitespace (ordinary and non-breaking spaces
included, so "7707 083 893" is fine), and either returns the cleaned value or raises
``django.core.exceptions.ValidationError`` with a translatable message that names the field and a
``code`` (``inn_length``, ``inn_checksum`` …). They can be used as they are in a form's
``clean_<field>`` (use the returned value: it has no spaces), or wrapped for model fields by the small
validator classes at the end (``InnValidator`` …), which Django's migrations can serialise.

A settlement or correspondent account can only be checked together with its bank's BIK, so it has no
single-field validator: check it in ``clean()`` or in the service with ``validate_account`` /
``validate_corr_account``, or with ``check_requisites``, which reports every bad field at once::

    errors = check_requisites(kind=kind, inn=inn, ogrn=ogrn, bik=bik, account=account)
    if errors:
        raise core.errors.ValidationError(fields=errors)

Algorithms (Federal Tax Service for INN/OGRN, Bank of Russia for BIK and accounts):

* INN, 10 digits: check digit = sum(digit × weight) mod 11 mod 10, weights 2,4,10,3,5,9,4,6,8.
  INN, 12 digits: two such digits, weights 7,2,4,10,3,5,9,4,6,8 (11th) and 3,7,2,4,10,3,5,9,4,6,8 (12th).
* OGRN: 13th digit = (first 12 digits as a number) mod 11 mod 10;
  OGRNIP: 15th digit = (first 14 digits as a number) mod 13 mod 10.
* Account control key: 3 digits taken from the BIK + the 20-digit account give 23 digits; each is
  multiplied by the weights 7,1,3,7,1,3,…; the last digits of the products are summed, and the account
  is correct when that sum ends in 0. The 3 digits are the BIK's last three for an account in a credit
  institution, and "0" + the BIK's 5th–6th digits for a correspondent account opened at the Bank of
  Russia (e.g. BIK 044525225 → "025" + 30101810400000000225: the sum is 40).
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

ORGANISATION = "organisation"
PERSON = "person"
KINDS = (ORGANISATION, PERSON)

_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"[0-9]+")
_KPP = re.compile(r"[0-9]{4}[0-9A-Z]{2}[0-9]{3}")

_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_ACCOUNT_WEIGHTS = (7, 1, 3) * 8  # 24 ≥ 23 digits to weigh


def _clean(value) -> str:
    """The value without any whitespace; None counts as empty."""
    return _WHITESPACE.sub("", "" if value is None else str(value))


def _is_digits(value: str) -> bool:
    """ASCII digits only: str.isdigit() would also accept "²" or Arabic-Indic digits."""
    return bool(_DIGITS.fullmatch(value))


def _check_kind(kind) -> None:
    if kind is not None and kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS} or None, not {kind!r}")


def _digits(value, *, lengths: tuple[int, ...], field: str, length_message, format_message) -> str:
    """Cleaned digits of an allowed length, or a ValidationError coded `<field>_format` / `<field>_length`."""
    cleaned = _clean(value)
    if cleaned and not _is_digits(cleaned):
        raise ValidationError(format_message, code=f"{field}_format")
    if len(cleaned) not in lengths:
        raise ValidationError(length_message, code=f"{field}_length")
    return cleaned


def _weighted_check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 % 10


# --- INN ------------------------------------------------------------------------------------------


def validate_inn(value, *, kind: str | None = None) -> str:
    """An INN: 10 digits for an organisation, 12 for a person or a sole trader; `kind` enforces which."""
    _check_kind(kind)
    inn = _digits(
        value,
        lengths=(10, 12),
        field="inn",
        length_message=_("The INN must have 10 digits for an organisation or 12 for a person."),
        format_message=_("The INN must contain digits only."),
    )
    if kind == ORGANISATION and len(inn) != 10:
        raise ValidationError(_("An organisation's INN must have 10 digits."), code="inn_kind")
    if kind == PERSON and len(inn) != 12:
        raise ValidationError(_("A person's INN must have 12 digits."), code="inn_kind")
    if len(inn) == 10:
        valid = _weighted_check_digit(inn[:9], _INN10_WEIGHTS) == int(inn[9])
    else:
        valid = _weighted_check_digit(inn[:10], _INN11_WEIGHTS) == int(inn[10]) and (
            _weighted_check_digit(inn[:11], _INN12_WEIGHTS) == int(inn[11])
        )
    if not valid:
        raise ValidationError(_("The INN's check digit is wrong: please check the number."), code="inn_checksum")
    return inn


# --- KPP ------------------------------------------------------------------------------------------


def validate_kpp(value) -> str:
    """A KPP: 4 digits, 2 digits or capital Latin letters, 3 digits. It has no check digit."""
    kpp = _clean(value)
    if len(kpp) != 9:
        raise ValidationError(_("The KPP must have 9 characters."), code="kpp_length")
    if not _KPP.fullmatch(kpp):
        raise ValidationError(
            _("The KPP must be 4 digits, then 2 digits or capital Latin letters, then 3 digits."),
            code="kpp_format",
        )
    return kpp


# --- OGRN / OGRNIP --------------------------------------------------------------------------------


def validate_ogrn(value) -> str:
    """An organisation's OGRN: 13 digits, the last = (first 12 as a number) mod 11 mod 10."""
    ogrn = _digits(
        value,
        lengths=(13,),
        field="ogrn",
        length_message=_("The OGRN must have 13 digits."),
        format_message=_("The OGRN must contain digits only."),
    )
    if int(ogrn[:12]) % 11 % 10 != int(ogrn[12]):
        raise ValidationError(_("The OGRN's check digit is wrong: please check the number."), code="ogrn_checksum")
    return ogrn


def validate_ogrnip(value) -> str:
    """A sole trader's OGRNIP: 15 digits, the last = (first 14 as a number) mod 13 mod 10."""
    ogrnip = _digits(
        value,
        lengths=(15,),
        field="ogrnip",
        length_message=_("The OGRNIP must have 15 digits."),
        format_message=_("The OGRNIP must contain digits only."),
    )
    if int(ogrnip[:14]) % 13 % 10 != int(ogrnip[14]):
        raise ValidationError(_("The OGRNIP's check digit is wrong: please check the number."), code="ogrnip_checksum")
    return ogrnip


def validate_ogrn_any(value, *, kind: str | None = None) -> str:
    """An OGRN (13 digits, organisation) or an OGRNIP (15 digits, sole trader); `kind` enforces which."""
    _check_kind(kind)
    number = _digits(
        value,
        lengths=(13, 15),
        field="ogrn",
        length_message=_(
            "The registration number must have 13 digits (OGRN, organisation) or 15 (OGRNIP, sole trader)."
        ),
        format_message=_("The registration number (OGRN / OGRNIP) must contain digits only."),
    )
    if kind == ORGANISATION and len(number) != 13:
        raise ValidationError(_("An organisation's registration number (OGRN) must have 13 digits."), code="ogrn_kind")
    if kind == PERSON and len(number) != 15:
        raise ValidationError(_("A sole trader's registration number (OGRNIP) must have 15 digits."), code="ogrn_kind")
    return validate_ogrn(number) if len(number) == 13 else validate_ogrnip(number)


# --- BIK and bank accounts ------------------------------------------------------------------------


TREASURY_BIK_PREFIXES = ("01", "00")


def validate_bik(value) -> str:
    """A Russian BIK: 9 digits starting with 04 (banks), or 01 / 00 (the Treasury's offices — 01 since
    2021 — for payments to the budget such as state duties). It has no check digit."""
    bik = _digits(
        value,
        lengths=(9,),
        field="bik",
        length_message=_("The BIK must have 9 digits."),
        format_message=_("The BIK must contain digits only."),
    )
    if not bik.startswith((*TREASURY_BIK_PREFIXES, "04")):
        raise ValidationError(
            _("The BIK must start with 04 (a bank in Russia), or 01 or 00 (the Treasury)."),
            code="bik_country",
        )
    return bik


def account_key_is_valid(account: str, prefix: str) -> bool:
    """The Bank of Russia's control key over 3 prefix digits + 20 account digits (see the module doc)."""
    digits = prefix + account
    return sum(int(d) * w % 10 for d, w in zip(digits, _ACCOUNT_WEIGHTS, strict=False)) % 10 == 0


def _account_digits(account) -> str:
    return _digits(
        account,
        lengths=(20,),
        field="account",
        length_message=_("The settlement account must have 20 digits."),
        format_message=_("The settlement account must contain digits only."),
    )


def _corr_account_digits(account) -> str:
    return _digits(
        account,
        lengths=(20,),
        field="corr_account",
        length_message=_("The correspondent account must have 20 digits."),
        format_message=_("The correspondent account must contain digits only."),
    )


def validate_account(account, bik) -> str:
    """A settlement account (20 digits) in the bank with this BIK; its key uses the BIK's last 3 digits."""
    cleaned = _account_digits(account)
    bik = validate_bik(bik)
    if bik.startswith("01"):
        return cleaned  # a treasury account (03…) at a Treasury office: 20 digits, no bank's key to check
    if not account_key_is_valid(cleaned, bik[-3:]):
        raise ValidationError(
            _("The settlement account does not match the bank's BIK: please check both numbers."),
            code="account_checksum",
        )
    return cleaned


def validate_corr_account(account, bik) -> str:
    """A bank's correspondent account (20 digits) at the Bank of Russia; its key uses "0" + BIK digits 5–6."""
    cleaned = _corr_account_digits(account)
    bik = validate_bik(bik)
    if bik.startswith("01"):
        return cleaned  # the single treasury account (40102…) stands in the correspondent account's place
    if not account_key_is_valid(cleaned, "0" + bik[4:6]):
        raise ValidationError(
            _("The correspondent account does not match the bank's BIK: please check both numbers."),
            code="corr_account_checksum",
        )
    return cleaned


# --- Passport -------------------------------------------------------------------------------------


def validate_passport(series_number) -> str:
    """A Russian passport's series and number, 4 + 6 digits ("4508 123456" → "4508123456"). Format only."""
    message = _("The passport series and number must be 4 and 6 digits, e.g. 4508 123456.")
    return _digits(series_number, lengths=(10,), field="passport", length_message=message, format_message=message)


# --- All at once ----------------------------------------------------------------------------------


def check_requisites(
    *,
    kind: str,
    inn: str = "",
    kpp: str = "",
    ogrn: str = "",
    bik: str = "",
    account: str = "",
    corr_account: str = "",
) -> dict[str, list[str]]:
    """Everything wrong with a client's requisites, as field → messages; an empty dict when all is fine.

    Empty values are not checked (they are optional). `kind` is "organisation" or "person" (a person
    includes a sole trader): it decides the INN's length, OGRN vs OGRNIP, and that a person has no KPP.
    An account is checked against the BIK only when the BIK itself is correct. The messages are lazy
    translations, rendered in the reader's language, as `core.errors.ValidationError(fields=…)` expects.
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    errors: dict[str, list[str]] = {}

    def check(field: str, validate, value) -> bool:
        if not _clean(value):
            return False
        try:
            validate(value)
        except ValidationError as error:
            errors.setdefault(field, []).extend(e.message for e in error.error_list)
            return False
        return True

    check("inn", lambda v: validate_inn(v, kind=kind), inn)
    if kind == PERSON and _clean(kpp):
        errors["kpp"] = [_("A KPP is issued only to organisations: leave it empty for a person.")]
    else:
        check("kpp", validate_kpp, kpp)
    check("ogrn", lambda v: validate_ogrn_any(v, kind=kind), ogrn)
    bik_ok = check("bik", validate_bik, bik)

    for field, value, with_bik, without_bik, bik_needed in (
        (
            "account",
            account,
            validate_account,
            _account_digits,
            _("A BIK is needed to check the settlement account."),
        ),
        (
            "corr_account",
            corr_account,
            validate_corr_account,
            _corr_account_digits,
            _("A BIK is needed to check the correspondent account."),
        ),
    ):
        if bik_ok:
            check(field, lambda v, validate=with_bik: validate(v, bik), value)
        else:
            # No usable BIK: check what can be checked without it, and say that a BIK is needed.
            check(field, without_bik, value)
            if _clean(value) and not _clean(bik):
                errors.setdefault("bik", []).append(bik_needed)
    return errors


# --- Validators for model and form fields ---------------------------------------------------------


@deconstructible
class _FieldValidator:
    """Calls a validate_* function; Django ignores the cleaned value, so clean spaces in the form too."""

    validate = None

    def __init__(self, kind: str | None = None):
        _check_kind(kind)
        self.kind = kind

    def __call__(self, value) -> None:
        if self.kind is None:
            type(self).validate(value)
        else:
            type(self).validate(value, kind=self.kind)

    def __eq__(self, other) -> bool:
        return type(self) is type(other) and self.kind == other.kind

    def __hash__(self) -> int:
        return hash((type(self), self.kind))


class InnValidator(_FieldValidator):
    """`validators=[InnValidator()]`, or `InnValidator(kind="organisation")` to insist on 10 digits."""

    validate = staticmethod(validate_inn)


class OgrnValidator(_FieldValidator):
    """OGRN or OGRNIP (`validate_ogrn_any`); `kind` insists on one of them."""

    validate = staticmethod(validate_ogrn_any)


class _PlainValidator(_FieldValidator):
    def __init__(self):
        super().__init__(None)


class KppValidator(_PlainValidator):
    validate = staticmethod(validate_kpp)


class BikValidator(_PlainValidator):
    validate = staticmethod(validate_bik)


class PassportValidator(_PlainValidator):
    validate = staticmethod(validate_passport)
