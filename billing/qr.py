"""The payment QR code of an invoice, GOST R 56042-2014 ("ST00012|Name=…|…").

Payload: the header ``ST0001`` (format version 0001), the encoding tag and the separator ``|``,
then ``Key=Value`` pairs. The five mandatory fields come first and in the standard's order —
Name, PersonalAcc, BankName, BIC, CorrespAcc — then PayeeINN, KPP, Purpose, Sum (in kopecks, an
integer), then any optional field the caller gives (LastName, PayerINN, DocNo, DocDate, CBC,
OKTMO, UIN …, in the order of ``OPTIONAL``).

Decisions:

* **Encoding tag 2, UTF-8.** The payload is a ``str``; the QR symbol carries its UTF-8 bytes in
  byte mode with no ECI header (the standard's tag says the charset; an ECI segment confuses some
  bank readers). Sberbank, VTB, T-Bank and the other mass-market apps read tag 2, and UTF-8 holds
  «guillemets», "№" and any name without loss, which cp1251 (tag 1) would need replacing.
* **No "|" in a value: refused**, not replaced — the firm's requisites and the invoice's purpose are
  data a person typed, and silently changing a payee's name on a payment is worse than a clear
  error asking to fix it. Line breaks and runs of whitespace become one space (a multi-line bank
  name typed in a form is still the same name); leading/trailing spaces are dropped.
* **Lengths** (characters, from the standard's tables; ``LIMITS``): Name ≤160, PersonalAcc 20
  digits, BankName ≤45, BIC 9 digits, CorrespAcc 20 digits or "0" (a Treasury office without one),
  PayeeINN 10 or 12 digits (≤12), KPP 9, Purpose ≤210, Sum ≤18 digits, PayerINN ≤12, DrawerStatus ≤2,
  CBC ≤20, OKTMO ≤11, PaytReason ≤2, TaxPeriod ≤10, DocNo ≤15, DocDate 10 (ДД.ММ.ГГГГ), TaxPaytKind ≤2,
  UIN ≤25; the other optional fields are kept ≤160 (the standard sets no limit for them here).
* **Check digits** through ``clients.requisites``: the settlement account against the BIK, the
  correspondent account against the BIK (for a bank, BIK starting 04; a Treasury BIK — 00, or 01
  for the Bank of Russia's divisions keeping the single treasury account since 2021 — has its
  accounts checked for form only, 20 digits), the INN and the KPP.
* **Rendering**: error correction M (15 %: what the standard's examples and the banks' own invoices
  use — a printed code with a stamp or a fold still reads, and the symbol stays small), a 4-module
  quiet zone (the QR specification's minimum; bank apps fail on less), never a Micro QR.
"""

import re
from decimal import Decimal

import segno
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _

from billing.money import as_decimal, to_kopecks
from clients import requisites
from core.errors import ValidationError

HEADER = "ST00012"
SEPARATOR = "|"
ERROR_CORRECTION = "m"
QUIET_ZONE = 4

MANDATORY = ("Name", "PersonalAcc", "BankName", "BIC", "CorrespAcc")
ADDITIONAL = ("PayeeINN", "KPP", "Purpose", "Sum")
OPTIONAL = (
    "LastName",
    "FirstName",
    "MiddleName",
    "PayerAddress",
    "PayerINN",
    "DrawerStatus",
    "CBC",
    "OKTMO",
    "PaytReason",
    "TaxPeriod",
    "DocNo",
    "DocDate",
    "TaxPaytKind",
    "UIN",
    "PersAcc",
    "Contract",
    "Phone",
    "ServiceName",
    "TechCode",
)
FIELDS = MANDATORY + ADDITIONAL + OPTIONAL

