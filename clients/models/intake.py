from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .parties import PartyKind, PartyRole


class Intake(models.Model):
    """New work on its way in: a new client (with or without a first matter) or a new matter.

    Nothing is opened before the conflict check is clear or a partner has cleared it (rule 13).
    """

    class Kind(models.TextChoices):
        NEW_CLIENT = "new_client", _("new client")
        NEW_MATTER = "new_matter", _("new matter")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("requested by the client")
        BLOCKED = "blocked", _("awaiting a partner's decision")
        OPENED = "opened", _("opened")
        REFUSED = "refused", _("refused")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="intakes"
    )
    title = models.CharField(_("matter title"), max_length=300, blank=True)
    description = models.TextField(_("what the matter is about"), blank=True)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("lead specialist"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    matter = models.OneToOneField(
        "matters.Matter",
        verbose_name=_("opened matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="intake",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    class Meta:
        verbose_name = _("intake")
        verbose_name_plural = _("intakes")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"], name="intake_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.client} {self.title}".strip()

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.BLOCKED)


class IntakeParty(models.Model):
    """A party named at intake; it becomes a Party of the matter once the matter is opened."""

    intake = models.ForeignKey(Intake, verbose_name=_("intake"), on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=PartyKind.choices, default=PartyKind.ORGANISATION)
    name = models.CharField(_("name"), max_length=500)
    inn = models.CharField(_("INN"), max_length=12, blank=True)
    ogrn = models.CharField(_("OGRN / OGRNIP"), max_length=15, blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("party named at intake")
        verbose_name_plural = _("parties named at intake")
        ordering = ["intake", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"
