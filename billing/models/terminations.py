"""Termination of a matter by the client (rule 14), and the settlement it was ended on.

One per matter (a database constraint): who terminated (a client user in the portal, or the firm's
lead or partner recording the client's letter), when, why, the settlement snapshot as data (every
line and the balance, as shown when confirming), and what was cancelled. The matter then awaits the
final act: when the partner issues it (billing.services.acts.act_issue with final=True), `final_act` and
`final_act_issued_at` are set and the matter closes.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Termination(models.Model):
    class Channel(models.TextChoices):
        PORTAL = "portal", _("in the portal")
        LETTER = "letter", _("by the client's letter")

    matter = models.OneToOneField(
        "matters.Matter", verbose_name=_("matter"), on_delete=models.PROTECT, related_name="termination"
    )
    terminated_on = models.DateField(_("termination date"))
    reason = models.TextField(_("reason"), blank=True)
    channel = models.CharField(_("how the client terminated"), max_length=16, choices=Channel.choices)
    letter_date = models.DateField(_("date of the client's letter"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    # The settlement as the client saw it (billing.services.settlement.Settlement.as_data()).
    settlement = models.JSONField(_("settlement"), default=dict)
    balance = models.DecimalField(
        _("balance, roubles (+ due by the client, − refund)"), max_digits=14, decimal_places=2
    )
    cancelled = models.JSONField(_("what was cancelled"), default=dict, blank=True)
    final_act_issued_at = models.DateTimeField(_("final act issued"), null=True, blank=True)
    final_act = models.ForeignKey(
        "billing.Act", verbose_name=_("final act"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("termination")
        verbose_name_plural = _("terminations")
        ordering = ["-recorded_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.matter_id} {self.terminated_on}"

    @property
    def awaiting_final_act(self) -> bool:
        return self.final_act_issued_at is None