LIMITS = {
    "Name": 160,
    "PersonalAcc": 20,
    "BankName": 45,
    "BIC": 9,
    "CorrespAcc": 20,
    "PayeeINN": 12,
    "KPP": 9,
    "Purpose": 210,
    "Sum": 18,
    "PayerINN": 12,
    "DrawerStatus": 2,
    "CBC": 20,
    "OKTMO": 11,
    "PaytReason": 2,
    "TaxPeriod": 10,
    "DocNo": 15,
    "DocDate": 10,
    "TaxPaytKind": 2,
    "UIN": 25,
}
OTHER_LIMIT = 160

_WHITESPACE = re.compile(r"\s+")
_DATE = re.compile(r"[0-3][0-9]\.[01][0-9]\.[0-9]{4}")
_DIGITS = re.compile(r"[0-9]+")


def _limit(field: str) -> int:
    return LIMITS.get(field, OTHER_LIMIT)


def _clean(field: str, value) -> str:
    text = _WHITESPACE.sub(" ", str(value)).strip()
    if SEPARATOR in text:
        raise ValidationError(
            _('The payment QR code cannot contain "|" in the field %(field)s: please remove it.') % {"field": field},
            fields={field: [_('Remove the "|" character.')]},
            code="qr_separator",
        )
    if len(text) > _limit(field):
        raise ValidationError(
            _("The field %(field)s of the payment QR code may have at most %(limit)d characters, not %(length)d.")
            % {"field": field, "limit": _limit(field), "length": len(text)},
            fields={field: [_("Too long for the payment QR code.")]},
            code="qr_length",
        )
    return text


def _refuse(field: str, error: DjangoValidationError):
    raise ValidationError(error.messages[0], fields={field: error.messages}, code="qr_requisites")


def build_payload(
    *,
    name: str,
    personal_acc: str,
    bank_name: str,
    bic: str,
    corresp_acc: str,
    payee_inn: str = "",
    kpp: str = "",
    purpose: str = "",
    amount: Decimal | int | None = None,
    **optional: str,
) -> str:
    """The GOST R 56042-2014 payload, validated; raises core.errors.ValidationError (translated,
    ``fields`` keyed by the standard's field names) on a bad value. ``amount`` is roubles (Decimal),
    written as ``Sum`` in kopecks; ``optional`` takes the standard's names (``DocNo="2026-0012"``)."""
    unknown = set(optional) - set(OPTIONAL)
    if unknown:
        raise TypeError(f"unknown GOST R 56042 fields: {sorted(unknown)}")
    bic = requisites._clean(bic)
    # The Bank of Russia's divisions that keep the Treasury's accounts (the single treasury account,
    # ЕКС 40102…) have had BIKs starting with 01 since 2021 (e.g. 017003983); clients.requisites
    # accepts 04 and 00 only, so those are recognised here and checked for form.
    treasury = _DIGITS.fullmatch(bic) is not None and len(bic) == 9 and bic.startswith(("00", "01"))
    if not treasury:
        try:
            bic = requisites.validate_bik(bic)
        except DjangoValidationError as error:
            _refuse("BIC", error)
    try:
        if treasury:
            personal_acc = requisites._account_digits(personal_acc)
        else:
            personal_acc = requisites.validate_account(personal_acc, bic)
    except DjangoValidationError as error:
        _refuse("PersonalAcc", error)
    corresp_acc = requisites._clean(corresp_acc)
    if not (treasury and corresp_acc in ("", "0")):
        try:
            if treasury:
                corresp_acc = requisites._corr_account_digits(corresp_acc)
            else:
                corresp_acc = requisites.validate_corr_account(corresp_acc, bic)
        except DjangoValidationError as error:
            _refuse("CorrespAcc", error)
    corresp_acc = corresp_acc or "0"
    pairs = [
        ("Name", name),
        ("PersonalAcc", personal_acc),
        ("BankName", bank_name),
        ("BIC", bic),
        ("CorrespAcc", corresp_acc),
    ]
    for field in MANDATORY:
        value = dict(pairs)[field]
        if not _clean(field, value):
            raise ValidationError(
                _("The payment QR code needs the field %(field)s.") % {"field": field},
                fields={field: [_("This field is required.")]},
                code="qr_required",
            )
    if payee_inn:
        try:
            pairs.append(("PayeeINN", requisites.validate_inn(payee_inn)))
        except DjangoValidationError as error:
            _refuse("PayeeINN", error)
    if kpp:
        try:
            pairs.append(("KPP", requisites.validate_kpp(kpp)))
        except DjangoValidationError as error:
            _refuse("KPP", error)
    if purpose:
        pairs.append(("Purpose", purpose))
    if amount is not None:
        amount = as_decimal(amount)
        if amount <= 0:
            raise ValidationError(
                _("The amount to pay must be more than zero."), fields={"Sum": [_("Must be positive.")]}, code="qr_sum"
            )
        pairs.append(("Sum", str(to_kopecks(amount))))
    for field in OPTIONAL:
        if optional.get(field):
            pairs.append((field, optional[field]))
    cleaned = [(field, _clean(field, value)) for field, value in pairs]
    for field, value in cleaned:
        if field == "DocDate" and not _DATE.fullmatch(value):
            raise ValidationError(
                _("The document date of the payment QR code must be written as DD.MM.YYYY."),
                fields={field: [_("Use DD.MM.YYYY.")]},
                code="qr_date",
            )
        if field in ("Sum", "PayerINN", "CBC", "OKTMO") and not _DIGITS.fullmatch(value):
            raise ValidationError(
                _("The field %(field)s of the payment QR code must contain digits only.") % {"field": field},
                fields={field: [_("Digits only.")]},
                code="qr_digits",
            )
    return SEPARATOR.join([HEADER, *(f"{field}={value}" for field, value in cleaned)])


