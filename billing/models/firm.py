"""The firm's requisites and tax regime, kept as versions: a document uses the version in force on its date."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TaxRegime(models.TextChoices):
    NO_VAT = "no_vat", _("without VAT (advocates' office, or simplified system under the exemption)")
    GENERAL = "general", _("general system, VAT at the general rate")
    SIMPLIFIED_5 = "usn_5", _("simplified system, VAT 5%")
    SIMPLIFIED_7 = "usn_7", _("simplified system, VAT 7%")


class FirmProfile(models.Model):
    """One version of the firm's requisites, in force from `valid_from` until the next version's.

    Versions are never edited: a change is a new row, so a document issued earlier still shows (and
    has stored) what was true on its date.
    """

    valid_from = models.DateField(_("valid from"), unique=True)
    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=160)
    inn = models.CharField(_("INN"), max_length=12)
    kpp = models.CharField(_("KPP"), max_length=9, blank=True)
    ogrn = models.CharField(_("OGRN"), max_length=15)
    address = models.CharField(_("address"), max_length=500)
    bank_name = models.CharField(_("bank"), max_length=200)
    bik = models.CharField(_("BIK"), max_length=9)
    corr_account = models.CharField(_("correspondent account"), max_length=20)
    account = models.CharField(_("settlement account"), max_length=20)
    tax_regime = models.CharField(_("tax regime"), max_length=16, choices=TaxRegime.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("firm requisites")
        verbose_name_plural = _("firm requisites")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.short_name} ({self.valid_from:%Y-%m-%d})"
