from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Subcontract(models.Model):
    """An outside lawyer or firm the firm wants to involve in a matter (rule 11).

    The firm serves personally; it may involve colleagues only with the client's recorded consent,
    and stays responsible for the work either way.
    """

    class Kind(models.TextChoices):
        LAWYER = "lawyer", _("outside lawyer")
        FIRM = "firm", _("partner firm")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("awaiting the client's consent")
        CONSENTED = "consented", _("the client consented")
        REFUSED = "refused", _("the client refused")
        ENGAGED = "engaged", _("engaged")
        ENDED = "ended", _("ended")

    matter = models.ForeignKey(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.CASCADE, related_name="subcontracts"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    contractor = models.CharField(_("lawyer or firm"), max_length=300)
    contractor_details = models.TextField(
        _("details"),
        blank=True,
        help_text=_("Advocate's register number, INN, address: how the client can identify them."),
    )
    scope = models.TextField(_("what they will do"))
    reason = models.TextField(_("why the firm proposes it"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    consent_text = models.TextField(_("text consented to"), blank=True)
    consent_language = models.CharField(
        _("language of the consent"),
        max_length=8,
        choices=settings.LANGUAGES,
        blank=True,
        help_text=_("The language the client user read and signed the consent in."),
    )
    refusal_reason = models.TextField(_("client's reason"), blank=True)
    engaged_at = models.DateTimeField(_("engaged"), null=True, blank=True)

    class Meta:
        verbose_name = _("subcontracting")
        verbose_name_plural = _("subcontracting")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["engaged", "ended"]) | models.Q(answered_at__isnull=False),
                name="subcontract_engaged_only_after_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.matter.number}: {self.contractor}"