class PayloadError(ValueError):
    """A string that is not a GOST R 56042 payload this module can read."""


def parse_payload(payload: str | bytes) -> dict[str, str]:
    """The payload's fields in their order (a dict keeps it); for tests and the PDF round trip.
    Reads tag 2 (UTF-8) and tag 1 (cp1251) bytes; raises PayloadError on anything else."""
    if isinstance(payload, bytes):
        if payload[:6] != b"ST0001" or len(payload) < 8:
            raise PayloadError("not a GOST R 56042 payload")
        charset = {b"1": "cp1251", b"2": "utf-8", b"3": "koi8_r"}.get(payload[6:7])
        if charset is None:
            raise PayloadError(f"unknown encoding tag {payload[6:7]!r}")
        payload = payload.decode(charset)
    if not payload.startswith("ST0001") or len(payload) < 8 or payload[6] not in "123":
        raise PayloadError("not a GOST R 56042 payload")
    separator = payload[7]
    fields: dict[str, str] = {}
    for pair in payload[8:].split(separator):
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise PayloadError(f"not a Key=Value pair: {pair!r}")
        fields[key] = value
    if tuple(fields)[: len(MANDATORY)] != MANDATORY:
        raise PayloadError("the five mandatory fields are not first and in order")
    return fields


def make_qr(payload: str) -> segno.QRCode:
    """The QR symbol: the payload's UTF-8 bytes in byte mode, error correction M, never micro."""
    return segno.make(payload.encode("utf-8"), error=ERROR_CORRECTION, boost_error=False, micro=False)


def qr_svg(payload: str, *, scale: int = 4) -> str:
    """An inline <svg> element of the code (4-module quiet zone) for an HTML or WeasyPrint page."""
    return make_qr(payload).svg_inline(scale=scale, border=QUIET_ZONE)


def qr_svg_data_uri(payload: str, *, scale: int = 4) -> str:
    return make_qr(payload).svg_data_uri(scale=scale, border=QUIET_ZONE)


def qr_png_data_uri(payload: str, *, scale: int = 6) -> str:
    """A data:image/png URI of the code for an <img src> (WeasyPrint embeds it without a request)."""
    return make_qr(payload).png_data_uri(scale=scale, border=QUIET_ZONE)
