from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def default_upload_quota() -> int:
    return settings.CLIENT_UPLOAD_QUOTA_BYTES


class Client(models.Model):
    """A person or an organisation the firm serves. Its people sign in as client users."""

    class Kind(models.TextChoices):
        PERSON = "person", _("person")
        ORGANISATION = "organisation", _("organisation")

    class Status(models.TextChoices):
        INTAKE = "intake", _("in intake")
        ACTIVE = "active", _("active")
        REFUSED = "refused", _("refused")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE)
    name = models.CharField(
        _("name"), max_length=500, help_text=_("Full name with patronymic, or the organisation's full name.")
    )
    short_name = models.CharField(_("short name"), max_length=255, blank=True)
    # A person
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    passport = models.CharField(
        _("passport"), max_length=255, blank=True, help_text=_("Series and number, issued by whom and when.")
    )
    # An organisation (INN and OGRNIP also for a sole trader)
    legal_form = models.CharField(_("legal form"), max_length=64, blank=True, help_text=_("For example ООО, АО, ИП."))
    inn = models.CharField(_("INN"), max_length=12, blank=True)
    kpp = models.CharField(_("KPP"), max_length=9, blank=True)
    ogrn = models.CharField(_("OGRN / OGRNIP"), max_length=15, blank=True)
    signatory = models.CharField(
        _("signs through"),
        max_length=300,
        blank=True,
        help_text=_(
            "Who signs for the organisation and on what basis, e.g. «генерального директора Иванова И. И., "
            "действующего на основании Устава»."
        ),
    )
    address = models.CharField(_("address"), max_length=500, blank=True)
    postal_address = models.CharField(_("postal address"), max_length=500, blank=True)
    # Bank details (for refunds and acts)
    bank_name = models.CharField(_("bank"), max_length=255, blank=True)
    bik = models.CharField(_("BIK"), max_length=9, blank=True)
    account = models.CharField(_("settlement account"), max_length=20, blank=True)
    corr_account = models.CharField(_("correspondent account"), max_length=20, blank=True)
    # Contacts
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    language = models.CharField(
        _("language of documents"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    upload_quota_bytes = models.PositiveBigIntegerField(
        _("upload quota, bytes"),
        default=default_upload_quota,
        help_text=_("How much the client's people may upload in all: attachments of tasks and messages, documents."),
    )
    # The normalised name the conflict check searches (clients.matching.search_key), trigram-indexed.
    search_key = models.CharField(_("search key"), max_length=500, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("client")
        verbose_name_plural = _("clients")
        ordering = ["name"]
        indexes = [
            models.Index(fields=["inn"], name="client_inn_idx"),
            models.Index(fields=["ogrn"], name="client_ogrn_idx"),
        ]

    def __str__(self) -> str:
        return self.short_name or self.name

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.PERSON
